// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "dockerruntime.h"
#include "labclock.h"
#include "runexport.h"
#include "scenariorunner.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QImageWriter>
#include <QJsonArray>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

// QCustomPlot lays itself out only inside replot() and the export functions; rendering at another size needs the
// layout (pixel positions of labels, the bucket width) before drawing.
class TimelinePlot final : public QCustomPlot
{
public:
    using QCustomPlot::QCustomPlot;
    void layoutNow() { updateLayout(); }
};

// Seconds on the time axes, also where a report compresses the tail: there the axis units are not seconds, so the
// ticks are chosen in seconds (a few, at round values) and labelled with them.
class TimelineTicker final : public QCPAxisTicker
{
public:
    TimelineLayout::TimeAxisMap map;

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision, QVector<double>& ticks,
        QVector<double>* subTicks, QVector<QString>* tickLabels) override
    {
        if (!map.compressed() || range.upper <= map.breakS || range.lower >= map.breakS) {
            QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
            if (map.compressed() && range.lower >= map.breakS && tickLabels) {
                for (int i = 0; i < ticks.size(); ++i) {
                    (*tickLabels)[i] = getTickLabel(map.toSeconds(ticks.at(i)), locale, formatChar, precision);
                }
            }
            return;
        }
        QCPAxisTicker::generate(
            QCPRange(range.lower, map.breakS), locale, formatChar, precision, ticks, subTicks, tickLabels);
        // The compressed part: round seconds at least as far apart on the axis as the full-scale ticks, and none
        // crowding the break.
        const double linearStep = ticks.size() >= 2 ? ticks.at(1) - ticks.at(0) : range.size() / 5;
        const double fromS = map.breakS;
        const double toS = map.toSeconds(range.upper);
        const double wanted = 0.8 * linearStep / map.factor;
        const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(1e-9, wanted))));
        double step = magnitude * 10;
        for (const double factor : { 1.0, 2.0, 5.0, 10.0 }) {
            if (magnitude * factor >= wanted) {
                step = magnitude * factor;
                break;
            }
        }
        const double minimumGap = 0.5 * linearStep;
        QList<double> seconds;
        for (double second = std::ceil(fromS / step) * step; second <= toS; second += step) {
            seconds << second;
        }
        if (seconds.isEmpty() || map.toAxis(seconds.first()) - map.breakS < minimumGap) {
            // Too short for a round step: one tick near the end tells the scale.
            const double nearEnd = std::floor(toS / (step / 10)) * (step / 10);
            if (seconds.isEmpty() || nearEnd > seconds.last()) {
                seconds << nearEnd;
            }
        }
        for (const double second : std::as_const(seconds)) {
            const double axis = map.toAxis(second);
            if (axis - map.breakS < minimumGap || axis > range.upper) {
                continue;
            }
            ticks << axis;
            if (tickLabels) {
                *tickLabels << getTickLabel(second, locale, formatChar, precision);
            }
        }
    }
};

// Decades of latency, none above labelLimit: the axis reaches higher only to keep the labels off the points, and
// an unlabelled band says so better than ticks at latencies nobody measured.
class LatencyTicker final : public QCPAxisTickerLog
{
public:
    double labelLimit = std::numeric_limits<double>::infinity();

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision, QVector<double>& ticks,
        QVector<double>* subTicks, QVector<QString>* tickLabels) override
    {
        QCPAxisTickerLog::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
        const double limit = labelLimit * 1.0001;
        while (!ticks.isEmpty() && ticks.last() > limit) {
            ticks.removeLast();
            if (tickLabels && !tickLabels->isEmpty()) {
                tickLabels->removeLast();
            }
        }
        if (subTicks) {
            subTicks->erase(std::remove_if(subTicks->begin(), subTicks->end(), [limit](double t) { return t > limit; }),
                subTicks->end());
        }
    }
};

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using Category = TimelineView::Category;

constexpr double LatencyFloorMs = 0.1; // failures answered "at once" still need a place on a log axis
constexpr double FollowWindowS = 60;
constexpr int ReplotIntervalMs = 100; // at most ten replots a second
constexpr double ScreenDpi = 96;
// The latency plot keeps at least this share of the figure's height; lanes that do not fit beside it are left out.
constexpr double MainPlotShare = 0.36;
constexpr double LaneBarHalfHeight = 0.42; // of a lane row, each side of its centre
const QString ShadingLayer = QStringLiteral("shading");
const QString MarkerLayer = QStringLiteral("markers");
const QString LabelLayer = QStringLiteral("labels"); // over every marker line, so no line crosses a label
const QString PrimaryListener = QStringLiteral("primary");

Category categoryOf(const OperationRecord& operation)
{
    if (operation.outcome == Outcome::Indeterminate) {
        return Category::Indeterminate;
    }
    if (operation.ok()) {
        return operation.kind == Kind::Read ? Category::ReadOk : Category::InsertOk;
    }
    switch (operation.errorClass) {
    case ErrorClass::ConnectionRefused:
        return Category::ConnectionRefused;
    case ErrorClass::ConnectionLost:
        return Category::ConnectionLost;
    case ErrorClass::ReadOnly:
        return Category::ReadOnly;
    case ErrorClass::ShuttingDown:
        return Category::ShuttingDown;
    case ErrorClass::DeadlineExceeded:
        return Category::DeadlineExceeded;
    case ErrorClass::Authentication:
        return Category::Authentication;
    case ErrorClass::None:
    case ErrorClass::Other:
        break;
    }
    return Category::OtherFailure;
}

QColor laneColor(const QString& state)
{
    static const QHash<QString, QColor> colors {
        { QStringLiteral("leader"), QColor(46, 125, 50) },
        { QStringLiteral("replica"), QColor(129, 180, 230) },
        { QStringLiteral("stopped"), QColor(110, 110, 110) },
        { QStringLiteral("unreachable"), QColor(229, 57, 53) },
        { QStringLiteral("paused"), QColor(255, 167, 38) },
        { QStringLiteral("cut-off"), QColor(179, 157, 219) },
        { QStringLiteral("unknown"), QColor(200, 200, 200) },
        { QStringLiteral("quorum"), QColor(129, 199, 132) },
        { QStringLiteral("no-quorum"), QColor(229, 57, 53) },
        { QStringLiteral("routed"), QColor(144, 202, 249) },
        { QStringLiteral("none"), QColor(229, 57, 53) },
    };
    return colors.value(state, QColor(200, 200, 200));
}

bool darkBackground(const QColor& color)
{
    return color.lightnessF() < 0.45;
}

QColor windowColor(Kind kind)
{
    // Light red for writes, lighter for reads: over white they stay behind the points.
    return kind == Kind::Read ? QColor(255, 60, 60, 28) : QColor(255, 60, 60, 64);
}

void setPlotX(QCPItemPosition* position, QCPAxisRect* rect, double x, double yRatio)
{
    position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    position->setAxisRect(rect);
    position->setTypeX(QCPItemPosition::ptPlotCoords);
    position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    position->setCoords(x, yRatio);
}

QString jsonString(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1StringView(key)).toString();
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// Construction

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_tracker(std::make_unique<LiveOutageTracker>())
{
    setupPlot();
    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(ReplotIntervalMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &TimelineView::onReplotTimer);
}

TimelineView::~TimelineView() = default;

QCustomPlot* TimelineView::plot() const
{
    return m_plot;
}

void TimelineView::setupPlot()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new TimelinePlot(this);
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    m_plot->setMinimumHeight(12 * QFontMetrics(font()).height()); // see setPresentationMode
    layout->addWidget(m_plot);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->addLayer(ShadingLayer, m_plot->layer(QStringLiteral("grid")), QCustomPlot::limBelow);
    m_plot->addLayer(MarkerLayer, m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_plot->addLayer(LabelLayer, m_plot->layer(MarkerLayer), QCustomPlot::limAbove);

    m_mainRect = m_plot->axisRect();
    QCPAxis* x = m_mainRect->axis(QCPAxis::atBottom);
    QCPAxis* y = m_mainRect->axis(QCPAxis::atLeft);
    x->setLabel(tr("Time since start (s)"));
    y->setLabel(tr("Latency (ms, log)"));
    y->setScaleType(QCPAxis::stLogarithmic);
    auto logTicker = QSharedPointer<LatencyTicker>::create();
    logTicker->setSubTickCount(8);
    y->setTicker(logTicker);
    y->setNumberFormat(QStringLiteral("g"));
    y->setNumberPrecision(6);
    y->grid()->setSubGridVisible(false);
    y->setRange(LatencyFloorMs / 2, 10);
    x->setRange(0, FollowWindowS);
    m_ticker = QSharedPointer<TimelineTicker>::create();
    x->setTicker(m_ticker);
    // Time is the only thing to zoom and pan: latencies keep their scale.
    m_mainRect->setRangeDrag(Qt::Horizontal);
    m_mainRect->setRangeZoom(Qt::Horizontal);
    m_mainRect->setRangeDragAxes(x, nullptr);
    m_mainRect->setRangeZoomAxes(x, nullptr);
    m_mainRect->setMinimumSize(QSize(0, 30)); // fitToViewport keeps it at MainPlotShare of the height

    m_laneRect = new QCPAxisRect(m_plot);
    m_laneRect->setRangeDrag(Qt::Horizontal);
    m_laneRect->setRangeZoom(Qt::Horizontal);
    QCPAxis* laneX = m_laneRect->axis(QCPAxis::atBottom);
    QCPAxis* laneY = m_laneRect->axis(QCPAxis::atLeft);
    m_laneRect->setRangeDragAxes(laneX, nullptr);
    m_laneRect->setRangeZoomAxes(laneX, nullptr);
    laneX->setLabel(tr("Time since start (s)"));
    laneX->setTicker(m_ticker);
    laneY->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    laneY->setRangeReversed(true);
    laneY->grid()->setVisible(false);
    laneY->setTickLength(0, 0);
    laneY->setSubTicks(false);
    m_marginGroup = new QCPMarginGroup(m_plot);
    m_mainRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_marginGroup);
    m_laneRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_marginGroup);

    for (int i = 0; i < CategoryCount; ++i) {
        const auto category = static_cast<Category>(i);
        QCPGraph* graph = m_plot->addGraph(x, y);
        graph->setName(categoryName(category));
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor color = categoryColor(category);
        const bool ok = category == Category::InsertOk || category == Category::ReadOk;
        if (category == Category::Indeterminate) {
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), Qt::NoBrush, 7));
        } else {
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, ok ? 3 : 5));
        }
        graph->setAdaptiveSampling(false); // the data is decimated already, see rebuildDecimation
        graph->removeFromLegend();
        m_graphs[static_cast<size_t>(i)] = graph;
    }
    m_lostGraph = m_plot->addGraph(x, y);
    m_lostGraph->setName(tr("acknowledged, then lost"));
    m_lostGraph->setLineStyle(QCPGraph::lsNone);
    m_lostGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QPen(Qt::black, 2), Qt::NoBrush, 9));
    m_lostGraph->setAdaptiveSampling(false);
    m_lostGraph->removeFromLegend();
    // Failures over the successes.
    for (QCPGraph* graph : m_graphs) {
        if (graph != m_graphs[0] && graph != m_graphs[1]) {
            graph->setLayer(QStringLiteral("main"));
        }
    }

    m_titleElement = new QCPTextElement(m_plot, QString(), QFont(font().family(), 12, QFont::Bold));
    QCPLegend* legend = m_plot->legend;
    legend->setVisible(true);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    // Two rows at most: ten classes in one row are clipped at report sizes.
    legend->setWrap(5);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    m_mainRect->insetLayout()->take(legend);
    updateLaneLayout();

    connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
        [this](const QCPRange& range) { onXRangeChanged(range.lower, range.upper); });
    connect(laneX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& range) {
        if (m_mainRect->axis(QCPAxis::atBottom)->range() != range) {
            m_mainRect->axis(QCPAxis::atBottom)->setRange(range);
        }
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) {
        resetRange();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_plot, &QCustomPlot::beforeReplot, this, &TimelineView::beforeReplot);
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        m_lastReplotNs = LabClock::nowNs() - m_replotStartedNs;
        ++m_replotCount;
        // The labels were placed in the plot's rectangle before the replot laid it out; a new latency range can
        // widen the tick labels and move it: place them again.
        if (m_mainRect->rect() != m_labelledRect && m_labelledRect.isValid()) {
            m_labelledRect = m_mainRect->rect();
            scheduleReplot();
        }
    });
}

