// SPDX-License-Identifier: GPL-3.0-or-later
#include "runexport.h"

#include <QDateTime>
#include <QDir>
#include <QSet>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>

namespace {

using ErrorClass = OperationRecord::ErrorClass;

QString operationsFile()
{
    return QStringLiteral("operations.csv");
}
QString eventsFile()
{
    return QStringLiteral("events.csv");
}
QString faultsFile()
{
    return QStringLiteral("faults.csv");
}
QString windowsFile()
{
    return QStringLiteral("windows.csv");
}
QString summaryFile()
{
    return QStringLiteral("summary.json");
}

QString howToFix(const QString& folder)
{
    return QStringLiteral("Choose another folder, or make this one writable for the user running the lab "
                          "(for example: chmod u+w '%1').")
        .arg(QDir::toNativeSeparators(folder));
}

// Why a folder cannot take our files, in words, from the nearest part of the path that exists.
QString folderProblem(const QString& folder)
{
    QString path = QDir::cleanPath(QDir(folder).absolutePath());
    while (!QFileInfo::exists(path) && QFileInfo(path).dir().path() != path) {
        path = QFileInfo(path).dir().path();
    }
    const QFileInfo existing(path);
    if (!existing.isDir()) {
        return QStringLiteral("%1 is a file, not a folder").arg(QDir::toNativeSeparators(path));
    }
    if (!existing.isWritable()) {
        return QStringLiteral("%1 is not writable").arg(QDir::toNativeSeparators(path));
    }
    return QStringLiteral("it could not be created");
}

Result<QString> ensureFolder(const QString& folder)
{
    if (folder.isEmpty()) {
        return Result<QString>::failure(QStringLiteral("No export folder was given."));
    }
    const QString absolute = QDir(folder).absolutePath();
    if (!QDir().mkpath(absolute) || !QFileInfo(absolute).isDir()) {
        return Result<QString>::failure(QStringLiteral("Cannot export the run to %1: %2. %3")
                                            .arg(QDir::toNativeSeparators(absolute), folderProblem(absolute),
                                                 howToFix(absolute)));
    }
    return Result<QString>::success(absolute);
}

double roundedMs(qint64 ns)
{
    return std::round(static_cast<double>(ns) / 1000.0) / 1000.0; // microsecond precision is plenty for humans
}

QString msText(qint64 ns)
{
    return QString::number(static_cast<double>(ns) / 1e6, 'f', 3);
}

QString errorClassLabel(ErrorClass errorClass)
{
    const QString name = OperationRecord::errorClassName(errorClass);
    return name.isEmpty() ? QStringLiteral("none") : name;
}

QList<std::pair<ErrorClass, int>> sortedErrorClasses(const QHash<ErrorClass, int>& errorClasses)
{
    QList<std::pair<ErrorClass, int>> sorted;
    for (auto it = errorClasses.cbegin(); it != errorClasses.cend(); ++it) {
        sorted.append({it.key(), it.value()});
    }
    // Most frequent first; enum order breaks ties so that the text is stable.
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return sorted;
}

// The service's windows, or with clientPerceived the workload's (see RunSummary::clientWrites).
QList<UnavailabilityWindow> windowsInTimeOrder(const RunAnalysis& analysis, bool clientPerceived = false)
{
    QList<UnavailabilityWindow> windows = clientPerceived ? analysis.clientWriteWindows + analysis.clientReadWindows
                                                          : analysis.writeWindows + analysis.readWindows;
    std::stable_sort(windows.begin(), windows.end(), [](const UnavailabilityWindow& a, const UnavailabilityWindow& b) {
        return a.startNs < b.startNs;
    });
    return windows;
}

// Local wall time with its offset, computed once per second: operations.csv can have millions of lines.
class WallTimeFormatter
{
public:
    QByteArray format(qint64 wallMs)
    {
        if (wallMs == 0) {
            return {};
        }
        const qint64 second = wallMs >= 0 ? wallMs / 1000 : (wallMs - 999) / 1000;
        if (second != m_second) {
            m_second = second;
            const QDateTime time = QDateTime::fromSecsSinceEpoch(second);
            const int offset = time.offsetFromUtc();
            const int absolute = std::abs(offset);
            m_prefix = (time.date().toString(Qt::ISODate) + u'T' + time.time().toString(QStringLiteral("HH:mm:ss")))
                           .toLatin1();
            m_suffix = (QString(offset < 0 ? u'-' : u'+')
                        + QStringLiteral("%1:%2")
                              .arg(absolute / 3600, 2, 10, QLatin1Char('0'))
                              .arg(absolute % 3600 / 60, 2, 10, QLatin1Char('0')))
                           .toLatin1();
        }
        const auto milliseconds = static_cast<int>(wallMs - second * 1000);
        QByteArray text = m_prefix;
        text += '.';
        text += char('0' + milliseconds / 100);
        text += char('0' + milliseconds / 10 % 10);
        text += char('0' + milliseconds % 10);
        text += m_suffix;
        return text;
    }

private:
    qint64 m_second = std::numeric_limits<qint64>::min();
    QByteArray m_prefix;
    QByteArray m_suffix;
};

QByteArray csvBytes(QStringView text)
{
    const bool quote = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == u',' || c == u'"' || c == u'\n' || c == u'\r';
    });
    if (!quote) {
        return text.toUtf8();
    }
    QByteArray bytes = text.toUtf8().replace('"', "\"\"");
    bytes.prepend('"');
    bytes.append('"');
    return bytes;
}

