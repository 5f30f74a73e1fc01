// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterobserver.h"

#include "etcdapi.h"
#include "labclock.h"
#include "observationrelay.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace {

constexpr int PatroniRestPort = 8008;
constexpr int EtcdClientPort = 2379;
constexpr int HaproxyStatsPort = 7000;

bool relayIsTheDefault = true;

QString portKey(const QString& container, int containerPort)
{
    return container + u':' + QString::number(containerPort);
}

Endpoint endpointFor(const ContainerDetails& container, int containerPort)
{
    Endpoint endpoint;
    endpoint.container = container.info.name;
    endpoint.service = container.info.composeService().isEmpty() ? container.hostname : container.info.composeService();
    endpoint.containerPort = containerPort;
    endpoint.loopbackPort = container.info.loopbackPort(containerPort);
    return endpoint;
}

} // namespace

ClusterObserver::ClusterObserver(const DiscoveredCluster& cluster, const DockerCli& docker, const Options& options,
                                 QObject* parent)
    : QObject(parent)
    , m_cluster(cluster)
    , m_docker(docker)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
    , m_client(new EndpointClient(m_network, docker, options.transport, this))
{
    for (const ContainerDetails* container : m_cluster.components(ContainerInfo::Component::Patroni)) {
        m_patroniEndpoints << endpointFor(*container, PatroniRestPort);
        m_containersByMember.insert(m_patroniEndpoints.last().service, container->info.name);
    }
    for (const ContainerDetails* container : m_cluster.components(ContainerInfo::Component::Etcd)) {
        m_etcdEndpoints << endpointFor(*container, EtcdClientPort);
        EtcdMemberState member;
        member.name = m_etcdEndpoints.last().service;
        member.container = container->info.name;
        member.error = QStringLiteral("not asked yet");
        m_etcdMembers << member;
    }
    const QList<const ContainerDetails*> haproxies = m_cluster.components(ContainerInfo::Component::Haproxy);
    if (!haproxies.isEmpty()) {
        m_haproxyEndpoint = endpointFor(*haproxies.first(), HaproxyStatsPort);
    }
    m_nodeSources.resize(m_patroniEndpoints.size());
    m_etcdSources.resize(m_etcdEndpoints.size());
    m_timer.setInterval(m_options.period);
    connect(&m_timer, &QTimer::timeout, this, &ClusterObserver::tick);
}

ClusterObserver::~ClusterObserver() = default;

bool ClusterObserver::relayByDefault()
{
    return relayIsTheDefault;
}

void ClusterObserver::setRelayByDefault(bool relay)
{
    relayIsTheDefault = relay;
}

QList<Endpoint> ClusterObserver::allEndpoints() const
{
    QList<Endpoint> all = m_patroniEndpoints + m_etcdEndpoints;
    if (m_haproxyEndpoint) {
        all << *m_haproxyEndpoint;
    }
    return all;
}

QString ClusterObserver::transportDescription() const
{
    int exec = 0;
    int relayed = 0;
    int total = 0;
    for (const Endpoint& endpoint : allEndpoints()) {
        const Endpoint routed = route(endpoint);
        ++total;
        if (m_client->usesExec(routed)) {
            ++exec;
        } else if (routed.loopbackPort != endpoint.loopbackPort) {
            ++relayed;
        }
    }
    if (exec == 0) {
        return relayed == 0 ? QStringLiteral("http") : QStringLiteral("relay");
    }
    return exec == total ? QStringLiteral("docker exec") : QStringLiteral("mixed");
}

void ClusterObserver::start()
{
    m_timer.start();
    if (!m_relay && m_options.relay && m_options.transport == EndpointClient::Transport::Auto) {
        m_relayPorts.clear();
        m_relayContainer.clear();
        m_relayNetwork.clear();
        startRelay(true);
    }
    tick();
}

void ClusterObserver::stop()
{
    m_timer.stop();
    m_waitingForRelay = false;
    m_relayDroppedForGoneCluster = false;
    // Lets go of the relay (removed when no other observer of this process uses it); what it forwarded is kept, so
    // transportDescription() still says how this observation was made.
    if (m_relay) {
        m_relay->disconnect(this);
        m_relay.reset();
    }
}

