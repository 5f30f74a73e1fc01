// SPDX-License-Identifier: GPL-3.0-or-later
#include "etcdapi.h"

#include "jsonnumbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

Result<EtcdHealth> EtcdApi::parseHealth(const QByteArray& json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonValue health = document.object().value(QLatin1StringView("health"));
    EtcdHealth result;
    // etcd sends the flag as the string "true"; accept a JSON boolean as well.
    if (health.isString()) {
        result.healthy = health.toString() == QLatin1StringView("true");
    } else if (health.isBool()) {
        result.healthy = health.toBool();
    } else {
        return Result<EtcdHealth>::failure(QStringLiteral("etcd /health has no \"health\" field"));
    }
    result.reason = document.object().value(QLatin1StringView("reason")).toString();
    return Result<EtcdHealth>::success(result);
}

namespace {

// etcd's gateway sends 64-bit integers as strings; accept plain numbers too.
QString idText(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble() && JsonNumbers::fitsUnsigned64(value.toDouble())) {
        return QString::number(static_cast<quint64>(value.toDouble()));
    }
    return {};
}

} // namespace

Result<QString> EtcdApi::gatewayPrefixFromVersion(const QByteArray& json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QString cluster = root.value(QLatin1StringView("etcdcluster")).toString();
    if (cluster.isEmpty()) {
        cluster = root.value(QLatin1StringView("etcdserver")).toString();
    }
    const QStringList parts = cluster.split(u'.');
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts.value(0).toInt(&majorOk);
    const int minor = parts.value(1).toInt(&minorOk);
    if (!majorOk || !minorOk) {
        return Result<QString>::failure(QStringLiteral("etcd /version has no usable version (\"%1\")").arg(cluster));
    }
    if (major > 3 || (major == 3 && minor >= 4)) {
        return Result<QString>::success(QStringLiteral("/v3"));
    }
    if (major == 3 && minor == 3) {
        return Result<QString>::success(QStringLiteral("/v3beta"));
    }
    return Result<QString>::success(QStringLiteral("/v3alpha"));
}

Result<EtcdMemberRaft> EtcdApi::parseMaintenanceStatus(const QByteArray& json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonObject header = root.value(QLatin1StringView("header")).toObject();
    EtcdMemberRaft raft;
    raft.memberId = idText(header.value(QLatin1StringView("member_id")));
    if (raft.memberId.isEmpty()) {
        return Result<EtcdMemberRaft>::failure(QStringLiteral("etcd maintenance/status has no header.member_id"));
    }
    raft.leaderId = idText(root.value(QLatin1StringView("leader")));
    raft.raftTerm = idText(root.value(QLatin1StringView("raftTerm"))).toLongLong();
    raft.version = root.value(QLatin1StringView("version")).toString();
    return Result<EtcdMemberRaft>::success(raft);
}

Result<QHash<QString, QString>> EtcdApi::parseMemberNames(const QByteArray& json)
{
    const QJsonValue members = QJsonDocument::fromJson(json).object().value(QLatin1StringView("members"));
    if (!members.isArray()) {
        return Result<QHash<QString, QString>>::failure(QStringLiteral("etcd member/list has no \"members\" array"));
    }
    QHash<QString, QString> names;
    const QJsonArray array = members.toArray();
    for (const QJsonValue& member : array) {
        const QJsonObject object = member.toObject();
        const QString id = idText(object.value(QLatin1StringView("ID")));
        if (!id.isEmpty()) {
            names.insert(id, object.value(QLatin1StringView("name")).toString());
        }
    }
    return Result<QHash<QString, QString>>::success(names);
}
