// SPDX-License-Identifier: GPL-3.0-or-later
// LiveOutageTracker: the live outage windows, on small synthetic histories (times in ms) delivered in batches, and
// cross-checked against RunAnalyzer::analyze on generated runs.
#include "liveoutage.h"
#include "runanalysis.h"

#include <QTest>

#include <algorithm>
#include <random>

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;

namespace {

constexpr qint64 Ms = 1'000'000;

OperationRecord op(Kind kind, Outcome outcome, qint64 startMs, qint64 endMs, quint16 connection = 0,
    ErrorClass errorClass = ErrorClass::None)
{
    OperationRecord record;
    record.kind = kind;
    record.outcome = outcome;
    record.startNs = startMs * Ms;
    record.endNs = endMs * Ms;
    record.connection = connection;
    record.errorClass = outcome == Outcome::Ok
        ? ErrorClass::None
        : (errorClass == ErrorClass::None ? ErrorClass::ConnectionRefused : errorClass);
    return record;
}
OperationRecord insertOk(qint64 s, qint64 e, quint16 c = 0)
{
    return op(Kind::Insert, Outcome::Ok, s, e, c);
}
OperationRecord insertFailed(qint64 s, qint64 e, quint16 c = 0, ErrorClass errorClass = ErrorClass::ConnectionRefused)
{
    return op(Kind::Insert, Outcome::Failed, s, e, c, errorClass);
}
OperationRecord insertUnknown(qint64 s, qint64 e, quint16 c = 0)
{
    return op(Kind::Insert, Outcome::Indeterminate, s, e, c, ErrorClass::ConnectionLost);
}
OperationRecord readOk(qint64 s, qint64 e, quint16 c = 0)
{
    return op(Kind::Read, Outcome::Ok, s, e, c);
}
OperationRecord readFailed(qint64 s, qint64 e, quint16 c = 0)
{
    return op(Kind::Read, Outcome::Failed, s, e, c);
}
OperationRecord connectFailed(qint64 s, qint64 e, quint16 c = 0)
{
    return op(Kind::Connect, Outcome::Failed, s, e, c);
}

using Batches = QList<std::vector<OperationRecord>>;

// "W 10 45 2" : write window from 10 ms to 45 ms with 2 failed operations; "R ..." a read window; a trailing
// "open" marks a window still running (its end is then the latest time seen).
struct ExpectedWindow
{
    Kind kind;
    qint64 startMs;
    qint64 endMs;
    int failed;
    bool running;
};
using ExpectedWindows = QList<ExpectedWindow>;

QString describe(const UnavailabilityWindow& w)
{
    return QStringLiteral("%1 %2..%3 ms, %4 failed, %5 indeterminate%6%7")
        .arg(RunAnalyzer::windowKindName(w.kind))
        .arg(double(w.startNs) / Ms)
        .arg(double(w.endNs) / Ms)
        .arg(w.failedOperations)
        .arg(w.indeterminateOperations)
        .arg(w.openAtStart ? QStringLiteral(" open at start") : QString())
        .arg(w.openAtEnd ? QStringLiteral(" open at end") : QString());
}

// Everything the analyzer says about a window, except what only the whole run knows (faults, events).
bool sameWindow(const UnavailabilityWindow& a, const UnavailabilityWindow& b)
{
    return a.kind == b.kind && a.startNs == b.startNs && a.endNs == b.endNs && a.firstFailureNs == b.firstFailureNs
        && a.firstFailureSeenNs == b.firstFailureSeenNs && a.lastFailureSeenNs == b.lastFailureSeenNs
        && a.openAtStart == b.openAtStart && a.openAtEnd == b.openAtEnd && a.errorClasses == b.errorClasses
        && a.failedOperations == b.failedOperations && a.indeterminateOperations == b.indeterminateOperations;
}

// A run like the generator's: a probe connection inserting every 10 ms and workload connections inserting and
// reading, each one operation after the other; outages of writes, reads and connects; some failures outside them
// (one client's bad luck) and slow operations, so windows are closed by successes of other connections.
std::vector<OperationRecord> generateRun(std::mt19937_64& random, qint64 durationMs)
{
    std::uniform_int_distribution<int> percent(0, 99);
    struct Interval
    {
        qint64 from;
        qint64 to;
    };
    QList<Interval> writeOutages;
    QList<Interval> readOutages;
    for (qint64 at = 1500 + std::uniform_int_distribution<qint64>(0, 2000)(random); at < durationMs - 3000;
         at += std::uniform_int_distribution<qint64>(3000, 9000)(random)) {
        const qint64 length = std::uniform_int_distribution<qint64>(50, 2500)(random);
        writeOutages.append({ at, at + length });
        if (percent(random) < 60) {
            readOutages.append({ at + 20, at + 20 + length / 2 });
        }
    }
    // Sometimes the run ends in an outage.
    if (percent(random) < 50) {
        writeOutages.append({ durationMs - 400, durationMs + 10'000 });
    }
    const auto inside = [](const QList<Interval>& intervals, qint64 t) {
        return std::any_of(
            intervals.cbegin(), intervals.cend(), [t](const Interval& i) { return t >= i.from && t < i.to; });
    };
    const ErrorClass writeClasses[]
        = { ErrorClass::ConnectionRefused, ErrorClass::ConnectionLost, ErrorClass::ReadOnly, ErrorClass::ShuttingDown };

    std::vector<OperationRecord> records;
    const int workloadConnections = 3;
    for (quint16 connection = 0; connection <= workloadConnections; ++connection) {
        const bool probe = connection == 0;
        qint64 t = std::uniform_int_distribution<qint64>(0, 5)(random);
        // Every workload connection has inserted and read before any outage: a failed connect then counts against
        // the same kinds for the tracker and for the analyzer (see liveoutage.h).
        if (!probe) {
            records.push_back(insertOk(t, t + 2, connection));
            records.push_back(readOk(t + 3, t + 5, connection));
            t += 6;
        }
        int inserts = 0;
        while (t < durationMs) {
            const bool read = !probe && inserts % 2 == 1 && percent(random) < 70;
            const bool down = inside(read ? readOutages : writeOutages, t);
            const bool badLuck = percent(random) < 1;
            const int roll = percent(random);
            qint64 latency = roll < 80 ? 1 + roll % 4 : (roll < 95 ? 15 + roll : 2000);
            OperationRecord record;
            if (down || badLuck) {
                record = read ? readFailed(t, t + latency, connection)
                              : (roll % 10 == 0 ? insertUnknown(t, t + latency, connection)
                                                : insertFailed(t, t + latency, connection, writeClasses[roll % 4]));
                if (latency == 2000) {
                    record.errorClass = ErrorClass::DeadlineExceeded;
                }
            } else {
                record = read ? readOk(t, t + latency, connection) : insertOk(t, t + latency, connection);
            }
            records.push_back(record);
            t += latency;
            inserts += read ? 0 : 1;
            if (!record.ok() && !probe) {
                // The workload reconnects after a failure; while its listener is down the connect fails too.
                const bool connectDown = inside(writeOutages, t) && percent(random) < 50;
                OperationRecord connect = connectDown ? connectFailed(t, t + 1, connection)
                                                      : op(Kind::Connect, Outcome::Ok, t, t + 1, connection);
                records.push_back(connect);
                t += connectDown ? 250 : 1;
            }
            t += probe ? 10 : std::uniform_int_distribution<qint64>(20, 200)(random);
        }
    }
    return records;
}

// The records in end order, as the generator delivers them, cut into batches of random size, each shuffled.
Batches deliverInEndOrder(std::vector<OperationRecord> records, std::mt19937_64& random)
{
    std::stable_sort(records.begin(), records.end(),
        [](const OperationRecord& a, const OperationRecord& b) { return a.endNs < b.endNs; });
    Batches batches;
    size_t at = 0;
    while (at < records.size()) {
        const size_t size = std::min(records.size() - at, std::uniform_int_distribution<size_t>(1, 300)(random));
        std::vector<OperationRecord> batch(records.begin() + static_cast<std::ptrdiff_t>(at),
            records.begin() + static_cast<std::ptrdiff_t>(at + size));
        std::shuffle(batch.begin(), batch.end(), random);
        batches.append(std::move(batch));
        at += size;
    }
    return batches;
}

} // namespace

class TestLiveOutage : public QObject
{
    Q_OBJECT
private slots:
    void windows_data()
    {
        QTest::addColumn<Batches>("batches");
        QTest::addColumn<qint64>("runStartMs");
        QTest::addColumn<ExpectedWindows>("expected");

        QTest::newRow("no failure") << Batches { { insertOk(0, 10), readOk(5, 12), insertOk(20, 30) } } << qint64(0)
                                    << ExpectedWindows {};
        QTest::newRow("write window closed by the next Ok insert")
            << Batches { { insertOk(0, 10), insertFailed(20, 25), insertFailed(30, 32) }, { insertOk(40, 45) } }
            << qint64(0) << ExpectedWindows { { Kind::Insert, 10, 45, 2, false } };
        QTest::newRow("Ok read does not close a write window")
            << Batches { { insertOk(0, 10, 1), readOk(0, 8, 2), insertFailed(20, 25, 1), readOk(30, 33, 2) } }
            << qint64(0) << ExpectedWindows { { Kind::Insert, 10, 33, 1, true } };
        QTest::newRow("read window, writes fine")
            << Batches { { insertOk(0, 10, 1), readOk(0, 12, 2), readFailed(20, 21, 2), insertOk(22, 24, 1) },
                   { readFailed(30, 31, 2), readOk(40, 50, 2) } }
            << qint64(0) << ExpectedWindows { { Kind::Read, 12, 50, 2, false } };
        QTest::newRow("failed connect of a connection that ran nothing yet: both kinds")
            << Batches { { insertOk(0, 10, 1), readOk(0, 12, 2), connectFailed(20, 21, 7) } } << qint64(0)
            << ExpectedWindows { { Kind::Insert, 10, 21, 1, true }, { Kind::Read, 12, 21, 1, true } };
        QTest::newRow("failed connect of an inserting connection: writes only")
            << Batches { { insertOk(0, 10, 1), readOk(0, 12, 2), connectFailed(20, 21, 1) } } << qint64(0)
            << ExpectedWindows { { Kind::Insert, 10, 21, 1, true } };
        QTest::newRow("failure before any success: open at start, from the run start")
            << Batches { { insertFailed(5, 6) }, { insertOk(20, 50) } } << qint64(2)
            << ExpectedWindows { { Kind::Insert, 2, 50, 1, false } };
        QTest::newRow("indeterminate insert opens a window")
            << Batches { { insertOk(0, 10), insertUnknown(12, 2012, 1), insertOk(2000, 2020) } } << qint64(0)
            << ExpectedWindows { { Kind::Insert, 10, 2020, 0, false } };
        QTest::newRow("success ending when a failure starts precedes it")
            << Batches { { insertOk(0, 10), insertFailed(20, 30, 1), insertOk(15, 20) } } << qint64(0)
            << ExpectedWindows { { Kind::Insert, 20, 30, 1, true } };
        QTest::newRow("failure reported late belongs to an earlier gap")
            << Batches { { insertOk(0, 10), insertOk(50, 60) }, { insertFailed(20, 100, 1), insertOk(90, 95) } }
            << qint64(0) << ExpectedWindows { { Kind::Insert, 10, 60, 1, false } };
        QTest::newRow("late success splits the open window") << Batches {
            { insertOk(0, 10), insertFailed(20, 21, 1), insertFailed(40, 41, 2) }, { insertOk(25, 30, 3) }
        } << qint64(0) << ExpectedWindows { { Kind::Insert, 10, 30, 1, false }, { Kind::Insert, 30, 41, 1, true } };
    }

    void windows()
    {
        QFETCH(Batches, batches);
        QFETCH(qint64, runStartMs);
        QFETCH(ExpectedWindows, expected);

        LiveOutageTracker tracker(runStartMs * Ms);
        for (const auto& batch : batches) {
            tracker.addOperations(batch);
        }
        QList<UnavailabilityWindow> found = tracker.closedWindows(Kind::Insert);
        found += tracker.closedWindows(Kind::Read);
        for (const Kind kind : { Kind::Insert, Kind::Read }) {
            if (const auto current = tracker.currentWindow(kind)) {
                QCOMPARE(tracker.currentOutageStartNs(kind), std::optional<qint64>(current->startNs));
                found.append(*current);
            } else {
                QVERIFY(!tracker.currentOutageStartNs(kind));
            }
        }
        QStringList foundText;
        for (const auto& window : found) {
            foundText << describe(window);
        }
        QCOMPARE(found.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const ExpectedWindow& e = expected.at(i);
            const UnavailabilityWindow& w = found.at(i);
            const QString context = foundText.join(QStringLiteral("; "));
            QVERIFY2(w.kind == e.kind, qPrintable(context));
            QVERIFY2(w.startNs == e.startMs * Ms, qPrintable(context));
            QVERIFY2(w.endNs == e.endMs * Ms, qPrintable(context));
            QVERIFY2(w.failedOperations == e.failed, qPrintable(context));
            QVERIFY2(w.openAtEnd == e.running, qPrintable(context));
        }
        QCOMPARE(tracker.unplacedFailures(), 0);
    }

    void countsPerKind()
    {
        LiveOutageTracker tracker;
        tracker.addOperations({ insertOk(0, 1), insertOk(2, 3), insertFailed(4, 5), insertUnknown(6, 7), readOk(0, 2),
            readFailed(3, 4), connectFailed(5, 6), op(Kind::Connect, Outcome::Ok, 7, 8) });
        QCOMPARE(tracker.counts(Kind::Insert).ok, 2);
        QCOMPARE(tracker.counts(Kind::Insert).failed, 1);
        QCOMPARE(tracker.counts(Kind::Insert).indeterminate, 1);
        QCOMPARE(tracker.counts(Kind::Read).ok, 1);
        QCOMPARE(tracker.counts(Kind::Read).failed, 1);
        QCOMPARE(tracker.counts(Kind::Connect).ok, 1);
        QCOMPARE(tracker.counts(Kind::Connect).failed, 1);
        QCOMPARE(tracker.latestTimeNs(), std::optional<qint64>(8 * Ms));

        // The write outage started at the end of the last Ok insert and is still running.
        QCOMPARE(tracker.currentWriteOutageStartNs(), std::optional<qint64>(3 * Ms));
        const quint64 revision = tracker.revision();
        tracker.addOperations({ insertOk(9, 12) });
        QVERIFY(tracker.revision() != revision);
        QVERIFY(!tracker.currentWriteOutageStartNs());
        QCOMPARE(tracker.closedWindowCount(Kind::Insert), 1);

        tracker.reset(100 * Ms);
        QVERIFY(!tracker.latestTimeNs());
        QCOMPARE(tracker.counts(Kind::Insert).total(), 0);
        QCOMPARE(tracker.closedWindowCount(Kind::Insert), 0);
    }

    // A long outage keeps only a bounded list of its failures, and still counts all of them.
    void longOutageStaysBounded()
    {
        LiveOutageTracker tracker(0, 1000 * Ms);
        tracker.addOperations({ insertOk(0, 1) });
        std::vector<OperationRecord> batch;
        for (qint64 t = 10; t < 200'000; t += 10) {
            batch.push_back(insertFailed(t, t + 2));
            if (batch.size() == 100) {
                tracker.addOperations(batch);
                batch.clear();
            }
        }
        tracker.addOperations(batch);
        tracker.addOperations({ insertOk(200'000, 200'001) });
        const auto windows = tracker.closedWindows(Kind::Insert);
        QCOMPARE(windows.size(), 1);
        QCOMPARE(windows.first().failedOperations, 19'999);
        QCOMPARE(windows.first().startNs, 1 * Ms);
        QCOMPARE(windows.first().endNs, 200'001 * Ms);
        QCOMPARE(windows.first().firstFailureNs, 10 * Ms);
    }

    // The tracker's windows are the analyzer's; the analyzer only drops the transient ones (liveoutage.h).
    void matchesTheAnalyzer_data()
    {
        QTest::addColumn<quint64>("seed");
        for (quint64 seed : { 1ULL, 2ULL, 3ULL, 42ULL, 2024ULL, 77777ULL }) {
            QTest::addRow("seed %llu", static_cast<unsigned long long>(seed)) << seed;
        }
    }

    void matchesTheAnalyzer()
    {
        QFETCH(quint64, seed);
        std::mt19937_64 random(seed);
        const qint64 durationMs = 60'000;
        const std::vector<OperationRecord> records = generateRun(random, durationMs);
        const qint64 runStartNs = 0;
        qint64 runEndNs = durationMs * Ms;
        for (const auto& record : records) {
            runEndNs = std::max(runEndNs, record.endNs);
        }

        LiveOutageTracker tracker(runStartNs);
        for (const auto& batch : deliverInEndOrder(records, random)) {
            tracker.addOperations(batch);
        }
        QCOMPARE(tracker.unplacedFailures(), 0);
        const RunAnalysis analysis = RunAnalyzer::analyze(records, {}, {}, runStartNs, runEndNs);

        int transient = 0;
        for (const Kind kind : { Kind::Insert, Kind::Read }) {
            const bool writes = kind == Kind::Insert;
            const QList<UnavailabilityWindow>& expected = writes ? analysis.writeWindows : analysis.readWindows;
            const KindSummary& summary = writes ? analysis.summary.writes : analysis.summary.reads;
            QVERIFY2(!expected.isEmpty(), "the generated run has outages");
            QVERIFY(tracker.resolutionNs(kind) >= summary.resolutionNs);

            QList<UnavailabilityWindow> live = tracker.windows(kind, runEndNs);
            const qsizetype before = live.size();
            live.removeIf([&](const UnavailabilityWindow& w) {
                return LiveOutageTracker::looksTransient(w, summary.resolutionNs);
            });
            transient += static_cast<int>(before - live.size());

            QStringList liveText;
            QStringList expectedText;
            for (const auto& w : live) {
                liveText << describe(w);
            }
            for (const auto& w : expected) {
                expectedText << describe(w);
            }
            QCOMPARE(liveText, expectedText);
            for (int i = 0; i < expected.size(); ++i) {
                QVERIFY2(sameWindow(live.at(i), expected.at(i)), qPrintable(expectedText.at(i)));
            }
            int transientFailures = 0;
            for (const auto& w : tracker.windows(kind, runEndNs)) {
                if (LiveOutageTracker::looksTransient(w, summary.resolutionNs)) {
                    transientFailures += w.failedOperations + w.indeterminateOperations;
                }
            }
            QCOMPARE(transientFailures, summary.transientFailures);
        }
        qInfo("seed %llu: %d records, %lld write / %lld read windows, %d transient windows only live",
            static_cast<unsigned long long>(seed), int(records.size()),
            static_cast<long long>(analysis.writeWindows.size()), static_cast<long long>(analysis.readWindows.size()),
            transient);
    }
};

QTEST_APPLESS_MAIN(TestLiveOutage)
#include "tst_liveoutage.moc"
