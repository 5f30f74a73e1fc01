// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariorunner.h"

#include "faults/nodefaults.h"

#include "clusterhealer.h"
#include "clusterobserver.h"
#include "dockerruntime.h"
#include "haproxychecks.h"
#include "journal.h"
#include "labclock.h"
#include "patroniswitchover.h"
#include "scenarioreport.h"
#include "trafficrun.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

using namespace std::chrono_literals;

namespace {

// Conditions are looked at on every observation and every batch of operations; the timer only ends fixed pauses
// and timeouts, and catches a condition that became true without either (a quiet cluster).
constexpr auto WaitTick = 200ms;
// "The generator is connected": it has written this many times in a row.
constexpr int WritesBeforeFirstStep = 3;
constexpr auto GeneratorTimeout = 30s;
constexpr auto WritesAfterHealTimeout = 60s;

QString seconds(qint64 ms)
{
    return ScenarioReport::tr("%1 s", "seconds").arg(ms / 1000.0, 0, 'f', 1);
}

const MemberState* memberInContainer(const ClusterState& state, const QString& container)
{
    if (!state.members) {
        return nullptr;
    }
    for (const MemberState& member : *state.members) {
        if (member.container == container) {
            return &member;
        }
    }
    return nullptr;
}

} // namespace

ScenarioRunner::ScenarioRunner(Journal* journal, const Scenario& scenario, const ScenarioRunOptions& options, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_options(options)
{
    m_result.scenario = scenario;
    m_result.language = options.language;
    m_result.clusterName = options.clusterName;
    for (const ScenarioStep& step : scenario.steps) {
        ScenarioStepRecord record;
        record.description = step.describe();
        m_result.steps.append(record);
    }
    m_waitTimer.setInterval(WaitTick);
    connect(&m_waitTimer, &QTimer::timeout, this, &ScenarioRunner::evaluateWait);
}

ScenarioRunner::~ScenarioRunner()
{
    // The run appends to the journal through its own connections; it goes before the observer it listens to.
    delete m_run;
}

void ScenarioRunner::setPhase(Phase phase)
{
    if (m_phase != phase) {
        m_phase = phase;
        emit phaseChanged(phase);
    }
}

void ScenarioRunner::start()
{
    if (m_phase != Phase::Idle) {
        return;
    }
    setPhase(Phase::Preparing);
    m_result.startedWallMs = QDateTime::currentMSecsSinceEpoch();
    m_result.startedNs = LabClock::nowNs();
    emit logLine(tr("Scenario %1: %2").arg(m_result.scenario.id, m_result.scenario.title.text(m_options.language)));
    emit logLine(tr("Looking for cluster %1…").arg(m_options.clusterName));
    auto* discovery = new ClusterDiscovery(m_options.clusterName, m_docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery](const Result<DiscoveredCluster>& found) {
        discovery->deleteLater();
        onDiscovered(found);
    });
    discovery->start();
}

void ScenarioRunner::onDiscovered(const Result<DiscoveredCluster>& found)
{
    if (m_phase == Phase::Finished) {
        return; // aborted while looking
    }
    if (!found.ok()) {
        m_result.failure = tr("the cluster was not found: %1").arg(found.error());
        complete();
        return;
    }
    if (m_abortRequested) {
        m_result.aborted = true;
        m_result.failure = tr("aborted before the first step");
        complete();
        return;
    }
    m_cluster = found.value();
    m_runtime = new DockerRuntime(m_docker, this);
    connect(m_runtime, &DockerRuntime::actionFinished, this,
            [this](const NodeActionRequest&, const ProcessResult& result) { onActionFinished(result); });
    m_switchover = new PatroniSwitchover(m_docker, EndpointClient::Transport::Auto, this);
    connect(m_switchover, &PatroniSwitchover::finished, this, [this](const SwitchoverResult& result) {
        recordFault(result.asProcessResult(LabClock::nowNs()));
        emit logLine(QStringLiteral("$ %1").arg(result.commandLine));
        emit logLine(result.describe());
        m_actionInFlight = false;
        finishStep(m_currentStep, result.ok(), result.describe());
    });

    m_observer = new ClusterObserver(*m_cluster, m_docker, ClusterObserver::Options{}, this);
    connect(m_observer, &ClusterObserver::stateChanged, this, &ScenarioRunner::evaluateWait);
    connect(m_observer, &ClusterObserver::firstRoundCompleted, this, [this] { m_observer->requestPatroniConfig(); });
    connect(m_observer, &ClusterObserver::patroniConfigReceived, this, [this](const QJsonObject& config) {
        if (!m_patroniConfigReceived) {
            m_patroniConfigReceived = true;
            m_patroniConfig = config;
        }
    });
    m_observer->start();

    // HAProxy's check timing, for the expected bands; the reader always answers (with HAProxy's defaults and the
    // reason when it cannot read the configuration).
    const auto haproxies = m_cluster->components(ContainerInfo::Component::Haproxy);
    if (haproxies.isEmpty()) {
        HaproxyCheckSettings defaults;
        defaults.source = tr("HAProxy defaults: the cluster has no HAProxy container");
        m_haproxyChecks = defaults;
    } else {
        auto* reader = new HaproxyCheckReader(haproxies.first()->info.name, m_docker, this);
        connect(reader, &HaproxyCheckReader::finished, this, [this, reader](const HaproxyCheckSettings& settings) {
            reader->deleteLater();
            m_haproxyChecks = settings;
        });
        reader->start();
    }

    emit logLine(tr("Checking that the cluster is healthy before the first step…"));
    m_waitPurpose = WaitPurpose::Ready;
    m_wait = ScenarioStep{};
    m_wait.condition = ScenarioStep::Condition::ClusterHealthy;
    m_wait.timeoutSeconds = std::chrono::duration<double>(m_options.readyTimeout).count();
    m_waitClock.start();
    m_waitBeganNs = LabClock::nowNs();
    m_waitTimer.start();
}

