// SPDX-License-Identifier: GPL-3.0-or-later
#include "journalwriter.h"

#include "journalsql.h"

#include <QJsonDocument>
#include <QLockFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace JournalItems;

namespace {

// Qt binds a null QString as SQL NULL; the text columns are NOT NULL so that readers never see two kinds of empty.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

ReplyPtr replyOf(const Item& item)
{
    if (const auto* start = std::get_if<StartRun>(&item)) {
        return start->reply;
    }
    if (const auto* finish = std::get_if<FinishRun>(&item)) {
        return finish->reply;
    }
    if (const auto* flush = std::get_if<Flush>(&item)) {
        return flush->reply;
    }
    return nullptr;
}

} // namespace

struct JournalWriter::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : control(db)
        , insertRun(db)
        , insertString(db)
        , insertOperation(db)
        , insertFault(db)
        , insertEvent(db)
        , insertSnapshot(db)
        , updateProgress(db)
        , finishRun(db)
        , interruptRun(db)
    {
    }

    bool prepare(QString* failedSql)
    {
        const std::pair<QSqlQuery*, QString> all[] = {
            { &insertRun,
                QStringLiteral("INSERT INTO runs (name, status, started_at_ms, start_ns, settings, versions,"
                               " owner, last_ns, last_wall_ms) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)") },
            { &insertString, QStringLiteral("INSERT INTO run_strings (run_id, idx, text) VALUES (?, ?, ?)") },
            { &insertOperation,
                QStringLiteral(
                    "INSERT INTO operations (run_id, n, start_ns, end_ns, wall_ms, sequence, returned_id, kind,"
                    " outcome, error_class, stream, in_recovery, error, server, connection, path)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") },
            { &insertFault,
                QStringLiteral("INSERT INTO faults (run_id, start_ns, end_ns, wall_ms, command_line, exit_code,"
                               " standard_error) VALUES (?, ?, ?, ?, ?, ?, ?)") },
            { &insertEvent,
                QStringLiteral("INSERT INTO events (run_id, time_ns, wall_ms, kind, subject, from_value,"
                               " to_value) VALUES (?, ?, ?, ?, ?, ?, ?)") },
            { &insertSnapshot, QStringLiteral("INSERT INTO snapshots (run_id, time_ns, state) VALUES (?, ?, ?)") },
            { &updateProgress,
                QStringLiteral("UPDATE runs SET operation_count = ?, last_ns = ?, last_wall_ms = ? WHERE id = ?") },
            { &finishRun,
                QStringLiteral("UPDATE runs SET status = 'finished', end_ns = ?, ended_at_ms = ?"
                               " WHERE id = ? AND status = 'running'") },
            { &interruptRun,
                QStringLiteral("UPDATE runs SET status = 'interrupted', end_ns = last_ns,"
                               " ended_at_ms = last_wall_ms WHERE id = ? AND status = 'running'") },
        };
        for (const auto& [query, sql] : all) {
            if (!query->prepare(sql)) {
                *failedSql = sql;
                return false;
            }
        }
        return true;
    }

    QSqlQuery control;
    QSqlQuery insertRun;
    QSqlQuery insertString;
    QSqlQuery insertOperation;
    QSqlQuery insertFault;
    QSqlQuery insertEvent;
    QSqlQuery insertSnapshot;
    QSqlQuery updateProgress;
    QSqlQuery finishRun;
    QSqlQuery interruptRun;
};

JournalWriter::JournalWriter(QString path, Callbacks callbacks)
    : m_path(std::move(path))
    , m_callbacks(std::move(callbacks))
{
}

JournalWriter::~JournalWriter()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    wait();
}

Result<bool> JournalWriter::startAndWait()
{
    start();
    QMutexLocker locker(&m_mutex);
    while (!m_startupDone) {
        m_replied.wait(&m_mutex);
    }
    return m_startupError.isEmpty() ? Result<bool>::success(true) : Result<bool>::failure(m_startupError);
}

void JournalWriter::enqueue(Item item)
{
    const auto* batch = std::get_if<Operations>(&item);
    const auto count = batch ? static_cast<qsizetype>(batch->operations.size()) : 0;
    QMutexLocker locker(&m_mutex);
    m_queue.push_back(std::move(item));
    m_queuedOperations += count;
    m_wake.wakeOne();
}