void ClusterObserver::startRelay(bool holdPolling)
{
    QList<Endpoint> unpublished;
    for (const Endpoint& endpoint : allEndpoints()) {
        if (endpoint.loopbackPort == 0) {
            unpublished << endpoint;
        }
    }
    if (unpublished.isEmpty()) {
        return;
    }
    m_relay = ObservationRelay::acquire(m_cluster, unpublished, m_docker);
    if (m_relay->state() == ObservationRelay::State::Unavailable) {
        const QString reason = m_relay->reason();
        m_relay.reset();
        emit relayUnavailable(reason);
        return;
    }
    connect(m_relay.get(), &ObservationRelay::ready, this, &ClusterObserver::useRelay);
    connect(m_relay.get(), &ObservationRelay::unavailable, this, &ClusterObserver::dropRelay);
    connect(m_relay.get(), &ObservationRelay::note, this, &ClusterObserver::relayNote);
    if (m_relay->state() == ObservationRelay::State::Ready) {
        useRelay();
        return;
    }
    // Polling through docker exec meanwhile would only slow the docker daemon that is starting the relay.
    m_waitingForRelay = holdPolling;
}

void ClusterObserver::useRelay()
{
    m_relayPorts.clear();
    for (const Endpoint& endpoint : allEndpoints()) {
        const int port = endpoint.loopbackPort == 0 ? m_relay->hostPort(endpoint.container, endpoint.containerPort) : 0;
        if (port > 0) {
            m_relayPorts.insert(portKey(endpoint.container, endpoint.containerPort), port);
        }
    }
    m_relayContainer = m_relay->plan().containerName;
    m_relayNetwork = m_relay->plan().network;
    emit relayStarted(m_relayContainer, m_relayNetwork);
    if (m_waitingForRelay) {
        m_waitingForRelay = false;
        tick();
    }
}

void ClusterObserver::dropRelay(const QString& reason)
{
    if (m_relay) {
        m_relay->disconnect(this);
        m_relay.reset();
    }
    m_relayPorts.clear();
    m_relayContainer.clear();
    m_relayNetwork.clear();
    emit relayUnavailable(reason);
    if (m_waitingForRelay) {
        m_waitingForRelay = false;
        tick();
    }
}

Endpoint ClusterObserver::route(const Endpoint& endpoint) const
{
    if (endpoint.loopbackPort != 0 || m_relayPorts.isEmpty()) {
        return endpoint;
    }
    const int port = m_relayPorts.value(portKey(endpoint.container, endpoint.containerPort));
    if (port == 0 || cutOffFromRelay(endpoint.container)) {
        return endpoint;
    }
    Endpoint relayed = endpoint;
    relayed.loopbackPort = port;
    return relayed;
}

bool ClusterObserver::cutOffFromRelay(const QString& container) const
{
    // A running node that `docker network disconnect` took off the relay's network: the relay cannot reach it (nor
    // could a published port), docker exec still can, and its own view (an old leader that still thinks it leads)
    // is what a partition experiment is about.
    if (!m_state.containers) {
        return false;
    }
    for (const ContainerInfo& info : *m_state.containers) {
        if (info.name == container) {
            return info.networksKnown && info.state == ContainerInfo::State::Running && !info.networks.contains(m_relayNetwork);
        }
    }
    return false;
}

std::chrono::milliseconds ClusterObserver::timeoutFor(const Endpoint& endpoint) const
{
    return m_client->usesExec(endpoint) ? m_options.execTimeout : m_options.httpTimeout;
}

void ClusterObserver::tick()
{
    if (m_waitingForRelay) {
        return;
    }
    if (m_roundStartedNs == 0) {
        m_roundStartedNs = LabClock::nowNs();
    }
    if (!m_containersSource.inFlight) {
        pollContainers();
    }
    if (!m_clusterSource.inFlight && !m_patroniEndpoints.isEmpty()) {
        m_clusterSource.inFlight = true;
        pollPatroniCluster(0);
    }
    for (int i = 0; i < m_patroniEndpoints.size(); ++i) {
        if (!m_nodeSources[i].inFlight) {
            pollPatroniNode(i);
        }
    }
    for (int i = 0; i < m_etcdEndpoints.size(); ++i) {
        if (!m_etcdSources[i].inFlight) {
            pollEtcd(i);
        }
    }
    if (m_haproxyEndpoint && !m_haproxySource.inFlight) {
        pollHaproxy();
    }
}

