// SPDX-License-Identifier: GPL-3.0-or-later
// The judgement of a scenario run: measured figures from the run's records, the expected bands from the live
// settings, each expectation against the measurement, and the report built from them. Pure functions over
// records, so every rule is checked here on constructed runs; the runs against the real lab are tst_scenariorun.
#include "scenariooutcome.h"
#include "scenarioreport.h"

#include <QJsonArray>
#include <QTest>

namespace {

constexpr qint64 Second = 1'000'000'000;

ScenarioTimings labTimings()
{
    HaproxyCheckSettings haproxy;
    haproxy.interSeconds = 3;
    haproxy.fall = 3;
    haproxy.rise = 2;
    haproxy.fromConfig = true;
    return ScenarioTimings::from(QJsonObject{{QStringLiteral("ttl"), 30}, {QStringLiteral("loop_wait"), 10}, {QStringLiteral("retry_timeout"), 10}},
                                 haproxy, 10);
}

FaultAction fault(qint64 startNs, const QString& command)
{
    FaultAction action;
    action.startNs = startNs;
    action.endNs = startNs + Second / 2;
    action.commandLine = command;
    return action;
}

// One write window from startS to endS (seconds into the run), caused by fault 0; first failure at firstFailureS.
RunAnalysis oneWindow(double startS, double endS, double firstFailureS)
{
    UnavailabilityWindow window;
    window.startNs = static_cast<qint64>(startS * Second);
    window.endNs = static_cast<qint64>(endS * Second);
    window.firstFailureNs = static_cast<qint64>(firstFailureS * Second);
    window.firstFailureSeenNs = window.firstFailureNs;
    window.faultIndex = 0;
    RunAnalysis analysis;
    analysis.writeWindows = {window};
    analysis.summary.writes.outageCount = 1;
    analysis.summary.writes.longestOutageNs = window.durationNs();
    analysis.summary.writes.totalOutageNs = window.durationNs();
    analysis.summary.audit.performed = true;
    analysis.summary.audit.acknowledged = 100;
    return analysis;
}

OperationRecord failedInsert(OperationRecord::ErrorClass errorClass)
{
    OperationRecord operation;
    operation.kind = OperationRecord::Kind::Insert;
    operation.outcome = OperationRecord::Outcome::Failed;
    operation.errorClass = errorClass;
    return operation;
}

ClusterEvent clusterEvent(ClusterEvent::Kind kind, const QString& from, const QString& to)
{
    ClusterEvent made;
    made.kind = kind;
    made.from = from;
    made.to = to;
    return made;
}

} // namespace

class TestScenarioOutcome : public QObject
{
    Q_OBJECT

private slots:
    void timingsFromConfig()
    {
        const ScenarioTimings timings = ScenarioTimings::from(QJsonObject{{QStringLiteral("ttl"), 20}}, HaproxyCheckSettings{}, 5);
        QCOMPARE(timings.ttlSeconds, 20.0);
        QCOMPARE(timings.loopWaitSeconds, 10.0); // Patroni's default for what the configuration leaves out
        QVERIFY(timings.patroniFromConfig);
        QCOMPARE(timings.graceSeconds, 5);
        const ScenarioTimings defaults = ScenarioTimings::from(QJsonObject{}, HaproxyCheckSettings{}, 10);
        QVERIFY(!defaults.patroniFromConfig);
        QVERIFY(defaults.describe().contains(QStringLiteral("Patroni's defaults")));
    }

