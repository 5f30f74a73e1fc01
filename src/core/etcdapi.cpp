// SPDX-License-Identifier: GPL-3.0-or-later
#include "etcdapi.h"

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
