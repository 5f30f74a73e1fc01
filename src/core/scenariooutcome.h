// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "haproxychecks.h"
#include "runanalysis.h"
#include "runrecords.h"
#include "scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

// The timing settings the expected bands are computed from, as the live cluster has them: Patroni's dynamic
// configuration (GET /config), HAProxy's health checks of the writes listener, and the grace period of docker stop.
struct ScenarioTimings
{
    double ttlSeconds = 30;
    double loopWaitSeconds = 10;
    double retryTimeoutSeconds = 10;
    bool patroniFromConfig = false; // false: Patroni's defaults, because GET /config did not answer
    HaproxyCheckSettings haproxy;
    int graceSeconds = 10;
    bool synchronousMode = false;   // synchronous_mode on (or quorum)
    bool synchronousStrict = false; // synchronous_mode_strict
    // etcd's --election-timeout (its default; neither the lab nor Patroni's demo changes it, and etcd does not
    // report it). A raft leader that has lost its quorum steps down only at its second quorum check, up to two
    // election timeouts later, and until then still renews leases.
    double etcdElectionTimeoutSeconds = 1;

    // Patroni's defaults for whatever the configuration does not say.
    static ScenarioTimings from(const QJsonObject& patroniConfig, const HaproxyCheckSettings& haproxy, int graceSeconds);
    QJsonObject toJson() const;
    // "ttl 30 s, loop_wait 10 s, retry_timeout 10 s; HAProxy inter 3 s, fall 3, rise 2; docker stop grace 10 s"
    QString describe() const;
};

// One expected interval, and where the run fell.
struct BandCheck
{
    QString quantity; // what was measured, in the report's language ("write outage", "writes stop after quorum loss")
    QString formula;  // how the bounds follow from the settings ("(rise − 1) × inter … grace + loop_wait + …")
    double lowSeconds = 0;
    double highSeconds = 0;
    std::optional<double> measuredSeconds; // empty: the run did not have this (no write outage at all)

    bool within() const;
    QJsonObject toJson() const;
};

// One line of "expected vs measured".
struct ExpectationCheck
{
    QString key;      // the expectation's key in the scenario file ("failover", "read_only_errors", "band" …)
    QString expected; // as the report prints it
    QString measured;
    bool ok = false;
    QString explanation; // one line when !ok: why they may differ, or what to look at

    QJsonObject toJson() const;
};

// What a run of a scenario showed, in the terms of its expectations.
struct ScenarioMeasurement
{
    bool failover = false; // a member other than the starting leader took over, or the timeline changed
    QStringList leaders;   // the leaders in order of appearance, the starting one first
    int timelineChanges = 0;
    int writeOutages = 0; // non-transient write windows
    std::optional<double> firstWriteOutageSeconds;
    double longestWriteOutageSeconds = 0;
    double totalWriteOutageSeconds = 0;
    // What the workload's client saw, one attempt at a time (RunSummary::clientWrites): longest write outage.
    double clientLongestWriteOutageSeconds = 0;
    int failedWrites = 0; // inserts failed or indeterminate, and failed connects
    int readOnlyErrors = 0;
    int connectionRefused = 0;
    int deadlineErrors = 0;
    bool auditPerformed = false;
    int acknowledgedWrites = 0;
    int lostWrites = 0;

    static ScenarioMeasurement measure(const std::vector<OperationRecord>& operations, const QList<ClusterEvent>& events,
                                       const RunAnalysis& analysis, const QString& startingLeader);
    QJsonObject toJson() const;
};

struct ScenarioStepRecord;

// A run's verdict: how a scenario's expectations compare with what was measured.
namespace ScenarioJudge {

enum class Verdict {
    AsExpected, // every check holds
    Differs,    // the run completed, and at least one check does not hold
    Incomplete, // a step failed or the run was aborted: what was measured is reported, but not judged
};
QString verdictName(Verdict verdict); // "as_expected", "differs", "incomplete"
QString verdictText(Verdict verdict); // in the current language

// The bands of the scenario's expectation over this run, from the live settings (docs/scenarios.md).
QList<BandCheck> bands(ScenarioBand band, const ScenarioTimings& timings, const RunAnalysis& analysis,
                       const QList<FaultAction>& faults);
// The same for one write outage (none: the band is not met, nothing was measured).
QList<BandCheck> bandsForWindow(ScenarioBand band, const ScenarioTimings& timings, const UnavailabilityWindow* window,
                                const QList<FaultAction>& faults);
// Each action step with its own band, against the write outage that followed that step's fault action(s).
QList<BandCheck> stepBands(const Scenario& scenario, const QList<ScenarioStepRecord>& steps,
                           const ScenarioTimings& timings, const RunAnalysis& analysis, const QList<FaultAction>& faults);
// Every expectation of the file against the measurement, then the band checks.
QList<ExpectationCheck> compare(const ScenarioExpectation& expect, const ScenarioMeasurement& measured,
                                const QList<BandCheck>& bands, const ScenarioTimings& timings);
Verdict verdict(bool completed, const QList<ExpectationCheck>& checks);

} // namespace ScenarioJudge

// One step of a run as it went.
struct ScenarioStepRecord
{
    enum class State { Pending, Running, Done, Failed, Skipped };

    QString description; // "stop leader → docker stop --time 10 plabtest-patroni1"
    State state = State::Pending;
    qint64 startedNs = 0; // LabClock; 0 while pending
    qint64 finishedNs = 0;
    QString detail; // what happened: the command's outcome, how long the wait took, or why it failed
    QList<int> faultIndexes; // the run's fault actions this step performed (its docker commands, its switchover)
    // Action steps: the replicas as the observer last saw them when the step started (describeReplicas), so that a
    // report shows why a replica was or was not promoted (its lag against maximum_lag_on_failover).
    QString replicasAtStart;

    static QString stateName(State state);
    QJsonObject toJson(qint64 runStartNs) const;
};

// Everything a run of a scenario leaves: what was done, what was measured, and how it compares.
struct ScenarioRunResult
{
    Scenario scenario;
    QString language = QStringLiteral("en");
    bool completed = false; // every step ran
    bool aborted = false;   // the user stopped it
    QString failure;        // why it did not complete (a step's timeout, the pre-check …)
    bool healed = false;    // the cluster was healthy again after the run
    QString healProblem;
    qint64 runId = 0;       // in the journal
    qint64 startedNs = 0;
    qint64 endedNs = 0;
    qint64 startedWallMs = 0;
    QString clusterName;
    QString startingLeader;
    ScenarioTimings timings;
    QJsonObject versions;
    QJsonObject settings;
    // The scenario's "settings": what was applied (KEY=VALUE words), whether it was put back afterwards.
    QString settingsProfile;
    QStringList settingsApplied;
    bool settingsRestored = false;
    QString settingsProblem; // why they could not be applied or put back
    QList<ScenarioStepRecord> steps;
    ScenarioMeasurement measured;
    QList<BandCheck> bands;
    QList<ExpectationCheck> checks;
    ScenarioJudge::Verdict verdict = ScenarioJudge::Verdict::Incomplete;

    // Fills measured, bands, checks and verdict from the run's records.
    void judge(const std::vector<OperationRecord>& operations, const QList<ClusterEvent>& events,
               const RunAnalysis& analysis, const QList<FaultAction>& faults);
    QJsonObject toJson() const;
};
