// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterstate.h"

#include "labclock.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace {

QString optionalNumber(const std::optional<int>& value)
{
    return value ? QString::number(*value) : QString();
}

template<typename T>
const T* findByName(const QList<T>& list, const QString& name)
{
    const auto it = std::find_if(list.cbegin(), list.cend(), [&](const T& item) { return item.name == name; });
    return it == list.cend() ? nullptr : &*it;
}

QString leaderName(const QList<MemberState>& members)
{
    for (const MemberState& member : members) {
        if (member.isLeader()) {
            return member.name;
        }
    }
    return {};
}

std::optional<int> clusterTimeline(const QList<MemberState>& members)
{
    std::optional<int> highest;
    for (const MemberState& member : members) {
        if (member.isLeader() && member.timeline) {
            return member.timeline;
        }
        if (member.timeline && (!highest || *member.timeline > *highest)) {
            highest = member.timeline;
        }
    }
    return highest;
}

// Sets MemberState::streaming (see buildMemberStates) once every member's role is resolved.
void markStreamingReplicas(QList<MemberState>& members, const QHash<QString, PatroniNodeStatus>& nodeStatuses)
{
    // The leader's walsenders, by the member they serve, when the leader's own /patroni answered.
    QHash<QString, QString> walsenderStates;
    for (const MemberState& member : std::as_const(members)) {
        const auto node = nodeStatuses.constFind(member.name);
        if (member.isLeader() && node != nodeStatuses.cend()) {
            for (const PatroniReplicationConnection& connection : node->replication) {
                walsenderStates.insert(connection.applicationName, connection.state);
            }
        }
    }
    for (MemberState& member : members) {
        const auto node = nodeStatuses.constFind(member.name);
        if (member.isLeader()) {
            member.streaming = false;
        } else if (node != nodeStatuses.cend() && !node->replicationState.isEmpty()) {
            member.streaming = node->replicationState == QLatin1StringView("streaming");
        } else if (member.state == QLatin1StringView("streaming")) {
            member.streaming = true;
        } else {
            member.streaming = member.state == QLatin1StringView("running")
                && walsenderStates.value(member.name) == QLatin1StringView("streaming");
        }
    }
}

bool quorum(const QList<EtcdMemberState>& members)
{
    const auto healthy = std::count_if(members.cbegin(), members.cend(), [](const auto& m) { return m.healthy; });
    return !members.isEmpty() && healthy * 2 > members.size();
}

} // namespace

QString MemberState::displayRole() const
{
    PatroniMember member;
    member.role = role;
    member.roleText = roleText;
    return member.displayRole();
}

const MemberState* ClusterState::leader() const
{
    if (!members) {
        return nullptr;
    }
    const auto it = std::find_if(members->cbegin(), members->cend(), [](const auto& m) { return m.isLeader(); });
    return it == members->cend() ? nullptr : &*it;
}

const MemberState* ClusterState::member(const QString& name) const
{
    return members ? findByName(*members, name) : nullptr;
}

std::optional<int> ClusterState::timeline() const
{
    return members ? clusterTimeline(*members) : std::nullopt;
}

int ClusterState::healthyEtcdCount() const
{
    return etcd ? static_cast<int>(std::count_if(etcd->cbegin(), etcd->cend(), [](const auto& m) { return m.healthy; })) : 0;
}

bool ClusterState::hasEtcdQuorum() const
{
    return etcd && quorum(*etcd);
}

QStringList ClusterState::streamingReplicas() const
{
    QStringList replicas;
    for (const MemberState& member : members.value_or(QList<MemberState>{})) {
        if (member.streaming) {
            replicas << member.name;
        }
    }
    replicas.sort();
    return replicas;
}

QStringList ClusterState::routedServers(const QString& listener) const
{
    QStringList servers;
    if (haproxy) {
        for (const HaproxyBackendState& backend : *haproxy) {
            if (backend.listener == listener && backend.up && backend.server != QLatin1StringView("BACKEND")) {
                servers << backend.server;
            }
        }
    }
    return servers;
}