// Buffers rows and writes them through a QSaveFile, so a failed export never leaves half a file behind.
class CsvFile
{
public:
    explicit CsvFile(const QString& path)
        : m_file(path)
    {
    }

    bool open(const QStringList& header)
    {
        if (!m_file.open(QIODevice::WriteOnly)) {
            return false;
        }
        m_buffer.reserve(BufferSize + 4096);
        for (const QString& column : header) {
            text(column);
        }
        endRow();
        return true;
    }

    void text(QStringView value)
    {
        separate();
        m_buffer += csvBytes(value);
    }
    void raw(const QByteArray& alreadyEscaped)
    {
        separate();
        m_buffer += alreadyEscaped;
    }
    void number(qint64 value)
    {
        separate();
        char digits[24];
        const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
        m_buffer.append(digits, result.ptr - digits);
    }
    void endRow()
    {
        m_buffer += '\n';
        m_rowStarted = false;
        if (m_buffer.size() >= BufferSize) {
            flush();
        }
    }

    Result<QString> commit()
    {
        flush();
        if (!m_failed && m_file.commit()) {
            return Result<QString>::success(m_file.fileName());
        }
        return Result<QString>::failure(QStringLiteral("Cannot write %1: %2.")
                                            .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()));
    }
    QString openError() const
    {
        const QString folder = QFileInfo(m_file.fileName()).absolutePath();
        return QStringLiteral("Cannot write %1: %2. %3")
            .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString(), howToFix(folder));
    }

private:
    static constexpr qsizetype BufferSize = 1 << 20;

    void separate()
    {
        if (m_rowStarted) {
            m_buffer += ',';
        }
        m_rowStarted = true;
    }
    void flush()
    {
        if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size()) {
            m_failed = true;
        }
        m_buffer.clear();
    }

    QSaveFile m_file;
    QByteArray m_buffer;
    bool m_rowStarted = false;
    bool m_failed = false;
};

QStringList columns(std::initializer_list<const char*> names)
{
    QStringList list;
    for (const char* name : names) {
        list << QString::fromLatin1(name);
    }
    return list;
}

QJsonObject kindJson(const KindSummary& summary)
{
    return QJsonObject{
        {QStringLiteral("operations"), summary.operations},
        {QStringLiteral("ok"), summary.ok},
        {QStringLiteral("failed"), summary.failed},
        {QStringLiteral("indeterminate"), summary.indeterminate},
        {QStringLiteral("failed_connects"), summary.failedConnects},
        {QStringLiteral("transient_failures"), summary.transientFailures},
        {QStringLiteral("availability_percent"),
         summary.availabilityPercent ? QJsonValue(*summary.availabilityPercent) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("outage_count"), summary.outageCount},
        {QStringLiteral("total_outage_ns"), summary.totalOutageNs},
        {QStringLiteral("total_outage_ms"), roundedMs(summary.totalOutageNs)},
        {QStringLiteral("longest_outage_ns"), summary.longestOutageNs},
        {QStringLiteral("longest_outage_ms"), roundedMs(summary.longestOutageNs)},
        {QStringLiteral("resolution_ns"), summary.resolutionNs},
        {QStringLiteral("resolution_ms"), roundedMs(summary.resolutionNs)},
    };
}

