// SPDX-License-Identifier: GPL-3.0-or-later
// How long RunAnalyzer::analyze takes on a long run: 10 million operations, a 100/s probe-like stream over about
// 28 hours of lab time with an outage every 10 minutes. Prints timings and memory; exits non-zero only when the
// analysis finds other windows than the ones generated (broken), never because it is slow. Records come in start
// order with some overlap (the usual case); one more round on shuffled records shows the worst case.
//
// Usage: bench_analysis [operations]
#include "benchmemory.h"
#include "runanalysis.h"

#include <QFile>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;
using Clock = std::chrono::steady_clock;

constexpr qint64 Ms = 1'000'000;
constexpr qint64 Second = 1000 * Ms;
constexpr qint64 Spacing = 10 * Ms;           // 100 operations per second
constexpr qint64 OutagePeriod = 600 * Second; // one fault every 10 minutes...
constexpr qint64 OutageOffset = 300 * Second; // ...in the middle of the period
constexpr qint64 OutageLength = 12 * Second;  // writes fail for 12 s
constexpr qint64 ReadOutageLength = 4 * Second; // reads (and connects) for the first 4 s
constexpr qint64 RunStartNs = 5'000 * Second; // a monotonic clock some time after boot

using BenchMemory::statusKb;

// Resets VmHWM to the current RSS (Linux 4.0+), so the peak of one phase can be measured.
bool resetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

double seconds(Clock::duration duration)
{
    return std::chrono::duration<double>(duration).count();
}

struct Generated
{
    std::vector<OperationRecord> operations;
    QList<FaultAction> faults;
    QList<ClusterEvent> events;
    qint64 runEndNs = 0;
    int outages = 0; // each one must give exactly one write and one read window
};

Generated generate(qint64 count)
{
    Generated run;
    run.operations.reserve(static_cast<size_t>(count));
    const qint64 wallBaseMs = 1'700'000'000'000;
    const ErrorClass writeErrors[] = {ErrorClass::ConnectionLost, ErrorClass::ReadOnly, ErrorClass::ShuttingDown};
    for (qint64 i = 0; i < count; ++i) {
        const qint64 offset = i * Spacing;
        const qint64 inPeriod = offset % OutagePeriod;
        const bool writeOutage = inPeriod >= OutageOffset && inPeriod < OutageOffset + OutageLength;
        const bool readOutage = inPeriod >= OutageOffset && inPeriod < OutageOffset + ReadOutageLength;
        if (inPeriod == OutageOffset) {
            const qint64 outageStart = RunStartNs + offset;
            FaultAction fault;
            fault.startNs = outageStart - 50 * Ms;
            fault.endNs = fault.startNs + 300 * Ms;
            fault.commandLine = QStringLiteral("docker stop demo-patroni%1").arg(run.faults.size() % 3 + 1);
            run.faults << fault;
            ClusterEvent leader;
            leader.kind = ClusterEvent::Kind::LeaderChanged;
            leader.timeNs = outageStart + 6 * Second;
            ClusterEvent timeline = leader;
            timeline.kind = ClusterEvent::Kind::TimelineChanged;
            timeline.timeNs += 100 * Ms;
            run.events << leader << timeline;
            if (offset + OutageLength < count * Spacing) {
                ++run.outages;
            }
        }

        OperationRecord operation;
        operation.startNs = RunStartNs + offset;
        // Mostly 1-4 ms; every 50th takes 15 ms and ends after the next one, as with concurrent connections.
        operation.endNs = operation.startNs + (i % 50 == 49 ? 15 * Ms : (1 + (i * 7919) % 4) * Ms);
        operation.wallMs = wallBaseMs + offset / Ms;
        operation.connection = static_cast<quint16>(i % 2);
        operation.stream = i % 2 ? OperationRecord::Stream::Workload : OperationRecord::Stream::Probe;
        if (i % 4 == 3) {
            operation.kind = Kind::Read;
            if (readOutage) {
                operation.outcome = Outcome::Failed;
                operation.errorClass = ErrorClass::ConnectionRefused;
            }
        } else if (readOutage && i % 4 == 2) {
            operation.kind = Kind::Connect;
            operation.outcome = Outcome::Failed;
            operation.errorClass = ErrorClass::ConnectionRefused;
        } else {
            operation.kind = Kind::Insert;
            operation.sequence = i + 1;
            if (writeOutage) {
                operation.outcome = i % 10 == 0 ? Outcome::Indeterminate : Outcome::Failed;
                operation.errorClass = writeErrors[i % 3];
            } else {
                operation.returnedId = i + 1;
            }
        }
        run.operations.push_back(operation);
    }
    run.runEndNs = RunStartNs + count * Spacing;
    return run;
}

