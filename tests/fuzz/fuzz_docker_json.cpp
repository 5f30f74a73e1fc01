// SPDX-License-Identifier: GPL-3.0-or-later
// docker: `docker ps -a --format '{{json .}}'` (one JSON object per line) and `docker inspect` (a JSON array).
#include "dockerps.h"
#include "fuzzsupport.h"
#ifdef LAB_FUZZ_DOCKER_INSPECT // set by CMakeLists.txt once src/core/dockerinspect.cpp exists
#include "dockerinspect.h"
#endif

namespace {

void touchPort(const PublishedPort& port)
{
    fuzz::touch(port.hostAddress);
    fuzz::touch(port.hostPort);
    fuzz::touch(port.containerPort);
    fuzz::touch(port.protocol);
}

void touchContainer(const ContainerInfo& container)
{
    fuzz::touch(container.id);
    fuzz::touch(container.name);
    fuzz::touch(container.image);
    fuzz::touch(container.statusText);
    fuzz::touch(ContainerInfo::stateName(container.state));
    fuzz::touch(container.command);
    for (auto it = container.labels.cbegin(); it != container.labels.cend(); ++it) {
        fuzz::touch(it.key());
        fuzz::touch(it.value());
    }
    for (const PublishedPort& port : container.ports) {
        touchPort(port);
        fuzz::touch(container.loopbackPort(port.containerPort));
    }
    fuzz::touch(ContainerInfo::componentName(container.component()));
    fuzz::touch(container.composeProject());
    fuzz::touch(container.composeService());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    fuzz::check(DockerPs::parse(input), [](const QList<ContainerInfo>& containers) {
        for (const ContainerInfo& container : containers) {
            touchContainer(container);
        }
    });

    // The "Ports" column on its own, e.g. "127.0.0.1:5510->8008/tcp, :::5000->5000/tcp, 5432/tcp".
    for (const PublishedPort& port : DockerPs::parsePorts(QString::fromUtf8(input))) {
        touchPort(port);
        if (port.hostPort <= 0 || port.containerPort <= 0) {
            __builtin_trap(); // parsePorts promises only published ports
        }
    }
    fuzz::touch(static_cast<int>(ContainerInfo::stateFromString(QString::fromUtf8(input))));

#ifdef LAB_FUZZ_DOCKER_INSPECT
    fuzz::check(DockerInspect::parse(input), [](const QList<ContainerDetails>& containers) {
        for (const ContainerDetails& details : containers) {
            touchContainer(details.info);
            fuzz::touch(details.hostname);
            for (const NetworkAttachment& network : details.networks) {
                fuzz::touch(network.network);
                fuzz::touch(network.ipAddress);
                for (const QString& alias : network.aliases) {
                    fuzz::touch(alias);
                }
            }
        }
    });
#endif
    return 0;
}
