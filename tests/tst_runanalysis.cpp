// SPDX-License-Identifier: GPL-3.0-or-later
// Outage windows, summary, write audit and export of a traffic run, on small synthetic histories (times in ms).
#include "runanalysis.h"
#include "runexport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <ctime>
#include <random>

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using SequenceCounts = QHash<qint64, int>;

namespace {

constexpr qint64 Ms = 1'000'000;

OperationRecord op(Kind kind, Outcome outcome, qint64 startMs, qint64 endMs, ErrorClass errorClass, quint16 connection,
                   qint64 sequence = 0)
{
    OperationRecord record;
    record.kind = kind;
    record.outcome = outcome;
    record.startNs = startMs * Ms;
    record.endNs = endMs * Ms;
    record.errorClass = errorClass;
    record.connection = connection;
    record.sequence = sequence;
    return record;
}

OperationRecord insertOk(qint64 startMs, qint64 endMs, quint16 connection = 0, qint64 sequence = 0)
{
    return op(Kind::Insert, Outcome::Ok, startMs, endMs, ErrorClass::None, connection, sequence);
}
OperationRecord insertFailed(qint64 startMs, qint64 endMs, ErrorClass errorClass = ErrorClass::ConnectionRefused,
                             quint16 connection = 0, qint64 sequence = 0)
{
    return op(Kind::Insert, Outcome::Failed, startMs, endMs, errorClass, connection, sequence);
}
OperationRecord insertUnknown(qint64 startMs, qint64 endMs, quint16 connection = 0, qint64 sequence = 0)
{
    return op(Kind::Insert, Outcome::Indeterminate, startMs, endMs, ErrorClass::ConnectionLost, connection, sequence);
}
OperationRecord readOk(qint64 startMs, qint64 endMs, quint16 connection = 0)
{
    return op(Kind::Read, Outcome::Ok, startMs, endMs, ErrorClass::None, connection);
}
OperationRecord readFailed(qint64 startMs, qint64 endMs, ErrorClass errorClass = ErrorClass::ConnectionRefused,
                           quint16 connection = 0)
{
    return op(Kind::Read, Outcome::Failed, startMs, endMs, errorClass, connection);
}
OperationRecord connectOk(qint64 startMs, qint64 endMs, quint16 connection = 0)
{
    return op(Kind::Connect, Outcome::Ok, startMs, endMs, ErrorClass::None, connection);
}
OperationRecord connectFailed(qint64 startMs, qint64 endMs, quint16 connection = 0)
{
    return op(Kind::Connect, Outcome::Failed, startMs, endMs, ErrorClass::ConnectionRefused, connection);
}

FaultAction fault(qint64 startMs, const QString& commandLine = QStringLiteral("docker stop demo-patroni1"))
{
    FaultAction action;
    action.startNs = startMs * Ms;
    action.endNs = action.startNs + 1500 * 1000;
    action.commandLine = commandLine;
    return action;
}

ClusterEvent clusterEvent(ClusterEvent::Kind kind, qint64 timeMs, const char* from = "patroni1", const char* to = "patroni3")
{
    ClusterEvent event;
    event.kind = kind;
    event.timeNs = timeMs * Ms;
    event.from = QString::fromLatin1(from);
    event.to = QString::fromLatin1(to);
    return event;
}

std::vector<OperationRecord> toVector(const QList<OperationRecord>& operations)
{
    return {operations.cbegin(), operations.cend()};
}

RunAnalysis analyzeMs(const QList<OperationRecord>& operations, qint64 runEndMs, const QList<FaultAction>& faults = {},
                      const QList<ClusterEvent>& events = {})
{
    return RunAnalyzer::analyze(toVector(operations), faults, events, 0, runEndMs * Ms);
}

QString ms(qint64 ns)
{
    return ns % Ms == 0 ? QString::number(ns / Ms) : QString::number(double(ns) / Ms, 'f', 6);
}

QStringList describe(const QList<UnavailabilityWindow>& windows)
{
    QStringList lines;
    for (const UnavailabilityWindow& window : windows) {
        QString line = RunAnalyzer::windowKindName(window.kind) + u' ' + ms(window.startNs) + QStringLiteral("..")
            + ms(window.endNs) + QStringLiteral(" first ") + ms(window.firstFailureNs) + QStringLiteral(" failed ")
            + QString::number(window.failedOperations) + QStringLiteral(" indeterminate ")
            + QString::number(window.indeterminateOperations) + QStringLiteral(" classes ")
            + RunExport::errorClassesText(window.errorClasses);
        if (window.openAtStart) {
            line += QStringLiteral(" open at start");
        }
        if (window.openAtEnd) {
            line += QStringLiteral(" open at end");
        }
        lines << line;
    }
    return lines;
}

QList<int> faultIndexes(const QList<UnavailabilityWindow>& windows)
{
    QList<int> indexes;
    for (const UnavailabilityWindow& window : windows) {
        indexes << window.faultIndex.value_or(-1);
    }
    return indexes;
}

QString readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("(cannot read %1)").arg(path);
    }
    return QString::fromUtf8(file.readAll());
}

// Two windows of writes: 5..205 (first failure 100, seen at 120) and 205..405 (first failure 300, seen at 310).
QList<OperationRecord> twoWriteOutages()
{
    return {insertOk(0, 5),        insertFailed(100, 120), insertOk(200, 205),
            insertFailed(300, 310), insertOk(400, 405)};
}

} // namespace