QJsonObject ClusterState::versions() const
{
    QJsonObject versions;
    for (const MemberState& member : members.value_or(QList<MemberState>{})) {
        if (!member.patroniVersion.isEmpty()) {
            versions.insert(QStringLiteral("patroni"), member.patroniVersion);
        }
        if (member.serverVersion > 0) {
            // 170012 -> 17.12 (PostgreSQL 10+ numbering)
            versions.insert(QStringLiteral("postgresql"),
                            QStringLiteral("%1.%2").arg(member.serverVersion / 10000).arg(member.serverVersion % 10000));
        }
    }
    for (const EtcdMemberState& member : etcd.value_or(QList<EtcdMemberState>{})) {
        if (!member.version.isEmpty()) {
            versions.insert(QStringLiteral("etcd"), member.version);
        }
    }
    return versions;
}

QJsonObject ClusterState::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("scope"), scope);
    object.insert(QStringLiteral("leader"), leader() ? leader()->name : QString());
    if (const auto tl = timeline()) {
        object.insert(QStringLiteral("timeline"), *tl);
    }
    QJsonArray memberArray;
    for (const MemberState& member : members.value_or(QList<MemberState>{})) {
        QJsonObject m{{QStringLiteral("name"), member.name},
                      {QStringLiteral("container"), member.container},
                      {QStringLiteral("host"), member.host},
                      {QStringLiteral("role"), member.displayRole()},
                      {QStringLiteral("state"), member.state},
                      {QStringLiteral("streaming"), member.streaming},
                      {QStringLiteral("api_reachable"), member.apiReachable}};
        if (member.timeline) {
            m.insert(QStringLiteral("timeline"), *member.timeline);
        }
        if (!member.receiveLsn.isEmpty()) {
            m.insert(QStringLiteral("receive_lsn"), member.receiveLsn);
        }
        if (member.receiveLagBytes) {
            m.insert(QStringLiteral("receive_lag_bytes"), *member.receiveLagBytes);
        }
        if (!member.replayLsn.isEmpty()) {
            m.insert(QStringLiteral("replay_lsn"), member.replayLsn);
        }
        if (member.replayLagBytes) {
            m.insert(QStringLiteral("replay_lag_bytes"), *member.replayLagBytes);
        }
        memberArray.append(m);
    }
    object.insert(QStringLiteral("members"), memberArray);
    object.insert(QStringLiteral("patroni_reachable"), members.has_value());

    QJsonArray etcdArray;
    for (const EtcdMemberState& member : etcd.value_or(QList<EtcdMemberState>{})) {
        etcdArray.append(QJsonObject{{QStringLiteral("name"), member.name},
                                     {QStringLiteral("container"), member.container},
                                     {QStringLiteral("reachable"), member.reachable},
                                     {QStringLiteral("healthy"), member.healthy},
                                     {QStringLiteral("raft_leader"), member.raftLeader},
                                     {QStringLiteral("raft_term"), member.raftTerm},
                                     {QStringLiteral("error"), member.error}});
    }
    object.insert(QStringLiteral("etcd"), etcdArray);
    object.insert(QStringLiteral("etcd_quorum"), hasEtcdQuorum());
    object.insert(QStringLiteral("etcd_healthy"), healthyEtcdCount());

    QJsonArray haproxyArray;
    for (const HaproxyBackendState& backend : haproxy.value_or(QList<HaproxyBackendState>{})) {
        haproxyArray.append(QJsonObject{{QStringLiteral("listener"), backend.listener},
                                        {QStringLiteral("server"), backend.server},
                                        {QStringLiteral("status"), backend.status},
                                        {QStringLiteral("check"), backend.checkStatus},
                                        {QStringLiteral("up"), backend.up}});
    }
    object.insert(QStringLiteral("haproxy"), haproxyArray);
    object.insert(QStringLiteral("haproxy_reachable"), haproxy.has_value());
    object.insert(QStringLiteral("writes_routed_to"), QJsonArray::fromStringList(routedServers(QStringLiteral("primary"))));

    QJsonArray containerArray;
    for (const ContainerInfo& container : containers.value_or(QList<ContainerInfo>{})) {
        containerArray.append(QJsonObject{{QStringLiteral("name"), container.name},
                                          {QStringLiteral("component"), ContainerInfo::componentName(container.component())},
                                          {QStringLiteral("state"), ContainerInfo::stateName(container.state)},
                                          {QStringLiteral("status"), container.statusText}});
    }
    object.insert(QStringLiteral("containers"), containerArray);
    object.insert(QStringLiteral("versions"), versions());
    return object;
}

