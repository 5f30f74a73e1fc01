// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "endpointclient.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>

class QNetworkAccessManager;

// Watches one cluster: every period it asks each source that is not still busy — docker ps, Patroni /cluster
// (falling back across members), each member's /patroni, each etcd member's /health and raft status, HAProxy's
// stats — and turns what changed into ClusterEvents. Sources are independent: a frozen node only delays itself.
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
    };

    ClusterObserver(const DiscoveredCluster& cluster, const DockerCli& docker, const Options& options,
                    QObject* parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // Every source has answered or failed at least once (firstRoundCompleted has been emitted).
    bool hasCompleteState() const { return m_firstRoundDone; }
    const ClusterState& state() const { return m_state; }
    const DiscoveredCluster& cluster() const { return m_cluster; }
    // "http" when every source uses a published port, "docker exec" when none does, else "mixed".
    QString transportDescription() const;
    // How long the last complete round of all sources took, in ms (the cost of one poll cycle).
    qint64 lastRoundMs() const { return m_lastRoundMs; }
    // Patroni's dynamic configuration (GET /config: ttl, loop_wait, retry_timeout ...) from the first member that
    // answers; patroniConfigReceived follows, with an empty object when none does.
    void requestPatroniConfig();

signals:
    void eventOccurred(const ClusterEvent& event);
    void stateChanged(const ClusterState& state);
    // Every source has answered or failed at least once: the state is complete for the first time.
    void firstRoundCompleted(const ClusterState& state);
    void roundCompleted(qint64 roundMs);
    void patroniConfigReceived(const QJsonObject& config);

private:
    struct Source
    {
        bool inFlight = false;
        bool reported = false;
    };

    void tick();
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

    Source m_containersSource;
    Source m_clusterSource;
    QList<Source> m_nodeSources;
    QList<Source> m_etcdSources;
    Source m_haproxySource;
    int m_preferredPatroni = 0;

    std::optional<PatroniCluster> m_lastCluster;
    QHash<QString, PatroniNodeStatus> m_nodeStatuses;
    QHash<QString, QString> m_containersByMember;
    QList<EtcdMemberState> m_etcdMembers;
    bool m_patroniEverSeen = false;
    bool m_haproxyEverSeen = false;

    ClusterState m_state;
    bool m_firstRoundDone = false;
    qint64 m_roundStartedNs = 0;
    qint64 m_lastRoundMs = 0;
};