class TestRunAnalysis : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // A fixed zone without tzdata (POSIX rule: UTC+3) so that wall times in the CSV are exact.
        qputenv("TZ", "MSK-3");
        tzset();
    }

    void windows_data()
    {
        QTest::addColumn<QList<OperationRecord>>("operations");
        QTest::addColumn<qint64>("runEndMs");
        QTest::addColumn<QStringList>("writeWindows");
        QTest::addColumn<QStringList>("readWindows");

        QTest::newRow("outage at the start")
            << QList{insertFailed(0, 5), insertFailed(10, 15), insertOk(20, 25), insertOk(30, 35)} << qint64(1000)
            << QStringList{QStringLiteral("write 0..25 first 0 failed 2 indeterminate 0 classes connection_refused:2 open at start")}
            << QStringList{};
        QTest::newRow("outage at the end")
            << QList{insertOk(0, 5), insertOk(10, 15), insertFailed(20, 22, ErrorClass::ShuttingDown), insertFailed(30, 32)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 15..1000 first 20 failed 2 indeterminate 0 classes "
                                          "connection_refused:1;shutting_down:1 open at end")}
            << QStringList{};
        QTest::newRow("down for the whole run")
            << QList{insertFailed(100, 110), readFailed(200, 210)} << qint64(1000)
            << QStringList{QStringLiteral("write 0..1000 first 100 failed 1 indeterminate 0 classes connection_refused:1 "
                                          "open at start open at end")}
            << QStringList{QStringLiteral("read 0..1000 first 200 failed 1 indeterminate 0 classes connection_refused:1 "
                                          "open at start open at end")};
        QTest::newRow("single failed operation")
            << QList{insertOk(0, 5), insertFailed(10, 12, ErrorClass::ReadOnly), insertOk(20, 25)} << qint64(1000)
            << QStringList{QStringLiteral("write 5..25 first 10 failed 1 indeterminate 0 classes read_only:1")}
            << QStringList{};
        QTest::newRow("indeterminate write counted in the window")
            << QList{insertOk(0, 5), insertUnknown(10, 30), insertFailed(40, 41), insertOk(50, 55)} << qint64(1000)
            << QStringList{QStringLiteral("write 5..55 first 10 failed 1 indeterminate 1 classes "
                                          "connection_refused:1;connection_lost:1")}
            << QStringList{};
        QTest::newRow("failed connect is a write outage, an ok connect ends nothing")
            << QList{insertOk(0, 5), connectFailed(10, 11), connectOk(20, 21), insertOk(30, 35)} << qint64(1000)
            << QStringList{QStringLiteral("write 5..35 first 10 failed 1 indeterminate 0 classes connection_refused:1")}
            << QStringList{};
        QTest::newRow("failed connect of a reading connection is a read outage")
            << QList{insertOk(0, 5, 1), readOk(0, 6, 2), connectFailed(10, 11, 2), readOk(20, 21, 2), insertOk(30, 31, 1)}
            << qint64(1000) << QStringList{}
            << QStringList{QStringLiteral("read 6..21 first 10 failed 1 indeterminate 0 classes connection_refused:1")};
        QTest::newRow("read-only node: reads go on, writes fail")
            << QList{insertOk(0, 5), connectOk(10, 11), insertFailed(12, 13, ErrorClass::ReadOnly), readOk(14, 15),
                     insertOk(40, 45)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 5..45 first 12 failed 1 indeterminate 0 classes read_only:1")}
            << QStringList{};
        QTest::newRow("interleaved reads and writes: independent windows")
            << QList{insertOk(0, 5),
                     readOk(10, 12),
                     insertFailed(20, 22, ErrorClass::ReadOnly),
                     readOk(30, 32),
                     readFailed(40, 41),
                     insertFailed(50, 52, ErrorClass::ReadOnly),
                     readOk(60, 62),
                     insertOk(70, 75)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 5..75 first 20 failed 2 indeterminate 0 classes read_only:2")}
            << QStringList{QStringLiteral("read 32..62 first 40 failed 1 indeterminate 0 classes connection_refused:1")};
        QTest::newRow("concurrent: a success ending after the failure started closes the window")
            << QList{insertOk(0, 5, 1), insertFailed(10, 50, ErrorClass::DeadlineExceeded, 2), insertOk(8, 20, 1),
                     insertOk(21, 25, 1), insertOk(26, 30, 1), insertOk(31, 35, 1)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 5..20 first 10 failed 1 indeterminate 0 classes deadline_exceeded:1")}
            << QStringList{};
        QTest::newRow("concurrent: a success ending as the failure starts precedes it")
            << QList{insertOk(0, 10, 1), insertFailed(10, 12, ErrorClass::ConnectionRefused, 2), insertOk(30, 35, 1)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 10..35 first 10 failed 1 indeterminate 0 classes connection_refused:1")}
            << QStringList{};
        QTest::newRow("concurrent: failure during a long success")
            << QList{insertFailed(20, 30, ErrorClass::ConnectionRefused, 2), insertOk(0, 100, 1)} << qint64(1000)
            << QStringList{QStringLiteral("write 0..100 first 20 failed 1 indeterminate 0 classes connection_refused:1 "
                                          "open at start")}
            << QStringList{};
        QTest::newRow("concurrent: a failure starting after the close opens a new window")
            << QList{insertOk(0, 5, 1), insertFailed(10, 40, ErrorClass::ConnectionRefused, 2), insertOk(12, 20, 1),
                     insertFailed(25, 26, ErrorClass::ConnectionRefused, 1), insertOk(30, 31, 3)}
            << qint64(1000)
            << QStringList{QStringLiteral("write 5..20 first 10 failed 1 indeterminate 0 classes connection_refused:1"),
                           QStringLiteral("write 20..31 first 25 failed 1 indeterminate 0 classes connection_refused:1")}
            << QStringList{};
    }
    void windows()
    {
        QFETCH(QList<OperationRecord>, operations);
        QFETCH(qint64, runEndMs);
        QFETCH(QStringList, writeWindows);
        QFETCH(QStringList, readWindows);
        const RunAnalysis analysis = analyzeMs(operations, runEndMs);
        QCOMPARE(describe(analysis.writeWindows), writeWindows);
        QCOMPARE(describe(analysis.readWindows), readWindows);
        QCOMPARE(analysis.summary.writes.outageCount, writeWindows.size());
        QCOMPARE(analysis.summary.reads.outageCount, readWindows.size());
    }

    void emptyRun()
    {
        const RunAnalysis empty = RunAnalyzer::analyze({}, {}, {}, 0, 0);
        QVERIFY(empty.writeWindows.isEmpty());
        QVERIFY(empty.readWindows.isEmpty());
        QCOMPARE(empty.summary.writes.operations, 0);
        QVERIFY(!empty.summary.writes.availabilityPercent.has_value());
        QCOMPARE(empty.summary.writes.resolutionNs, 0);
        // A run with a duration but no operation measured nothing either: no availability, not 100 %.
        const RunAnalysis idle = RunAnalyzer::analyze({}, {fault(10)}, {clusterEvent(ClusterEvent::Kind::LeaderChanged, 20)}, 0,
                                                      1000 * Ms);
        QVERIFY(idle.writeWindows.isEmpty());
        QVERIFY(!idle.summary.reads.availabilityPercent.has_value());
        QCOMPARE(idle.summary.durationNs(), 1000 * Ms);
    }

    void countsPerKind()
    {
        // Connection 0 runs inserts and reads, 7 only reads, 9 never got anywhere.
        const RunAnalysis analysis = analyzeMs({insertOk(0, 1), insertUnknown(2, 3), insertFailed(4, 5), readOk(6, 7),
                                                readFailed(8, 9), connectOk(10, 11), connectFailed(12, 13),
                                                readOk(14, 15, 7), connectFailed(16, 17, 7), connectFailed(18, 19, 9)},
                                               100);
        const KindSummary& writes = analysis.summary.writes;
        QCOMPARE(writes.operations, 3);
        QCOMPARE(writes.ok, 1);
        QCOMPARE(writes.failed, 1);
        QCOMPARE(writes.indeterminate, 1);
        QCOMPARE(writes.failedConnects, 2);
        const KindSummary& reads = analysis.summary.reads;
        QCOMPARE(reads.operations, 3);
        QCOMPARE(reads.ok, 2);
        QCOMPARE(reads.failed, 1);
        QCOMPARE(reads.indeterminate, 0);
        QCOMPARE(reads.failedConnects, 3);
    }

    void faultAttribution_data()
    {
        QTest::addColumn<QList<qint64>>("faultStartsMs");
        QTest::addColumn<QList<int>>("expected"); // per write window, -1: none
        QTest::newRow("the last fault before each window") << QList<qint64>{50, 80, 250} << QList<int>{1, 2};
        QTest::newRow("a fault after the failure was seen is not its cause") << QList<qint64>{130} << QList<int>{-1, -1};
        QTest::newRow("a fault started while the first failed op was in flight") << QList<qint64>{110} << QList<int>{0, -1};
        QTest::newRow("a fault before the previous window stays with it") << QList<qint64>{90} << QList<int>{0, -1};
        QTest::newRow("a fault between the windows") << QList<qint64>{220} << QList<int>{-1, 0};
        QTest::newRow("faults in any order") << QList<qint64>{250, 50} << QList<int>{1, 0};
        QTest::newRow("no faults") << QList<qint64>{} << QList<int>{-1, -1};
    }
    void faultAttribution()
    {
        QFETCH(QList<qint64>, faultStartsMs);
        QFETCH(QList<int>, expected);
        QList<FaultAction> faults;
        for (const qint64 startMs : faultStartsMs) {
            faults << fault(startMs);
        }
        const RunAnalysis analysis = analyzeMs(twoWriteOutages(), 1000, faults);
        QCOMPARE(describe(analysis.writeWindows),
                 (QStringList{QStringLiteral("write 5..205 first 100 failed 1 indeterminate 0 classes connection_refused:1"),
                              QStringLiteral("write 205..405 first 300 failed 1 indeterminate 0 classes connection_refused:1")}));
        QCOMPARE(analysis.writeWindows.at(0).firstFailureSeenNs, 120 * Ms);
        QCOMPARE(faultIndexes(analysis.writeWindows), expected);
    }

    // HAProxy's UP and DOWN events of its writes listener, as "up primary/patroni3 150" (ms), against the two write
    // windows 5..205 and 205..405: where each window's balanced stretch starts (0: none).
    void balancedStretch_data()
    {
        QTest::addColumn<QStringList>("changes");
        QTest::addColumn<QList<qint64>>("balancedFromMs");
        QTest::addColumn<QString>("sentence"); // part of the first window's description
        QTest::newRow("new leader UP while the old one is still UP")
            << QStringList{QStringLiteral("up primary/patroni3 150"), QStringLiteral("down primary/patroni1 1000")} << QList<qint64>{150, 0}
            << QStringLiteral("HAProxy counted patroni3 UP while it still counted patroni1 UP, which did not answer");
        QTest::newRow("old leader DOWN first: nothing balanced")
            << QStringList{QStringLiteral("down primary/patroni1 100"), QStringLiteral("up primary/patroni3 150")} << QList<qint64>{0, 0}
            << QString();
        QTest::newRow("the replicas listener is not for writes")
            << QStringList{QStringLiteral("up replicas/patroni3 150"), QStringLiteral("down replicas/patroni1 300")} << QList<qint64>{0, 0}
            << QString();
        QTest::newRow("an older demo's master listener")
            << QStringList{QStringLiteral("up master/patroni3 150"), QStringLiteral("down master/patroni1 210")} << QList<qint64>{150, 0}
            << QStringLiteral("counted patroni3 UP while it still counted patroni1 UP");
        QTest::newRow("the old leader marked DOWN long after the outage")
            << QStringList{QStringLiteral("up primary/patroni3 350"), QStringLiteral("down primary/patroni1 12000")} << QList<qint64>{0, 350}
            << QString();
        QTest::newRow("the other server came UP later: it was DOWN then")
            << QStringList{QStringLiteral("up primary/patroni3 150"), QStringLiteral("up primary/patroni1 170"),
                           QStringLiteral("down primary/patroni1 300")} << QList<qint64>{0, 0}
            << QString();
        QTest::newRow("the same server DOWN again")
            << QStringList{QStringLiteral("up primary/patroni3 150"), QStringLiteral("down primary/patroni3 180")} << QList<qint64>{0, 0}
            << QString();
        QTest::newRow("UP before the window started")
            << QStringList{QStringLiteral("up primary/patroni3 2"), QStringLiteral("down primary/patroni1 100")} << QList<qint64>{0, 0}
            << QString();
    }
    void balancedStretch()
    {
        QFETCH(QStringList, changes);
        QFETCH(QList<qint64>, balancedFromMs);
        QFETCH(QString, sentence);
        QList<ClusterEvent> events;
        for (const QString& change : changes) {
            const QStringList words = change.split(u' ');
            ClusterEvent event = clusterEvent(words.at(0) == QLatin1StringView("up") ? ClusterEvent::Kind::HaproxyBackendUp
                                                                                      : ClusterEvent::Kind::HaproxyBackendDown,
                                              words.at(2).toLongLong());
            event.subject = words.at(1);
            events << event;
        }
        const RunAnalysis analysis = analyzeMs(twoWriteOutages(), 1000, {}, events);
        QCOMPARE(analysis.writeWindows.size(), 2);
        QList<qint64> found;
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            found << window.balancedFromNs / Ms;
        }
        QCOMPARE(found, balancedFromMs);
        const QString described = RunAnalyzer::describeBalanced(analysis.writeWindows.first());
        QVERIFY2(sentence.isEmpty() ? described.isEmpty() : described.contains(sentence), qPrintable(described));
        RunAnalysis direct = analysis; // a client path that does not go through HAProxy
        RunAnalyzer::forgetBalanced(direct);
        QVERIFY(RunAnalyzer::describeBalanced(direct.writeWindows.first()).isEmpty());
        QCOMPARE(direct.writeWindows.last().balancedFromNs, 0);
        for (const UnavailabilityWindow& window : analysis.readWindows) {
            QCOMPARE(window.balancedFromNs, 0); // reads go through the replicas listener
        }
    }

    void leaderAndTimelineEvents()
    {
        using EventKind = ClusterEvent::Kind;
        const QList<ClusterEvent> events{
            clusterEvent(EventKind::LeaderChanged, 3),       // 0: before the first window
            clusterEvent(EventKind::MemberStateChanged, 50), // 1: not a leader or timeline change
            clusterEvent(EventKind::LeaderChanged, 60),      // 2: inside the first window
            clusterEvent(EventKind::TimelineChanged, 205, "1", "2"), // 3: the end of the first, the start of the second
            clusterEvent(EventKind::LeaderChanged, 500),     // 4: after both
        };
        const RunAnalysis analysis = analyzeMs(twoWriteOutages(), 1000, {}, events);
        QCOMPARE(analysis.writeWindows.size(), 2);
        QCOMPARE(analysis.writeWindows.at(0).eventIndexes, (QList<int>{2, 3}));
        QCOMPARE(analysis.writeWindows.at(1).eventIndexes, (QList<int>{3}));
    }

    void resolutionFromHealthyGapsOnly()
    {
        // Write successes end at 5, 15, 50, 55 | window 55..305 | 305, 312: healthy gaps 10, 35, 5, 7.
        const RunAnalysis analysis = analyzeMs({insertOk(0, 5), insertOk(10, 15), insertOk(20, 50), readOk(0, 1),
                                                insertOk(52, 55), insertFailed(60, 61), insertOk(300, 305),
                                                readOk(100, 101), insertOk(310, 312)},
                                               1000);
        QCOMPARE(analysis.writeWindows.size(), 1);
        QCOMPARE(analysis.writeWindows.at(0).durationNs(), 250 * Ms);
        QCOMPARE(analysis.summary.writes.resolutionNs, 35 * Ms);
        QCOMPARE(analysis.summary.reads.resolutionNs, 100 * Ms);
    }

    void availability()
    {
        // Windows 100..350 and 550..650 in a 1 s run.
        const RunAnalysis analysis = analyzeMs({insertOk(0, 100), insertFailed(150, 151), insertOk(300, 350),
                                                insertOk(500, 550), insertFailed(600, 601), insertOk(640, 650)},
                                               1000);
        const KindSummary& writes = analysis.summary.writes;
        QCOMPARE(writes.outageCount, 2);
        QCOMPARE(writes.totalOutageNs, 350 * Ms);
        QCOMPARE(writes.longestOutageNs, 250 * Ms);
        QVERIFY(writes.availabilityPercent.has_value());
        QCOMPARE(*writes.availabilityPercent, 65.0);
        QVERIFY(!analysis.summary.reads.availabilityPercent.has_value()); // no read was made

        const RunAnalysis healthy = analyzeMs({readOk(0, 1), readOk(10, 11)}, 1000);
        QCOMPARE(healthy.summary.reads.availabilityPercent.value_or(-1), 100.0);
        QCOMPARE(analyzeMs({readFailed(0, 1)}, 1000).summary.reads.availabilityPercent.value_or(-1), 0.0);
    }

    // The result must not depend on the order the records arrive in.
    void orderIndependent()
    {
        std::mt19937 random(7);
        std::vector<OperationRecord> operations;
        qint64 timeMs = 0;
        for (int i = 0; i < 20'000; ++i) {
            timeMs += 1 + random() % 5;
            const bool outage = (timeMs / 3000) % 4 == 3; // a quarter of every 12 s
            const auto connection = static_cast<quint16>(random() % 4);
            const qint64 endMs = timeMs + 1 + random() % 30;
            const bool readOutage = outage && timeMs % 3000 < 1000;
            switch (random() % 3) {
            case 0:
                operations.push_back(outage ? insertFailed(timeMs, endMs, ErrorClass::ConnectionLost, connection)
                                            : insertOk(timeMs, endMs, connection));
                break;
            case 1:
                operations.push_back(readOutage ? readFailed(timeMs, endMs, ErrorClass::ShuttingDown, connection)
                                                : readOk(timeMs, endMs, connection));
                break;
            default:
                operations.push_back(outage ? connectFailed(timeMs, endMs, connection)
                                            : connectOk(timeMs, endMs, connection));
            }
        }
        const QList<FaultAction> faults{fault(8990), fault(20990)};
        const RunAnalysis inOrder = RunAnalyzer::analyze(operations, faults, {}, 0, (timeMs + 100) * Ms);
        std::shuffle(operations.begin(), operations.end(), random);
        const RunAnalysis shuffled = RunAnalyzer::analyze(operations, faults, {}, 0, (timeMs + 100) * Ms);
        QVERIFY(inOrder.writeWindows.size() >= 4);
        QVERIFY(inOrder.readWindows.size() >= 4);
        QCOMPARE(describe(shuffled.writeWindows), describe(inOrder.writeWindows));
        QCOMPARE(describe(shuffled.readWindows), describe(inOrder.readWindows));
        QCOMPARE(faultIndexes(shuffled.writeWindows), faultIndexes(inOrder.writeWindows));
        QCOMPARE(inOrder.writeWindows.first().faultIndex.value_or(-1), 0);
        QCOMPARE(shuffled.summary.writes.resolutionNs, inOrder.summary.writes.resolutionNs);
        QCOMPARE(shuffled.summary.reads.totalOutageNs, inOrder.summary.reads.totalOutageNs);
    }

    void audit_data()
    {
        QTest::addColumn<SequenceCounts>("present");
        QTest::addColumn<QList<qint64>>("lost");
        QTest::addColumn<QList<qint64>>("ghost");
        QTest::addColumn<int>("ghostIndeterminate");
        QTest::addColumn<QList<qint64>>("duplicates");
        // Acknowledged: 1, 2, 6. Failed: 3. Indeterminate: 4, 5.
        QTest::newRow("clean") << SequenceCounts{{1, 1}, {2, 1}, {6, 1}} << QList<qint64>{} << QList<qint64>{} << 0
                               << QList<qint64>{};
        QTest::newRow("indeterminate commit found") << SequenceCounts{{1, 1}, {2, 1}, {5, 1}, {6, 1}} << QList<qint64>{}
                                                    << QList<qint64>{5} << 1 << QList<qint64>{};
        QTest::newRow("lost, ghost and duplicates")
            << SequenceCounts{{2, 1}, {3, 1}, {4, 1}, {6, 2}, {99, 3}} << QList<qint64>{1} << QList<qint64>{3, 4} << 1
            << QList<qint64>{6, 99};
        QTest::newRow("table empty") << SequenceCounts{} << QList<qint64>{1, 2, 6} << QList<qint64>{} << 0
                                     << QList<qint64>{};
    }
    void audit()
    {
        QFETCH(SequenceCounts, present);
        QFETCH(QList<qint64>, lost);
        QFETCH(QList<qint64>, ghost);
        QFETCH(int, ghostIndeterminate);
        QFETCH(QList<qint64>, duplicates);
        const std::vector<OperationRecord> operations{
            insertOk(0, 1, 0, 1),   insertOk(2, 3, 0, 2),   insertFailed(4, 5, ErrorClass::ReadOnly, 0, 3),
            insertUnknown(6, 7, 0, 4), insertUnknown(8, 9, 0, 5), insertOk(10, 11, 0, 6),
            readOk(12, 13),         connectOk(14, 15)};
        const WriteAudit audit = RunAnalyzer::auditWrites(operations, present);
        QVERIFY(audit.performed);
        QCOMPARE(audit.acknowledged, 3);
        QCOMPARE(audit.lostSequences, lost);
        QCOMPARE(audit.lost, lost.size());
        QCOMPARE(audit.ghostSequences, ghost);
        QCOMPARE(audit.ghost, ghost.size());
        QCOMPARE(audit.ghostIndeterminate, ghostIndeterminate);
        QCOMPARE(audit.duplicateSequences, duplicates);
        QCOMPARE(audit.duplicates, duplicates.size());
    }

    // Client paths in one run (TrafficConfig::extraPaths): the main analysis sees only path 0, each path its own
    // workload, and the audit counts one path's inserts.
    void clientPathsAreAnalysedApart()
    {
        const auto onPath = [](OperationRecord operation, quint8 path) {
            operation.path = path;
            return operation;
        };
        const std::vector<OperationRecord> operations{
            insertOk(0, 5, 0, 1),
            onPath(insertOk(0, 5, 1, 2), 1),
            onPath(insertFailed(100, 102, ErrorClass::ConnectionRefused, 2, 3), 2), // pinned: its node is gone
            insertFailed(100, 120, ErrorClass::ConnectionLost, 0, 4),
            onPath(insertFailed(110, 115, ErrorClass::ConnectionRefused, 1, 5), 1),
            insertOk(200, 205, 0, 6),
            onPath(insertOk(300, 305, 1, 7), 1),
            onPath(insertFailed(400, 402, ErrorClass::ReadOnly, 2, 8), 2),
        };
        const RunAnalysis main = RunAnalyzer::analyze(operations, {}, {}, 0, 1000 * Ms);
        QCOMPARE(describe(main.writeWindows),
                 QStringList{QStringLiteral("write 5..205 first 100 failed 1 indeterminate 0 classes connection_lost:1")});
        QCOMPARE(main.summary.writes.operations, 3);

        const RunAnalysis multihost = RunAnalyzer::analyzePath(operations, 1, {}, {}, 0, 1000 * Ms);
        QCOMPARE(describe(multihost.writeWindows),
                 QStringList{QStringLiteral("write 5..305 first 110 failed 1 indeterminate 0 classes connection_refused:1")});
        QCOMPARE(describe(multihost.clientWriteWindows), describe(multihost.writeWindows)); // no probe on a path

        const RunAnalysis pinned = RunAnalyzer::analyzePath(operations, 2, {}, {}, 0, 1000 * Ms);
        QCOMPARE(describe(pinned.writeWindows),
                 QStringList{QStringLiteral("write 0..1000 first 100 failed 2 indeterminate 0 classes "
                                            "connection_refused:1;read_only:1 open at start open at end")});

        const SequenceCounts present{{1, 1}, {2, 1}, {6, 1}, {7, 1}, {8, 1}};
        QCOMPARE(RunAnalyzer::auditWrites(operations, present).acknowledged, 2);
        std::vector<OperationRecord> withProbe = operations;
        withProbe.push_back(insertOk(500, 505, 9, 9));
        withProbe.back().stream = OperationRecord::Stream::Probe;
        QCOMPARE(RunAnalyzer::auditWrites(withProbe, present).acknowledged, 3);
        QCOMPARE(RunAnalyzer::auditWrites(withProbe, present, 0, true).acknowledged, 2); // the workload's alone
        const WriteAudit pinnedAudit = RunAnalyzer::auditWrites(operations, present, 2);
        QCOMPARE(pinnedAudit.acknowledged, 0);
        QCOMPARE(pinnedAudit.ghostSequences, QList<qint64>{8}); // refused, yet in the table: the audit says so
    }

    void csvField_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << QStringLiteral("127.0.0.1:5500") << QStringLiteral("127.0.0.1:5500");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("Cyrillic alone needs no quotes") << QStringLiteral("Алексей Козлов") << QStringLiteral("Алексей Козлов");
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("everything") << QStringLiteral("Алексей \"Козлов\", a\nb") << QStringLiteral("\"Алексей \"\"Козлов\"\", a\nb\"");
    }
    void csvField()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(RunExport::csvField(text), field);
    }

    void exportFiles()
    {
        StringTable strings;
        const quint32 server = strings.intern(QStringLiteral("127.0.0.1:5500"));
        const quint32 error = strings.intern(QStringLiteral("23514: new row for \"events\", user Алексей Козлов\nDETAIL: x"));
        std::vector<OperationRecord> operations{insertOk(0, 5, 0, 1), insertFailed(10, 12, ErrorClass::Other, 3, 2),
                                                insertUnknown(11, 30, 4, 3), insertOk(40, 45, 0, 4), readOk(50, 51)};
        operations[0].wallMs = 1'700'000'000'123; // 2023-11-14T22:13:20.123Z
        operations[0].stream = OperationRecord::Stream::Probe;
        operations[0].returnedId = 101;
        operations[0].server = server;
        operations[1].error = error;
        operations[4].serverInRecovery = true;
        const QList<FaultAction> faults{fault(8)};
        const QList<ClusterEvent> events{clusterEvent(ClusterEvent::Kind::LeaderChanged, 20)};
        RunAnalysis analysis = RunAnalyzer::analyze(operations, faults, events, 0, 100 * Ms);
        analysis.summary.audit = RunAnalyzer::auditWrites(operations, {{1, 1}, {3, 1}, {4, 1}});
        const QJsonObject context{{QStringLiteral("traffic"), QJsonObject{{QStringLiteral("rate"), 1}}},
                                  {QStringLiteral("lab_version"), QStringLiteral("0.1.0")}};

        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString folder = directory.filePath(QStringLiteral("run-1/export")); // created on the way
        const auto written = RunExport::writeAll(folder, {operations, strings, faults, events, analysis, context, {}});
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QStringList names;
        for (const QString& path : written.value()) {
            QVERIFY2(QFile::exists(path), qPrintable(path));
            names << path.mid(folder.size() + 1);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("operations.csv"), QStringLiteral("events.csv"),
                                     QStringLiteral("faults.csv"), QStringLiteral("windows.csv"),
                                     QStringLiteral("summary.json")}));

        QCOMPARE(readText(folder + QStringLiteral("/operations.csv")),
                 QStringLiteral("start_ns,end_ns,wall_time,kind,outcome,error_class,stream,connection,sequence,"
                                "returned_id,server,server_in_recovery,error,path\n"
                                "0,5000000,2023-11-15T01:13:20.123+03:00,insert,ok,,probe,0,1,101,127.0.0.1:5500,false,,0\n"
                                "10000000,12000000,,insert,failed,other,workload,3,2,0,,false,"
                                "\"23514: new row for \"\"events\"\", user Алексей Козлов\nDETAIL: x\",0\n"
                                "11000000,30000000,,insert,indeterminate,connection_lost,workload,4,3,0,,false,,0\n"
                                "40000000,45000000,,insert,ok,,workload,0,4,0,,false,,0\n"
                                "50000000,51000000,,read,ok,,workload,0,0,0,,true,,0\n"));
        QCOMPARE(readText(folder + QStringLiteral("/events.csv")),
                 QStringLiteral("time_ns,wall_time,kind,subject,from,to,text\n"
                                "8000000,,fault,,,,docker stop demo-patroni1\n"
                                "20000000,,leader_changed,,patroni1,patroni3,leader changed: patroni1 → patroni3\n"));
        QCOMPARE(readText(folder + QStringLiteral("/faults.csv")),
                 QStringLiteral("index,start_ns,end_ns,wall_time,duration_ms,exit_code,command,standard_error\n"
                                "0,8000000,9500000,,1.500,0,docker stop demo-patroni1,\n"));
        QCOMPARE(readText(folder + QStringLiteral("/windows.csv")),
                 QStringLiteral("kind,start_ns,end_ns,duration_ms,first_failure_ns,failed,indeterminate,error_classes,"
                                "fault_command,events,first_failure_seen_ns,open_at_start,open_at_end,fault_index,view,"
                                "balanced_from_ns,balanced\n"
                                "write,5000000,45000000,40.000,10000000,1,1,connection_lost:1;other:1,"
                                "docker stop demo-patroni1,leader changed: patroni1 → patroni3,12000000,false,false,0,service,0,\n"
                                // The workload alone had no success before its failures: its window opens at the start.
                                "write,0,45000000,45.000,10000000,1,1,connection_lost:1;other:1,"
                                "docker stop demo-patroni1,leader changed: patroni1 → patroni3,12000000,true,false,0,client,0,\n"));

        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(
            readText(folder + QStringLiteral("/summary.json")).toUtf8(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonObject summary = document.object();
        QCOMPARE(summary.value(QStringLiteral("format")).toString(), QStringLiteral("patroni-lab-run-summary"));
        QCOMPARE(summary.value(QStringLiteral("run")).toObject().value(QStringLiteral("duration_ms")).toDouble(), 100.0);
        const QJsonObject writes = summary.value(QStringLiteral("writes")).toObject();
        QCOMPARE(writes.value(QStringLiteral("operations")).toInt(), 4);
        QCOMPARE(writes.value(QStringLiteral("outage_count")).toInt(), 1);
        QCOMPARE(writes.value(QStringLiteral("total_outage_ns")).toInteger(), 40 * Ms);
        QCOMPARE(writes.value(QStringLiteral("total_outage_ms")).toDouble(), 40.0);
        QCOMPARE(writes.value(QStringLiteral("availability_percent")).toDouble(), 60.0);
        QCOMPARE(writes.value(QStringLiteral("resolution_ms")).toDouble(), 0.0); // one healthy success before, none after
        const QJsonObject reads = summary.value(QStringLiteral("reads")).toObject();
        QCOMPARE(reads.value(QStringLiteral("availability_percent")).toDouble(), 100.0);
        QCOMPARE(reads.value(QStringLiteral("outage_count")).toInt(), 0);
        const QJsonObject audit = summary.value(QStringLiteral("audit")).toObject();
        QVERIFY(audit.value(QStringLiteral("performed")).toBool());
        QCOMPARE(audit.value(QStringLiteral("ghost")).toInt(), 1);
        QCOMPARE(audit.value(QStringLiteral("ghost_sequences")).toArray(), (QJsonArray{3}));
        QCOMPARE(audit.value(QStringLiteral("lost")).toInt(), 0);
        const QJsonArray windows = summary.value(QStringLiteral("windows")).toArray();
        QCOMPARE(windows.size(), 1);
        const QJsonObject window = windows.at(0).toObject();
        QCOMPARE(window.value(QStringLiteral("kind")).toString(), QStringLiteral("write"));
        QCOMPARE(window.value(QStringLiteral("start_ns")).toInteger(), 5 * Ms);
        QCOMPARE(window.value(QStringLiteral("end_ns")).toInteger(), 45 * Ms);
        QCOMPARE(window.value(QStringLiteral("duration_ms")).toDouble(), 40.0);
        QCOMPARE(window.value(QStringLiteral("error_classes")).toObject(),
                 (QJsonObject{{QStringLiteral("connection_lost"), 1}, {QStringLiteral("other"), 1}}));
        QCOMPARE(window.value(QStringLiteral("fault")).toObject().value(QStringLiteral("command")).toString(),
                 QStringLiteral("docker stop demo-patroni1"));
        QCOMPARE(window.value(QStringLiteral("events")).toArray().at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("leader_changed"));
        QCOMPARE(summary.value(QStringLiteral("context")).toObject(), context);
        const QJsonObject client = summary.value(QStringLiteral("client_perceived")).toObject();
        QCOMPARE(client.value(QStringLiteral("writes")).toObject().value(QStringLiteral("operations")).toInt(), 3);
        QCOMPARE(client.value(QStringLiteral("writes")).toObject().value(QStringLiteral("longest_outage_ms")).toDouble(), 45.0);
        QCOMPARE(client.value(QStringLiteral("windows")).toArray().size(), 1);
        QCOMPARE(client.value(QStringLiteral("windows")).toArray().at(0).toObject().value(QStringLiteral("start_ns")).toInteger(), 0);
    }

    void clientPerceivedOutage_data()
    {
        QTest::addColumn<std::vector<OperationRecord>>("operations");
        QTest::addColumn<qint64>("serviceMs");
        QTest::addColumn<qint64>("clientMs"); // -1: no client-perceived outage

        const auto probe = [](OperationRecord operation) {
            operation.stream = OperationRecord::Stream::Probe;
            operation.connection = 9;
            return operation;
        };
        // Leader stop: the workload's reconnect lands on the dead node and hangs for its 2 s deadline, while the
        // probe's parallel attempts find the new leader at 3.51 s.
        QTest::newRow("probe finds the end first")
            << std::vector<OperationRecord>{insertOk(0, 2), probe(insertOk(995, 1000)), insertFailed(1010, 1020),
                                            probe(insertFailed(1005, 1006)), connectFailed(1300, 3300),
                                            probe(connectFailed(3400, 3720)), probe(insertOk(3505, 3510)),
                                            insertOk(3550, 3560), probe(insertOk(3520, 3530))}
            << qint64(2510) << qint64(3558);
        // Without probe records the workload is all the run has: both views are the same.
        QTest::newRow("no probe") << std::vector<OperationRecord>{insertOk(0, 2), insertFailed(10, 20), insertOk(500, 510)}
                                  << qint64(508) << qint64(508);
        // A workload that happened to write right through a short probe outage saw none.
        QTest::newRow("client saw nothing")
            << std::vector<OperationRecord>{probe(insertOk(0, 1)), insertOk(0, 2), probe(insertFailed(100, 110)),
                                            probe(insertFailed(120, 130)), probe(insertOk(200, 210)), insertOk(250, 260)}
            << qint64(208) << qint64(-1);
    }

    void clientPerceivedOutage()
    {
        QFETCH(std::vector<OperationRecord>, operations);
        QFETCH(qint64, serviceMs);
        QFETCH(qint64, clientMs);
        const RunAnalysis analysis = RunAnalyzer::analyze(operations, {}, {}, 0, 5000 * Ms);
        QCOMPARE(analysis.writeWindows.size(), 1);
        QCOMPARE(analysis.writeWindows.first().durationNs(), serviceMs * Ms);
        QCOMPARE(analysis.summary.writes.longestOutageNs, serviceMs * Ms);
        const auto client = RunAnalyzer::clientPerceived(analysis, analysis.writeWindows.first());
        QCOMPARE(client.has_value(), clientMs >= 0);
        if (client) {
            QCOMPARE(client->durationNs(), clientMs * Ms);
            QCOMPARE(analysis.summary.clientWrites.longestOutageNs, clientMs * Ms);
        } else {
            QCOMPARE(analysis.summary.clientWrites.outageCount, 0);
        }
    }

    void exportLargeNanosecondsExactly()
    {
        // A monotonic clock months after boot: beyond 2^53 a double would round the last digits.
        RunAnalysis analysis;
        analysis.summary.startNs = (qint64(1) << 53) + 1;
        analysis.summary.endNs = analysis.summary.startNs + 10;
        const QJsonObject summary = QJsonDocument::fromJson(
                                        QJsonDocument(RunExport::summaryJson({{}, StringTable(), {}, {}, analysis, {}, {}})).toJson())
                                        .object();
        QCOMPARE(summary.value(QStringLiteral("run")).toObject().value(QStringLiteral("start_ns")).toInteger(),
                 analysis.summary.startNs);
    }

    void exportToAFileInsteadOfAFolder()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QFile plain(directory.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString folder = directory.filePath(QStringLiteral("plain.txt/export"));
        const RunAnalysis analysis;
        const auto written = RunExport::writeAll(folder, {{}, StringTable(), {}, {}, analysis, {}, {}});
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(folder), qPrintable(written.error()));
        QVERIFY2(written.error().contains(QStringLiteral("plain.txt is a file, not a folder")), qPrintable(written.error()));
        QVERIFY2(written.error().contains(QStringLiteral("Choose another folder")), qPrintable(written.error()));
    }

    void exportToAReadOnlyFolder()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QFile::setPermissions(directory.path(), QFile::ReadOwner | QFile::ExeOwner);
        const auto restore = qScopeGuard([&] {
            QFile::setPermissions(directory.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
        QFile probe(directory.filePath(QStringLiteral("probe")));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.remove();
            QSKIP("running as root: file permissions do not apply");
        }
        const RunAnalysis analysis;
        const auto written = RunExport::writeAll(directory.path(), {{}, StringTable(), {}, {}, analysis, {}, {}});
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(directory.filePath(QStringLiteral("operations.csv"))), qPrintable(written.error()));
        QVERIFY2(written.error().contains(QStringLiteral("chmod u+w")), qPrintable(written.error()));
    }
};

QTEST_APPLESS_MAIN(TestRunAnalysis)
#include "tst_runanalysis.moc"