void ClusterObserver::sourceDone(Source& source)
{
    source.inFlight = false;
    source.reported = true;
    bool allIdle = !m_containersSource.inFlight && !m_clusterSource.inFlight && !m_haproxySource.inFlight;
    for (const Source& node : m_nodeSources) {
        allIdle = allIdle && !node.inFlight;
    }
    for (const Source& etcd : m_etcdSources) {
        allIdle = allIdle && !etcd.inFlight;
    }
    if (allIdle && m_roundStartedNs != 0) {
        m_lastRoundMs = (LabClock::nowNs() - m_roundStartedNs) / 1'000'000;
        m_roundStartedNs = 0;
        emit roundCompleted(m_lastRoundMs);
    }
    if (m_firstRoundDone) {
        return;
    }
    bool all = m_containersSource.reported && (m_patroniEndpoints.isEmpty() || m_clusterSource.reported)
        && (!m_haproxyEndpoint || m_haproxySource.reported);
    for (const Source& node : m_nodeSources) {
        all = all && node.reported;
    }
    for (const Source& etcd : m_etcdSources) {
        all = all && etcd.reported;
    }
    if (all) {
        m_firstRoundDone = true;
        m_state.etcd = m_etcdMembers;
        emit firstRoundCompleted(m_state);
    }
}

void ClusterObserver::publish(const QList<ClusterEvent>& events)
{
    for (const ClusterEvent& event : events) {
        emit eventOccurred(event);
    }
    emit stateChanged(m_state);
}