QColor TimelineView::categoryColor(Category category)
{
    switch (category) {
    case Category::InsertOk:
        return QColor(44, 160, 44);
    case Category::ReadOk:
        return QColor(31, 119, 180);
    case Category::ConnectionRefused:
        return QColor(214, 39, 40);
    case Category::ConnectionLost:
        return QColor(227, 119, 194);
    case Category::ReadOnly:
        return QColor(148, 103, 189);
    case Category::ShuttingDown:
        return QColor(140, 86, 75);
    case Category::DeadlineExceeded:
        return QColor(20, 20, 20);
    case Category::Authentication:
        return QColor(23, 190, 207);
    case Category::OtherFailure:
        return QColor(127, 127, 127);
    case Category::Indeterminate:
        return QColor(255, 127, 14);
    }
    return Qt::gray;
}

QString TimelineView::categoryName(Category category)
{
    switch (category) {
    case Category::InsertOk:
        return tr("insert ok");
    case Category::ReadOk:
        return tr("read ok");
    case Category::ConnectionRefused:
        return tr("connection refused");
    case Category::ConnectionLost:
        return tr("connection lost");
    case Category::ReadOnly:
        return tr("read-only");
    case Category::ShuttingDown:
        return tr("shutting down");
    case Category::DeadlineExceeded:
        return tr("deadline exceeded");
    case Category::Authentication:
        return tr("authentication");
    case Category::OtherFailure:
        return tr("other error");
    case Category::Indeterminate:
        return tr("commit unknown");
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Data in

void TimelineView::clear()
{
    m_replotTimer.stop();
    m_lostWrites.clear();
    rebuildLostWrites();
    m_plot->clearItems();
    m_windowRects.clear();
    m_windowTexts.clear();
    m_markers.clear();
    m_lastLeaderMarker = -1;
    m_faultTimes.clear();
    m_healStartS.reset();
    m_tailRect = nullptr;
    m_tailText = nullptr;
    m_breakLines.clear();
    m_shownFrame.reset();
    m_axisMap = {};
    m_ticker->map = {};
    for (Lane& lane : m_lanes) {
        lane.bars.clear();
        lane.texts.clear();
    }
    m_lanes.clear();
    m_members.clear();
    m_cutOffContainers.clear();
    m_memberOrder.clear();
    m_etcdHealthy.clear();
    m_etcdHealthyCount = 0;
    m_etcdTotal = 0;
    m_etcdQuorum = true;
    m_etcdKnown = false;
    m_primaryBackendsUp.clear();
    m_haproxyReachable = true;
    m_haproxyKnown = false;
    m_patroniReachable = true;
    m_lanesChanged = true;
    m_points.clear();
    m_points.shrink_to_fit();
    m_categoryCounts.fill(0);
    m_legendMask = 0;
    m_plot->legend->clearItems();
    for (QCPGraph* graph : m_graphs) {
        graph->data()->clear();
    }
    m_maxLatencyMs = 1;
    m_labelShare = 0;
    m_labelledRect = QRect();
    m_dataEndS = 0;
    m_runEndS = 0;
    m_dataChanged = true;
    m_decimationValid = false;
    m_plottedPoints = 0;
    m_analysis.reset();
    m_shownWindows.clear();
    m_windowsRevision = 0;
    m_tracker->reset(m_runStartNs);
    m_live = true;
    updateLaneLayout();
    setXRangeProgrammatically(0, FollowWindowS);
    scheduleReplot();
}

void TimelineView::setRunStart(qint64 startNs)
{
    m_runStartNs = startNs;
    m_tracker->reset(startNs);
    m_live = true;
    scheduleReplot();
}

double TimelineView::toSeconds(qint64 ns) const
{
    return double(ns - m_runStartNs) / 1e9;
}

void TimelineView::appendOperations(const std::vector<OperationRecord>& operations, const StringTable& strings)
{
    Q_UNUSED(strings) // points need no texts; the table is part of the signature for tooltips to come
    if (m_live) {
        m_tracker->addOperations(operations);
    }
    appendPoints(operations, false);
    scheduleReplot();
}

void TimelineView::appendPoints(const std::vector<OperationRecord>& operations, bool sortAll)
{
    if (operations.empty()) {
        return;
    }
    bool unsorted = false;
    for (const OperationRecord& operation : operations) {
        if (operation.kind == Kind::Connect && operation.ok()) {
            continue;
        }
        const Category category = categoryOf(operation);
        const double latencyMs = std::max(LatencyFloorMs, double(operation.endNs - operation.startNs) / 1e6);
        const Point point { float(toSeconds(operation.startNs)), float(latencyMs), category };
        ++m_categoryCounts[static_cast<size_t>(category)];
        m_maxLatencyMs = std::max(m_maxLatencyMs, point.latencyMs);
        m_dataEndS = std::max(m_dataEndS, toSeconds(std::max(operation.endNs, operation.startNs)));
        m_points.push_back(point);
        if (sortAll || unsorted) {
            continue;
        }
        // Records come in about end order, so by start time they are out of place by a few positions: move the
        // new one back (like the analyzer's timeline sort); far out of place, sort the whole once.
        size_t at = m_points.size() - 1;
        int moves = 0;
        for (; at > 0 && m_points[at - 1].timeS > point.timeS && moves < 4096; --at, ++moves) {
            m_points[at] = m_points[at - 1];
        }
        m_points[at] = point;
        unsorted = moves >= 4096;
    }
    if (sortAll || unsorted) {
        std::stable_sort(
            m_points.begin(), m_points.end(), [](const Point& a, const Point& b) { return a.timeS < b.timeS; });
    }
    m_dataChanged = true;
    m_decimationValid = false;
}

void TimelineView::addFault(const FaultAction& fault)
{
    addFaultMarker(fault);
    applyFault(fault);
    scheduleReplot();
}

void TimelineView::addFaultMarker(const FaultAction& fault)
{
    const double atS = toSeconds(fault.startNs);
    const double endS = toSeconds(std::max(fault.endNs, fault.startNs));
    m_dataEndS = std::max(m_dataEndS, endS);
    m_faultTimes.append({ atS, endS });
    const QString label = fault.exitCode == 0 ? fault.commandLine : tr("%1 (failed)").arg(fault.commandLine);
    // Short: the action with its parameters and the containers' service names ("disconnect patroni2",
    // "impair delay 100 ms ±20 ms patroni1"); a switchover keeps its word. One command, one action for all its
    // containers ("docker start a b").
    QStringList targets;
    QString action;
    for (const NodeActionRequest& request : NodeActions::fromCommandLine(fault.commandLine)) {
        action = NodeActions::describe(request);
        targets << shortContainerName(request.container);
    }
    QString shortLabel = action.isEmpty() ? QString() : QStringLiteral("%1 %2").arg(action, targets.join(u' '));
    if (!shortLabel.isEmpty() && fault.exitCode != 0) {
        shortLabel = tr("%1 (failed)").arg(shortLabel);
    }
    addMarker(atS, label, shortLabel, false);
}

void TimelineView::applyFault(const FaultAction& fault)
{
    if (fault.exitCode != 0) {
        return;
    }
    bool changed = false;
    const double atS = toSeconds(fault.startNs);
    for (const NodeActionRequest& request : NodeActions::fromCommandLine(fault.commandLine)) {
        const QString member = memberForContainer(request.container);
        if (NodeActions::takesDown(request.action) && m_members.contains(member)) {
            // Its role when the command began (live, a fault arrives when it returned: after the demotion, maybe
            // after the container's new state).
            const QString before = laneStateAt(member, atS);
            if (before == QLatin1StringView("leader") || before == QLatin1StringView("replica")) {
                MemberFacts& facts = m_members[member];
                changed = changed || facts.lastRole != before;
                facts.lastRole = before;
                facts.lastRoleHeld = true;
            }
        }
        if (request.action == NodeAction::Disconnect || request.action == NodeAction::Connect) {
            // The lab's own commands move a node off and onto the cluster's shared network, and nothing else.
            m_cutOffContainers.insert(request.container, request.action == NodeAction::Disconnect);
            changed = true;
        }
    }
    if (changed) {
        // From the command's start, like its marker: docker cuts the network while the command runs, and the
        // first failures come before it returns.
        updateLaneStates(atS);
    }
}

QString TimelineView::shortContainerName(const QString& container) const
{
    const QString member = memberForContainer(container);
    if (!member.isEmpty()) {
        return member;
    }
    // <project>-<service> (the lab, the demo), or compose's <project>-<service>-<n>.
    const QStringList parts = container.split(u'-');
    if (parts.size() >= 3 && !parts.last().isEmpty()
        && std::all_of(parts.last().cbegin(), parts.last().cend(), [](QChar c) { return c.isDigit(); })) {
        return parts.mid(parts.size() - 2).join(u'-');
    }
    return parts.last().isEmpty() ? container : parts.last();
}

void TimelineView::addEvent(const ClusterEvent& event)
{
    const double atS = toSeconds(event.timeNs);
    m_dataEndS = std::max(m_dataEndS, atS);
    if (event.kind == ClusterEvent::Kind::LeaderChanged) {
        addMarker(atS, event.to.isEmpty() ? tr("no leader") : tr("leader → %1").arg(event.to),
            event.to.isEmpty() ? QString() : QStringLiteral("→ %1").arg(event.to), true);
        m_lastLeaderMarker = -1;
        for (qsizetype i = m_markers.size() - 1; i >= 0; --i) {
            if (m_markers.at(i).leaderChange && m_markers.at(i).timeS == atS) {
                m_lastLeaderMarker = i;
                break;
            }
        }
    } else if (event.kind == ClusterEvent::Kind::TimelineChanged && m_lastLeaderMarker >= 0) {
        // The observer reports the new timeline right after the new leader: one label says both.
        Marker& marker = m_markers[m_lastLeaderMarker];
        if (atS - marker.timeS <= 30 && !marker.label.contains(QLatin1StringView(", TL"))) {
            marker.label = tr("%1, TL %2").arg(marker.label, event.to);
            marker.text->setText(marker.label);
        }
    }
    applyEvent(event);
    scheduleReplot();
}

void TimelineView::addMarker(double timeS, const QString& label, const QString& shortLabel, bool leaderChange)
{
    Marker marker;
    marker.timeS = timeS;
    marker.label = label;
    marker.shortLabel = shortLabel;
    marker.leaderChange = leaderChange;
    marker.line = new QCPItemStraightLine(m_plot);
    marker.line->setLayer(MarkerLayer);
    marker.line->setClipAxisRect(m_mainRect);
    const QColor color = leaderChange ? QColor(106, 27, 154) : QColor(183, 28, 28);
    marker.line->setPen(QPen(color, 1.5, leaderChange ? Qt::DashDotLine : Qt::DashLine));
    setPlotX(marker.line->point1, m_mainRect, axisX(timeS), 0);
    setPlotX(marker.line->point2, m_mainRect, axisX(timeS), 1);
    marker.text = new QCPItemText(m_plot);
    marker.text->setLayer(LabelLayer);
    marker.text->setClipAxisRect(m_mainRect);
    marker.text->setText(label);
    marker.text->setColor(color);
    marker.text->setFont(labelFont());
    marker.text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    marker.text->setPadding(QMargins(2, 1, 2, 1));
    marker.text->setBrush(QColor(255, 255, 255, 200));
    marker.text->position->setType(QCPItemPosition::ptAbsolute); // placed by layoutMarkersAndTexts
    const auto at = std::upper_bound(
        m_markers.begin(), m_markers.end(), timeS, [](double t, const Marker& m) { return t < m.timeS; });
    m_markers.insert(at, marker);
}

// ---------------------------------------------------------------------------------------------------------------
// Windows

void TimelineView::setAnalysis(const RunAnalysis& analysis)
{
    m_analysis = analysis;
    m_live = false;
    if (analysis.summary.endNs > 0) {
        m_runEndS = toSeconds(analysis.summary.endNs);
    }
    m_windowsRevision = 0;
    rebuildWindows();
    if (m_followLive) {
        setFollowLive(false);
        resetRange();
    }
    scheduleReplot();
}

void TimelineView::rebuildWindows()
{
    QList<UnavailabilityWindow> windows;
    if (m_analysis) {
        windows = m_analysis->writeWindows + m_analysis->readWindows;
    } else {
        for (const Kind kind : { Kind::Insert, Kind::Read }) {
            // What the analyzer will drop as one client's bad luck is not shaded live either (liveoutage.h).
            const qint64 resolution = m_tracker->resolutionNs(kind);
            for (const UnavailabilityWindow& window : m_tracker->closedWindows(kind)) {
                if (!LiveOutageTracker::looksTransient(window, resolution)) {
                    windows.append(window);
                }
            }
            if (const auto current = m_tracker->currentWindow(kind)) {
                windows.append(*current);
            }
        }
    }
    m_shownWindows = windows;
    m_windowsRevision = m_tracker->revision();

    while (m_windowRects.size() < windows.size()) {
        auto* rect = new QCPItemRect(m_plot);
        rect->setLayer(ShadingLayer);
        rect->setClipAxisRect(m_mainRect);
        rect->setPen(Qt::NoPen);
        auto* text = new QCPItemText(m_plot);
        text->setLayer(LabelLayer);
        text->setClipAxisRect(m_mainRect);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->position->setType(QCPItemPosition::ptAbsolute); // placed by layoutMarkersAndTexts
        text->setColor(QColor(150, 20, 20));
        text->setFont(labelFont()); // as the markers' (presentation mode scales both)
        text->setBrush(QColor(255, 255, 255, 200));
        text->setPadding(QMargins(3, 1, 3, 1));
        m_windowRects.append(rect);
        m_windowTexts.append(text);
    }
    m_windowLabels.clear();
    m_windowShortLabels.clear();
    for (qsizetype i = 0; i < m_windowRects.size(); ++i) {
        QCPItemRect* rect = m_windowRects.at(i);
        QCPItemText* text = m_windowTexts.at(i);
        const bool used = i < windows.size();
        rect->setVisible(used);
        text->setVisible(used);
        if (!used) {
            continue;
        }
        const UnavailabilityWindow& window = windows.at(i);
        const double startS = toSeconds(window.startNs);
        const double endS = toSeconds(window.endNs);
        rect->setBrush(windowColor(window.kind));
        setPlotX(rect->topLeft, m_mainRect, axisX(startS), 0);
        setPlotX(rect->bottomRight, m_mainRect, axisX(endS), 1);
        const QString seconds = QString::number(double(window.durationNs()) / 1e9, 'f', 1);
        const bool running = m_live && window.openAtEnd;
        const bool write = window.kind != Kind::Read;
        if (write && !running && window.balancedFromNs > window.startNs && window.balancedFromNs < window.endNs) {
            // RunAnalyzer::describeBalanced: some clients could write again before the outage's end.
            m_windowLabels << tr("write outage %1 s (the last %2 s: HAProxy balanced over a dead server)")
                                  .arg(seconds, QString::number(double(window.endNs - window.balancedFromNs) / 1e9, 'f', 1));
        } else {
            m_windowLabels << (running
                    ? (write ? tr("write outage %1 s, running") : tr("read outage %1 s, running")).arg(seconds)
                    : (write ? tr("write outage %1 s") : tr("read outage %1 s")).arg(seconds));
        }
        m_windowShortLabels << (write ? tr("writes %1 s") : tr("reads %1 s")).arg(seconds);
        text->setText(m_windowLabels.last()); // where, and whether short: layoutMarkersAndTexts
    }
}

TimelineLayout::Frame TimelineView::experimentFrame() const
{
    TimelineLayout::FrameInput input;
    input.runEndS = dataEndS();
    input.faults = m_faultTimes;
    input.healStartS = m_healStartS;
    for (const UnavailabilityWindow& window : m_shownWindows) {
        input.outages.append({ toSeconds(window.startNs), toSeconds(window.endNs) });
    }
    for (const Marker& marker : m_markers) {
        if (marker.leaderChange) {
            input.leaderChanges << marker.timeS;
        }
    }
    return TimelineLayout::frameExperiment(input);
}

void TimelineView::markLostWrites(const std::vector<OperationRecord>& operations, const WriteAudit& audit)
{
    m_lostWrites.clear();
    // The same writes as the report's table and lost_writes.csv (the server texts are not drawn).
    for (const RunExport::LostWrite& write : RunExport::lostWrites(operations, StringTable(), audit)) {
        m_lostWrites.append({toSeconds(write.acknowledgedNs),
                             std::max(LatencyFloorMs, double(write.acknowledgedNs - write.startNs) / 1e6)});
    }
    rebuildLostWrites();
    scheduleReplot();
}

void TimelineView::rebuildLostWrites()
{
    if (!m_lostGraph) {
        return;
    }
    QList<QCPGraphData> data;
    data.reserve(m_lostWrites.size());
    for (const LostWrite& write : std::as_const(m_lostWrites)) {
        data.append(QCPGraphData(axisX(write.timeS), write.latencyMs));
    }
    std::sort(data.begin(), data.end(), [](const QCPGraphData& a, const QCPGraphData& b) { return a.key < b.key; });
    m_lostGraph->data()->set(QVector<QCPGraphData>(data.cbegin(), data.cend()), true);
}

void TimelineView::setAxisMap(const TimelineLayout::TimeAxisMap& map)
{
    m_axisMap = map;
    m_ticker->map = map;
    rebuildLostWrites();
    for (const Marker& marker : std::as_const(m_markers)) {
        setPlotX(marker.line->point1, m_mainRect, axisX(marker.timeS), 0);
        setPlotX(marker.line->point2, m_mainRect, axisX(marker.timeS), 1);
    }
    rebuildWindows();
    m_lanesChanged = true;
    m_decimationValid = false;
    m_dataChanged = true;
}

void TimelineView::showFrame(const TimelineLayout::Frame& frame)
{
    for (QCPItemStraightLine* line : std::as_const(m_breakLines)) {
        m_plot->removeItem(line);
    }
    m_breakLines.clear();
    for (QCPAbstractItem* item :
        { static_cast<QCPAbstractItem*>(m_tailRect), static_cast<QCPAbstractItem*>(m_tailText) }) {
        if (item) {
            m_plot->removeItem(item);
        }
    }
    m_tailRect = nullptr;
    m_tailText = nullptr;
    m_shownFrame.reset();
    if (!frame.framed) {
        setAxisMap({});
        return;
    }
    m_shownFrame = frame;
    setAxisMap(frame.map);
    if (frame.hasTail()) {
        // The tail is shaded grey-blue: not an outage, the time after the experiment (the heal, when known).
        m_tailRect = new QCPItemRect(m_plot);
        m_tailRect->setLayer(ShadingLayer);
        m_tailRect->setClipAxisRect(m_mainRect);
        m_tailRect->setPen(Qt::NoPen);
        m_tailRect->setBrush(QColor(96, 125, 139, 40));
        setPlotX(m_tailRect->topLeft, m_mainRect, axisX(frame.tailStartS), 0);
        // To the plot's right edge (past the run's end by the range's margin); the axis rect clips it.
        setPlotX(m_tailRect->bottomRight, m_mainRect, 2 * axisX(frame.upperS) - frame.lowerS, 1);
        m_tailText = new QCPItemText(m_plot);
        m_tailText->setLayer(LabelLayer);
        m_tailText->setClipAxisRect(m_mainRect);
        m_tailText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_tailText->position->setType(QCPItemPosition::ptAbsolute);
        m_tailText->setColor(QColor(55, 71, 79));
        m_tailText->setFont(labelFont());
        m_tailText->setBrush(QColor(255, 255, 255, 200));
        m_tailText->setPadding(QMargins(3, 1, 3, 1));
        const QString seconds = QString::number(frame.upperS - frame.tailStartS, 'f', 1);
        const QString what
            = frame.healing ? tr("healing %1 s").arg(seconds) : tr("after the last event %1 s").arg(seconds);
        m_tailShortLabel = frame.healing ? tr("healing") : tr("after the last event");
        m_tailLabel = frame.map.compressed()
            ? tr("%1, compressed 1:%2")
                  .arg(what, QString::number(1 / frame.map.factor, 'f', frame.map.factor > 0.1 ? 1 : 0))
            : what;
        m_tailText->setText(m_tailLabel);
    }
    if (frame.map.compressed()) {
        // The break of the time axis, across the plot and the lanes.
        for (QCPAxisRect* rect : { m_mainRect, m_laneRect }) {
            auto* line = new QCPItemStraightLine(m_plot);
            line->setLayer(MarkerLayer);
            line->setClipAxisRect(rect);
            line->setPen(QPen(QColor(55, 71, 79), 1.5, Qt::DotLine));
            setPlotX(line->point1, rect, frame.map.breakS, 0);
            setPlotX(line->point2, rect, frame.map.breakS, 1);
            m_breakLines << line;
        }
    }
}

QList<UnavailabilityWindow> TimelineView::shownWindows() const
{
    return m_shownWindows;
}

QStringList TimelineView::markerLabels() const
{
    QStringList labels;
    for (const Marker& marker : m_markers) {
        labels << marker.label;
    }
    return labels;
}

QStringList TimelineView::markerShortLabels() const
{
    QStringList labels;
    for (const Marker& marker : m_markers) {
        labels << marker.shortLabel;
    }
    return labels;
}

// ---------------------------------------------------------------------------------------------------------------
// Lanes

namespace {

bool containerDown(const QString& container)
{
    return container == QLatin1StringView("exited") || container == QLatin1StringView("dead")
        || container == QLatin1StringView("missing") || container == QLatin1StringView("created")
        || container == QLatin1StringView("removing");
}

} // namespace

bool TimelineView::containerOverrides(const QString& name, const MemberFacts& facts) const
{
    return containerDown(facts.containerState) || facts.containerState == QLatin1StringView("paused")
        || memberCutOff(name, facts);
}

QString TimelineView::laneStateAt(const QString& id, double atS) const
{
    const Lane* found = lane(id);
    QString state;
    for (const LaneSegment& segment : found ? found->segments : QList<LaneSegment>()) {
        if (segment.startS <= atS) {
            state = segment.state;
        }
    }
    return state;
}

bool TimelineView::memberCutOff(const QString& name, const MemberFacts& facts) const
{
    for (auto it = m_cutOffContainers.cbegin(); it != m_cutOffContainers.cend(); ++it) {
        if (it.value() && (it.key() == facts.container || memberForContainer(it.key()) == name)) {
            return true;
        }
    }
    return false;
}

// What the container is overrides what Patroni said last: a stopped, frozen or cut-off node's member key (and so
// its role in /cluster) lives on until its TTL runs out, and it is not a replica or leader in any useful sense.
// Its last role is kept in the label where it matters: a leader that went away.
QString TimelineView::memberLaneState(
    const QString& name, const MemberFacts& facts, QString* label, QString* shortLabel) const
{
    const QString container = facts.containerState;
    const bool cutOff = memberCutOff(name, facts);
    const auto overridden = [&](const QString& text) {
        *shortLabel = text;
        *label = facts.lastRole == QLatin1StringView("leader") ? tr("%1 (was leader)").arg(text) : text;
    };
    if (containerDown(container)) {
        overridden(tr("stopped"));
        return QStringLiteral("stopped");
    }
    if (container == QLatin1StringView("paused")) {
        overridden(cutOff ? tr("paused, cut off") : tr("paused"));
        return QStringLiteral("paused");
    }
    if (cutOff) {
        overridden(tr("cut off"));
        return QStringLiteral("cut-off");
    }
    QString state;
    if (!m_patroniReachable || !facts.present) {
        *label = tr("unreachable");
        state = QStringLiteral("unreachable");
    } else if (const QString patroni = facts.patroniState.toLower(); patroni == QLatin1StringView("stopped")
               || patroni == QLatin1StringView("crashed") || patroni == QLatin1StringView("stopping")) {
        // Stopping on a command (docker stop): Patroni says so before the container has exited.
        if (facts.lastRoleHeld) {
            overridden(tr("stopped"));
            return QStringLiteral("stopped");
        }
        *label = tr("stopped");
        state = QStringLiteral("stopped");
    } else if (const QString role = facts.role.toLower();
               role == QLatin1StringView("leader") || role == QLatin1StringView("standby leader")) {
        *label = tr("leader");
        state = QStringLiteral("leader");
    } else if (role == QLatin1StringView("replica") || role == QLatin1StringView("sync standby")
        || role == QLatin1StringView("quorum standby")) {
        *label = role == QLatin1StringView("replica") ? tr("replica") : tr("sync replica");
        state = QStringLiteral("replica");
    } else {
        *label = facts.role.isEmpty() ? tr("unknown") : facts.role;
        state = QStringLiteral("unknown");
    }
    *shortLabel = *label;
    return state;
}

QString TimelineView::etcdLabel(bool quorum, int healthy, int total) const
{
    return quorum ? tr("quorum %1/%2").arg(healthy).arg(total) : tr("quorum lost %1/%2").arg(healthy).arg(total);
}

TimelineView::Lane* TimelineView::lane(const QString& id)
{
    for (Lane& lane : m_lanes) {
        if (lane.id == id) {
            return &lane;
        }
    }
    return nullptr;
}

const TimelineView::Lane* TimelineView::lane(const QString& id) const
{
    return const_cast<TimelineView*>(this)->lane(id);
}

QString TimelineView::memberForContainer(const QString& container) const
{
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        if (it->container == container) {
            return it.key();
        }
    }
    // Containers are named <project>-<member> in the lab.
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        if (container.endsWith(u'-' + it.key())) {
            return it.key();
        }
    }
    return {};
}

