// SPDX-License-Identifier: GPL-3.0-or-later
#include "runanalysis.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;

constexpr quint8 WriteBit = 1;
constexpr quint8 ReadBit = 2;
constexpr int ErrorClassCount = OperationRecord::ErrorClassCount;

// One operation on the availability timeline, see the time model in runanalysis.h.
struct Evidence
{
    qint64 timeNs;  // start of a failure, end of a success
    quint32 index;  // into operations
    quint8 failure; // 0 before 1: at equal times a success precedes the failure, it does not close its window
    quint8 kinds;   // WriteBit | ReadBit
};

bool evidenceBefore(const Evidence& a, const Evidence& b)
{
    return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : a.failure < b.failure;
}

// Records arrive in about start order, so the timeline is nearly sorted: only operations that overlapped are out of
// place, by a few positions. Insertion sort is linear then; when the moves exceed a budget, the input is not like
// that after all and std::sort takes over (the partial work leaves a permutation, nothing is lost).
void sortTimeline(std::vector<Evidence>& timeline)
{
    const size_t budget = 8 * timeline.size() + 1024;
    size_t moves = 0;
    for (size_t i = 1; i < timeline.size(); ++i) {
        if (!evidenceBefore(timeline[i], timeline[i - 1])) {
            continue;
        }
        const Evidence entry = timeline[i];
        size_t j = i;
        for (; j > 0 && evidenceBefore(entry, timeline[j - 1]) && moves <= budget; --j, ++moves) {
            timeline[j] = timeline[j - 1];
        }
        timeline[j] = entry;
        if (moves > budget) {
            std::sort(timeline.begin(), timeline.end(), evidenceBefore);
            return;
        }
    }
}

// Finds the windows of one kind while the evidence streams by in time order.
class WindowTracker
{
public:
    WindowTracker(Kind kind, qint64 runStartNs, qint64 runEndNs, QList<UnavailabilityWindow>& windows)
        : m_kind(kind)
        , m_runStartNs(runStartNs)
        , m_runEndNs(runEndNs)
        , m_windows(windows)
    {
    }

    void success(qint64 timeNs)
    {
        if (m_open) {
            close(timeNs, false);
        } else if (m_hasSuccess) {
            m_resolutionNs = std::max(m_resolutionNs, timeNs - m_lastSuccessNs);
        }
        m_hasSuccess = true;
        m_lastSuccessNs = timeNs;
    }

    void failure(qint64 timeNs, const OperationRecord& operation)
    {
        const qint64 seenNs = std::max(operation.endNs, operation.startNs);
        if (!m_open) {
            m_open = true;
            m_current = UnavailabilityWindow();
            m_current.kind = m_kind;
            m_current.openAtStart = !m_hasSuccess;
            m_current.startNs = m_hasSuccess ? m_lastSuccessNs : std::min(m_runStartNs, timeNs);
            m_current.firstFailureNs = timeNs;
            m_current.firstFailureSeenNs = seenNs;
            m_current.lastFailureSeenNs = seenNs;
            m_classCounts.fill(0);
        }
        m_current.lastFailureSeenNs = std::max(m_current.lastFailureSeenNs, seenNs);
        m_lastFailureNs = timeNs;
        m_current.firstFailureSeenNs = std::min(m_current.firstFailureSeenNs, seenNs);
        if (operation.outcome == Outcome::Indeterminate) {
            ++m_current.indeterminateOperations;
        } else {
            ++m_current.failedOperations;
        }
        const auto errorClass = static_cast<int>(operation.errorClass);
        ++m_classCounts[static_cast<size_t>(errorClass < ErrorClassCount ? errorClass : ErrorClassCount - 1)];
    }

    void finish()
    {
        if (m_open) {
            close(std::max(m_runEndNs, m_lastFailureNs), true);
        }
    }

    qint64 resolutionNs() const { return m_resolutionNs; }

private:
    void close(qint64 endNs, bool openAtEnd)
    {
        m_current.endNs = endNs;
        m_current.openAtEnd = openAtEnd;
        for (int i = 0; i < ErrorClassCount; ++i) {
            if (const int count = m_classCounts[static_cast<size_t>(i)]) {
                m_current.errorClasses.insert(static_cast<ErrorClass>(i), count);
            }
        }
        m_windows.append(std::move(m_current));
        m_open = false;
    }

