// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariooutcome.h"

#include "scenarioreport.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>

namespace {

constexpr double NsPerSecond = 1e9;

QString seconds(double value)
{
    return ScenarioReport::tr("%1 s", "seconds").arg(value, 0, 'f', value < 10 ? 2 : 1);
}

QString yesNo(bool value)
{
    return value ? ScenarioReport::tr("yes") : ScenarioReport::tr("no");
}

// The write outage the band is about: the first one that followed a fault action. A window open from the run's
// start (the generator was still connecting) is not the experiment's.
const UnavailabilityWindow* firstFaultWindow(const RunAnalysis& analysis)
{
    for (const UnavailabilityWindow& window : analysis.writeWindows) {
        if (window.faultIndex && !window.openAtStart) {
            return &window;
        }
    }
    return nullptr;
}

// The fault action that ended the fault behind `window`: the last one that started before writes came back
// (docker start etcd2, docker start haproxy …), if it is not the one that caused the window.
const FaultAction* repairingFault(const UnavailabilityWindow& window, const QList<FaultAction>& faults)
{
    const FaultAction* repair = nullptr;
    for (int i = *window.faultIndex + 1; i < faults.size(); ++i) {
        if (faults.at(i).startNs <= window.endNs) {
            repair = &faults.at(i);
        }
    }
    return repair;
}

// The fault's own duration, for the bands that add to it: from the command that caused the window to the last one
// before the window ended (the one that repaired it); 0 when there is none.
double repairedAfterSeconds(const UnavailabilityWindow* window, const QList<FaultAction>& faults)
{
    if (!window || !window->faultIndex) {
        return 0;
    }
    const FaultAction* repair = repairingFault(*window, faults);
    return repair ? (repair->startNs - faults.at(*window->faultIndex).startNs) / NsPerSecond : 0;
}

} // namespace

ScenarioTimings ScenarioTimings::from(const QJsonObject& patroniConfig, const HaproxyCheckSettings& haproxy, int graceSeconds)
{
    ScenarioTimings timings;
    timings.patroniFromConfig = !patroniConfig.isEmpty();
    timings.ttlSeconds = patroniConfig.value(QStringLiteral("ttl")).toDouble(30);
    timings.loopWaitSeconds = patroniConfig.value(QStringLiteral("loop_wait")).toDouble(10);
    timings.retryTimeoutSeconds = patroniConfig.value(QStringLiteral("retry_timeout")).toDouble(10);
    timings.haproxy = haproxy;
    timings.graceSeconds = graceSeconds;
    const QJsonValue synchronous = patroniConfig.value(QStringLiteral("synchronous_mode"));
    timings.synchronousMode = synchronous.isBool() ? synchronous.toBool()
                                                   : QStringList{QStringLiteral("on"), QStringLiteral("true"), QStringLiteral("quorum")}
                                                         .contains(synchronous.toString().toLower());
    timings.synchronousStrict = timings.synchronousMode && patroniConfig.value(QStringLiteral("synchronous_mode_strict")).toBool();
    return timings;
}

QJsonObject ScenarioTimings::toJson() const
{
    return {{QStringLiteral("ttl_s"), ttlSeconds},
            {QStringLiteral("loop_wait_s"), loopWaitSeconds},
            {QStringLiteral("retry_timeout_s"), retryTimeoutSeconds},
            {QStringLiteral("patroni_from_config"), patroniFromConfig},
            {QStringLiteral("haproxy"), haproxy.toJson()},
            {QStringLiteral("docker_stop_grace_s"), graceSeconds},
            {QStringLiteral("synchronous_mode"), synchronousMode},
            {QStringLiteral("synchronous_mode_strict"), synchronousStrict},
            {QStringLiteral("etcd_election_timeout_s"), etcdElectionTimeoutSeconds}};
}

