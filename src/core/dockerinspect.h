// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerps.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// A network a container is attached to, with the DNS aliases it has there (compose gives each container its
// service name, which the lab's nodes use to find each other).
struct NetworkAttachment
{
    QString network;
    QStringList aliases;
    QString ipAddress;
};

// What `docker inspect` adds to `docker ps`: port bindings that survive a stop, networks and aliases.
struct ContainerDetails
{
    ContainerInfo info; // ports come from HostConfig.PortBindings, so they are known while the container is stopped
    QString hostname;
    QString imageId; // "sha256:…": the image it runs, present as long as the container exists (a tag may move)
    QList<NetworkAttachment> networks;
    // HostConfig's CPU and memory limits (0 or -1: none), which `docker update` changes while it runs.
    qint64 nanoCpus = 0;
    qint64 cpuQuota = 0;
    qint64 memoryBytes = 0;
};

namespace DockerInspect {

Result<QList<ContainerDetails>> parse(const QByteArray& json);

} // namespace DockerInspect
