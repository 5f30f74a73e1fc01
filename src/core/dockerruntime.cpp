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

QList<NodeActionRequest> NodeActions::fromCommandLine(const QString& commandLine)
{
    QStringList words = ProcessResult::shellWords(commandLine);
    if (words.size() < 3) {
        return {};
    }
    words.removeFirst();
    NodeActionRequest request;
    if (words.first() == QLatin1StringView("network")) {
        words.removeFirst();
        const auto action = fromName(words.takeFirst());
        if (action != NodeAction::Disconnect && action != NodeAction::Connect) {
            return {};
        }
        request.action = *action;
    } else {
        const auto action = fromName(words.takeFirst());
        if (!action || *action == NodeAction::Disconnect || *action == NodeAction::Connect) {
            return {};
        }
        request.action = *action;
    }
    // Options docker takes with a value; the rest of the words starting with "-" are flags.
    static const QStringList withValue{QStringLiteral("--time"), QStringLiteral("-t"), QStringLiteral("--timeout"),
                                       QStringLiteral("--signal"), QStringLiteral("-s"), QStringLiteral("--alias"),
                                       QStringLiteral("--ip"), QStringLiteral("--ip6"), QStringLiteral("--link"),
                                       QStringLiteral("--link-local-ip"), QStringLiteral("--driver-opt")};
    QStringList positional;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (!word.startsWith(u'-')) {
            positional << word;
            continue;
        }
        const QString option = word.section(u'=', 0, 0);
        QString value = word.contains(u'=') ? word.section(u'=', 1) : QString();
        if (withValue.contains(option) && !word.contains(u'=')) {
            value = i + 1 < words.size() ? words.at(++i) : QString();
        }
        if (option == QLatin1StringView("--time") || option == QLatin1StringView("-t")
            || option == QLatin1StringView("--timeout")) {
            request.graceSeconds = value.toInt();
        } else if (option == QLatin1StringView("--signal") || option == QLatin1StringView("-s")) {
            request.signal = value;
        } else if (option == QLatin1StringView("--alias")) {
            request.aliases << value;
        }
    }
    QList<NodeActionRequest> requests;
    if (request.action == NodeAction::Disconnect || request.action == NodeAction::Connect) {
        if (positional.size() != 2) {
            return {};
        }
        request.network = positional.at(0);
        request.container = positional.at(1);
        return {request};
    }
    for (const QString& container : std::as_const(positional)) {
        request.container = container;
        requests << request;
    }
    return requests;
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