QString ScenarioTimings::describe() const
{
    return ScenarioReport::tr("Patroni ttl %1 s, loop_wait %2 s, retry_timeout %3 s%4; HAProxy inter %5 s, fall %6, rise %7%8; docker stop grace %9 s")
        .arg(ttlSeconds)
        .arg(loopWaitSeconds)
        .arg(retryTimeoutSeconds)
        .arg(patroniFromConfig ? QString() : ScenarioReport::tr(" (Patroni's defaults: GET /config did not answer)"))
        .arg(haproxy.interSeconds)
        .arg(haproxy.fall)
        .arg(haproxy.rise)
        .arg(haproxy.fromConfig ? QString()
             : haproxy.source.isEmpty() ? ScenarioReport::tr(" (HAProxy's defaults)")
                                        : QStringLiteral(" (%1)").arg(haproxy.source))
        .arg(graceSeconds)
        + (synchronousStrict ? ScenarioReport::tr("; synchronous replication, strict")
           : synchronousMode ? ScenarioReport::tr("; synchronous replication")
                             : QString());
}

bool BandCheck::within() const
{
    // The probe stream measures outages to about 10 ms; a bound is not missed by less than that.
    constexpr double Resolution = 0.05;
    return measuredSeconds && *measuredSeconds >= lowSeconds - Resolution && *measuredSeconds <= highSeconds + Resolution;
}

QJsonObject BandCheck::toJson() const
{
    QJsonObject json{{QStringLiteral("quantity"), quantity},
                     {QStringLiteral("formula"), formula},
                     {QStringLiteral("low_s"), lowSeconds},
                     {QStringLiteral("high_s"), highSeconds},
                     {QStringLiteral("within"), within()}};
    json.insert(QStringLiteral("measured_s"), measuredSeconds ? QJsonValue(*measuredSeconds) : QJsonValue());
    return json;
}

QJsonObject ExpectationCheck::toJson() const
{
    return {{QStringLiteral("key"), key},
            {QStringLiteral("expected"), expected},
            {QStringLiteral("measured"), measured},
            {QStringLiteral("ok"), ok},
            {QStringLiteral("explanation"), explanation}};
}

ScenarioMeasurement ScenarioMeasurement::measure(const std::vector<OperationRecord>& operations,
                                                 const QList<ClusterEvent>& events, const RunAnalysis& analysis,
                                                 const QString& startingLeader)
{
    using Kind = OperationRecord::Kind;
    using ErrorClass = OperationRecord::ErrorClass;
    ScenarioMeasurement measured;
    if (!startingLeader.isEmpty()) {
        measured.leaders << startingLeader;
    }
    for (const ClusterEvent& event : events) {
        if (event.kind == ClusterEvent::Kind::TimelineChanged) {
            ++measured.timelineChanges;
        } else if (event.kind == ClusterEvent::Kind::LeaderChanged && !event.to.isEmpty()
                   && (measured.leaders.isEmpty() || measured.leaders.constLast() != event.to)) {
            measured.leaders << event.to;
        }
    }
    measured.failover = measured.timelineChanges > 0
                        || std::any_of(measured.leaders.cbegin(), measured.leaders.cend(),
                                       [&](const QString& leader) { return leader != startingLeader; });
    for (const OperationRecord& operation : operations) {
        // Reads are not the experiment's subject: the scenarios' traffic writes, and reads back only to check.
        if (operation.kind == Kind::Read || operation.outcome == OperationRecord::Outcome::Ok) {
            continue;
        }
        ++measured.failedWrites;
        switch (operation.errorClass) {
        case ErrorClass::ReadOnly: ++measured.readOnlyErrors; break;
        case ErrorClass::ConnectionRefused: ++measured.connectionRefused; break;
        case ErrorClass::DeadlineExceeded: ++measured.deadlineErrors; break;
        default: break;
        }
    }
    const KindSummary& writes = analysis.summary.writes;
    measured.writeOutages = writes.outageCount;
    measured.longestWriteOutageSeconds = writes.longestOutageNs / NsPerSecond;
    measured.totalWriteOutageSeconds = writes.totalOutageNs / NsPerSecond;
    measured.clientLongestWriteOutageSeconds = analysis.summary.clientWrites.longestOutageNs / NsPerSecond;
    if (const UnavailabilityWindow* first = firstFaultWindow(analysis)) {
        measured.firstWriteOutageSeconds = first->durationNs() / NsPerSecond;
    }
    measured.auditPerformed = analysis.summary.audit.performed;
    measured.acknowledgedWrites = analysis.summary.audit.acknowledged;
    measured.lostWrites = analysis.summary.audit.lost;
    return measured;
}

