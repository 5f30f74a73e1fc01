// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustercommands.h"

#include "faults/nodefaults.h"

#include "clusterhealer.h"
#include "clusterobserver.h"
#include "dockerps.h"
#include "dockerruntime.h"
#include "labclock.h"
#include "labcontroller.h"
#include "scenariorunner.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

QString megabytes(const std::optional<qint64>& bytes)
{
    // patronictl prints lag in whole MB.
    return bytes ? QString::number(qRound64(*bytes / 1048576.0)) : QString();
}

EndpointClient::Transport transportFromName(const QString& name)
{
    if (name == QLatin1StringView("http")) {
        return EndpointClient::Transport::Http;
    }
    if (name == QLatin1StringView("exec")) {
        return EndpointClient::Transport::DockerExec;
    }
    return EndpointClient::Transport::Auto;
}

} // namespace

ClusterCommands::ClusterCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
{
}

void ClusterCommands::start()
{
    m_startNs = LabClock::nowNs();
    if (m_request.command.first() == QLatin1StringView("settings") && !prepareSettings()) {
        return; // settings profiles, or invalid input: answered without looking at a cluster
    }
    if (m_request.command.first() == QLatin1StringView("node") && !m_request.projectGiven) {
        resolveNodeCluster();
        return;
    }
    discover(m_request.lab.project);
}

