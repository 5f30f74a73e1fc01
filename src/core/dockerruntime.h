// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"

#include <QObject>
#include <QStringList>

#include <optional>

// The faults a student can inject, each exactly one docker command. Stop … Connect act on the whole container;
// the rest act inside it (see faults/nodefaults.h): the network's quality (netem), a partition from chosen peers,
// PostgreSQL's or Patroni's process alone (from a helper container sharing the target's namespaces), and the
// container's CPU and memory limits (docker update).
enum class NodeAction {
    Stop, Start, Restart, Kill, Pause, Unpause, Disconnect, Connect,
    Impair, Clear, Partition, Unpartition, KillPostgres, FreezePostgres, ThawPostgres, KillPatroni,
    LimitCpu, LimitMemory, Unlimit
};

struct NodeActionRequest
{
    NodeAction action = NodeAction::Stop;
    QString container;
    int graceSeconds = 10;                    // stop, restart: SIGTERM, then SIGKILL after this many seconds
    QString signal = QStringLiteral("KILL");  // kill
    QString network;                          // disconnect, connect
    QStringList aliases;                      // connect: DNS names the other nodes use (the compose service)
    QString ipv4Address;                      // connect: the container's fixed address (the lab's nodes have one)
    QStringList impairment;                   // impair: netem words, e.g. {"delay", "100", "20", "loss", "5"}
    QStringList peers;                        // partition: "name=IPv4 address" of each peer cut off
    QString helperImage;                      // impair … kill-patroni: the image the helper container runs
    double cpus = 0;                          // limit-cpu: CPUs' worth of time (0.2 = a fifth of one core)
    qint64 memoryBytes = 0;                   // limit-memory: the limit; unlimit: the host's memory (0: ask docker)

    // Runs inside the container through a helper container (impair … kill-patroni).
    bool usesHelper() const;
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
// True for the actions that take the container, or a part of it, out of the cluster (for the timeline's lanes).
bool takesDown(NodeAction action);
// What it does with its parameters, as a marker says it: "impair delay 100 ms ±20 ms", "partition from etcd1 etcd2".
QString describe(const NodeActionRequest& request);

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
    ProcessJob* start(const NodeActionRequest& request);

    DockerCli m_docker;
};
