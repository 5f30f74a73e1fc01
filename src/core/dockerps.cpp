// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerps.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

QString ContainerInfo::stateName(State state)
{
    switch (state) {
    case State::Running:
        return QStringLiteral("running");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Exited:
        return QStringLiteral("exited");
    case State::Restarting:
        return QStringLiteral("restarting");
    case State::Created:
        return QStringLiteral("created");
    case State::Dead:
        return QStringLiteral("dead");
    case State::Removing:
        return QStringLiteral("removing");
    case State::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ContainerInfo::State ContainerInfo::stateFromString(const QString& state)
{
    for (State candidate : {State::Running, State::Paused, State::Exited, State::Restarting, State::Created,
                            State::Dead, State::Removing}) {
        if (state.compare(stateName(candidate), Qt::CaseInsensitive) == 0) {
            return candidate;
        }
    }
    return State::Unknown;
}

int ContainerInfo::loopbackPort(int containerPort) const
{
    for (const PublishedPort& port : ports) {
        const bool reachable = port.hostAddress == QLatin1StringView("127.0.0.1") || port.hostAddress == QLatin1StringView("0.0.0.0")
            || port.hostAddress == QLatin1StringView("::") || port.hostAddress.isEmpty();
        if (port.containerPort == containerPort && port.protocol == QLatin1StringView("tcp") && reachable) {
            return port.hostPort;
        }
    }
    return 0;
}

ContainerInfo::Component ContainerInfo::component() const
{
    const auto classify = [](const QString& text) {
        const QString lower = text.toLower();
        if (lower.contains(QLatin1StringView("haproxy"))) {
            return Component::Haproxy;
        }
        if (lower.contains(QLatin1StringView("etcd"))) {
            return Component::Etcd;
        }
        if (lower.contains(QLatin1StringView("patroni")) || lower.contains(QLatin1StringView("postgres"))) {
            return Component::Patroni;
        }
        return Component::Other;
    };
    // A service or command that names etcd or haproxy decides; the Patroni demo's patroni nodes run the image's
    // default command, so "patroni" is only trusted from the service, the name or the image.
    for (const QString& text : {composeService(), command, name, image}) {
        const Component component = classify(text);
        if (component != Component::Other) {
            return component;
        }
    }
    return Component::Other;
}

QString ContainerInfo::componentName(Component component)
{
    switch (component) {
    case Component::Patroni:
        return QStringLiteral("patroni");
    case Component::Etcd:
        return QStringLiteral("etcd");
    case Component::Haproxy:
        return QStringLiteral("haproxy");
    case Component::Other:
        break;
    }
    return QStringLiteral("other");
}

QList<PublishedPort> DockerPs::parsePorts(const QString& ports)
{
    // "127.0.0.1:5510->8008/tcp, :::5000->5000/tcp, 5432/tcp" (the last one is exposed, not published).
    QList<PublishedPort> result;
    const QStringList entries = ports.split(u',', Qt::SkipEmptyParts);
    for (const QString& rawEntry : entries) {
        const QString entry = rawEntry.trimmed();
        const qsizetype arrow = entry.indexOf(QLatin1StringView("->"));
        if (arrow < 0) {
            continue;
        }
        const QString host = entry.left(arrow);
        const QString target = entry.mid(arrow + 2);
        const qsizetype colon = host.lastIndexOf(u':');
        const qsizetype slash = target.indexOf(u'/');
        PublishedPort port;
        port.hostAddress = colon >= 0 ? host.left(colon) : QString();
        port.hostPort = host.mid(colon + 1).toInt();
        port.containerPort = target.left(slash).toInt();
        port.protocol = slash >= 0 ? target.mid(slash + 1) : QStringLiteral("tcp");
        if (port.hostPort > 0 && port.containerPort > 0) {
            result.append(port);
        }
    }
    return result;
}

Result<QList<ContainerInfo>> DockerPs::parse(const QByteArray& output)
{
    QList<ContainerInfo> containers;
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QByteArray line = lines.at(index).trimmed();
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            return Result<QList<ContainerInfo>>::failure(
                QStringLiteral("docker ps output line %1 is not a JSON object (%2)").arg(index + 1).arg(error.errorString()));
        }
        const QJsonObject object = document.object();
        ContainerInfo container;
        container.id = object.value(QLatin1StringView("ID")).toString();
        container.name = object.value(QLatin1StringView("Names")).toString();
        container.image = object.value(QLatin1StringView("Image")).toString();
        container.statusText = object.value(QLatin1StringView("Status")).toString();
        container.state = ContainerInfo::stateFromString(object.value(QLatin1StringView("State")).toString());
        container.command = object.value(QLatin1StringView("Command")).toString();
        container.ports = parsePorts(object.value(QLatin1StringView("Ports")).toString());
        // Polled with every docker ps, so a `docker network disconnect` shows up within one observer period.
        const QJsonValue networks = object.value(QLatin1StringView("Networks"));
        container.networksKnown = networks.isString();
        container.networks = networks.toString().split(u',', Qt::SkipEmptyParts);
        // Docker reports labels as "k=v,k=v"; values never contain commas in compose's own labels.
        const QJsonValue labels = object.value(QLatin1StringView("Labels"));
        if (labels.isObject()) {
            const QJsonObject labelObject = labels.toObject();
            for (auto it = labelObject.begin(); it != labelObject.end(); ++it) {
                container.labels.insert(it.key(), it.value().toString());
            }
        } else {
            const QStringList pairs = labels.toString().split(u',', Qt::SkipEmptyParts);
            for (const QString& pair : pairs) {
                const qsizetype equals = pair.indexOf(u'=');
                if (equals > 0) {
                    container.labels.insert(pair.left(equals), pair.mid(equals + 1));
                }
            }
        }
        if (container.name.isEmpty()) {
            return Result<QList<ContainerInfo>>::failure(
                QStringLiteral("docker ps output line %1 has no container name").arg(index + 1));
        }
        containers.append(container);
    }
    return Result<QList<ContainerInfo>>::success(containers);
}
