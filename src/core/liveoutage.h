// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runanalysis.h"
#include "runrecords.h"

#include <QList>

#include <array>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

// The outage windows of a run while it runs: what the traffic panel shows as "current outage running for 4.2 s"
// and what the live timeline shades. Fed with the generator's batches (records in about end order, from several
// connections), it finds the windows the way RunAnalyzer::analyze does (see the time model in runanalysis.h), in
// amortized O(1) per operation plus a sort of each batch; once the run is over, the full analysis replaces it.
//
// Where it differs from RunAnalyzer::analyze, and why (the analyzer sees the whole run, the tracker only the past):
// - Transient windows are kept. The analyzer drops a window that is no longer than the run's resolution and was
//   closed by a success that ended before one of its failures was reported; the resolution is only known at the
//   end. windows() returns them; looksTransient() with resolutionNs() applies the analyzer's rule with the
//   resolution seen so far. That is the largest gap between successes while no window was open, including gaps
//   that a failure reported later turned into a window (the analyzer leaves those out): early in a run it is
//   smaller than the final one (fewer windows hidden), at the end it can be larger.
// - A failed Connect counts against the kinds its connection ran so far (both while it ran nothing); the analyzer
//   uses the kinds the connection ran over the whole run.
// - Records may come in any order within a batch. Across batches: a success that ended after the last one seen
//   but before failures already seen splits the open window as the analyzer would; one that ended before the last
//   success seen changes no window (the analyzer might split a closed window with it); a failure that started
//   before the successes kept (the retention before the latest time seen) is counted but placed in no window
//   (unplacedFailures()). None of this happens when batches come in end order, as the generator delivers them.
// Delivered in end order, windows(kind, runEndNs) equals the analyzer's windows before it drops transient ones
// (tst_liveoutage checks this on generated runs).
class LiveOutageTracker
{
public:
    using Kind = OperationRecord::Kind;
    static constexpr qint64 DefaultRetentionNs = 120'000'000'000; // far longer than any client deadline

    struct Counts
    {
        qint64 ok = 0;
        qint64 failed = 0;
        qint64 indeterminate = 0;
        qint64 total() const { return ok + failed + indeterminate; }
    };

    explicit LiveOutageTracker(qint64 runStartNs = 0, qint64 retentionNs = DefaultRetentionNs);
    LiveOutageTracker(const LiveOutageTracker&) = delete; // the per-kind trackers refer to their owner
    LiveOutageTracker& operator=(const LiveOutageTracker&) = delete;

    // Forgets everything: a new run.
    void reset(qint64 runStartNs);
    void addOperations(const std::vector<OperationRecord>& batch);
    void addOperation(const OperationRecord& operation);

    // Start of the outage still running (end of the last success before it, or the run start), if any.
    std::optional<qint64> currentOutageStartNs(Kind kind) const;
    std::optional<qint64> currentWriteOutageStartNs() const { return currentOutageStartNs(Kind::Insert); }
    std::optional<qint64> currentReadOutageStartNs() const { return currentOutageStartNs(Kind::Read); }
    // The running outage as a window ending at the latest time seen (openAtEnd set), if any.
    std::optional<UnavailabilityWindow> currentWindow(Kind kind) const;
    // Kind::Insert: write windows, Kind::Read: read windows; in time order, without the running one.
    QList<UnavailabilityWindow> closedWindows(Kind kind) const;
    // The closed windows and the running one closed as the analyzer closes it at the end of the run.
    QList<UnavailabilityWindow> windows(Kind kind, qint64 runEndNs) const;
    int closedWindowCount(Kind kind) const;

    // Per operation kind (Connect, Insert, Read): outcomes so far.
    Counts counts(Kind kind) const;
    // Largest gap between successes outside windows so far (RunAnalyzer's resolution, never smaller).
    qint64 resolutionNs(Kind kind) const;
    // RunAnalyzer's rule for a window that is one client's bad luck, not an outage.
    static bool looksTransient(const UnavailabilityWindow& window, qint64 resolutionNs);
    // Latest start or end time of any record seen.
    std::optional<qint64> latestTimeNs() const;
    qint64 unplacedFailures() const { return m_unplacedFailures; }
    // Changes whenever a window opens, closes or grows: views redraw only then.
    quint64 revision() const { return m_revision; }

private:
    static constexpr int ErrorClassCount = OperationRecord::ErrorClassCount;
    static constexpr qint64 BeforeFirstSuccess = std::numeric_limits<qint64>::min();

    struct Failure
    {
        qint64 startNs;
        qint64 seenNs;
        OperationRecord::Outcome outcome;
        OperationRecord::ErrorClass errorClass;
    };

    struct Aggregate
    {
        qint64 firstFailureNs = std::numeric_limits<qint64>::max();
        qint64 lastFailureNs = std::numeric_limits<qint64>::min();
        qint64 firstSeenNs = std::numeric_limits<qint64>::max();
        qint64 lastSeenNs = std::numeric_limits<qint64>::min();
        int failed = 0;
        int indeterminate = 0;
        std::array<int, ErrorClassCount> errorClasses {};

        void add(const Failure& failure);
        void merge(const Aggregate& other);
        bool empty() const { return failed == 0 && indeterminate == 0; }
    };

    // A window between two successes (or before the first); gapStartNs is the success that opened it.
    struct Window
    {
        qint64 gapStartNs = BeforeFirstSuccess;
        qint64 endNs = 0;
        Aggregate aggregate;
    };

    // The windows of one kind (writes or reads).
    class KindTracker
    {
    public:
        KindTracker(Kind kind, LiveOutageTracker& owner)
            : m_kind(kind)
            , m_owner(owner)
        {
        }
        void clear();
        void success(qint64 endNs);
        void failure(const Failure& failure);
        bool isOpen() const { return m_open; }
        qint64 openStartNs() const;
        UnavailabilityWindow toWindow(const Window& window, qint64 endNs, bool openAtEnd) const;
        Window openWindow() const;
        const std::vector<Window>& closed() const { return m_closed; }
        qint64 resolutionNs() const { return m_resolutionNs; }

    private:
        void closeOpenWindow(qint64 endNs);
        void rememberSuccess(qint64 endNs);
        void foldOldFailures();

        const Kind m_kind;
        LiveOutageTracker& m_owner;
        std::deque<qint64> m_recentSuccesses; // ascending, the last retention's worth
        bool m_hasSuccess = false;
        qint64 m_firstSuccessNs = 0;
        qint64 m_lastSuccessNs = 0;
        qint64 m_resolutionNs = 0;
        bool m_open = false;
        qint64 m_openGapStartNs = BeforeFirstSuccess;
        Aggregate m_openFolded; // failures of the open window too old to be split off
        std::vector<Failure> m_openRecent; // the others: a late success may still split them off
        size_t m_foldAtSize = 4096;
        std::vector<Window> m_closed; // ascending gapStartNs
    };

    void process(const OperationRecord& operation);

    qint64 m_runStartNs = 0;
    qint64 m_retentionNs = DefaultRetentionNs;
    std::optional<qint64> m_latestNs;
    std::array<Counts, 3> m_counts {};
    std::vector<quint8> m_connectionKinds; // per connection number: WriteBit | ReadBit of what it ran so far
    KindTracker m_writes;
    KindTracker m_reads;
    qint64 m_unplacedFailures = 0;
    quint64 m_revision = 0;
};
