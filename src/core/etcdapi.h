// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

// GET /health of one etcd member: 200 {"health":"true"}; 503 {"health":"false","reason":"..."} when the member
// has no raft leader (quorum lost) or alarms.
struct EtcdHealth
{
    bool healthy = false;
    QString reason;
};

// POST <gateway>/maintenance/status: who this member is and whom it follows.
struct EtcdMemberRaft
{
    QString memberId; // 64-bit ids travel as decimal strings
    QString leaderId; // "0" or empty while there is no leader
    qint64 raftTerm = 0;
    QString version;
    bool isLeader() const { return !memberId.isEmpty() && memberId == leaderId; }
};

namespace EtcdApi {

Result<EtcdHealth> parseHealth(const QByteArray& json);
// GET /version -> the JSON gateway prefix for that cluster version: /v3alpha (< 3.3), /v3beta (3.3), /v3 (>= 3.4).
Result<QString> gatewayPrefixFromVersion(const QByteArray& json);
Result<EtcdMemberRaft> parseMaintenanceStatus(const QByteArray& json);
// POST <gateway>/cluster/member/list -> member id -> name.
Result<QHash<QString, QString>> parseMemberNames(const QByteArray& json);

} // namespace EtcdApi