void ScenarioRunner::startTraffic()
{
    const ScenarioTraffic& traffic = m_result.scenario.traffic;
    TrafficConfig config;
    config.conninfo = m_options.conninfo;
    config.rate = traffic.rate;
    config.connections = traffic.connections;
    config.probeRate = traffic.probeRate;
    config.deadline = std::chrono::milliseconds(traffic.deadlineMs);
    QJsonObject settings = m_options.settings;
    settings.insert(QStringLiteral("scenario"), m_result.scenario.id);
    settings.insert(QStringLiteral("cluster"), m_options.clusterName);
    settings.insert(QStringLiteral("rate"), traffic.rate);
    settings.insert(QStringLiteral("connections"), traffic.connections);
    settings.insert(QStringLiteral("probe_rate"), traffic.probeRate);
    settings.insert(QStringLiteral("deadline_ms"), traffic.deadlineMs);
    settings.insert(QStringLiteral("docker_stop_grace_s"), m_options.graceSeconds);
    if (!m_result.settingsApplied.isEmpty()) {
        settings.insert(QStringLiteral("settings_profile"), m_result.settingsProfile);
        settings.insert(QStringLiteral("cluster_settings"), QJsonArray::fromStringList(m_result.settingsApplied));
    }
    m_result.settings = settings;

    m_run = new TrafficRun(m_journal, this);
    connect(m_run, &TrafficRun::logLine, this, &ScenarioRunner::logLine);
    connect(m_run, &TrafficRun::progress, this, &ScenarioRunner::logLine);
    connect(m_run, &TrafficRun::operationsRecorded, this, [this](const std::vector<OperationRecord>& batch) {
        for (const OperationRecord& operation : batch) {
            if (operation.kind == OperationRecord::Kind::Read) {
                continue;
            }
            const bool ok = operation.outcome == OperationRecord::Outcome::Ok;
            if (!ok && operation.endNs >= m_lastActionStartNs) {
                m_writeFailed = true;
            }
            if (operation.endNs >= m_waitBeganNs) {
                if (!ok) {
                    m_consecutiveWrites = 0;
                } else if (operation.kind == OperationRecord::Kind::Insert) {
                    ++m_consecutiveWrites;
                }
            }
        }
        evaluateWait();
    });
    connect(m_run, &TrafficRun::finished, this, [this](const RunAnalysis& analysis) {
        m_result.runId = m_run->runId();
        m_result.versions = m_run->clusterInfo().value(QStringLiteral("versions")).toObject();
        m_result.timings = ScenarioTimings::from(m_patroniConfig, m_haproxyChecks.value_or(HaproxyCheckSettings{}),
                                                 m_options.graceSeconds);
        m_result.judge(m_run->operations(), m_run->events(), analysis, m_run->faults());
        complete();
    });
    const auto started = m_run->start(config, m_observer, settings);
    if (!started.ok()) {
        m_result.failure = tr("the traffic generator did not start: %1").arg(started.error());
        complete();
        return;
    }
    m_result.runId = started.value();
    emit trafficStarted(m_run);
    emit logLine(tr("Traffic started (run %1); waiting for %2 writes in a row…").arg(started.value()).arg(WritesBeforeFirstStep));
    m_waitPurpose = WaitPurpose::Writing;
    m_wait = ScenarioStep{};
    m_wait.condition = ScenarioStep::Condition::WritesOk;
    m_wait.count = WritesBeforeFirstStep;
    m_wait.timeoutSeconds = std::chrono::duration<double>(GeneratorTimeout).count();
    m_consecutiveWrites = 0;
    m_waitBeganNs = LabClock::nowNs();
    m_waitClock.start();
}

