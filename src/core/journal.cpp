// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal.h"

#include "journalsql.h"
#include "journalwriter.h"
#include "labclock.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

using namespace JournalItems;

namespace {

std::optional<RunInfo::Status> statusFromName(const QString& name)
{
    for (const auto status : {RunInfo::Status::Running, RunInfo::Status::Finished, RunInfo::Status::Interrupted}) {
        if (RunInfo::statusName(status) == name) {
            return status;
        }
    }
    return std::nullopt;
}

std::optional<ClusterEvent::Kind> eventKindFromName(const QString& name)
{
    static const QHash<QString, ClusterEvent::Kind> kinds = [] {
        QHash<QString, ClusterEvent::Kind> result;
        for (int value = 0; value <= static_cast<int>(ClusterEvent::Kind::ContainerStateChanged); ++value) {
            const auto kind = static_cast<ClusterEvent::Kind>(value);
            result.insert(ClusterEvent::kindName(kind), kind);
        }
        return result;
    }();
    const auto it = kinds.constFind(name);
    return it == kinds.cend() ? std::nullopt : std::optional(*it);
}

QDateTime dateTimeFromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong());
}

QJsonObject objectFromText(const QVariant& value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

const QString runColumns = QStringLiteral(
    "id, name, status, started_at_ms, ended_at_ms, start_ns, end_ns, settings, versions, operation_count");

RunInfo runFromQuery(const QSqlQuery& query)
{
    RunInfo info;
    info.id = query.value(0).toLongLong();
    info.name = query.value(1).toString();
    info.status = statusFromName(query.value(2).toString()).value_or(RunInfo::Status::Interrupted);
    info.startedAt = dateTimeFromMs(query.value(3));
    info.endedAt = dateTimeFromMs(query.value(4));
    info.startNs = query.value(5).toLongLong();
    info.endNs = query.value(6).toLongLong();
    info.settings = objectFromText(query.value(7));
    info.versions = objectFromText(query.value(8));
    info.operationCount = query.value(9).toLongLong();
    return info;
}

template<typename Enum>
bool toEnum(qint64 value, Enum last, Enum* result)
{
    if (value < 0 || value > static_cast<qint64>(last)) {
        return false;
    }
    *result = static_cast<Enum>(value);
    return true;
}

} // namespace