QJsonObject ScenarioMeasurement::toJson() const
{
    QJsonObject json{{QStringLiteral("failover"), failover},
                     {QStringLiteral("leaders"), QJsonArray::fromStringList(leaders)},
                     {QStringLiteral("timeline_changes"), timelineChanges},
                     {QStringLiteral("write_outages"), writeOutages},
                     {QStringLiteral("longest_write_outage_s"), longestWriteOutageSeconds},
                     {QStringLiteral("total_write_outage_s"), totalWriteOutageSeconds},
                     {QStringLiteral("client_longest_write_outage_s"), clientLongestWriteOutageSeconds},
                     {QStringLiteral("failed_writes"), failedWrites},
                     {QStringLiteral("read_only_errors"), readOnlyErrors},
                     {QStringLiteral("connection_refused"), connectionRefused},
                     {QStringLiteral("deadline_errors"), deadlineErrors},
                     {QStringLiteral("audit_performed"), auditPerformed},
                     {QStringLiteral("acknowledged_writes"), acknowledgedWrites},
                     {QStringLiteral("lost_writes"), lostWrites}};
    json.insert(QStringLiteral("first_write_outage_s"),
                firstWriteOutageSeconds ? QJsonValue(*firstWriteOutageSeconds) : QJsonValue());
    return json;
}

namespace ScenarioJudge {

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::AsExpected: return QStringLiteral("as_expected");
    case Verdict::Differs: return QStringLiteral("differs");
    case Verdict::Incomplete: return QStringLiteral("incomplete");
    }
    return {};
}

QString verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::AsExpected: return ScenarioReport::tr("as expected");
    case Verdict::Differs: return ScenarioReport::tr("differs from the expectation");
    case Verdict::Incomplete: return ScenarioReport::tr("incomplete: the scenario did not run to its end");
    }
    return {};
}

QList<BandCheck> bands(ScenarioBand band, const ScenarioTimings& timings, const RunAnalysis& analysis,
                       const QList<FaultAction>& faults)
{
    return bandsForWindow(band, timings, firstFaultWindow(analysis), faults);
}

QList<BandCheck> stepBands(const Scenario& scenario, const QList<ScenarioStepRecord>& steps, const ScenarioTimings& timings,
                           const RunAnalysis& analysis, const QList<FaultAction>& faults)
{
    QList<BandCheck> checks;
    for (int i = 0; i < scenario.steps.size() && i < steps.size(); ++i) {
        const ScenarioStep& step = scenario.steps.at(i);
        if (!step.band) {
            continue;
        }
        // The outage this step caused: the analysis attributes each window to the fault that preceded it.
        const UnavailabilityWindow* caused = nullptr;
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            if (window.faultIndex && steps.at(i).faultIndexes.contains(*window.faultIndex)) {
                caused = &window;
                break;
            }
        }
        for (BandCheck check : bandsForWindow(*step.band, timings, caused, faults)) {
            check.quantity = ScenarioReport::tr("%1 — step %2: %3").arg(check.quantity).arg(i + 1).arg(steps.at(i).description);
            checks.append(check);
        }
    }
    return checks;
}

