// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveoutage.h"

#include <algorithm>

namespace {

using Kind = OperationRecord::Kind;
using Outcome = OperationRecord::Outcome;
using ErrorClass = OperationRecord::ErrorClass;

constexpr quint8 WriteBit = 1;
constexpr quint8 ReadBit = 2;

// One record of a batch on the availability timeline: a failure at its start, a success at its end (runanalysis.h).
struct Evidence
{
    qint64 timeNs;
    quint32 index;
    quint8 failure; // at equal times a success comes first, as in the analyzer: it does not close that failure
};

} // namespace

void LiveOutageTracker::Aggregate::add(const Failure& failure)
{
    firstFailureNs = std::min(firstFailureNs, failure.startNs);
    lastFailureNs = std::max(lastFailureNs, failure.startNs);
    firstSeenNs = std::min(firstSeenNs, failure.seenNs);
    lastSeenNs = std::max(lastSeenNs, failure.seenNs);
    if (failure.outcome == Outcome::Indeterminate) {
        ++indeterminate;
    } else {
        ++failed;
    }
    const int errorClass = std::min(static_cast<int>(failure.errorClass), ErrorClassCount - 1);
    ++errorClasses[static_cast<size_t>(errorClass)];
}

void LiveOutageTracker::Aggregate::merge(const Aggregate& other)
{
    firstFailureNs = std::min(firstFailureNs, other.firstFailureNs);
    lastFailureNs = std::max(lastFailureNs, other.lastFailureNs);
    firstSeenNs = std::min(firstSeenNs, other.firstSeenNs);
    lastSeenNs = std::max(lastSeenNs, other.lastSeenNs);
    failed += other.failed;
    indeterminate += other.indeterminate;
    for (size_t i = 0; i < errorClasses.size(); ++i) {
        errorClasses[i] += other.errorClasses[i];
    }
}

void LiveOutageTracker::KindTracker::clear()
{
    m_recentSuccesses.clear();
    m_hasSuccess = false;
    m_firstSuccessNs = 0;
    m_lastSuccessNs = 0;
    m_resolutionNs = 0;
    m_open = false;
    m_openGapStartNs = BeforeFirstSuccess;
    m_openFolded = Aggregate();
    m_openRecent.clear();
    m_foldAtSize = 4096;
    m_closed.clear();
}

void LiveOutageTracker::KindTracker::rememberSuccess(qint64 endNs)
{
    if (m_recentSuccesses.empty() || m_recentSuccesses.back() <= endNs) {
        m_recentSuccesses.push_back(endNs);
    } else {
        // A success delivered after a later one: a few positions from the back at most.
        m_recentSuccesses.insert(std::upper_bound(m_recentSuccesses.begin(), m_recentSuccesses.end(), endNs), endNs);
    }
    const qint64 horizon = m_owner.m_latestNs.value_or(endNs) - m_owner.m_retentionNs;
    // Keep one success older than the horizon: it starts the gap a failure just after the horizon falls in.
    while (m_recentSuccesses.size() > 2 && m_recentSuccesses[1] < horizon) {
        m_recentSuccesses.pop_front();
    }
}

void LiveOutageTracker::KindTracker::closeOpenWindow(qint64 endNs)
{
    // Failures that started at or after this success belong to the next window (a success ends a window only
    // for failures that started before it, see runanalysis.h); they only exist when records came out of order.
    Window closing;
    closing.gapStartNs = m_openGapStartNs;
    closing.endNs = endNs;
    closing.aggregate = m_openFolded;
    std::vector<Failure> later;
    for (const Failure& failure : m_openRecent) {
        if (failure.startNs < endNs) {
            closing.aggregate.add(failure);
        } else {
            later.push_back(failure);
        }
    }
    if (!closing.aggregate.empty()) {
        m_closed.push_back(std::move(closing));
    }
    m_openFolded = Aggregate();
    m_openRecent = std::move(later);
    m_foldAtSize = std::max<size_t>(4096, 2 * m_openRecent.size());
    m_open = !m_openRecent.empty();
    m_openGapStartNs = endNs;
    ++m_owner.m_revision;
}

void LiveOutageTracker::KindTracker::success(qint64 endNs)
{
    if (!m_hasSuccess) {
        if (m_open) {
            closeOpenWindow(endNs);
        }
        m_hasSuccess = true;
        m_firstSuccessNs = endNs;
        m_lastSuccessNs = endNs;
    } else if (endNs >= m_lastSuccessNs) {
        if (m_open) {
            closeOpenWindow(endNs);
        } else {
            m_resolutionNs = std::max(m_resolutionNs, endNs - m_lastSuccessNs);
        }
        m_lastSuccessNs = endNs;
    } else {
        // Delivered after a later success: it would split a closed window, which keeps no failure list (see
        // liveoutage.h); it still bounds the gaps of failures that come later.
        m_firstSuccessNs = std::min(m_firstSuccessNs, endNs);
    }
    rememberSuccess(endNs);
}

