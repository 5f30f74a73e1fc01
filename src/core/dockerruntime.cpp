// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerruntime.h"

#include "faults/nodefaults.h"
#include "labassets.h"

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
    // Inside the container: the helper's verbs have the same names (see packaging/lab/node/lab-fault).
    {NodeAction::Impair, "impair"}, {NodeAction::Clear, "clear"}, {NodeAction::Partition, "partition"},
    {NodeAction::Unpartition, "unpartition"}, {NodeAction::KillPostgres, "kill-postgres"},
    {NodeAction::FreezePostgres, "freeze-postgres"}, {NodeAction::ThawPostgres, "thaw-postgres"},
    {NodeAction::KillPatroni, "kill-patroni"}, {NodeAction::LimitCpu, "limit-cpu"},
    {NodeAction::LimitMemory, "limit-memory"}, {NodeAction::Unlimit, "unlimit"},
};

QString cpusText(double cpus)
{
    return QString::number(cpus, 'g', 4);
}

// docker run's words after the options: IMAGE VERB ARGS (the helper's), from a command line the helper ran.
QList<NodeActionRequest> fromHelperCommand(const QStringList& words)
{
    static const QStringList withValue{QStringLiteral("--pull"), QStringLiteral("--label"), QStringLiteral("--network"),
                                       QStringLiteral("--net"), QStringLiteral("--pid"), QStringLiteral("--cap-add"),
                                       QStringLiteral("--entrypoint"), QStringLiteral("--name"), QStringLiteral("-l")};
    QString container;
    QString entrypoint;
    QStringList positional;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (!positional.isEmpty() || !word.startsWith(u'-')) {
            positional << word;
            continue;
        }
        const QString option = word.section(u'=', 0, 0);
        const QString value = word.contains(u'=') ? word.section(u'=', 1)
                                                  : (withValue.contains(option) && i + 1 < words.size() ? words.at(++i) : QString());
        if ((option == QLatin1StringView("--network") || option == QLatin1StringView("--pid"))
            && value.startsWith(QLatin1StringView("container:"))) {
            container = value.mid(10);
        } else if (option == QLatin1StringView("--entrypoint")) {
            entrypoint = value;
        }
    }
    if (!entrypoint.endsWith(QLatin1StringView("lab-fault")) || container.isEmpty() || positional.size() < 2) {
        return {};
    }
    const auto action = NodeActions::fromName(positional.at(1));
    NodeActionRequest request;
    request.action = action.value_or(NodeAction::Stop);
    if (!action || !request.usesHelper()) {
        return {};
    }
    request.container = container;
    request.helperImage = positional.at(0);
    const QStringList arguments = positional.mid(2);
    if (request.action == NodeAction::Impair) {
        request.impairment = arguments;
    } else if (request.action == NodeAction::Partition) {
        request.peers = arguments;
    }
    return {request};
}

// `docker update --cpus N | --cpu-quota Q | --memory M --memory-swap S CONTAINER...`
QList<NodeActionRequest> fromUpdateCommand(const QStringList& words)
{
    NodeActionRequest request;
    QStringList containers;
    bool cpus = false;
    bool memory = false;
    bool lifts = false;
    QString memoryText;
    QString swapText;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (!word.startsWith(u'-')) {
            containers << word;
            continue;
        }
        const QString option = word.section(u'=', 0, 0);
        const QString value = word.contains(u'=') ? word.section(u'=', 1) : (i + 1 < words.size() ? words.at(++i) : QString());
        if (option == QLatin1StringView("--cpus")) {
            cpus = true;
            request.cpus = value.toDouble();
        } else if (option == QLatin1StringView("--cpu-quota")) {
            lifts = lifts || value == QLatin1StringView("-1");
        } else if (option == QLatin1StringView("--memory") || option == QLatin1StringView("-m")) {
            memory = true;
            memoryText = value;
            request.memoryBytes = NodeFaults::parseMemory(value).value_or(0);
        } else if (option == QLatin1StringView("--memory-swap")) {
            swapText = value;
        }
    }
    // limit-memory gives as much swap as memory; unlimit gives more (or -1).
    lifts = lifts || (!swapText.isEmpty() && swapText != memoryText);
    if (lifts) {
        request.action = NodeAction::Unlimit;
    } else if (memory) {
        request.action = NodeAction::LimitMemory;
    } else if (cpus) {
        request.action = NodeAction::LimitCpu;
    } else {
        return {};
    }
    QList<NodeActionRequest> requests;
    for (const QString& container : std::as_const(containers)) {
        request.container = container;
        requests << request;
    }
    return requests;
}

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

bool NodeActionRequest::usesHelper() const
{
    switch (action) {
    case NodeAction::Impair:
    case NodeAction::Clear:
    case NodeAction::Partition:
    case NodeAction::Unpartition:
    case NodeAction::KillPostgres:
    case NodeAction::FreezePostgres:
    case NodeAction::ThawPostgres:
    case NodeAction::KillPatroni:
        return true;
    default:
        return false;
    }
}