Result<qint64> JournalWriter::request(Item item, const ReplyPtr& reply)
{
    QMutexLocker locker(&m_mutex);
    m_queue.push_back(std::move(item));
    ++m_waitingRequests;
    m_wake.wakeOne();
    while (!reply->done) {
        m_replied.wait(&m_mutex);
    }
    return reply->error.isEmpty() ? Result<qint64>::success(reply->value) : Result<qint64>::failure(reply->error);
}

void JournalWriter::run()
{
    const QString connectionName = JournalSql::nextConnectionName("writer");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        QString error;
        const Result<bool> opened = JournalSql::openDatabase(db, m_path, true);
        if (!opened.ok()) {
            error = opened.error();
        } else {
            recoverInterruptedRuns(db, &error);
        }
        std::optional<Statements> statements;
        if (error.isEmpty()) {
            statements.emplace(db);
            QString failedSql;
            if (!statements->prepare(&failedSql)) {
                error = JournalSql::describeError(m_path, db.lastError()) + QStringLiteral(" (preparing ") + failedSql
                    + u')';
            }
        }
        {
            QMutexLocker locker(&m_mutex);
            m_startupDone = true;
            m_startupError = error;
            m_replied.wakeAll();
        }
        if (error.isEmpty()) {
            writeLoop(*statements);
        }
        statements.reset();
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool JournalWriter::recoverInterruptedRuns(QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT DISTINCT owner FROM runs WHERE status = 'running'"))) {
        *error = JournalSql::describeError(m_path, query);
        return false;
    }
    QStringList owners;
    while (query.next()) {
        owners.append(query.value(0).toString());
    }
    for (const QString& owner : std::as_const(owners)) {
        // A live writer holds its lock (another window, the CLI); QLockFile sees through the lock of a dead
        // process by its pid, also after a reboot.
        QLockFile lock(JournalSql::ownerLockPath(m_path, owner));
        lock.setStaleLockTime(0);
        if (!owner.isEmpty() && !lock.tryLock(0)) {
            continue;
        }
        query.prepare(QStringLiteral("UPDATE runs SET status = 'interrupted', end_ns = last_ns,"
                                     " ended_at_ms = last_wall_ms WHERE status = 'running' AND owner = ?"));
        query.addBindValue(owner);
        if (!query.exec()) {
            *error = JournalSql::describeError(m_path, query);
            return false;
        }
    }
    return true;
}

void JournalWriter::writeLoop(Statements& statements)
{
    QDeadlineTimer nextAttempt(0);
    QString failure; // the cause of the last writeFailed while writing fails
    for (;;) {
        bool stopping = false;
        {
            QMutexLocker locker(&m_mutex);
            for (;;) {
                stopping = m_stopping;
                const bool hasWork = !m_queue.empty() || !m_pending.empty();
                if (stopping
                    || (hasWork
                        && (m_waitingRequests > 0 || (failure.isEmpty() && m_queuedOperations >= LargeBacklog)
                            || nextAttempt.hasExpired()))) {
                    break;
                }
                if (hasWork) {
                    m_wake.wait(&m_mutex, nextAttempt);
                } else {
                    m_wake.wait(&m_mutex);
                }
            }
            if (!stopping) {
                takeQueued();
            }
        }
        if (stopping) {
            break;
        }
        std::vector<PendingReply> replies;
        QString cause;
        const QString error = writePending(statements, false, replies, &cause);
        // Once per cause, not per retry; before the replies, so that a caller of flush() has seen it on return.
        if (!error.isEmpty() && cause != failure && m_callbacks.failed) {
            m_callbacks.failed(error);
        } else if (error.isEmpty() && !failure.isEmpty() && m_callbacks.recovered) {
            m_callbacks.recovered();
        }
        failure = cause;
        answer(replies, error);
        nextAttempt.setRemainingTime(error.isEmpty() ? CommitInterval : RetryInterval);
    }

    // Everything that is left, transaction by transaction; the last one also marks our unfinished runs
    // interrupted. After a failure nobody is left to retry: those runs stay 'running' until the next open.
    for (;;) {
        bool last = false;
        {
            QMutexLocker locker(&m_mutex);
            last = takeQueued();
        }
        std::vector<PendingReply> replies;
        const QString error = writePending(statements, last, replies, nullptr);
        answer(replies, error);
        if (!error.isEmpty()) {
            qWarning("%s", qUtf8Printable(error));
            return;
        }
        if (last) {
            return;
        }
    }
}