    void bands_data()
    {
        QTest::addColumn<ScenarioBand>("band");
        QTest::addColumn<double>("windowStart");
        QTest::addColumn<double>("windowEnd");
        QTest::addColumn<double>("firstFailure");
        QTest::addColumn<double>("repairAt"); // second fault's start; < 0: none
        QTest::addColumn<QList<double>>("lows");
        QTest::addColumn<QList<double>>("highs");
        QTest::addColumn<QList<double>>("measured");
        QTest::addColumn<QList<bool>>("within");

        // Fault 0 starts at 10 s in every row.
        QTest::newRow("docker stop, 6 s") << ScenarioBand::LockReleased << 10.0 << 16.0 << 10.2 << -1.0 << QList<double>{3}
                                          << QList<double>{29} << QList<double>{6} << QList<bool>{true};
        QTest::newRow("docker stop, faster than rise allows") << ScenarioBand::LockReleased << 10.0 << 11.0 << 10.2 << -1.0
                                                               << QList<double>{3} << QList<double>{29} << QList<double>{1}
                                                               << QList<bool>{false};
        QTest::newRow("kill, 35 s") << ScenarioBand::Ttl << 10.0 << 45.0 << 10.1 << -1.0 << QList<double>{23} << QList<double>{49}
                                    << QList<double>{35} << QList<bool>{true};
        QTest::newRow("kill, 60 s") << ScenarioBand::Ttl << 10.0 << 70.0 << 10.1 << -1.0 << QList<double>{23} << QList<double>{49}
                                    << QList<double>{60} << QList<bool>{false};
        // Measured from when docker stop / start returned (each fault takes 0.5 s here): the quorum is lost when
        // the member has exited, and back when it runs again. Writes stop within 2 × etcd's election timeout +
        // loop_wait + retry_timeout + 0.5 s (22.5 s): the surviving etcd leader may still renew the lease once.
        QTest::newRow("quorum loss") << ScenarioBand::RetryTimeout << 24.0 << 50.0 << 25.0 << 45.0 << QList<double>{0, 0}
                                     << QList<double>{22.5, 19} << QList<double>{14.5, 4.5} << QList<bool>{true, true};
        QTest::newRow("quorum loss, demoted 20.4 s after the command, 19.9 s after the member exited")
            << ScenarioBand::RetryTimeout << 29.0 << 50.0 << 30.4 << 45.0 << QList<double>{0, 0} << QList<double>{22.5, 19}
            << QList<double>{19.9, 4.5} << QList<bool>{true, true};
        QTest::newRow("quorum loss, one renewal 1.9 s after it (Patroni 3.0.2: 21.9 s)")
            << ScenarioBand::RetryTimeout << 30.0 << 50.0 << 32.4 << 45.0 << QList<double>{0, 0} << QList<double>{22.5, 19}
            << QList<double>{21.9, 4.5} << QList<bool>{true, true};
        QTest::newRow("quorum loss, late demotion") << ScenarioBand::RetryTimeout << 33.0 << 50.0 << 34.0 << 45.0
                                                    << QList<double>{0, 0} << QList<double>{22.5, 19} << QList<double>{23.5, 4.5}
                                                    << QList<bool>{false, true};
        // The faults inside a container, measured on the lab (demo timing: ttl 30, loop_wait 10, retry_timeout 10;
        // inter 3 s, fall 3, rise 2).
        QTest::newRow("kill-patroni, 25.7 s") << ScenarioBand::ChecksThenTtl << 17.0 << 42.7 << 17.1 << -1.0
                                              << QList<double>{14} << QList<double>{43} << QList<double>{25.7} << QList<bool>{true};
        QTest::newRow("kill-patroni judged as a kill was 16.0 s") << ScenarioBand::ChecksThenTtl << 17.0 << 33.0 << 17.1 << -1.0
                                                                   << QList<double>{14} << QList<double>{43} << QList<double>{16}
                                                                   << QList<bool>{true};
        QTest::newRow("kill-postgres, 6.2 s") << ScenarioBand::RestartInPlace << 10.0 << 16.2 << 10.0 << -1.0
                                              << QList<double>{0} << QList<double>{21} << QList<double>{6.2} << QList<bool>{true};
        QTest::newRow("leader loses etcd, 11.1 s") << ScenarioBand::RetryThenTtl << 25.0 << 36.1 << 25.0 << -1.0
                                                   << QList<double>{3} << QList<double>{29} << QList<double>{11.1} << QList<bool>{true};
        QTest::newRow("loss at the leader, 0.86 s of 30 s") << ScenarioBand::Degraded << 20.0 << 20.86 << 20.0 << 40.0
                                                            << QList<double>{0} << QList<double>{30} << QList<double>{0.86}
                                                            << QList<bool>{true};
        QTest::newRow("loss at the leader, down longer than the fault") << ScenarioBand::Degraded << 20.0 << 55.0 << 20.0 << 40.0
                                                                        << QList<double>{0} << QList<double>{30} << QList<double>{35}
                                                                        << QList<bool>{false};
        QTest::newRow("replica-lag, 66.7 s: kill at 10 s, start at 60.9 s") << ScenarioBand::LeaderRestarted << 10.0 << 76.7 << 10.1
                                                                          << 60.9 << QList<double>{50.9} << QList<double>{71.9}
                                                                          << QList<double>{66.7} << QList<bool>{true};
        QTest::newRow("HAProxy down 15 s") << ScenarioBand::FaultDuration << 10.0 << 26.0 << 10.1 << 25.0 << QList<double>{12}
                                           << QList<double>{27} << QList<double>{16} << QList<bool>{true};
    }