QJsonArray sequencesJson(const QList<qint64>& sequences)
{
    QJsonArray array;
    for (const qint64 sequence : sequences) {
        array.append(sequence);
    }
    return array;
}

QJsonObject windowJson(const UnavailabilityWindow& window, const QList<FaultAction>& faults,
                       const QList<ClusterEvent>& events)
{
    QJsonObject errorClasses;
    for (const auto& [errorClass, count] : sortedErrorClasses(window.errorClasses)) {
        errorClasses.insert(errorClassLabel(errorClass), count);
    }
    QJsonValue fault(QJsonValue::Null);
    if (window.faultIndex && *window.faultIndex >= 0 && *window.faultIndex < faults.size()) {
        const FaultAction& action = faults.at(*window.faultIndex);
        fault = QJsonObject{{QStringLiteral("index"), *window.faultIndex},
                            {QStringLiteral("start_ns"), action.startNs},
                            {QStringLiteral("command"), action.commandLine}};
    }
    QJsonArray windowEvents;
    for (const int index : window.eventIndexes) {
        if (index >= 0 && index < events.size()) {
            const ClusterEvent& event = events.at(index);
            windowEvents.append(QJsonObject{{QStringLiteral("index"), index},
                                            {QStringLiteral("time_ns"), event.timeNs},
                                            {QStringLiteral("kind"), ClusterEvent::kindName(event.kind)},
                                            {QStringLiteral("text"), event.describe()}});
        }
    }
    return QJsonObject{
        {QStringLiteral("kind"), RunAnalyzer::windowKindName(window.kind)},
        {QStringLiteral("start_ns"), window.startNs},
        {QStringLiteral("end_ns"), window.endNs},
        {QStringLiteral("duration_ns"), window.durationNs()},
        {QStringLiteral("duration_ms"), roundedMs(window.durationNs())},
        {QStringLiteral("first_failure_ns"), window.firstFailureNs},
        {QStringLiteral("first_failure_seen_ns"), window.firstFailureSeenNs},
        {QStringLiteral("open_at_start"), window.openAtStart},
        {QStringLiteral("open_at_end"), window.openAtEnd},
        {QStringLiteral("failed"), window.failedOperations},
        {QStringLiteral("indeterminate"), window.indeterminateOperations},
        {QStringLiteral("error_classes"), errorClasses},
        {QStringLiteral("fault"), fault},
        {QStringLiteral("events"), windowEvents},
        {QStringLiteral("balanced_from_ns"), window.balancedFromNs},
        {QStringLiteral("balanced"), RunAnalyzer::describeBalanced(window)},
    };
}

} // namespace

QJsonObject RunExport::auditJson(const WriteAudit& audit)
{
    return QJsonObject{
        {QStringLiteral("performed"), audit.performed},
        {QStringLiteral("acknowledged"), audit.acknowledged},
        {QStringLiteral("lost"), audit.lost},
        {QStringLiteral("ghost"), audit.ghost},
        {QStringLiteral("ghost_indeterminate"), audit.ghostIndeterminate},
        {QStringLiteral("duplicates"), audit.duplicates},
        {QStringLiteral("lost_sequences"), sequencesJson(audit.lostSequences)},
        {QStringLiteral("ghost_sequences"), sequencesJson(audit.ghostSequences)},
        {QStringLiteral("duplicate_sequences"), sequencesJson(audit.duplicateSequences)},
    };
}

QString RunExport::csvField(const QString& text)
{
    return QString::fromUtf8(csvBytes(text));
}

QString RunExport::errorClassesText(const QHash<OperationRecord::ErrorClass, int>& errorClasses)
{
    QStringList parts;
    for (const auto& [errorClass, count] : sortedErrorClasses(errorClasses)) {
        parts << errorClassLabel(errorClass) + u':' + QString::number(count);
    }
    return parts.join(u';');
}