void TimelineView::setInitialState(const QJsonObject& clusterStateJson, const QStringList& cutOffContainers)
{
    m_cutOffContainers.clear();
    for (const QString& container : cutOffContainers) {
        m_cutOffContainers.insert(container, true);
    }
    resetLanes(clusterStateJson, 0);
    scheduleReplot();
}

void TimelineView::setHealStart(qint64 timeNs)
{
    m_healStartS = toSeconds(timeNs);
    scheduleReplot();
}

void TimelineView::resetLanes(const QJsonObject& state, double atS)
{
    m_plot->clearItems();
    // clearItems deleted every item: the markers and window shading are made again.
    m_windowRects.clear();
    m_windowTexts.clear();
    m_tailRect = nullptr;
    m_tailText = nullptr;
    m_breakLines.clear();
    const QList<Marker> markers = m_markers;
    m_markers.clear();
    for (const Marker& marker : markers) {
        addMarker(marker.timeS, marker.label, marker.shortLabel, marker.leaderChange);
    }
    m_lanes.clear();
    m_members.clear();
    m_memberOrder.clear();
    m_etcdHealthy.clear();
    m_primaryBackendsUp.clear();
    applySnapshot(state, atS);
    rebuildWindows();
}

void TimelineView::applySnapshot(const QJsonObject& state, double atS)
{
    if (state.isEmpty()) {
        return;
    }
    QHash<QString, QString> containerStates;
    for (const QJsonValue& value : state.value(QLatin1StringView("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        containerStates.insert(jsonString(container, "name"), jsonString(container, "state"));
    }
    m_patroniReachable = state.value(QLatin1StringView("patroni_reachable")).toBool(true);
    if (m_patroniReachable) {
        QStringList seen;
        for (const QJsonValue& value : state.value(QLatin1StringView("members")).toArray()) {
            const QJsonObject member = value.toObject();
            const QString name = jsonString(member, "name");
            if (name.isEmpty()) {
                continue;
            }
            seen << name;
            MemberFacts& facts = m_members[name];
            if (!m_memberOrder.contains(name)) {
                m_memberOrder << name;
            }
            facts.role = jsonString(member, "role");
            facts.patroniState = jsonString(member, "state");
            facts.present = true;
            if (!jsonString(member, "container").isEmpty()) {
                facts.container = jsonString(member, "container");
            }
        }
        for (auto it = m_members.begin(); it != m_members.end(); ++it) {
            it->present = seen.contains(it.key());
        }
    }
    for (auto it = m_members.begin(); it != m_members.end(); ++it) {
        const QString container = it->container.isEmpty() ? memberForContainer(it.key()) : it->container;
        for (auto c = containerStates.cbegin(); c != containerStates.cend(); ++c) {
            if (c.key() == container || c.key().endsWith(u'-' + it.key())) {
                it->container = c.key();
                it->containerState = c.value();
            }
        }
    }

    const QJsonArray etcd = state.value(QLatin1StringView("etcd")).toArray();
    if (!etcd.isEmpty()) {
        m_etcdKnown = true;
        m_etcdHealthy.clear();
        for (const QJsonValue& value : etcd) {
            const QJsonObject member = value.toObject();
            m_etcdHealthy.insert(jsonString(member, "name"), member.value(QLatin1StringView("healthy")).toBool());
        }
        m_etcdTotal = static_cast<int>(m_etcdHealthy.size());
        m_etcdHealthyCount = static_cast<int>(std::count(m_etcdHealthy.cbegin(), m_etcdHealthy.cend(), true));
        m_etcdQuorum = state.value(QLatin1StringView("etcd_quorum")).toBool(m_etcdHealthyCount * 2 > m_etcdTotal);
    }

    if (state.contains(QLatin1StringView("haproxy_reachable"))) {
        m_haproxyKnown = true;
        m_haproxyReachable = state.value(QLatin1StringView("haproxy_reachable")).toBool();
        if (m_haproxyReachable) {
            m_primaryBackendsUp.clear();
            for (const QJsonValue& value : state.value(QLatin1StringView("haproxy")).toArray()) {
                const QJsonObject backend = value.toObject();
                const QString server = jsonString(backend, "server");
                if (jsonString(backend, "listener") == PrimaryListener && server != QLatin1StringView("BACKEND")) {
                    m_primaryBackendsUp.insert(server, backend.value(QLatin1StringView("up")).toBool());
                }
            }
        }
    }
    updateLaneStates(atS);
}

void TimelineView::applyEvent(const ClusterEvent& event)
{
    using EventKind = ClusterEvent::Kind;
    const auto member = [this](const QString& name) -> MemberFacts& {
        if (!m_memberOrder.contains(name)) {
            m_memberOrder << name;
        }
        return m_members[name];
    };
    switch (event.kind) {
    case EventKind::LeaderChanged:
        // The old leader's new role comes with its own MemberRoleChanged or MemberVanished.
        if (!event.to.isEmpty()) {
            member(event.to).role = QStringLiteral("Leader");
        }
        break;
    case EventKind::TimelineChanged:
        break;
    case EventKind::MemberRoleChanged:
        member(event.subject).role = event.to;
        break;
    case EventKind::MemberStateChanged:
        member(event.subject).patroniState = event.to;
        break;
    case EventKind::MemberAppeared: {
        MemberFacts& facts = member(event.subject);
        facts.present = true;
        facts.role = event.to;
        break;
    }
    case EventKind::MemberVanished:
        member(event.subject).present = false;
        break;
    case EventKind::PatroniUnreachable:
        m_patroniReachable = false;
        break;
    case EventKind::PatroniReachable:
        m_patroniReachable = true;
        break;
    case EventKind::EtcdMemberDown:
    case EventKind::EtcdMemberUp:
        m_etcdKnown = true;
        m_etcdHealthy.insert(event.subject, event.kind == EventKind::EtcdMemberUp);
        m_etcdTotal = std::max(m_etcdTotal, static_cast<int>(m_etcdHealthy.size()));
        m_etcdHealthyCount = static_cast<int>(std::count(m_etcdHealthy.cbegin(), m_etcdHealthy.cend(), true))
            + (m_etcdTotal - static_cast<int>(m_etcdHealthy.size()));
        break;
    case EventKind::EtcdQuorumLost:
    case EventKind::EtcdQuorumRestored: {
        m_etcdKnown = true;
        m_etcdQuorum = event.kind == EventKind::EtcdQuorumRestored;
        // "to" is "healthy/total".
        const QStringList parts = event.to.split(u'/');
        if (parts.size() == 2) {
            m_etcdHealthyCount = parts.at(0).toInt();
            m_etcdTotal = parts.at(1).toInt();
        }
        break;
    }
    case EventKind::HaproxyBackendDown:
    case EventKind::HaproxyBackendUp: {
        const QString listener = event.subject.section(u'/', 0, 0);
        const QString server = event.subject.section(u'/', 1);
        if (listener == PrimaryListener && server != QLatin1StringView("BACKEND")) {
            m_haproxyKnown = true;
            m_primaryBackendsUp.insert(server, event.kind == EventKind::HaproxyBackendUp);
        }
        break;
    }
    case EventKind::HaproxyUnreachable:
        m_haproxyReachable = false;
        break;
    case EventKind::HaproxyReachable:
        m_haproxyReachable = true;
        break;
    case EventKind::ContainerStateChanged: {
        const QString name = memberForContainer(event.subject);
        if (!name.isEmpty()) {
            MemberFacts& facts = m_members[name];
            facts.container = event.subject;
            facts.containerState = event.to;
        }
        break;
    }
    }
    updateLaneStates(toSeconds(event.timeNs));
}

void TimelineView::updateLaneStates(double atS)
{
    atS = std::max(0.0, atS);
    QStringList members = m_memberOrder;
    std::sort(members.begin(), members.end());
    for (const QString& name : members) {
        MemberFacts& facts = m_members[name];
        QString label;
        QString shortLabel;
        const QString state = memberLaneState(name, facts, &label, &shortLabel);
        const bool overridden = containerOverrides(name, facts);
        if (facts.overridden && !overridden) {
            facts.lastRoleHeld = false; // up and attached again
        }
        facts.overridden = overridden;
        if (!facts.lastRoleHeld && (state == QLatin1StringView("leader") || state == QLatin1StringView("replica"))) {
            facts.lastRole = state;
        }
        if (!lane(name)) {
            Lane created;
            created.id = name;
            created.title = name;
            // Members first, in name order; etcd and HAProxy at the bottom.
            qsizetype at = 0;
            while (at < m_lanes.size() && m_members.contains(m_lanes.at(at).id) && m_lanes.at(at).id < name) {
                ++at;
            }
            m_lanes.insert(at, created);
            m_lanesChanged = true;
        }
        setLaneState(name, atS, state, label, shortLabel);
    }
    if (m_etcdKnown) {
        if (!lane(QStringLiteral("etcd"))) {
            Lane created;
            created.id = QStringLiteral("etcd");
            created.title = tr("etcd");
            qsizetype at = m_lanes.size();
            if (lane(QStringLiteral("haproxy"))) {
                --at;
            }
            m_lanes.insert(at, created);
            m_lanesChanged = true;
        }
        setLaneState(QStringLiteral("etcd"), atS, m_etcdQuorum ? QStringLiteral("quorum") : QStringLiteral("no-quorum"),
            etcdLabel(m_etcdQuorum, m_etcdHealthyCount, m_etcdTotal));
    }
    if (m_haproxyKnown) {
        if (!lane(QStringLiteral("haproxy"))) {
            Lane created;
            created.id = QStringLiteral("haproxy");
            created.title = tr("HAProxy writes");
            m_lanes.append(created);
            m_lanesChanged = true;
        }
        QStringList routes;
        for (auto it = m_primaryBackendsUp.cbegin(); it != m_primaryBackendsUp.cend(); ++it) {
            if (it.value()) {
                routes << it.key();
            }
        }
        routes.sort();
        if (!m_haproxyReachable) {
            setLaneState(QStringLiteral("haproxy"), atS, QStringLiteral("unknown"), tr("stats unreachable"));
        } else if (routes.isEmpty()) {
            setLaneState(QStringLiteral("haproxy"), atS, QStringLiteral("none"), tr("no server"));
        } else {
            setLaneState(QStringLiteral("haproxy"), atS, QStringLiteral("routed"),
                tr("→ %1").arg(routes.join(QStringLiteral(", "))));
        }
    }
}

void TimelineView::setLaneState(
    const QString& id, double atS, const QString& state, const QString& label, const QString& shortLabel)
{
    Lane* target = lane(id);
    if (!target) {
        return;
    }
    const QString shortText = shortLabel.isEmpty() ? label : shortLabel;
    const auto same = [&](const LaneSegment& segment) {
        return segment.state == state && segment.label == label && segment.shortLabel == shortText;
    };
    if (!target->segments.isEmpty()) {
        LaneSegment& last = target->segments.last();
        if (same(last)) {
            return;
        }
        atS = std::max(atS, last.startS);
        if (atS <= last.startS) {
            // Two changes at one instant: the later one wins.
            target->segments.removeLast();
            if (!target->segments.isEmpty() && same(target->segments.last())) {
                m_lanesChanged = true;
                return;
            }
        } else {
            last.endS = atS;
        }
    }
    target->segments.append({ atS, atS, state, label, shortText });
    m_lanesChanged = true;
}

QStringList TimelineView::laneNames() const
{
    QStringList names;
    for (const Lane& lane : m_lanes) {
        names << lane.id;
    }
    return names;
}

QStringList TimelineView::shownLaneNames() const
{
    QStringList names;
    for (const Lane& lane : m_lanes) {
        if (lane.shown) {
            names << lane.id;
        }
    }
    return names;
}

int TimelineView::hiddenLaneCount() const
{
    return static_cast<int>(std::count_if(m_lanes.cbegin(), m_lanes.cend(), [](const Lane& l) { return !l.shown; }));
}

void TimelineView::setAllLanes(bool all)
{
    if (m_allLanes != all) {
        m_allLanes = all;
        scheduleReplot();
    }
}

QFont TimelineView::labelFont() const
{
    // Presentation mode: large still, but a little smaller than the axes so the lanes and labels find room.
    QFont labelFont = font();
    labelFont.setPointSizeF(
        m_presentation ? labelFont.pointSizeF() * 0.8 : std::max(6.0, labelFont.pointSizeF() - 1));
    return labelFont;
}

int TimelineView::laneRowHeight() const
{
    // The bar holds its label with a pixel to spare each side; the gap between bars is the rest of the row.
    const int text = QFontMetrics(labelFont()).height();
    return static_cast<int>(std::ceil((text + 2) / (2 * LaneBarHalfHeight)));
}

QList<TimelineView::LaneSegment> TimelineView::laneSegments(const QString& id) const
{
    const Lane* found = lane(id);
    if (!found) {
        return {};
    }
    QList<LaneSegment> segments = found->segments;
    if (!segments.isEmpty()) {
        segments.last().endS = std::max(segments.last().startS, std::max(m_dataEndS, m_runEndS));
    }
    return segments;
}

void TimelineView::rebuildLaneItems()
{
    for (Lane& lane : m_lanes) {
        for (QCPItemRect* bar : std::as_const(lane.bars)) {
            m_plot->removeItem(bar);
        }
        for (QCPItemText* text : std::as_const(lane.texts)) {
            m_plot->removeItem(text);
        }
        lane.bars.clear();
        lane.texts.clear();
        lane.drawn.clear();
    }
    QVector<double> positions;
    QVector<QString> titles;
    const QFont font = labelFont();
    double index = -1;
    for (Lane& lane : m_lanes) {
        if (!lane.shown) {
            continue;
        }
        ++index;
        positions << index;
        titles << lane.title;
        for (const LaneSegment& segment : laneSegments(lane.id)) {
            auto* bar = new QCPItemRect(m_plot);
            bar->setClipAxisRect(m_laneRect);
            for (QCPItemPosition* corner : { bar->topLeft, bar->bottomRight }) {
                corner->setAxes(m_laneRect->axis(QCPAxis::atBottom), m_laneRect->axis(QCPAxis::atLeft));
                corner->setAxisRect(m_laneRect);
            }
            bar->topLeft->setCoords(axisX(segment.startS), index - LaneBarHalfHeight);
            bar->bottomRight->setCoords(axisX(segment.endS), index + LaneBarHalfHeight);
            const QColor color = laneColor(segment.state);
            bar->setPen(QPen(color.darker(130), 0.5));
            bar->setBrush(color);
            auto* text = new QCPItemText(m_plot);
            text->setClipAxisRect(m_laneRect);
            text->position->setAxes(m_laneRect->axis(QCPAxis::atBottom), m_laneRect->axis(QCPAxis::atLeft));
            text->position->setAxisRect(m_laneRect);
            text->position->setCoords((axisX(segment.startS) + axisX(segment.endS)) / 2, index);
            text->setPositionAlignment(Qt::AlignCenter);
            text->setText(segment.label);
            text->setFont(font);
            text->setColor(darkBackground(color) ? Qt::white : Qt::black);
            lane.bars.append(bar);
            lane.texts.append(text);
            lane.drawn.append(segment);
        }
    }
    auto ticker = m_laneRect->axis(QCPAxis::atLeft)->ticker().dynamicCast<QCPAxisTickerText>();
    ticker->setTicks(positions, titles);
    QCPAxis* laneY = m_laneRect->axis(QCPAxis::atLeft);
    laneY->setTickLabelFont(font);
    laneY->setRange(-0.5, std::max(0.5, index + 0.5));
    m_lanesChanged = false;
    updateLaneLayout();
}

void TimelineView::extendOpenLaneSegments(double toS)
{
    for (const Lane& lane : std::as_const(m_lanes)) {
        if (lane.bars.isEmpty() || lane.segments.isEmpty()) {
            continue;
        }
        const double endS = std::max(lane.segments.last().startS, toS);
        lane.bars.last()->bottomRight->setCoords(axisX(endS), lane.bars.last()->bottomRight->coords().y());
        lane.texts.last()->position->setCoords(
            (axisX(lane.segments.last().startS) + axisX(endS)) / 2, lane.texts.last()->position->coords().y());
    }
}

void TimelineView::updateLaneLayout()
{
    QCPLayoutGrid* grid = m_plot->plotLayout();
    QCPLegend* legend = m_plot->legend;
    const bool showTitle = !m_titleElement->text().isEmpty();
    const auto shownLanes = static_cast<int>(
        std::count_if(m_lanes.cbegin(), m_lanes.cend(), [](const Lane& lane) { return lane.shown; }));
    const bool showLanes = shownLanes > 0;
    const bool showLegend = legend->visible() && legend->itemCount() > 0;
    for (QCPLayoutElement* element :
        { static_cast<QCPLayoutElement*>(m_titleElement), static_cast<QCPLayoutElement*>(m_mainRect),
            static_cast<QCPLayoutElement*>(m_laneRect), static_cast<QCPLayoutElement*>(legend) }) {
        if (element->layout() == grid) {
            grid->take(element);
        }
    }
    grid->simplify();
    // Taken elements would still draw themselves at their old place: hide what is out of the layout.
    m_titleElement->setVisible(showTitle);
    m_laneRect->setVisible(showLanes);
    int row = 0;
    QList<double> stretch;
    if (showTitle) {
        grid->addElement(row++, 0, m_titleElement);
        stretch << 0.001;
    }
    grid->addElement(row++, 0, m_mainRect);
    stretch << 1;
    if (showLanes) {
        grid->addElement(row++, 0, m_laneRect);
        const int height = laneRowHeight() * shownLanes;
        m_laneRect->setMinimumSize(QSize(0, height));
        m_laneRect->setMaximumSize(QSize(QWIDGETSIZE_MAX, height));
        stretch << 0.001;
    }
    // Hidden lanes are said where they would be, when the note fits the width.
    const int hidden = hiddenLaneCount();
    QString timeLabel = tr("Time since start (s)");
    if (hidden > 0) {
        const QString noted = tr("Time since start (s) · %n lane(s) hidden", nullptr, hidden);
        const QFontMetrics metrics(m_laneRect->axis(QCPAxis::atBottom)->labelFont());
        if (metrics.horizontalAdvance(noted) < m_plot->viewport().width() - 20) {
            timeLabel = noted;
        }
    }
    m_laneRect->axis(QCPAxis::atBottom)->setLabel(timeLabel);
    if (showLegend) {
        grid->addElement(row++, 0, legend);
        stretch << 0.001;
    }
    grid->setRowStretchFactors(stretch);
    QCPAxis* mainX = m_mainRect->axis(QCPAxis::atBottom);
    mainX->setTickLabels(!showLanes);
    mainX->setLabel(showLanes ? QString() : timeLabel);
}

void TimelineView::fitLegendColumns(int widthPx)
{
    QCPLegend* legend = m_plot->legend;
    const int items = legend->itemCount();
    if (items == 0) {
        return;
    }
    int widest = 1;
    int present = 0;
    for (int i = 0; i < items; ++i) {
        // A wrapped grid has empty cells: itemCount() counts them.
        if (const QCPAbstractLegendItem* item = legend->item(i)) {
            widest = std::max(widest, item->minimumOuterSizeHint().width());
            ++present;
        }
    }
    if (present == 0) {
        return;
    }
    const QMargins margins = legend->margins();
    const int usable = widthPx - margins.left() - margins.right() - 2 * legend->columnSpacing();
    const int columns = std::clamp(usable / (widest + legend->columnSpacing()), 1, present);
    if (legend->wrap() != columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // rearranges the items for the new wrap
    }
}

bool TimelineView::chooseShownLanes(int count)
{
    // What matters most for a failover story: the members that led at some time, then etcd's quorum (the cause of
    // read-only), then where HAProxy sends writes (the effect), then other members that change, then the rest. The
    // chosen ones keep their order on screen.
    const auto priority = [this](qsizetype i) {
        const Lane& lane = m_lanes.at(i);
        const bool changes = lane.segments.size() > 1;
        const bool led = std::any_of(lane.segments.cbegin(), lane.segments.cend(),
            [](const LaneSegment& segment) { return segment.state == QLatin1StringView("leader"); });
        if (!changes) {
            return 4;
        }
        if (lane.id == QLatin1StringView("etcd")) {
            return 1;
        }
        if (lane.id == QLatin1StringView("haproxy")) {
            return 2;
        }
        return led ? 0 : 3;
    };
    QList<qsizetype> ranked;
    for (qsizetype i = 0; i < m_lanes.size(); ++i) {
        ranked << i;
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](qsizetype a, qsizetype b) { return priority(a) < priority(b); });
    bool changed = false;
    for (qsizetype rank = 0; rank < ranked.size(); ++rank) {
        Lane& lane = m_lanes[ranked.at(rank)];
        const bool shown = rank < count && (m_allLanes || lane.segments.size() > 1);
        changed = changed || lane.shown != shown;
        lane.shown = shown;
    }
    m_lanesChanged = m_lanesChanged || changed;
    return changed;
}

bool TimelineView::fitToViewport(bool exporting)
{
    if (!exporting && !m_plot->isVisible()) {
        // A widget never shown has no size yet to fit to: every lane (mode permitting), as an export would start.
        const bool changed = chooseShownLanes(static_cast<int>(m_lanes.size()));
        if (m_lanesChanged) {
            rebuildLaneItems();
        }
        return changed;
    }
    const QRect viewport = m_plot->viewport();
    fitLegendColumns(viewport.width());
    const int row = laneRowHeight();
    const int line = QFontMetrics(font()).height();
    const int mainTarget = std::max(3 * line, static_cast<int>(MainPlotShare * viewport.height()));
    bool changed = false;
    int count = static_cast<int>(m_lanes.size());
    // Measured, not estimated: lay out with a number of lanes, see how much the latency plot got (or how far the
    // layout ran past the bottom when the minimum sizes did not fit), drop the rows it lacks, and again.
    for (int pass = 0; pass < 4; ++pass) {
        changed = chooseShownLanes(count) || changed;
        updateLaneLayout();
        m_plot->layoutNow();
        int bottom = m_mainRect->outerRect().bottom();
        for (const QCPLayoutElement* element : { static_cast<const QCPLayoutElement*>(m_laneRect),
                 static_cast<const QCPLayoutElement*>(m_plot->legend) }) {
            if (element->visible() && element->layout() == m_plot->plotLayout()) {
                bottom = std::max(bottom, element->outerRect().bottom());
            }
        }
        const int overflow = std::max(0, bottom - viewport.bottom());
        const int spare = m_mainRect->rect().height() - overflow - mainTarget;
        const int shown = static_cast<int>(shownLaneNames().size());
        if (spare >= 0 || shown == 0) {
            break;
        }
        count = std::max(0, shown - (-spare + row - 1) / row);
    }
    if (m_lanesChanged) {
        rebuildLaneItems();
        m_plot->layoutNow();
    }
    // The y axis title runs along the plot's height: a shorter one where the long one would be cut.
    QCPAxis* y = m_mainRect->axis(QCPAxis::atLeft);
    const QFontMetrics labelMetrics(y->labelFont());
    const QStringList titles { tr("Latency (ms, log)"), tr("Latency, ms"), tr("ms") };
    QString title = titles.last();
    for (const QString& candidate : titles) {
        if (labelMetrics.horizontalAdvance(candidate) + 4 <= m_mainRect->rect().height()) {
            title = candidate;
            break;
        }
    }
    if (y->label() != title) {
        y->setLabel(title);
        m_plot->layoutNow();
    }
    return changed;
}

QRect TimelineView::plotAreaRect() const
{
    return m_mainRect->rect();
}

QRect TimelineView::laneAreaRect() const
{
    return m_laneRect->visible() ? m_laneRect->rect() : QRect();
}

QRect TimelineView::legendRect() const
{
    const QCPLegend* legend = m_plot->legend;
    return legend->visible() && legend->layout() == m_plot->plotLayout() ? legend->outerRect() : QRect();
}

QRect TimelineView::titleRect() const
{
    return m_titleElement->visible() ? m_titleElement->outerRect() : QRect();
}

QString TimelineView::latencyAxisLabel() const
{
    return m_mainRect->axis(QCPAxis::atLeft)->label();
}

// ---------------------------------------------------------------------------------------------------------------
// Range, following, replots

void TimelineView::setFollowLive(bool follow)
{
    if (follow == m_followLive) {
        return;
    }
    m_followLive = follow;
    emit followLiveChanged(follow);
    scheduleReplot();
}

double TimelineView::dataEndS() const
{
    return std::max(m_dataEndS, m_runEndS);
}

double TimelineView::fullRangeUpperS() const
{
    const double end = std::max(dataEndS(), 1.0);
    return end * 1.01;
}

void TimelineView::setVisibleRange(double lowerS, double upperS)
{
    // Like a zoom with the mouse: the user chose a range, following stops.
    m_mainRect->axis(QCPAxis::atBottom)->setRange(lowerS, upperS);
    scheduleReplot();
}

void TimelineView::resetRange()
{
    setFollowLive(false);
    setXRangeProgrammatically(0, fullRangeUpperS());
    scheduleReplot();
}

std::pair<double, double> TimelineView::visibleRange() const
{
    const QCPRange range = m_mainRect->axis(QCPAxis::atBottom)->range();
    return { range.lower, range.upper };
}

void TimelineView::setXRangeProgrammatically(double lower, double upper)
{
    m_settingRange = true;
    m_mainRect->axis(QCPAxis::atBottom)->setRange(lower, upper);
    m_settingRange = false;
}

void TimelineView::onXRangeChanged(double lower, double upper)
{
    QCPAxis* laneX = m_laneRect->axis(QCPAxis::atBottom);
    if (laneX->range() != QCPRange(lower, upper)) {
        laneX->setRange(lower, upper);
    }
    if (!m_settingRange && m_followLive) {
        setFollowLive(false);
    }
}

void TimelineView::scheduleReplot()
{
    if (!m_replotTimer.isActive()) {
        m_replotTimer.start();
    }
}

void TimelineView::onReplotTimer()
{
    if (m_followLive) {
        const double upper = std::max(FollowWindowS, dataEndS());
        setXRangeProgrammatically(upper - FollowWindowS, upper);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::flushReplot()
{
    m_replotTimer.stop();
    if (m_followLive) {
        const double upper = std::max(FollowWindowS, dataEndS());
        setXRangeProgrammatically(upper - FollowWindowS, upper);
    }
    m_plot->replot(QCustomPlot::rpRefreshHint);
}

void TimelineView::updateLatencyRange() const
{
    // Decades: the log axis reads best from 0.1 ms to a power of ten above the slowest operation.
    const double top = std::max(10.0, double(m_maxLatencyMs) * 1.3);
    double upper = std::pow(10.0, std::ceil(std::log10(top)));
    // The labels take the top rows of the plot (layoutMarkersAndTexts): the axis reaches higher so that no point
    // is under them, in half decades so it does not change with every label.
    const double lower = LatencyFloorMs / 2;
    const double share = std::clamp(m_labelShare, 0.0, 0.6);
    const double needed = std::log10(lower) + (std::log10(top) - std::log10(lower)) / (1 - share);
    upper = std::max(upper, std::pow(10.0, std::ceil(needed * 2) / 2));
    QCPAxis* axis = m_mainRect->axis(QCPAxis::atLeft);
    if (auto ticker = axis->ticker().dynamicCast<LatencyTicker>()) {
        ticker->labelLimit = std::pow(10.0, std::ceil(std::log10(top)));
    }
    axis->setRange(lower, upper);
}

void TimelineView::beforeReplot()
{
    m_replotStartedNs = LabClock::nowNs();
    refreshContent();
    fitToViewport();
    const auto [lower, upper] = visibleRange();
    // The lanes share the main plot's time axis. Its rangeChanged keeps them in step, but lanes created after the
    // last change (a cluster state that arrives while following a run shorter than the follow window) start elsewhere.
    if (QCPAxis* laneX = m_laneRect->axis(QCPAxis::atBottom); laneX->range() != QCPRange(lower, upper)) {
        laneX->setRange(lower, upper);
    }
    const int width = std::max(200, m_mainRect->width());
    if (m_dataChanged || !decimationCovers(lower, upper, width)) {
        rebuildDecimation(lower, upper, width);
    }
    m_dataChanged = false;
    layoutMarkersAndTexts();
}

void TimelineView::refreshContent()
{
    if (m_dataChanged) {
        updateLatencyRange();
    }
    if (m_live && m_tracker->revision() != m_windowsRevision) {
        rebuildWindows();
    }
    quint32 legendMask = 0;
    for (int i = 0; i < CategoryCount; ++i) {
        legendMask |= m_categoryCounts[static_cast<size_t>(i)] > 0 ? (1U << i) : 0U;
    }
    legendMask |= m_lostWrites.isEmpty() ? 0U : LostWritesLegendBit;
    if (legendMask != m_legendMask) {
        m_legendMask = legendMask;
        m_plot->legend->clearItems();
        for (int i = 0; i < CategoryCount; ++i) {
            if (legendMask & (1U << i)) {
                m_graphs[static_cast<size_t>(i)]->addToLegend();
            }
        }
        if (!m_lostWrites.isEmpty()) {
            m_lostGraph->addToLegend();
        }
        updateLaneLayout();
    }
    if (m_lanesChanged) {
        rebuildLaneItems();
    }
    extendOpenLaneSegments(std::max(m_dataEndS, m_runEndS));
}

bool TimelineView::decimationCovers(double lowerS, double upperS, int widthPx) const
{
    if (!m_decimationValid || lowerS < m_decimatedLowerS || upperS > m_decimatedUpperS) {
        return false;
    }
    const double wanted = (upperS - lowerS) / widthPx;
    return wanted > m_decimatedBucketS * 0.75 && wanted < m_decimatedBucketS * 1.5;
}

// A scatter of a million points costs a replot of seconds, even with QCPGraph's adaptive sampling (it thins lines,
// not scatters). Per category, a bucket of about one pixel keeps its lowest and its highest latency: the envelope
// and every failure class in every pixel column stay visible, and a graph never holds more than two points per
// pixel. The buckets cover half a range more on each side, so panning rebuilds only every half range. The range
// and the buckets are in x axis units (where a report compresses the tail, a bucket there holds more seconds).
void TimelineView::rebuildDecimation(double lowerS, double upperS, int widthPx) const
{
    const double span = std::max(upperS - lowerS, 1e-6);
    const double bucketS = span / std::max(widthPx, 1);
    const double from = lowerS - span / 2;
    const double to = upperS + span / 2;
    const double fromS = m_axisMap.toSeconds(from);
    const double toS = m_axisMap.toSeconds(to);
    const auto first = std::lower_bound(
        m_points.cbegin(), m_points.cend(), fromS, [](const Point& p, double t) { return double(p.timeS) < t; });
    const auto last
        = std::upper_bound(first, m_points.cend(), toS, [](double t, const Point& p) { return t < double(p.timeS); });

    struct BucketState
    {
        qint64 bucket = -1;
        const Point* low = nullptr;
        const Point* high = nullptr;
        QVector<QCPGraphData> out;
    };
    std::array<BucketState, CategoryCount> states;
    const TimelineLayout::TimeAxisMap map = m_axisMap;
    const auto flush = [&map](BucketState& state) {
        if (!state.low) {
            return;
        }
        const Point* a = state.low->timeS <= state.high->timeS ? state.low : state.high;
        const Point* b = a == state.low ? state.high : state.low;
        state.out.append(QCPGraphData(map.toAxis(a->timeS), a->latencyMs));
        if (b != a) {
            state.out.append(QCPGraphData(map.toAxis(b->timeS), b->latencyMs));
        }
        state.low = state.high = nullptr;
    };
    for (auto it = first; it != last; ++it) {
        const Point& point = *it;
        BucketState& state = states[static_cast<size_t>(point.category)];
        const auto bucket = static_cast<qint64>((map.toAxis(point.timeS) - from) / bucketS);
        if (bucket != state.bucket) {
            flush(state);
            state.bucket = bucket;
            state.low = state.high = &point;
        } else if (point.latencyMs < state.low->latencyMs) {
            state.low = &point;
        } else if (point.latencyMs > state.high->latencyMs) {
            state.high = &point;
        }
    }
    int plotted = 0;
    for (int i = 0; i < CategoryCount; ++i) {
        BucketState& state = states[static_cast<size_t>(i)];
        flush(state);
        plotted += static_cast<int>(state.out.size());
        m_graphs[static_cast<size_t>(i)]->data()->set(state.out, true);
    }
    m_plottedPoints = plotted;
    m_decimatedLowerS = from;
    m_decimatedUpperS = to;
    m_decimatedBucketS = bucketS;
    m_decimationValid = true;
}

int TimelineView::plottedPointCount() const
{
    return m_plottedPoints;
}

namespace {

// The box a QCPItemText draws for a text (its background, padding included), measured as QCPItemText does.
QSizeF textBox(const QCPItemText* item, const QString& text)
{
    if (text.isEmpty()) {
        return {};
    }
    const QRect bounds
        = QFontMetrics(item->font()).boundingRect(0, 0, 0, 0, Qt::TextDontClip | item->textAlignment(), text);
    const QMargins padding = item->padding();
    return QSizeF(
        bounds.width() + padding.left() + padding.right(), bounds.height() + padding.top() + padding.bottom());
}

} // namespace

// Places what depends on pixels: marker and outage labels in rows where none overlaps another (TimelineLayout),
// lane labels that fit their bars.
void TimelineView::layoutMarkersAndTexts() const
{
    using Request = TimelineLayout::LabelRequest;
    QCPAxis* x = m_mainRect->axis(QCPAxis::atBottom);
    QList<Request> requests;
    QList<QCPItemText*> texts;
    QStringList fullTexts;
    QStringList shortTexts;
    double rowHeight = 0;
    const auto request = [&](QCPItemText* text, Request::Kind kind, double startS, double endS, const QString& full,
                             const QString& shortText) {
        Request label;
        label.kind = kind;
        label.startPx = x->coordToPixel(axisX(startS));
        label.endPx = x->coordToPixel(axisX(endS));
        label.size = textBox(text, full);
        label.shortSize = shortText.isEmpty() || shortText == full ? QSizeF() : textBox(text, shortText);
        rowHeight = std::max({ rowHeight, label.size.height(), label.shortSize.height() });
        requests << label;
        texts << text;
        fullTexts << full;
        shortTexts << shortText;
    };
    for (const Marker& marker : m_markers) {
        request(marker.text, Request::Kind::Marker, marker.timeS, marker.timeS, marker.label, marker.shortLabel);
    }
    // Write outages first: m_shownWindows holds them before the read outages.
    for (qsizetype i = 0; i < m_windowTexts.size() && i < m_shownWindows.size() && i < m_windowLabels.size(); ++i) {
        const UnavailabilityWindow& window = m_shownWindows.at(i);
        request(m_windowTexts.at(i), Request::Kind::Region, toSeconds(window.startNs), toSeconds(window.endNs),
            m_windowLabels.at(i), m_windowShortLabels.at(i));
    }
    if (m_tailText && m_shownFrame && m_shownFrame->hasTail()) {
        request(m_tailText, Request::Kind::Region, m_shownFrame->tailStartS, m_shownFrame->upperS, m_tailLabel,
            m_tailShortLabel);
    }
    TimelineLayout::LabelArea area;
    area.plot = QRectF(m_mainRect->rect());
    area.rowHeight = rowHeight + 1;
    const QList<TimelineLayout::LabelPlacement> placements = TimelineLayout::placeLabels(requests, area);
    double labelsBottom = area.plot.top();
    for (qsizetype i = 0; i < placements.size(); ++i) {
        const TimelineLayout::LabelPlacement& placement = placements.at(i);
        QCPItemText* text = texts.at(i);
        text->setVisible(placement.visible);
        if (placement.visible) {
            text->setText(placement.shortText ? shortTexts.at(i) : fullTexts.at(i));
            text->position->setCoords(placement.rect.topLeft());
            labelsBottom = std::max(labelsBottom, placement.rect.bottom() + 4);
        }
    }
    m_labelShare = (labelsBottom - area.plot.top()) / std::max(1.0, area.plot.height());
    m_labelledRect = m_mainRect->rect();
    updateLatencyRange();

    QCPAxis* laneX = m_laneRect->axis(QCPAxis::atBottom);
    const QCPRange range = laneX->range();
    for (const Lane& lane : m_lanes) {
        for (qsizetype i = 0; i < lane.texts.size() && i < lane.drawn.size(); ++i) {
            QCPItemText* text = lane.texts.at(i);
            const double start = std::max(range.lower, lane.bars.at(i)->topLeft->coords().x());
            const double end = std::min(range.upper, lane.bars.at(i)->bottomRight->coords().x());
            const double widthPx = laneX->coordToPixel(end) - laneX->coordToPixel(start);
            const LaneSegment& segment = lane.drawn.at(i);
            QString shown;
            for (const QString& candidate : { segment.label, segment.shortLabel }) {
                if (shown.isEmpty() && !candidate.isEmpty() && widthPx > textBox(text, candidate).width() + 6) {
                    shown = candidate;
                }
            }
            text->setVisible(!shown.isEmpty());
            if (!shown.isEmpty()) {
                text->setText(shown);
            }
            text->position->setCoords((start + end) / 2, text->position->coords().y());
        }
    }
}

QList<TimelineView::LabelGeometry> TimelineView::labelGeometry() const
{
    QList<LabelGeometry> labels;
    const auto add = [&labels](const QCPItemText* text, LabelGeometry::Kind kind) {
        if (text && text->visible()) {
            labels.append({ kind, text->text(),
                QRectF(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition()).normalized() });
        }
    };
    for (const Marker& marker : m_markers) {
        add(marker.text, LabelGeometry::Kind::Marker);
    }
    for (const QCPItemText* text : m_windowTexts) {
        add(text, LabelGeometry::Kind::Outage);
    }
    add(m_tailText, LabelGeometry::Kind::Tail);
    for (const Lane& lane : m_lanes) {
        for (const QCPItemText* text : lane.texts) {
            add(text, LabelGeometry::Kind::Lane);
        }
    }
    return labels;
}

// ---------------------------------------------------------------------------------------------------------------
// Past runs

void TimelineView::showRun(const StoredRun& run, const RunAnalysis& analysis)
{
    clear();
    m_runStartNs = run.info.startNs;
    m_tracker->reset(m_runStartNs);
    m_live = false;

    // The first observation stands for the start of the run; later ones correct what events missed.
    qsizetype firstState = -1;
    for (qsizetype i = 0; i < run.snapshots.size(); ++i) {
        if (run.snapshots.at(i).state.contains(QLatin1StringView("members"))) {
            firstState = i;
            break;
        }
    }
    resetLanes(firstState >= 0 ? run.snapshots.at(firstState).state : QJsonObject(), 0);

    appendPoints(run.operations, true);
    markLostWrites(run.operations, analysis.summary.audit);
    for (const FaultAction& fault : run.faults) {
        addFaultMarker(fault);
    }
    if (const auto healStart = ScenarioRunner::healStartedNs(run.snapshots)) {
        m_healStartS = toSeconds(*healStart);
    }
    // Everything that changes a lane, in time order (a fault at its start, see applyFault).
    struct Step
    {
        qint64 timeNs;
        qsizetype event = -1;
        qsizetype snapshot = -1;
        qsizetype fault = -1;
    };
    std::vector<Step> steps;
    for (qsizetype i = 0; i < run.events.size(); ++i) {
        steps.push_back({ run.events.at(i).timeNs, i, -1, -1 });
    }
    for (qsizetype i = firstState + 1; firstState >= 0 && i < run.snapshots.size(); ++i) {
        if (run.snapshots.at(i).state.contains(QLatin1StringView("members"))) {
            steps.push_back({ run.snapshots.at(i).timeNs, -1, i, -1 });
        }
    }
    for (qsizetype i = 0; i < run.faults.size(); ++i) {
        steps.push_back({ run.faults.at(i).startNs, -1, -1, i });
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.timeNs < b.timeNs; });
    for (const Step& step : steps) {
        if (step.event >= 0) {
            addEvent(run.events.at(step.event));
        } else if (step.fault >= 0) {
            applyFault(run.faults.at(step.fault));
        } else {
            applySnapshot(run.snapshots.at(step.snapshot).state, toSeconds(step.timeNs));
        }
    }
    if (run.info.endNs > run.info.startNs) {
        m_runEndS = toSeconds(run.info.endNs);
    }
    setFollowLive(false);
    setAnalysis(analysis);
    resetRange();
}

// ---------------------------------------------------------------------------------------------------------------
// Title and export

void TimelineView::setPresentationMode(bool on)
{
    if (m_presentation == on) {
        return;
    }
    m_presentation = on;
    // Everything the plot writes grows by the same factor, so a back row reads the axes as well as the markers.
    const double factor = on ? 1.6 : 1.0 / 1.6;
    const auto scaled = [factor](QFont font) {
        font.setPointSizeF(font.pointSizeF() * factor);
        return font;
    };
    // The view's own font from the application's, not from font(): in the window, the parent's presentation font
    // has already reached it, and scaling that again would count the factor twice. Off: inherit again.
    if (on) {
        QFont large = QApplication::font();
        large.setPointSizeF(large.pointSizeF() * factor);
        setFont(large);
    } else {
        setFont(QFont());
    }
    // Both rects, also the lanes' while it is out of the layout (no lanes yet): axisRects() lists only those in it.
    for (QCPAxisRect* rect : { m_mainRect, m_laneRect }) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setLabelFont(scaled(axis->labelFont()));
            axis->setTickLabelFont(scaled(axis->tickLabelFont()));
        }
    }
    m_plot->legend->setFont(scaled(m_plot->legend->font()));
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        if (QCPAbstractLegendItem* item = m_plot->legend->item(i)) {
            item->setFont(m_plot->legend->font()); // items copy the legend's font when added
        }
    }
    m_titleElement->setFont(scaled(m_titleElement->font()));
    for (QCPGraph* graph : m_graphs) {
        QCPScatterStyle style = graph->scatterStyle();
        style.setSize(style.size() * (on ? 1.5 : 1.0 / 1.5));
        graph->setScatterStyle(style);
    }
    for (const Marker& marker : std::as_const(m_markers)) {
        if (marker.text) {
            marker.text->setFont(labelFont());
        }
    }
    for (QCPItemText* text : std::as_const(m_windowTexts)) {
        text->setFont(labelFont());
    }
    if (m_tailText) {
        m_tailText->setFont(labelFont());
    }
    m_lanesChanged = true;
    // Room for the title, a lane, the axis, the legend and a readable plot, whatever the docks around want.
    m_plot->setMinimumHeight(12 * QFontMetrics(font()).height());
    updateLaneLayout();
    scheduleReplot();
}

