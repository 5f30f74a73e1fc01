// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"

#include <QObject>
#include <QStringList>

#include <optional>

// The faults a student can inject, each exactly one docker command.
enum class NodeAction { Stop, Start, Restart, Kill, Pause, Unpause, Disconnect, Connect };

struct NodeActionRequest
{
    NodeAction action = NodeAction::Stop;
    QString container;
    int graceSeconds = 10;                    // stop, restart: SIGTERM, then SIGKILL after this many seconds
    QString signal = QStringLiteral("KILL");  // kill
    QString network;                          // disconnect, connect
    QStringList aliases;                      // connect: DNS names the other nodes use (the compose service)
    QString ipv4Address;                      // connect: the container's fixed address (the lab's nodes have one)
};

namespace NodeActions {

QString name(NodeAction action);
std::optional<NodeAction> fromName(const QString& name);
QStringList names();
// The docker arguments, as a student would type them after "docker".
QStringList dockerArguments(const NodeActionRequest& request);
// The reverse, for a command read back from a run's faults: the node actions a docker command line performs, one
// per container ("docker start a b" starts two). The first word (the docker executable, by whatever path) is not
// looked at. Empty for a command that is no node action (a switchover, `docker ps`).
QList<NodeActionRequest> fromCommandLine(const QString& commandLine);

} // namespace NodeActions

// Runs node actions through the docker CLI asynchronously. Every command it runs is reported through
// commandFinished() with its command line, exit code, duration and stderr, so it can be journaled and shown.
class DockerRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerRuntime)
public:
    explicit DockerRuntime(QObject* parent = nullptr);
    explicit DockerRuntime(const DockerCli& docker, QObject* parent = nullptr);

    const DockerCli& docker() const { return m_docker; }
    // Starts the action; the job deletes itself after finishing. Cancel it through the returned pointer.
    ProcessJob* run(const NodeActionRequest& request);

signals:
    void commandFinished(const ProcessResult& result);
    void actionFinished(const NodeActionRequest& request, const ProcessResult& result);

private:
    DockerCli m_docker;
};
