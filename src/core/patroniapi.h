// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// One member as Patroni's GET /cluster reports it. Covers Patroni 3.x (role "master" in /patroni, no "scope",
// "lag" only), 4.0 ("lag" only) and 4.1+ (receive/replay LSN and lag).
struct PatroniMember
{
    enum class Role { Leader, StandbyLeader, SyncStandby, QuorumStandby, Replica, Unknown };

    QString name;
    Role role = Role::Unknown;
    QString roleText; // as Patroni sent it
    // running, streaming, stopped, starting, crashed, creating replica, ... Patroni 4 says "streaming" for a replica
    // that receives WAL, Patroni 3 only "running": whether a replica streams is MemberState::streaming.
    QString state;
    QString host;
    int port = 0;
    QString apiUrl;
    std::optional<int> timeline;
    // Bytes behind the leader; absent for the leader, or when Patroni says "unknown".
    std::optional<qint64> lagBytes;
    bool lagUnknown = false;
    QString receiveLsn; // 4.1+
    QString replayLsn;  // 4.1+
    std::optional<qint64> receiveLagBytes;
    std::optional<qint64> replayLagBytes;

    bool isLeader() const { return role == Role::Leader || role == Role::StandbyLeader; }
    // Leader, Replica, Sync Standby ... as patronictl prints it.
    QString displayRole() const;
};

struct PatroniCluster
{
    QString scope; // empty on Patroni 3.0
    QList<PatroniMember> members;
    bool paused = false;

    const PatroniMember* leader() const;
    const PatroniMember* member(const QString& name) const;
    int leaderCount() const;
};

// One walsender of a primary, as GET /patroni lists it under "replication" (pg_stat_replication; Patroni 3.0 and
// 4.x). Patroni names each replica's connection after the member (application_name).
struct PatroniReplicationConnection
{
    QString applicationName;
    QString state;     // streaming, catchup, startup, backup, stopping
    QString syncState; // async, sync, potential, quorum
    QString clientAddress;
};

// One node's own view, GET /patroni. Patroni 3 says role "master", 4 says "primary"; replicas report received
// and replayed WAL positions as byte offsets.
struct PatroniNodeStatus
{
    QString state; // PostgreSQL state: running, starting, stopped, crashed, ...
    PatroniMember::Role role = PatroniMember::Role::Unknown;
    QString roleText;
    int serverVersion = 0;
    std::optional<int> timeline;
    std::optional<qint64> walPosition;      // primary: xlog.location
    std::optional<qint64> receivedPosition; // replica: xlog.received_location
    std::optional<qint64> replayedPosition; // replica: xlog.replayed_location
    QString replicationState;               // streaming / in archive recovery (Patroni >= 3.0.4)
    // A primary's walsenders; empty when no replica is connected (Patroni then omits the key).
    QList<PatroniReplicationConnection> replication;
    QString patroniVersion;
    QString scope;
    QString name; // absent on Patroni 3.0
    bool paused = false;
    bool clusterUnlocked = false;
    qint64 dcsLastSeen = 0; // epoch seconds
    bool pendingRestart = false; // PostgreSQL needs a restart for a changed parameter
};

namespace PatroniApi {

Result<PatroniCluster> parseCluster(const QByteArray& json);
Result<PatroniNodeStatus> parseNodeStatus(const QByteArray& json);
PatroniMember::Role roleFromString(const QString& role);
// 67108960 -> "0/4000060", as PostgreSQL and patronictl print LSNs.
QString formatLsn(qint64 position);

} // namespace PatroniApi
