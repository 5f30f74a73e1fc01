// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerps.h"
#include "haproxystats.h"
#include "patroniapi.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// What the observer knows about one Patroni member: /cluster for the cluster's view, /patroni for the node's own.
struct MemberState
{
    QString name;
    QString container;
    QString host;
    PatroniMember::Role role = PatroniMember::Role::Unknown;
    QString roleText;
    QString state; // as Patroni's /cluster says it: "running" for a streaming replica on Patroni 3, "streaming" on 4
    // A replica that receives WAL from the leader now. The one place that decides it is buildMemberStates, from
    // what the Patroni version offers; every check of "streaming" uses this flag, never the state string.
    bool streaming = false;
    std::optional<int> timeline;
    QString receiveLsn;
    QString replayLsn;
    std::optional<qint64> receiveLagBytes;
    std::optional<qint64> replayLagBytes;
    bool lagUnknown = false;
    bool apiReachable = false; // its own REST API answered the last /patroni
    QString patroniVersion;
    int serverVersion = 0; // PostgreSQL's, e.g. 170012

    // Down: Patroni says "stopped" or the member's container has exited. Patroni keeps a gracefully stopped member
    // in /cluster as a "replica" (it demoted itself on the way down) and a killed one as whatever it was until its
    // key expires: neither is what it is now. lastRole is its role the last time it was seen running (Unknown if
    // never), set by markDownMembers; role stays Patroni's word for events and the patronictl-like CLI.
    bool down = false;
    PatroniMember::Role lastRole = PatroniMember::Role::Unknown;
    QString lastRoleText;

    QString displayRole() const;
    bool isLeader() const { return role == PatroniMember::Role::Leader || role == PatroniMember::Role::StandbyLeader; }
    bool operator==(const MemberState&) const = default;
};

struct EtcdMemberState
{
    QString name;
    QString container;
    bool reachable = false;
    bool healthy = false;
    bool raftLeader = false;
    qint64 raftTerm = 0;
    QString version;
    QString error;
    bool operator==(const EtcdMemberState&) const = default;
};

// One server line of an HAProxy listener (primary: writes, replicas: reads).
struct HaproxyBackendState
{
    QString listener;
    QString server;
    QString status;
    QString checkStatus;
    bool up = false;
    QString address; // "172.30.55.21:5432": where HAProxy sends and checks this server
    bool operator==(const HaproxyBackendState&) const = default;
};

struct ClusterState
{
    QString scope;
    std::optional<QList<MemberState>> members; // empty optional: no Patroni API answered yet
    std::optional<QList<EtcdMemberState>> etcd;
    std::optional<QList<HaproxyBackendState>> haproxy; // empty optional: stats not reachable
    std::optional<QList<ContainerInfo>> containers;

    const MemberState* leader() const;
    const MemberState* member(const QString& name) const;
    // The timeline the cluster writes on: the leader's, else the highest any member reports.
    std::optional<int> timeline() const;
    int healthyEtcdCount() const;
    bool hasEtcdQuorum() const;
    QStringList routedServers(const QString& listener) const;
    // The members that are replicas in state streaming, by name, sorted: where HAProxy should balance reads.
    QStringList streamingReplicas() const;
    // HAProxy servers that point elsewhere than their node's fixed address (label org.patroni-lab.ipv4, which the
    // lab's containers carry): HAProxy then checks and routes one node's traffic to whatever has that address.
    struct MisaddressedServer
    {
        QString server;   // patroni1
        QString address;  // where HAProxy points it: 172.30.55.23:5432
        QString expected; // its node's fixed address: 172.30.55.21
        QString owner;    // the node whose fixed address it points to (patroni3), if any
    };
    QList<MisaddressedServer> misaddressedHaproxyServers() const;
    // {"patroni": "4.0.7", "postgresql": "17.12", "etcd": "3.5.16"} from whichever members answered.
    QJsonObject versions() const;
    QJsonObject toJson() const;
};

struct ClusterEvent
{
    enum class Kind {
        LeaderChanged,
        TimelineChanged,
        MemberRoleChanged,
        MemberStateChanged,
        MemberAppeared,
        MemberVanished,
        PatroniUnreachable,
        PatroniReachable,
        EtcdMemberDown,
        EtcdMemberUp,
        EtcdQuorumLost,
        EtcdQuorumRestored,
        HaproxyBackendDown,
        HaproxyBackendUp,
        HaproxyUnreachable,
        HaproxyReachable,
        ContainerStateChanged,
    };

    qint64 timeNs = 0;    // LabClock, shared with traffic records
    qint64 wallTimeMs = 0; // for humans and reports
    Kind kind = Kind::LeaderChanged;
    QString subject; // member, etcd member, "listener/server" or container
    QString from;
    QString to;

    // An event stamped now, on the LabClock and the wall clock.
    static ClusterEvent make(Kind kind, const QString& subject = {}, const QString& from = {}, const QString& to = {});
    static QString kindName(Kind kind);
    QString describe() const;
    QJsonObject toJson() const;
};

// "512 B", "3.2 MiB", "48 GiB": a lag or a size for people.
QString formatByteCount(qint64 bytes);

// One line on each replica for a report: "patroni2 streaming, replay lag 3.2 MiB; patroni3 stopped". Empty when no
// member is known.
QString describeReplicas(const ClusterState& state);

// Pure functions from two observations to the events between them, so they can be tested on recorded states.
namespace ClusterDiff {

QList<ClusterEvent> members(const std::optional<QList<MemberState>>& before, const std::optional<QList<MemberState>>& after);
QList<ClusterEvent> etcd(const QList<EtcdMemberState>& before, const QList<EtcdMemberState>& after);
QList<ClusterEvent> haproxy(const std::optional<QList<HaproxyBackendState>>& before,
                            const std::optional<QList<HaproxyBackendState>>& after);
QList<ClusterEvent> containers(const QList<ContainerInfo>& before, const QList<ContainerInfo>& after);

} // namespace ClusterDiff

// The member list the observer shows, from /cluster plus each member's /patroni (LSNs and lag where /cluster,
// before Patroni 4.1, only gives one lag figure). nodeStatuses maps member name to its /patroni.
// A replica is streaming when, first of what is known: its own /patroni says replication_state "streaming"
// (Patroni >= 3.0.4; any other value means it is not); /cluster says state "streaming" (Patroni 4); or /cluster
// says "running" and the leader's own /patroni lists a walsender for it (application_name = the member's name)
// in state "streaming" — the only sign Patroni 3.0 gives.
QList<MemberState> buildMemberStates(const PatroniCluster& cluster, const QHash<QString, PatroniNodeStatus>& nodeStatuses,
                                     const QHash<QString, QString>& containersByMember);

// Sets MemberState::down and lastRole from Patroni's state and the containers (if known), and remembers in
// lastRoles (member → role, role text) the role of every member seen running, for the next call.
struct KnownRole
{
    PatroniMember::Role role = PatroniMember::Role::Unknown;
    QString text;
};
void markDownMembers(QList<MemberState>& members, const std::optional<QList<ContainerInfo>>& containers,
                     QHash<QString, KnownRole>& lastRoles);

QList<HaproxyBackendState> buildBackendStates(const HaproxyStats& stats);