void ScenarioRunner::runStep(int index)
{
    m_waitPurpose = WaitPurpose::None;
    if (m_abortRequested) {
        m_result.aborted = true;
        m_result.failure = tr("aborted by the user before step %1").arg(index + 1);
        heal();
        return;
    }
    if (index >= m_result.steps.size()) {
        m_result.completed = true;
        emit logLine(tr("Every step ran."));
        heal();
        return;
    }
    m_currentStep = index;
    ScenarioStepRecord& record = m_result.steps[index];
    record.state = ScenarioStepRecord::State::Running;
    record.startedNs = LabClock::nowNs();
    const ScenarioStep& step = m_result.scenario.steps.at(index);
    const QString note = step.note.text(m_options.language);
    emit logLine(QStringLiteral("[%1/%2] %3%4")
                     .arg(index + 1)
                     .arg(m_result.steps.size())
                     .arg(record.description, note.isEmpty() ? QString() : QStringLiteral(" — %1").arg(note)));
    emit stepStarted(index);
    if (m_phase != Phase::Running) {
        return; // a slot connected to stepStarted aborted the run: heal() has taken over
    }
    if (step.kind == ScenarioStep::Kind::Action) {
        runAction(index);
    } else {
        runWait(index);
    }
}

std::optional<QStringList> ScenarioRunner::resolveContainers(const ScenarioTarget& target, QString* error)
{
    const ClusterState& state = m_observer->state();
    const auto replicas = [&state] {
        QList<const MemberState*> found;
        for (const MemberState& member : state.members.value_or(QList<MemberState>{})) {
            if (!member.isLeader() && !member.container.isEmpty()) {
                found << &member;
            }
        }
        std::sort(found.begin(), found.end(), [](const MemberState* a, const MemberState* b) { return a->name < b->name; });
        return found;
    };
    switch (target.kind) {
    case ScenarioTarget::Kind::None: return QStringList{};
    case ScenarioTarget::Kind::Leader: {
        const MemberState* leader = state.leader();
        if (!leader || leader->container.isEmpty()) {
            *error = tr("the cluster has no leader now");
            return std::nullopt;
        }
        return QStringList{leader->container};
    }
    case ScenarioTarget::Kind::OldLeader: return QStringList{m_oldLeaderContainer};
    case ScenarioTarget::Kind::Replica: {
        if (m_replicaContainer.isEmpty()) {
            // The first streaming replica by name: the same cluster state always picks the same node.
            for (const MemberState* member : replicas()) {
                if (member->streaming) {
                    m_replicaContainer = member->container;
                    break;
                }
            }
        }
        if (m_replicaContainer.isEmpty()) {
            *error = tr("no replica is streaming now");
            return std::nullopt;
        }
        return QStringList{m_replicaContainer};
    }
    case ScenarioTarget::Kind::Replicas: {
        // Remembered like "replica": "disconnect replicas" … "connect replicas" acts on the same nodes, although
        // the cluster no longer lists them as replicas while they are cut off.
        if (m_replicasContainers.isEmpty()) {
            for (const MemberState* member : replicas()) {
                m_replicasContainers << member->container;
            }
        }
        if (m_replicasContainers.isEmpty()) {
            *error = tr("the cluster has no replica now");
            return std::nullopt;
        }
        return m_replicasContainers;
    }
    case ScenarioTarget::Kind::Patroni:
    case ScenarioTarget::Kind::Etcd:
    case ScenarioTarget::Kind::Haproxy: {
        const ContainerDetails* details = m_cluster->find(target.service);
        if (!details && target.kind == ScenarioTarget::Kind::Haproxy) {
            const auto haproxies = m_cluster->components(ContainerInfo::Component::Haproxy);
            details = haproxies.isEmpty() ? nullptr : haproxies.first();
        }
        if (!details) {
            *error = ClusterDiscovery::unknownContainerError(target.service, *m_cluster);
            return std::nullopt;
        }
        return QStringList{details->info.name};
    }
    }
    return std::nullopt;
}

void ScenarioRunner::runAction(int index)
{
    const ScenarioStep& step = m_result.scenario.steps.at(index);
    const ClusterState& state = m_observer->state();
    m_leaderBeforeAction = state.leader() ? state.leader()->name : QString();
    m_lastActionStartNs = LabClock::nowNs();
    m_result.steps[index].replicasAtStart = describeReplicas(state);
    m_writeFailed = false;

    if (step.action == ScenarioStep::Action::HealAll) {
        markHealing();
        m_actionInFlight = true;
        startHealer([this](bool ok, const QString& summary) {
            m_actionInFlight = false;
            finishStep(m_currentStep, ok, summary);
        });
        return;
    }

    QString error;
    const auto containers = resolveContainers(step.target, &error);
    if (!containers) {
        finishStep(index, false, tr("%1: %2").arg(step.target.name(), error));
        return;
    }

    if (step.action == ScenarioStep::Action::Switchover) {
        const MemberState* candidate = memberInContainer(state, containers->first());
        if (!candidate) {
            finishStep(index, false, tr("container %1 is not a Patroni member the cluster knows now").arg(containers->first()));
            return;
        }
        const auto request = SwitchoverRequest::forCandidate(state, *m_cluster, candidate->name);
        if (!request.ok()) {
            finishStep(index, false, request.error());
            return;
        }
        m_actionInFlight = true;
        m_switchover->start(request.value());
        return;
    }

    m_pendingContainers = *containers;
    m_actionInFlight = true;
    m_result.steps[index].detail.clear();
    runNextCommand();
}

