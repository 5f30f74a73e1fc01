// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "runrecords.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

// A stretch of a run in which one kind of operation (writes or reads) did not succeed.
//
// Time model: a failed operation is evidence of an outage from its START (a request sent at that moment could not be
// served), a successful one is evidence of service at its END (the commit or the answer arrived). So with concurrent
// connections, a success that ends after a failure started closes the window, even if the failed operation itself
// only reported its error later; a success that ended at or before the failure started precedes the window.
struct UnavailabilityWindow
{
    OperationRecord::Kind kind = OperationRecord::Kind::Insert; // Insert: write window, Read: read window
    qint64 startNs = 0;              // end of the last success before the first failure (run start if none)
    qint64 endNs = 0;                // end of the first success after it (run end if none)
    qint64 firstFailureNs = 0;       // start of the first failed operation
    qint64 firstFailureSeenNs = 0;   // end of the earliest-ending failed operation: when the client first saw an error
    qint64 lastFailureSeenNs = 0;    // end of the latest-ending failed operation in the window
    bool openAtStart = false;        // no success before it: startNs is the run start
    bool openAtEnd = false;          // no success after it: endNs is the run end
    QHash<OperationRecord::ErrorClass, int> errorClasses;
    int failedOperations = 0;        // outcome Failed, including failed connects
    int indeterminateOperations = 0; // outcome Indeterminate (commit unknown)
    std::optional<int> faultIndex;   // index into the run's fault actions, see RunAnalyzer::analyze
    QList<int> eventIndexes;         // into the run's events: LeaderChanged / TimelineChanged in [startNs, endNs]
    // Write windows: HAProxy counted a server of its writes listener UP while another one, which could not answer,
    // was still UP (its next change is a DOWN, often many seconds after the outage). From then on HAProxy balanced
    // new connections over both: those it gave to the new leader could write, the others hung until the client's
    // deadline (until the dead address failed fast), so a client with few attempts in flight may have found the end
    // of the outage up to its deadline earlier or later than another. The observer's time of that UP event (it lags
    // the change by up to one poll period); 0: not seen, or the run had no observer.
    qint64 balancedFromNs = 0;
    QString balancedUp;   // the server that came UP: "patroni3"
    QString balancedDead; // the server still UP that could not answer: "patroni1"

    qint64 durationNs() const { return endNs > startNs ? endNs - startNs : 0; }
};

struct WriteAudit
{
    bool performed = false;
    int acknowledged = 0;        // inserts the client saw commit
    int lost = 0;                // acknowledged, but the sequence is not in the table
    int ghost = 0;               // failed or indeterminate, but the sequence is in the table
    int ghostIndeterminate = 0;  // of ghost: indeterminate ones (legitimate: the commit was unknown to the client)
    int duplicates = 0;          // sequences present more than once
    QList<qint64> lostSequences; // ascending, like the other lists
    QList<qint64> ghostSequences;
    QList<qint64> duplicateSequences;
};

// Figures for one kind of operation over the whole run.
struct KindSummary
{
    int operations = 0; // Insert operations for writes, Read operations for reads
    int ok = 0;
    int failed = 0;
    int indeterminate = 0;
    int failedConnects = 0; // failed Connect operations counted against this kind (see RunAnalyzer::analyze)
    // Failed operations that are not an outage: their "window" is no longer than the resolution and another
    // connection succeeded while they were still failing (for example one new connection that HAProxy sent to a
    // node it had not yet marked DOWN, while the other connections kept writing).
    int transientFailures = 0;
    // 100 * (1 - total outage / run duration); empty when nothing was measured (no operation, or no run duration).
    std::optional<double> availabilityPercent;
    int outageCount = 0;
    qint64 totalOutageNs = 0;
    qint64 longestOutageNs = 0;
    // Largest gap between consecutive successes outside windows: an outage shorter than this may have gone unseen.
    qint64 resolutionNs = 0;
};

