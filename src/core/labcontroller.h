// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "labdefinition.h"
#include "labstatus.h"
#include "pgwritecheck.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

// Brings a lab up or down through the docker CLI, asynchronously: builds the node image when it is missing,
// runs compose, then waits until Patroni reports one leader and two streaming replicas, etcd is healthy, HAProxy
// routes to the leader and a write through port B succeeds. When that does not happen in time it says which
// container is wrong and shows its last log lines.
class LabController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabController)
public:
    enum ExitCode { Success = 0, Failed = 1, InvalidInput = 2, DockerUnavailable = 3, ScenarioDiffers = 4 };

    struct Outcome
    {
        ExitCode exitCode = Failed;
        QString message;
        bool ok() const { return exitCode == Success; }
    };

    explicit LabController(const LabDefinition& lab, QObject* parent = nullptr);
    ~LabController() override;

    void setReadyTimeout(std::chrono::seconds timeout) { m_readyTimeout = timeout; }
    const LabDefinition& lab() const { return m_lab; }

    void up();
    void down();
    // Only builds the node image when it is missing: fault helpers need it also on clusters the app did not create.
    void buildImage();
    // Stops what runs now and finishes with a "cancelled" outcome; containers already started stay.
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    void progress(const QString& message);
    void commandFinished(const ProcessResult& result);
    void finished(const LabController::Outcome& outcome);

private:
    using Step = std::function<void()>;

    bool begin();
    void prepare(const Step& next);
    void detectCompose(int candidate, const Step& next);
    void ensureImage(const Step& next);
    // An existing lab made from other lab files (an older version of the program) is removed first.
    void replaceOutdated(const Step& next);
    // The lab network's subnet: the existing network's, else a free one (see LabNetwork).
    void chooseNetwork(const Step& next);
    // A docker command whose failure is an answer, not the end of the operation.
    void queryDocker(const QStringList& arguments, const std::function<void(const ProcessResult&)>& done);
    void composeUp();
    void composeDown();
    // Removes the lab's containers and network (its relays first), then goes on.
    void removeLab(const Step& next);
    void verifyRemoved();
    void pollReadiness();
    void onStatus(const LabStatus& status);
    void checkWrite(const LabStatus& status);
    void failWithLogs(const QString& message, QStringList services);
    void runDocker(const QString& program, const QStringList& arguments, std::chrono::milliseconds timeout,
                   const std::function<void(const ProcessResult&)>& onSuccess, bool showOutput = false);
    void finish(ExitCode code, const QString& message);
    QStringList composeArguments(const QStringList& arguments) const;
    QStringList composeDownArguments() const;

    LabDefinition m_lab;
    DockerCli m_docker;
    ComposeCommand m_compose;
    QString m_assetsDirectory;
    QString m_subnet; // e.g. 172.30.55.0/24; empty until chosen (compose's defaults then, enough for `down`)
    QPointer<ProcessJob> m_currentJob;
    QTimer m_pollTimer;
    std::chrono::seconds m_readyTimeout{240};
    qint64 m_deadlineMs = 0;
    QString m_lastWaitMessage;
    QString m_lastWriteError;
    bool m_busy = false;
    quint64 m_generation = 0; // late results of a cancelled run are dropped
};
