// SPDX-License-Identifier: GPL-3.0-or-later
#include "patroniapi.h"

#include "jsonnumbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

namespace {

std::optional<qint64> bytesOrNothing(const QJsonValue& value)
{
    if (value.isDouble()) {
        return std::max<qint64>(0, JsonNumbers::clampedInt64(value.toDouble()));
    }
    return std::nullopt;
}

} // namespace

QString PatroniMember::displayRole() const
{
    switch (role) {
    case Role::Leader:
        return QStringLiteral("Leader");
    case Role::StandbyLeader:
        return QStringLiteral("Standby Leader");
    case Role::SyncStandby:
        return QStringLiteral("Sync Standby");
    case Role::QuorumStandby:
        return QStringLiteral("Quorum Standby");
    case Role::Replica:
        return QStringLiteral("Replica");
    case Role::Unknown:
        break;
    }
    return roleText;
}

const PatroniMember* PatroniCluster::leader() const
{
    const auto it = std::find_if(members.cbegin(), members.cend(), [](const auto& m) { return m.isLeader(); });
    return it == members.cend() ? nullptr : &*it;
}

const PatroniMember* PatroniCluster::member(const QString& name) const
{
    const auto it = std::find_if(members.cbegin(), members.cend(), [&](const auto& m) { return m.name == name; });
    return it == members.cend() ? nullptr : &*it;
}

int PatroniCluster::leaderCount() const
{
    return static_cast<int>(std::count_if(members.cbegin(), members.cend(), [](const auto& m) { return m.isLeader(); }));
}

PatroniMember::Role PatroniApi::roleFromString(const QString& role)
{
    using Role = PatroniMember::Role;
    // "master" and "primary" appear in /patroni of Patroni 3 and 4; /cluster says "leader".
    if (role == QLatin1StringView("leader") || role == QLatin1StringView("master")
        || role == QLatin1StringView("primary")) {
        return Role::Leader;
    }
    if (role == QLatin1StringView("standby_leader")) {
        return Role::StandbyLeader;
    }
    if (role == QLatin1StringView("sync_standby")) {
        return Role::SyncStandby;
    }
    if (role == QLatin1StringView("quorum_standby")) {
        return Role::QuorumStandby;
    }
    if (role == QLatin1StringView("replica")) {
        return Role::Replica;
    }
    return Role::Unknown;
}

Result<PatroniCluster> PatroniApi::parseCluster(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Result<PatroniCluster>::failure(
            QStringLiteral("Patroni /cluster is not valid JSON (%1 at byte %2)")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    }
    if (!document.isObject() || !document.object().value(QLatin1StringView("members")).isArray()) {
        return Result<PatroniCluster>::failure(QStringLiteral("Patroni /cluster has no \"members\" array"));
    }
    const QJsonObject root = document.object();
    PatroniCluster cluster;
    cluster.scope = root.value(QLatin1StringView("scope")).toString();
    cluster.paused = root.value(QLatin1StringView("pause")).toBool();
    const QJsonArray members = root.value(QLatin1StringView("members")).toArray();
    for (const QJsonValue& value : members) {
        const QJsonObject object = value.toObject();
        PatroniMember member;
        member.name = object.value(QLatin1StringView("name")).toString();
        if (member.name.isEmpty()) {
            return Result<PatroniCluster>::failure(QStringLiteral("Patroni /cluster lists a member without a name"));
        }
        member.roleText = object.value(QLatin1StringView("role")).toString();
        member.role = roleFromString(member.roleText);
        member.state = object.value(QLatin1StringView("state")).toString();
        member.host = object.value(QLatin1StringView("host")).toString();
        member.port = object.value(QLatin1StringView("port")).toInt();
        member.apiUrl = object.value(QLatin1StringView("api_url")).toString();
        if (object.value(QLatin1StringView("timeline")).isDouble()) {
            member.timeline = object.value(QLatin1StringView("timeline")).toInt();
        }
        const QJsonValue lag = object.value(QLatin1StringView("lag"));
        member.lagBytes = bytesOrNothing(lag);
        member.lagUnknown = lag.isString();
        member.receiveLsn = object.value(QLatin1StringView("receive_lsn")).toString();
        member.replayLsn = object.value(QLatin1StringView("replay_lsn")).toString();
        member.receiveLagBytes = bytesOrNothing(object.value(QLatin1StringView("receive_lag")));
        member.replayLagBytes = bytesOrNothing(object.value(QLatin1StringView("replay_lag")));
        cluster.members.append(member);
    }
    return Result<PatroniCluster>::success(cluster);
}