bool JournalWriter::takeQueued()
{
    while (!m_queue.empty() && m_pendingOperations < LargeBacklog) {
        const auto* batch = std::get_if<Operations>(&m_queue.front());
        const auto count = batch ? static_cast<qsizetype>(batch->operations.size()) : 0;
        m_pendingOperations += count;
        m_queuedOperations -= count;
        m_pending.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    return m_queue.empty();
}

QString JournalWriter::writePending(
    Statements& s, bool finalAttempt, std::vector<PendingReply>& replies, QString* cause)
{
    if (m_pending.empty() && !(finalAttempt && !m_progress.isEmpty())) {
        return {};
    }
    QHash<qint64, RunProgress> progress = m_progress;
    QSet<qint64> finished;
    QString error;
    const auto exec = [&](QSqlQuery& query) {
        if (!query.exec()) {
            error = JournalSql::describeError(m_path, query);
            return false;
        }
        return true;
    };
    const auto noteTime = [](RunProgress& run, qint64 timeNs, qint64 wallMs) {
        run.lastNs = std::max(run.lastNs, timeNs);
        run.lastWallMs = std::max(run.lastWallMs, wallMs);
        run.touched = true;
    };

    bool ok = s.control.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!ok) {
        error = JournalSql::describeError(m_path, s.control);
    }
    for (auto it = m_pending.begin(); ok && it != m_pending.end(); ++it) {
        if (auto* start = std::get_if<StartRun>(&*it)) {
            const RunInfo& info = start->info;
            QSqlQuery& q = s.insertRun;
            const qint64 startedAtMs = info.startedAt.toMSecsSinceEpoch();
            q.bindValue(0, notNull(info.name));
            q.bindValue(1, startedAtMs);
            q.bindValue(2, info.startNs);
            q.bindValue(3, QString::fromUtf8(QJsonDocument(info.settings).toJson(QJsonDocument::Compact)));
            q.bindValue(4, QString::fromUtf8(QJsonDocument(info.versions).toJson(QJsonDocument::Compact)));
            q.bindValue(5, notNull(start->owner));
            q.bindValue(6, info.startNs);
            q.bindValue(7, startedAtMs);
            ok = exec(q);
            if (ok) {
                const qint64 id = q.lastInsertId().toLongLong();
                progress.insert(id, RunProgress{0, info.startNs, startedAtMs, false});
                replies.push_back({start->reply, {}, id});
            }
        } else if (auto* batch = std::get_if<Operations>(&*it)) {
            RunProgress& run = progress[batch->runId];
            QSqlQuery& qs = s.insertString;
            for (qsizetype i = 0; ok && i < batch->texts.size(); ++i) {
                qs.bindValue(0, batch->runId);
                qs.bindValue(1, static_cast<qint64>(batch->firstText) + i);
                qs.bindValue(2, notNull(batch->texts.at(i)));
                ok = exec(qs);
            }
            QSqlQuery& q = s.insertOperation;
            for (auto op = batch->operations.cbegin(); ok && op != batch->operations.cend(); ++op) {
                q.bindValue(0, batch->runId);
                q.bindValue(1, run.nextOperation);
                q.bindValue(2, op->startNs);
                q.bindValue(3, op->endNs);
                q.bindValue(4, op->wallMs);
                q.bindValue(5, op->sequence);
                q.bindValue(6, op->returnedId);
                q.bindValue(7, static_cast<int>(op->kind));
                q.bindValue(8, static_cast<int>(op->outcome));
                q.bindValue(9, static_cast<int>(op->errorClass));
                q.bindValue(10, static_cast<int>(op->stream));
                q.bindValue(11, op->serverInRecovery ? 1 : 0);
                q.bindValue(12, op->error);
                q.bindValue(13, op->server);
                q.bindValue(14, op->connection);
                q.bindValue(15, op->path);
                ok = exec(q);
                ++run.nextOperation;
                noteTime(run, std::max(op->startNs, op->endNs), op->wallMs + (op->endNs - op->startNs) / 1'000'000);
            }
        } else if (auto* fault = std::get_if<Fault>(&*it)) {
            const FaultAction& f = fault->fault;
            QSqlQuery& q = s.insertFault;
            q.bindValue(0, fault->runId);
            q.bindValue(1, f.startNs);
            q.bindValue(2, f.endNs);
            q.bindValue(3, f.wallMs);
            q.bindValue(4, notNull(f.commandLine));
            q.bindValue(5, f.exitCode);
            q.bindValue(6, notNull(f.standardError));
            ok = exec(q);
            noteTime(progress[fault->runId], std::max(f.startNs, f.endNs), f.wallMs);
        } else if (auto* event = std::get_if<Event>(&*it)) {
            const ClusterEvent& e = event->event;
            QSqlQuery& q = s.insertEvent;
            q.bindValue(0, event->runId);
            q.bindValue(1, e.timeNs);
            q.bindValue(2, e.wallTimeMs);
            q.bindValue(3, ClusterEvent::kindName(e.kind));
            q.bindValue(4, notNull(e.subject));
            q.bindValue(5, notNull(e.from));
            q.bindValue(6, notNull(e.to));
            ok = exec(q);
            noteTime(progress[event->runId], e.timeNs, e.wallTimeMs);
        } else if (auto* snapshot = std::get_if<Snapshot>(&*it)) {
            QSqlQuery& q = s.insertSnapshot;
            q.bindValue(0, snapshot->runId);
            q.bindValue(1, snapshot->timeNs);
            q.bindValue(2, QString::fromUtf8(QJsonDocument(snapshot->state).toJson(QJsonDocument::Compact)));
            ok = exec(q);
            noteTime(progress[snapshot->runId], snapshot->timeNs, 0);
        } else if (auto* finish = std::get_if<FinishRun>(&*it)) {
            QSqlQuery& q = s.finishRun;
            q.bindValue(0, finish->endNs);
            q.bindValue(1, finish->endedAtMs);
            q.bindValue(2, finish->runId);
            ok = exec(q);
            if (ok && q.numRowsAffected() == 1) {
                finished.insert(finish->runId);
                replies.push_back({finish->reply, {}, 1});
            } else if (ok) {
                replies.push_back({finish->reply, QStringLiteral("Run %1 is not running.").arg(finish->runId), 0});
            }
        } else if (auto* flush = std::get_if<Flush>(&*it)) {
            replies.push_back({flush->reply, {}, 1});
        }
    }
    for (auto it = progress.begin(); ok && it != progress.end(); ++it) {
        if (!it->touched) {
            continue;
        }
        QSqlQuery& q = s.updateProgress;
        q.bindValue(0, it->nextOperation);
        q.bindValue(1, it->lastNs);
        q.bindValue(2, it->lastWallMs);
        q.bindValue(3, it.key());
        ok = exec(q);
    }
    if (finalAttempt) {
        for (auto it = progress.cbegin(); ok && it != progress.cend(); ++it) {
            if (!finished.contains(it.key())) {
                s.interruptRun.bindValue(0, it.key());
                ok = exec(s.interruptRun);
            }
        }
    }
    if (ok && !s.control.exec(QStringLiteral("COMMIT"))) {
        ok = false;
        error = JournalSql::describeError(m_path, s.control);
    }

    if (ok) {
        for (auto it = progress.begin(); it != progress.end(); ++it) {
            it->touched = false;
        }
        for (const qint64 runId : std::as_const(finished)) {
            progress.remove(runId);
        }
        m_progress = std::move(progress);
        m_pending.clear();
        m_pendingOperations = 0;
        return {};
    }

    // SQLite may have rolled back already (a full disk does that); then this ROLLBACK fails harmlessly.
    s.control.exec(QStringLiteral("ROLLBACK"));
    if (cause) {
        *cause = error;
    }
    qsizetype backlog = m_pendingOperations;
    {
        QMutexLocker locker(&m_mutex);
        backlog += m_queuedOperations;
    }
    if (backlog > 0) {
        error += QStringLiteral(" %1 operations are kept in memory and retried every second.").arg(backlog);
    }
    replies.clear();
    takeRequests(m_pending, error, replies);
    return error;
}

void JournalWriter::takeRequests(std::deque<Item>& items, const QString& error, std::vector<PendingReply>& replies)
{
    std::erase_if(items, [&](const Item& item) {
        const ReplyPtr reply = replyOf(item);
        if (reply) {
            replies.push_back({reply, error, 0});
        }
        return reply != nullptr;
    });
}

void JournalWriter::answer(std::vector<PendingReply>& replies, const QString& failure)
{
    QMutexLocker locker(&m_mutex);
    if (!failure.isEmpty()) {
        // The waiting callers get the error now, also those whose request is still queued behind records that
        // did not fit into this transaction; only the records stay for the next attempt.
        takeRequests(m_queue, failure, replies);
    }
    if (replies.empty()) {
        return;
    }
    for (const PendingReply& pending : replies) {
        pending.reply->done = true;
        pending.reply->error = pending.error;
        pending.reply->value = pending.value;
    }
    m_waitingRequests -= static_cast<int>(replies.size());
    m_replied.wakeAll();
}