void TimelineView::setTitle(const QString& title)
{
    m_title = title;
    m_titleElement->setText(title);
    updateLaneLayout();
    scheduleReplot();
}

namespace {

enum class ExportFormat { Png, Jpg, Pdf, Svg, Unknown };

ExportFormat formatOf(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1StringView("png")) {
        return ExportFormat::Png;
    }
    if (suffix == QLatin1StringView("jpg") || suffix == QLatin1StringView("jpeg")) {
        return ExportFormat::Jpg;
    }
    if (suffix == QLatin1StringView("pdf")) {
        return ExportFormat::Pdf;
    }
    if (suffix == QLatin1StringView("svg")) {
        return ExportFormat::Svg;
    }
    return ExportFormat::Unknown;
}

} // namespace

// Puts the plot in report form at a size for as long as it lives, then back as it was: the on-screen widget only
// repaints from its own buffers in between, so it does not change.
class TimelineView::ReportStyle
{
public:
    ReportStyle(const TimelineView& view, const ExportOptions& options)
        : m_view(const_cast<TimelineView&>(view))
        , m_scale(std::max(0.25, options.dpi / ScreenDpi))
        , m_logicalSize(std::max(1, qRound(options.sizePx.width() / m_scale)),
              std::max(1, qRound(options.sizePx.height() / m_scale)))
        , m_oldViewport(view.m_plot->viewport())
        , m_oldTitle(view.m_titleElement->text())
        , m_oldLegendVisible(view.m_plot->legend->visible())
        , m_oldFollow(view.m_followLive)
        , m_oldRange(view.visibleRange())
    {
        TimelinePlot* plot = m_view.m_plot;
        // The live view would move on while exporting; the export shows what the screen shows now, or the frame.
        m_view.m_replotTimer.stop();
        m_view.m_titleElement->setText(options.title.isEmpty() ? m_view.m_title : options.title);
        plot->legend->setVisible(options.legend);
        m_view.refreshContent();
        if (options.frameExperiment) {
            const TimelineLayout::Frame frame = m_view.experimentFrame();
            m_view.showFrame(frame);
            m_view.refreshContent();
            if (frame.framed) {
                const double upper = m_view.axisX(frame.upperS);
                m_view.setXRangeProgrammatically(frame.lowerS, upper + (upper - frame.lowerS) * 0.005);
            } else {
                m_view.setXRangeProgrammatically(0, m_view.fullRangeUpperS());
            }
        }
        plot->setViewport(QRect(QPoint(0, 0), m_logicalSize));
        m_view.fitToViewport(true);
        const auto [lower, upper] = m_view.visibleRange();
        m_view.rebuildDecimation(lower, upper, std::max(100, m_view.m_mainRect->width()));
        // The labels set the latency range, which can move the plot's edge (wider tick labels): twice settles it.
        m_view.layoutMarkersAndTexts();
        plot->layoutNow();
        m_view.layoutMarkersAndTexts();
    }
    ~ReportStyle()
    {
        TimelinePlot* plot = m_view.m_plot;
        if (m_view.m_shownFrame) {
            m_view.showFrame({});
        }
        m_view.setXRangeProgrammatically(m_oldRange.first, m_oldRange.second);
        m_view.m_titleElement->setText(m_oldTitle);
        plot->legend->setVisible(m_oldLegendVisible);
        plot->setViewport(m_oldViewport);
        m_view.fitToViewport();
        plot->layoutNow();
        m_view.m_decimationValid = false;
        plot->replot(QCustomPlot::rpQueuedReplot);
        if (m_oldFollow) {
            m_view.scheduleReplot();
        }
    }
    QSize logicalSize() const { return m_logicalSize; }

private:
    TimelineView& m_view;
    const double m_scale;
    const QSize m_logicalSize;
    const QRect m_oldViewport;
    const QString m_oldTitle;
    const bool m_oldLegendVisible;
    const bool m_oldFollow;
    const std::pair<double, double> m_oldRange;
};

