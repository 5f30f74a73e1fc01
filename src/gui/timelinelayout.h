// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>

#include <limits>
#include <optional>
#include <utility>

// The decisions of the timeline figure that depend on geometry only, apart from the drawing so they can be tested
// (and reused by a window layout) without QCustomPlot: which part of a run a report frames, how time maps to the
// x axis when the tail of the run is compressed, and where the marker and outage labels go so that none overlaps
// another or leaves the plot.
namespace TimelineLayout {

// Seconds since the run start → x axis units. Linear up to breakS; after it, factor axis units per second (a
// compressed tail). The identity when nothing is compressed.
struct TimeAxisMap
{
    double breakS = std::numeric_limits<double>::infinity();
    double factor = 1;

    bool compressed() const { return breakS < std::numeric_limits<double>::infinity() && factor < 1; }
    double toAxis(double seconds) const { return seconds <= breakS ? seconds : breakS + (seconds - breakS) * factor; }
    double toSeconds(double axis) const { return axis <= breakS ? axis : breakS + (axis - breakS) / factor; }
};

// What frames an experiment, in seconds since the run start.
struct FrameInput
{
    double runEndS = 0;
    QList<std::pair<double, double>> faults; // every docker command and switchover: start, end
    std::optional<double> healStartS; // when the scenario began to heal, if known: later faults are the heal's
    QList<std::pair<double, double>> outages; // write and read outages: start, end
    QList<double> leaderChanges;
};

// A report's view of a run: [lowerS, experimentEndS] at full scale, then the tail up to upperS (the run's end),
// compressed by map when it would take more than its share of the width.
struct Frame
{
    bool framed = false; // false: no fault, the whole run is shown
    double lowerS = 0;
    double experimentEndS = 0;
    double upperS = 0;
    // The shaded tail: from tailStartS to upperS (none when tailStartS >= upperS). It starts at the heal when the
    // heal is known and earlier than the end of the experiment.
    double tailStartS = 0;
    bool healing = false; // the tail is the scenario's heal (known), not just the rest of the run
    TimeAxisMap map;

    bool hasTail() const { return tailStartS < upperS; }
};

// From a little before the first fault (or outage) to a little after the last fault of the experiment, outage or
// leader change ends; the rest is the tail, compressed to at most maxTailShare of the width.
Frame frameExperiment(const FrameInput& input, double maxTailShare = 0.12);

// One label to place, in pixels of the plot. A marker's label stands next to its vertical line at startPx; a
// region's (an outage, the tail) over the part of [startPx, endPx] that is visible.
struct LabelRequest
{
    enum class Kind { Marker, Region };
    Kind kind = Kind::Marker;
    double startPx = 0;
    double endPx = 0;
    QSizeF size; // the box of the full text
    QSizeF shortSize; // the box of the short text; empty: there is none
};

struct LabelPlacement
{
    bool visible = false;
    bool shortText = false;
    QRectF rect;
};

// Where labels may go: the plot's rectangle, in rows from the top rowHeight apart. Marker labels take rows down to
// markerShare of the height, region labels (placed after them, where they leave room) down to regionShare.
// Labels in one row keep gap pixels apart, so none overlaps another.
struct LabelArea
{
    QRectF plot;
    double rowHeight = 16;
    double gap = 4;
    double markerShare = 0.45;
    double regionShare = 0.7;
};

// Markers in time order first, then regions in priority order (writes before reads). A marker's full text goes in
// the top third of its rows, else its short text anywhere, else its full text lower down; a region's full text,
// else its short one. A label that fits nowhere is hidden (its line or shading stays).
QList<LabelPlacement> placeLabels(const QList<LabelRequest>& labels, const LabelArea& area);

// Whether two label rectangles overlap (touching edges do not).
bool overlaps(const QRectF& a, const QRectF& b);

} // namespace TimelineLayout