bool NodeActions::takesDown(NodeAction action)
{
    switch (action) {
    case NodeAction::Stop:
    case NodeAction::Kill:
    case NodeAction::Restart:
    case NodeAction::Pause:
    case NodeAction::Disconnect:
    case NodeAction::KillPostgres:
    case NodeAction::FreezePostgres:
    case NodeAction::KillPatroni:
        return true;
    default:
        return false;
    }
}

QString NodeActions::describe(const NodeActionRequest& request)
{
    const QString action = name(request.action);
    switch (request.action) {
    case NodeAction::Impair:
        return action + u' ' + NodeFaults::describeImpairment(request.impairment);
    case NodeAction::Partition: {
        QStringList names;
        for (const QString& peer : request.peers) {
            names << peer.section(u'=', 0, 0);
        }
        return QStringLiteral("%1 from %2").arg(action, names.join(u' '));
    }
    case NodeAction::LimitCpu:
        return QStringLiteral("%1 %2").arg(action, cpusText(request.cpus));
    case NodeAction::LimitMemory:
        return QStringLiteral("%1 %2").arg(action, NodeFaults::formatMemory(request.memoryBytes));
    default:
        return action;
    }
}

QStringList NodeActions::dockerArguments(const NodeActionRequest& request)
{
    const QString grace = QString::number(request.graceSeconds);
    const QString image = request.helperImage.isEmpty() ? LabAssets::imageTag() : request.helperImage;
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
    case NodeAction::Impair:
        return NodeFaults::helperArguments(request.container, image, name(request.action), request.impairment);
    case NodeAction::Partition:
        return NodeFaults::helperArguments(request.container, image, name(request.action), request.peers);
    case NodeAction::Clear:
    case NodeAction::Unpartition:
    case NodeAction::KillPostgres:
    case NodeAction::FreezePostgres:
    case NodeAction::ThawPostgres:
    case NodeAction::KillPatroni:
        return NodeFaults::helperArguments(request.container, image, name(request.action));
    case NodeAction::LimitCpu:
        return {QStringLiteral("update"), QStringLiteral("--cpus"), cpusText(request.cpus), request.container};
    case NodeAction::LimitMemory: {
        // Swap as large as the memory: the limit is the limit, nothing spills to swap.
        const QString memory = NodeFaults::formatMemory(request.memoryBytes);
        return {QStringLiteral("update"), QStringLiteral("--memory"), memory, QStringLiteral("--memory-swap"), memory,
                request.container};
    }
    case NodeAction::Unlimit: {
        // `docker update` ignores 0 and refuses -1 for --memory, and keeps --cpus once set: "no limit" is every CPU
        // and the host's memory (swap twice that: cgroup v1 refuses a swap limit below the memory limit), or -1
        // for a CPU quota set with --cpu-quota rather than --cpus.
        const QStringList cpu = request.cpus > 0 ? QStringList{QStringLiteral("--cpus"), cpusText(request.cpus)}
                                                 : QStringList{QStringLiteral("--cpu-quota"), QStringLiteral("-1")};
        return QStringList{QStringLiteral("update")} + cpu
            + QStringList{QStringLiteral("--memory"), QString::number(request.memoryBytes), QStringLiteral("--memory-swap"),
                          QString::number(2 * request.memoryBytes), request.container};
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
    if (words.first() == QLatin1StringView("run")) {
        return fromHelperCommand(words);
    }
    if (words.first() == QLatin1StringView("update")) {
        return fromUpdateCommand(words);
    }
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
        if (!action || *action > NodeAction::Unpause) {
            return {}; // network actions came above; the faults inside a container are never "docker VERB"
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
    if (request.action != NodeAction::Unlimit || request.memoryBytes > 0) {
        return start(request);
    }
    // "No memory limit" is the host's memory, which only docker knows: ask it first, then lift the limits.
    ProcessJob* info = m_docker.job(HostResources::infoArguments(), this, 30s);
    connect(info, &ProcessJob::finished, this, [this, info, request](const ProcessResult& result) {
        info->deleteLater();
        const auto host = result.succeeded() ? HostResources::parse(result.standardOutput) : Result<HostResources>::failure({});
        if (!host.ok()) {
            ProcessResult failed = result;
            if (failed.succeeded()) {
                failed.exitCode = 1;
                failed.standardError = host.error().toUtf8();
            }
            emit commandFinished(failed);
            emit actionFinished(request, failed);
            return;
        }
        NodeActionRequest lift = request;
        lift.memoryBytes = host.value().memoryBytes;
        lift.cpus = host.value().cpus;
        start(lift);
    });
    info->start();
    return info;
}

ProcessJob* DockerRuntime::start(const NodeActionRequest& request)
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