QImage TimelineView::renderImage(const ExportOptions& options, RenderGeometry* geometry) const
{
    if (options.sizePx.isEmpty()) {
        return {};
    }
    QImage image(options.sizePx, QImage::Format_RGB32);
    image.fill(Qt::white);
    // While painting, the image has the screen's resolution: QCustomPlot measures texts with the widget's font
    // metrics, and a font in points must come out as large as it was measured. The painter's scale enlarges all.
    const auto setDpi = [&image](double dpi) {
        image.setDotsPerMeterX(qRound(dpi / 0.0254));
        image.setDotsPerMeterY(qRound(dpi / 0.0254));
    };
    setDpi(m_plot->logicalDpiX());
    ReportStyle style(*this, options);
    const QSize logical = style.logicalSize();
    const double scaleX = double(options.sizePx.width()) / logical.width();
    const double scaleY = double(options.sizePx.height()) / logical.height();
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(scaleX, scaleY);
        m_plot->toPainter(&painter, logical.width(), logical.height());
    }
    setDpi(options.dpi);
    if (geometry) {
        const auto scaled = [scaleX, scaleY](const QRect& area) {
            return QRect(qRound(area.left() * scaleX), qRound(area.top() * scaleY), qRound(area.width() * scaleX),
                qRound(area.height() * scaleY));
        };
        geometry->plotArea = scaled(m_mainRect->rect());
        geometry->laneArea = m_laneRect->visible() ? scaled(m_laneRect->rect()) : QRect();
        const QCPRange range = m_mainRect->axis(QCPAxis::atBottom)->range();
        geometry->xLower = range.lower;
        geometry->xUpper = range.upper;
        geometry->yLower = m_mainRect->axis(QCPAxis::atLeft)->range().lower;
        geometry->yUpper = m_mainRect->axis(QCPAxis::atLeft)->range().upper;
        geometry->frame = m_shownFrame.value_or(TimelineLayout::Frame {});
        geometry->labels.clear();
        for (LabelGeometry label : labelGeometry()) {
            label.rect = QRectF(label.rect.left() * scaleX, label.rect.top() * scaleY, label.rect.width() * scaleX,
                label.rect.height() * scaleY);
            geometry->labels << label;
        }
    }
    return image;
}

