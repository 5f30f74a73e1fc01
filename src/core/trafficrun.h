// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "processjob.h"
#include "runanalysis.h"
#include "trafficgenerator.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>
#include <vector>

class ClusterObserver;
class Journal;

// One measured run: the traffic generator, the cluster observer and the fault actions on one clock, all stored in
// the journal as they happen; when stopped, the write audit (which acknowledged rows are really in the table)
// and the outage analysis. Used by the CLI's `traffic` and by the window.
class TrafficRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficRun)
public:
    enum class Phase { Idle, Running, Auditing, Finished };

    explicit TrafficRun(Journal* journal, QObject* parent = nullptr);
    ~TrafficRun() override;

    // clusterName selects the containers to observe (compose project or name prefix); empty: traffic only.
    Result<qint64> start(const TrafficConfig& config, const QString& clusterName, const QJsonObject& settings);
    // The same with an observer the caller already runs (a scenario, which needs the cluster's state before the
    // traffic starts); it is not stopped or deleted by the run.
    Result<qint64> start(const TrafficConfig& config, ClusterObserver* observer, const QJsonObject& settings);
    // Stops the traffic, then audits (retrying while the cluster recovers, up to auditTimeout) and analyses.
    void stop();
    void setAuditTimeout(std::chrono::milliseconds timeout) { m_auditTimeout = timeout; }
    // A docker command run against the cluster during this run (node actions, scenario steps).
    void recordFault(const ProcessResult& result);

    Phase phase() const { return m_phase; }
    qint64 runId() const { return m_runId; }
    qint64 startedNs() const { return m_startedNs; }
    const std::vector<OperationRecord>& operations() const { return m_operations; }
    const QList<ClusterEvent>& events() const { return m_events; }
    const QList<FaultAction>& faults() const { return m_faults; }
    const StringTable& strings() const { return m_strings; }
    const RunAnalysis& analysis() const { return m_analysis; }
    // Each client path's own figures once the run finished (main path first), see TrafficConfig::extraPaths.
    struct PathAnalysis
    {
        QString name;
        RunAnalysis analysis; // windows and summary (the main path's with its probe); its workload's audit, if performed
        QList<std::pair<QString, int>> writesByServer; // acknowledged inserts per server that answered, most first
    };
    const QList<PathAnalysis>& pathAnalyses() const { return m_pathAnalyses; }
    const TrafficConfig& config() const { return m_generator.config(); }
    // Why the audit was not performed, if it was not.
    const QString& auditError() const { return m_auditError; }
    // {"versions": {...}, "patroni_config": {...}} once the observer has seen the cluster; empty before.
    const QJsonObject& clusterInfo() const { return m_clusterInfo; }

    // The inverse of RunExport::auditJson.
    static WriteAudit auditFromJson(const QJsonObject& json);
    // The write audit stored with a run, if any (a snapshot whose JSON has a "write_audit" member).
    static std::optional<WriteAudit> storedAudit(const QList<QJsonObject>& snapshots);

signals:
    void logLine(const QString& line);
    void eventOccurred(const ClusterEvent& event);
    void operationsRecorded(const std::vector<OperationRecord>& batch);
    // A fault action was added to the run (recordFault), by whoever ran it.
    void faultRecorded(const FaultAction& fault);
    void progress(const QString& message);
    void finished(const RunAnalysis& analysis);

private:
    Result<qint64> startGenerator(const TrafficConfig& config, const QString& runName, const QJsonObject& settings);
    void startObserving(const QString& clusterName);
    void attachObserver(ClusterObserver* observer);
    void onGeneratorStopped();
    void auditAttempt();
    void analyse();

    Journal* m_journal;
    TrafficGenerator m_generator;
    ClusterObserver* m_observer = nullptr;
    bool m_ownsObserver = true;
    QTimer m_snapshotTimer;
    Phase m_phase = Phase::Idle;
    qint64 m_runId = 0;
    qint64 m_startedNs = 0;
    qint64 m_stoppedNs = 0;
    std::vector<OperationRecord> m_operations;
    QList<ClusterEvent> m_events;
    QList<FaultAction> m_faults;
    StringTable m_strings;
    RunAnalysis m_analysis;
    QList<PathAnalysis> m_pathAnalyses;
    std::optional<QHash<qint64, int>> m_presentSequences; // what the write audit read back
    std::chrono::milliseconds m_auditTimeout{60'000};
    qint64 m_auditDeadlineMs = 0;
    QString m_auditError;
    QJsonObject m_clusterInfo;
};
