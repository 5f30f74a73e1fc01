// SPDX-License-Identifier: GPL-3.0-or-later
// How the timeline view copes with a long run: 1,000,000 operations (about 50 minutes at 333 operations a second,
// an outage every 10 minutes), appended in generator-sized batches with a live replot every 10 s of lab time, then
// replots at full range and at a 60 s zoom. Side by side, the peer: a plain QCustomPlot scatter graph with all the
// points and QCustomPlot's own adaptive sampling. Prints timings and memory; exits non-zero only when the view is
// broken (points lost, wrong windows, decimation not bounding the graphs), never because it is slow.
//
// Usage: bench_timeline [operations]
#include "benchmemory.h"
#include "runanalysis.h"
#include "timelineview.h"

#include <QApplication>
#include <QFile>

#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using Clock = std::chrono::steady_clock;

constexpr qint64 Ms = 1'000'000;
constexpr qint64 Second = 1000 * Ms;
constexpr qint64 Spacing = 3 * Ms; // 333 operations per second over four connections
constexpr qint64 OutagePeriod = 600 * Second; // one fault every 10 minutes...
constexpr qint64 OutageOffset = 300 * Second; // ...in the middle of the period
constexpr qint64 OutageLength = 12 * Second; // writes fail for 12 s
constexpr qint64 RunStartNs = 5'000 * Second;
constexpr qint64 BatchNs = 100 * Ms; // the generator drains every 100 ms
constexpr QSize PlotSize(1600, 900);

using BenchMemory::statusKb;