void ScenarioRunner::onActionFinished(const ProcessResult& result)
{
    ScenarioStepRecord& record = m_result.steps[m_currentStep];
    const QString outcome = recordCommand(result);
    record.detail += (record.detail.isEmpty() ? QString() : QStringLiteral("; ")) + QStringLiteral("%1 (%2)").arg(result.commandLine(), outcome);
    if (!result.succeeded()) {
        m_actionInFlight = false;
        finishStep(m_currentStep, false, record.detail);
        return;
    }
    runNextCommand();
}

void ScenarioRunner::runNextCommand()
{
    ScenarioStepRecord& record = m_result.steps[m_currentStep];
    if (m_pendingContainers.isEmpty()) {
        m_actionInFlight = false;
        finishStep(m_currentStep, true, record.detail);
        return;
    }
    const ScenarioStep& step = m_result.scenario.steps.at(m_currentStep);
    NodeActionRequest request;
    request.action = *step.nodeAction();
    request.container = m_pendingContainers.takeFirst();
    if (request.action > NodeAction::Connect) {
        const auto fault = faultRequest(step, request.container);
        if (!fault.ok()) {
            m_actionInFlight = false;
            finishStep(m_currentStep, false, fault.error());
            return;
        }
        request = fault.value();
    } else if (const ContainerDetails* details = m_cluster->find(request.container)) {
        request = m_cluster->actionRequest(request.action, *details);
    }
    request.graceSeconds = m_options.graceSeconds;
    m_runtime->run(request);
}

Result<NodeActionRequest> ScenarioRunner::faultRequest(const ScenarioStep& step, const QString& container)
{
    QStringList parameters = step.faultParameters;
    if (step.action == ScenarioStep::Action::Partition) {
        // Peers by role are resolved now, like targets: "leader" is whoever leads when the step runs.
        for (const ScenarioTarget& peer : step.peers) {
            QString error;
            const auto peerContainers = resolveContainers(peer, &error);
            if (!peerContainers) {
                return Result<NodeActionRequest>::failure(tr("partition from %1: %2").arg(peer.name(), error));
            }
            for (const QString& peerContainer : *peerContainers) {
                if (peerContainer != container && !parameters.contains(peerContainer)) {
                    parameters << peerContainer;
                }
            }
        }
    }
    return NodeFaults::buildRequest(*m_cluster, *step.nodeAction(), container, parameters);
}

void ScenarioRunner::runWait(int index)
{
    const ScenarioStep& step = m_result.scenario.steps.at(index);
    m_wait = step;
    m_waitContainers.clear();
    if (step.condition == ScenarioStep::Condition::MemberStreaming) {
        QString error;
        const auto containers = resolveContainers(step.target, &error);
        if (!containers) {
            finishStep(index, false, tr("%1: %2").arg(step.target.name(), error));
            return;
        }
        m_waitContainers = *containers;
    }
    m_waitPurpose = WaitPurpose::Step;
    m_consecutiveWrites = 0;
    m_waitBeganNs = LabClock::nowNs();
    m_waitClock.start();
    m_lastWaitStatus.clear();
    evaluateWait();
}

