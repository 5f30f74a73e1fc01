// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "haproxyconfig.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// Reads the HAProxy configuration out of a running container and emits the writes listener's check settings.
// Never blocks: every docker call is a ProcessJob. Always finishes, exactly once: when the configuration cannot be
// found, read or understood, it emits HAProxy's defaults with `source` saying why.
//
// The configuration path is the `-f` argument of the haproxy command: first from the container's command
// (docker inspect), then from the command line of its PID 1 (our lab's entrypoint script execs
// `haproxy -f /etc/haproxy/lab.cfg`); failing both, the usual places are tried in turn.
class HaproxyCheckReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HaproxyCheckReader)
public:
    HaproxyCheckReader(const QString& container, const DockerCli& docker, QObject* parent = nullptr);

    // Our lab image, the official haproxy image, Debian's package (and Patroni's Docker demo).
    static QStringList fallbackConfigPaths();
    // The paths after `-f` in a haproxy command given as words (a word may be a whole `sh -c` script).
    static QStringList configPathsFromCommand(const QStringList& words);
    // The same from the JSON that start() asks docker inspect for ({"cmd": [...], "entrypoint": [...], "args": [...]}).
    static QStringList configPathsFromInspect(const QByteArray& json);

    void setListenerHint(const QString& listenerHint) { m_listenerHint = listenerHint; }
    void start();

signals:
    void finished(const HaproxyCheckSettings& settings);

private:
    void runDocker(const QStringList& arguments, const std::function<void(const ProcessResult&)>& onFinished);
    void inspectCommand();
    void readProcessCommandLine();
    void tryNextCandidate();
    void readFile(int index);
    void finishWith(const HaproxyCheckSettings& settings);
    void finishWithDefaults(const QString& reason);

    QString m_container;
    DockerCli m_docker;
    QString m_listenerHint = QStringLiteral("primary");
    // Each candidate is the list of files HAProxy would load together (several -f options make one configuration).
    QList<QStringList> m_candidates;
    QStringList m_currentFiles;
    QByteArray m_currentText;
    QStringList m_rejected; // "path: why" for every candidate tried so far
    bool m_started = false;
    bool m_finished = false;
};
