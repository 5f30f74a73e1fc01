// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processjob.h"

#include <QString>
#include <QStringList>

class QObject;

// How compose is invoked on this machine: Docker Desktop and current engines ship the v2 plugin
// (`docker compose`); older Linux installs only have the v1 standalone `docker-compose`.
struct ComposeCommand
{
    enum class Flavour { Unknown, V2Plugin, V1Standalone };

    Flavour flavour = Flavour::Unknown;
    QString program;
    QStringList leadingArguments;

    bool isKnown() const { return flavour != Flavour::Unknown; }
    QString displayName() const;
    // program + leading arguments + "-p PROJECT -f FILE" + arguments.
    QStringList argumentsFor(const QString& project, const QString& composeFile, const QStringList& arguments) const;
};

// The docker CLI as configured for this app: which executable, and how its failures read to a person.
class DockerCli
{
public:
    // PATRONI_LAB_DOCKER overrides the executable (a full path, or e.g. "podman").
    DockerCli();
    explicit DockerCli(QString executable)
        : m_executable(std::move(executable))
    {
    }

    const QString& executable() const { return m_executable; }

    ProcessJob* job(const QStringList& arguments, QObject* parent,
                    std::chrono::milliseconds timeout = ProcessJob::DefaultTimeout) const;

    // The candidates to probe, in order: `docker compose version` then `docker-compose version`.
    // PATRONI_LAB_COMPOSE ("docker compose" or "docker-compose") forces one.
    QList<ComposeCommand> composeCandidates() const;
    static QStringList composeVersionArguments() { return {QStringLiteral("version")}; }

    // One line that says what failed and how to fix it, for the CLI and the GUI alike.
    static QString explainFailure(const ProcessResult& result);
    // True when the failure means Docker itself is unusable (missing CLI, daemon down, no permission).
    static bool isDockerUnavailable(const ProcessResult& result);

private:
    // The faults' own failures: a helper container (missing image, target not running, refused) or docker update.
    static QString explainHelperFailure(const ProcessResult& result);

    QString m_executable;
};