// Empty when the analysis found exactly the generated outages.
QString checkWindows(const QList<UnavailabilityWindow>& windows, int outages, const char* kind)
{
    if (windows.size() != outages) {
        return QStringLiteral("%1 windows: %2, generated outages: %3")
            .arg(QLatin1StringView(kind))
            .arg(windows.size())
            .arg(outages);
    }
    for (int i = 0; i < windows.size(); ++i) {
        const UnavailabilityWindow& window = windows.at(i);
        if (window.faultIndex.value_or(-1) != i) {
            return QStringLiteral("%1 window %2 is attributed to fault %3")
                .arg(QLatin1StringView(kind))
                .arg(i)
                .arg(window.faultIndex.value_or(-1));
        }
    }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 10'000'000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_analysis [operations]\n");
        return 2;
    }
    std::printf("sizeof(OperationRecord): %zu bytes\n", sizeof(OperationRecord));

    const qint64 rssBeforeKb = statusKb("VmRSS");
    const auto generationStart = Clock::now();
    const Generated run = generate(count);
    const double generationSeconds = seconds(Clock::now() - generationStart);
    const qint64 rssGeneratedKb = statusKb("VmRSS");
    const double storedBytesPerOp = double(rssGeneratedKb - rssBeforeKb) * 1024.0 / double(count);
    std::printf("generated %lld operations (%.1f h of lab time, %d outages) in %.2f s\n", static_cast<long long>(count),
                double(count * Spacing) / double(3600 * Second), run.outages, generationSeconds);
    std::printf("RSS: %lld kB before, %lld kB after generation: %.1f bytes/operation stored\n",
                static_cast<long long>(rssBeforeKb), static_cast<long long>(rssGeneratedKb), storedBytesPerOp);

    const bool peakReset = resetPeak();
    std::vector<double> timings;
    QString problem;
    for (int round = 0; round < 3; ++round) {
        const auto start = Clock::now();
        const RunAnalysis analysis
            = RunAnalyzer::analyze(run.operations, run.faults, run.events, RunStartNs, run.runEndNs);
        timings.push_back(seconds(Clock::now() - start));
        if (round == 0) {
            problem = checkWindows(analysis.writeWindows, run.outages, "write");
            if (problem.isEmpty()) {
                problem = checkWindows(analysis.readWindows, run.outages, "read");
            }
            const KindSummary& writes = analysis.summary.writes;
            std::printf("analysis: %lld write windows (longest %.3f s, availability %.4f %%, resolution %.1f ms), "
                        "%lld read windows\n",
                        static_cast<long long>(analysis.writeWindows.size()),
                        double(writes.longestOutageNs) / double(Second),
                        writes.availabilityPercent.value_or(-1), double(writes.resolutionNs) / double(Ms),
                        static_cast<long long>(analysis.readWindows.size()));
        }
        std::printf("analyze() round %d: %.3f s\n", round + 1, timings.back());
    }
    const qint64 peakKb = statusKb("VmHWM");
    std::sort(timings.begin(), timings.end());
    const double median = timings[1];
    std::printf("analyze() median of 3: %.3f s, %.1f M operations/s\n", median, double(count) / median / 1e6);
    std::printf("peak RSS (VmHWM%s): %lld kB, %.1f bytes/operation above the stored records while analysing\n",
                peakReset ? " since generation" : " of the process", static_cast<long long>(peakKb),
                double(peakKb - rssGeneratedKb) * 1024.0 / double(count));

    if (!problem.isEmpty()) {
        std::fprintf(stderr, "bench_analysis: BROKEN: %s\n", qPrintable(problem));
        return 1;
    }

    // Worst case, for information: records in random order, so the nearly-sorted fast path gives up and sorts.
    {
        std::vector<OperationRecord> shuffled = run.operations;
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(42));
        const auto start = Clock::now();
        const RunAnalysis analysis = RunAnalyzer::analyze(shuffled, run.faults, run.events, RunStartNs, run.runEndNs);
        std::printf("analyze() on the same records shuffled (worst case, one round): %.3f s\n",
                    seconds(Clock::now() - start));
        problem = checkWindows(analysis.writeWindows, run.outages, "write (shuffled)");
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "bench_analysis: BROKEN: %s\n", qPrintable(problem));
            return 1;
        }
    }
    std::printf("bench_analysis: %lld operations analysed in %.2f s (%.1f M ops/s), %.0f bytes/op\n",
                static_cast<long long>(count), median, double(count) / median / 1e6, storedBytesPerOp);
    return 0;
}