QString RunInfo::statusName(Status status)
{
    switch (status) {
    case Status::Running: return QStringLiteral("running");
    case Status::Finished: return QStringLiteral("finished");
    case Status::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

QString Journal::defaultPath()
{
    const QString configured = qEnvironmentVariable("PATRONI_LAB_JOURNAL");
    if (!configured.isEmpty()) {
        return configured;
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/journal.sqlite");
}

Result<std::unique_ptr<Journal>> Journal::open(const QString& path)
{
    using OpenResult = Result<std::unique_ptr<Journal>>;
    if (path.isEmpty()) {
        return OpenResult::failure(QStringLiteral("No file name for the run journal. Set PATRONI_LAB_JOURNAL."));
    }
    const QFileInfo info(path);
    if (info.isDir()) {
        return OpenResult::failure(QStringLiteral("%1 is a folder, but the run journal is a file. Set "
                                                  "PATRONI_LAB_JOURNAL to a file such as %1/journal.sqlite.")
                                       .arg(info.absoluteFilePath()));
    }
    const QString folder = info.absolutePath();
    if (!QDir().mkpath(folder)) {
        QFileInfo blocker(folder);
        while (!blocker.exists() && !blocker.isRoot()) {
            blocker.setFile(blocker.absolutePath());
        }
        const QString reason = blocker.isDir() ? QStringLiteral("%1 is not writable").arg(blocker.absoluteFilePath())
                                               : QStringLiteral("%1 is not a folder").arg(blocker.absoluteFilePath());
        return OpenResult::failure(QStringLiteral("Cannot create the folder %1 for the run journal: %2. Set "
                                                  "PATRONI_LAB_JOURNAL to a file in a writable folder.")
                                       .arg(folder, reason));
    }
    std::unique_ptr<Journal> journal(new Journal(info.absoluteFilePath()));
    const Result<bool> started = journal->m_writer->startAndWait();
    if (!started.ok()) {
        return OpenResult::failure(started.error());
    }
    return OpenResult::success(std::move(journal));
}

Journal::Journal(const QString& path)
    : m_path(path)
    , m_owner(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_writer = std::make_unique<JournalWriter>(
        path, JournalWriter::Callbacks{[this](const QString& message) { emit writeFailed(message); },
                                       [this] { emit writeRecovered(); }});
}

Journal::~Journal()
{
    m_writer.reset();
    // Only now: while the lock is held, another process leaves our runs alone.
    m_ownerLock.reset();
}

Result<qint64> Journal::startRun(const RunInfo& info)
{
    {
        QMutexLocker locker(&m_mutex);
        if (!m_ownerLock) {
            auto lock = std::make_unique<QLockFile>(JournalSql::ownerLockPath(m_path, m_owner));
            lock->setStaleLockTime(0);
            if (!lock->tryLock(0)) {
                return Result<qint64>::failure(QStringLiteral("Cannot create the lock file %1 next to the run journal. "
                                                              "Make its folder writable, or set PATRONI_LAB_JOURNAL "
                                                              "to a file in a writable folder.")
                                                   .arg(JournalSql::ownerLockPath(m_path, m_owner)));
            }
            m_ownerLock = std::move(lock);
        }
    }
    RunInfo stored = info;
    stored.status = RunInfo::Status::Running;
    if (!stored.startedAt.isValid()) {
        stored.startedAt = QDateTime::currentDateTime();
    }
    if (stored.startNs == 0) {
        stored.startNs = LabClock::nowNs();
    }
    const auto reply = std::make_shared<Reply>();
    const Result<qint64> id = m_writer->request(StartRun{stored, m_owner, reply}, reply);
    if (id.ok()) {
        QMutexLocker locker(&m_mutex);
        m_runStrings.insert(id.value(), StringTable());
    }
    return id;
}

bool Journal::acceptsAppend(qint64 runId) const
{
    if (m_runStrings.contains(runId)) {
        return true;
    }
    qWarning("Journal: run %lld was not started by this journal or is already finished; the record is not stored",
             static_cast<long long>(runId));
    return false;
}

void Journal::appendOperations(qint64 runId, const std::vector<OperationRecord>& operations, const StringTable& strings)
{
    if (operations.empty()) {
        return;
    }
    // Under the lock until enqueued, so that the texts of a run reach the writer in index order.
    QMutexLocker locker(&m_mutex);
    if (!acceptsAppend(runId)) {
        return;
    }
    StringTable& stored = m_runStrings[runId];
    const auto known = static_cast<quint32>(stored.size());
    Operations item{runId, operations, known, {}};

    // The indexes are kept when they mean the same texts here, as they always do for the run's own table that
    // grew since the last call (only its new texts are copied); else they are translated.
    bool sameTexts = true;
    for (auto index = known; sameTexts && index < static_cast<quint32>(strings.size()); ++index) {
        sameTexts = stored.intern(strings.text(index)) == index;
    }
    for (auto op = operations.cbegin(); sameTexts && op != operations.cend(); ++op) {
        sameTexts = strings.text(op->error) == stored.text(op->error)
            && strings.text(op->server) == stored.text(op->server);
    }
    if (!sameTexts) {
        for (OperationRecord& operation : item.operations) {
            operation.error = stored.intern(strings.text(operation.error));
            operation.server = static_cast<quint16>(stored.intern(strings.text(operation.server)));
        }
    }
    item.texts = stored.texts().mid(known);
    m_writer->enqueue(std::move(item));
}

void Journal::appendFault(qint64 runId, const FaultAction& fault)
{
    QMutexLocker locker(&m_mutex);
    if (acceptsAppend(runId)) {
        m_writer->enqueue(Fault{runId, fault});
    }
}

void Journal::appendEvent(qint64 runId, const ClusterEvent& event)
{
    QMutexLocker locker(&m_mutex);
    if (acceptsAppend(runId)) {
        m_writer->enqueue(Event{runId, event});
    }
}

void Journal::appendSnapshot(qint64 runId, qint64 timeNs, const QJsonObject& state)
{
    QMutexLocker locker(&m_mutex);
    if (acceptsAppend(runId)) {
        m_writer->enqueue(Snapshot{runId, timeNs, state});
    }
}

Result<bool> Journal::finishRun(qint64 runId, qint64 endNs)
{
    StringTable strings;
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_runStrings.find(runId);
        if (it == m_runStrings.end()) {
            return Result<bool>::failure(
                QStringLiteral("Run %1 was not started by this journal or is already finished.").arg(runId));
        }
        // Appends that come after this call are refused rather than written after the end.
        strings = *it;
        m_runStrings.erase(it);
    }
    const auto reply = std::make_shared<Reply>();
    const Result<qint64> finished =
        m_writer->request(FinishRun{runId, endNs, QDateTime::currentMSecsSinceEpoch(), reply}, reply);
    if (!finished.ok()) {
        QMutexLocker locker(&m_mutex);
        m_runStrings.insert(runId, strings);
        return Result<bool>::failure(finished.error());
    }
    return Result<bool>::success(true);
}

Result<bool> Journal::flush()
{
    const auto reply = std::make_shared<Reply>();
    const Result<qint64> flushed = m_writer->request(Flush{reply}, reply);
    return flushed.ok() ? Result<bool>::success(true) : Result<bool>::failure(flushed.error());
}

Result<QList<RunInfo>> Journal::runs() const
{
    using RunsResult = Result<QList<RunInfo>>;
    const JournalSql::ReadConnection connection(m_path);
    if (!connection.opened().ok()) {
        return RunsResult::failure(connection.opened().error());
    }
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT ") + runColumns + QStringLiteral(" FROM runs ORDER BY id"))) {
        return RunsResult::failure(JournalSql::describeError(m_path, query));
    }
    QList<RunInfo> result;
    while (query.next()) {
        result.append(runFromQuery(query));
    }
    return RunsResult::success(result);
}

Result<StoredRun> Journal::loadRun(qint64 runId) const
{
    using LoadResult = Result<StoredRun>;
    const JournalSql::ReadConnection connection(m_path);
    if (!connection.opened().ok()) {
        return LoadResult::failure(connection.opened().error());
    }
    QSqlDatabase db = connection.database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto select = [&](const QString& sql) {
        query.prepare(sql);
        query.addBindValue(runId);
        return query.exec();
    };
    const auto damaged = [&](const QString& what) {
        return LoadResult::failure(
            QStringLiteral("Run %1 in the run journal %2 is damaged: %3.").arg(QString::number(runId), m_path, what));
    };

    // One read transaction: a consistent picture while the writer goes on appending.
    db.transaction();
    StoredRun run;
    if (!select(QStringLiteral("SELECT ") + runColumns + QStringLiteral(" FROM runs WHERE id = ?"))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    if (!query.next()) {
        return LoadResult::failure(
            QStringLiteral("There is no run %1 in the run journal %2.").arg(QString::number(runId), m_path));
    }
    run.info = runFromQuery(query);

    if (!select(QStringLiteral("SELECT idx, text FROM run_strings WHERE run_id = ? ORDER BY idx"))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    while (query.next()) {
        if (run.strings.intern(query.value(1).toString()) != query.value(0).toUInt()) {
            return damaged(QStringLiteral("its texts are not numbered in order"));
        }
    }

    // A version 1 journal opened read-only has no path column: all its operations were on the main path.
    const bool hasPath = query.exec(QStringLiteral("PRAGMA user_version")) && query.next() && query.value(0).toInt() >= 2;
    if (!select(QStringLiteral("SELECT start_ns, end_ns, wall_ms, sequence, returned_id, kind, outcome, error_class,"
                               " stream, in_recovery, error, server, connection, %1 FROM operations WHERE run_id = ?"
                               " ORDER BY n")
                    .arg(hasPath ? QStringLiteral("path") : QStringLiteral("0")))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    run.operations.reserve(static_cast<size_t>(std::max<qint64>(run.info.operationCount, 0)));
    while (query.next()) {
        OperationRecord op;
        op.startNs = query.value(0).toLongLong();
        op.endNs = query.value(1).toLongLong();
        op.wallMs = query.value(2).toLongLong();
        op.sequence = query.value(3).toLongLong();
        op.returnedId = query.value(4).toLongLong();
        const bool known = toEnum(query.value(5).toLongLong(), OperationRecord::Kind::Read, &op.kind)
            && toEnum(query.value(6).toLongLong(), OperationRecord::Outcome::Indeterminate, &op.outcome)
            && toEnum(query.value(7).toLongLong(), OperationRecord::ErrorClass::Other, &op.errorClass)
            && toEnum(query.value(8).toLongLong(), OperationRecord::Stream::Probe, &op.stream);
        if (!known) {
            return damaged(QStringLiteral("operation %1 has an unknown kind, outcome, error class or stream")
                               .arg(run.operations.size()));
        }
        op.serverInRecovery = query.value(9).toLongLong() != 0;
        op.error = query.value(10).toUInt();
        op.server = static_cast<quint16>(query.value(11).toUInt());
        op.connection = static_cast<quint16>(query.value(12).toUInt());
        op.path = static_cast<quint8>(query.value(13).toUInt());
        run.operations.push_back(op);
    }

    if (!select(QStringLiteral("SELECT start_ns, end_ns, wall_ms, command_line, exit_code, standard_error FROM faults"
                               " WHERE run_id = ? ORDER BY id"))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    while (query.next()) {
        FaultAction fault;
        fault.startNs = query.value(0).toLongLong();
        fault.endNs = query.value(1).toLongLong();
        fault.wallMs = query.value(2).toLongLong();
        fault.commandLine = query.value(3).toString();
        fault.exitCode = query.value(4).toInt();
        fault.standardError = query.value(5).toString();
        run.faults.append(fault);
    }

    if (!select(QStringLiteral("SELECT time_ns, wall_ms, kind, subject, from_value, to_value FROM events"
                               " WHERE run_id = ? ORDER BY id"))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    while (query.next()) {
        const QString kindName = query.value(2).toString();
        const std::optional<ClusterEvent::Kind> kind = eventKindFromName(kindName);
        if (!kind) {
            // Written by a newer version that knows more kinds: the rest of the run is still worth analysing.
            qWarning("Journal: run %lld has an event of unknown kind %s; skipped", static_cast<long long>(runId),
                     qUtf8Printable(kindName));
            continue;
        }
        ClusterEvent event;
        event.timeNs = query.value(0).toLongLong();
        event.wallTimeMs = query.value(1).toLongLong();
        event.kind = *kind;
        event.subject = query.value(3).toString();
        event.from = query.value(4).toString();
        event.to = query.value(5).toString();
        run.events.append(event);
    }

    if (!select(QStringLiteral("SELECT time_ns, state FROM snapshots WHERE run_id = ? ORDER BY id"))) {
        return LoadResult::failure(JournalSql::describeError(m_path, query));
    }
    while (query.next()) {
        run.snapshots.append(StateSnapshot{query.value(0).toLongLong(), objectFromText(query.value(1))});
    }
    query.finish();
    db.commit();
    return LoadResult::success(std::move(run));
}