void ClusterObserver::pollContainers()
{
    m_containersSource.inFlight = true;
    ProcessJob* job = m_docker.job(QStringList{QStringLiteral("ps"), QStringLiteral("-a")} + m_cluster.psFilterArguments()
                                       + QStringList{QStringLiteral("--format"), QStringLiteral("{{json .}}")},
                                   this, m_options.execTimeout);
    connect(job, &ProcessJob::finished, this, [this, job](const ProcessResult& result) {
        job->deleteLater();
        auto parsed = result.succeeded() ? DockerPs::parse(result.standardOutput)
                                         : Result<QList<ContainerInfo>>::failure(DockerCli::explainFailure(result));
        if (parsed.ok()) {
            QList<ContainerInfo> containers;
            for (const ContainerInfo& container : parsed.value()) {
                if (m_cluster.belongs(container)) {
                    containers << container;
                }
            }
            std::sort(containers.begin(), containers.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
            // A relay on the network of a cluster that is gone would keep `docker compose down` from removing that
            // network: let it go, and start one again when the cluster is back.
            if (containers.isEmpty() && m_relay) {
                m_relayDroppedForGoneCluster = true;
                dropRelay(tr("none of the cluster's containers exists any more, so the relay is removed (the cluster's "
                             "network can be removed now)"));
            } else if (!containers.isEmpty() && m_relayDroppedForGoneCluster && m_timer.isActive()) {
                m_relayDroppedForGoneCluster = false;
                startRelay(false);
            }
            const QList<ClusterEvent> events =
                m_state.containers ? ClusterDiff::containers(*m_state.containers, containers) : QList<ClusterEvent>{};
            m_state.containers = containers;
            publish(events);
            rebuildMembers(); // a member whose container stopped is down whatever /cluster still says
        }
        sourceDone(m_containersSource);
    });
    job->start();
}

void ClusterObserver::pollPatroniCluster(int attempt)
{
    const int index = (m_preferredPatroni + attempt) % m_patroniEndpoints.size();
    const Endpoint endpoint = route(m_patroniEndpoints.at(index));
    const qint64 requestedNs = LabClock::nowNs();
    m_client->request(endpoint, "GET", QStringLiteral("/cluster"), {}, timeoutFor(endpoint),
                      [this, attempt, index, requestedNs](const EndpointReply& reply) {
                          m_answerRequestedNs = requestedNs;
                          auto parsed = reply.httpStatus == 200 ? PatroniApi::parseCluster(reply.body)
                                                                : Result<PatroniCluster>::failure(reply.error);
                          if (parsed.ok()) {
                              m_preferredPatroni = index;
                              m_lastCluster = parsed.value();
                              m_state.scope = parsed.value().scope;
                              rebuildMembers();
                              sourceDone(m_clusterSource);
                              return;
                          }
                          // A stopped or frozen member must not hide the cluster: ask the next one.
                          if (attempt + 1 < m_patroniEndpoints.size()) {
                              pollPatroniCluster(attempt + 1);
                              return;
                          }
                          m_lastCluster.reset();
                          rebuildMembers();
                          sourceDone(m_clusterSource);
                      });
}

void ClusterObserver::pollPatroniNode(int index)
{
    m_nodeSources[index].inFlight = true;
    const Endpoint endpoint = route(m_patroniEndpoints.at(index));
    const qint64 requestedNs = LabClock::nowNs();
    m_client->request(endpoint, "GET", QStringLiteral("/patroni"), {}, timeoutFor(endpoint),
                      [this, index, endpoint, requestedNs](const EndpointReply& reply) {
        m_answerRequestedNs = requestedNs;
        auto parsed = reply.httpStatus == 200 ? PatroniApi::parseNodeStatus(reply.body)
                                              : Result<PatroniNodeStatus>::failure(reply.error);
        // Patroni 3.0 does not say its own name: the compose service (= member name in the lab and the demo) does.
        if (parsed.ok()) {
            const QString name = parsed.value().name.isEmpty() ? endpoint.service : parsed.value().name;
            m_nodeStatuses.insert(name, parsed.value());
            m_containersByMember.insert(name, endpoint.container);
        } else {
            m_nodeStatuses.remove(endpoint.service);
        }
        rebuildMembers();
        sourceDone(m_nodeSources[index]);
    });
}

void ClusterObserver::rebuildMembers()
{
    std::optional<QList<MemberState>> members;
    if (m_lastCluster) {
        members = buildMemberStates(*m_lastCluster, m_nodeStatuses, m_containersByMember);
        markDownMembers(*members, m_state.containers, m_lastRunningRoles);
    }
    QList<ClusterEvent> events;
    if (m_patroniEverSeen) {
        events = ClusterDiff::members(m_state.members, members);
        if (!m_state.members && members) {
            events.prepend(ClusterEvent::make(ClusterEvent::Kind::PatroniReachable));
        }
    }
    m_patroniEverSeen = m_patroniEverSeen || members.has_value();
    if (members == m_state.members && events.isEmpty()) {
        return;
    }
    m_state.members = members;
    publish(events);
}

void ClusterObserver::pollEtcd(int index)
{
    m_etcdSources[index].inFlight = true;
    const Endpoint endpoint = route(m_etcdEndpoints.at(index));
    const auto finish = [this, index](bool reachable, bool healthy, const QString& error, const std::optional<EtcdMemberRaft>& raft) {
        EtcdMemberState updated = m_etcdMembers.at(index);
        updated.reachable = reachable;
        updated.healthy = healthy;
        updated.error = healthy ? QString() : error;
        updated.raftLeader = raft && raft->isLeader();
        updated.raftTerm = raft ? raft->raftTerm : updated.raftTerm;
        updated.version = raft && !raft->version.isEmpty() ? raft->version : updated.version;
        const QList<EtcdMemberState> before = m_etcdMembers;
        m_etcdMembers[index] = updated;
        if (m_firstRoundDone) {
            const QList<ClusterEvent> events = ClusterDiff::etcd(before, m_etcdMembers);
            m_state.etcd = m_etcdMembers;
            if (!events.isEmpty() || before != m_etcdMembers) {
                publish(events);
            }
        }
        sourceDone(m_etcdSources[index]);
    };

    m_client->request(endpoint, "GET", QStringLiteral("/health"), {}, timeoutFor(endpoint),
                      [this, endpoint, finish](const EndpointReply& health) {
        if (!health.answered()) {
            finish(false, false, QStringLiteral("no answer (%1)").arg(health.error), std::nullopt);
            return;
        }
        const auto parsed = EtcdApi::parseHealth(health.body);
        const bool healthy = health.httpStatus == 200 && parsed.ok() && parsed.value().healthy;
        const QString error = parsed.ok() ? QStringLiteral("HTTP %1, %2")
                                                .arg(health.httpStatus)
                                                .arg(parsed.value().reason.isEmpty() ? QStringLiteral("no raft leader")
                                                                                     : parsed.value().reason)
                                          : parsed.error();
        const auto askStatus = [this, endpoint, healthy, error, finish](const QString& prefix) {
            m_client->request(endpoint, "POST", prefix + QStringLiteral("/maintenance/status"), "{}", timeoutFor(endpoint),
                              [healthy, error, finish](const EndpointReply& status) {
                                  const auto raft = EtcdApi::parseMaintenanceStatus(status.body);
                                  finish(true, healthy, error, raft.ok() ? std::optional(raft.value()) : std::nullopt);
                              });
        };
        const QString prefix = m_etcdPrefixes.value(endpoint.container);
        if (!prefix.isEmpty()) {
            askStatus(prefix);
            return;
        }
        // The JSON gateway's prefix depends on the etcd version (/v3beta on the demo's 3.3, /v3 from 3.4).
        m_client->request(endpoint, "GET", QStringLiteral("/version"), {}, timeoutFor(endpoint),
                          [this, endpoint, askStatus, healthy, error, finish](const EndpointReply& version) {
                              const auto found = EtcdApi::gatewayPrefixFromVersion(version.body);
                              if (!found.ok()) {
                                  finish(true, healthy, error, std::nullopt);
                                  return;
                              }
                              m_etcdPrefixes.insert(endpoint.container, found.value());
                              askStatus(found.value());
                          });
    });
}

QStringList ClusterObserver::patroniMembers() const
{
    QStringList members;
    for (const Endpoint& endpoint : m_patroniEndpoints) {
        members << endpoint.service;
    }
    return members;
}

void ClusterObserver::requestPatroni(const QString& member, const QByteArray& method, const QString& path,
                                     const QByteArray& body, const BasicCredentials& credentials,
                                     const std::function<void(const EndpointReply&)>& done)
{
    for (const Endpoint& endpoint : std::as_const(m_patroniEndpoints)) {
        if (endpoint.service == member) {
            const Endpoint routed = route(endpoint);
            m_client->request(routed, method, path, body, timeoutFor(routed), credentials, done);
            return;
        }
    }
    EndpointReply none;
    none.error = tr("cluster '%1' has no Patroni member %2").arg(m_cluster.name, member);
    done(none);
}

void ClusterObserver::requestPatroniConfig()
{
    askPatroniConfig(0);
}

void ClusterObserver::askPatroniConfig(int index)
{
    if (index >= m_patroniEndpoints.size()) {
        emit patroniConfigReceived({});
        return;
    }
    const Endpoint endpoint = route(m_patroniEndpoints.at(index));
    m_client->request(endpoint, "GET", QStringLiteral("/config"), {}, timeoutFor(endpoint), [this, index](const EndpointReply& reply) {
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        if (reply.httpStatus == 200 && document.isObject()) {
            emit patroniConfigReceived(document.object());
        } else {
            askPatroniConfig(index + 1);
        }
    });
}

void ClusterObserver::pollHaproxy()
{
    m_haproxySource.inFlight = true;
    const Endpoint endpoint = route(*m_haproxyEndpoint);
    m_client->request(endpoint, "GET", QStringLiteral("/;csv"), {}, timeoutFor(endpoint),
                      [this](const EndpointReply& reply) {
        std::optional<QList<HaproxyBackendState>> backends;
        if (reply.httpStatus == 200) {
            const auto parsed = HaproxyStatsParser::parse(reply.body);
            if (parsed.ok()) {
                backends = buildBackendStates(parsed.value());
            }
        }
        QList<ClusterEvent> events;
        if (m_haproxyEverSeen) {
            events = ClusterDiff::haproxy(m_state.haproxy, backends);
            if (!m_state.haproxy && backends) {
                events.prepend(ClusterEvent::make(ClusterEvent::Kind::HaproxyReachable));
            }
        }
        m_haproxyEverSeen = m_haproxyEverSeen || backends.has_value();
        const bool changed = backends != m_state.haproxy;
        m_state.haproxy = backends;
        if (changed || !events.isEmpty()) {
            publish(events);
        }
        sourceDone(m_haproxySource);
    });
}