void LiveOutageTracker::KindTracker::foldOldFailures()
{
    // In a long outage the open window's failures would pile up; the old ones cannot be split off any more.
    const qint64 horizon = m_owner.m_latestNs.value_or(0) - m_owner.m_retentionNs;
    const auto old = std::partition(m_openRecent.begin(), m_openRecent.end(),
        [horizon](const Failure& failure) { return failure.startNs >= horizon; });
    for (auto it = old; it != m_openRecent.end(); ++it) {
        m_openFolded.add(*it);
    }
    m_openRecent.erase(old, m_openRecent.end());
    m_foldAtSize = std::max<size_t>(4096, 2 * m_openRecent.size());
}

void LiveOutageTracker::KindTracker::failure(const Failure& failure)
{
    ++m_owner.m_revision;
    if (!m_hasSuccess || failure.startNs >= m_lastSuccessNs) {
        if (!m_open) {
            m_open = true;
            m_openGapStartNs = m_hasSuccess ? m_lastSuccessNs : BeforeFirstSuccess;
        }
        m_openRecent.push_back(failure);
        if (m_openRecent.size() >= m_foldAtSize) {
            foldOldFailures();
        }
        return;
    }

    // Reported after a success that ended later than it started: it belongs to an earlier gap between successes.
    qint64 gapStartNs = BeforeFirstSuccess;
    qint64 gapEndNs = m_firstSuccessNs;
    if (failure.startNs >= m_firstSuccessNs) {
        const auto next = std::upper_bound(m_recentSuccesses.cbegin(), m_recentSuccesses.cend(), failure.startNs);
        if (next == m_recentSuccesses.cbegin() || next == m_recentSuccesses.cend()) {
            ++m_owner.m_unplacedFailures;
            return;
        }
        gapStartNs = *std::prev(next);
        gapEndNs = *next;
    }
    auto window = std::lower_bound(m_closed.begin(), m_closed.end(), gapStartNs,
        [](const Window& w, qint64 start) { return w.gapStartNs < start; });
    if (window == m_closed.end() || window->gapStartNs != gapStartNs) {
        Window created;
        created.gapStartNs = gapStartNs;
        created.endNs = gapEndNs;
        window = m_closed.insert(window, created);
    }
    window->aggregate.add(failure);
}

qint64 LiveOutageTracker::KindTracker::openStartNs() const
{
    if (m_openGapStartNs != BeforeFirstSuccess) {
        return m_openGapStartNs;
    }
    return std::min(m_owner.m_runStartNs, openWindow().aggregate.firstFailureNs);
}

LiveOutageTracker::Window LiveOutageTracker::KindTracker::openWindow() const
{
    Window window;
    window.gapStartNs = m_openGapStartNs;
    window.aggregate = m_openFolded;
    for (const Failure& failure : m_openRecent) {
        window.aggregate.add(failure);
    }
    return window;
}

UnavailabilityWindow LiveOutageTracker::KindTracker::toWindow(const Window& window, qint64 endNs, bool openAtEnd) const
{
    UnavailabilityWindow result;
    result.kind = m_kind;
    result.openAtStart = window.gapStartNs == BeforeFirstSuccess;
    result.startNs
        = result.openAtStart ? std::min(m_owner.m_runStartNs, window.aggregate.firstFailureNs) : window.gapStartNs;
    result.endNs = endNs;
    result.openAtEnd = openAtEnd;
    result.firstFailureNs = window.aggregate.firstFailureNs;
    result.firstFailureSeenNs = window.aggregate.firstSeenNs;
    result.lastFailureSeenNs = window.aggregate.lastSeenNs;
    result.failedOperations = window.aggregate.failed;
    result.indeterminateOperations = window.aggregate.indeterminate;
    for (int i = 0; i < ErrorClassCount; ++i) {
        if (const int count = window.aggregate.errorClasses[static_cast<size_t>(i)]) {
            result.errorClasses.insert(static_cast<ErrorClass>(i), count);
        }
    }
    return result;
}

LiveOutageTracker::LiveOutageTracker(qint64 runStartNs, qint64 retentionNs)
    : m_runStartNs(runStartNs)
    , m_retentionNs(retentionNs)
    , m_connectionKinds(65536, 0)
    , m_writes(Kind::Insert, *this)
    , m_reads(Kind::Read, *this)
{
}

void LiveOutageTracker::reset(qint64 runStartNs)
{
    m_runStartNs = runStartNs;
    m_latestNs.reset();
    m_counts = {};
    std::fill(m_connectionKinds.begin(), m_connectionKinds.end(), quint8(0));
    m_writes.clear();
    m_reads.clear();
    m_unplacedFailures = 0;
    ++m_revision;
}