Result<QString> RunExport::writeOperations(const QString& folder, const std::vector<OperationRecord>& operations,
                                           const StringTable& strings)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    CsvFile csv(QDir(directory.value()).filePath(operationsFile()));
    if (!csv.open(columns({"start_ns", "end_ns", "wall_time", "kind", "outcome", "error_class", "stream", "connection",
                           "sequence", "returned_id", "server", "server_in_recovery", "error", "path"}))) {
        return Result<QString>::failure(csv.openError());
    }
    // Texts repeat (a few servers, a few error messages): escape each once.
    std::vector<QByteArray> escapedTexts(static_cast<size_t>(strings.size()));
    std::vector<bool> escaped(static_cast<size_t>(strings.size()), false);
    const auto stringField = [&](quint32 index) -> const QByteArray& {
        static const QByteArray unknown;
        if (index >= escapedTexts.size()) {
            return unknown;
        }
        if (!escaped[index]) {
            escapedTexts[index] = csvBytes(strings.text(index));
            escaped[index] = true;
        }
        return escapedTexts[index];
    };
    const auto names = [](auto nameOf, std::initializer_list<int> values) {
        std::vector<QByteArray> list;
        for (const int value : values) {
            list.push_back(csvBytes(nameOf(value)));
        }
        return list;
    };
    using Record = OperationRecord;
    const auto kinds = names([](int v) { return Record::kindName(Record::Kind(v)); }, {0, 1, 2});
    const auto outcomes = names([](int v) { return Record::outcomeName(Record::Outcome(v)); }, {0, 1, 2});
    const auto classes = names([](int v) { return Record::errorClassName(ErrorClass(v)); }, {0, 1, 2, 3, 4, 5, 6, 7});
    const auto streams = names([](int v) { return Record::streamName(Record::Stream(v)); }, {0, 1});
    const auto pick = [](const std::vector<QByteArray>& list, auto value) -> const QByteArray& {
        static const QByteArray unknown;
        const auto index = static_cast<size_t>(value);
        return index < list.size() ? list[index] : unknown;
    };
    const QByteArray yes("true");
    const QByteArray no("false");
    WallTimeFormatter wallTime;
    for (const OperationRecord& operation : operations) {
        csv.number(operation.startNs);
        csv.number(operation.endNs);
        csv.raw(wallTime.format(operation.wallMs));
        csv.raw(pick(kinds, operation.kind));
        csv.raw(pick(outcomes, operation.outcome));
        csv.raw(pick(classes, operation.errorClass));
        csv.raw(pick(streams, operation.stream));
        csv.number(operation.connection);
        csv.number(operation.sequence);
        csv.number(operation.returnedId);
        csv.raw(stringField(operation.server));
        csv.raw(operation.serverInRecovery ? yes : no);
        csv.raw(stringField(operation.error));
        csv.number(operation.path); // the client path: 0 the main one, 1.. the run's extra paths (settings "paths")
        csv.endRow();
    }
    return csv.commit();
}

Result<QString> RunExport::writeEvents(const QString& folder, const QList<ClusterEvent>& events,
                                       const QList<FaultAction>& faults)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    CsvFile csv(QDir(directory.value()).filePath(eventsFile()));
    if (!csv.open(columns({"time_ns", "wall_time", "kind", "subject", "from", "to", "text"}))) {
        return Result<QString>::failure(csv.openError());
    }
    // One timeline: both lists by time; at equal times the cluster event first (it was observed, not caused).
    struct Row
    {
        qint64 timeNs;
        int fault; // -1: events[index]
        int index;
    };
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(events.size() + faults.size()));
    for (int i = 0; i < events.size(); ++i) {
        rows.push_back({events.at(i).timeNs, -1, i});
    }
    for (int i = 0; i < faults.size(); ++i) {
        rows.push_back({faults.at(i).startNs, 1, i});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : a.fault < b.fault;
    });
    WallTimeFormatter wallTime;
    for (const Row& row : rows) {
        csv.number(row.timeNs);
        if (row.fault < 0) {
            const ClusterEvent& event = events.at(row.index);
            csv.raw(wallTime.format(event.wallTimeMs));
            csv.text(ClusterEvent::kindName(event.kind));
            csv.text(event.subject);
            csv.text(event.from);
            csv.text(event.to);
            csv.text(event.describe());
        } else {
            const FaultAction& fault = faults.at(row.index);
            csv.raw(wallTime.format(fault.wallMs));
            csv.text(u"fault");
            csv.text(QString());
            csv.text(QString());
            csv.text(QString());
            csv.text(fault.commandLine);
        }
        csv.endRow();
    }
    return csv.commit();
}