bool ScenarioRunner::conditionHolds(QString* status) const
{
    const ClusterState& state = m_observer->state();
    using Condition = ScenarioStep::Condition;
    switch (m_wait.condition) {
    case Condition::Seconds: {
        const qint64 left = static_cast<qint64>(m_wait.seconds * 1000) - m_waitClock.elapsed();
        *status = tr("%1 left").arg(seconds(std::max<qint64>(0, left)));
        return left <= 0;
    }
    case Condition::NewLeader: {
        const MemberState* leader = state.leader();
        if (!leader) {
            *status = tr("no leader yet");
            return false;
        }
        if (leader->name == m_leaderBeforeAction) {
            *status = tr("%1 is still the leader").arg(leader->name);
            return false;
        }
        *status = tr("%1 is the leader, in state %2").arg(leader->name, leader->state);
        return leader->state == QLatin1StringView("running");
    }
    case Condition::MemberStreaming: {
        for (const QString& container : m_waitContainers) {
            const MemberState* member = memberInContainer(state, container);
            if (!member) {
                *status = tr("%1 is not a member of the cluster yet").arg(container);
                return false;
            }
            if (!member->streaming) {
                *status = tr("%1 is %2 in state '%3', not streaming").arg(member->name, member->displayRole().toLower(), member->state);
                return false;
            }
        }
        *status = tr("streaming");
        return true;
    }
    case Condition::QuorumLost:
    case Condition::QuorumRestored: {
        if (!state.etcd) {
            *status = tr("etcd not observed yet");
            return false;
        }
        const bool quorum = state.hasEtcdQuorum();
        *status = tr("%1 of %2 etcd members healthy").arg(state.healthyEtcdCount()).arg(state.etcd->size());
        return m_wait.condition == Condition::QuorumLost ? !quorum : quorum;
    }
    case Condition::WritesOk:
        *status = tr("%1 of %2 writes in a row").arg(m_consecutiveWrites).arg(m_wait.count);
        return m_consecutiveWrites >= m_wait.count;
    case Condition::WritesFailing:
        *status = m_writeFailed ? tr("a write failed") : tr("writes still succeed");
        return m_writeFailed;
    case Condition::ClusterHealthy: {
        const QStringList problems = healthProblems(state, *m_cluster);
        *status = problems.isEmpty() ? tr("healthy") : problems.first();
        return problems.isEmpty();
    }
    }
    return false;
}

void ScenarioRunner::evaluateWait()
{
    if (m_waitPurpose == WaitPurpose::None || !m_observer || !m_observer->hasCompleteState()) {
        return;
    }
    QString status;
    const bool holds = conditionHolds(&status);
    m_lastWaitStatus = status;
    const qint64 elapsed = m_waitClock.elapsed();
    const bool timedOut = m_wait.condition != ScenarioStep::Condition::Seconds
                          && elapsed >= static_cast<qint64>(m_wait.timeoutSeconds * 1000);
    if (!holds && !timedOut) {
        return;
    }
    const WaitPurpose purpose = m_waitPurpose;
    m_waitPurpose = WaitPurpose::None;
    switch (purpose) {
    case WaitPurpose::None: break;
    case WaitPurpose::Ready:
        if (holds) {
            emit logLine(tr("The cluster is healthy (%1)").arg(seconds(elapsed)));
            if (m_abortRequested) {
                m_result.aborted = true;
                m_result.failure = tr("aborted before the first step");
                complete();
            } else {
                applySettings([this] { startTraffic(); });
            }
        } else {
            m_result.failure = tr("the cluster is not healthy after %1: %2. Heal it (Heal all, or patroni-lab-cli heal --project %3) or bring the lab up again, then retry.")
                                   .arg(seconds(elapsed), status, m_cluster->name);
            complete();
        }
        break;
    case WaitPurpose::Writing:
        if (holds) {
            const MemberState* leader = m_observer->state().leader();
            m_oldLeaderContainer = leader ? leader->container : QString();
            m_result.startingLeader = leader ? leader->name : QString();
            emit logLine(tr("The generator writes; the leader is %1").arg(m_result.startingLeader));
            setPhase(Phase::Running);
            runStep(0);
        } else {
            fail(tr("the traffic generator could not write through %1 within %2: %3").arg(m_options.conninfo, seconds(elapsed), status));
        }
        break;
    case WaitPurpose::Step:
        if (holds) {
            finishStep(m_currentStep, true,
                       m_wait.condition == ScenarioStep::Condition::Seconds ? tr("waited %1").arg(seconds(elapsed))
                                                                            : tr("%1 after %2").arg(status, seconds(elapsed)));
        } else {
            finishStep(m_currentStep, false, tr("timed out after %1 (line %2): %3").arg(seconds(elapsed)).arg(m_wait.line).arg(status));
        }
        break;
    case WaitPurpose::Settled:
        // Whether or not the writes came back in time: the audit retries until they do, the analysis shows it.
        emit logLine(tr("Stopping the traffic; auditing the writes…"));
        m_run->stop();
        break;
    case WaitPurpose::Healthy:
        m_result.healed = holds;
        if (holds) {
            emit logLine(tr("The cluster is healthy again (%1)").arg(seconds(elapsed)));
        } else {
            m_result.healProblem = status;
            emit logLine(tr("The cluster is not healthy %1 after healing: %2").arg(seconds(elapsed), status));
        }
        stopTraffic();
        break;
    }
}

