// SPDX-License-Identifier: GPL-3.0-or-later
#include "faults/nodefaults.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


using namespace std::chrono_literals;

QStringList NodeFaults::helperArguments(const QString& container, const QString& image, const QString& verb,
                                        const QStringList& arguments)
{
    const QString target = QStringLiteral("container:") + container;
    return QStringList{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--pull"), QStringLiteral("never"),
                       QStringLiteral("--label"), helperLabel() + QStringLiteral("=true"), QStringLiteral("--network"),
                       target, QStringLiteral("--pid"), target, QStringLiteral("--cap-add"), QStringLiteral("NET_ADMIN"),
                       QStringLiteral("--entrypoint"), QStringLiteral("/usr/local/bin/lab-fault"), image, verb}
        + arguments;
}


QString NodeFaults::peersError(const QStringList& peers)
{
    if (peers.isEmpty()) {
        return QStringLiteral("partition needs at least one peer (--from etcd1,etcd2,etcd3)");
    }
    for (const QString& peer : peers) {
        const QString address = peer.section(u'=', 1);
        QHostAddress parsed;
        if (!peer.contains(u'=') || !parsed.setAddress(address) || parsed.protocol() != QHostAddress::IPv4Protocol) {
            return QStringLiteral("peer '%1' has no IPv4 address on the cluster's network: is it cut off or stopped?")
                .arg(peer.section(u'=', 0, 0));
        }
    }
    return {};
}



QString NodeFaults::validationError(const NodeActionRequest& request)
{
    switch (request.action) {
    case NodeAction::Impair:
        return impairmentError(request.impairment);
    case NodeAction::Partition:
        return peersError(request.peers);
    case NodeAction::LimitCpu:
        return cpusError(request.cpus);
    case NodeAction::LimitMemory:
        return memoryError(request.memoryBytes);
    default:
        return {};
    }
}

QString NodeFaults::addressOf(const DiscoveredCluster& cluster, const ContainerDetails& container)
{
    const QString network = cluster.sharedNetwork();
    for (const NetworkAttachment& attachment : container.networks) {
        if (attachment.network == network && !attachment.ipAddress.isEmpty()) {
            return attachment.ipAddress;
        }
    }
    return DiscoveredCluster::fixedAddressFor(container);
}

Result<NodeActionRequest> NodeFaults::buildRequest(const DiscoveredCluster& cluster, NodeAction action,
                                                   const QString& container, const QStringList& parameters)
{
    using R = Result<NodeActionRequest>;
    const ContainerDetails* target = cluster.find(container);
    if (!target) {
        return R::failure(ClusterDiscovery::unknownContainerError(container, cluster));
    }
    NodeActionRequest request = cluster.actionRequest(action, *target);
    const QString actionName = NodeActions::name(action);
    switch (action) {
    case NodeAction::Impair:
        request.impairment = parameters;
        break;
    case NodeAction::Partition:
        for (const QString& peerName : parameters) {
            const ContainerDetails* peer = cluster.find(peerName);
            if (!peer) {
                return R::failure(QStringLiteral("cannot partition from %1: %2")
                                      .arg(peerName, ClusterDiscovery::unknownContainerError(peerName, cluster)));
            }
            if (peer == target) {
                return R::failure(QStringLiteral("cannot partition %1 from itself: name its peers (e.g. etcd1 etcd2 etcd3)")
                                      .arg(container));
            }
            const QString service = peer->info.composeService().isEmpty() ? peer->info.name : peer->info.composeService();
            request.peers << service + u'=' + addressOf(cluster, *peer);
        }
        break;
    case NodeAction::LimitCpu: {
        bool ok = false;
        request.cpus = parameters.value(0).toDouble(&ok);
        if (parameters.size() != 1 || !ok) {
            return R::failure(QStringLiteral("limit-cpu needs one number, the CPUs' worth of time (0.2 = a fifth of one core)"));
        }
        break;
    }
    case NodeAction::LimitMemory: {
        const auto bytes = parameters.size() == 1 ? parseMemory(parameters.first()) : std::nullopt;
        if (!bytes) {
            return R::failure(QStringLiteral("limit-memory needs one size such as 96m or 1g"));
        }
        request.memoryBytes = *bytes;
        break;
    }
    default:
        if (!parameters.isEmpty()) {
            return R::failure(QStringLiteral("%1 takes no parameters (got: %2)").arg(actionName, parameters.join(u' ')));
        }
        break;
    }
    const QString error = validationError(request);
    if (!error.isEmpty()) {
        return R::failure(error);
    }
    const bool postgresFault = action == NodeAction::KillPostgres || action == NodeAction::FreezePostgres
        || action == NodeAction::ThawPostgres || action == NodeAction::KillPatroni;
    if (postgresFault && target->info.component() != ContainerInfo::Component::Patroni) {
        return R::failure(QStringLiteral("%1 acts on a Patroni node's processes; %2 is not a Patroni node")
                              .arg(actionName, target->info.name));
    }
    return R::success(request);
}