QString PatroniApi::formatLsn(qint64 position)
{
    const auto value = static_cast<quint64>(position);
    return QString::number(value >> 32, 16).toUpper() + u'/' + QString::number(value & 0xFFFFFFFFu, 16).toUpper();
}

Result<PatroniNodeStatus> PatroniApi::parseNodeStatus(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return Result<PatroniNodeStatus>::failure(QStringLiteral("Patroni /patroni is not a JSON object (%1)")
                                                      .arg(parseError.error == QJsonParseError::NoError
                                                               ? QStringLiteral("wrong type")
                                                               : parseError.errorString()));
    }
    const QJsonObject root = document.object();
    if (!root.value(QLatin1StringView("state")).isString() || !root.value(QLatin1StringView("role")).isString()) {
        return Result<PatroniNodeStatus>::failure(QStringLiteral("Patroni /patroni has no \"state\" or \"role\""));
    }
    PatroniNodeStatus status;
    status.state = root.value(QLatin1StringView("state")).toString();
    status.roleText = root.value(QLatin1StringView("role")).toString();
    status.role = roleFromString(status.roleText);
    status.serverVersion = root.value(QLatin1StringView("server_version")).toInt();
    if (root.value(QLatin1StringView("timeline")).isDouble()) {
        status.timeline = root.value(QLatin1StringView("timeline")).toInt();
    }
    const QJsonObject xlog = root.value(QLatin1StringView("xlog")).toObject();
    const auto position = [&xlog](QLatin1StringView key) -> std::optional<qint64> {
        const QJsonValue value = xlog.value(key);
        return value.isDouble() ? std::optional<qint64>(JsonNumbers::clampedInt64(value.toDouble())) : std::nullopt;
    };
    status.walPosition = position(QLatin1StringView("location"));
    status.receivedPosition = position(QLatin1StringView("received_location"));
    status.replayedPosition = position(QLatin1StringView("replayed_location"));
    status.replicationState = root.value(QLatin1StringView("replication_state")).toString();
    const QJsonArray replication = root.value(QLatin1StringView("replication")).toArray();
    for (const QJsonValue& value : replication) {
        const QJsonObject object = value.toObject();
        PatroniReplicationConnection connection;
        connection.applicationName = object.value(QLatin1StringView("application_name")).toString();
        connection.state = object.value(QLatin1StringView("state")).toString();
        connection.syncState = object.value(QLatin1StringView("sync_state")).toString();
        connection.clientAddress = object.value(QLatin1StringView("client_addr")).toString();
        status.replication.append(connection);
    }
    const QJsonObject patroni = root.value(QLatin1StringView("patroni")).toObject();
    status.patroniVersion = patroni.value(QLatin1StringView("version")).toString();
    status.scope = patroni.value(QLatin1StringView("scope")).toString();
    status.name = patroni.value(QLatin1StringView("name")).toString();
    status.paused = root.value(QLatin1StringView("pause")).toBool();
    status.clusterUnlocked = root.value(QLatin1StringView("cluster_unlocked")).toBool();
    status.dcsLastSeen = JsonNumbers::clampedInt64(root.value(QLatin1StringView("dcs_last_seen")).toDouble());
    status.pendingRestart = root.value(QLatin1StringView("pending_restart")).toBool();
    return Result<PatroniNodeStatus>::success(status);
}
