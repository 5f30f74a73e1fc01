// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clustersettingschange.h"
#include "clusterstate.h"
#include "dockercli.h"
#include "journal.h"
#include "scenario.h"
#include "scenariooutcome.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class ClusterObserver;
class ClusterHealer;
class DockerRuntime;
class Journal;
class PatroniSwitchover;
class TrafficRun;
struct ProcessResult;

struct ScenarioRunOptions
{
    QString clusterName; // compose project or container-name prefix
    QString conninfo;    // libpq connection string of the writes port (HAProxy)
    QString language = QStringLiteral("en"); // of the notes and step texts
    int graceSeconds = 10; // docker stop --time
    // Before the first step: how long the cluster may take to be healthy, and the generator to write.
    std::chrono::milliseconds readyTimeout{90'000};
    // After the last step (or an abort): how long healing may take until the cluster is healthy again.
    std::chrono::milliseconds healTimeout{240'000};
    QJsonObject settings; // stored with the run, next to the scenario's own
    // Patroni's REST credentials, for a scenario with "settings" (PATCH /config): the lab's and the demo's.
    BasicCredentials restCredentials{QStringLiteral("admin"), QStringLiteral("admin")};
};

// Runs one scenario against a live cluster: checks that the cluster is healthy, starts the traffic generator
// (a TrafficRun, so the run is journaled and analysed like any other), waits until it writes, then performs the
// steps in order — resolving roles against the cluster as it is at that moment — while every docker command and
// switchover is recorded as a fault of the run. Afterwards, and also after a failed step or an abort, it heals
// the cluster and waits until it is healthy, stops the traffic, lets the run audit its writes, and judges what
// was measured against the scenario's expectations with bands from the live settings. A scenario with "settings"
// has them applied and verified (ClusterSettingsChange) after the pre-check and before the traffic starts, and put
// back as they were before the verdict — also after a failed step or an abort. Never blocks: every docker command,
// HTTP request and SQL statement runs asynchronously.
class ScenarioRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioRunner)

public:
    enum class Phase { Idle, Preparing, Running, Healing, Auditing, Finished };

    ScenarioRunner(Journal* journal, const Scenario& scenario, const ScenarioRunOptions& options, QObject* parent = nullptr);
    ~ScenarioRunner() override;

    void start();
    // Stops after the command in flight (a docker command is never cut off halfway), then heals as after a run.
    void abort();

    Phase phase() const { return m_phase; }
    const Scenario& scenario() const { return m_result.scenario; }
    const QList<ScenarioStepRecord>& steps() const { return m_result.steps; }
    const ScenarioRunResult& result() const { return m_result; }
    // The measured run, once traffic has started (see trafficStarted); owned by the runner.
    TrafficRun* trafficRun() const { return m_run; }
    const DiscoveredCluster* cluster() const { return m_cluster ? &*m_cluster : nullptr; }

    // Whether `state` is what a healthy cluster looks like: one leader, every other member streaming, every
    // container running and attached, every etcd member healthy, HAProxy routing writes to the leader. The
    // problems, one per line; empty when healthy.
    static QStringList healthProblems(const ClusterState& state, const DiscoveredCluster& cluster);
    // When the run began to heal (its heal_all step, or the heal after the last step), as stored with the run: a
    // report frames the experiment and marks what follows as healing. Empty for runs of no scenario.
    static std::optional<qint64> healStartedNs(const QList<StateSnapshot>& snapshots);

signals:
    void phaseChanged(ScenarioRunner::Phase phase);
    void trafficStarted(TrafficRun* run);
    void stepStarted(int index);
    void stepFinished(int index);
    // The run began to heal (LabClock time); once per run.
    void healingStarted(qint64 timeNs);
    // A line for the log (in the run's language).
    void logLine(const QString& line);
    void finished(const ScenarioRunResult& result);

private:
    // What the wait in progress is for: the pre-check, the generator's first writes, a step, the cluster healthy
    // again after healing, the generator writing again before the traffic stops.
    enum class WaitPurpose { None, Ready, Writing, Step, Healthy, Settled };

    void setPhase(Phase phase);
    void onDiscovered(const Result<DiscoveredCluster>& found);
    void startTraffic();
    void runStep(int index);
    void runAction(int index);
    void runWait(int index);
    void finishStep(int index, bool ok, const QString& detail);
    void onActionFinished(const ProcessResult& result);
    void runNextCommand();
    // A fault inside a container, with its parameters and its peers resolved against the cluster now.
    Result<NodeActionRequest> faultRequest(const ScenarioStep& step, const QString& container);
    // Heals with ClusterHealer; each docker command it runs is recorded like a step's.
    void startHealer(const std::function<void(bool ok, const QString& summary)>& onFinished);
    // Adds a fault action to the run, and to the current step's while it runs.
    void recordFault(const ProcessResult& result);
    // A docker command of the scenario: a fault of the run and a log line. Returns "ok in N ms" or why it failed.
    QString recordCommand(const ProcessResult& result);
    void evaluateWait();
    // Whether the condition holds now, and if not, what it is waiting for.
    bool conditionHolds(QString* status) const;
    std::optional<QStringList> resolveContainers(const ScenarioTarget& target, QString* error);
    void fail(const QString& why);
    void heal();
    // Stores and announces the start of healing, the first time only.
    void markHealing();
    void stopTraffic();
    // The scenario's settings, then `next` (the traffic); a failure ends the run (complete()).
    void applySettings(const std::function<void()>& next);
    // Puts back what applySettings changed, then calls complete() again.
    void restoreSettings();
    void complete();

    Journal* m_journal;
    ScenarioRunOptions m_options;
    ScenarioRunResult m_result;
    Phase m_phase = Phase::Idle;
    DockerCli m_docker;
    std::optional<DiscoveredCluster> m_cluster;
    ClusterObserver* m_observer = nullptr;
    TrafficRun* m_run = nullptr;
    DockerRuntime* m_runtime = nullptr;
    PatroniSwitchover* m_switchover = nullptr;
    QJsonObject m_patroniConfig;
    bool m_patroniConfigReceived = false;
    std::optional<HaproxyCheckSettings> m_haproxyChecks;
    bool m_settingsChangeInFlight = false;
    std::optional<ClusterSettingsTarget> m_settingsRestore; // set once the scenario's settings changed something

    int m_currentStep = -1;
    bool m_abortRequested = false;
    bool m_actionInFlight = false;
    bool m_healingMarked = false;
    QStringList m_pendingContainers; // of the current action: one docker command each, in order
    QString m_oldLeaderContainer;
    QString m_replicaContainer; // the replica "replica" means, once chosen
    QStringList m_replicasContainers; // the replicas "replicas" means, from its first use
    QString m_leaderBeforeAction; // member name, for new_leader
    qint64 m_lastActionStartNs = 0;

    // The wait in progress.
    WaitPurpose m_waitPurpose = WaitPurpose::None;
    ScenarioStep m_wait;
    QStringList m_waitContainers; // member_streaming: the members, by container
    QElapsedTimer m_waitClock;
    qint64 m_waitBeganNs = 0;
    int m_consecutiveWrites = 0;
    bool m_writeFailed = false;
    QTimer m_waitTimer; // re-evaluates the condition, and ends fixed pauses and timeouts
    QString m_lastWaitStatus;
};