Result<FaultSurvey> FaultSurvey::parse(const QByteArray& json)
{
    QJsonParseError error;
    // The helper prints one line; anything before it (a warning from Docker) is not ours.
    const QByteArray line = json.trimmed().split('\n').constLast();
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return Result<FaultSurvey>::failure(QStringLiteral("lab-fault survey printed no JSON object (%1)")
                                                .arg(QString::fromUtf8(line.left(200))));
    }
    const QJsonObject object = document.object();
    FaultSurvey survey;
    const QJsonObject netem = object.value(QLatin1StringView("netem")).toObject();
    for (auto it = netem.begin(); it != netem.end(); ++it) {
        survey.netem.insert(it.key(), it.value().toString());
    }
    survey.partitioned = object.value(QLatin1StringView("partitioned")).toBool();
    const QJsonArray peers = object.value(QLatin1StringView("partition_peers")).toArray();
    for (const QJsonValue& peer : peers) {
        survey.partitionPeers << peer.toString();
    }
    survey.postgresRunning = object.value(QLatin1StringView("postgres_running")).toBool();
    survey.postgresFrozen = object.value(QLatin1StringView("postgres_frozen")).toBool();
    survey.patroniRunning = object.value(QLatin1StringView("patroni_running")).toBool();
    survey.pid1 = object.value(QLatin1StringView("pid1")).toString();
    return Result<FaultSurvey>::success(survey);
}

QStringList HostResources::infoArguments()
{
    return {QStringLiteral("info"), QStringLiteral("--format"), QStringLiteral("{{.NCPU}} {{.MemTotal}}")};
}

Result<HostResources> HostResources::parse(const QByteArray& output)
{
    const QStringList words = QString::fromUtf8(output).simplified().split(u' ');
    HostResources host;
    bool cpusOk = false;
    bool memoryOk = false;
    host.cpus = words.value(0).toInt(&cpusOk);
    host.memoryBytes = words.value(1).toLongLong(&memoryOk);
    if (!cpusOk || !memoryOk || host.cpus <= 0 || host.memoryBytes <= 0) {
        return Result<HostResources>::failure(
            QStringLiteral("docker info did not say how many CPUs and how much memory the host has ('%1')")
                .arg(QString::fromUtf8(output.trimmed().left(120))));
    }
    return Result<HostResources>::success(host);
}

bool NodeFaults::hasCpuLimit(const ContainerDetails& container, const HostResources& host)
{
    return (container.cpuQuota > 0 && container.nanoCpus == 0)
        || (container.nanoCpus > 0 && (host.cpus <= 0 || container.nanoCpus < qint64(host.cpus) * 1000000000));
}

bool NodeFaults::hasMemoryLimit(const ContainerDetails& container, const HostResources& host)
{
    return container.memoryBytes > 0 && (host.memoryBytes <= 0 || container.memoryBytes < host.memoryBytes);
}

QList<NodeActionRequest> NodeFaults::healActions(const ContainerDetails& container, const FaultSurvey* survey,
                                                 const HostResources& host)
{
    QList<NodeActionRequest> actions;
    const auto add = [&](NodeAction action) {
        NodeActionRequest request;
        request.action = action;
        request.container = container.info.name;
        // A quota set with --cpu-quota (not ours: we use --cpus) is lifted with -1, which --cpus conflicts with.
        request.cpus = container.cpuQuota > 0 && container.nanoCpus == 0 ? 0 : host.cpus;
        request.memoryBytes = host.memoryBytes;
        actions << request;
    };
    if (survey) {
        if (survey->postgresFrozen) {
            add(NodeAction::ThawPostgres);
        }
        if (survey->partitioned) {
            add(NodeAction::Unpartition);
        }
        if (survey->isImpaired()) {
            add(NodeAction::Clear);
        }
    }
    if (hasCpuLimit(container, host) || hasMemoryLimit(container, host)) {
        add(NodeAction::Unlimit);
    }
    if (survey && survey->patroniDeadPostgresLives()) {
        // Patroni would find its PostgreSQL running as a primary beside the new leader: a restart brings both back
        // as the node's init starts them, and Patroni rejoins (rewinding if it must).
        add(NodeAction::Restart);
    }
    return actions;
}