Result<QString> RunExport::writeFaults(const QString& folder, const QList<FaultAction>& faults)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    CsvFile csv(QDir(directory.value()).filePath(faultsFile()));
    if (!csv.open(columns({"index", "start_ns", "end_ns", "wall_time", "duration_ms", "exit_code", "command",
                           "standard_error"}))) {
        return Result<QString>::failure(csv.openError());
    }
    WallTimeFormatter wallTime;
    for (int i = 0; i < faults.size(); ++i) {
        const FaultAction& fault = faults.at(i);
        csv.number(i);
        csv.number(fault.startNs);
        csv.number(fault.endNs);
        csv.raw(wallTime.format(fault.wallMs));
        csv.text(msText(std::max<qint64>(0, fault.endNs - fault.startNs)));
        csv.number(fault.exitCode);
        csv.text(fault.commandLine);
        csv.text(fault.standardError);
        csv.endRow();
    }
    return csv.commit();
}

Result<QString> RunExport::writeWindows(const QString& folder, const RunAnalysis& analysis,
                                        const QList<FaultAction>& faults, const QList<ClusterEvent>& events)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    CsvFile csv(QDir(directory.value()).filePath(windowsFile()));
    if (!csv.open(columns({"kind", "start_ns", "end_ns", "duration_ms", "first_failure_ns", "failed", "indeterminate",
                           "error_classes", "fault_command", "events", "first_failure_seen_ns", "open_at_start",
                           "open_at_end", "fault_index", "view", "balanced_from_ns", "balanced"}))) {
        return Result<QString>::failure(csv.openError());
    }
    // The service's windows first, then the client-perceived ones ("view" says which).
    for (const bool clientPerceived : {false, true}) {
        for (const UnavailabilityWindow& window : windowsInTimeOrder(analysis, clientPerceived)) {
            const bool hasFault = window.faultIndex && *window.faultIndex >= 0 && *window.faultIndex < faults.size();
            QStringList eventTexts;
            for (const int index : window.eventIndexes) {
                if (index >= 0 && index < events.size()) {
                    eventTexts << events.at(index).describe();
                }
            }
            csv.text(RunAnalyzer::windowKindName(window.kind));
            csv.number(window.startNs);
            csv.number(window.endNs);
            csv.text(msText(window.durationNs()));
            csv.number(window.firstFailureNs);
            csv.number(window.failedOperations);
            csv.number(window.indeterminateOperations);
            csv.text(errorClassesText(window.errorClasses));
            csv.text(hasFault ? faults.at(*window.faultIndex).commandLine : QString());
            csv.text(eventTexts.join(QStringLiteral("; ")));
            csv.number(window.firstFailureSeenNs);
            csv.text(window.openAtStart ? u"true" : u"false");
            csv.text(window.openAtEnd ? u"true" : u"false");
            if (hasFault) {
                csv.number(*window.faultIndex);
            } else {
                csv.text(QString());
            }
            csv.text(clientPerceived ? u"client" : u"service");
            csv.number(window.balancedFromNs);
            csv.text(RunAnalyzer::describeBalanced(window));
            csv.endRow();
        }
    }
    return csv.commit();
}