    const Kind m_kind;
    const qint64 m_runStartNs;
    const qint64 m_runEndNs;
    QList<UnavailabilityWindow>& m_windows;
    bool m_hasSuccess = false;
    qint64 m_lastSuccessNs = 0;
    qint64 m_resolutionNs = 0;
    bool m_open = false;
    qint64 m_lastFailureNs = 0;
    UnavailabilityWindow m_current;
    std::array<int, ErrorClassCount> m_classCounts{};
};

void countOperation(KindSummary& summary, const OperationRecord& operation)
{
    ++summary.operations;
    switch (operation.outcome) {
    case Outcome::Ok: ++summary.ok; break;
    case Outcome::Failed: ++summary.failed; break;
    case Outcome::Indeterminate: ++summary.indeterminate; break;
    }
}

void attributeFaults(QList<UnavailabilityWindow>& windows, const std::vector<std::pair<qint64, int>>& faultsByStart)
{
    std::optional<qint64> previousEndNs;
    for (UnavailabilityWindow& window : windows) {
        const std::pair<qint64, int> limit(window.firstFailureSeenNs, std::numeric_limits<int>::max());
        const auto after = std::upper_bound(faultsByStart.cbegin(), faultsByStart.cend(), limit);
        if (after != faultsByStart.cbegin()) {
            const auto& candidate = *std::prev(after);
            if (!previousEndNs || candidate.first >= *previousEndNs) {
                window.faultIndex = candidate.second;
            }
        }
        previousEndNs = window.endNs;
    }
}

void attachEvents(QList<UnavailabilityWindow>& windows, const std::vector<std::pair<qint64, int>>& eventsByTime)
{
    for (UnavailabilityWindow& window : windows) {
        auto it = std::lower_bound(eventsByTime.cbegin(), eventsByTime.cend(),
                                   std::pair<qint64, int>(window.startNs, std::numeric_limits<int>::min()));
        for (; it != eventsByTime.cend() && it->first <= window.endNs; ++it) {
            window.eventIndexes.append(it->second);
        }
    }
}

void summarize(KindSummary& summary, const QList<UnavailabilityWindow>& windows, qint64 runDurationNs,
               qint64 resolutionNs)
{
    summary.outageCount = static_cast<int>(windows.size());
    for (const UnavailabilityWindow& window : windows) {
        summary.totalOutageNs += window.durationNs();
        summary.longestOutageNs = std::max(summary.longestOutageNs, window.durationNs());
    }
    summary.resolutionNs = resolutionNs;
    const bool measured = summary.operations > 0 || summary.failedConnects > 0;
    if (measured && runDurationNs > 0) {
        const double outage = static_cast<double>(std::min(summary.totalOutageNs, runDurationNs));
        summary.availabilityPercent = 100.0 * (1.0 - outage / static_cast<double>(runDurationNs));
    }
}

// See UnavailabilityWindow::balancedFromNs: an UP event of a writes listener's server inside the window, while
// another server of that listener was still UP: its next event after that UP is a DOWN (HAProxy may take much longer
// to mark a stopped node DOWN than the outage lasts: its checks to a vanished address time out one by one).
void markBalanced(QList<UnavailabilityWindow>& windows, const QList<ClusterEvent>& events)
{
    struct BackendChange
    {
        qint64 timeNs;
        QString listener;
        QString server;
        bool up;
    };
    std::vector<BackendChange> changes;
    for (const ClusterEvent& event : events) {
        if (event.kind != ClusterEvent::Kind::HaproxyBackendUp && event.kind != ClusterEvent::Kind::HaproxyBackendDown) {
            continue;
        }
        const QString listener = event.subject.section(u'/', 0, 0);
        if (RunAnalyzer::isWritesListener(listener)) {
            changes.push_back({event.timeNs, listener, event.subject.section(u'/', 1),
                               event.kind == ClusterEvent::Kind::HaproxyBackendUp});
        }
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const BackendChange& a, const BackendChange& b) { return a.timeNs < b.timeNs; });
    for (UnavailabilityWindow& window : windows) {
        if (window.kind != Kind::Insert) {
            continue;
        }
        for (auto up = changes.cbegin(); up != changes.cend() && up->timeNs < window.endNs; ++up) {
            if (!up->up || up->timeNs <= window.startNs) {
                continue;
            }
            // The first later change of each other server of the listener: a DOWN means it was UP beside this one.
            QStringList decided;
            for (auto later = std::next(up); later != changes.cend(); ++later) {
                if (later->listener != up->listener || later->server == up->server || decided.contains(later->server)) {
                    continue;
                }
                decided << later->server;
                if (!later->up) {
                    window.balancedFromNs = up->timeNs;
                    window.balancedUp = up->server;
                    window.balancedDead = later->server;
                    break;
                }
            }
            if (window.balancedFromNs != 0) {
                break;
            }
        }
    }
}

} // namespace