void ScenarioRunner::finishStep(int index, bool ok, const QString& detail)
{
    if (index < 0 || index >= m_result.steps.size()) {
        return;
    }
    ScenarioStepRecord& record = m_result.steps[index];
    record.state = ok ? ScenarioStepRecord::State::Done : ScenarioStepRecord::State::Failed;
    record.finishedNs = LabClock::nowNs();
    record.detail = detail;
    emit logLine(QStringLiteral("    %1: %2").arg(ok ? tr("done") : tr("FAILED"), detail));
    emit stepFinished(index);
    if (!ok) {
        fail(tr("step %1 (%2, line %3) failed: %4")
                 .arg(index + 1)
                 .arg(record.description)
                 .arg(m_result.scenario.steps.at(index).line)
                 .arg(detail));
        return;
    }
    runStep(index + 1);
}

void ScenarioRunner::fail(const QString& why)
{
    if (m_result.failure.isEmpty()) {
        m_result.failure = why;
    }
    emit logLine(tr("The scenario stops: %1").arg(why));
    heal();
}

void ScenarioRunner::abort()
{
    if (m_abortRequested || m_phase == Phase::Healing || m_phase == Phase::Auditing || m_phase == Phase::Finished) {
        return;
    }
    m_abortRequested = true;
    emit logLine(tr("Aborting: the cluster will be healed."));
    if (m_settingsChangeInFlight) {
        return; // the change's end sees the request, then puts the settings back
    }
    if (!m_run) {
        // Nothing has been done to the cluster yet: nothing to heal.
        m_result.aborted = true;
        m_result.failure = tr("aborted before the first step");
        complete();
        return;
    }
    if (m_actionInFlight) {
        return; // runStep() sees the request once the command has finished
    }
    if (m_currentStep >= 0 && m_result.steps.at(m_currentStep).state == ScenarioStepRecord::State::Running) {
        m_waitPurpose = WaitPurpose::None;
        ScenarioStepRecord& record = m_result.steps[m_currentStep];
        record.state = ScenarioStepRecord::State::Failed;
        record.finishedNs = LabClock::nowNs();
        record.detail = tr("aborted by the user");
        emit stepFinished(m_currentStep);
    }
    m_result.aborted = true;
    m_result.failure = tr("aborted by the user");
    heal();
}

void ScenarioRunner::heal()
{
    m_waitPurpose = WaitPurpose::None;
    for (ScenarioStepRecord& record : m_result.steps) {
        if (record.state == ScenarioStepRecord::State::Pending) {
            record.state = ScenarioStepRecord::State::Skipped;
        }
    }
    setPhase(Phase::Healing);
    markHealing();
    emit logLine(tr("Healing the cluster: unpause, reconnect and start whatever is down…"));
    startHealer([this](bool ok, const QString& summary) {
        emit logLine(summary);
        if (!ok) {
            m_result.healProblem = summary;
        }
        m_waitPurpose = WaitPurpose::Healthy;
        m_wait = ScenarioStep{};
        m_wait.condition = ScenarioStep::Condition::ClusterHealthy;
        m_wait.timeoutSeconds = std::chrono::duration<double>(m_options.healTimeout).count();
        m_waitBeganNs = LabClock::nowNs();
        m_waitClock.start();
        evaluateWait();
    });
}

namespace {
const QString HealingSnapshotKey = QStringLiteral("scenario_healing_started");
}

void ScenarioRunner::markHealing()
{
    if (m_healingMarked || !m_run || m_run->runId() <= 0) {
        return;
    }
    m_healingMarked = true;
    const qint64 now = LabClock::nowNs();
    if (m_journal) {
        m_journal->appendSnapshot(m_run->runId(), now, QJsonObject{{HealingSnapshotKey, true}});
    }
    emit healingStarted(now);
}

std::optional<qint64> ScenarioRunner::healStartedNs(const QList<StateSnapshot>& snapshots)
{
    for (const StateSnapshot& snapshot : snapshots) {
        if (snapshot.state.value(HealingSnapshotKey).toBool()) {
            return snapshot.timeNs;
        }
    }
    return std::nullopt;
}

void ScenarioRunner::startHealer(const std::function<void(bool, const QString&)>& onFinished)
{
    auto* healer = new ClusterHealer(*m_cluster, m_docker, this);
    if (m_observer) {
        healer->setHaproxyServers(m_observer->state().haproxy.value_or(QList<HaproxyBackendState>{}));
    }
    connect(healer, &ClusterHealer::actionFinished, this,
            [this](const NodeActionRequest&, const ProcessResult& result) { recordCommand(result); });
    connect(healer, &ClusterHealer::finished, this, [healer, onFinished](bool ok, const QString& summary) {
        healer->deleteLater();
        onFinished(ok, summary);
    });
    healer->start();
}

void ScenarioRunner::recordFault(const ProcessResult& result)
{
    if (!m_run) {
        return;
    }
    m_run->recordFault(result);
    // A step's own commands, not the heal after the last step: a step's band is judged on the outage they caused.
    if (m_phase == Phase::Running && m_actionInFlight && m_currentStep >= 0) {
        m_result.steps[m_currentStep].faultIndexes << static_cast<int>(m_run->faults().size() - 1);
    }
}