void LiveOutageTracker::addOperations(const std::vector<OperationRecord>& batch)
{
    // Within a batch the order is free: put it in timeline order, so only records of different batches can be
    // late (a failure reported after a success that ended after it started).
    std::vector<Evidence> timeline;
    timeline.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
        const OperationRecord& operation = batch[i];
        const bool failure = !operation.ok();
        timeline.push_back({ failure ? operation.startNs : operation.endNs, static_cast<quint32>(i), quint8(failure) });
    }
    std::stable_sort(timeline.begin(), timeline.end(), [](const Evidence& a, const Evidence& b) {
        return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : a.failure < b.failure;
    });
    for (const Evidence& evidence : timeline) {
        process(batch[evidence.index]);
    }
}

void LiveOutageTracker::addOperation(const OperationRecord& operation)
{
    process(operation);
}

void LiveOutageTracker::process(const OperationRecord& operation)
{
    m_latestNs = std::max({ m_latestNs.value_or(operation.startNs), operation.startNs, operation.endNs });
    Counts& counts = m_counts[static_cast<size_t>(operation.kind)];
    switch (operation.outcome) {
    case Outcome::Ok:
        ++counts.ok;
        break;
    case Outcome::Failed:
        ++counts.failed;
        break;
    case Outcome::Indeterminate:
        ++counts.indeterminate;
        break;
    }

    quint8& connectionKinds = m_connectionKinds[operation.connection];
    quint8 kinds = 0;
    switch (operation.kind) {
    case Kind::Insert:
        connectionKinds |= WriteBit;
        kinds = WriteBit;
        break;
    case Kind::Read:
        connectionKinds |= ReadBit;
        kinds = ReadBit;
        break;
    case Kind::Connect:
        if (operation.ok()) {
            return; // an Ok connect may reach a read-only node: it proves nothing
        }
        kinds = connectionKinds ? connectionKinds : quint8(WriteBit | ReadBit);
        break;
    }
    if (operation.ok()) {
        (kinds & WriteBit ? m_writes : m_reads).success(operation.endNs);
        return;
    }
    const Failure failure { operation.startNs, std::max(operation.endNs, operation.startNs), operation.outcome,
        operation.errorClass };
    if (kinds & WriteBit) {
        m_writes.failure(failure);
    }
    if (kinds & ReadBit) {
        m_reads.failure(failure);
    }
}

std::optional<qint64> LiveOutageTracker::currentOutageStartNs(Kind kind) const
{
    const KindTracker& tracker = kind == Kind::Read ? m_reads : m_writes;
    if (!tracker.isOpen()) {
        return std::nullopt;
    }
    return tracker.openStartNs();
}

std::optional<UnavailabilityWindow> LiveOutageTracker::currentWindow(Kind kind) const
{
    const KindTracker& tracker = kind == Kind::Read ? m_reads : m_writes;
    if (!tracker.isOpen()) {
        return std::nullopt;
    }
    const Window open = tracker.openWindow();
    return tracker.toWindow(open, std::max(m_latestNs.value_or(0), open.aggregate.lastFailureNs), true);
}

QList<UnavailabilityWindow> LiveOutageTracker::closedWindows(Kind kind) const
{
    const KindTracker& tracker = kind == Kind::Read ? m_reads : m_writes;
    QList<UnavailabilityWindow> windows;
    windows.reserve(static_cast<qsizetype>(tracker.closed().size()));
    for (const Window& window : tracker.closed()) {
        windows.append(tracker.toWindow(window, window.endNs, false));
    }
    return windows;
}

QList<UnavailabilityWindow> LiveOutageTracker::windows(Kind kind, qint64 runEndNs) const
{
    QList<UnavailabilityWindow> windows = closedWindows(kind);
    const KindTracker& tracker = kind == Kind::Read ? m_reads : m_writes;
    if (tracker.isOpen()) {
        const Window open = tracker.openWindow();
        windows.append(tracker.toWindow(open, std::max(runEndNs, open.aggregate.lastFailureNs), true));
    }
    return windows;
}

int LiveOutageTracker::closedWindowCount(Kind kind) const
{
    return static_cast<int>((kind == Kind::Read ? m_reads : m_writes).closed().size());
}

LiveOutageTracker::Counts LiveOutageTracker::counts(Kind kind) const
{
    return m_counts[static_cast<size_t>(kind)];
}

qint64 LiveOutageTracker::resolutionNs(Kind kind) const
{
    return (kind == Kind::Read ? m_reads : m_writes).resolutionNs();
}

bool LiveOutageTracker::looksTransient(const UnavailabilityWindow& window, qint64 resolutionNs)
{
    return !window.openAtStart && !window.openAtEnd && window.durationNs() <= resolutionNs
        && window.endNs < window.lastFailureSeenNs;
}

std::optional<qint64> LiveOutageTracker::latestTimeNs() const
{
    return m_latestNs;
}