QList<BandCheck> bandsForWindow(ScenarioBand band, const ScenarioTimings& timings, const UnavailabilityWindow* window,
                                const QList<FaultAction>& faults)
{
    const double inter = timings.haproxy.interSeconds;
    const double rise = timings.haproxy.rise;
    const double fall = timings.haproxy.fall;
    const double ttl = timings.ttlSeconds;
    const double loopWait = timings.loopWaitSeconds;
    const auto duration = [&]() -> std::optional<double> {
        return window ? std::optional<double>(window->durationNs() / NsPerSecond) : std::nullopt;
    };
    switch (band) {
    case ScenarioBand::None: return {};
    case ScenarioBand::LockReleased: {
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("(rise − 1) × inter … grace + loop_wait + (rise + 1) × inter");
        check.lowSeconds = (rise - 1) * inter;
        check.highSeconds = timings.graceSeconds + loopWait + (rise + 1) * inter;
        check.measuredSeconds = duration();
        return {check};
    }
    case ScenarioBand::Ttl: {
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("ttl − loop_wait + (rise − 1) × inter … ttl + loop_wait + (rise + 1) × inter");
        check.lowSeconds = std::max(0.0, ttl - loopWait + (rise - 1) * inter);
        check.highSeconds = ttl + loopWait + (rise + 1) * inter;
        check.measuredSeconds = duration();
        return {check};
    }
    case ScenarioBand::RetryTimeout: {
        // The leader demotes itself when renewing its lease fails for retry_timeout. The first renewal after the
        // quorum is lost comes within loop_wait — or, while the surviving etcd member is a raft leader that has not
        // yet noticed (up to two election timeouts), that renewal still succeeds and the failing one is the next,
        // loop_wait later. Then the demotion has to reach the clients: the HA loop's work before the renewal, etcd's
        // 100 ms heartbeat tick and PostgreSQL's fast shutdown ending the sessions, well under half a second.
        // Measured on Patroni 3.0.2: up to 21.9 s after `docker stop` returned (a renewal 1.9 s after it succeeded).
        constexpr double DemotionReachesClientsSeconds = 0.5;
        BandCheck stops;
        stops.quantity = ScenarioReport::tr("writes stop after the quorum is lost");
        stops.formula = QStringLiteral("0 … 2 × election_timeout + loop_wait + retry_timeout + 0.5 s");
        stops.highSeconds = 2 * timings.etcdElectionTimeoutSeconds + loopWait + timings.retryTimeoutSeconds
                            + DemotionReachesClientsSeconds;
        BandCheck resumes;
        resumes.quantity = ScenarioReport::tr("writes resume after the quorum is back");
        resumes.formula = QStringLiteral("0 … loop_wait + (rise + 1) × inter");
        resumes.highSeconds = loopWait + (rise + 1) * inter;
        // The quorum is lost when docker stop returns (the member has exited; that alone took up to 3 s here), and
        // back when docker start returns: measured from then, not from when the command was typed.
        const auto done = [](const FaultAction& action) { return std::max(action.startNs, action.endNs); };
        if (window) {
            stops.measuredSeconds = std::max<qint64>(0, window->firstFailureNs - done(faults.at(*window->faultIndex))) / NsPerSecond;
            if (const FaultAction* repair = repairingFault(*window, faults); repair && !window->openAtEnd) {
                resumes.measuredSeconds = std::max<qint64>(0, window->endNs - done(*repair)) / NsPerSecond;
            }
        }
        return {stops, resumes};
    }
    case ScenarioBand::FaultDuration: {
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("fault − inter … fault + (fall + 1) × inter");
        check.measuredSeconds = duration();
        const double fault = repairedAfterSeconds(window, faults);
        check.formula += QStringLiteral(" (fault = %1)").arg(seconds(fault));
        check.lowSeconds = std::max(0.0, fault - inter);
        check.highSeconds = fault + (fall + 1) * inter;
        return {check};
    }
    case ScenarioBand::ChecksThenTtl: {
        // The key expires ttl after its last renewal (0 … loop_wait before the kill) and a replica notices within
        // loop_wait; HAProxy stopped routing (fall − 1 … fall) × inter after the kill and routes to the new leader
        // after (rise − 1 … rise + 1) × inter.
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("ttl − loop_wait − fall × inter + (rise − 1) × inter … ttl + loop_wait − (fall − 1) × inter + (rise + 1) × inter");
        check.lowSeconds = std::max(0.0, ttl - loopWait - fall * inter + (rise - 1) * inter);
        check.highSeconds = ttl + loopWait - (fall - 1) * inter + (rise + 1) * inter;
        check.measuredSeconds = duration();
        return {check};
    }
    case ScenarioBand::RestartInPlace: {
        // Patroni finds PostgreSQL down in its next cycle (within loop_wait) and starts it; crash recovery of a lab's
        // few megabytes of WAL takes about a second; HAProxy marks the node up again after up to (rise + 1) × inter.
        constexpr double CrashRecoverySeconds = 2.0;
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("0 … loop_wait + 2 s + (rise + 1) × inter");
        check.lowSeconds = 0;
        check.highSeconds = loopWait + CrashRecoverySeconds + (rise + 1) * inter;
        check.measuredSeconds = duration();
        return {check};
    }
    case ScenarioBand::RetryThenTtl: {
        // From the last renewal r before the cut: the first failing renewal comes at r + loop_wait, the demotion
        // retry_timeout after it (up to one more loop_wait while the HA cycle is blocked on etcd), the key expires at
        // r + ttl, a replica notices within loop_wait, HAProxy routes to it after (rise − 1 … rise + 1) × inter.
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("ttl − 2 × loop_wait − retry_timeout + (rise − 1) × inter … ttl − retry_timeout + (rise + 1) × inter");
        check.lowSeconds = std::max(0.0, ttl - 2 * loopWait - timings.retryTimeoutSeconds + (rise - 1) * inter);
        check.highSeconds = ttl - timings.retryTimeoutSeconds + (rise + 1) * inter;
        check.measuredSeconds = duration();
        return {check};
    }
    case ScenarioBand::Degraded: {
        // The longest outage the fault may cause is the fault itself: from its command to the next one (the clear).
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("0 … fault");
        // No outage at all is within it: degraded, never down.
        check.measuredSeconds = window ? duration() : std::optional<double>(0.0);
        double fault = 0;
        if (window && window->faultIndex && *window->faultIndex + 1 < faults.size()) {
            fault = (faults.at(*window->faultIndex + 1).startNs - faults.at(*window->faultIndex).startNs) / NsPerSecond;
        }
        check.formula += QStringLiteral(" (fault = %1)").arg(seconds(fault));
        check.highSeconds = fault;
        return {check};
    }
    case ScenarioBand::LeaderRestarted: {
        // From the kill to `docker start` (fault), then crash recovery of what it wrote last (a few seconds under
        // heavy writes), Patroni's first HA cycle taking the free key (within loop_wait), HAProxy's rise.
        constexpr double CrashRecoverySeconds = 2.0;
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("fault … fault + loop_wait + 2 s + (rise + 1) × inter");
        check.measuredSeconds = duration();
        const double fault = repairedAfterSeconds(window, faults);
        check.formula += QStringLiteral(" (fault = %1)").arg(seconds(fault));
        check.lowSeconds = fault;
        check.highSeconds = fault + loopWait + CrashRecoverySeconds + (rise + 1) * inter;
        return {check};
    }
    case ScenarioBand::BlockedThenTtl: {
        BandCheck check;
        check.quantity = ScenarioReport::tr("write outage");
        check.formula = QStringLiteral("gap + ttl − loop_wait + (rise − 1) × inter … gap + ttl + loop_wait + (rise + 1) × inter");
        check.measuredSeconds = duration();
        // gap: from the outage's start to the first later fault that is not one more of the same command (the
        // cut of the second replica belongs to the first), the kill.
        double gap = 0;
        if (window && window->faultIndex) {
            const QString blocking = faults.at(*window->faultIndex).commandLine.section(u' ', 0, 2);
            for (qsizetype i = *window->faultIndex + 1; i < faults.size(); ++i) {
                if (faults.at(i).commandLine.section(u' ', 0, 2) != blocking) {
                    gap = std::max<qint64>(0, faults.at(i).startNs - window->startNs) / NsPerSecond;
                    break;
                }
            }
        }
        check.formula += QStringLiteral(" (gap = %1)").arg(seconds(gap));
        check.lowSeconds = gap + std::max(0.0, ttl - loopWait + (rise - 1) * inter);
        check.highSeconds = gap + ttl + loopWait + (rise + 1) * inter;
        return {check};
    }
    }
    return {};
}

