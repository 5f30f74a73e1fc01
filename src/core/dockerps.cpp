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