void ClusterCommands::resolveNodeCluster()
{
    ProcessJob* job = m_docker.job({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"), QStringLiteral("{{json .}}")},
                                   this, std::chrono::seconds(20));
    connect(job, &ProcessJob::finished, this, [this, job](const ProcessResult& result) {
        job->deleteLater();
        if (!result.succeeded()) {
            m_err << QStringLiteral("error: ") << DockerCli::explainFailure(result) << Qt::endl;
            emit finished(DockerCli::isDockerUnavailable(result) ? LabController::DockerUnavailable : LabController::Failed);
            return;
        }
        const auto containers = DockerPs::parse(result.standardOutput);
        if (!containers.ok()) {
            m_err << QStringLiteral("error: ") << containers.error() << Qt::endl;
            emit finished(LabController::Failed);
            return;
        }
        const auto cluster = ClusterDiscovery::clusterForContainer(containers.value(), m_request.container, m_request.lab.project);
        if (!cluster.ok()) {
            m_err << QStringLiteral("error: ") << cluster.error() << Qt::endl;
            emit finished(LabController::InvalidInput);
            return;
        }
        discover(cluster.value());
    });
    job->start();
}

void ClusterCommands::discover(const QString& clusterName)
{
    discoverThen(clusterName, [this](const DiscoveredCluster& cluster) { onDiscovered(cluster); });
}

void ClusterCommands::discoverThen(const QString& clusterName, std::function<void(const DiscoveredCluster&)> next)
{
    auto* discovery = new ClusterDiscovery(clusterName, m_docker, this);
    connect(discovery, &ClusterDiscovery::finished, this,
            [this, discovery, next = std::move(next)](const Result<DiscoveredCluster>& result) {
                discovery->deleteLater();
                if (!result.ok()) {
                    m_err << QStringLiteral("error: ") << result.error() << Qt::endl;
                    emit finished(discovery->dockerUnavailable() ? LabController::DockerUnavailable : LabController::Failed);
                    return;
                }
                next(result.value());
            });
    discovery->start();
}

void ClusterCommands::interrupt()
{
    if (m_observer) {
        m_observer->stop();
    }
    if (m_request.command.first() == QLatin1StringView("settings") && m_request.command.value(1) != QLatin1StringView("show")) {
        m_err << QStringLiteral("error: interrupted: the change may have reached some members only (see patroni-lab-cli "
                                "settings show)")
              << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    // Ctrl+C ends a watch as asked; a heal it cuts short has not shown the cluster healthy.
    if (m_request.command.first() == QLatin1StringView("heal")) {
        m_err << QStringLiteral("error: interrupted before the cluster was seen healthy") << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    emit finished(0);
}

void ClusterCommands::onDiscovered(const DiscoveredCluster& cluster)
{
    const QString command = m_request.command.first();
    if (command == QLatin1StringView("status")) {
        runStatus(cluster);
    } else if (command == QLatin1StringView("watch")) {
        runWatch(cluster);
    } else if (command == QLatin1StringView("heal")) {
        runHeal(cluster);
    } else if (command == QLatin1StringView("settings")) {
        runSettings(cluster);
    } else {
        runNode(cluster);
    }
}

ClusterObserver* ClusterCommands::makeObserver(const DiscoveredCluster& cluster)
{
    ClusterObserver::Options options;
    options.period = m_request.period;
    options.transport = transportFromName(m_request.transport);
    options.relay = m_request.relay;
    m_observer = new ClusterObserver(cluster, m_docker, options, this);
    // On stderr, so that --json output stays one document (status) or one object per line (watch).
    connect(m_observer, &ClusterObserver::relayUnavailable, this, [this](const QString& reason) {
        m_err << QStringLiteral("note: unpublished ports are read with docker exec (slower): %1").arg(reason) << Qt::endl;
    });
    connect(m_observer, &ClusterObserver::relayStarted, this, [this](const QString& container, const QString& network) {
        // The first relay is named with the transport; a later one (the cluster came back) deserves a line.
        if (m_observer->hasCompleteState()) {
            m_err << QStringLiteral("note: unpublished ports are read through the relay container %1 on network %2 again")
                         .arg(container, network)
                  << Qt::endl;
        }
    });
    connect(m_observer, &ClusterObserver::relayNote, this,
            [this](const QString& text) { m_err << QStringLiteral("note: ") << text << Qt::endl; });
    return m_observer;
}

QString ClusterCommands::transportText(const ClusterObserver& observer)
{
    const QString transport = observer.transportDescription();
    if (observer.relayContainer().isEmpty()) {
        return transport;
    }
    return QStringLiteral("%1 (container %2 on network %3 forwards 127.0.0.1 ports to the unpublished REST APIs, etcd "
                          "and HAProxy stats; it is removed when this command ends)")
        .arg(transport, observer.relayContainer(), observer.relayNetwork());
}

void ClusterCommands::runStatus(const DiscoveredCluster& cluster)
{
    ClusterObserver* observer = makeObserver(cluster);
    connect(observer, &ClusterObserver::firstRoundCompleted, this, [this, observer](const ClusterState& state) {
        observer->stop();
        if (m_request.json) {
            QJsonObject object = state.toJson();
            object.insert(QStringLiteral("cluster"), observer->cluster().name);
            object.insert(QStringLiteral("transport"), observer->transportDescription());
            m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        } else {
            m_out << renderStatus(state)
                  << QStringLiteral("\nObserved via %1 in %2 ms.\n")
                         .arg(transportText(*observer))
                         .arg((LabClock::nowNs() - m_startNs) / 1'000'000);
        }
        m_out.flush();
        emit finished(state.members ? LabController::Success : LabController::Failed);
    });
    observer->start();
}

void ClusterCommands::runWatch(const DiscoveredCluster& cluster)
{
    ClusterObserver* observer = makeObserver(cluster);
    connect(observer, &ClusterObserver::firstRoundCompleted, this, [this, observer](const ClusterState& state) {
        if (m_request.json) {
            QJsonObject object{{QStringLiteral("kind"), QStringLiteral("observing")},
                               {QStringLiteral("transport"), observer->transportDescription()},
                               {QStringLiteral("state"), state.toJson()}};
            m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
            return;
        }
        m_out << QStringLiteral("Watching cluster '%1' every %2 ms via %3: leader %4, timeline %5, etcd %6/%7 healthy, "
                                "writes routed to %8. Ctrl+C stops.")
                     .arg(observer->cluster().name)
                     .arg(m_request.period.count())
                     .arg(transportText(*observer), state.leader() ? state.leader()->name : QStringLiteral("(none)"),
                          state.timeline() ? QString::number(*state.timeline()) : QStringLiteral("?"))
                     .arg(state.healthyEtcdCount())
                     .arg(state.etcd ? state.etcd->size() : 0)
                     .arg(state.routedServers(QStringLiteral("primary")).join(QStringLiteral(", ")))
              << Qt::endl;
    });
    connect(observer, &ClusterObserver::eventOccurred, this, [this](const ClusterEvent& event) {
        if (m_request.json) {
            m_out << QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        } else {
            m_out << formatEventLine(event, m_startNs) << Qt::endl;
        }
    });
    if (m_request.duration) {
        QTimer::singleShot(*m_request.duration, this, &ClusterCommands::interrupt);
    }
    observer->start();
}

void ClusterCommands::runNode(const DiscoveredCluster& cluster)
{
    const ContainerDetails* container = cluster.find(m_request.container);
    if (!container) {
        m_err << QStringLiteral("error: ") << ClusterDiscovery::unknownContainerError(m_request.container, cluster)
              << QStringLiteral(". Nothing was changed.") << Qt::endl;
        emit finished(LabController::InvalidInput);
        return;
    }
    NodeActionRequest action;
    action.action = *NodeActions::fromName(m_request.nodeAction);
    if (action.action > NodeAction::Connect) {
        const auto fault = NodeFaults::buildRequest(cluster, action.action, container->info.name,
                                                    action.action == NodeAction::Partition ? m_request.partitionPeers
                                                                                           : m_request.nodeParameters);
        if (!fault.ok()) {
            m_err << QStringLiteral("error: ") << fault.error() << QStringLiteral(". Nothing was changed.") << Qt::endl;
            emit finished(LabController::InvalidInput);
            return;
        }
        action = fault.value();
    }
    action.container = container->info.name;
    action.graceSeconds = m_request.graceSeconds;
    action.signal = m_request.signal;
    if (action.action == NodeAction::Disconnect || action.action == NodeAction::Connect) {
        const NodeActionRequest networkAction = cluster.actionRequest(action.action, *container);
        action.network = networkAction.network;
        action.aliases = networkAction.aliases;
        action.ipv4Address = networkAction.ipv4Address;
        if (action.network.isEmpty()) {
            m_err << QStringLiteral("error: cannot tell which network cluster '%1' uses: no container is attached to one")
                         .arg(cluster.name)
                  << Qt::endl;
            emit finished(LabController::Failed);
            return;
        }
    }
    auto* runtime = new DockerRuntime(m_docker, this);
    connect(runtime, &DockerRuntime::actionFinished, this, [this](const NodeActionRequest&, const ProcessResult& result) {
        m_out << QStringLiteral("$ ") << result.commandLine() << Qt::endl;
        if (result.succeeded()) {
            const QString said = QString::fromUtf8(result.standardOutput).trimmed();
            if (!said.isEmpty() && result.arguments.contains(QStringLiteral("--entrypoint"))) {
                m_out << said << Qt::endl; // the helper's one line: what it did inside the container
            }
            m_out << QStringLiteral("done in %1 ms").arg(result.durationMs()) << Qt::endl;
            emit finished(LabController::Success);
        } else {
            m_err << QStringLiteral("error: ") << DockerCli::explainFailure(result) << Qt::endl;
            emit finished(DockerCli::isDockerUnavailable(result) ? LabController::DockerUnavailable : LabController::Failed);
        }
    });
    runtime->run(action);
}

void ClusterCommands::runHeal(const DiscoveredCluster& cluster)
{
    m_healedCluster = cluster.name;
    m_out << QStringLiteral("Healing cluster '%1': unpause, reconnect and start whatever is down…").arg(cluster.name) << Qt::endl;
    // One look first, as the window's Heal all has one: HAProxy's stats show whether it mixes up its servers.
    ClusterObserver* look = makeObserver(cluster);
    connect(look, &ClusterObserver::firstRoundCompleted, this, [this, look, cluster](const ClusterState& state) {
        look->stop();
        look->deleteLater();
        m_observer = nullptr;
        startHealer(cluster, state.haproxy.value_or(QList<HaproxyBackendState>{}));
    });
    look->start();
}

void ClusterCommands::startHealer(const DiscoveredCluster& cluster, const QList<HaproxyBackendState>& haproxyServers)
{
    auto* healer = new ClusterHealer(cluster, m_docker, this);
    healer->setHaproxyServers(haproxyServers);
    connect(healer, &ClusterHealer::actionFinished, this, [this](const NodeActionRequest&, const ProcessResult& result) {
        m_out << QStringLiteral("$ %1  → %2")
                     .arg(result.commandLine(),
                          result.succeeded() ? QStringLiteral("ok in %1 ms").arg(result.durationMs()) : DockerCli::explainFailure(result))
              << Qt::endl;
    });
    connect(healer, &ClusterHealer::finished, this, [this, healer](bool ok, const QString& summary) {
        healer->deleteLater();
        m_out << summary << Qt::endl;
        if (!ok) {
            m_err << QStringLiteral("error: ") << summary << Qt::endl;
            emit finished(LabController::Failed);
            return;
        }
        // Look again: the containers just started publish their ports now, and their endpoints come from them.
        discoverThen(m_healedCluster, [this, summary](const DiscoveredCluster& found) {
            makeObserver(found);
            waitUntilHealthy(summary);
        });
    });
    healer->start();
}

void ClusterCommands::waitUntilHealthy(const QString& healSummary)
{
    const qint64 waitStartNs = LabClock::nowNs();
    const auto seconds = [waitStartNs] { return QString::number((LabClock::nowNs() - waitStartNs) / 1e9, 'f', 1); };
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    auto lastProblem = std::make_shared<QString>();
    const auto evaluate = [this, deadline, seconds, lastProblem, healSummary](bool timedOut) {
        if (!m_observer || !m_observer->isRunning()) {
            return;
        }
        if (!m_observer->hasCompleteState()) {
            if (timedOut) {
                m_observer->stop();
                m_err << QStringLiteral("error: cluster '%1' has not answered %2 s after healing (%3)")
                             .arg(m_observer->cluster().name, seconds(), healSummary)
                      << Qt::endl;
                emit finished(LabController::Failed);
            }
            return;
        }
        const ClusterState& state = m_observer->state();
        const QStringList problems = ScenarioRunner::healthProblems(state, m_observer->cluster());
        if (problems.isEmpty()) {
            m_observer->stop();
            deadline->stop();
            m_out << QStringLiteral("Healthy after %1 s: leader %2, streaming replicas [%3], etcd %4/%5 healthy, HAProxy routes "
                                    "writes to the leader.")
                         .arg(seconds(), state.leader()->name, state.streamingReplicas().join(QStringLiteral(", ")))
                         .arg(state.healthyEtcdCount())
                         .arg(state.etcd ? state.etcd->size() : 0)
                  << Qt::endl;
            emit finished(LabController::Success);
            return;
        }
        if (timedOut) {
            m_observer->stop();
            m_err << QStringLiteral("error: cluster '%1' is not healthy %2 s after healing (%3):\n  %4\nLook at "
                                    "'patroni-lab-cli status --project %1' and the containers' logs; if it stays so, bring "
                                    "the lab down and up again.")
                         .arg(m_observer->cluster().name, seconds(), healSummary, problems.join(QStringLiteral("\n  ")))
                  << Qt::endl;
            emit finished(LabController::Failed);
            return;
        }
        if (problems.first() != *lastProblem) {
            *lastProblem = problems.first();
            m_out << QStringLiteral("[+%1 s] waiting: %2").arg(seconds(), problems.first()) << Qt::endl;
        }
    };
    connect(m_observer, &ClusterObserver::stateChanged, this, [evaluate] { evaluate(false); });
    connect(deadline, &QTimer::timeout, this, [evaluate] { evaluate(true); });
    deadline->start(m_request.timeout);
    m_out << QStringLiteral("Waiting up to %1 s until the cluster is healthy…").arg(m_request.timeout.count()) << Qt::endl;
    m_observer->start();
}

QString ClusterCommands::formatEventLine(const ClusterEvent& event, qint64 startNs)
{
    return QStringLiteral("[%1] +%2s  %3")
        .arg(QDateTime::fromMSecsSinceEpoch(event.wallTimeMs).toString(QStringLiteral("HH:mm:ss.zzz")))
        .arg((event.timeNs - startNs) / 1e9, 0, 'f', 3)
        .arg(event.describe());
}

QString ClusterCommands::renderStatus(const ClusterState& state)
{
    QString text;
    if (state.members) {
        TextTable members({QStringLiteral("Member"), QStringLiteral("Host"), QStringLiteral("Role"), QStringLiteral("State"),
                           QStringLiteral("TL"), QStringLiteral("Receive LSN"), QStringLiteral("Lag"),
                           QStringLiteral("Replay LSN"), QStringLiteral("Lag")});
        for (const MemberState& member : *state.members) {
            const bool unknown = member.lagUnknown && member.receiveLsn.isEmpty();
            members.addRow({member.name, member.host, member.displayRole(), member.state,
                            member.timeline ? QString::number(*member.timeline) : QString(),
                            unknown ? QStringLiteral("unknown") : member.receiveLsn, megabytes(member.receiveLagBytes),
                            unknown ? QStringLiteral("unknown") : member.replayLsn, megabytes(member.replayLagBytes)});
        }
        text += members.render(QStringLiteral("Cluster: ") + (state.scope.isEmpty() ? QStringLiteral("(scope not reported)") : state.scope));
    } else {
        text += QStringLiteral("Patroni: no member's REST API answers\n");
    }
    text += u'\n';

    TextTable etcd({QStringLiteral("etcd"), QStringLiteral("Container"), QStringLiteral("Health"), QStringLiteral("Raft"),
                    QStringLiteral("Term")});
    for (const EtcdMemberState& member : state.etcd.value_or(QList<EtcdMemberState>{})) {
        etcd.addRow({member.name, member.container,
                     member.healthy ? QStringLiteral("healthy") : QStringLiteral("unhealthy: ") + member.error,
                     member.raftLeader ? QStringLiteral("leader") : (member.reachable ? QStringLiteral("follower") : QString()),
                     member.raftTerm > 0 ? QString::number(member.raftTerm) : QString()});
    }
    text += etcd.render(QStringLiteral("etcd: %1/%2 healthy, quorum %3")
                            .arg(state.healthyEtcdCount())
                            .arg(state.etcd ? state.etcd->size() : 0)
                            .arg(state.hasEtcdQuorum() ? QStringLiteral("yes") : QStringLiteral("LOST")));
    text += u'\n';

    if (state.haproxy) {
        TextTable haproxy({QStringLiteral("Listener"), QStringLiteral("Server"), QStringLiteral("Status"), QStringLiteral("Check")});
        for (const HaproxyBackendState& backend : *state.haproxy) {
            haproxy.addRow({backend.listener, backend.server, backend.status, backend.checkStatus});
        }
        text += haproxy.render(QStringLiteral("HAProxy"));
        const QStringList writes = state.routedServers(QStringLiteral("primary"));
        text += QStringLiteral("Writes are routed to: %1\n").arg(writes.isEmpty() ? QStringLiteral("nobody") : writes.join(QStringLiteral(", ")));
    } else {
        text += QStringLiteral("HAProxy: stats do not answer\n");
    }
    return text;
}