void TimelineView::copyToClipboard(const ExportOptions& options) const
{
    QGuiApplication::clipboard()->setImage(renderImage(options));
}

Result<bool> TimelineView::exportTo(const QString& path, const ExportOptions& options) const
{
    const ExportFormat format = formatOf(path);
    if (format == ExportFormat::Unknown) {
        return Result<bool>::failure(tr("Cannot export to %1: unknown format \"%2\" (use .png, .jpg, .pdf or .svg)")
                                         .arg(path, QFileInfo(path).suffix()));
    }
    if (options.sizePx.isEmpty() || options.dpi <= 0) {
        return Result<bool>::failure(tr("Cannot export to %1: the size %2×%3 at %4 dpi is empty")
                                         .arg(path)
                                         .arg(options.sizePx.width())
                                         .arg(options.sizePx.height())
                                         .arg(options.dpi));
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return Result<bool>::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    const QString title = options.title.isEmpty() ? m_title : options.title;

    switch (format) {
    case ExportFormat::Png:
    case ExportFormat::Jpg: {
        const QImage image = renderImage(options);
        QImageWriter writer(&file, format == ExportFormat::Png ? QByteArrayLiteral("png") : QByteArrayLiteral("jpg"));
        if (format == ExportFormat::Jpg) {
            writer.setQuality(92);
        }
        if (!title.isEmpty()) {
            writer.setText(QStringLiteral("Title"), title);
        }
        if (!writer.write(image)) {
            return Result<bool>::failure(tr("Cannot write %1: %2").arg(path, writer.errorString()));
        }
        break;
    }
    case ExportFormat::Svg: {
        ReportStyle style(*this, options);
        const QSize logical = style.logicalSize();
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        // In the widget's units and resolution, like the image (see renderImage): the viewer scales vectors.
        generator.setSize(logical);
        generator.setViewBox(QRect(QPoint(0, 0), logical));
        generator.setResolution(m_plot->logicalDpiX());
        generator.setTitle(title);
        generator.setDescription(tr("Patroni HA Lab timeline"));
        QCPPainter painter;
        if (!painter.begin(&generator)) {
            return Result<bool>::failure(tr("Cannot write %1: the SVG renderer did not start").arg(path));
        }
        painter.fillRect(QRect(QPoint(0, 0), logical), Qt::white);
        m_plot->toPainter(&painter, logical.width(), logical.height());
        painter.end();
        break;
    }
    case ExportFormat::Pdf: {
        // savePdf opens the file itself: the check above only proved that it can be written.
        file.close();
        ReportStyle style(*this, options);
        const QSize logical = style.logicalSize();
        if (!m_plot->savePdf(path, logical.width(), logical.height(), QCP::epAllowCosmetic,
                QStringLiteral("Patroni HA Lab"), title)) {
            return Result<bool>::failure(tr("Cannot write %1: the PDF renderer failed").arg(path));
        }
        break;
    }
    case ExportFormat::Unknown:
        break;
    }
    if (file.isOpen()) {
        file.close();
        if (file.error() != QFileDevice::NoError) {
            return Result<bool>::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
        }
    }
    if (QFileInfo(path).size() <= 0) {
        return Result<bool>::failure(tr("Cannot write %1: nothing was written").arg(path));
    }
    return Result<bool>::success(true);
}

qint64 TimelineView::approximateMemoryBytes() const
{
    qint64 bytes = static_cast<qint64>(m_points.capacity() * sizeof(Point));
    for (const QCPGraph* graph : m_graphs) {
        bytes += static_cast<qint64>(graph->data()->size()) * static_cast<qint64>(sizeof(QCPGraphData));
    }
    bytes += static_cast<qint64>(m_plot->itemCount()) * 512; // an item with its positions, roughly
    bytes += 65536 + 4096; // the tracker's per-connection table and windows
    return bytes;
}