ClusterEvent ClusterEvent::make(Kind kind, const QString& subject, const QString& from, const QString& to)
{
    ClusterEvent event;
    event.timeNs = LabClock::nowNs();
    event.wallTimeMs = QDateTime::currentMSecsSinceEpoch();
    event.kind = kind;
    event.subject = subject;
    event.from = from;
    event.to = to;
    return event;
}

QString ClusterEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::LeaderChanged: return QStringLiteral("leader_changed");
    case Kind::TimelineChanged: return QStringLiteral("timeline_changed");
    case Kind::MemberRoleChanged: return QStringLiteral("member_role_changed");
    case Kind::MemberStateChanged: return QStringLiteral("member_state_changed");
    case Kind::MemberAppeared: return QStringLiteral("member_appeared");
    case Kind::MemberVanished: return QStringLiteral("member_vanished");
    case Kind::PatroniUnreachable: return QStringLiteral("patroni_unreachable");
    case Kind::PatroniReachable: return QStringLiteral("patroni_reachable");
    case Kind::EtcdMemberDown: return QStringLiteral("etcd_member_down");
    case Kind::EtcdMemberUp: return QStringLiteral("etcd_member_up");
    case Kind::EtcdQuorumLost: return QStringLiteral("etcd_quorum_lost");
    case Kind::EtcdQuorumRestored: return QStringLiteral("etcd_quorum_restored");
    case Kind::HaproxyBackendDown: return QStringLiteral("haproxy_backend_down");
    case Kind::HaproxyBackendUp: return QStringLiteral("haproxy_backend_up");
    case Kind::HaproxyUnreachable: return QStringLiteral("haproxy_unreachable");
    case Kind::HaproxyReachable: return QStringLiteral("haproxy_reachable");
    case Kind::ContainerStateChanged: return QStringLiteral("container_state_changed");
    }
    return {};
}

QString ClusterEvent::describe() const
{
    const auto orNone = [](const QString& text) { return text.isEmpty() ? QStringLiteral("(none)") : text; };
    switch (kind) {
    case Kind::LeaderChanged:
        return QStringLiteral("leader changed: %1 → %2").arg(orNone(from), orNone(to));
    case Kind::TimelineChanged:
        return QStringLiteral("timeline changed: %1 → %2").arg(orNone(from), orNone(to));
    case Kind::MemberRoleChanged:
        return QStringLiteral("%1 role: %2 → %3").arg(subject, from, to);
    case Kind::MemberStateChanged:
        return QStringLiteral("%1 state: %2 → %3").arg(subject, orNone(from), orNone(to));
    case Kind::MemberAppeared:
        return QStringLiteral("%1 joined the cluster as %2").arg(subject, to);
    case Kind::MemberVanished:
        return QStringLiteral("%1 left the cluster (its member key expired)").arg(subject);
    case Kind::PatroniUnreachable:
        return QStringLiteral("no Patroni REST API answers");
    case Kind::PatroniReachable:
        return QStringLiteral("Patroni REST API answers again");
    case Kind::EtcdMemberDown:
        return QStringLiteral("etcd member %1 down: %2").arg(subject, to);
    case Kind::EtcdMemberUp:
        return QStringLiteral("etcd member %1 healthy").arg(subject);
    case Kind::EtcdQuorumLost:
        return QStringLiteral("etcd quorum lost (%1 healthy)").arg(to);
    case Kind::EtcdQuorumRestored:
        return QStringLiteral("etcd quorum restored (%1 healthy)").arg(to);
    case Kind::HaproxyBackendDown:
        return QStringLiteral("HAProxy %1 DOWN (%2)").arg(subject, to);
    case Kind::HaproxyBackendUp:
        return QStringLiteral("HAProxy %1 UP").arg(subject);
    case Kind::HaproxyUnreachable:
        return QStringLiteral("HAProxy stats do not answer");
    case Kind::HaproxyReachable:
        return QStringLiteral("HAProxy stats answer again");
    case Kind::ContainerStateChanged:
        return QStringLiteral("container %1: %2 → %3").arg(subject, orNone(from), orNone(to));
    }
    return {};
}