QList<ExpectationCheck> compare(const ScenarioExpectation& expect, const ScenarioMeasurement& measured,
                                const QList<BandCheck>& bands, const ScenarioTimings& timings)
{
    QList<ExpectationCheck> checks;
    const auto add = [&](const QString& key, const QString& expected, const QString& seen, bool ok, const QString& why) {
        checks.append({key, expected, seen, ok, ok ? QString() : why});
    };

    const QString leaders = measured.leaders.join(QStringLiteral(" → "));
    add(QStringLiteral("failover"), yesNo(expect.failover),
        measured.failover ? ScenarioReport::tr("yes (%1; %n timeline change(s))", nullptr, measured.timelineChanges).arg(leaders) : ScenarioReport::tr("no (leader %1 throughout)").arg(leaders),
        measured.failover == expect.failover,
        expect.failover ? ScenarioReport::tr("no member was promoted: the leader kept its key, or the fault did not reach it")
                        : ScenarioReport::tr("a member was promoted although the leader should have stayed: look at the leader's log around the fault"));

    add(QStringLiteral("write_outage"), yesNo(expect.writeOutage),
        measured.writeOutages > 0 ? ScenarioReport::tr("yes (%n outage(s), longest %1)", nullptr, measured.writeOutages).arg(seconds(measured.longestWriteOutageSeconds))
                                  : ScenarioReport::tr("no"),
        // A degraded service (lost packets, a starved CPU) may or may not stop writes long enough to count as an
        // outage: the band then only bounds whatever outage there was.
        (measured.writeOutages > 0) == expect.writeOutage || expect.band == ScenarioBand::Degraded,
        expect.writeOutage ? ScenarioReport::tr("writes never stopped for longer than the probes' resolution")
                           : ScenarioReport::tr("writes stopped although nothing the leader needs was touched: look at the timeline around the outage"));

    using Occurrence = ScenarioExpectation::Occurrence;
    const auto occurrence = [&](const QString& key, Occurrence expected, int seen, const QString& seenText,
                                const QString& whyMissing, const QString& whyUnexpected) {
        const QString expectedText = expected == Occurrence::Possible ? ScenarioReport::tr("possible") : yesNo(expected == Occurrence::Yes);
        const bool ok = expected == Occurrence::Possible || (seen > 0) == (expected == Occurrence::Yes);
        add(key, expectedText, seenText, ok, expected == Occurrence::Yes ? whyMissing : whyUnexpected);
    };
    occurrence(QStringLiteral("read_only_errors"), expect.readOnlyErrors, measured.readOnlyErrors,
               ScenarioReport::tr("%n write(s) refused as read-only", nullptr, measured.readOnlyErrors),
               ScenarioReport::tr("no write reached a read-only server: the leader did not demote itself, or no connection was routed to it while it was read-only"),
               ScenarioReport::tr("writes reached a server that was read-only: HAProxy still routed to a node that was not the leader (its checks run every %1 s and need %2 failures)")
                   .arg(timings.haproxy.interSeconds)
                   .arg(timings.haproxy.fall));
    occurrence(QStringLiteral("total_outage"), expect.totalOutage, measured.connectionRefused,
               ScenarioReport::tr("%n connection(s) refused", nullptr, measured.connectionRefused),
               ScenarioReport::tr("no connection was refused: HAProxy kept listening"),
               ScenarioReport::tr("connections were refused: nothing listened on the writes port for a while"));
    occurrence(QStringLiteral("deadline_errors"), expect.deadlineErrors, measured.deadlineErrors,
               ScenarioReport::tr("%n operation(s) ended by the client deadline", nullptr, measured.deadlineErrors),
               ScenarioReport::tr("no operation hung until the deadline: sessions were closed before it fired"),
               ScenarioReport::tr("operations hung until the client deadline: a server stopped answering without closing its connections"));

    if (measured.auditPerformed) {
        // An upper bound: after a leader freezes, the last commits it acknowledged may not have reached the replica
        // that takes over (asynchronous replication), and how many depends on the moment.
        const bool unbounded = expect.lostWrites >= 1'000'000'000;
        const QString expected = expect.minLostWrites == 0 ? QStringLiteral("≤ %1").arg(expect.lostWrites)
                                 : unbounded               ? QStringLiteral("≥ %1").arg(expect.minLostWrites)
                                                           : QStringLiteral("%1 … %2").arg(expect.minLostWrites).arg(expect.lostWrites);
        const bool tooFew = measured.lostWrites < expect.minLostWrites;
        add(QStringLiteral("lost_writes"), expected,
            ScenarioReport::tr("%1 of %2 acknowledged writes missing").arg(measured.lostWrites).arg(measured.acknowledgedWrites),
            !tooFew && measured.lostWrites <= expect.lostWrites,
            tooFew ? ScenarioReport::tr("fewer acknowledged writes are missing than expected: the new leader had commits the scenario expected it to lose")
                   : ScenarioReport::tr("acknowledged writes are missing: a commit the client saw was not on the new leader (asynchronous replication)"));
    } else {
        add(QStringLiteral("lost_writes"), QString::number(expect.lostWrites), ScenarioReport::tr("not measured"), false,
            ScenarioReport::tr("the write audit could not read the run's rows back after the run"));
    }

    if (expect.maxWriteOutageSeconds) {
        add(QStringLiteral("max_write_outage_s"), QStringLiteral("≤ %1").arg(seconds(*expect.maxWriteOutageSeconds)),
            seconds(measured.longestWriteOutageSeconds), measured.longestWriteOutageSeconds <= *expect.maxWriteOutageSeconds,
            ScenarioReport::tr("the longest write outage is longer than the scenario allows"));
    }

    for (const BandCheck& band : bands) {
        add(QStringLiteral("band"), QStringLiteral("%1: %2 … %3 (%4)").arg(band.quantity, seconds(band.lowSeconds), seconds(band.highSeconds), band.formula),
            band.measuredSeconds ? seconds(*band.measuredSeconds) : ScenarioReport::tr("not measured"), band.within(),
            !band.measuredSeconds             ? ScenarioReport::tr("the run had no write outage after a fault to measure")
            : *band.measuredSeconds < band.lowSeconds ? ScenarioReport::tr("shorter than the band: the cluster reacted faster than its settings allow for the slowest case it assumes (for example HAProxy's checks happened to fall just after the change)")
                                                      : ScenarioReport::tr("longer than the band: something took longer than the settings predict (look at the lanes: which component was last to recover?)"));
    }
    return checks;
}