QStringList NodeFaults::impairmentWords(const QString& surveyed)
{
    static const QStringList keys{QStringLiteral("delay"), QStringLiteral("loss"), QStringLiteral("duplicate"),
                                  QStringLiteral("corrupt"), QStringLiteral("rate")};
    QStringList words;
    QString key;
    for (QString word : surveyed.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (keys.contains(word)) {
            key = word;
            words << word;
            continue;
        }
        if (key.isEmpty() || word.startsWith(u'(')) {
            continue;
        }
        // 100ms, 20ms, 5%, 512Kbit, 1Mbit: the number in the unit impair takes (ms, percent, kbit/s).
        const qsizetype digits = std::find_if(word.cbegin(), word.cend(), [](QChar c) { return !c.isDigit() && c != u'.'; })
            - word.cbegin();
        const double value = word.left(digits).toDouble();
        const QString unit = word.mid(digits).toLower();
        double scaled = value;
        if (unit == QLatin1StringView("s")) {
            scaled = value * 1000;
        } else if (unit == QLatin1StringView("us")) {
            scaled = value / 1000;
        } else if (unit == QLatin1StringView("mbit")) {
            scaled = value * 1000;
        } else if (unit == QLatin1StringView("bit")) {
            scaled = value / 1000;
        }
        words << QString::number(key == QLatin1StringView("loss") || key == QLatin1StringView("duplicate")
                                         || key == QLatin1StringView("corrupt")
                                     ? scaled
                                     : double(qRound64(scaled)));
        if (key != QLatin1StringView("delay")) {
            key.clear(); // only delay takes a second number (its jitter)
        }
    }
    return words;
}

QList<NodeActionRequest> NodeFaults::injectedFaults(const DiscoveredCluster& cluster, const ContainerDetails& container,
                                                    const FaultSurvey* survey, const HostResources& host)
{
    QList<NodeActionRequest> found;
    const auto add = [&](NodeAction action) -> NodeActionRequest& {
        NodeActionRequest request;
        request.action = action;
        request.container = container.info.name;
        found << request;
        return found.last();
    };
    if (survey) {
        QStringList words;
        QStringList interfaces = survey->netem.keys();
        interfaces.sort(); // the same words for the same faults, whatever the hash's order
        for (const QString& interface : std::as_const(interfaces)) {
            const QStringList more = impairmentWords(survey->netem.value(interface));
            if (!words.contains(more.value(0))) { // netem on eth0 and eth1 alike: once
                words += more;
            }
        }
        if (!words.isEmpty()) {
            add(NodeAction::Impair).impairment = words;
        }
        if (survey->partitioned) {
            QStringList peers;
            for (const QString& address : survey->partitionPeers) {
                QString name = address;
                for (const ContainerDetails& peer : cluster.containers) {
                    if (addressOf(cluster, peer) == address) {
                        name = peer.info.composeService().isEmpty() ? peer.info.name : peer.info.composeService();
                    }
                }
                peers << name + u'=' + address;
            }
            add(NodeAction::Partition).peers = peers;
        }
        if (survey->postgresFrozen) {
            add(NodeAction::FreezePostgres);
        }
        if (survey->patroniDeadPostgresLives()) {
            add(NodeAction::KillPatroni);
        }
    }
    if (hasCpuLimit(container, host) && container.nanoCpus > 0) {
        add(NodeAction::LimitCpu).cpus = container.nanoCpus / 1e9;
    }
    if (hasMemoryLimit(container, host)) {
        add(NodeAction::LimitMemory).memoryBytes = container.memoryBytes;
    }
    return found;
}

FaultSurveyor::FaultSurveyor(const DockerCli& docker, QString helperImage, QObject* parent)
    : QObject(parent)
    , m_docker(docker)
    , m_helperImage(std::move(helperImage))
{
}

void FaultSurveyor::start(const QList<ContainerDetails>& containers)
{
    m_pending = 1;
    ProcessJob* info = m_docker.job(HostResources::infoArguments(), this, 30s);
    connect(info, &ProcessJob::finished, this, [this, info](const ProcessResult& result) {
        info->deleteLater();
        const auto host = result.succeeded() ? HostResources::parse(result.standardOutput)
                                             : Result<HostResources>::failure(DockerCli::explainFailure(result));
        if (host.ok()) {
            m_host = host.value();
        } else {
            m_errors << QStringLiteral("docker info: ") + host.error();
        }
        jobDone();
    });
    info->start();
    for (const ContainerDetails& container : containers) {
        if (container.info.state != ContainerInfo::State::Running && container.info.state != ContainerInfo::State::Paused) {
            continue; // a stopped container's namespaces, and whatever was injected into them, are gone
        }
        ++m_pending;
        const QString name = container.info.name;
        ProcessJob* job = m_docker.job(
            NodeFaults::helperArguments(name, m_helperImage, QStringLiteral("survey")), this, 60s);
        connect(job, &ProcessJob::finished, this, [this, job, name](const ProcessResult& result) {
            job->deleteLater();
            const auto survey = result.succeeded() ? FaultSurvey::parse(result.standardOutput)
                                                   : Result<FaultSurvey>::failure(DockerCli::explainFailure(result));
            if (survey.ok()) {
                m_surveys.insert(name, survey.value());
            } else {
                m_errors << QStringLiteral("%1: %2").arg(name, survey.error());
            }
            jobDone();
        });
        job->start();
    }
}

void FaultSurveyor::jobDone()
{
    if (--m_pending == 0) {
        emit finished(m_surveys, m_host, m_errors);
    }
}
