// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

// A container port published on the host ("127.0.0.1:5510->8008/tcp").
struct PublishedPort
{
    QString hostAddress;
    int hostPort = 0;
    int containerPort = 0;
    QString protocol;
};

// One container as `docker ps -a --format '{{json .}}'` reports it.
struct ContainerInfo
{
    enum class State { Running, Paused, Exited, Restarting, Created, Dead, Removing, Unknown };
    enum class Component { Patroni, Etcd, Haproxy, Other };

    QString id;
    QString name;
    QString image;
    QString statusText; // "Up 3 minutes", "Exited (0) 2 seconds ago", ...
    State state = State::Unknown;
    QString command;
    QHash<QString, QString> labels;
    QList<PublishedPort> ports;
    // The networks it is attached to, from docker ps's "Networks" (empty when cut off from all of them); only
    // meaningful when networksKnown (an older docker, or a podman, may not report them).
    QStringList networks;
    bool networksKnown = false;

    // The host port on which containerPort/tcp is reachable from 127.0.0.1, or 0 when it is not published there.
    int loopbackPort(int containerPort) const;
    // What the container runs, from its compose service, command, name or image, in that order: the Patroni demo
    // runs every role from one image, so the image alone cannot tell.
    Component component() const;
    static QString componentName(Component component);

    QString composeProject() const { return labels.value(QStringLiteral("com.docker.compose.project")); }
    QString composeService() const { return labels.value(QStringLiteral("com.docker.compose.service")); }
    static QString stateName(State state);
    static State stateFromString(const QString& state);
};

namespace DockerPs {

// One JSON object per line (docker); blank lines are ignored.
Result<QList<ContainerInfo>> parse(const QByteArray& output);
QList<PublishedPort> parsePorts(const QString& ports);

} // namespace DockerPs