QJsonObject ClusterEvent::toJson() const
{
    return QJsonObject{{QStringLiteral("time_ns"), timeNs},
                       {QStringLiteral("wall_time"), QDateTime::fromMSecsSinceEpoch(wallTimeMs).toString(Qt::ISODateWithMs)},
                       {QStringLiteral("kind"), kindName(kind)},
                       {QStringLiteral("subject"), subject},
                       {QStringLiteral("from"), from},
                       {QStringLiteral("to"), to},
                       {QStringLiteral("text"), describe()}};
}

QList<ClusterEvent> ClusterDiff::members(const std::optional<QList<MemberState>>& before,
                                         const std::optional<QList<MemberState>>& after)
{
    using Kind = ClusterEvent::Kind;
    QList<ClusterEvent> events;
    if (before.has_value() != after.has_value()) {
        // The first observation is the starting point, not a change.
        if (before.has_value()) {
            events << ClusterEvent::make(Kind::PatroniUnreachable, QString());
        }
        return events;
    }
    if (!before || !after) {
        return events;
    }
    const QString oldLeader = leaderName(*before);
    const QString newLeader = leaderName(*after);
    if (oldLeader != newLeader) {
        events << ClusterEvent::make(Kind::LeaderChanged, QString(), oldLeader, newLeader);
    }
    const auto oldTimeline = clusterTimeline(*before);
    const auto newTimeline = clusterTimeline(*after);
    if (oldTimeline && newTimeline && oldTimeline != newTimeline) {
        events << ClusterEvent::make(Kind::TimelineChanged, QString(), optionalNumber(oldTimeline), optionalNumber(newTimeline));
    }
    for (const MemberState& member : *after) {
        const MemberState* previous = findByName(*before, member.name);
        if (!previous) {
            events << ClusterEvent::make(Kind::MemberAppeared, member.name, QString(), member.displayRole());
            continue;
        }
        if (previous->role != member.role) {
            events << ClusterEvent::make(Kind::MemberRoleChanged, member.name, previous->displayRole(), member.displayRole());
        }
        if (previous->state != member.state) {
            events << ClusterEvent::make(Kind::MemberStateChanged, member.name, previous->state, member.state);
        }
    }
    for (const MemberState& member : *before) {
        if (!findByName(*after, member.name)) {
            events << ClusterEvent::make(Kind::MemberVanished, member.name, member.displayRole(), QString());
        }
    }
    return events;
}

QList<ClusterEvent> ClusterDiff::etcd(const QList<EtcdMemberState>& before, const QList<EtcdMemberState>& after)
{
    using Kind = ClusterEvent::Kind;
    QList<ClusterEvent> events;
    for (const EtcdMemberState& member : after) {
        const EtcdMemberState* previous = findByName(before, member.name);
        if (!previous || previous->healthy == member.healthy) {
            continue;
        }
        events << (member.healthy ? ClusterEvent::make(Kind::EtcdMemberUp, member.name)
                                  : ClusterEvent::make(Kind::EtcdMemberDown, member.name, QString(), member.error));
    }
    if (!before.isEmpty() && quorum(before) != quorum(after)) {
        const QString healthy = QStringLiteral("%1/%2")
                                    .arg(std::count_if(after.cbegin(), after.cend(), [](const auto& m) { return m.healthy; }))
                                    .arg(after.size());
        events << ClusterEvent::make(quorum(after) ? Kind::EtcdQuorumRestored : Kind::EtcdQuorumLost, QString(), QString(), healthy);
    }
    return events;
}