bool RunAnalyzer::isWritesListener(const QString& listener)
{
    return listener == QLatin1StringView("primary") || listener == QLatin1StringView("master");
}

void RunAnalyzer::forgetBalanced(RunAnalysis& analysis)
{
    for (QList<UnavailabilityWindow>* windows : {&analysis.writeWindows, &analysis.readWindows,
                                                 &analysis.clientWriteWindows, &analysis.clientReadWindows}) {
        for (UnavailabilityWindow& window : *windows) {
            window.balancedFromNs = 0;
            window.balancedUp.clear();
            window.balancedDead.clear();
        }
    }
}

QString RunAnalyzer::describeBalanced(const UnavailabilityWindow& window)
{
    if (window.balancedFromNs == 0) {
        return {};
    }
    return QCoreApplication::translate("RunAnalyzer",
                                       "%1 s before its end HAProxy counted %2 UP while it still counted %3 UP, which "
                                       "did not answer: it balanced new connections over both, so some could write "
                                       "again and the others hung")
        .arg(QString::number(double(window.endNs - window.balancedFromNs) / 1e9, 'f', 2), window.balancedUp,
             window.balancedDead);
}

QString RunAnalyzer::windowKindName(OperationRecord::Kind kind)
{
    return kind == Kind::Read ? QStringLiteral("read") : QStringLiteral("write");
}

namespace {

// Which operations a view counts: one client path's (TrafficConfig::extraPaths), every stream or the workload's.
struct Selection
{
    quint8 path = 0;
    bool workloadOnly = false;

