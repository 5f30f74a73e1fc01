// SPDX-License-Identifier: GPL-3.0-or-later
// The traffic generator, journal and analysis against the real lab while faults are injected.
#include "clientpaths.h"
#include "dockerruntime.h"
#include "journal.h"
#include "labclock.h"
#include "testsupport.h"
#include "trafficrun.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using ErrorClass = OperationRecord::ErrorClass;

class TestTraffic : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<TrafficRun> m_run;
    DockerRuntime m_docker;

    QString leader()
    {
        const LabStatus status = TestSupport::probe(TestSupport::testLab());
        return status.state.leader() ? status.state.leader()->name : QString();
    }

    void startRun()
    {
        const LabDefinition lab = TestSupport::testLab();
        TrafficConfig config;
        config.conninfo = lab.libpqConninfo(lab.primaryPort());
        config.rate = 5;
        config.probeRate = 100;
        m_run = std::make_unique<TrafficRun>(m_journal.get());
        connect(m_run.get(), &TrafficRun::logLine, this, [](const QString& line) {
            if (!line.contains(QStringLiteral("INSERT: ")) && !line.startsWith(QStringLiteral("READ check"))) {
                qInfo().noquote() << line;
            }
        });
        connect(m_run.get(), &TrafficRun::progress, this, [](const QString& message) { qInfo().noquote() << message; });
        const auto started = m_run->start(config, lab.project, {});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsAfter(0) > 50, 15'000);
    }

    // Runs a node action and records it as the run's fault.
    void fault(NodeAction action, const QString& service)
    {
        NodeActionRequest request;
        request.action = action;
        request.container = TestSupport::testLab().containerName(service);
        QSignalSpy done(&m_docker, &DockerRuntime::actionFinished);
        m_docker.run(request);
        QVERIFY(done.wait(60'000));
        const auto result = done.first().at(1).value<ProcessResult>();
        QVERIFY2(result.succeeded(), qPrintable(DockerCli::explainFailure(result)));
        m_run->recordFault(result);
        qInfo().noquote() << "fault:" << result.commandLine();
    }

    int okInsertsAfter(qint64 ns) const
    {
        int count = 0;
        for (const OperationRecord& operation : m_run->operations()) {
            count += operation.kind == OperationRecord::Kind::Insert && operation.ok() && operation.startNs > ns ? 1 : 0;
        }
        return count;
    }

    int okInsertsOnPath(quint8 path, qint64 afterNs = 0) const
    {
        int count = 0;
        for (const OperationRecord& operation : m_run->operations()) {
            count += operation.kind == OperationRecord::Kind::Insert && operation.ok() && operation.path == path
                    && operation.stream == OperationRecord::Stream::Workload && operation.startNs > afterNs
                ? 1
                : 0;
        }
        return count;
    }

    int operationsWith(ErrorClass errorClass) const
    {
        int count = 0;
        for (const OperationRecord& operation : m_run->operations()) {
            count += operation.errorClass == errorClass ? 1 : 0;
        }
        return count;
    }

    RunAnalysis finish()
    {
        QSignalSpy finished(m_run.get(), &TrafficRun::finished);
        m_run->stop();
        [&] { QVERIFY(finished.wait(120'000)); }();
        const RunAnalysis analysis = m_run->analysis();
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            qInfo("write window: %.3f s, %d failed, %d indeterminate, fault %s", window.durationNs() / 1e9,
                  window.failedOperations, window.indeterminateOperations,
                  window.faultIndex ? qPrintable(m_run->faults().at(*window.faultIndex).commandLine) : "(none)");
        }
        qInfo("writes: availability %.2f %%, resolution %.1f ms; audit: %d acknowledged, %d lost, %d ghost, %d duplicates",
              analysis.summary.writes.availabilityPercent.value_or(-1), analysis.summary.writes.resolutionNs / 1e6,
              analysis.summary.audit.acknowledged, analysis.summary.audit.lost, analysis.summary.audit.ghost,
              analysis.summary.audit.duplicates);
        return analysis;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        auto journal = Journal::open(m_directory.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY2(journal.ok(), qPrintable(journal.error()));
        m_journal = std::move(journal.value());
    }

    void cleanup()
    {
        if (m_run && m_run->phase() == TrafficRun::Phase::Running) {
            QSignalSpy finished(m_run.get(), &TrafficRun::finished);
            m_run->stop();
            finished.wait(120'000);
        }
        m_run.reset();
        const QString problem = TestSupport::healLab(TestSupport::testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("the lab did not heal: ") + problem));
    }

    void leaderStopIsOneWindowWithNoLostWrites()
    {
        const QString oldLeader = leader();
        QVERIFY(!oldLeader.isEmpty());
        startRun();
        QTest::qWait(2000);
        fault(NodeAction::Stop, oldLeader);
        const qint64 faultEnd = m_run->faults().last().endNs;
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsAfter(faultEnd) > 300, 90'000); // writes are back for a few seconds
        const RunAnalysis analysis = finish();
        QCOMPARE(analysis.writeWindows.size(), 1);
        const UnavailabilityWindow& window = analysis.writeWindows.first();
        QCOMPARE(window.faultIndex.value_or(-1), 0);
        QVERIFY(!window.errorClasses.isEmpty());
        QVERIFY2(window.durationNs() < 60'000'000'000, "a graceful stop fails over well within a minute");
        QVERIFY2(analysis.summary.audit.performed, qPrintable(m_run->auditError()));
        QCOMPARE(analysis.summary.audit.lost, 0);
        QCOMPARE(analysis.summary.audit.duplicates, 0);
        // The probe measures outage edges to about 10 ms: its successes are that far apart. The resolution (the
        // largest healthy gap) is coarser while only the 5/s workload is connected, right after the failover.
        std::vector<qint64> probeEnds;
        for (const OperationRecord& operation : m_run->operations()) {
            if (operation.stream == OperationRecord::Stream::Probe && operation.ok() && operation.kind == OperationRecord::Kind::Insert) {
                probeEnds.push_back(operation.endNs);
            }
        }
        std::sort(probeEnds.begin(), probeEnds.end());
        std::vector<qint64> gaps;
        for (size_t i = 1; i < probeEnds.size(); ++i) {
            gaps.push_back(probeEnds[i] - probeEnds[i - 1]);
        }
        std::nth_element(gaps.begin(), gaps.begin() + static_cast<qsizetype>(gaps.size() / 2), gaps.end());
        qInfo("probe: median gap between successes %.1f ms", gaps[gaps.size() / 2] / 1e6);
        QVERIFY(gaps[gaps.size() / 2] < 20'000'000);
        QVERIFY(analysis.summary.writes.resolutionNs < 1'000'000'000);

        // Everything reached the journal.
        QVERIFY(m_journal->flush().ok());
        const auto stored = m_journal->loadRun(m_run->runId());
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().operations.size(), m_run->operations().size());
        QCOMPARE(stored.value().faults.size(), 1);
        QVERIFY(!stored.value().events.isEmpty());
        QCOMPARE(stored.value().info.status, RunInfo::Status::Finished);

        // The run carries the cluster's versions and Patroni's timing (the lab runs Patroni 4.0 with its defaults).
        const QJsonObject info = m_run->clusterInfo();
        QVERIFY(info.value(QStringLiteral("versions")).toObject().value(QStringLiteral("patroni")).toString().startsWith(QStringLiteral("4.")));
        QVERIFY(info.value(QStringLiteral("versions")).toObject().value(QStringLiteral("postgresql")).toString().startsWith(QStringLiteral("17.")));
        QCOMPARE(info.value(QStringLiteral("patroni_config")).toObject().value(QStringLiteral("ttl")).toInt(), 30);
        bool stored_info = false;
        for (const StateSnapshot& snapshot : stored.value().snapshots) {
            stored_info = stored_info || snapshot.state.contains(QStringLiteral("cluster_info"));
        }
        QVERIFY(stored_info);
    }

    // Three client paths in one run through a leader stop: HAProxy's port, libpq's multi-host failover and a client
    // pinned to the old leader (ClientPaths).
    void clientPathsSideBySideThroughALeaderStop()
    {
        const LabDefinition lab = TestSupport::testLab();
        const QString oldLeader = leader();
        QVERIFY(!oldLeader.isEmpty());
        const auto pinnedPort = ClientPaths::leaderPort(lab);
        QVERIFY2(pinnedPort.ok(), qPrintable(pinnedPort.error()));
        QCOMPARE(pinnedPort.value(), lab.postgresPort(oldLeader.right(1).toInt())); // libpq found the leader's port

        TrafficConfig config;
        config.conninfo = ClientPaths::conninfo(ClientPath::Haproxy, lab);
        config.extraPaths = {{QStringLiteral("multihost"), ClientPaths::conninfo(ClientPath::Multihost, lab)},
                             {QStringLiteral("pinned"), ClientPaths::conninfo(ClientPath::Pinned, lab, pinnedPort.value())}};
        config.rate = 10;
        m_run = std::make_unique<TrafficRun>(m_journal.get());
        const auto started = m_run->start(config, lab.project, {});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsOnPath(0) >= 10 && okInsertsOnPath(1) >= 10 && okInsertsOnPath(2) >= 10, 20'000);
        // In a healthy cluster every path writes to the leader.
        QSet<quint16> serversBefore;
        for (const OperationRecord& operation : m_run->operations()) {
            if (operation.kind == OperationRecord::Kind::Insert && operation.ok()) {
                QVERIFY(!operation.serverInRecovery);
                serversBefore.insert(operation.server);
            }
        }
        QCOMPARE(serversBefore.size(), 1);

        fault(NodeAction::Stop, oldLeader);
        const qint64 faultEnd = m_run->faults().last().endNs;
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsOnPath(0, faultEnd) >= 30 && okInsertsOnPath(1, faultEnd) >= 30, 90'000);
        finish();

        const QList<TrafficRun::PathAnalysis>& paths = m_run->pathAnalyses();
        QCOMPARE(paths.size(), 3);
        QStringList figures;
        for (const TrafficRun::PathAnalysis& path : paths) {
            const KindSummary& writes = path.analysis.summary.clientWrites;
            QStringList servers;
            for (const auto& [server, count] : path.writesByServer) {
                servers << QStringLiteral("%1 ×%2").arg(server).arg(count);
            }
            figures << QStringLiteral("%1: %2 outage(s), longest %3 s, open at the end: %4; writes on %5; audit %6 "
                                      "acknowledged, %7 lost")
                           .arg(path.name)
                           .arg(writes.outageCount)
                           .arg(double(writes.longestOutageNs) / 1e9, 0, 'f', 2)
                           .arg(!path.analysis.clientWriteWindows.isEmpty() && path.analysis.clientWriteWindows.last().openAtEnd
                                    ? QStringLiteral("yes")
                                    : QStringLiteral("no"),
                                servers.join(QStringLiteral(", ")))
                           .arg(path.analysis.summary.audit.acknowledged)
                           .arg(path.analysis.summary.audit.lost);
        }
        qInfo().noquote() << QStringLiteral("client paths through a leader stop: ") + figures.join(QStringLiteral("; "));
        for (int index : {0, 1}) { // haproxy and multihost fail over: an outage, closed, on two servers, nothing lost
            const TrafficRun::PathAnalysis& path = paths.at(index);
            QVERIFY2(!path.analysis.clientWriteWindows.isEmpty(), qPrintable(path.name));
            QVERIFY2(!path.analysis.clientWriteWindows.last().openAtEnd, qPrintable(path.name));
            QCOMPARE(path.writesByServer.size(), 2);
            QVERIFY(path.analysis.summary.audit.performed);
            QCOMPARE(path.analysis.summary.audit.lost, 0);
        }
        // The pinned client stays with the stopped node: its outage lasts to the end, its writes all went there.
        const TrafficRun::PathAnalysis& pinned = paths.at(2);
        QCOMPARE(pinned.name, QStringLiteral("pinned"));
        QVERIFY(!pinned.analysis.clientWriteWindows.isEmpty());
        QVERIFY(pinned.analysis.clientWriteWindows.last().openAtEnd);
        QCOMPARE(pinned.writesByServer.size(), 1);
        QCOMPARE(pinned.analysis.summary.audit.lost, 0);

        // The journal keeps each operation's path.
        QVERIFY(m_journal->flush().ok());
        const auto stored = m_journal->loadRun(m_run->runId());
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QSet<quint8> storedPaths;
        for (const OperationRecord& operation : stored.value().operations) {
            storedPaths.insert(operation.path);
        }
        QCOMPARE(storedPaths, (QSet<quint8>{0, 1, 2}));
    }

    void leaderKillWaitsForTheTtl()
    {
        const QString oldLeader = leader();
        QVERIFY(!oldLeader.isEmpty());
        startRun();
        QTest::qWait(2000);
        fault(NodeAction::Kill, oldLeader);
        const qint64 faultEnd = m_run->faults().last().endNs;
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsAfter(faultEnd) > 300, 120'000);
        const RunAnalysis analysis = finish();
        QCOMPARE(analysis.writeWindows.size(), 1);
        const double seconds = analysis.writeWindows.first().durationNs() / 1e9;
        // Nobody releases the leader key: it expires after up to ttl (30 s) since the last renewal (every 10 s),
        // then a replica promotes and HAProxy needs rise 2 x 3 s: about 20-40 s.
        QVERIFY2(seconds > 10 && seconds < 60, qPrintable(QString::number(seconds)));
        QCOMPARE(analysis.writeWindows.first().faultIndex.value_or(-1), 0);
        QVERIFY2(analysis.summary.audit.performed, qPrintable(m_run->auditError()));
    }

    void etcdQuorumLossMakesTheClusterReadOnly()
    {
        startRun();
        QTest::qWait(2000);
        fault(NodeAction::Stop, QStringLiteral("etcd1"));
        fault(NodeAction::Stop, QStringLiteral("etcd2"));
        // Patroni demotes the leader when it cannot reach the DCS (retry_timeout 10 s): writes hit a read-only server.
        QTRY_VERIFY_WITH_TIMEOUT(operationsWith(ErrorClass::ReadOnly) > 0, 60'000);
        fault(NodeAction::Start, QStringLiteral("etcd1"));
        const qint64 restored = m_run->faults().last().endNs;
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsAfter(restored) > 100, 120'000);
        const RunAnalysis analysis = finish();
        QVERIFY(!analysis.writeWindows.isEmpty());
        bool readOnlyWindow = false;
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            readOnlyWindow = readOnlyWindow || window.errorClasses.contains(ErrorClass::ReadOnly);
        }
        QVERIFY(readOnlyWindow);
        QVERIFY2(analysis.summary.audit.performed, qPrintable(m_run->auditError()));
        QCOMPARE(analysis.summary.audit.lost, 0);
    }

    void pausedLeaderHitsTheDeadlineAndTheGeneratorRecovers()
    {
        const QString oldLeader = leader();
        QVERIFY(!oldLeader.isEmpty());
        startRun();
        QTest::qWait(2000);
        fault(NodeAction::Pause, oldLeader);
        QTRY_VERIFY_WITH_TIMEOUT(operationsWith(ErrorClass::DeadlineExceeded) > 0, 15'000);
        // The generator is not stuck: it keeps recording operations while the leader is frozen, and none of them
        // takes much longer than the 2 s deadline.
        const auto recorded = m_run->operations().size();
        QTRY_VERIFY_WITH_TIMEOUT(m_run->operations().size() > recorded + 4, 10'000);
        QTest::qWait(5000);
        for (const OperationRecord& operation : m_run->operations()) {
            QVERIFY2(operation.endNs - operation.startNs < 2'600'000'000, qPrintable(OperationRecord::kindName(operation.kind)));
        }
        fault(NodeAction::Unpause, oldLeader);
        const qint64 unpaused = m_run->faults().last().endNs;
        QTRY_VERIFY_WITH_TIMEOUT(okInsertsAfter(unpaused) > 300, 120'000);
        const RunAnalysis analysis = finish();
        QVERIFY(!analysis.writeWindows.isEmpty());
        QVERIFY(analysis.writeWindows.first().errorClasses.contains(ErrorClass::DeadlineExceeded));
        QCOMPARE(analysis.writeWindows.first().faultIndex.value_or(-1), 0);
    }
};

QTEST_GUILESS_MAIN(TestTraffic)
#include "tst_traffic.moc"
