// SPDX-License-Identifier: GPL-3.0-or-later
// TimelineView on a synthetic run that tells the lab report's story: patroni1 is stopped, writes are refused until
// patroni2 takes over; later etcd loses quorum and the leader turns read-only. Checked: the live windows, the lanes
// (live and rebuilt from a stored run), following, and the exports (PNG pixels, PDF, SVG, errors).
#include "runanalysis.h"
#include "timelineview.h"

#include <QApplication>
#include <QFile>
#include <QImageReader>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <qcustomplot.h>

#include <algorithm>

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
                up ? QStringLiteral("UP") : QStringLiteral("DOWN"), QString(), up });
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
    }

    void lanes_data()
    {
        QTest::addColumn<QString>("lane");
        QTest::addColumn<QStringList>("expected"); // "start end state label", end -1: to the end of the data

        QTest::newRow("patroni1: leader, stopped, unreachable, replica")
            << QStringLiteral("patroni1")
            << QStringList { QStringLiteral("0 30.5 leader leader"), QStringLiteral("30.5 101 stopped stopped"),
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
        // Rows free of points and texts: on the log axis from 0.05 to 100 ms, about 0.17 to 0.5 ms.
        QCOMPARE(view.plot()->yAxis->range(), QCPRange(0.05, 100));
        const int top = geometry.plotArea.top() + geometry.plotArea.height() * 70 / 100;
        const int bottom = geometry.plotArea.top() + geometry.plotArea.height() * 82 / 100;
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
