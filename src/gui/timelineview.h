// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "journal.h"
#include "liveoutage.h"
#include "result.h"
#include "runanalysis.h"
#include "runrecords.h"
#include "timelinelayout.h"

#include <QHash>
#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QRect>
#include <QSharedPointer>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPMarginGroup;
class QCPTextElement;
class TimelinePlot;
class TimelineTicker;

// The run on one time axis, live or for a past run: every operation as a point (start time, latency on a log axis)
// coloured by outcome and error class, the outage windows shaded, the docker commands and leader changes as
// markers, and below, one lane per Patroni member (its role, or what its container is: stopped, paused, cut off
// from the cluster's network), etcd's quorum and where HAProxy routes writes. x is seconds since the run start;
// a report (an export that frames the experiment) shows the experiment at full scale and compresses the tail. Built for
// a million operations: points are decimated per time bucket of the visible range (see rebuildDecimation) and replots
// are coalesced to at most ten a second.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)
public:
    // What a point is drawn as: its outcome, and for failures the error class.
    enum class Category : quint8 {
        InsertOk,
        ReadOk,
        ConnectionRefused,
        ConnectionLost,
        ReadOnly,
        ShuttingDown,
        DeadlineExceeded,
        Authentication,
        OtherFailure,
        Indeterminate,
    };
    static constexpr int CategoryCount = static_cast<int>(Category::Indeterminate) + 1;

    // A bar of a lane: [startS, endS) in seconds since the run start. state is a stable key ("leader", "replica",
    // "stopped", "unreachable", "paused", "cut-off", "unknown", "quorum", "no-quorum", "routed", "none"); label is
    // shown, or shortLabel when the label does not fit the bar.
    struct LaneSegment
    {
        double startS = 0;
        double endS = 0;
        QString state;
        QString label;
        QString shortLabel;
    };

    struct ExportOptions
    {
        QSize sizePx { 1600, 900 };
        double dpi = 150;
        QString title; // empty: the view's title
        bool legend = true;
        // A report's figure: from a little before the first fault to a little after the last outage, with the
        // rest of the run (the healing) shaded and compressed. Off: the range the view shows now.
        bool frameExperiment = true;
    };

    // A text the plot shows, where it is drawn (the box of its background).
    struct LabelGeometry
    {
        enum class Kind { Marker, Outage, Tail, Lane };
        Kind kind = Kind::Marker;
        QString text;
        QRectF rect;
    };

    // Where things landed in an image from renderImage, to find times in it: x of a time s is
    // plotArea.left() + (frame.map.toAxis(s) - xLower) / (xUpper - xLower) * plotArea.width().
    struct RenderGeometry
    {
        QRect plotArea; // in image pixels
        QRect laneArea; // empty without lanes
        double xLower = 0; // x axis units (seconds, unless the tail is compressed)
        double xUpper = 0;
        double yLower = 0; // latency axis, ms (logarithmic)
        double yUpper = 0;
        TimelineLayout::Frame frame; // framed: what the export framed; else the identity map
        QList<LabelGeometry> labels; // in image pixels
    };

    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void clear();
    // Starts a live run at startNs (LabClock): x = 0 there.
    void setRunStart(qint64 startNs);
    qint64 runStartNs() const { return m_runStartNs; }
    // Live: may be called ten times a second with the generator's batches. Ok connects are not drawn (they prove
    // nothing about service, see runanalysis.h); everything else is.
    void appendOperations(const std::vector<OperationRecord>& operations, const StringTable& strings);
    void addEvent(const ClusterEvent& event);
    void addFault(const FaultAction& fault);
    // ClusterState::toJson() at time zero: the lanes' first states. cutOffContainers: the containers attached to
    // none of the cluster's networks then (NodeMenuContext::isCutOff); later cuts come from the docker commands.
    void setInitialState(const QJsonObject& clusterStateJson, const QStringList& cutOffContainers = {});
    // The scenario began to heal (ScenarioRunner::healingStarted); a stored run says so itself.
    void setHealStart(qint64 timeNs);
    // The final windows of the run; they replace the live ones and the view stops following.
    void setAnalysis(const RunAnalysis& analysis);
    // A past run, everything at once (lanes from the snapshots and events).
    void showRun(const StoredRun& run, const RunAnalysis& analysis);

    // Keep the right edge at the latest time seen, showing the last minute; any zoom or pan turns it off.
    void setFollowLive(bool follow);
    bool followLive() const { return m_followLive; }
    // Shows [lowerS, upperS] (turns following off) / everything.
    void setVisibleRange(double lowerS, double upperS);
    void resetRange();
    std::pair<double, double> visibleRange() const;
    // The time span of the data: run start to the latest operation, event, fault or run end.
    double dataEndS() const;

    void setTitle(const QString& title);
    // Larger fonts and points for lectures; exports keep the report style.
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }
    QString title() const { return m_title; }
    QCustomPlot* plot() const;

    // .png .jpg/.jpeg .pdf .svg by suffix. White background, title, legend, sizePx at dpi (fonts scaled with it).
    Result<bool> exportTo(const QString& path, const ExportOptions& options) const;
    QImage renderImage(const ExportOptions& options, RenderGeometry* geometry = nullptr) const;
    void copyToClipboard(const ExportOptions& options) const;

    // What a report frames of the run as it is now (see ExportOptions::frameExperiment).
    TimelineLayout::Frame experimentFrame() const;

    // Inspection, for tests and the traffic panel.
    // Every text shown in the widget now, in the plot widget's pixels.
    QList<LabelGeometry> labelGeometry() const;
    QStringList laneNames() const; // member names, then "etcd", "haproxy"
    QStringList shownLaneNames() const; // the lanes drawn now (see setAllLanes)
    int hiddenLaneCount() const; // lanes left out for lack of height or by setAllLanes(false)
    int laneRowHeight() const; // pixels per lane: its label's height and a little padding
    // All lanes when there is room (the default), or only those whose state changes during the run. Whatever this
    // says, lanes that do not fit the height at one row each are left out (the ones without changes first), so
    // none is ever squeezed below its label.
    void setAllLanes(bool all);
    bool allLanes() const { return m_allLanes; }
    // Where the plot's elements landed (widget pixels): the latency plot, the lanes, the legend, the title.
    QRect plotAreaRect() const;
    QRect laneAreaRect() const; // empty without lanes
    QRect legendRect() const; // empty without a legend
    QRect titleRect() const; // empty without a title
    QString latencyAxisLabel() const;
    QList<LaneSegment> laneSegments(const QString& lane) const;
    qint64 pointCount() const { return static_cast<qint64>(m_points.size()); }
    // The acknowledged writes the run's audit did not find afterwards, drawn as crosses where they were
    // acknowledged (showRun marks them; a live run has no audit yet).
    int lostWriteCount() const { return static_cast<int>(m_lostWrites.size()); }
    void markLostWrites(const std::vector<OperationRecord>& operations, const WriteAudit& audit);
    int pointCount(Category category) const { return m_categoryCounts[static_cast<size_t>(category)]; }
    int plottedPointCount() const; // after decimation
    QList<UnavailabilityWindow> shownWindows() const; // write windows then read windows, as shaded
    QStringList markerLabels() const; // fault and leader-change markers, in time order
    QStringList windowLabels() const { return m_windowLabels; } // per shown window: "write outage 30.7 s"
    QStringList markerShortLabels() const; // the same, as a narrow plot shows them (empty: none, the label is cut)
    const LiveOutageTracker& liveOutages() const { return *m_tracker; }
    // Bytes held for the data (points, decimated copies, items), roughly.
    qint64 approximateMemoryBytes() const;
    qint64 lastReplotNs() const { return m_lastReplotNs; }
    int replotCount() const { return m_replotCount; }
    // Replots now if something changed (the coalescing timer does this by itself).
    void flushReplot();

    static QColor categoryColor(Category category);
    static QString categoryName(Category category);

