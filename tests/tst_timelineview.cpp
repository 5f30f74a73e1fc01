// SPDX-License-Identifier: GPL-3.0-or-later
// TimelineView on a synthetic run that tells the lab report's story: patroni1 is stopped, writes are refused until
// patroni2 takes over; later etcd loses quorum and the leader turns read-only. Checked: the live windows, the lanes
// (live and rebuilt from a stored run), following, and the exports (PNG pixels, PDF, SVG, errors).
// Then two recorded partition experiments (tests/fixtures/partition-runs): the cut-off members' lanes, labels that
// never overlap or leave the figure, and a report's frame with its healing tail; and the layout rules on their own.
#include "recordedrun.h"
#include "runanalysis.h"
#include "timelinelayout.h"
#include "timelineview.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using EventKind = ClusterEvent::Kind;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 RunStartNs = 1'000'000 * Ms; // a monotonic clock some time after boot
constexpr qint64 RunMs = 120'000;

// Writes fail from 30.2 s to 38.3 s (patroni1 stopped, no leader) and from 75 s to 93 s (read-only: no quorum).
bool firstOutage(qint64 ms)
{
    return ms >= 30'200 && ms < 38'300;
}
bool secondOutage(qint64 ms)
{
    return ms >= 75'000 && ms < 93'000;
}

OperationRecord record(Kind kind, Outcome outcome, qint64 startMs, double latencyMs, quint16 connection,
    ErrorClass errorClass = ErrorClass::None)
{
    OperationRecord r;
    r.kind = kind;
    r.outcome = outcome;
    r.startNs = RunStartNs + startMs * Ms;
    r.endNs = r.startNs + qint64(latencyMs * Ms);
    r.connection = connection;
    r.stream = connection == 0 ? OperationRecord::Stream::Probe : OperationRecord::Stream::Workload;
    r.errorClass = errorClass;
    return r;
}

std::vector<OperationRecord> generateOperations()
{
    std::vector<OperationRecord> operations;
    for (qint64 ms = 0; ms < RunMs; ms += 100) { // the probe: an insert every 100 ms
        if (firstOutage(ms)) {
            operations.push_back(record(Kind::Insert, Outcome::Failed, ms, 0.02, 0, ErrorClass::ConnectionRefused));
        } else if (secondOutage(ms)) {
            operations.push_back(record(Kind::Insert, Outcome::Failed, ms, 1, 0, ErrorClass::ReadOnly));
        } else {
            operations.push_back(record(Kind::Insert, Outcome::Ok, ms, 2 + double(ms % 700) / 1000.0, 0));
        }
    }
    for (qint64 ms = 50; ms < RunMs; ms += 500) { // the workload: an insert and a read every half second
        if (ms == 30'550) {
            operations.push_back(record(Kind::Insert, Outcome::Indeterminate, ms, 4, 1, ErrorClass::ConnectionLost));
        } else if (firstOutage(ms)) {
            operations.push_back(record(Kind::Insert, Outcome::Failed, ms, 4, 1, ErrorClass::ConnectionLost));
        } else if (secondOutage(ms)) {
            operations.push_back(record(Kind::Insert, Outcome::Failed, ms, 1, 1, ErrorClass::ReadOnly));
        } else {
            operations.push_back(record(Kind::Insert, Outcome::Ok, ms, 3 + double(ms % 900) / 100.0, 1));
        }
        operations.push_back(record(Kind::Read, Outcome::Ok, ms + 10, 1.5, 1));
    }
    return operations;
}

FaultAction fault(qint64 ms, const char* command)
{
    FaultAction action;
    action.startNs = RunStartNs + ms * Ms;
    action.endNs = action.startNs + 300 * Ms;
    action.commandLine = QString::fromLatin1(command);
    return action;
}