QList<ClusterEvent> ClusterDiff::haproxy(const std::optional<QList<HaproxyBackendState>>& before,
                                         const std::optional<QList<HaproxyBackendState>>& after)
{
    using Kind = ClusterEvent::Kind;
    QList<ClusterEvent> events;
    if (before.has_value() != after.has_value()) {
        if (before.has_value()) {
            events << ClusterEvent::make(Kind::HaproxyUnreachable, QString());
        }
        return events;
    }
    if (!before || !after) {
        return events;
    }
    for (const HaproxyBackendState& backend : *after) {
        const auto previous = std::find_if(before->cbegin(), before->cend(), [&](const auto& b) {
            return b.listener == backend.listener && b.server == backend.server;
        });
        if (previous == before->cend() || previous->up == backend.up) {
            continue;
        }
        const QString subject = backend.listener + u'/' + backend.server;
        events << (backend.up ? ClusterEvent::make(Kind::HaproxyBackendUp, subject, previous->status, backend.status)
                              : ClusterEvent::make(Kind::HaproxyBackendDown, subject, previous->status,
                                          backend.checkStatus.isEmpty() ? backend.status : backend.checkStatus));
    }
    return events;
}

QList<ClusterEvent> ClusterDiff::containers(const QList<ContainerInfo>& before, const QList<ContainerInfo>& after)
{
    QList<ClusterEvent> events;
    const auto stateOf = [](const QList<ContainerInfo>& list, const QString& name) {
        for (const ContainerInfo& container : list) {
            if (container.name == name) {
                return ContainerInfo::stateName(container.state);
            }
        }
        return QStringLiteral("missing");
    };
    QStringList names;
    for (const auto* list : {&before, &after}) {
        for (const ContainerInfo& container : *list) {
            if (!names.contains(container.name)) {
                names << container.name;
            }
        }
    }
    for (const QString& name : names) {
        const QString from = stateOf(before, name);
        const QString to = stateOf(after, name);
        if (from != to) {
            events << ClusterEvent::make(ClusterEvent::Kind::ContainerStateChanged, name, from, to);
        }
    }
    return events;
}

void markDownMembers(QList<MemberState>& members, const std::optional<QList<ContainerInfo>>& containers,
                     QHash<QString, KnownRole>& lastRoles)
{
    for (MemberState& member : members) {
        bool containerDown = false;
        if (containers && !member.container.isEmpty()) {
            for (const ContainerInfo& info : *containers) {
                if (info.name == member.container) {
                    containerDown = info.state == ContainerInfo::State::Exited || info.state == ContainerInfo::State::Dead;
                }
            }
        }
        member.down = containerDown || member.state == QLatin1StringView("stopped");
        if (member.down) {
            const KnownRole known = lastRoles.value(member.name);
            member.lastRole = known.role;
            member.lastRoleText = known.text;
        } else {
            member.lastRole = PatroniMember::Role::Unknown;
            member.lastRoleText.clear();
            if (member.role != PatroniMember::Role::Unknown) {
                lastRoles.insert(member.name, KnownRole{member.role, member.roleText});
            }
        }
    }
}

QList<MemberState> buildMemberStates(const PatroniCluster& cluster, const QHash<QString, PatroniNodeStatus>& nodeStatuses,
                                     const QHash<QString, QString>& containersByMember)
{
    // The leader's WAL position is the reference for receive/replay lag where /cluster lacks them (< 4.1).
    std::optional<qint64> leaderWal;
    if (const PatroniMember* leader = cluster.leader()) {
        const auto it = nodeStatuses.constFind(leader->name);
        if (it != nodeStatuses.cend()) {
            leaderWal = it->walPosition;
        }
    }
    QList<MemberState> states;
    for (const PatroniMember& member : cluster.members) {
        MemberState state;
        state.name = member.name;
        state.container = containersByMember.value(member.name);
        state.host = member.host;
        state.role = member.role;
        state.roleText = member.roleText;
        state.state = member.state;
        state.timeline = member.timeline;
        state.lagUnknown = member.lagUnknown;
        const auto node = nodeStatuses.constFind(member.name);
        if (node != nodeStatuses.cend()) {
            state.apiReachable = true;
            state.patroniVersion = node->patroniVersion;
            state.serverVersion = node->serverVersion;
            // /cluster is the DCS's view and goes stale when etcd loses quorum; the node knows first that it was
            // demoted (or promoted), and which timeline it is on.
            const bool nodeIsPrimary = node->role == PatroniMember::Role::Leader;
            if (nodeIsPrimary != member.isLeader() && node->role != PatroniMember::Role::Unknown) {
                state.role = node->role;
                state.roleText = node->roleText;
            } else if (member.isLeader() && !nodeIsPrimary) {
                state.role = PatroniMember::Role::Unknown;
                state.roleText = node->roleText; // "demoted", "uninitialized" ...
            }
            if (node->timeline) {
                state.timeline = node->timeline;
            }
        }
        if (!state.isLeader()) {
            state.receiveLsn = member.receiveLsn;
            state.replayLsn = member.replayLsn;
            state.receiveLagBytes = member.receiveLagBytes;
            state.replayLagBytes = member.replayLagBytes ? member.replayLagBytes : member.lagBytes;
            if (node != nodeStatuses.cend()) {
                if (state.receiveLsn.isEmpty() && node->receivedPosition) {
                    state.receiveLsn = PatroniApi::formatLsn(*node->receivedPosition);
                }
                if (state.replayLsn.isEmpty() && node->replayedPosition) {
                    state.replayLsn = PatroniApi::formatLsn(*node->replayedPosition);
                }
                if (!state.receiveLagBytes && leaderWal && node->receivedPosition) {
                    state.receiveLagBytes = std::max<qint64>(0, *leaderWal - *node->receivedPosition);
                }
                if (!state.replayLagBytes && leaderWal && node->replayedPosition) {
                    state.replayLagBytes = std::max<qint64>(0, *leaderWal - *node->replayedPosition);
                }
            }
        }
        states.append(state);
    }
    markStreamingReplicas(states, nodeStatuses);
    return states;
}

