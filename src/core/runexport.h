// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "result.h"
#include "runanalysis.h"
#include "runrecords.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

// A run's records and analysis as files for spreadsheets, pandas and reports. Written into one folder:
//  operations.csv  one line per operation
//  events.csv      the run's timeline: cluster events and fault actions (kind "fault", the command line as text)
//  faults.csv      the fault actions in full (end, exit code, stderr); "index" is what windows refer to
//  windows.csv     the unavailability windows of writes and reads, in time order
//  lost_writes.csv the acknowledged writes the audit did not find afterwards, when there are any
//  summary.json    the summary, the audit and the windows, plus the caller's context object
// CSV: RFC 4180 quoting, UTF-8 without BOM, "\n" line ends. Wall times are local with their UTC offset
// (2025-03-01T14:03:22.123+03:00), empty when unknown; *_ns columns are the run's monotonic clock.
namespace RunExport {

struct RunData
{
    const std::vector<OperationRecord>& operations;
    const StringTable& strings;
    const QList<FaultAction>& faults;
    const QList<ClusterEvent>& events;
    const RunAnalysis& analysis;
    QJsonObject context; // run settings, versions...: summary.json keeps it under "context"
    QJsonObject extra;   // merged into summary.json's top level (a scenario run's expectations and verdict)
};

// Creates the folder when missing. Returns the paths written, or which path could not be written and what to do.
// Each file is replaced only once it is complete.
Result<QStringList> writeAll(const QString& folder, const RunData& run);

Result<QString> writeOperations(const QString& folder, const std::vector<OperationRecord>& operations,
                                const StringTable& strings);
Result<QString> writeEvents(const QString& folder, const QList<ClusterEvent>& events, const QList<FaultAction>& faults);
Result<QString> writeFaults(const QString& folder, const QList<FaultAction>& faults);
Result<QString> writeWindows(const QString& folder, const RunAnalysis& analysis, const QList<FaultAction>& faults,
                             const QList<ClusterEvent>& events);
Result<QString> writeSummary(const QString& folder, const RunData& run);

// An acknowledged write that the audit did not find in the table afterwards, with the answer that acknowledged it.
struct LostWrite
{
    qint64 sequence = 0;
    qint64 startNs = 0;
    qint64 acknowledgedNs = 0; // when the client saw the commit
    qint64 wallMs = 0;
    OperationRecord::Stream stream = OperationRecord::Stream::Workload;
    quint16 connection = 0;
    QString server; // "address:port" that acknowledged it
};
QList<LostWrite> lostWrites(const std::vector<OperationRecord>& operations, const StringTable& strings, const WriteAudit& audit);
Result<QString> writeLostWrites(const QString& folder, const QList<LostWrite>& lost);

QJsonObject summaryJson(const RunData& run);
// Writes bytes into folder/fileName through a QSaveFile (creating the folder), with the same errors as the rest.
Result<QString> writeFile(const QString& folder, const QString& fileName, const QByteArray& bytes);
QJsonObject auditJson(const WriteAudit& audit); // summary.json's "audit" object
QString csvField(const QString& text); // quoted only when it holds a comma, quote, CR or LF
// "connection_lost:3;read_only:2": most frequent first
QString errorClassesText(const QHash<OperationRecord::ErrorClass, int>& errorClasses);

} // namespace RunExport