    void bands()
    {
        QFETCH(ScenarioBand, band);
        QFETCH(double, windowStart);
        QFETCH(double, windowEnd);
        QFETCH(double, firstFailure);
        QFETCH(double, repairAt);
        QFETCH(QList<double>, lows);
        QFETCH(QList<double>, highs);
        QFETCH(QList<double>, measured);
        QFETCH(QList<bool>, within);

        QList<FaultAction> faults{fault(10 * Second, QStringLiteral("docker stop x"))};
        if (repairAt >= 0) {
            faults << fault(static_cast<qint64>(repairAt * Second), QStringLiteral("docker start x"));
        }
        const QList<BandCheck> checks = ScenarioJudge::bands(band, labTimings(), oneWindow(windowStart, windowEnd, firstFailure), faults);
        QCOMPARE(checks.size(), lows.size());
        for (int i = 0; i < checks.size(); ++i) {
            QCOMPARE(checks.at(i).lowSeconds, lows.at(i));
            QCOMPARE(checks.at(i).highSeconds, highs.at(i));
            QVERIFY(checks.at(i).measuredSeconds);
            QVERIFY2(qAbs(*checks.at(i).measuredSeconds - measured.at(i)) < 1e-6, qPrintable(QString::number(*checks.at(i).measuredSeconds)));
            QCOMPARE(checks.at(i).within(), within.at(i));
            QVERIFY(!checks.at(i).formula.isEmpty());
        }
    }

    // Degraded, never down: no outage is within the degraded band.
    void degradedWithoutOutageIsMet()
    {
        const QList<BandCheck> checks = ScenarioJudge::bands(ScenarioBand::Degraded, labTimings(), RunAnalysis{},
                                                             {fault(10 * Second, QStringLiteral("docker run x"))});
        QCOMPARE(checks.size(), 1);
        QVERIFY(checks.first().within());
    }

    void bandWithoutOutageIsNotMet()
    {
        const QList<BandCheck> checks = ScenarioJudge::bands(ScenarioBand::Ttl, labTimings(), RunAnalysis{}, {});
        QCOMPARE(checks.size(), 1);
        QVERIFY(!checks.first().measuredSeconds);
        QVERIFY(!checks.first().within());
        QVERIFY(ScenarioJudge::bands(ScenarioBand::None, labTimings(), RunAnalysis{}, {}).isEmpty());
    }

