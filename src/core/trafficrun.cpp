// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficrun.h"

#include "clientpaths.h"

#include "clusterobserver.h"
#include "journal.h"
#include "jsonnumbers.h"
#include "labclock.h"
#include "runexport.h"

#include <libpq-fe.h>

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtConcurrent>

using namespace std::chrono_literals;

namespace {

constexpr auto SnapshotPeriod = 5s;
constexpr auto AuditRetry = 2s;

QList<qint64> sequencesFromJson(const QJsonValue& value)
{
    QList<qint64> sequences;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& sequence : array) {
        sequences.append(JsonNumbers::clampedInt64(sequence.toDouble()));
    }
    return sequences;
}

} // namespace

TrafficRun::TrafficRun(Journal* journal, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
{
    connect(&m_generator, &TrafficGenerator::logLine, this, &TrafficRun::logLine);
    connect(&m_generator, &TrafficGenerator::operationsRecorded, this, [this](const std::vector<OperationRecord>& batch) {
        // The generator's table only grows, so a fresh copy keeps every index valid.
        m_strings = m_generator.strings();
        m_operations.insert(m_operations.end(), batch.begin(), batch.end());
        m_journal->appendOperations(m_runId, batch, m_strings);
        emit operationsRecorded(batch);
    });
    connect(&m_generator, &TrafficGenerator::stopped, this, &TrafficRun::onGeneratorStopped);
    m_snapshotTimer.setInterval(SnapshotPeriod);
    connect(&m_snapshotTimer, &QTimer::timeout, this, [this] {
        if (m_observer) {
            m_journal->appendSnapshot(m_runId, LabClock::nowNs(), m_observer->state().toJson());
        }
    });
}

TrafficRun::~TrafficRun() = default;

Result<qint64> TrafficRun::start(const TrafficConfig& config, const QString& clusterName, const QJsonObject& settings)
{
    auto runId = startGenerator(config, clusterName.isEmpty() ? QStringLiteral("traffic") : clusterName, settings);
    if (runId.ok() && !clusterName.isEmpty()) {
        startObserving(clusterName);
    }
    return runId;
}

Result<qint64> TrafficRun::start(const TrafficConfig& config, ClusterObserver* observer, const QJsonObject& settings)
{
    auto runId = startGenerator(config, observer->cluster().name, settings);
    if (runId.ok()) {
        m_ownsObserver = false;
        attachObserver(observer);
    }
    return runId;
}

Result<qint64> TrafficRun::startGenerator(const TrafficConfig& config, const QString& runName, const QJsonObject& settings)
{
    if (m_phase != Phase::Idle) {
        return Result<qint64>::failure(QStringLiteral("this run has already been started"));
    }
    const QString invalid = config.validationError();
    if (!invalid.isEmpty()) {
        return Result<qint64>::failure(invalid);
    }
    TrafficConfig withRun = config;
    if (withRun.runId.isEmpty()) {
        // Unique across journals and machines, so the audit never counts another run's rows.
        withRun.runId = QStringLiteral("run-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    }
    RunInfo info;
    info.name = runName;
    info.startNs = LabClock::nowNs();
    info.settings = settings;
    // The run_id column of the run's rows in the table: what an independent check selects them by.
    info.settings.insert(QStringLiteral("row_tag"), withRun.runId);
    auto runId = m_journal->startRun(info);
    if (!runId.ok()) {
        return runId;
    }
    m_runId = runId.value();
    m_startedNs = info.startNs;
    auto started = m_generator.start(withRun);
    if (!started.ok()) {
        m_journal->finishRun(m_runId, LabClock::nowNs());
        return Result<qint64>::failure(started.error());
    }
    m_phase = Phase::Running;
    return runId;
}

void TrafficRun::startObserving(const QString& clusterName)
{
    const DockerCli docker;
    auto* discovery = new ClusterDiscovery(clusterName, docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery, docker](const Result<DiscoveredCluster>& found) {
        discovery->deleteLater();
        if (!found.ok()) {
            emit progress(QStringLiteral("The cluster is not observed (%1): the run has no cluster events").arg(found.error()));
            return;
        }
        if (m_phase != Phase::Running) {
            return;
        }
        m_observer = new ClusterObserver(found.value(), docker, ClusterObserver::Options{}, this);
        // The caller of an observer of its own reports its relay itself.
        connect(m_observer, &ClusterObserver::relayStarted, this, [this](const QString& container, const QString& network) {
            emit progress(QStringLiteral("Observing through the relay container %1 on network %2 (removed when the run ends)")
                              .arg(container, network));
        });
        connect(m_observer, &ClusterObserver::relayUnavailable, this, [this](const QString& reason) {
            emit progress(QStringLiteral("Observing unpublished ports with docker exec (slower): %1").arg(reason));
        });
        connect(m_observer, &ClusterObserver::relayNote, this, &TrafficRun::progress);
        attachObserver(m_observer);
        m_observer->start();
    });
    discovery->start();
}

void TrafficRun::attachObserver(ClusterObserver* observer)
{
    m_observer = observer;
    connect(m_observer, &ClusterObserver::eventOccurred, this, [this](const ClusterEvent& event) {
        if (m_phase == Phase::Finished) {
            return;
        }
        m_events.append(event);
        m_journal->appendEvent(m_runId, event);
        emit eventOccurred(event);
    });
    connect(m_observer, &ClusterObserver::firstRoundCompleted, this, [this](const ClusterState& state) {
        m_journal->appendSnapshot(m_runId, LabClock::nowNs(), state.toJson());
        m_observer->requestPatroniConfig();
    });
    // The cluster's versions and Patroni's timing travel with the run, for the report.
    connect(m_observer, &ClusterObserver::patroniConfigReceived, this, [this](const QJsonObject& patroniConfig) {
        if (m_phase == Phase::Finished || !m_clusterInfo.isEmpty()) {
            return;
        }
        QJsonObject versions = m_observer->state().versions();
        versions.insert(QStringLiteral("libpq"), PQlibVersion());
        versions.insert(QStringLiteral("patroni_lab"), QStringLiteral(PATRONI_LAB_VERSION));
        m_clusterInfo = QJsonObject{{QStringLiteral("versions"), versions}, {QStringLiteral("patroni_config"), patroniConfig}};
        m_journal->appendSnapshot(m_runId, LabClock::nowNs(), QJsonObject{{QStringLiteral("cluster_info"), m_clusterInfo}});
    });
    if (m_observer->hasCompleteState()) {
        // An observer that already runs will not complete its first round again.
        m_journal->appendSnapshot(m_runId, LabClock::nowNs(), m_observer->state().toJson());
        m_observer->requestPatroniConfig();
    }
    m_snapshotTimer.start();
}

void TrafficRun::recordFault(const ProcessResult& result)
{
    FaultAction fault;
    fault.startNs = result.startedNs;
    fault.endNs = result.finishedNs;
    fault.wallMs = QDateTime::currentMSecsSinceEpoch() - result.durationMs();
    fault.commandLine = result.commandLine();
    fault.exitCode = result.exitCode;
    fault.standardError = QString::fromUtf8(result.standardError).trimmed();
    m_faults.append(fault);
    emit faultRecorded(fault);
    if (m_runId != 0 && m_phase != Phase::Finished) {
        m_journal->appendFault(m_runId, fault);
    }
}

void TrafficRun::stop()
{
    if (m_phase != Phase::Running) {
        return;
    }
    m_phase = Phase::Auditing;
    m_stoppedNs = LabClock::nowNs();
    m_generator.stop();
}

void TrafficRun::onGeneratorStopped()
{
    emit progress(QStringLiteral("Traffic stopped; reading back the run's rows for the write audit"));
    m_auditDeadlineMs = LabClock::nowMs() + m_auditTimeout.count();
    auditAttempt();
}

void TrafficRun::auditAttempt()
{
    auto* watcher = new QFutureWatcher<Result<QHash<qint64, int>>>(this);
    connect(watcher, &QFutureWatcher<Result<QHash<qint64, int>>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto present = watcher->result();
        if (present.ok()) {
            m_auditError.clear();
            m_analysis.summary.audit = RunAnalyzer::auditWrites(m_operations, present.value());
            m_presentSequences = present.value();
            m_journal->appendSnapshot(m_runId, LabClock::nowNs(),
                                      QJsonObject{{QStringLiteral("write_audit"), RunExport::auditJson(m_analysis.summary.audit)}});
            analyse();
            return;
        }
        m_auditError = present.error();
        if (LabClock::nowMs() >= m_auditDeadlineMs) {
            emit progress(QStringLiteral("No write audit: %1").arg(m_auditError));
            analyse();
            return;
        }
        // The run may end in an outage; the audit waits for the cluster to take writes again.
        emit progress(QStringLiteral("Write audit waiting for the cluster: %1").arg(m_auditError));
        QTimer::singleShot(AuditRetry, this, &TrafficRun::auditAttempt);
    });
    const TrafficConfig config = m_generator.config();
    watcher->setFuture(QtConcurrent::run([config] { return TrafficGenerator::readBackSequences(config); }));
}

void TrafficRun::analyse()
{
    m_snapshotTimer.stop();
    if (m_observer && m_ownsObserver) {
        m_observer->stop();
    }
    const WriteAudit audit = m_analysis.summary.audit;
    m_analysis = RunAnalyzer::analyze(m_operations, m_faults, m_events, m_startedNs, m_stoppedNs);
    m_analysis.summary.audit = audit;
    m_pathAnalyses.clear();
    const TrafficConfig& config = m_generator.config();
    if (!config.extraPaths.isEmpty()) {
        for (qsizetype index = 0; index <= config.extraPaths.size(); ++index) {
            const auto path = static_cast<quint8>(index);
            PathAnalysis view;
            view.name = index == 0 ? config.mainPathName : config.extraPaths.at(index - 1).name;
            view.analysis = index == 0 ? m_analysis
                                       : RunAnalyzer::analyzePath(m_operations, path, m_faults, m_events, m_startedNs, m_stoppedNs);
            if (view.name != ClientPaths::name(ClientPath::Haproxy)) {
                RunAnalyzer::forgetBalanced(view.analysis);
            }
            // Every path's audit counts its workload's inserts only (the main path's probe writes too, but not as a
            // client of that path): the paths compare like for like.
            if (m_presentSequences) {
                view.analysis.summary.audit = RunAnalyzer::auditWrites(m_operations, *m_presentSequences, path, true);
            }
            QHash<QString, int> counts;
            for (const OperationRecord& operation : m_operations) {
                if (operation.path == path && operation.kind == OperationRecord::Kind::Insert && operation.ok()
                    && operation.stream == OperationRecord::Stream::Workload) {
                    ++counts[m_strings.text(operation.server)];
                }
            }
            for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
                view.writesByServer.append({it.key().isEmpty() ? QStringLiteral("unknown") : it.key(), it.value()});
            }
            std::sort(view.writesByServer.begin(), view.writesByServer.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
            m_pathAnalyses.append(view);
        }
    }
    m_journal->finishRun(m_runId, m_stoppedNs);
    m_phase = Phase::Finished;
    emit finished(m_analysis);
}

WriteAudit TrafficRun::auditFromJson(const QJsonObject& json)
{
    WriteAudit audit;
    audit.performed = json.value(QStringLiteral("performed")).toBool();
    audit.acknowledged = json.value(QStringLiteral("acknowledged")).toInt();
    audit.lost = json.value(QStringLiteral("lost")).toInt();
    audit.ghost = json.value(QStringLiteral("ghost")).toInt();
    audit.ghostIndeterminate = json.value(QStringLiteral("ghost_indeterminate")).toInt();
    audit.duplicates = json.value(QStringLiteral("duplicates")).toInt();
    audit.lostSequences = sequencesFromJson(json.value(QStringLiteral("lost_sequences")));
    audit.ghostSequences = sequencesFromJson(json.value(QStringLiteral("ghost_sequences")));
    audit.duplicateSequences = sequencesFromJson(json.value(QStringLiteral("duplicate_sequences")));
    return audit;
}

std::optional<WriteAudit> TrafficRun::storedAudit(const QList<QJsonObject>& snapshots)
{
    for (const QJsonObject& snapshot : snapshots) {
        if (snapshot.contains(QStringLiteral("write_audit"))) {
            return auditFromJson(snapshot.value(QStringLiteral("write_audit")).toObject());
        }
    }
    return std::nullopt;
}