QString ScenarioRunner::recordCommand(const ProcessResult& result)
{
    recordFault(result);
    const QString outcome = result.succeeded() ? tr("ok in %1 ms").arg(result.durationMs()) : DockerCli::explainFailure(result);
    emit logLine(QStringLiteral("$ %1  → %2").arg(result.commandLine(), outcome));
    return outcome;
}

void ScenarioRunner::stopTraffic()
{
    setPhase(Phase::Auditing);
    if (!m_run || m_run->phase() != TrafficRun::Phase::Running) {
        complete();
        return;
    }
    // The run's last writes show the cluster writable again: the outage of a fault the heal ended is closed by
    // a success, not by the run's end.
    m_waitPurpose = WaitPurpose::Settled;
    m_wait = ScenarioStep{};
    m_wait.condition = ScenarioStep::Condition::WritesOk;
    m_wait.count = WritesBeforeFirstStep;
    m_wait.timeoutSeconds = std::chrono::duration<double>(WritesAfterHealTimeout).count();
    m_consecutiveWrites = 0;
    m_waitBeganNs = LabClock::nowNs();
    m_waitClock.start();
}

void ScenarioRunner::applySettings(const std::function<void()>& next)
{
    const Scenario& scenario = m_result.scenario;
    if (scenario.settingsAssignments.isEmpty()) {
        next();
        return;
    }
    const auto target = ClusterSettingsTarget::fromAssignments(scenario.settingsAssignments);
    if (!target.ok()) { // the scenario file was checked when it was read; a built-in one cannot get here
        m_result.failure = target.error();
        complete();
        return;
    }
    m_result.settingsProfile = scenario.settingsProfile;
    emit logLine(tr("Applying the scenario's settings%1: %2")
                     .arg(scenario.settingsProfile.isEmpty() ? QString() : tr(" (profile %1)").arg(scenario.settingsProfile),
                          scenario.settingsAssignments.join(u' ')));
    auto* change = new ClusterSettingsChange(m_observer, m_docker, m_cluster->haproxyContainer(), m_options.restCredentials, this);
    m_settingsChangeInFlight = true;
    connect(change, &ClusterSettingsChange::finished, this, [this, change, next](const ClusterSettingsChange::Outcome& outcome) {
        change->deleteLater();
        m_settingsChangeInFlight = false;
        if (const ClusterSettingsTarget restore = outcome.restoreTarget(); !restore.isEmpty()) {
            m_settingsRestore = restore;
        }
        if (!outcome.ok()) {
            m_result.settingsProblem = outcome.error;
            m_result.failure = tr("the scenario's settings could not be applied: %1").arg(outcome.error);
            emit logLine(m_result.failure);
            complete();
            return;
        }
        m_result.settingsApplied = m_result.scenario.settingsAssignments;
        if (outcome.patroniTouched) {
            m_patroniConfig = outcome.patroni.after; // the bands follow the settings the run has
            double slowest = 0;
            for (const double seconds : outcome.patroni.appliedAfterS) {
                slowest = std::max(slowest, seconds);
            }
            emit logLine(outcome.patroni.unchanged ? tr("Patroni had these settings already")
                                                   : tr("Every Patroni member applied the settings (the last after %1 s)")
                                                         .arg(slowest, 0, 'f', 1));
        }
        if (outcome.haproxyTouched) {
            m_haproxyChecks = outcome.haproxy.after;
            emit logLine(outcome.haproxy.unchanged ? tr("HAProxy had these checks already")
                                                   : tr("HAProxy reloaded: %1").arg(outcome.haproxy.after.describe()));
            if (!outcome.haproxy.warning.isEmpty()) {
                emit logLine(outcome.haproxy.warning);
            }
        }
        if (m_abortRequested) {
            m_result.aborted = true;
            m_result.failure = tr("aborted before the first step");
            complete();
            return;
        }
        next();
    });
    change->start(target.value());
}

void ScenarioRunner::restoreSettings()
{
    const ClusterSettingsTarget restore = *m_settingsRestore;
    m_settingsRestore.reset();
    emit logLine(tr("Putting the settings back: %1").arg(restore.assignments().join(u' ')));
    auto* change = new ClusterSettingsChange(m_observer, m_docker, m_cluster->haproxyContainer(), m_options.restCredentials, this);
    m_settingsChangeInFlight = true;
    connect(change, &ClusterSettingsChange::finished, this, [this, change](const ClusterSettingsChange::Outcome& outcome) {
        change->deleteLater();
        m_settingsChangeInFlight = false;
        m_result.settingsRestored = outcome.ok();
        if (!outcome.ok()) {
            m_result.settingsProblem = outcome.error;
            emit logLine(tr("The settings could not be put back: %1 (patroni-lab-cli settings reset restores the lab's defaults)")
                             .arg(outcome.error));
        } else {
            emit logLine(tr("The settings are back as they were before the scenario"));
        }
        complete();
    });
    change->start(restore);
}