    // A composite scenario: each action step that names a band is judged on the outage that followed its command.
    void stepBands()
    {
        auto scenario = Scenario::parse(R"({"format": "patroni-lab-scenario/1", "id": "t", "title": {"en": "T", "ru": "Т"},
            "explanation": {"en": "E", "ru": "Е"},
            "steps": [{"action": "stop", "target": "leader"},
                      {"action": "stop", "target": "etcd2", "band": "retry_timeout"},
                      {"action": "start", "target": "etcd2"},
                      {"action": "stop", "target": "haproxy", "band": "fault_duration"}],
            "expect": {"failover": true, "write_outage": true, "band": "lock_released"}})",
                                        QStringLiteral("t.json"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        QList<ScenarioStepRecord> steps(4);
        for (int i = 0; i < 4; ++i) {
            steps[i].description = scenario.value().steps.at(i).describe();
            steps[i].faultIndexes = {i};
        }
        const QList<FaultAction> faults{fault(10 * Second, QStringLiteral("docker stop p1")), fault(40 * Second, QStringLiteral("docker stop etcd2")),
                                        fault(70 * Second, QStringLiteral("docker start etcd2")), fault(90 * Second, QStringLiteral("docker stop haproxy"))};
        RunAnalysis analysis = oneWindow(10, 17, 10.2); // the leader stop, fault 0
        UnavailabilityWindow readOnly = oneWindow(52, 78, 53).writeWindows.first();
        readOnly.faultIndex = 1; // caused by stopping etcd2, ended after etcd2 came back (fault 2)
        analysis.writeWindows << readOnly;

        const QList<BandCheck> checks = ScenarioJudge::stepBands(scenario.value(), steps, labTimings(), analysis, faults);
        QCOMPARE(checks.size(), 3); // retry_timeout has two bounds; the HAProxy stop caused no outage in this run
        QVERIFY(checks.at(0).quantity.contains(QStringLiteral("step 2: stop etcd2")));
        QCOMPARE(*checks.at(0).measuredSeconds, 12.5); // writes stopped 12.5 s after docker stop etcd2 returned
        QVERIFY(checks.at(0).within());
        QCOMPARE(*checks.at(1).measuredSeconds, 7.5); // and resumed 7.5 s after docker start etcd2 returned
        QVERIFY(checks.at(2).quantity.contains(QStringLiteral("step 4: stop haproxy")));
        QVERIFY(!checks.at(2).measuredSeconds);
        QVERIFY(!checks.at(2).within());

        // Judged with the scenario's own band (the first outage) in one result.
        ScenarioRunResult result;
        result.scenario = scenario.value();
        result.steps = steps;
        result.completed = true;
        result.timings = labTimings();
        result.judge({}, {}, analysis, faults);
        QCOMPARE(result.bands.size(), 4);
        QCOMPARE(*result.bands.first().measuredSeconds, 7.0);
        QCOMPARE(result.verdict, ScenarioJudge::Verdict::Differs); // the HAProxy stop's band was not met
    }

    void measure()
    {
        using ErrorClass = OperationRecord::ErrorClass;
        std::vector<OperationRecord> operations{failedInsert(ErrorClass::ReadOnly), failedInsert(ErrorClass::ReadOnly),
                                                failedInsert(ErrorClass::ConnectionRefused), failedInsert(ErrorClass::DeadlineExceeded)};
        OperationRecord read = failedInsert(ErrorClass::ReadOnly);
        read.kind = OperationRecord::Kind::Read; // reads are not the experiment's subject
        operations.push_back(read);
        OperationRecord ok;
        operations.push_back(ok);
        const QList<ClusterEvent> events{clusterEvent(ClusterEvent::Kind::LeaderChanged, QStringLiteral("patroni1"), QString()),
                                         clusterEvent(ClusterEvent::Kind::LeaderChanged, QString(), QStringLiteral("patroni2")),
                                         clusterEvent(ClusterEvent::Kind::TimelineChanged, QStringLiteral("1"), QStringLiteral("2"))};
        const ScenarioMeasurement measured = ScenarioMeasurement::measure(operations, events, oneWindow(10, 18, 10.5), QStringLiteral("patroni1"));
        QCOMPARE(measured.readOnlyErrors, 2);
        QCOMPARE(measured.connectionRefused, 1);
        QCOMPARE(measured.deadlineErrors, 1);
        QCOMPARE(measured.failedWrites, 4);
        QVERIFY(measured.failover);
        QCOMPARE(measured.leaders, (QStringList{QStringLiteral("patroni1"), QStringLiteral("patroni2")}));
        QCOMPARE(measured.timelineChanges, 1);
        QCOMPARE(*measured.firstWriteOutageSeconds, 8.0);
        QVERIFY(measured.auditPerformed);

        const ScenarioMeasurement quiet = ScenarioMeasurement::measure({ok}, {}, RunAnalysis{}, QStringLiteral("patroni1"));
        QVERIFY(!quiet.failover);
        QVERIFY(!quiet.firstWriteOutageSeconds);
    }

    // The same leader winning again on a new timeline (etcd quorum back) is a failover too.
    void sameLeaderNewTimelineIsFailover()
    {
        const QList<ClusterEvent> events{clusterEvent(ClusterEvent::Kind::LeaderChanged, QStringLiteral("patroni1"), QString()),
                                         clusterEvent(ClusterEvent::Kind::LeaderChanged, QString(), QStringLiteral("patroni1")),
                                         clusterEvent(ClusterEvent::Kind::TimelineChanged, QStringLiteral("2"), QStringLiteral("3"))};
        const ScenarioMeasurement measured = ScenarioMeasurement::measure({}, events, RunAnalysis{}, QStringLiteral("patroni1"));
        QVERIFY(measured.failover);
        QCOMPARE(measured.leaders, QStringList{QStringLiteral("patroni1")});
    }

