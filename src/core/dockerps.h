// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

// One container as `docker ps -a --format '{{json .}}'` reports it.
struct ContainerInfo
{
    enum class State { Running, Paused, Exited, Restarting, Created, Dead, Removing, Unknown };

    QString id;
    QString name;
    QString image;
    QString statusText; // "Up 3 minutes", "Exited (0) 2 seconds ago", ...
    State state = State::Unknown;
    QHash<QString, QString> labels;

    QString composeProject() const { return labels.value(QStringLiteral("com.docker.compose.project")); }
    QString composeService() const { return labels.value(QStringLiteral("com.docker.compose.service")); }
    static QString stateName(State state);
    static State stateFromString(const QString& state);
};

namespace DockerPs {

// One JSON object per line (docker); blank lines are ignored.
Result<QList<ContainerInfo>> parse(const QByteArray& output);

} // namespace DockerPs