void ScenarioRunner::complete()
{
    if (m_phase == Phase::Finished || m_settingsChangeInFlight) {
        return;
    }
    if (m_settingsRestore && m_observer) {
        restoreSettings(); // needs the observer, which the lines below stop; calls complete() again
        return;
    }
    m_waitTimer.stop();
    m_waitPurpose = WaitPurpose::None;
    if (m_observer) {
        m_observer->stop();
    }
    for (ScenarioStepRecord& record : m_result.steps) {
        if (record.state == ScenarioStepRecord::State::Pending) {
            record.state = ScenarioStepRecord::State::Skipped;
        }
    }
    m_result.endedNs = LabClock::nowNs();
    if (!m_run || m_run->phase() != TrafficRun::Phase::Finished) {
        // No run was measured (the pre-check failed): there is nothing to judge, only why.
        m_result.timings = ScenarioTimings::from(m_patroniConfig, m_haproxyChecks.value_or(HaproxyCheckSettings{}), m_options.graceSeconds);
        m_result.verdict = ScenarioJudge::Verdict::Incomplete;
    }
    setPhase(Phase::Finished);
    emit logLine(tr("Verdict: %1").arg(ScenarioJudge::verdictText(m_result.verdict)));
    emit finished(m_result);
}

QStringList ScenarioRunner::healthProblems(const ClusterState& state, const DiscoveredCluster& cluster)
{
    QStringList problems;
    const QString network = cluster.sharedNetwork();
    int patroniContainers = 0;
    for (const ContainerInfo& container : state.containers.value_or(QList<ContainerInfo>{})) {
        if (container.component() == ContainerInfo::Component::Patroni) {
            ++patroniContainers;
        }
        if (container.state != ContainerInfo::State::Running) {
            problems << tr("container %1 is %2").arg(container.name, ContainerInfo::stateName(container.state));
        } else if (container.networksKnown && !network.isEmpty() && !container.networks.contains(network)) {
            problems << tr("container %1 is cut off from network %2").arg(container.name, network);
        }
    }
    if (!state.containers) {
        problems << tr("docker ps has not answered yet");
    }
    if (!state.members) {
        problems << tr("no Patroni REST API answers");
        return problems;
    }
    const MemberState* leader = nullptr;
    int leaders = 0;
    for (const MemberState& member : *state.members) {
        if (member.isLeader()) {
            leader = &member;
            ++leaders;
            if (member.state != QLatin1StringView("running")) {
                problems << tr("leader %1 is in state '%2'").arg(member.name, member.state);
            }
        } else if (!member.streaming) {
            problems << tr("%1 is %2 in state '%3', not streaming").arg(member.name, member.displayRole().toLower(), member.state);
        }
    }
    if (leaders != 1) {
        problems << tr("Patroni reports %1 leaders, expected 1").arg(leaders);
    }
    if (state.members->size() < patroniContainers) {
        problems << tr("%1 Patroni members registered, %2 Patroni containers").arg(state.members->size()).arg(patroniContainers);
    }
    for (const EtcdMemberState& member : state.etcd.value_or(QList<EtcdMemberState>{})) {
        if (!member.healthy) {
            problems << tr("etcd member %1 is unhealthy").arg(member.name);
        }
    }
    for (const ClusterState::MisaddressedServer& server : state.misaddressedHaproxyServers()) {
        problems << tr("HAProxy's %1 points to %2, not to its node's address %3").arg(server.server, server.address, server.expected);
    }
    if (!cluster.components(ContainerInfo::Component::Haproxy).isEmpty()) {
        if (!state.haproxy) {
            problems << tr("HAProxy's stats do not answer");
        } else if (leader && state.routedServers(QStringLiteral("primary")) != QStringList{leader->name}) {
            problems << tr("HAProxy routes writes to [%1], the leader is %2")
                            .arg(state.routedServers(QStringLiteral("primary")).join(QStringLiteral(", ")), leader->name);
        } else if (std::any_of(state.haproxy->cbegin(), state.haproxy->cend(),
                               [](const HaproxyBackendState& server) { return server.listener == QLatin1StringView("replicas"); })) {
            // Right after HAProxy starts it counts every server up until its first check: the leader too, for reads.
            const QStringList streaming = state.streamingReplicas();
            QStringList reads = state.routedServers(QStringLiteral("replicas"));
            reads.sort();
            if (reads != streaming) {
                problems << tr("HAProxy balances reads over [%1], the streaming replicas are [%2]")
                                .arg(reads.join(QStringLiteral(", ")), streaming.join(QStringLiteral(", ")));
            }
        }
    }
    return problems;
}