struct RunSummary
{
    qint64 startNs = 0;
    qint64 endNs = 0;
    // The service's availability: from every operation of the run, the probe's connection attempts included.
    KindSummary writes;
    KindSummary reads;
    // The client-perceived figures: from the workload's operations only, whose connections retry one attempt at a
    // time as the lab report's script did (with one workload connection, exactly what that script would have seen).
    KindSummary clientWrites;
    KindSummary clientReads;
    WriteAudit audit; // RunAnalyzer::analyze leaves it not performed: it needs the table read back after recovery

    qint64 durationNs() const { return endNs > startNs ? endNs - startNs : 0; }
};

struct RunAnalysis
{
    QList<UnavailabilityWindow> writeWindows; // the service's; in time order, never overlapping
    QList<UnavailabilityWindow> readWindows;
    QList<UnavailabilityWindow> clientWriteWindows; // client-perceived (see RunSummary::clientWrites)
    QList<UnavailabilityWindow> clientReadWindows;
    RunSummary summary;
};

namespace RunAnalyzer {

// Outage windows and summary of a run; operations in any order: the service's from every operation, and the
// client-perceived ones from the workload's alone (the same when the run had no probe). Cost per view: one scan, a
// sort of 16 bytes per relevant operation (linear when the records come in about start order), one scan; no
// allocation per operation.
//
// Writes fail on Insert Failed/Indeterminate and on Connect Failed; only Insert Ok ends a write window (an Ok connect
// can reach a read-only node). Reads the same with Read. A failed Connect does not say which listener it was for,
// so it counts against the kind(s) its connection number ran during the run: writes if it ran inserts, reads if it
// ran reads, both if it ran both or nothing at all (it never connected).
//
// faultIndex is the last fault action that started no later than firstFailureSeenNs and not before the previous
// window of the same kind ended. firstFailureSeenNs, not firstFailureNs: the first failed operation is often already
// in flight when the docker command starts (a paused server freezes the insert that was running).
//
// Only the main client path's operations count (OperationRecord::path 0): the other paths are analysed one by one
// (analyzePath).
RunAnalysis analyze(const std::vector<OperationRecord>& operations, const QList<FaultAction>& faults,
                    const QList<ClusterEvent>& events, qint64 runStartNs, qint64 runEndNs);
// The same for one client path (TrafficConfig::extraPaths: path = index + 1). Such a path has no probe: its
// service and client-perceived figures are its workload's.
RunAnalysis analyzePath(const std::vector<OperationRecord>& operations, quint8 path, const QList<FaultAction>& faults,
                        const QList<ClusterEvent>& events, qint64 runStartNs, qint64 runEndNs);

// presentSequenceCounts: what the generator read back after recovery, client sequence -> number of rows. Counts the
// inserts of one client path (0: the main one), the probe's too unless workloadOnly.
WriteAudit auditWrites(const std::vector<OperationRecord>& operations, const QHash<qint64, int>& presentSequenceCounts,
                       quint8 path = 0, bool workloadOnly = false);

QString windowKindName(OperationRecord::Kind kind); // "write" / "read"

// HAProxy's listeners for writes: the lab's and the Patroni demo's "primary", older demos' "master".
bool isWritesListener(const QString& listener);

// For a client that does not go through HAProxy (a multi-host or pinned client path): HAProxy's balancing says
// nothing about its outages, so the windows lose their balanced marks.
void forgetBalanced(RunAnalysis& analysis);

// One sentence on a window's balanced stretch (see UnavailabilityWindow::balancedFromNs); empty when it had none.
QString describeBalanced(const UnavailabilityWindow& window);

// The client-perceived outage that goes with one of the service's windows: the span of the client windows of the
// same kind that overlap it (a client that retries one attempt at a time sees it start earlier, between two of its
// operations, and end later). Empty when the workload saw no outage there.
std::optional<UnavailabilityWindow> clientPerceived(const RunAnalysis& analysis, const UnavailabilityWindow& serviceWindow);

} // namespace RunAnalyzer