    void compareOccurrences_data()
    {
        QTest::addColumn<ScenarioExpectation::Occurrence>("expected");
        QTest::addColumn<int>("seen");
        QTest::addColumn<bool>("ok");
        using Occurrence = ScenarioExpectation::Occurrence;
        QTest::newRow("expected, seen") << Occurrence::Yes << 3 << true;
        QTest::newRow("expected, missing") << Occurrence::Yes << 0 << false;
        QTest::newRow("not expected, seen") << Occurrence::No << 1 << false;
        QTest::newRow("not expected, none") << Occurrence::No << 0 << true;
        QTest::newRow("possible, seen") << Occurrence::Possible << 5 << true;
        QTest::newRow("possible, none") << Occurrence::Possible << 0 << true;
    }

    void compareOccurrences()
    {
        QFETCH(ScenarioExpectation::Occurrence, expected);
        QFETCH(int, seen);
        QFETCH(bool, ok);
        ScenarioExpectation expect;
        expect.readOnlyErrors = expected;
        ScenarioMeasurement measured;
        measured.readOnlyErrors = seen;
        measured.auditPerformed = true;
        const QList<ExpectationCheck> checks = ScenarioJudge::compare(expect, measured, {}, labTimings());
        const auto readOnly = std::find_if(checks.cbegin(), checks.cend(), [](const ExpectationCheck& check) {
            return check.key == QLatin1StringView("read_only_errors");
        });
        QVERIFY(readOnly != checks.cend());
        QCOMPARE(readOnly->ok, ok);
        QCOMPARE(readOnly->explanation.isEmpty(), ok);
        QVERIFY(readOnly->measured.contains(QString::number(seen)));
    }

    void compareEverything()
    {
        ScenarioExpectation expect;
        expect.failover = true;
        expect.writeOutage = true;
        expect.maxWriteOutageSeconds = 5;
        expect.band = ScenarioBand::LockReleased;
        ScenarioMeasurement measured;
        measured.failover = false;
        measured.leaders = {QStringLiteral("patroni1")};
        measured.writeOutages = 1;
        measured.longestWriteOutageSeconds = 8;
        measured.auditPerformed = false; // the audit could not run: lost writes are not known, so not "as expected"
        QList<FaultAction> faults{fault(10 * Second, QStringLiteral("docker stop x"))};
        const auto bands = ScenarioJudge::bands(expect.band, labTimings(), oneWindow(10, 18, 10.1), faults);
        const QList<ExpectationCheck> checks = ScenarioJudge::compare(expect, measured, bands, labTimings());
        QStringList failed;
        for (const ExpectationCheck& check : checks) {
            if (!check.ok) {
                failed << check.key;
                QVERIFY2(!check.explanation.isEmpty(), qPrintable(check.key));
            }
        }
        QCOMPARE(failed, (QStringList{QStringLiteral("failover"), QStringLiteral("lost_writes"), QStringLiteral("max_write_outage_s")}));
        QCOMPARE(checks.constLast().key, QStringLiteral("band"));
        QVERIFY(checks.constLast().ok);
        QCOMPARE(ScenarioJudge::verdict(true, checks), ScenarioJudge::Verdict::Differs);
        QCOMPARE(ScenarioJudge::verdict(false, checks), ScenarioJudge::Verdict::Incomplete);
        QList<ExpectationCheck> allOk = checks;
        for (ExpectationCheck& check : allOk) {
            check.ok = true;
        }
        QCOMPARE(ScenarioJudge::verdict(true, allOk), ScenarioJudge::Verdict::AsExpected);
    }