double ms(Clock::duration duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

struct Generated
{
    std::vector<OperationRecord> operations;
    QList<FaultAction> faults;
    int outages = 0;
    qint64 plottable = 0; // all but Ok connects
};

Generated generate(qint64 count)
{
    Generated run;
    run.operations.reserve(static_cast<size_t>(count));
    const ErrorClass writeErrors[] = { ErrorClass::ConnectionRefused, ErrorClass::ConnectionLost, ErrorClass::ReadOnly,
        ErrorClass::ShuttingDown, ErrorClass::DeadlineExceeded };
    for (qint64 i = 0; i < count; ++i) {
        const qint64 offset = i * Spacing;
        const qint64 inPeriod = offset % OutagePeriod;
        const bool outage = inPeriod >= OutageOffset && inPeriod < OutageOffset + OutageLength;
        if (inPeriod == OutageOffset) {
            FaultAction fault;
            fault.startNs = RunStartNs + offset - 50 * Ms;
            fault.endNs = fault.startNs + 300 * Ms;
            fault.commandLine = QStringLiteral("docker stop bench-patroni%1").arg(run.faults.size() % 3 + 1);
            run.faults << fault;
            if (offset + OutageLength < count * Spacing) {
                ++run.outages;
            }
        }
        OperationRecord operation;
        operation.startNs = RunStartNs + offset;
        // Mostly 1-4 ms, some slow ones; failures of the deadline class take the full 2 s.
        operation.endNs = operation.startNs + (i % 97 == 0 ? 40 * Ms : (1 + (i * 7919) % 4) * Ms);
        operation.connection = static_cast<quint16>(i % 4);
        operation.stream = i % 4 == 0 ? OperationRecord::Stream::Probe : OperationRecord::Stream::Workload;
        if (i % 4 == 3) {
            operation.kind = Kind::Read;
        } else if (outage && i % 8 == 2) {
            operation.kind = Kind::Connect;
            operation.outcome = Outcome::Failed;
            operation.errorClass = ErrorClass::ConnectionRefused;
            operation.endNs = operation.startNs + Ms / 10;
        } else {
            operation.kind = Kind::Insert;
            operation.sequence = i + 1;
            if (outage) {
                operation.outcome = i % 10 == 0 ? Outcome::Indeterminate : Outcome::Failed;
                operation.errorClass = writeErrors[(i / 4) % 5];
                if (operation.errorClass == ErrorClass::DeadlineExceeded) {
                    operation.endNs = operation.startNs + 2 * Second;
                }
            }
        }
        if (i % 50'000 == 7) { // now and then the workload reconnects
            OperationRecord connect = operation;
            connect.kind = Kind::Connect;
            connect.outcome = Outcome::Ok;
            connect.errorClass = ErrorClass::None;
            run.operations.push_back(connect);
        }
        run.operations.push_back(operation);
        run.plottable += 1;
    }
    return run;
}

// Replots the plot `rounds` times, each after `prepare` (which changes the range), and returns the median in ms.
template <typename Prepare> double medianReplotMs(QCustomPlot* plot, int rounds, Prepare prepare)
{
    std::vector<double> timings;
    for (int round = 0; round < rounds; ++round) {
        prepare(round);
        const auto start = Clock::now();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        timings.push_back(ms(Clock::now() - start));
    }
    return median(timings);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_timeline [operations]\n");
        return 2;
    }

    const Generated run = generate(count);
    const qint64 runEndNs = RunStartNs + count * Spacing;
    // The generator delivers in end order.
    std::vector<OperationRecord> byEnd = run.operations;
    std::stable_sort(byEnd.begin(), byEnd.end(), [](const auto& a, const auto& b) { return a.endNs < b.endNs; });
    std::printf("generated %lld operations (%.1f min of lab time, %d outages)\n", static_cast<long long>(count),
        double(count * Spacing) / double(60 * Second), run.outages);

    const qint64 rssBeforeKb = statusKb("VmRSS");
    TimelineView view;
    view.resize(PlotSize);
    view.show();
    view.setRunStart(RunStartNs);
    StringTable strings;

    // Live: batches of 100 ms; a replot (following, 60 s window) every 10 s of lab time, as the timer would do
    // ten times a second at most. Append time excludes the replots.
    double appendMs = 0;
    std::vector<double> liveReplots;
    qsizetype nextFault = 0;
    std::vector<OperationRecord> batch;
    qint64 batchEndNs = RunStartNs + BatchNs;
    qint64 batches = 0;
    const auto deliver = [&] {
        const auto start = Clock::now();
        view.appendOperations(batch, strings);
        while (nextFault < run.faults.size() && run.faults.at(nextFault).startNs < batchEndNs) {
            view.addFault(run.faults.at(nextFault++));
        }
        appendMs += ms(Clock::now() - start);
        batch.clear();
        if (++batches % 100 == 0) {
            const auto replotStart = Clock::now();
            view.flushReplot();
            liveReplots.push_back(ms(Clock::now() - replotStart));
        }
    };
    for (const OperationRecord& operation : byEnd) {
        while (operation.endNs >= batchEndNs) {
            deliver();
            batchEndNs += BatchNs;
        }
        batch.push_back(operation);
    }
    deliver();
    view.flushReplot();
    std::printf("append: %lld batches, %.1f ms in total, %.2f us per batch, %.0f ns per operation\n",
        static_cast<long long>(batches), appendMs, appendMs * 1000 / double(batches), appendMs * 1e6 / double(count));
    std::printf("live replot while following (60 s window, %zu replots): median %.2f ms, max %.2f ms\n",
        liveReplots.size(), median(liveReplots),
        liveReplots.empty() ? 0.0 : *std::max_element(liveReplots.begin(), liveReplots.end()));

    QString problem;
    if (view.pointCount() != run.plottable) {
        problem
            = QStringLiteral("the view holds %1 points, %2 were appended").arg(view.pointCount()).arg(run.plottable);
    }
    const int liveWindows = static_cast<int>(view.shownWindows().size());

    const RunAnalysis analysis = RunAnalyzer::analyze(run.operations, run.faults, {}, RunStartNs, runEndNs);
    view.setAnalysis(analysis);
    if (problem.isEmpty() && (analysis.writeWindows.size() != run.outages || liveWindows < run.outages)) {
        problem = QStringLiteral("%1 write windows (live: %2 windows), %3 outages generated")
                      .arg(analysis.writeWindows.size())
                      .arg(liveWindows)
                      .arg(run.outages);
    }

    // Full range: every replot after a zoom rebuilds the decimation (alternating ranges), then replots that reuse it.
    const double fullUpper = view.dataEndS() * 1.01;
    const int rounds = 7;
    const double fullRebuildMs = medianReplotMs(
        view.plot(), rounds, [&](int round) { view.setVisibleRange(0, round % 2 ? fullUpper * 0.5 : fullUpper); });
    view.setVisibleRange(0, fullUpper);
    view.flushReplot();
    const int plottedFull = view.plottedPointCount();
    const double fullCachedMs = medianReplotMs(view.plot(), rounds, [](int) {});
    const double zoomMs = medianReplotMs(view.plot(), rounds, [&](int round) {
        const double lower = 600.0 * (round % 5) + 270; // over the outage at 300 s of a period
        view.setVisibleRange(lower, lower + 60);
    });
    const int plottedZoom = view.plottedPointCount();
    const int maxPlotted = 2 * TimelineView::CategoryCount * std::max(200, view.plot()->axisRect()->width()) * 2;
    if (problem.isEmpty() && (plottedFull <= 0 || plottedFull > maxPlotted)) {
        problem = QStringLiteral("%1 points plotted at full range, bound %2").arg(plottedFull).arg(maxPlotted);
    }
    std::printf("view replot, full range, decimation rebuilt: median of %d %.2f ms\n", rounds, fullRebuildMs);
    std::printf("view replot, full range, decimation reused: median of %d %.2f ms (%d points plotted of %lld)\n",
        rounds, fullCachedMs, plottedFull, static_cast<long long>(view.pointCount()));
    std::printf("view replot, 60 s zoom, decimation rebuilt: median of %d %.2f ms (%d points plotted)\n", rounds,
        zoomMs, plottedZoom);
    std::printf("view replots counted: %d, last %.2f ms (its own measure, beforeReplot to afterReplot)\n",
        view.replotCount(), double(view.lastReplotNs()) / 1e6);

    const qint64 rssViewKb = statusKb("VmRSS");
    std::printf("view memory: %.1f MB by its own estimate (%.1f bytes/operation); RSS grew %.1f MB building it\n",
        double(view.approximateMemoryBytes()) / 1e6, double(view.approximateMemoryBytes()) / double(count),
        double(rssViewKb - rssBeforeKb) / 1024.0);

    // Export at report size, for the record.
    {
        const auto start = Clock::now();
        const QImage image = view.renderImage({});
        std::printf("renderImage 1600x900 at 150 dpi: %.1f ms (%s)\n", ms(Clock::now() - start),
            image.size() == QSize(1600, 900) ? "ok" : "WRONG SIZE");
        if (problem.isEmpty() && image.size() != QSize(1600, 900)) {
            problem = QStringLiteral("the exported image has the wrong size");
        }
    }

    // The peer: one plain QCustomPlot scatter graph with every point, QCustomPlot's adaptive sampling on.
    {
        QCustomPlot peer;
        peer.resize(PlotSize);
        peer.show();
        QCPGraph* graph = peer.addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        peer.yAxis->setScaleType(QCPAxis::stLogarithmic);
        peer.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        peer.yAxis->setRange(0.05, 10'000);
        QVector<QCPGraphData> data;
        data.reserve(static_cast<qsizetype>(run.operations.size()));
        for (const OperationRecord& operation : run.operations) {
            data.append(QCPGraphData(double(operation.startNs - RunStartNs) / 1e9,
                std::max(0.1, double(operation.endNs - operation.startNs) / 1e6)));
        }
        graph->data()->set(data, true);
        const double peerFullMs = medianReplotMs(&peer, 3, [&](int) { peer.xAxis->setRange(0, fullUpper); });
        const double peerZoomMs = medianReplotMs(&peer, 3, [&](int round) {
            const double lower = 600.0 * (round % 5) + 270;
            peer.xAxis->setRange(lower, lower + 60);
        });
        std::printf("peer (plain QCustomPlot scatter, all %lld points): replot full range median of 3 %.2f ms, "
                    "60 s zoom %.2f ms\n",
            static_cast<long long>(data.size()), peerFullMs, peerZoomMs);
        std::printf("ratio peer/view: full range %.1fx (decimation rebuilt) %.1fx (reused), 60 s zoom %.1fx\n",
            peerFullMs / fullRebuildMs, peerFullMs / fullCachedMs, peerZoomMs / zoomMs);
        std::printf("bench_timeline: %lld operations, append %.0f ns/op, replot full %.1f ms (peer %.1f ms), "
                    "zoom %.1f ms (peer %.1f ms), %.1f MB\n",
            static_cast<long long>(count), appendMs * 1e6 / double(count), fullRebuildMs, peerFullMs, zoomMs,
            peerZoomMs, double(view.approximateMemoryBytes()) / 1e6);
    }

    if (!problem.isEmpty()) {
        std::fprintf(stderr, "bench_timeline: BROKEN: %s\n", qPrintable(problem));
        return 1;
    }
    return 0;
}