Verdict verdict(bool completed, const QList<ExpectationCheck>& checks)
{
    if (!completed) {
        return Verdict::Incomplete;
    }
    const bool allOk = std::all_of(checks.cbegin(), checks.cend(), [](const ExpectationCheck& check) { return check.ok; });
    return allOk ? Verdict::AsExpected : Verdict::Differs;
}

} // namespace ScenarioJudge

QString ScenarioStepRecord::stateName(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Running: return QStringLiteral("running");
    case State::Done: return QStringLiteral("done");
    case State::Failed: return QStringLiteral("failed");
    case State::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

QJsonObject ScenarioStepRecord::toJson(qint64 runStartNs) const
{
    QJsonObject json{{QStringLiteral("step"), description},
                     {QStringLiteral("state"), stateName(state)},
                     {QStringLiteral("detail"), detail}};
    if (startedNs != 0) {
        json.insert(QStringLiteral("start_s"), (startedNs - runStartNs) / NsPerSecond);
        json.insert(QStringLiteral("duration_s"), finishedNs > startedNs ? (finishedNs - startedNs) / NsPerSecond : 0.0);
    }
    if (!replicasAtStart.isEmpty()) {
        json.insert(QStringLiteral("replicas_at_start"), replicasAtStart);
    }
    return json;
}

void ScenarioRunResult::judge(const std::vector<OperationRecord>& operations, const QList<ClusterEvent>& events,
                              const RunAnalysis& analysis, const QList<FaultAction>& faults)
{
    measured = ScenarioMeasurement::measure(operations, events, analysis, startingLeader);
    bands = ScenarioJudge::bands(scenario.expect.band, timings, analysis, faults)
            + ScenarioJudge::stepBands(scenario, steps, timings, analysis, faults);
    checks = ScenarioJudge::compare(scenario.expect, measured, bands, timings);
    verdict = ScenarioJudge::verdict(completed, checks);
}

QJsonObject ScenarioRunResult::toJson() const
{
    QJsonArray stepArray;
    for (const ScenarioStepRecord& step : steps) {
        stepArray.append(step.toJson(startedNs));
    }
    QJsonArray checkArray;
    for (const ExpectationCheck& check : checks) {
        checkArray.append(check.toJson());
    }
    QJsonArray bandArray;
    for (const BandCheck& band : bands) {
        bandArray.append(band.toJson());
    }
    return {{QStringLiteral("scenario"), scenario.summaryJson(language)},
            {QStringLiteral("cluster"), clusterName},
            {QStringLiteral("run_id"), runId},
            {QStringLiteral("started"), QDateTime::fromMSecsSinceEpoch(startedWallMs).toOffsetFromUtc(QDateTime::currentDateTime().offsetFromUtc()).toString(Qt::ISODateWithMs)},
            {QStringLiteral("duration_s"), endedNs > startedNs ? (endedNs - startedNs) / NsPerSecond : 0.0},
            {QStringLiteral("completed"), completed},
            {QStringLiteral("aborted"), aborted},
            {QStringLiteral("failure"), failure},
            {QStringLiteral("healed"), healed},
            {QStringLiteral("heal_problem"), healProblem},
            {QStringLiteral("starting_leader"), startingLeader},
            {QStringLiteral("versions"), versions},
            {QStringLiteral("settings"), settings},
            {QStringLiteral("cluster_settings"), QJsonObject{{QStringLiteral("profile"), settingsProfile},
                                                             {QStringLiteral("applied"), QJsonArray::fromStringList(settingsApplied)},
                                                             {QStringLiteral("restored"), settingsRestored},
                                                             {QStringLiteral("problem"), settingsProblem}}},
            {QStringLiteral("timings"), timings.toJson()},
            {QStringLiteral("steps"), stepArray},
            {QStringLiteral("expected"), scenario.expect.toJson()},
            {QStringLiteral("measured"), measured.toJson()},
            {QStringLiteral("bands"), bandArray},
            {QStringLiteral("checks"), checkArray},
            {QStringLiteral("verdict"), ScenarioJudge::verdictName(verdict)},
            {QStringLiteral("verdict_text"), ScenarioJudge::verdictText(verdict)}};
}
