// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// faults/: the faults that act inside a container rather than on it — the network's quality, partitions from
// chosen peers, PostgreSQL's or Patroni's process alone, CPU and memory limits — how each is checked, written as a
// docker command, found again in a running cluster, and undone. Depends on the docker layer only.

#include "clusterdiscovery.h"
#include "dockerinspect.h"
#include "dockerruntime.h"
#include "faults/faultparameters.h"
#include "result.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace NodeFaults {

// Every helper container carries this label, so it is never taken for a cluster member and can be cleaned up.
inline QString helperLabel() { return QStringLiteral("org.patroni-lab.fault-helper"); }

// `docker run --rm --pull never --network container:C --pid container:C --cap-add NET_ADMIN IMAGE lab-fault VERB
// ARGS`: the helper joins the target's network and process namespaces (as Pumba does), so the target needs neither
// tc, nft nor NET_ADMIN itself, and what it sets stays in the target when the helper is gone.
QStringList helperArguments(const QString& container, const QString& image, const QString& verb,
                            const QStringList& arguments = {});

// The same rules the helper applies, checked before anything runs. Empty when fine, else one sentence.
using FaultParameters::impairmentError;
using FaultParameters::cpusError;
using FaultParameters::memoryError;
QString peersError(const QStringList& peers);
QString validationError(const NodeActionRequest& request);

// A whole request from words, as the CLI and scenario files give them: impair CONTAINER delay 100 20 loss 5;
// partition CONTAINER with peers etcd1 etcd2 (service or container names of the same cluster: each becomes
// name=address on the cluster's network); limit-cpu CONTAINER 0.2; limit-memory CONTAINER 96m. Checked against the
// same rules as lab-fault's: the error names what is wrong and what is accepted.
Result<NodeActionRequest> buildRequest(const DiscoveredCluster& cluster, NodeAction action, const QString& container,
                                       const QStringList& parameters);
// A container's address on the cluster's shared network (as attached now, else its fixed address); empty if none.
QString addressOf(const DiscoveredCluster& cluster, const ContainerDetails& container);

using FaultParameters::describeImpairment;
using FaultParameters::formatMemory;
using FaultParameters::parseMemory;

} // namespace NodeFaults

// What `lab-fault survey` found in one running container.
struct FaultSurvey
{
    QHash<QString, QString> netem; // interface → netem parameters ("delay 100ms  20ms loss 5%")
    bool partitioned = false;
    QStringList partitionPeers; // addresses
    bool postgresRunning = false;
    bool postgresFrozen = false;
    bool patroniRunning = false;
    QString pid1; // PID 1's command line

    // Patroni is gone while PostgreSQL runs on (possible only where Patroni is not PID 1, as under lab-init).
    bool patroniDeadPostgresLives() const { return !patroniRunning && postgresRunning; }
    bool isImpaired() const { return !netem.isEmpty(); }

    static Result<FaultSurvey> parse(const QByteArray& json);
};

// The Docker host's CPUs and memory (`docker info`): what "no limit" means to `docker update`.
struct HostResources
{
    int cpus = 0;
    qint64 memoryBytes = 0;

    static QStringList infoArguments();
    static Result<HostResources> parse(const QByteArray& output);
};

namespace NodeFaults {

// The injected faults a container shows (its survey, if it runs, and its limits): what Heal all must undo, in the
// order it must: thaw before anything talks to PostgreSQL, remove the partition and the netem qdiscs, lift the
// limits, and restart a node whose Patroni is dead (PostgreSQL must not go on without it).
QList<NodeActionRequest> healActions(const ContainerDetails& container, const FaultSurvey* survey,
                                     const HostResources& host);
// What is injected in a container now, as the requests that would have injected it (for a window that started after
// them: its diagram shows them like its own): netem or its stand-ins as impair, the partition with its peers named
// from the cluster's addresses, frozen PostgreSQL, a dead Patroni beside a living PostgreSQL, the limits.
QList<NodeActionRequest> injectedFaults(const DiscoveredCluster& cluster, const ContainerDetails& container,
                                        const FaultSurvey* survey, const HostResources& host);
// "delay 100ms  20ms loss 5%", "rate 512Kbit (tbf)", "loss 20% (nft)" as impair's words.
QStringList impairmentWords(const QString& surveyed);
// The limits Heal all lifts: a CPU quota, or a memory limit below the host's memory.
bool hasCpuLimit(const ContainerDetails& container, const HostResources& host);
bool hasMemoryLimit(const ContainerDetails& container, const HostResources& host);

} // namespace NodeFaults

// Surveys every running container of a cluster at once (one helper each, in parallel) and asks docker for the
// host's resources: what Heal all needs to find faults this process did not inject, e.g. before a restart.
class FaultSurveyor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultSurveyor)
public:
    FaultSurveyor(const DockerCli& docker, QString helperImage, QObject* parent = nullptr);

    void start(const QList<ContainerDetails>& containers);

signals:
    // errors: one sentence per container that could not be surveyed (it is then healed from docker's view only).
    void finished(const QHash<QString, FaultSurvey>& surveys, const HostResources& host, const QStringList& errors);

private:
    void jobDone();

    DockerCli m_docker;
    QString m_helperImage;
    int m_pending = 0;
    QHash<QString, FaultSurvey> m_surveys;
    HostResources m_host;
    QStringList m_errors;
};