    bool counted(const OperationRecord& operation) const
    {
        return operation.path == path && (!workloadOnly || operation.stream == OperationRecord::Stream::Workload);
    }
};

// The windows and figures of writes and reads from the operations `selection` counts, see RunAnalyzer::analyze.
void findWindows(const std::vector<OperationRecord>& operations, Selection selection,
                 qint64 runStartNs, qint64 runEndNs, QList<UnavailabilityWindow>& writeWindows,
                 QList<UnavailabilityWindow>& readWindows, KindSummary& writeSummary, KindSummary& readSummary)
{
    // Scan 1: counts, the timeline entries, and which kinds each connection number served (to place failed connects
    // once the whole run is known). Reserving for every operation costs address space only, not memory.
    std::vector<quint8> connectionKinds(65536, 0);
    std::vector<Evidence> timeline;
    timeline.reserve(operations.size());
    const auto operationCount
        = static_cast<quint32>(std::min<size_t>(operations.size(), std::numeric_limits<quint32>::max()));
    for (quint32 i = 0; i < operationCount; ++i) {
        const OperationRecord& operation = operations[i];
        if (!selection.counted(operation)) {
            continue;
        }
        const bool failure = !operation.ok();
        quint8 kinds = 0; // a failed connect: decided in scan 2
        switch (operation.kind) {
        case Kind::Insert:
            countOperation(writeSummary, operation);
            connectionKinds[operation.connection] |= WriteBit;
            kinds = WriteBit;
            break;
        case Kind::Read:
            countOperation(readSummary, operation);
            connectionKinds[operation.connection] |= ReadBit;
            kinds = ReadBit;
            break;
        case Kind::Connect:
            if (!failure) {
                continue;
            }
            break;
        }
        timeline.push_back({failure ? operation.startNs : operation.endNs, i, quint8(failure ? 1 : 0), kinds});
    }
    sortTimeline(timeline);

    // Scan 2: the windows.
    WindowTracker writes(Kind::Insert, runStartNs, runEndNs, writeWindows);
    WindowTracker reads(Kind::Read, runStartNs, runEndNs, readWindows);
    for (const Evidence& evidence : timeline) {
        if (evidence.failure) {
            const OperationRecord& operation = operations[evidence.index];
            quint8 kinds = evidence.kinds;
            if (kinds == 0) {
                kinds = connectionKinds[operation.connection];
                kinds = kinds ? kinds : WriteBit | ReadBit;
                writeSummary.failedConnects += (kinds & WriteBit) ? 1 : 0;
                readSummary.failedConnects += (kinds & ReadBit) ? 1 : 0;
            }
            if (kinds & WriteBit) {
                writes.failure(evidence.timeNs, operation);
            }
            if (kinds & ReadBit) {
                reads.failure(evidence.timeNs, operation);
            }
        } else if (evidence.kinds & WriteBit) {
            writes.success(evidence.timeNs);
        } else {
            reads.success(evidence.timeNs);
        }
    }
    writes.finish();
    reads.finish();
    // A window no longer than the largest healthy gap between successes, closed by a success that arrived while a
    // failed operation of it was still waiting for its error, is one client's bad luck while the service answered
    // others: it stays visible as a count, not as an outage.
    const auto dropTransient = [](QList<UnavailabilityWindow>& windows, KindSummary& summary, qint64 resolutionNs) {
        windows.removeIf([&summary, resolutionNs](const UnavailabilityWindow& window) {
            const bool transient = !window.openAtStart && !window.openAtEnd && window.durationNs() <= resolutionNs
                && window.endNs < window.lastFailureSeenNs;
            if (transient) {
                summary.transientFailures += window.failedOperations + window.indeterminateOperations;
            }
            return transient;
        });
    };
    dropTransient(writeWindows, writeSummary, writes.resolutionNs());
    dropTransient(readWindows, readSummary, reads.resolutionNs());
    const qint64 runDurationNs = runEndNs > runStartNs ? runEndNs - runStartNs : 0;
    summarize(writeSummary, writeWindows, runDurationNs, writes.resolutionNs());
    summarize(readSummary, readWindows, runDurationNs, reads.resolutionNs());
}

RunAnalysis analyzeSelected(const std::vector<OperationRecord>& operations, quint8 path, const QList<FaultAction>& faults,
                            const QList<ClusterEvent>& events, qint64 runStartNs, qint64 runEndNs)
{
    RunAnalysis analysis;
    RunSummary& summary = analysis.summary;
    summary.startNs = runStartNs;
    summary.endNs = runEndNs;
    findWindows(operations, Selection{path, false}, runStartNs, runEndNs, analysis.writeWindows, analysis.readWindows,
                summary.writes, summary.reads);
    const bool probed = std::any_of(operations.cbegin(), operations.cend(), [path](const OperationRecord& operation) {
        return operation.stream == OperationRecord::Stream::Probe && operation.path == path;
    });
    if (probed) {
        findWindows(operations, Selection{path, true}, runStartNs, runEndNs, analysis.clientWriteWindows,
                    analysis.clientReadWindows, summary.clientWrites, summary.clientReads);
    } else {
        // Without the probe the workload is all there is: the service's figures are the client's.
        analysis.clientWriteWindows = analysis.writeWindows;
        analysis.clientReadWindows = analysis.readWindows;
        summary.clientWrites = summary.writes;
        summary.clientReads = summary.reads;
    }

    std::vector<std::pair<qint64, int>> faultsByStart;
    faultsByStart.reserve(static_cast<size_t>(faults.size()));
    for (int i = 0; i < faults.size(); ++i) {
        faultsByStart.emplace_back(faults.at(i).startNs, i);
    }
    std::sort(faultsByStart.begin(), faultsByStart.end());
    std::vector<std::pair<qint64, int>> eventsByTime;
    for (int i = 0; i < events.size(); ++i) {
        const ClusterEvent& event = events.at(i);
        if (event.kind == ClusterEvent::Kind::LeaderChanged || event.kind == ClusterEvent::Kind::TimelineChanged) {
            eventsByTime.emplace_back(event.timeNs, i);
        }
    }
    std::sort(eventsByTime.begin(), eventsByTime.end());
    for (QList<UnavailabilityWindow>* windows : {&analysis.writeWindows, &analysis.readWindows,
                                                 &analysis.clientWriteWindows, &analysis.clientReadWindows}) {
        attributeFaults(*windows, faultsByStart);
        attachEvents(*windows, eventsByTime);
        markBalanced(*windows, events);
    }
    return analysis;
}

} // namespace

