// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "endpointclient.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

class ObservationRelay;
class QNetworkAccessManager;

// Watches one cluster: every period it asks each source that is not still busy — docker ps, Patroni /cluster
// (falling back across members), each member's /patroni, each etcd member's /health and raft status, HAProxy's
// stats — and turns what changed into ClusterEvents. Sources are independent: a frozen node only delays itself.
// Sources whose ports are not published on 127.0.0.1 are read through a relay container (see ObservationRelay)
// when one can run, otherwise through docker exec; a node cut off from the cluster's network is read through docker
// exec, since a relay on that network cannot reach it.
class ClusterObserver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterObserver)
public:
    struct Options
    {
        std::chrono::milliseconds period{500};
        EndpointClient::Transport transport = EndpointClient::Transport::Auto;
        // etcd's /health itself waits up to 1 s for a quorum read before it answers 503.
        std::chrono::milliseconds httpTimeout{2000};
        std::chrono::milliseconds execTimeout{3000};
        // With Transport::Auto: reach unpublished sources through a relay container (see relayByDefault).
        bool relay = relayByDefault();
    };

    // What Options::relay starts as in this process: the user's choice (patroni-lab-cli --no-relay, the cluster
    // dialog's setting), so that every observer of the app follows it, a scenario's as well as the window's.
    static bool relayByDefault();
    static void setRelayByDefault(bool relay);

    ClusterObserver(const DiscoveredCluster& cluster, const DockerCli& docker, const Options& options,
                    QObject* parent = nullptr);
    ~ClusterObserver() override;

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // Every source has answered or failed at least once (firstRoundCompleted has been emitted).
    bool hasCompleteState() const { return m_firstRoundDone; }
    const ClusterState& state() const { return m_state; }
    const DiscoveredCluster& cluster() const { return m_cluster; }
    // "http" when every source uses a published port, "docker exec" when none does, "relay" when the others go
    // through the relay, else "mixed" (e.g. the relay with docker exec for a node cut off from the network).
    QString transportDescription() const;
    // The relay container and its network while sources go through it; empty otherwise.
    QString relayContainer() const { return m_relayContainer; }
    QString relayNetwork() const { return m_relayNetwork; }
    // How long the last complete round of all sources took, in ms (the cost of one poll cycle).
    qint64 lastRoundMs() const { return m_lastRoundMs; }
    // While member events are emitted: when the request whose answer showed the change was sent (LabClock). An
    // event's latency is the wait for the next poll (before this) plus the request's own time (after it).
    qint64 answerRequestedNs() const { return m_answerRequestedNs; }
    // Patroni's dynamic configuration (GET /config: ttl, loop_wait, retry_timeout ...) from the first member that
    // answers; patroniConfigReceived follows, with an empty object when none does.
    void requestPatroniConfig();
    // The Patroni members (compose services) whose REST APIs the observer reads, in discovery order.
    QStringList patroniMembers() const;
    // One request to a member's REST API over the observer's transport (published port, relay or docker exec); a
    // member this cluster does not have gets a reply with no HTTP status and the reason.
    void requestPatroni(const QString& member, const QByteArray& method, const QString& path, const QByteArray& body,
                        const BasicCredentials& credentials, const std::function<void(const EndpointReply&)>& done);

signals:
    void eventOccurred(const ClusterEvent& event);
    void stateChanged(const ClusterState& state);
    // Every source has answered or failed at least once: the state is complete for the first time.
    void firstRoundCompleted(const ClusterState& state);
    void roundCompleted(qint64 roundMs);
    void patroniConfigReceived(const QJsonObject& config);
    // The relay runs: unpublished sources are read through it from now on.
    void relayStarted(const QString& container, const QString& network);
    // Unpublished sources are read through docker exec because the relay could not start or ended, and why.
    void relayUnavailable(const QString& reason);
    // One line worth the log about the relay (a stale one removed).
    void relayNote(const QString& text);

private:
    struct Source
    {
        bool inFlight = false;
        bool reported = false;
    };

    void tick();
    void startRelay(bool holdPolling);
    void useRelay();
    void dropRelay(const QString& reason);
    // The endpoint a request takes now: the relay's port for an unpublished source when the relay reaches it.
    Endpoint route(const Endpoint& endpoint) const;
    bool cutOffFromRelay(const QString& container) const;
    void pollContainers();
    void pollPatroniCluster(int attempt);
    void pollPatroniNode(int index);
    void pollEtcd(int index);
    void pollHaproxy();
    void askPatroniConfig(int index);
    void sourceDone(Source& source);
    void rebuildMembers();
    void publish(const QList<ClusterEvent>& events);
    std::chrono::milliseconds timeoutFor(const Endpoint& endpoint) const;
    QList<Endpoint> allEndpoints() const;

    DiscoveredCluster m_cluster;
    DockerCli m_docker;
    Options m_options;
    QNetworkAccessManager* m_network;
    EndpointClient* m_client;
    QTimer m_timer;

    QList<Endpoint> m_patroniEndpoints;
    QList<Endpoint> m_etcdEndpoints;
    std::optional<Endpoint> m_haproxyEndpoint;
    QHash<QString, QString> m_etcdPrefixes; // container -> /v3, /v3beta ...

    std::shared_ptr<ObservationRelay> m_relay;
    QHash<QString, int> m_relayPorts; // "container:port" -> 127.0.0.1 port, while the relay is ready
    QString m_relayContainer;
    QString m_relayNetwork;
    bool m_waitingForRelay = false;   // the first poll waits for the relay (or its failure)
    bool m_relayDroppedForGoneCluster = false;

    Source m_containersSource;
    Source m_clusterSource;
    QList<Source> m_nodeSources;
    QList<Source> m_etcdSources;
    Source m_haproxySource;
    int m_preferredPatroni = 0;

    std::optional<PatroniCluster> m_lastCluster;
    QHash<QString, PatroniNodeStatus> m_nodeStatuses;
    QHash<QString, QString> m_containersByMember;
    QHash<QString, KnownRole> m_lastRunningRoles; // see markDownMembers
    QList<EtcdMemberState> m_etcdMembers;
    bool m_patroniEverSeen = false;
    bool m_haproxyEverSeen = false;

    ClusterState m_state;
    bool m_firstRoundDone = false;
    qint64 m_roundStartedNs = 0;
    qint64 m_lastRoundMs = 0;
    qint64 m_answerRequestedNs = 0;
};
