// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "endpointclient.h"
#include "result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

// One service the relay forwards: a relay port, published on a random 127.0.0.1 port, to CONTAINER:PORT.
struct RelayTarget
{
    QString container;  // its DNS name on the cluster's network, resolved at each new connection
    int containerPort = 0;
    QString address;    // its address there when discovered: used only on a network that never resolved the name
    int relayPort = 0;  // the relay container's own port for it
    bool operator==(const RelayTarget&) const = default;
};

// How to start the relay of one cluster: everything `docker run` needs, built from what discovery found.
struct RelayPlan
{
    QString cluster;
    QString containerName;
    QString network;
    QString image; // a Patroni container's image: Patroni is Python, so it has python3
    QString owner; // "HOST/PID" of the process that starts it
    QList<RelayTarget> targets;

    // `docker run -i --rm …`: attached to the owner's standard input, so the relay ends (and is removed) when its
    // owner does, also when the owner crashes.
    QStringList runArguments() const;

    // The first relay port; each target gets the next one.
    static constexpr int FirstRelayPort = 20000;
    // Fails with the reason when the cluster cannot have a relay (no shared network, no Patroni image).
    static Result<RelayPlan> make(const DiscoveredCluster& cluster, const QList<Endpoint>& services, const QString& owner,
                                  int sequence);
};

// A relay container of a cluster that publishes only HAProxy (like the Patroni repository's demo): one long-lived
// helper on the cluster's network, started from the cluster's own Patroni image with a small Python forwarder, that
// publishes one random 127.0.0.1 port per Patroni REST API, etcd client API and HAProxy statistics page. The
// observer then reads them over HTTP like published ports, instead of one `docker exec … curl` per source per poll.
// Labelled org.patroni-lab.relay=CLUSTER, so that discovery never counts it as a member and a stale one is found.
class ObservationRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObservationRelay)
public:
    enum class State { Starting, Ready, Unavailable };

    // The relay of this cluster in this process, shared by every observer of it (the window's and a scenario's):
    // the first one starts it, it is removed when the last one lets go. A relay that ended is replaced by a new one.
    // Check state() first: it may be Unavailable (with reason()) or Ready already.
    static std::shared_ptr<ObservationRelay> acquire(const DiscoveredCluster& cluster, const QList<Endpoint>& services,
                                                     const DockerCli& docker);

    ~ObservationRelay() override;

    State state() const { return m_state; }
    QString reason() const { return m_reason; }
    const RelayPlan& plan() const { return m_plan; }
    // The 127.0.0.1 port that reaches CONTAINER:PORT through the relay, 0 when it does not (yet).
    int hostPort(const QString& container, int containerPort) const;

    static QString clusterLabel() { return QStringLiteral("org.patroni-lab.relay"); }
    static QString ownerLabel() { return QStringLiteral("org.patroni-lab.relay.owner"); }
    static bool isRelay(const ContainerInfo& container) { return container.labels.contains(clusterLabel()); }
    // "HOST/PID" of this process.
    static QString thisOwner();
    // The forwarder the relay runs (python3 -c SCRIPT LISTEN,NAME,PORT,ADDRESS …): prints "ready" once it listens,
    // exits when its standard input ends.
    static QString forwarderScript();
    // `docker port RELAY`: relay port -> 127.0.0.1 port ("20000/tcp -> 127.0.0.1:32770" per line).
    static Result<QHash<int, int>> parsePortOutput(const QByteArray& output);
    // The relays of `docker ps --format '{{json .}}'` output that nobody uses any more: not running, or started by a
    // process of this host that is gone. Relays of other hosts and of live processes are left alone.
    static QStringList staleRelays(const QList<ContainerInfo>& relays, const QString& thisHost,
                                   const std::function<bool(qint64)>& processAlive);
    static bool processAlive(qint64 pid);

signals:
    void ready();
    // It could not start, or it ended: the observer goes back to docker exec.
    void unavailable(const QString& reason);
    // Something worth one line in the log (a stale relay that was removed).
    void note(const QString& text);

private:
    ObservationRelay(RelayPlan plan, const DockerCli& docker);
    void start();
    void removeStaleRelays();
    void run();
    void readPorts();
    void fail(const QString& reason);
    void shutdown();

    RelayPlan m_plan;
    DockerCli m_docker;
    State m_state = State::Starting;
    QString m_reason;
    QPointer<ProcessJob> m_run;
    QHash<int, int> m_hostPorts; // relay port -> 127.0.0.1 port
    QTimer m_startDeadline;
};
