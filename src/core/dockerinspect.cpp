// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerinspect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

QString joinedStrings(const QJsonValue& value)
{
    QStringList words;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& word : array) {
        words << word.toString();
    }
    return words.join(u' ');
}

} // namespace

Result<QList<ContainerDetails>> DockerInspect::parse(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        return Result<QList<ContainerDetails>>::failure(
            QStringLiteral("docker inspect output is not a JSON array (%1)")
                .arg(error.error == QJsonParseError::NoError ? QStringLiteral("wrong type") : error.errorString()));
    }
    QList<ContainerDetails> containers;
    const QJsonArray array = document.array();
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        ContainerDetails details;
        ContainerInfo& info = details.info;
        info.id = object.value(QLatin1StringView("Id")).toString().left(12);
        info.name = object.value(QLatin1StringView("Name")).toString();
        if (info.name.startsWith(u'/')) {
            info.name.remove(0, 1);
        }
        if (info.name.isEmpty()) {
            return Result<QList<ContainerDetails>>::failure(QStringLiteral("docker inspect lists a container without a name"));
        }
        const QJsonObject state = object.value(QLatin1StringView("State")).toObject();
        info.state = ContainerInfo::stateFromString(state.value(QLatin1StringView("Status")).toString());
        info.statusText = state.value(QLatin1StringView("Status")).toString();
        const QJsonObject config = object.value(QLatin1StringView("Config")).toObject();
        info.image = config.value(QLatin1StringView("Image")).toString();
        info.command = QString(joinedStrings(config.value(QLatin1StringView("Entrypoint"))) + u' '
                               + joinedStrings(config.value(QLatin1StringView("Cmd"))))
                           .trimmed();
        details.hostname = config.value(QLatin1StringView("Hostname")).toString();
        details.imageId = object.value(QLatin1StringView("Image")).toString();
        const QJsonObject labels = config.value(QLatin1StringView("Labels")).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            info.labels.insert(it.key(), it.value().toString());
        }
        const QJsonObject hostConfig = object.value(QLatin1StringView("HostConfig")).toObject();
        details.nanoCpus = qint64(hostConfig.value(QLatin1StringView("NanoCpus")).toDouble());
        details.cpuQuota = qint64(hostConfig.value(QLatin1StringView("CpuQuota")).toDouble());
        details.memoryBytes = qint64(hostConfig.value(QLatin1StringView("Memory")).toDouble());
        // "8008/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5510"}]
        const QJsonObject bindings = hostConfig.value(QLatin1StringView("PortBindings")).toObject();
        for (auto it = bindings.begin(); it != bindings.end(); ++it) {
            const QStringList portAndProtocol = it.key().split(u'/');
            const QJsonArray hosts = it.value().toArray();
            for (const QJsonValue& host : hosts) {
                PublishedPort port;
                port.containerPort = portAndProtocol.value(0).toInt();
                port.protocol = portAndProtocol.value(1, QStringLiteral("tcp"));
                port.hostAddress = host.toObject().value(QLatin1StringView("HostIp")).toString();
                port.hostPort = host.toObject().value(QLatin1StringView("HostPort")).toString().toInt();
                if (port.containerPort > 0 && port.hostPort > 0) {
                    info.ports.append(port);
                }
            }
        }
        const QJsonObject networks =
            object.value(QLatin1StringView("NetworkSettings")).toObject().value(QLatin1StringView("Networks")).toObject();
        for (auto it = networks.begin(); it != networks.end(); ++it) {
            NetworkAttachment attachment;
            attachment.network = it.key();
            attachment.ipAddress = it.value().toObject().value(QLatin1StringView("IPAddress")).toString();
            const QJsonArray aliases = it.value().toObject().value(QLatin1StringView("Aliases")).toArray();
            for (const QJsonValue& alias : aliases) {
                attachment.aliases << alias.toString();
            }
            details.networks.append(attachment);
        }
        containers.append(details);
    }
    return Result<QList<ContainerDetails>>::success(containers);
}