    void spreads()
    {
        QList<ScenarioRunResult> results;
        for (const double outage : {7.0, 5.0, 6.0, 9.0}) {
            ScenarioRunResult result;
            result.measured.firstWriteOutageSeconds = outage;
            result.measured.auditPerformed = true;
            results << result;
        }
        results[3].measured.auditPerformed = false; // its lost writes are unknown, not 0
        const auto spreads = ScenarioReport::spreads(results);
        const auto first = std::find_if(spreads.cbegin(), spreads.cend(), [](const auto& s) { return s.key == QLatin1StringView("first_write_outage_s"); });
        QVERIFY(first != spreads.cend());
        QCOMPARE(first->runs, 4);
        QCOMPARE(first->minimum, 5.0);
        QCOMPARE(first->median, 6.5);
        QCOMPARE(first->maximum, 9.0);
        const auto lost = std::find_if(spreads.cbegin(), spreads.cend(), [](const auto& s) { return s.key == QLatin1StringView("lost_writes"); });
        QCOMPARE(lost->runs, 3);
        results.removeLast();
        const auto odd = ScenarioReport::spreads(results);
        QCOMPARE(odd.first().median, 6.0);
        const QJsonObject json = ScenarioReport::repeatJson(results, {QStringLiteral("run-1"), QStringLiteral("run-2"), QStringLiteral("run-3")});
        QCOMPARE(json.value(QStringLiteral("runs")).toArray().size(), 3);
        QCOMPARE(json.value(QStringLiteral("figures")).toObject().value(QStringLiteral("first_write_outage_s")).toObject().value(QStringLiteral("median")).toDouble(), 6.0);
        const QString md = ScenarioReport::repeatMarkdown(results, {QStringLiteral("run-1"), QStringLiteral("run-2"), QStringLiteral("run-3")});
        QVERIFY(md.contains(QStringLiteral("[run-2/report.md](run-2/report.md)")));
        QVERIFY(md.contains(QStringLiteral("| first write outage (s) | 3 | 5 | 6 | 7 |")));
    }

    void markdownReport()
    {
        auto scenario = Scenario::parse(R"({"format": "patroni-lab-scenario/1", "id": "t", "title": {"en": "T | title", "ru": "Т"},
            "explanation": {"en": "Why it happens.", "ru": "Почему."},
            "steps": [{"action": "stop", "target": "leader"}, {"wait": {"seconds": 1}}],
            "expect": {"failover": true, "write_outage": true, "band": "lock_released"}})",
                                        QStringLiteral("t.json"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        ScenarioRunResult result;
        result.scenario = scenario.value();
        result.completed = false;
        result.failure = QStringLiteral("step 2 timed out");
        result.healed = true;
        result.steps = {{QStringLiteral("stop leader"), ScenarioStepRecord::State::Done, Second, 2 * Second, QStringLiteral("docker stop a|b"), {},
                         QStringLiteral("patroni2 streaming, replay lag 0 B")},
                        {QStringLiteral("wait 1 s"), ScenarioStepRecord::State::Failed, 2 * Second, 3 * Second, QStringLiteral("timed out"), {}, {}}};
        result.timings = labTimings();
        StudiedRun run;
        run.analysis = oneWindow(10, 16, 10.1);
        run.run.faults = {fault(10 * Second, QStringLiteral("docker stop --time 10 lab-patroni1"))};
        result.judge({}, {}, run.analysis, run.run.faults);
        QCOMPARE(result.verdict, ScenarioJudge::Verdict::Incomplete);
        const QString md = ScenarioReport::markdown(result, &run);
        QVERIFY(md.startsWith(QStringLiteral("# T | title\n")));
        QVERIFY(md.contains(QStringLiteral("step 2 timed out")));
        QVERIFY(md.contains(QStringLiteral("Why it happens.")));
        QVERIFY(md.contains(QStringLiteral("docker stop a\\|b"))); // a "|" in a cell must not split the table
        QVERIFY(md.contains(QStringLiteral("`docker stop --time 10 lab-patroni1`")));
        QVERIFY(md.contains(QStringLiteral("![timeline of the run](timeline.png)")));
        QVERIFY(md.contains(QStringLiteral("| `band` |")));
        // The replicas when the action started (replica-lag's reason for no promotion).
        QVERIFY(md.contains(QStringLiteral("- step 1: patroni2 streaming, replay lag 0 B\n")));
        QVERIFY(!md.contains(QStringLiteral("- step 2:")));
        result.language = QStringLiteral("ru");
        QVERIFY(ScenarioReport::markdown(result, &run).startsWith(QStringLiteral("# Т\n")));
        const QJsonObject json = result.toJson();
        QCOMPARE(json.value(QStringLiteral("verdict")).toString(), QStringLiteral("incomplete"));
        QCOMPARE(json.value(QStringLiteral("steps")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("expected")).toObject().value(QStringLiteral("band")).toString(), QStringLiteral("lock_released"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioOutcome)
#include "tst_scenariooutcome.moc"