QList<FaultAction> generateFaults()
{
    return { fault(30'000, "docker stop x-patroni1"), fault(70'000, "docker stop x-etcd1"),
        fault(72'000, "docker stop x-etcd2"), fault(90'000, "docker start x-etcd1 x-etcd2"),
        fault(100'000, "docker start x-patroni1") };
}

ClusterEvent event(qint64 ms, EventKind kind, const char* subject = "", const char* from = "", const char* to = "")
{
    ClusterEvent e;
    e.timeNs = RunStartNs + ms * Ms;
    e.kind = kind;
    e.subject = QString::fromLatin1(subject);
    e.from = QString::fromLatin1(from);
    e.to = QString::fromLatin1(to);
    return e;
}

QList<ClusterEvent> generateEvents()
{
    return {
        event(30'500, EventKind::ContainerStateChanged, "x-patroni1", "running", "exited"),
        event(31'000, EventKind::HaproxyBackendDown, "primary/patroni1", "UP", "L4CON"),
        event(34'000, EventKind::MemberVanished, "patroni1", "Leader", ""),
        event(36'000, EventKind::LeaderChanged, "", "patroni1", "patroni2"),
        event(36'000, EventKind::MemberRoleChanged, "patroni2", "Replica", "Leader"),
        event(36'100, EventKind::TimelineChanged, "", "1", "2"),
        event(38'300, EventKind::HaproxyBackendUp, "primary/patroni2", "DOWN", "UP"),
        event(71'000, EventKind::EtcdMemberDown, "etcd1", "", "connection refused"),
        event(73'000, EventKind::EtcdMemberDown, "etcd2", "", "connection refused"),
        event(73'000, EventKind::EtcdQuorumLost, "", "", "1/3"),
        event(75'500, EventKind::MemberRoleChanged, "patroni2", "Leader", "Replica"),
        event(78'000, EventKind::HaproxyBackendDown, "primary/patroni2", "UP", "L7STS"),
        event(92'000, EventKind::EtcdMemberUp, "etcd1"),
        event(92'000, EventKind::EtcdMemberUp, "etcd2"),
        event(92'000, EventKind::EtcdQuorumRestored, "", "", "3/3"),
        event(93'000, EventKind::MemberRoleChanged, "patroni2", "Replica", "Leader"),
        event(94'000, EventKind::HaproxyBackendUp, "primary/patroni2", "DOWN", "UP"),
        event(101'000, EventKind::ContainerStateChanged, "x-patroni1", "exited", "running"),
        event(105'000, EventKind::MemberAppeared, "patroni1", "", "Replica"),
    };
}

// The observer's view: at the start patroni1 leads; mid-run (after the failover) patroni2 leads and patroni1's
// container is stopped.
QJsonObject clusterState(bool afterFailover)
{
    ClusterState state;
    state.scope = QStringLiteral("x");
    QList<MemberState> members;
    for (int i = 1; i <= 3; ++i) {
        if (afterFailover && i == 1) {
            continue; // its member key expired
        }
        MemberState member;
        member.name = QStringLiteral("patroni%1").arg(i);
        member.container = QStringLiteral("x-patroni%1").arg(i);
        const bool leads = afterFailover ? i == 2 : i == 1;
        member.role = leads ? PatroniMember::Role::Leader : PatroniMember::Role::Replica;
        member.state = leads ? QStringLiteral("running") : QStringLiteral("streaming");
        member.streaming = !leads;
        member.timeline = afterFailover ? 2 : 1;
        member.apiReachable = true;
        members << member;
    }
    state.members = members;
    QList<EtcdMemberState> etcd;
    for (int i = 1; i <= 3; ++i) {
        EtcdMemberState member;
        member.name = QStringLiteral("etcd%1").arg(i);
        member.reachable = member.healthy = true;
        etcd << member;
    }
    state.etcd = etcd;
    QList<HaproxyBackendState> backends;
    for (const char* listener : { "primary", "replicas" }) {
        for (int i = 1; i <= 3; ++i) {
            const bool primary = qstrcmp(listener, "primary") == 0;
            const bool up = primary ? i == (afterFailover ? 2 : 1) : i != (afterFailover ? 2 : 1);
            backends.append({ QString::fromLatin1(listener), QStringLiteral("patroni%1").arg(i),
                up ? QStringLiteral("UP") : QStringLiteral("DOWN"), QString(), up, QString() });
        }
    }
    state.haproxy = backends;
    QList<ContainerInfo> containers;
    for (const char* name :
        { "x-patroni1", "x-patroni2", "x-patroni3", "x-etcd1", "x-etcd2", "x-etcd3", "x-haproxy" }) {
        ContainerInfo container;
        container.name = QString::fromLatin1(name);
        container.state = afterFailover && container.name == QLatin1StringView("x-patroni1")
            ? ContainerInfo::State::Exited
            : ContainerInfo::State::Running;
        containers << container;
    }
    state.containers = containers;
    return state.toJson();
}

// The live path: the records in end order, in batches of a tenth of a second, with the events and faults in time.
void feedLive(TimelineView& view, const std::vector<OperationRecord>& operations)
{
    std::vector<OperationRecord> byEnd = operations;
    std::stable_sort(byEnd.begin(), byEnd.end(), [](const auto& a, const auto& b) { return a.endNs < b.endNs; });
    QList<ClusterEvent> events = generateEvents();
    QList<FaultAction> faults = generateFaults();
    StringTable strings;
    view.setRunStart(RunStartNs);
    view.setInitialState(clusterState(false));
    std::vector<OperationRecord> batch;
    qint64 batchEndNs = RunStartNs + 100 * Ms;
    const auto deliver = [&](qint64 untilNs) {
        view.appendOperations(batch, strings);
        batch.clear();
        while (!faults.isEmpty() && faults.first().startNs < untilNs) {
            view.addFault(faults.takeFirst());
        }
        while (!events.isEmpty() && events.first().timeNs < untilNs) {
            view.addEvent(events.takeFirst());
        }
    };
    for (const OperationRecord& operation : byEnd) {
        while (operation.endNs >= batchEndNs) {
            deliver(batchEndNs);
            batchEndNs += 100 * Ms;
        }
        batch.push_back(operation);
    }
    deliver(RunStartNs + (RunMs + 1000) * Ms);
}

StoredRun storedRun(const std::vector<OperationRecord>& operations)
{
    StoredRun run;
    run.info.startNs = RunStartNs;
    run.info.endNs = RunStartNs + RunMs * Ms;
    run.info.name = QStringLiteral("failover");
    run.operations = operations;
    run.faults = generateFaults();
    run.events = generateEvents();
    run.snapshots << StateSnapshot { RunStartNs + 300 * Ms, clusterState(false) }
                  << StateSnapshot { RunStartNs + 400 * Ms,
                         QJsonObject { { QStringLiteral("cluster_info"), QJsonObject() } } }
                  << StateSnapshot { RunStartNs + 60'000 * Ms, clusterState(true) };
    return run;
}

RunAnalysis analyse(const std::vector<OperationRecord>& operations)
{
    return RunAnalyzer::analyze(operations, generateFaults(), generateEvents(), RunStartNs, RunStartNs + RunMs * Ms);
}

using Segments = QList<TimelineView::LaneSegment>;

QString describe(const Segments& segments)
{
    QStringList parts;
    for (const auto& s : segments) {
        parts << QStringLiteral("[%1..%2 %3 \"%4\"]")
                     .arg(s.startS, 0, 'f', 2)
                     .arg(s.endS, 0, 'f', 2)
                     .arg(s.state, s.label);
    }
    return parts.join(u' ');
}

// The share of pixels of a rectangle that are within tolerance of a colour.
double share(const QImage& image, const QRect& area, QColor color, int tolerance = 6)
{
    int matching = 0;
    int total = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            ++total;
            matching += std::abs(pixel.red() - color.red()) <= tolerance
                && std::abs(pixel.green() - color.green()) <= tolerance
                && std::abs(pixel.blue() - color.blue()) <= tolerance;
        }
    }
    return total ? double(matching) / total : 0;
}

RecordedRun loadRecordedRun(const QString& name)
{
    return RecordedRuns::load(QStringLiteral(LAB_FIXTURES_DIR "/partition-runs/") + name, RunStartNs);
}

RunAnalysis analyse(const StoredRun& run)
{
    return RunAnalyzer::analyze(run.operations, run.faults, run.events, run.info.startNs, run.info.endNs);
}

// The recorded run as the window sees it live: batches of a tenth of a second in end order, events as they are
// observed, faults when their command returns.
void feedLive(TimelineView& view, const RecordedRun& recorded)
{
    const StoredRun& run = recorded.run;
    std::vector<OperationRecord> byEnd = run.operations;
    std::stable_sort(byEnd.begin(), byEnd.end(), [](const auto& a, const auto& b) { return a.endNs < b.endNs; });
    QList<ClusterEvent> events = run.events;
    QList<FaultAction> faults = run.faults;
    std::stable_sort(faults.begin(), faults.end(), [](const auto& a, const auto& b) { return a.endNs < b.endNs; });
    view.setRunStart(RunStartNs);
    view.setInitialState(recorded.firstState);
    StringTable strings;
    std::vector<OperationRecord> batch;
    const auto deliver = [&](qint64 untilNs) {
        view.appendOperations(batch, strings);
        batch.clear();
        // In time order, events and faults interleaved.
        while (true) {
            const bool event = !events.isEmpty() && events.first().timeNs < untilNs;
            const bool fault = !faults.isEmpty() && faults.first().endNs < untilNs;
            if (event && (!fault || events.first().timeNs <= faults.first().endNs)) {
                view.addEvent(events.takeFirst());
            } else if (fault) {
                view.addFault(faults.takeFirst());
            } else {
                break;
            }
        }
    };
    qint64 batchEndNs = RunStartNs + 100 * Ms;
    for (const OperationRecord& operation : byEnd) {
        while (operation.endNs >= batchEndNs) {
            deliver(batchEndNs);
            batchEndNs += 100 * Ms;
        }
        batch.push_back(operation);
    }
    deliver(run.info.endNs + 1000 * Ms);
}

// Every pair of label boxes apart, and every box inside its area; the overlapping ones named.
QString labelProblems(const QList<TimelineView::LabelGeometry>& labels, const QRectF& widget, const QRectF& plot)
{
    using LabelKind = TimelineView::LabelGeometry::Kind;
    QStringList problems;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const auto& label = labels.at(i);
        if (!widget.contains(label.rect)) {
            problems << QStringLiteral("\"%1\" leaves the figure").arg(label.text);
        }
        if (label.kind != LabelKind::Lane && !plot.contains(label.rect)) {
            problems << QStringLiteral("\"%1\" leaves the plot").arg(label.text);
        }
        for (qsizetype j = i + 1; j < labels.size(); ++j) {
            if (TimelineLayout::overlaps(label.rect, labels.at(j).rect)) {
                problems << QStringLiteral("\"%1\" overlaps \"%2\"").arg(label.text, labels.at(j).text);
            }
        }
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private slots:
    void liveWindowsAreTheAnalyzersOnes()
    {
        const auto operations = generateOperations();
        TimelineView view;
        feedLive(view, operations);
        view.flushReplot();
        const RunAnalysis analysis = analyse(operations);
        QCOMPARE(analysis.writeWindows.size(), 2);

        const QList<UnavailabilityWindow> live = view.shownWindows();
        QCOMPARE(live.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(live.at(i).kind, Kind::Insert);
            QCOMPARE(live.at(i).startNs, analysis.writeWindows.at(i).startNs);
            QCOMPARE(live.at(i).endNs, analysis.writeWindows.at(i).endNs);
            QCOMPARE(live.at(i).failedOperations, analysis.writeWindows.at(i).failedOperations);
        }
        QCOMPARE(view.liveOutages().counts(Kind::Insert).indeterminate, 1);
        QVERIFY(!view.liveOutages().currentWriteOutageStartNs());

        // Every point is kept, and the graphs hold far fewer than the points, with every class present.
        QCOMPARE(view.pointCount(), qint64(operations.size()));
        QVERIFY(view.plottedPointCount() > 0);
        QCOMPARE(view.pointCount(TimelineView::Category::ConnectionRefused), 81);
        QCOMPARE(view.pointCount(TimelineView::Category::Indeterminate), 1);
        for (const auto category : { TimelineView::Category::ConnectionRefused, TimelineView::Category::ConnectionLost,
                 TimelineView::Category::ReadOnly, TimelineView::Category::Indeterminate }) {
            QVERIFY2(!view.plot()->graph(int(category))->data()->isEmpty(),
                qPrintable(TimelineView::categoryName(category)));
        }
        // Failures answered at once still have a place on the log axis.
        const auto refused = view.plot()->graph(int(TimelineView::Category::ConnectionRefused))->data();
        QVERIFY(refused->begin()->value >= 0.1);

        QCOMPARE(view.markerLabels(),
            (QStringList { QStringLiteral("docker stop x-patroni1"), QStringLiteral("leader → patroni2, TL 2"),
                QStringLiteral("docker stop x-etcd1"), QStringLiteral("docker stop x-etcd2"),
                QStringLiteral("docker start x-etcd1 x-etcd2"), QStringLiteral("docker start x-patroni1") }));

        view.setAnalysis(analysis);
        QCOMPARE(view.shownWindows().size(), 2);
        QCOMPARE(view.shownWindows().at(0).endNs, analysis.writeWindows.at(0).endNs);
        QVERIFY(!view.followLive());

        // A write outage whose last stretch HAProxy balanced over a dead server and the new leader says so.
        RunAnalysis balanced = analysis;
        balanced.writeWindows[0].balancedFromNs = balanced.writeWindows[0].endNs - 1'500'000'000;
        view.setAnalysis(balanced);
        QVERIFY2(view.windowLabels().at(0).endsWith(QStringLiteral("(the last 1.5 s: HAProxy balanced over a dead server)")),
            qPrintable(view.windowLabels().at(0)));
        QVERIFY(!view.windowLabels().at(1).contains(QStringLiteral("balanced")));
    }

    void lanes_data()
    {
        QTest::addColumn<QString>("lane");
        QTest::addColumn<QStringList>("expected"); // "start end state label", end -1: to the end of the data

        QTest::newRow("patroni1: leader, stopped, unreachable, replica")
            << QStringLiteral("patroni1")
            << QStringList { QStringLiteral("0 30.5 leader leader"),
                   QStringLiteral("30.5 101 stopped stopped (was leader)"),
                   QStringLiteral("101 105 unreachable unreachable"), QStringLiteral("105 -1 replica replica") };
        QTest::newRow("patroni2: replica, leader, read-only replica, leader")
            << QStringLiteral("patroni2")
            << QStringList { QStringLiteral("0 36 replica replica"), QStringLiteral("36 75.5 leader leader"),
                   QStringLiteral("75.5 93 replica replica"), QStringLiteral("93 -1 leader leader") };
        QTest::newRow("patroni3: replica throughout")
            << QStringLiteral("patroni3") << QStringList { QStringLiteral("0 -1 replica replica") };
        QTest::newRow("etcd: quorum, one down, lost, restored")
            << QStringLiteral("etcd")
            << QStringList { QStringLiteral("0 71 quorum quorum 3/3"), QStringLiteral("71 73 quorum quorum 2/3"),
                   QStringLiteral("73 92 no-quorum quorum lost 1/3"), QStringLiteral("92 -1 quorum quorum 3/3") };
        QTest::newRow("haproxy: where writes go")
            << QStringLiteral("haproxy")
            << QStringList { QStringLiteral("0 31 routed → patroni1"), QStringLiteral("31 38.3 none no server"),
                   QStringLiteral("38.3 78 routed → patroni2"), QStringLiteral("78 94 none no server"),
                   QStringLiteral("94 -1 routed → patroni2") };
    }

    void lanes()
    {
        QFETCH(QString, lane);
        QFETCH(QStringList, expected);
        const auto operations = generateOperations();

        TimelineView live;
        feedLive(live, operations);
        live.flushReplot();
        TimelineView past;
        past.showRun(storedRun(operations), analyse(operations));
        past.flushReplot();
        QCOMPARE(live.laneNames(),
            (QStringList { QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("patroni3"),
                QStringLiteral("etcd"), QStringLiteral("haproxy") }));
        QCOMPARE(past.laneNames(), live.laneNames());

        for (TimelineView* view : { &live, &past }) {
            const Segments segments = view->laneSegments(lane);
            const QString found = describe(segments);
            QCOMPARE(segments.size(), expected.size());
            for (int i = 0; i < expected.size(); ++i) {
                const QStringList parts = expected.at(i).split(u' ');
                const double end = parts.at(1).toDouble() < 0 ? view->dataEndS() : parts.at(1).toDouble();
                const TimelineView::LaneSegment& s = segments.at(i);
                QVERIFY2(qAbs(s.startS - parts.at(0).toDouble()) < 1e-6, qPrintable(found));
                QVERIFY2(qAbs(s.endS - end) < 1e-6, qPrintable(found));
                QVERIFY2(s.state == parts.at(2), qPrintable(found));
                QVERIFY2(s.label == parts.mid(3).join(u' '), qPrintable(found));
            }
        }
        // The lanes are drawn: one bar per segment in the lane axis rect.
        int bars = 0;
        for (int i = 0; i < live.plot()->itemCount(); ++i) {
            if (auto* rect = qobject_cast<QCPItemRect*>(live.plot()->item(i))) {
                bars += rect->clipAxisRect() != live.plot()->axisRect() ? 1 : 0;
            }
        }
        int segmentCount = 0;
        for (const QString& name : live.laneNames()) {
            segmentCount += int(live.laneSegments(name).size());
        }
        QCOMPARE(bars, segmentCount);
    }

    void followLiveStopsOnZoom()
    {
        TimelineView view;
        view.resize(1000, 600);
        QSignalSpy followChanged(&view, &TimelineView::followLiveChanged);
        QVERIFY(view.followLive());
        feedLive(view, generateOperations());
        view.flushReplot();
        const auto [lower, upper] = view.visibleRange();
        QCOMPARE(upper, view.dataEndS());
        QCOMPARE(upper - lower, 60.0);
        QCOMPARE(followChanged.count(), 0);

        // A zoom from outside (the lead's toolbar, a test) is a user's zoom.
        view.plot()->xAxis->setRange(10, 20);
        QVERIFY(!view.followLive());
        QCOMPARE(followChanged.count(), 1);
        QCOMPARE(followChanged.first().first().toBool(), false);
        view.flushReplot();
        QCOMPARE(view.visibleRange(), std::make_pair(10.0, 20.0));

        // The lanes share the x range.
        QCOMPARE(view.plot()->axisRectCount(), 2);
        QCOMPARE(view.plot()->axisRect(1)->axis(QCPAxis::atBottom)->range(), QCPRange(10, 20));

        // A mouse wheel over the plot zooms time only, and also stops following.
        view.setFollowLive(true);
        view.flushReplot();
        QVERIFY(view.followLive());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.flushReplot();
        const QCPRange yBefore = view.plot()->yAxis->range();
        const QPointF centre = view.plot()->axisRect()->rect().center();
        QWheelEvent wheel(centre, view.plot()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.plot(), &wheel);
        QVERIFY(!view.followLive());
        QVERIFY(view.visibleRange().second - view.visibleRange().first < 60.0);
        QCOMPARE(view.plot()->yAxis->range(), yBefore);

        view.resetRange();
        QCOMPARE(view.visibleRange().first, 0.0);
        QVERIFY(view.visibleRange().second >= view.dataEndS());
    }

    void exportsPng_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("dpi");
        QTest::newRow("1200x700 at 150 dpi") << QSize(1200, 700) << 150.0;
        QTest::newRow("2000x1000 at 200 dpi") << QSize(2000, 1000) << 200.0;
    }

    void exportsPng()
    {
        QFETCH(QSize, size);
        QFETCH(double, dpi);
        const auto operations = generateOperations();
        TimelineView view;
        view.resize(900, 500);
        view.showRun(storedRun(operations), analyse(operations));
        view.setTitle(QStringLiteral("Failover of patroni1"));
        view.flushReplot();
        const auto rangeBefore = view.visibleRange();
        const QSize widgetBefore = view.plot()->size();
        const QRect plotAreaBefore = view.plot()->axisRect()->rect();

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("timeline.png"));
        TimelineView::ExportOptions options;
        options.sizePx = size;
        options.dpi = dpi;
        options.frameExperiment = false; // what the widget shows: the whole run
        const Result<bool> exported = view.exportTo(path, options);
        QVERIFY2(exported.ok(), qPrintable(exported.error()));
        QVERIFY(QFile::exists(path));
        // For a look at the result: LAB_TEST_ARTIFACTS_DIR=/some/folder keeps a copy of each export.
        if (const QString keep = qEnvironmentVariable("LAB_TEST_ARTIFACTS_DIR"); !keep.isEmpty()) {
            QFile::remove(
                QDir(keep).filePath(QStringLiteral("timeline-%1x%2.png").arg(size.width()).arg(size.height())));
            QFile::copy(
                path, QDir(keep).filePath(QStringLiteral("timeline-%1x%2.png").arg(size.width()).arg(size.height())));
        }
        QImageReader reader(path);
        const QImage image = reader.read();
        QCOMPARE(image.size(), size);
        QVERIFY(qAbs(image.dotsPerMeterX() - dpi / 0.0254) < 2);
        QCOMPARE(image.text(QStringLiteral("Title")), QStringLiteral("Failover of patroni1"));

        // Not blank: many colours, a good part not white.
        QSet<QRgb> colours;
        qint64 nonWhite = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y);
                colours.insert(pixel);
                nonWhite += pixel != qRgb(255, 255, 255);
            }
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        const double nonWhiteShare = double(nonWhite) / (double(image.width()) * image.height() / 4);
        QVERIFY2(nonWhiteShare > 0.05, qPrintable(QString::number(nonWhiteShare)));

        // The write outage shading is where its window is, and not before it.
        TimelineView::RenderGeometry geometry;
        const QImage rendered = view.renderImage(options, &geometry);
        QCOMPARE(rendered.size(), size);
        QVERIFY(geometry.plotArea.width() > size.width() / 2);
        const auto xOf = [&](double s) {
            return geometry.plotArea.left()
                + int((s - geometry.xLower) / (geometry.xUpper - geometry.xLower) * geometry.plotArea.width());
        };
        const UnavailabilityWindow window = view.shownWindows().first();
        const double centreS = double((window.startNs + window.endNs) / 2 - RunStartNs) / 1e9;
        // Rows free of points and texts: from 0.17 to 0.5 ms on the log axis (failures sit at 0.1 ms, the rest
        // above 1 ms).
        QCOMPARE(geometry.yLower, 0.05);
        QVERIFY(geometry.yUpper >= 100);
        const auto yOf = [&](double ms) {
            return geometry.plotArea.top()
                + int(std::log10(geometry.yUpper / ms) / std::log10(geometry.yUpper / geometry.yLower)
                    * geometry.plotArea.height());
        };
        const int top = yOf(0.5);
        const int bottom = yOf(0.17);
        const QRect inside(xOf(centreS) - 4, top, 9, bottom - top);
        const QRect before(xOf(15.0) - 4, top, 9, bottom - top);
        // (255, 60, 60) at alpha 64 over white.
        const QColor shading(255, 255 - (195 * 64 + 127) / 255, 255 - (195 * 64 + 127) / 255);
        QVERIFY2(share(rendered, inside, shading) > 0.6, qPrintable(QString::number(share(rendered, inside, shading))));
        QCOMPARE(share(rendered, before, shading), 0.0);
        QVERIFY(share(rendered, before, Qt::white, 0) > 0.6);

        // The widget on screen is as it was.
        QCOMPARE(view.visibleRange(), rangeBefore);
        QCOMPARE(view.plot()->size(), widgetBefore);
        QCOMPARE(view.plot()->axisRect()->rect(), plotAreaBefore);
    }

    void exportsPdfAndSvg()
    {
        const auto operations = generateOperations();
        TimelineView view;
        view.showRun(storedRun(operations), analyse(operations));
        QTemporaryDir dir;
        TimelineView::ExportOptions options;
        options.title = QStringLiteral("Failover of patroni1");

        const QString pdfPath = dir.filePath(QStringLiteral("timeline.pdf"));
        const Result<bool> pdf = view.exportTo(pdfPath, options);
        QVERIFY2(pdf.ok(), qPrintable(pdf.error()));
        QFile pdfFile(pdfPath);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        QVERIFY(pdfBytes.size() > 2000);
        QVERIFY(pdfBytes.startsWith("%PDF-"));
        QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));

        const QString svgPath = dir.filePath(QStringLiteral("timeline.svg"));
        const Result<bool> svg = view.exportTo(svgPath, options);
        QVERIFY2(svg.ok(), qPrintable(svg.error()));
        QFile svgFile(svgPath);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgBytes = svgFile.readAll();
        QVERIFY(svgBytes.contains("<svg"));
        QXmlStreamReader xml(svgBytes);
        int elements = 0;
        while (!xml.atEnd()) {
            elements += xml.readNext() == QXmlStreamReader::StartElement;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 100);
        QVERIFY(svgBytes.contains("Failover of patroni1"));
        QVERIFY(svgBytes.contains("docker stop x-patroni1"));
    }

    void exportErrors_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("missing folder") << QStringLiteral("missing/folder/timeline.png")
                                        << QStringLiteral("No such file or directory");
        QTest::newRow("missing folder, pdf")
            << QStringLiteral("missing/timeline.pdf") << QStringLiteral("No such file or directory");
        QTest::newRow("unknown suffix") << QStringLiteral("timeline.bmpx") << QStringLiteral("unknown format \"bmpx\"");
        QTest::newRow("a folder") << QString() << QStringLiteral("Cannot write");
    }

    void exportErrors()
    {
        QFETCH(QString, relativePath);
        QFETCH(QString, expectedText);
        TimelineView view;
        view.showRun(storedRun(generateOperations()), analyse(generateOperations()));
        QTemporaryDir dir;
        const QString path
            = relativePath.isEmpty() ? dir.path() + QStringLiteral("/folder.png") : dir.filePath(relativePath);
        if (relativePath.isEmpty()) {
            QVERIFY(QDir().mkpath(path));
        }
        const Result<bool> exported = view.exportTo(path, {});
        QVERIFY(!exported.ok());
        QVERIFY2(exported.error().contains(expectedText), qPrintable(exported.error()));
        QVERIFY2(exported.error().contains(path), qPrintable(exported.error()));
        if (!relativePath.isEmpty()) {
            QVERIFY(!QFile::exists(path));
        }
    }

    // What the container is overrides the role Patroni last reported, and a leader's lane keeps that it led:
    // paused, paused and cut off, cut off, then back. Live and from the journal alike.
    void containerStatesOverrideTheRole()
    {
        const auto command = [](qint64 ms, const char* line) {
            FaultAction action = fault(ms, line);
            action.endNs = action.startNs + 100 * Ms;
            return action;
        };
        StoredRun run;
        run.info.startNs = RunStartNs;
        run.info.endNs = RunStartNs + 50'000 * Ms;
        run.faults = { command(10'000, "docker pause x-patroni1"),
            command(20'000, "docker network disconnect x_lab x-patroni1"), command(30'000, "docker unpause x-patroni1"),
            command(40'000, "docker network connect --alias patroni1 x_lab x-patroni1") };
        run.events = { ::event(10'500, EventKind::ContainerStateChanged, "x-patroni1", "running", "paused"),
            ::event(30'200, EventKind::ContainerStateChanged, "x-patroni1", "paused", "running") };
        run.snapshots << StateSnapshot { RunStartNs, clusterState(false) };
        const QString expected = QStringLiteral(
            "[0.00..10.50 leader \"leader\"] [10.50..20.00 paused \"paused (was leader)\"] "
            "[20.00..30.20 paused \"paused, cut off (was leader)\"] [30.20..40.00 cut-off \"cut off (was leader)\"] "
            "[40.00..50.00 leader \"leader\"]");

        TimelineView past;
        past.showRun(run, RunAnalyzer::analyze({}, run.faults, run.events, run.info.startNs, run.info.endNs));
        QCOMPARE(describe(past.laneSegments(QStringLiteral("patroni1"))), expected);
        QCOMPARE(past.laneSegments(QStringLiteral("patroni1")).at(2).shortLabel, QStringLiteral("paused, cut off"));

        TimelineView live;
        live.setRunStart(RunStartNs);
        live.setInitialState(clusterState(false));
        for (const FaultAction& action : run.faults) {
            for (const ClusterEvent& e : run.events) {
                if (e.timeNs < action.endNs && e.timeNs >= action.endNs - 10'000 * Ms) {
                    live.addEvent(e);
                }
            }
            live.addFault(action);
        }
        live.setAnalysis(RunAnalyzer::analyze({}, run.faults, run.events, run.info.startNs, run.info.endNs));
        QCOMPARE(describe(live.laneSegments(QStringLiteral("patroni1"))), expected);

        // Cut off when the live run starts (the topology's judgement): the lane says so from zero.
        TimelineView cutAtStart;
        cutAtStart.setRunStart(RunStartNs);
        cutAtStart.setInitialState(clusterState(false), { QStringLiteral("x-patroni2") });
        QCOMPARE(cutAtStart.laneSegments(QStringLiteral("patroni2")).first().state, QStringLiteral("cut-off"));
        QCOMPARE(cutAtStart.laneSegments(QStringLiteral("patroni2")).first().label, QStringLiteral("cut off"));
    }

    // A stopped leader demotes itself while docker stop waits for it (recorded on the lab: role Replica and
    // state stopped at 11.86 s, the container exited at 12.71 s, docker stop returned at 12.4 s): it still was
    // the leader, live (the command arrives after the demotion) as from the journal.
    void aStoppedLeaderWasTheLeader()
    {
        StoredRun run;
        run.info.startNs = RunStartNs;
        run.info.endNs = RunStartNs + 30'000 * Ms;
        FaultAction stop = fault(10'400, "docker stop --time 10 x-patroni1");
        stop.endNs = RunStartNs + 12'400 * Ms;
        run.faults = { stop };
        run.events = { ::event(11'860, EventKind::LeaderChanged, "", "patroni1", ""),
            ::event(11'860, EventKind::MemberRoleChanged, "patroni1", "Leader", "Replica"),
            ::event(11'860, EventKind::MemberStateChanged, "patroni1", "running", "stopped"),
            ::event(12'130, EventKind::LeaderChanged, "", "", "patroni2"),
            ::event(12'130, EventKind::MemberRoleChanged, "patroni2", "Replica", "Leader"),
            ::event(12'710, EventKind::ContainerStateChanged, "x-patroni1", "running", "exited") };
        run.snapshots << StateSnapshot { RunStartNs, clusterState(false) };
        const QString expected
            = QStringLiteral("[0.00..11.86 leader \"leader\"] [11.86..30.00 stopped \"stopped (was leader)\"]");
        const RunAnalysis analysis = RunAnalyzer::analyze({}, run.faults, run.events, run.info.startNs, run.info.endNs);

        TimelineView past;
        past.showRun(run, analysis);
        QCOMPARE(describe(past.laneSegments(QStringLiteral("patroni1"))), expected);

        TimelineView live;
        live.setRunStart(RunStartNs);
        live.setInitialState(clusterState(false));
        for (const ClusterEvent& e : run.events) {
            if (e.timeNs > stop.endNs && live.markerLabels().size() < 3) {
                live.addFault(stop);
            }
            live.addEvent(e);
        }
        live.setAnalysis(analysis);
        QCOMPARE(live.markerLabels().size(), 3);
        QCOMPARE(describe(live.laneSegments(QStringLiteral("patroni1"))), expected);
    }

    // The trimmed recordings give the outage windows of the whole recordings, and a cut-off member's lane says
    // "cut off" (and that it was the leader) from the disconnect to the reconnect, live as from the journal.
    void partitionLanes_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QStringList>("cutOff"); // member=its lane label while cut off
        QTest::newRow("leader-partition") << QStringLiteral("leader-partition.json")
                                          << QStringList { QStringLiteral("patroni1=cut off (was leader)") };
        QTest::newRow("leader and replica")
            << QStringLiteral("leader-and-replica-partition.json")
            << QStringList { QStringLiteral("patroni1=cut off"), QStringLiteral("patroni2=cut off (was leader)") };
    }

    void partitionLanes()
    {
        QFETCH(QString, fixture);
        QFETCH(QStringList, cutOff);
        const RecordedRun recorded = loadRecordedRun(fixture);
        const RunAnalysis analysis = analyse(recorded.run);
        const QList<UnavailabilityWindow> windows = analysis.writeWindows + analysis.readWindows;
        QCOMPARE(windows.size(), recorded.recordedWindows.size());
        for (const UnavailabilityWindow& expected : recorded.recordedWindows) {
            QVERIFY(std::any_of(windows.cbegin(), windows.cend(), [&](const UnavailabilityWindow& found) {
                // The fixture keeps starts and latencies in microseconds.
                return found.kind == expected.kind && qAbs(found.startNs - expected.startNs) < 2000
                    && qAbs(found.endNs - expected.endNs) < 2000;
            }));
        }

        TimelineView live;
        feedLive(live, recorded);
        live.setAnalysis(analysis);
        live.flushReplot();
        TimelineView past;
        past.showRun(recorded.run, analysis);
        past.flushReplot();
        for (const QString& entry : cutOff) {
            const QString member = entry.section(u'=', 0, 0);
            const QString label = entry.section(u'=', 1);
            double cutS = -1;
            double reconnectS = -1;
            for (const FaultAction& fault : recorded.run.faults) {
                if (fault.commandLine.endsWith(QStringLiteral("-") + member)) {
                    (fault.commandLine.contains(QLatin1StringView(" disconnect ")) ? cutS : reconnectS)
                        = recorded.seconds(fault.startNs);
                }
            }
            QVERIFY(cutS > 0 && reconnectS > cutS);
            for (TimelineView* view : { &live, &past }) {
                const Segments segments = view->laneSegments(member);
                const QString found = describe(segments);
                const auto cut = std::find_if(segments.cbegin(), segments.cend(),
                    [](const TimelineView::LaneSegment& s) { return s.state == QLatin1StringView("cut-off"); });
                QVERIFY2(cut != segments.cend(), qPrintable(found));
                QVERIFY2(qAbs(cut->startS - cutS) < 1e-6 && qAbs(cut->endS - reconnectS) < 1e-6, qPrintable(found));
                QCOMPARE(cut->label, label);
                QCOMPARE(cut->shortLabel, QStringLiteral("cut off"));
                QVERIFY2(std::count_if(segments.cbegin(), segments.cend(),
                             [](const TimelineView::LaneSegment& s) { return s.state == QLatin1StringView("cut-off"); })
                        == 1,
                    qPrintable(found));
                // Before the cut it had the role its label names; the member's key outlived the cut meanwhile.
                QVERIFY2(cut != segments.cbegin(), qPrintable(found));
                QCOMPARE((cut - 1)->state,
                    label.contains(QLatin1StringView("leader")) ? QStringLiteral("leader") : QStringLiteral("replica"));
            }
            QCOMPARE(describe(live.laneSegments(member)), describe(past.laneSegments(member)));
        }
    }

    // A report's figure of a partition experiment: no label overlaps another or leaves the figure, every fault
    // and outage is labelled, the cut-off lane says so during the cut, and the frame holds the faults and outages
    // at full scale while the healing tail is shaded and, when it would dominate, compressed.
    void partitionFigure_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("compressed");
        QTest::newRow("leader-partition, 1600x900")
            << QStringLiteral("leader-partition.json") << QSize(1600, 900) << false;
        QTest::newRow("leader-partition, 1000x600")
            << QStringLiteral("leader-partition.json") << QSize(1000, 600) << false;
        QTest::newRow("leader and replica, 1600x900")
            << QStringLiteral("leader-and-replica-partition.json") << QSize(1600, 900) << true;
        QTest::newRow("leader and replica, 1000x600")
            << QStringLiteral("leader-and-replica-partition.json") << QSize(1000, 600) << true;
    }

    void partitionFigure()
    {
        using LabelKind = TimelineView::LabelGeometry::Kind;
        QFETCH(QString, fixture);
        QFETCH(QSize, size);
        QFETCH(bool, compressed);
        const RecordedRun recorded = loadRecordedRun(fixture);
        TimelineView view;
        view.resize(1600, 900);
        view.setTitle(QStringLiteral("Partition experiment — %1").arg(fixture));
        view.showRun(recorded.run, analyse(recorded.run));
        view.flushReplot();
        const auto screenRange = view.visibleRange();

        TimelineView::ExportOptions options;
        options.sizePx = size;
        TimelineView::RenderGeometry geometry;
        const QImage image = view.renderImage(options, &geometry);
        if (const QString keep = qEnvironmentVariable("LAB_TEST_ARTIFACTS_DIR"); !keep.isEmpty()) {
            image.save(QDir(keep).filePath(
                QStringLiteral("%1-%2x%3.png").arg(fixture.chopped(5)).arg(size.width()).arg(size.height())));
        }
        const QList<TimelineView::LabelGeometry>& labels = geometry.labels;
        const QString problems = labelProblems(labels, QRectF(image.rect()), QRectF(geometry.plotArea));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const auto count = [&labels](LabelKind kind) {
            return std::count_if(labels.cbegin(), labels.cend(), [kind](const auto& l) { return l.kind == kind; });
        };
        QVERIFY(count(LabelKind::Marker) >= recorded.run.faults.size());
        QCOMPARE(count(LabelKind::Outage), view.shownWindows().size());
        for (const auto& label : labels) {
            if (label.kind == LabelKind::Lane) {
                QVERIFY2(QRectF(geometry.laneArea).contains(label.rect), qPrintable(label.text));
            }
        }

        // The frame: a little before the first fault to a little after the last outage, at full scale.
        const TimelineLayout::Frame& frame = geometry.frame;
        QVERIFY(frame.framed);
        QCOMPARE(geometry.xLower, frame.lowerS);
        const auto xOf = [&](double s) {
            return geometry.plotArea.left()
                + (frame.map.toAxis(s) - geometry.xLower) / (geometry.xUpper - geometry.xLower)
                * geometry.plotArea.width();
        };
        const double firstFaultS = recorded.seconds(recorded.run.faults.first().startNs);
        QVERIFY(frame.lowerS > 0 && frame.lowerS < firstFaultS - 1);
        QVERIFY(frame.lowerS > firstFaultS - 10);
        for (const FaultAction& fault : recorded.run.faults) {
            QVERIFY(recorded.seconds(fault.endNs) <= frame.experimentEndS);
        }
        for (const UnavailabilityWindow& window : view.shownWindows()) {
            QVERIFY(recorded.seconds(window.startNs) >= frame.lowerS);
            QVERIFY(recorded.seconds(window.endNs) <= frame.experimentEndS);
        }
        QVERIFY(xOf(frame.lowerS) >= geometry.plotArea.left() - 1);
        QVERIFY(xOf(frame.upperS) <= geometry.plotArea.right() + 1);
        QCOMPARE(frame.upperS, view.dataEndS());

        // The healing tail: shaded, labelled, and compressed when it would take much of the figure.
        QVERIFY(frame.healing);
        QVERIFY(frame.hasTail());
        const auto tail
            = std::find_if(labels.cbegin(), labels.cend(), [](const auto& l) { return l.kind == LabelKind::Tail; });
        QVERIFY(tail != labels.cend());
        QVERIFY2(tail->text.startsWith(QStringLiteral("healing")), qPrintable(tail->text));
        QCOMPARE(frame.map.compressed(), compressed);
        const double fullScalePxPerS = geometry.plotArea.width() / (geometry.xUpper - geometry.xLower);
        const double tailPx = xOf(frame.upperS) - xOf(frame.experimentEndS);
        const double tailS = frame.upperS - frame.experimentEndS;
        if (compressed) {
            QVERIFY2(tailS > frame.experimentEndS - frame.lowerS, "the recorded healing is longer than the experiment");
            QVERIFY2(tailPx <= 0.13 * geometry.plotArea.width(), qPrintable(QString::number(tailPx)));
            QVERIFY(tailPx < tailS * fullScalePxPerS / 4);
            QVERIFY2(tail->text.contains(QLatin1StringView("compressed")), qPrintable(tail->text));
        } else {
            QVERIFY(qAbs(tailPx - tailS * fullScalePxPerS) < 1);
        }

        // The cut-off leader's lane label stands in its lane during the cut.
        const auto cutLabel = std::find_if(labels.cbegin(), labels.cend(), [](const auto& l) {
            return l.kind == LabelKind::Lane && l.text == QLatin1StringView("cut off (was leader)");
        });
        QVERIFY(cutLabel != labels.cend());
        QVERIFY(cutLabel->rect.left() > xOf(firstFaultS));
        QVERIFY(cutLabel->rect.right() < xOf(recorded.seconds(recorded.run.faults.last().startNs)));

        // The window itself still shows the whole run.
        QCOMPARE(view.visibleRange(), screenRange);
        QCOMPARE(screenRange.first, 0.0);
    }

    // On screen, at a size a laptop gives the timeline, the labels keep apart and inside the widget too.
    void partitionWidgetLabels_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QSize>("size");
        for (const char* fixture : { "leader-partition.json", "leader-and-replica-partition.json" }) {
            for (const QSize size : { QSize(1000, 560), QSize(700, 420) }) {
                QTest::addRow("%s %dx%d", fixture, size.width(), size.height()) << QString::fromLatin1(fixture) << size;
            }
        }
    }

    void partitionWidgetLabels()
    {
        QFETCH(QString, fixture);
        QFETCH(QSize, size);
        const RecordedRun recorded = loadRecordedRun(fixture);
        TimelineView view;
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showRun(recorded.run, analyse(recorded.run));
        view.flushReplot();
        view.flushReplot(); // the second settles the latency range the labels asked for
        // Settled: the labels' latency range does not make the plot replot itself over and over.
        const int replots = view.replotCount();
        QTest::qWait(250); // more than two replot intervals
        QVERIFY2(view.replotCount() - replots <= 1, qPrintable(QString::number(view.replotCount() - replots)));
        if (const QString keep = qEnvironmentVariable("LAB_TEST_ARTIFACTS_DIR"); !keep.isEmpty()) {
            view.grab().save(QDir(keep).filePath(
                QStringLiteral("widget-%1-%2x%3.png").arg(fixture.chopped(5)).arg(size.width()).arg(size.height())));
        }
        const QList<TimelineView::LabelGeometry> labels = view.labelGeometry();
        QVERIFY(!labels.isEmpty());
        const QString problems
            = labelProblems(labels, QRectF(view.plot()->rect()), QRectF(view.plot()->axisRect()->rect()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        // Zoomed into the cut, the outage label that starts left of the view stays whole inside it.
        const double cutS = recorded.seconds(recorded.run.faults.first().startNs);
        view.setVisibleRange(cutS + 5, cutS + 25);
        view.flushReplot();
        const QList<TimelineView::LabelGeometry> zoomed = view.labelGeometry();
        const QString zoomProblems
            = labelProblems(zoomed, QRectF(view.plot()->rect()), QRectF(view.plot()->axisRect()->rect()));
        QVERIFY2(zoomProblems.isEmpty(), qPrintable(zoomProblems));
        QVERIFY(std::any_of(zoomed.cbegin(), zoomed.cend(), [](const auto& l) {
            return l.kind == TimelineView::LabelGeometry::Kind::Outage && l.text.startsWith(QStringLiteral("write"));
        }));
    }

    // The placement rules alone, in a 600×300 plot.
    void labelLayoutRules()
    {
        using TimelineLayout::LabelRequest;
        const QRectF plot(50, 20, 600, 300);
        TimelineLayout::LabelArea area;
        area.plot = plot;
        area.rowHeight = 17;
        const auto marker = [](double x) {
            LabelRequest label;
            label.kind = LabelRequest::Kind::Marker;
            label.startPx = label.endPx = x;
            label.size = QSizeF(220, 16);
            label.shortSize = QSizeF(70, 16);
            return label;
        };
        const auto region = [](double from, double to) {
            LabelRequest label;
            label.kind = LabelRequest::Kind::Region;
            label.startPx = from;
            label.endPx = to;
            label.size = QSizeF(150, 16);
            label.shortSize = QSizeF(50, 16);
            return label;
        };
        QList<LabelRequest> labels;
        for (int i = 0; i < 20; ++i) {
            labels << marker(300 + 4 * i); // twenty commands within 80 px
        }
        labels << marker(648); // at the right edge: left of its line
        labels << region(-200, 120); // an outage that began before the view
        labels << region(600, 900); // one that goes on after it
        labels << region(300, 320);
        const QList<TimelineLayout::LabelPlacement> placed = TimelineLayout::placeLabels(labels, area);
        QCOMPARE(placed.size(), labels.size());
        double lowestMarker = 0;
        int shortOnes = 0;
        int hidden = 0;
        for (qsizetype i = 0; i < placed.size(); ++i) {
            if (!placed.at(i).visible) {
                ++hidden;
                continue;
            }
            const QRectF& rect = placed.at(i).rect;
            QVERIFY2(plot.contains(rect), qPrintable(QString::number(i)));
            for (qsizetype j = i + 1; j < placed.size(); ++j) {
                QVERIFY(!placed.at(j).visible || !TimelineLayout::overlaps(rect, placed.at(j).rect));
            }
            if (labels.at(i).kind == LabelRequest::Kind::Marker) {
                lowestMarker = std::max(lowestMarker, rect.bottom());
                shortOnes += placed.at(i).shortText;
            }
        }
        QVERIFY(placed.first().visible && !placed.first().shortText); // the first command in full
        QVERIFY(shortOnes > 0); // the crowd falls back to short texts…
        QVERIFY(hidden > 0 && hidden < 20); // …and drops the rest rather than overlap
        QVERIFY(lowestMarker <= plot.top() + 2 + 0.45 * plot.height() + 17);
        const QRectF edge = placed.at(20).rect;
        QVERIFY(placed.at(20).visible && edge.right() <= 648 && edge.right() > 640);
        QVERIFY(placed.at(21).visible && placed.at(21).rect.left() >= plot.left());
        QVERIFY(placed.at(22).visible && placed.at(22).rect.right() <= plot.right());
        // The narrow outage under the crowd finds a row below it, in full.
        QVERIFY(placed.at(23).visible && !placed.at(23).shortText);
        // An outage where no marker is stands in the top row.
        QCOMPARE(placed.at(21).rect.top(), plot.top() + 2);
    }

    void frameOfAnExperiment_data()
    {
        QTest::addColumn<QList<double>>("faults"); // start, end, start, end …
        QTest::addColumn<double>("healStartS"); // < 0: not known
        QTest::addColumn<QList<double>>("outages"); // start, end …
        QTest::addColumn<double>("runEndS");
        QTest::addColumn<QList<double>>("expected"); // lower, experiment end, tail start, compressed (0/1)
        QTest::newRow("no fault: the whole run")
            << QList<double> {} << -1.0 << QList<double> { 5, 8 } << 100.0 << QList<double> { 0, 100, 100, 0 };
        QTest::newRow("minutes of healing after a partition")
            << QList<double> { 10, 10.2, 40, 40.1 } << 45.0 << QList<double> { 10.5, 35 } << 300.0
            << QList<double> { 8, 42.1, 42.1, 1 };
        QTest::newRow("the heal ends the last outage")
            << QList<double> { 10, 12, 33, 33.4, 57, 57.3, 133.5, 133.9, 133.9, 134.2 } << 133.4
            << QList<double> { 9, 18, 92, 119, 118, 134.3 } << 137.8 << QList<double> { 0, 137.8, 133.4, 0 };
        QTest::newRow("the heal's commands do not stretch the experiment") << QList<double> { 10, 10.1, 100,
            100.2 } << 90.0 << QList<double> { 10.5, 30 } << 110.0 << QList<double> { 8, 32, 32, 1 };
        QTest::newRow("a short rest is drawn at full scale")
            << QList<double> { 10, 10.2 } << -1.0 << QList<double> { 10.5, 40 } << 45.0
            << QList<double> { 8, 42, 42, 0 };
    }

    void frameOfAnExperiment()
    {
        QFETCH(QList<double>, faults);
        QFETCH(double, healStartS);
        QFETCH(QList<double>, outages);
        QFETCH(double, runEndS);
        QFETCH(QList<double>, expected);
        TimelineLayout::FrameInput input;
        input.runEndS = runEndS;
        for (qsizetype i = 0; i + 1 < faults.size(); i += 2) {
            input.faults.append({ faults.at(i), faults.at(i + 1) });
        }
        for (qsizetype i = 0; i + 1 < outages.size(); i += 2) {
            input.outages.append({ outages.at(i), outages.at(i + 1) });
        }
        if (healStartS >= 0) {
            input.healStartS = healStartS;
        }
        const TimelineLayout::Frame frame = TimelineLayout::frameExperiment(input);
        QCOMPARE(frame.framed, !faults.isEmpty());
        QVERIFY2(qAbs(frame.lowerS - expected.at(0)) < 1e-9, qPrintable(QString::number(frame.lowerS)));
        QVERIFY2(qAbs(frame.experimentEndS - expected.at(1)) < 1e-9, qPrintable(QString::number(frame.experimentEndS)));
        QVERIFY2(qAbs(frame.tailStartS - expected.at(2)) < 1e-9, qPrintable(QString::number(frame.tailStartS)));
        QCOMPARE(frame.upperS, runEndS);
        QCOMPARE(frame.healing, healStartS >= 0);
        QCOMPARE(frame.map.compressed(), expected.at(3) > 0);
        if (frame.map.compressed()) {
            // The tail takes its share of the width, no more; the map is continuous and goes both ways.
            const double full = frame.experimentEndS - frame.lowerS;
            const double tail = frame.map.toAxis(frame.upperS) - frame.experimentEndS;
            QVERIFY(qAbs(tail / (tail + full) - 0.12) < 1e-9);
            QCOMPARE(frame.map.toAxis(frame.experimentEndS), frame.experimentEndS);
            QVERIFY(qAbs(frame.map.toSeconds(frame.map.toAxis(200)) - 200) < 1e-9 || runEndS < 200);
        }
    }

    // An audit's lost writes are crosses where they were acknowledged, named in the legend; clear forgets them.
    void lostWritesAreMarked()
    {
        auto operations = generateOperations();
        for (size_t i = 0; i < operations.size(); ++i) {
            operations[i].sequence = qint64(i) + 1; // as the generator numbers its inserts
        }
        const StoredRun run = storedRun(operations);
        RunAnalysis analysis = RunAnalyzer::analyze(run.operations, run.faults, run.events, RunStartNs, RunStartNs + RunMs * Ms);
        QList<qint64> acknowledged;
        for (const OperationRecord& operation : operations) {
            if (operation.kind == OperationRecord::Kind::Insert && operation.ok() && acknowledged.size() < 7) {
                acknowledged << operation.sequence;
            }
        }
        QCOMPARE(acknowledged.size(), 7);
        analysis.summary.audit.performed = true;
        analysis.summary.audit.lostSequences = acknowledged;
        TimelineView view;
        view.resize(1200, 700);
        view.showRun(run, analysis);
        view.flushReplot();
        QCOMPARE(view.lostWriteCount(), 7);
        const QImage withCrosses = view.renderImage(TimelineView::ExportOptions{});
        QVERIFY(!withCrosses.isNull());
        view.markLostWrites(run.operations, WriteAudit{});
        QCOMPARE(view.lostWriteCount(), 0);
        view.showRun(run, analysis);
        QCOMPARE(view.lostWriteCount(), 7);
        view.clear();
        QCOMPARE(view.lostWriteCount(), 0);
    }

    // A fault inside a container says its parameters on its marker, as NodeActions::describe writes them.
    void faultMarkersCarryTheParameters_data()
    {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("shortLabel");
        const QString helper = QStringLiteral(
            "docker run --rm --pull never --label org.patroni-lab.fault-helper=true --network container:demo-%1 "
            "--pid container:demo-%1 --cap-add NET_ADMIN --entrypoint /usr/local/bin/lab-fault patroni-lab-node:abc %2");
        QTest::newRow("impair") << helper.arg(QStringLiteral("patroni1"), QStringLiteral("impair delay 100 20")) << 0
                                << QStringLiteral("impair delay 100 ms ±20 ms patroni1");
        QTest::newRow("partition")
            << helper.arg(QStringLiteral("patroni1"),
                          QStringLiteral("partition etcd1=172.30.55.11 etcd2=172.30.55.12 etcd3=172.30.55.13"))
            << 0 << QStringLiteral("partition from etcd1 etcd2 etcd3 patroni1");
        QTest::newRow("failed freeze") << helper.arg(QStringLiteral("patroni2"), QStringLiteral("freeze-postgres")) << 1
                                       << QStringLiteral("freeze-postgres patroni2 (failed)");
        QTest::newRow("limit-cpu") << QStringLiteral("docker update --cpus 0.2 demo-patroni2") << 0
                                   << QStringLiteral("limit-cpu 0.2 patroni2");
        QTest::newRow("stop keeps its word") << QStringLiteral("docker stop --time 10 demo-patroni3") << 0
                                             << QStringLiteral("stop patroni3");
    }
    void faultMarkersCarryTheParameters()
    {
        QFETCH(QString, commandLine);
        QFETCH(int, exitCode);
        QFETCH(QString, shortLabel);
        TimelineView view;
        view.setRunStart(RunStartNs);
        FaultAction action = fault(10'000, "");
        action.commandLine = commandLine;
        action.exitCode = exitCode;
        view.addFault(action);
        QCOMPARE(view.markerShortLabels(), QStringList{shortLabel});
        QCOMPARE(view.markerLabels().size(), 1);
        QVERIFY(view.markerLabels().first().startsWith(commandLine));
    }

    void clearForgetsTheRun()
    {
        const auto operations = generateOperations();
        TimelineView view;
        feedLive(view, operations);
        view.flushReplot();
        QVERIFY(view.pointCount() > 0);
        view.clear();
        view.flushReplot();
        QCOMPARE(view.pointCount(), 0);
        QVERIFY(view.laneNames().isEmpty());
        QVERIFY(view.shownWindows().isEmpty());
        QVERIFY(view.markerLabels().isEmpty());
        QCOMPARE(view.plottedPointCount(), 0);
        QVERIFY(view.replotCount() > 0);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