QJsonObject RunExport::summaryJson(const RunData& run)
{
    const RunSummary& summary = run.analysis.summary;
    QJsonArray windows;
    for (const UnavailabilityWindow& window : windowsInTimeOrder(run.analysis)) {
        windows.append(windowJson(window, run.faults, run.events));
    }
    QJsonArray clientWindows;
    for (const UnavailabilityWindow& window : windowsInTimeOrder(run.analysis, true)) {
        clientWindows.append(windowJson(window, run.faults, run.events));
    }
    QJsonObject json{
        {QStringLiteral("format"), QStringLiteral("patroni-lab-run-summary")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("run"),
         QJsonObject{{QStringLiteral("start_ns"), summary.startNs},
                     {QStringLiteral("end_ns"), summary.endNs},
                     {QStringLiteral("duration_ns"), summary.durationNs()},
                     {QStringLiteral("duration_ms"), roundedMs(summary.durationNs())},
                     {QStringLiteral("operations"), static_cast<qint64>(run.operations.size())},
                     {QStringLiteral("fault_actions"), run.faults.size()},
                     {QStringLiteral("events"), run.events.size()}}},
        {QStringLiteral("writes"), kindJson(summary.writes)},
        {QStringLiteral("reads"), kindJson(summary.reads)},
        {QStringLiteral("audit"), RunExport::auditJson(summary.audit)},
        {QStringLiteral("windows"), windows},
        // What the workload's clients saw, one attempt at a time each, as the lab report's script did.
        {QStringLiteral("client_perceived"),
         QJsonObject{{QStringLiteral("writes"), kindJson(summary.clientWrites)},
                     {QStringLiteral("reads"), kindJson(summary.clientReads)},
                     {QStringLiteral("windows"), clientWindows}}},
        {QStringLiteral("context"), run.context},
    };
    for (auto it = run.extra.constBegin(); it != run.extra.constEnd(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

Result<QString> RunExport::writeFile(const QString& folder, const QString& fileName, const QByteArray& bytes)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    QSaveFile file(QDir(directory.value()).filePath(fileName));
    if (!file.open(QIODevice::WriteOnly)) {
        return Result<QString>::failure(QStringLiteral("Cannot write %1: %2. %3")
                                            .arg(QDir::toNativeSeparators(file.fileName()), file.errorString(),
                                                 howToFix(directory.value())));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return Result<QString>::failure(QStringLiteral("Cannot write %1: %2.")
                                            .arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
    }
    return Result<QString>::success(file.fileName());
}

Result<QString> RunExport::writeSummary(const QString& folder, const RunData& run)
{
    return writeFile(folder, summaryFile(), QJsonDocument(summaryJson(run)).toJson(QJsonDocument::Indented));
}

QList<RunExport::LostWrite> RunExport::lostWrites(const std::vector<OperationRecord>& operations, const StringTable& strings,
                                                  const WriteAudit& audit)
{
    QList<LostWrite> lost;
    if (audit.lostSequences.isEmpty()) {
        return lost;
    }
    const QSet<qint64> missing(audit.lostSequences.cbegin(), audit.lostSequences.cend());
    for (const OperationRecord& operation : operations) {
        if (operation.kind != OperationRecord::Kind::Insert || operation.outcome != OperationRecord::Outcome::Ok
            || !missing.contains(operation.sequence)) {
            continue;
        }
        lost.append({operation.sequence, operation.startNs, operation.endNs, operation.wallMs, operation.stream,
                     operation.connection, strings.text(operation.server)});
    }
    std::sort(lost.begin(), lost.end(), [](const LostWrite& a, const LostWrite& b) { return a.acknowledgedNs < b.acknowledgedNs; });
    return lost;
}

Result<QString> RunExport::writeLostWrites(const QString& folder, const QList<LostWrite>& lost)
{
    const auto directory = ensureFolder(folder);
    if (!directory.ok()) {
        return directory;
    }
    CsvFile csv(QDir(directory.value()).filePath(QStringLiteral("lost_writes.csv")));
    if (!csv.open(columns({"sequence", "start_ns", "acknowledged_ns", "wall_time", "stream", "connection", "server"}))) {
        return Result<QString>::failure(csv.openError());
    }
    WallTimeFormatter wallTime;
    for (const LostWrite& write : lost) {
        csv.number(write.sequence);
        csv.number(write.startNs);
        csv.number(write.acknowledgedNs);
        csv.raw(wallTime.format(write.wallMs));
        csv.text(write.stream == OperationRecord::Stream::Probe ? QStringLiteral("probe") : QStringLiteral("workload"));
        csv.number(write.connection);
        csv.text(write.server);
        csv.endRow();
    }
    return csv.commit();
}

Result<QStringList> RunExport::writeAll(const QString& folder, const RunData& run)
{
    const std::function<Result<QString>()> writers[] = {
        [&] { return writeOperations(folder, run.operations, run.strings); },
        [&] { return writeEvents(folder, run.events, run.faults); },
        [&] { return writeFaults(folder, run.faults); },
        [&] { return writeWindows(folder, run.analysis, run.faults, run.events); },
        [&] { return writeSummary(folder, run); },
    };
    QStringList written;
    for (const auto& write : writers) {
        const Result<QString> result = write();
        if (!result.ok()) {
            return Result<QStringList>::failure(result.error());
        }
        written << result.value();
    }
    if (const QList<LostWrite> lost = lostWrites(run.operations, run.strings, run.analysis.summary.audit); !lost.isEmpty()) {
        const Result<QString> result = writeLostWrites(folder, lost);
        if (!result.ok()) {
            return Result<QStringList>::failure(result.error());
        }
        written << result.value();
    }
    return Result<QStringList>::success(written);
}
