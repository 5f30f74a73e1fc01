// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinelayout.h"

#include <algorithm>
#include <vector>

namespace TimelineLayout {

Frame frameExperiment(const FrameInput& input, double maxTailShare)
{
    Frame frame;
    frame.upperS = std::max(0.0, input.runEndS);
    frame.experimentEndS = frame.upperS;
    frame.tailStartS = frame.upperS;
    if (input.faults.isEmpty() || frame.upperS <= 0) {
        return frame;
    }
    // The heal's own commands (after the heal began) do not extend the experiment; an outage the heal ends does.
    QList<std::pair<double, double>> experimentFaults;
    for (const auto& fault : input.faults) {
        if (!input.healStartS || fault.first < *input.healStartS) {
            experimentFaults << fault;
        }
    }
    if (experimentFaults.isEmpty()) {
        experimentFaults = input.faults;
    }
    double start = std::numeric_limits<double>::infinity();
    double end = -std::numeric_limits<double>::infinity();
    for (const auto& fault : std::as_const(experimentFaults)) {
        start = std::min(start, fault.first);
        end = std::max(end, fault.second);
    }
    for (const auto& outage : input.outages) {
        start = std::min(start, outage.first);
        end = std::max(end, outage.second);
    }
    for (const double change : input.leaderChanges) {
        if (change >= start) {
            end = std::max(end, change);
        }
    }
    start = std::clamp(start, 0.0, frame.upperS);
    end = std::clamp(end, start, frame.upperS);
    // "A little" is a few percent of the experiment: enough normal traffic on each side to see where it changes.
    const double pad = std::clamp((end - start) * 0.06, 2.0, 15.0);
    frame.framed = true;
    frame.lowerS = start - pad <= pad ? 0.0 : start - pad; // a few seconds more show the run's start
    frame.experimentEndS = std::min(frame.upperS, end + pad);
    frame.tailStartS = frame.experimentEndS;
    if (input.healStartS && *input.healStartS < frame.upperS) {
        frame.healing = true;
        frame.tailStartS = std::max(frame.lowerS, std::min(*input.healStartS, frame.experimentEndS));
    }
    const double tail = frame.upperS - frame.experimentEndS;
    const double full = frame.experimentEndS - frame.lowerS;
    if (tail > 0 && full > 0 && tail / (tail + full) > maxTailShare) {
        frame.map.breakS = frame.experimentEndS;
        frame.map.factor = maxTailShare / (1 - maxTailShare) * full / tail;
    }
    return frame;
}

bool overlaps(const QRectF& a, const QRectF& b)
{
    return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom();
}

QList<LabelPlacement> placeLabels(const QList<LabelRequest>& labels, const LabelArea& area)
{
    QList<LabelPlacement> placements(labels.size());
    const QRectF plot = area.plot;
    const double rowHeight = std::max(1.0, area.rowHeight);
    const int markerRows = std::max(1, int(plot.height() * area.markerShare / rowHeight));
    const int allRows = std::max(markerRows + 1, int(plot.height() * area.regionShare / rowHeight));
    std::vector<QList<QRectF>> rows(static_cast<size_t>(allRows));
    const auto rowTop = [&](int row) { return plot.top() + 2 + row * rowHeight; };
    const auto fits = [&](int row, const QRectF& rect) {
        if (rect.left() < plot.left() || rect.right() > plot.right() || rect.bottom() > plot.bottom()) {
            return false;
        }
        return std::none_of(
            rows[static_cast<size_t>(row)].cbegin(), rows[static_cast<size_t>(row)].cend(), [&](const QRectF& placed) {
                return rect.left() < placed.right() + area.gap && placed.left() < rect.right() + area.gap;
            });
    };
    // Inside the plot with a pixel to spare; a box wider than the plot fits nowhere.
    const auto clampX
        = [&](double x, double width) { return std::clamp(x, plot.left() + 1, plot.right() - 1 - width); };
    const auto place = [&](qsizetype index, int row, const QRectF& rect, bool shortText) {
        rows[static_cast<size_t>(row)] << rect;
        placements[index] = { true, shortText, rect };
    };

    for (qsizetype i = 0; i < labels.size(); ++i) {
        const LabelRequest& label = labels.at(i);
        if (label.kind != LabelRequest::Kind::Marker || label.startPx < plot.left() || label.startPx > plot.right()) {
            continue;
        }
        // The full text in the top rows, else the short text in any row, else the full text lower down: a
        // crowd of commands shortens before it stacks deep into the plot.
        const int fullRows = std::max(1, markerRows / 3);
        const struct
        {
            bool shortText;
            int fromRow;
            int toRow;
        } passes[] = { { false, 0, fullRows }, { true, 0, markerRows }, { false, fullRows, markerRows } };
        bool placed = false;
        for (const auto& pass : passes) {
            const QSizeF size = pass.shortText ? label.shortSize : label.size;
            if (placed || size.isEmpty() || size.width() > plot.width() - 2) {
                continue;
            }
            // Right of its line, else left of it, in the highest row where it fits; a box that fits on neither side
            // is centred on its line as far as the plot allows.
            QList<double> lefts;
            if (label.startPx + 1 + size.width() <= plot.right() - 1) {
                lefts << label.startPx + 1;
            }
            if (label.startPx - 1 - size.width() >= plot.left() + 1) {
                lefts << label.startPx - 1 - size.width();
            }
            if (lefts.isEmpty()) {
                lefts << clampX(label.startPx - size.width() / 2, size.width());
            }
            for (int row = pass.fromRow; row < pass.toRow && !placed; ++row) {
                for (const double x : std::as_const(lefts)) {
                    const QRectF rect(x, rowTop(row), size.width(), size.height());
                    if (fits(row, rect)) {
                        place(i, row, rect, pass.shortText);
                        placed = true;
                        break;
                    }
                }
            }
        }
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const LabelRequest& label = labels.at(i);
        if (label.kind != LabelRequest::Kind::Region) {
            continue;
        }
        const double from = std::max(label.startPx, plot.left());
        const double to = std::min(label.endPx, plot.right());
        if (to < from) {
            continue; // not in view
        }
        bool placed = false;
        for (const bool shortText : { false, true }) {
            const QSizeF size = shortText ? label.shortSize : label.size;
            if (placed || size.isEmpty() || size.width() > plot.width() - 2) {
                continue;
            }
            // Over the middle of its visible part, pushed inside the plot at the edges.
            const double x = clampX((from + to - size.width()) / 2, size.width());
            // In the highest row with room: beside the marker labels where they leave a gap, never over one.
            for (int row = 0; row < allRows && !placed; ++row) {
                const QRectF rect(x, rowTop(row), size.width(), size.height());
                if (fits(row, rect)) {
                    place(i, row, rect, shortText);
                    placed = true;
                }
            }
        }
    }
    return placements;
}

} // namespace TimelineLayout
