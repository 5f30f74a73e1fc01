// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerruntime.h"

using namespace std::chrono_literals;

namespace {

struct ActionName
{
    NodeAction action;
    const char* name;
};

constexpr ActionName actionNames[] = {
    {NodeAction::Stop, "stop"},     {NodeAction::Start, "start"},     {NodeAction::Restart, "restart"},
    {NodeAction::Kill, "kill"},     {NodeAction::Pause, "pause"},     {NodeAction::Unpause, "unpause"},
    {NodeAction::Disconnect, "disconnect"}, {NodeAction::Connect, "connect"},
};

} // namespace

QString NodeActions::name(NodeAction action)
{
    for (const ActionName& entry : actionNames) {
        if (entry.action == action) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

std::optional<NodeAction> NodeActions::fromName(const QString& name)
{
    for (const ActionName& entry : actionNames) {
        if (name == QLatin1StringView(entry.name)) {
            return entry.action;
        }
    }
    return std::nullopt;
}

QStringList NodeActions::names()
{
    QStringList result;
    for (const ActionName& entry : actionNames) {
        result << QString::fromLatin1(entry.name);
    }
    return result;
}

QStringList NodeActions::dockerArguments(const NodeActionRequest& request)
{
    const QString grace = QString::number(request.graceSeconds);
    switch (request.action) {
    case NodeAction::Stop:
        return {QStringLiteral("stop"), QStringLiteral("--time"), grace, request.container};
    case NodeAction::Start:
        return {QStringLiteral("start"), request.container};
    case NodeAction::Restart:
        return {QStringLiteral("restart"), QStringLiteral("--time"), grace, request.container};
    case NodeAction::Kill:
        return {QStringLiteral("kill"), QStringLiteral("--signal"), request.signal, request.container};
    case NodeAction::Pause:
        return {QStringLiteral("pause"), request.container};
    case NodeAction::Unpause:
        return {QStringLiteral("unpause"), request.container};
    case NodeAction::Disconnect:
        return {QStringLiteral("network"), QStringLiteral("disconnect"), request.network, request.container};
    case NodeAction::Connect: {
        QStringList arguments{QStringLiteral("network"), QStringLiteral("connect")};
        for (const QString& alias : request.aliases) {
            arguments << QStringLiteral("--alias") << alias;
        }
        if (!request.ipv4Address.isEmpty()) {
            arguments << QStringLiteral("--ip") << request.ipv4Address;
        }
        return arguments << request.network << request.container;
    }
    }
    return {};
}

DockerRuntime::DockerRuntime(QObject* parent)
    : QObject(parent)
{
}

DockerRuntime::DockerRuntime(const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_docker(docker)
{
}

ProcessJob* DockerRuntime::run(const NodeActionRequest& request)
{
    // A graceful stop may legitimately take the whole grace period before docker escalates to SIGKILL.
    const auto timeout = std::chrono::seconds(request.graceSeconds) + 30s;
    ProcessJob* job = m_docker.job(NodeActions::dockerArguments(request), this, timeout);
    connect(job, &ProcessJob::finished, this, [this, job, request](const ProcessResult& result) {
        job->deleteLater();
        emit commandFinished(result);
        emit actionFinished(request, result);
    });
    job->start();
    return job;
}