signals:
    void followLiveChanged(bool follow);

private:
    class ReportStyle;
    friend class ReportStyle;

    struct Point
    {
        float timeS;
        float latencyMs;
        Category category;
    };

    struct Marker
    {
        double timeS = 0;
        QString label;
        QString shortLabel; // when the full one finds no room
        bool leaderChange = false;
        QCPItemStraightLine* line = nullptr;
        QCPItemText* text = nullptr;
    };

    // Facts of one member that decide its lane's state.
    struct MemberFacts
    {
        QString role; // displayRole: "Leader", "Replica", ... or Patroni's own word
        QString patroniState; // "running", "stopped", ...
        QString containerState; // docker's: "running", "paused", "exited", "missing"
        QString container;
        bool present = true; // in the cluster's member list
        QString lastRole; // the role before its container was stopped, paused or cut off: "leader", "replica"
        // A command took the node down: lastRole is its role when the command began, whatever Patroni reports while
        // it goes (a stopped leader demotes itself first), until the container is up and attached again.
        bool lastRoleHeld = false;
        bool overridden = false; // at the last update, the container's state was shown instead of the role
    };

    struct Lane
    {
        QString id;
        QString title;
        bool shown = true; // drawn now (fitLanes)
        QList<LaneSegment> segments; // the last one is still open while its endS follows the data
        QList<QCPItemRect*> bars;
        QList<QCPItemText*> texts; // one per bar, with the labels of drawn
        QList<LaneSegment> drawn;
    };

    void setupPlot();
    void scheduleReplot();
    void onReplotTimer();
    void beforeReplot();
    void refreshContent(); // windows, legend, lanes, latency axis: what a replot or an export draws
    void onXRangeChanged(double lower, double upper);
    void setXRangeProgrammatically(double lower, double upper);
    double fullRangeUpperS() const;
    double toSeconds(qint64 ns) const;

    void appendPoints(const std::vector<OperationRecord>& operations, bool sortAll);
    void rebuildDecimation(double lowerS, double upperS, int widthPx) const;
    bool decimationCovers(double lowerS, double upperS, int widthPx) const;
    void updateLatencyRange() const;

    void rebuildWindows();

    void addMarker(double timeS, const QString& label, const QString& shortLabel, bool leaderChange);
    void addFaultMarker(const FaultAction& fault);
    void layoutMarkersAndTexts() const;
    // Seconds → x axis units (the identity unless a report compresses the tail).
    double axisX(double seconds) const { return m_axisMap.toAxis(seconds); }
    void setAxisMap(const TimelineLayout::TimeAxisMap& map);
    void showFrame(const TimelineLayout::Frame& frame); // adds the tail's shading and label, or removes them

    // Lanes
    void resetLanes(const QJsonObject& state, double atS);
    void applyEvent(const ClusterEvent& event);
    void applyFault(const FaultAction& fault); // network disconnect and connect cut members off and back
    void applySnapshot(const QJsonObject& state, double atS);
    void updateLaneStates(double atS);
    void setLaneState(
        const QString& id, double atS, const QString& state, const QString& label, const QString& shortLabel = {});
    Lane* lane(const QString& id);
    const Lane* lane(const QString& id) const;
    QString memberForContainer(const QString& container) const;
    void rebuildLaneItems();
    void extendOpenLaneSegments(double toS);
    void updateLaneLayout();
    // Fits the figure to the plot's viewport: legend columns for its width, the lanes that fit its height (at
    // least a row each, the latency plot keeping MainPlotShare), a y axis title that fits. True when the lanes shown
    // changed (their items were rebuilt).
    bool fitToViewport(bool exporting = false);
    void fitLegendColumns(int widthPx);
    bool chooseShownLanes(int count); // the lanes to show when count fit; true when that changed
    QFont labelFont() const; // markers, outages, lanes: a point below the view's font
    QString memberLaneState(const QString& name, const MemberFacts& facts, QString* label, QString* shortLabel) const;
    bool memberCutOff(const QString& name, const MemberFacts& facts) const;
    bool containerOverrides(const QString& name, const MemberFacts& facts) const;
    QString laneStateAt(const QString& id, double atS) const;
    QString shortContainerName(const QString& container) const;
    QString etcdLabel(bool quorum, int healthy, int total) const;

    TimelinePlot* m_plot = nullptr;
    QCPAxisRect* m_mainRect = nullptr;
    QCPAxisRect* m_laneRect = nullptr;
    QCPMarginGroup* m_marginGroup = nullptr;
    QCPTextElement* m_titleElement = nullptr;
    std::array<QCPGraph*, CategoryCount> m_graphs {};
    QCPGraph* m_lostGraph = nullptr;
    struct LostWrite
    {
        double timeS = 0; // when it was acknowledged: where a reader looks for what the new leader never had
        double latencyMs = 0;
    };
    QList<LostWrite> m_lostWrites;
    void rebuildLostWrites();
    QTimer m_replotTimer;
    std::unique_ptr<LiveOutageTracker> m_tracker;

    qint64 m_runStartNs = 0;
    bool m_live = true;
    bool m_followLive = true;
    bool m_settingRange = false;
    bool m_presentation = false;
    QString m_title;

    std::vector<Point> m_points; // ascending timeS
    std::array<int, CategoryCount> m_categoryCounts {};
    quint32 m_legendMask = 0; // categories in the legend, and LostWritesLegendBit
    static constexpr quint32 LostWritesLegendBit = 1U << CategoryCount;
    float m_maxLatencyMs = 1;
    mutable double m_labelShare = 0; // of the plot's height, from the top, that labels take
    mutable QRect m_labelledRect; // the plot rectangle the labels were placed in
    double m_dataEndS = 0;
    double m_runEndS = 0; // from the analysis; 0 while live
    bool m_dataChanged = false;

    // What the graphs hold: the range and bucket width they were decimated for.
    mutable double m_decimatedLowerS = 0;
    mutable double m_decimatedUpperS = -1;
    mutable double m_decimatedBucketS = 0;
    mutable bool m_decimationValid = false;
    mutable int m_plottedPoints = 0;

    std::optional<RunAnalysis> m_analysis;
    quint64 m_windowsRevision = 0;
    QList<UnavailabilityWindow> m_shownWindows;
    QList<QCPItemRect*> m_windowRects;
    QList<QCPItemText*> m_windowTexts;
    QStringList m_windowLabels; // per shown window: "write outage 30.7 s"
    QStringList m_windowShortLabels; // "30.7 s"

    QList<Marker> m_markers;
    qsizetype m_lastLeaderMarker = -1;
    QList<std::pair<double, double>> m_faultTimes; // start, end in seconds
    std::optional<double> m_healStartS;

    QSharedPointer<TimelineTicker> m_ticker;
    TimelineLayout::TimeAxisMap m_axisMap;
    std::optional<TimelineLayout::Frame> m_shownFrame; // while an export frames the experiment
    QCPItemRect* m_tailRect = nullptr;
    QCPItemText* m_tailText = nullptr;
    QString m_tailLabel;
    QString m_tailShortLabel;
    QList<QCPItemStraightLine*> m_breakLines;

    QList<Lane> m_lanes;
    QHash<QString, MemberFacts> m_members;
    QHash<QString, bool> m_cutOffContainers; // container → cut off from the cluster's network
    QStringList m_memberOrder;
    QHash<QString, bool> m_etcdHealthy;
    int m_etcdHealthyCount = 0;
    int m_etcdTotal = 0;
    bool m_etcdQuorum = true;
    bool m_etcdKnown = false;
    QHash<QString, bool> m_primaryBackendsUp;
    bool m_haproxyReachable = true;
    bool m_haproxyKnown = false;
    bool m_patroniReachable = true;
    bool m_lanesChanged = false;
    bool m_allLanes = true;
    int m_fittingDepth = 0;

    qint64 m_lastReplotNs = 0;
    qint64 m_replotStartedNs = 0;
    int m_replotCount = 0;
};
