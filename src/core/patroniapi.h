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
    QString state;    // running, streaming, stopped, starting, crashed, creating replica, ...
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
    bool isStreaming() const { return !isLeader() && state == QLatin1StringView("streaming"); }
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
    int streamingReplicaCount() const;
};

namespace PatroniApi {

Result<PatroniCluster> parseCluster(const QByteArray& json);
PatroniMember::Role roleFromString(const QString& role);

} // namespace PatroniApi