QList<ClusterState::MisaddressedServer> ClusterState::misaddressedHaproxyServers() const
{
    QHash<QString, QString> fixedByService;
    QHash<QString, QString> serviceByFixed;
    for (const ContainerInfo& container : containers.value_or(QList<ContainerInfo>{})) {
        const QString fixed = container.labels.value(QStringLiteral("org.patroni-lab.ipv4"));
        if (!fixed.isEmpty() && !container.composeService().isEmpty()) {
            fixedByService.insert(container.composeService(), fixed);
            serviceByFixed.insert(fixed, container.composeService());
        }
    }
    QList<MisaddressedServer> misaddressed;
    for (const HaproxyBackendState& server : haproxy.value_or(QList<HaproxyBackendState>{})) {
        const QString expected = fixedByService.value(server.server);
        const QString host = server.address.section(u':', 0, 0);
        if (!expected.isEmpty() && !host.isEmpty() && host != expected
            && std::none_of(misaddressed.cbegin(), misaddressed.cend(), [&](const auto& m) { return m.server == server.server; })) {
            misaddressed.append({server.server, server.address, expected, serviceByFixed.value(host)});
        }
    }
    return misaddressed;
}

QList<HaproxyBackendState> buildBackendStates(const HaproxyStats& stats)
{
    QList<HaproxyBackendState> backends;
    for (const HaproxyStatsRow& row : stats.rows) {
        if (row.server == QLatin1StringView("FRONTEND") || row.proxy == QLatin1StringView("stats")) {
            continue;
        }
        backends.append({row.proxy, row.server, row.status, row.checkStatus, row.isUp(), row.address});
    }
    return backends;
}

QString formatByteCount(qint64 bytes)
{
    if (bytes < 1024) {
        return QStringLiteral("%1 B").arg(bytes);
    }
    static const char* const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 1 : 0).arg(QLatin1StringView(units[unit]));
}

QString describeReplicas(const ClusterState& state)
{
    if (!state.members) {
        return {};
    }
    QStringList parts;
    for (const MemberState& member : *state.members) {
        if (member.isLeader()) {
            continue;
        }
        QString part = member.name + u' ' + (member.down ? QStringLiteral("down") : member.state);
        if (member.lagUnknown) {
            part += QStringLiteral(", lag unknown");
        } else if (member.replayLagBytes || member.receiveLagBytes) {
            part += QStringLiteral(", replay lag %1").arg(formatByteCount(member.replayLagBytes.value_or(*member.receiveLagBytes)));
            if (member.receiveLagBytes && member.replayLagBytes && *member.receiveLagBytes != *member.replayLagBytes) {
                part += QStringLiteral(" (received: %1 behind)").arg(formatByteCount(*member.receiveLagBytes));
            }
        }
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}