RunAnalysis RunAnalyzer::analyze(const std::vector<OperationRecord>& operations, const QList<FaultAction>& faults,
                                 const QList<ClusterEvent>& events, qint64 runStartNs, qint64 runEndNs)
{
    return analyzeSelected(operations, 0, faults, events, runStartNs, runEndNs);
}

RunAnalysis RunAnalyzer::analyzePath(const std::vector<OperationRecord>& operations, quint8 path,
                                     const QList<FaultAction>& faults, const QList<ClusterEvent>& events,
                                     qint64 runStartNs, qint64 runEndNs)
{
    return analyzeSelected(operations, path, faults, events, runStartNs, runEndNs);
}

std::optional<UnavailabilityWindow> RunAnalyzer::clientPerceived(const RunAnalysis& analysis,
                                                                 const UnavailabilityWindow& serviceWindow)
{
    const QList<UnavailabilityWindow>& clientWindows
        = serviceWindow.kind == Kind::Read ? analysis.clientReadWindows : analysis.clientWriteWindows;
    std::optional<UnavailabilityWindow> span;
    for (const UnavailabilityWindow& window : clientWindows) {
        if (window.endNs <= serviceWindow.startNs || window.startNs >= serviceWindow.endNs) {
            continue;
        }
        if (!span) {
            span = window;
            continue;
        }
        span->startNs = std::min(span->startNs, window.startNs);
        span->endNs = std::max(span->endNs, window.endNs);
        span->openAtEnd = span->openAtEnd || window.openAtEnd;
        span->failedOperations += window.failedOperations;
        span->indeterminateOperations += window.indeterminateOperations;
    }
    return span;
}

WriteAudit RunAnalyzer::auditWrites(const std::vector<OperationRecord>& operations,
                                    const QHash<qint64, int>& presentSequenceCounts, quint8 path, bool workloadOnly)
{
    WriteAudit audit;
    audit.performed = true;
    for (const OperationRecord& operation : operations) {
        if (operation.kind != Kind::Insert || operation.path != path
            || (workloadOnly && operation.stream != OperationRecord::Stream::Workload)) {
            continue;
        }
        const int rows = presentSequenceCounts.value(operation.sequence, 0);
        if (operation.ok()) {
            ++audit.acknowledged;
            if (rows <= 0) {
                audit.lostSequences.append(operation.sequence);
            }
        } else if (rows > 0) {
            audit.ghostSequences.append(operation.sequence);
            if (operation.outcome == Outcome::Indeterminate) {
                ++audit.ghostIndeterminate;
            }
        }
    }
    for (auto it = presentSequenceCounts.cbegin(); it != presentSequenceCounts.cend(); ++it) {
        if (it.value() > 1) {
            audit.duplicateSequences.append(it.key());
        }
    }
    std::sort(audit.lostSequences.begin(), audit.lostSequences.end());
    std::sort(audit.ghostSequences.begin(), audit.ghostSequences.end());
    std::sort(audit.duplicateSequences.begin(), audit.duplicateSequences.end());
    audit.lost = static_cast<int>(audit.lostSequences.size());
    audit.ghost = static_cast<int>(audit.ghostSequences.size());
    audit.duplicates = static_cast<int>(audit.duplicateSequences.size());
    return audit;
}
