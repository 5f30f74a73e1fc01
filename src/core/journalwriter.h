// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "journal.h"
#include "result.h"
#include "runrecords.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <variant>
#include <vector>

class QSqlDatabase;

// Internal to Journal: what the caller hands to the writer thread.
namespace JournalItems {

// Answer to a caller that waits (startRun, finishRun, flush); guarded by the writer's mutex.
struct Reply
{
    bool done = false;
    QString error;
    qint64 value = 0;
};
using ReplyPtr = std::shared_ptr<Reply>;

struct StartRun
{
    RunInfo info;
    QString owner;
    ReplyPtr reply;
};
struct Operations
{
    qint64 runId = 0;
    std::vector<OperationRecord> operations;
    quint32 firstText = 0; // run_strings index of texts.first()
    QStringList texts;     // texts new to the run, referenced by these or later operations
};
struct Fault
{
    qint64 runId = 0;
    FaultAction fault;
};
struct Event
{
    qint64 runId = 0;
    ClusterEvent event;
};
struct Snapshot
{
    qint64 runId = 0;
    qint64 timeNs = 0;
    QJsonObject state;
};
struct FinishRun
{
    qint64 runId = 0;
    qint64 endNs = 0;
    qint64 endedAtMs = 0;
    ReplyPtr reply;
};
struct Flush
{
    ReplyPtr reply;
};

using Item = std::variant<StartRun, Operations, Fault, Event, Snapshot, FinishRun, Flush>;

} // namespace JournalItems

// The thread that owns the journal's write connection (qBittorrent's DBResumeDataStorage::Worker pattern): it
// drains the queue into one transaction at most every CommitInterval, or at once when someone waits. A failed
// transaction is rolled back and its records stay queued for the next attempt.
class JournalWriter final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalWriter)
public:
    static constexpr std::chrono::milliseconds CommitInterval{250};
    static constexpr std::chrono::milliseconds RetryInterval{1000};
    // A backlog this large is written at once rather than waiting for the interval; it is also the most one
    // transaction takes (about 0.2 s of writing), so that commits stay frequent behind a burst.
    static constexpr qsizetype LargeBacklog = 20'000;

    struct Callbacks
    {
        std::function<void(const QString&)> failed;
        std::function<void()> recovered;
    };

    JournalWriter(QString path, Callbacks callbacks);
    // Writes what is queued (one attempt), marks the runs it started and nobody finished interrupted, and stops.
    ~JournalWriter() override;

    // Starts the thread and waits until the file is open, checked and recovered.
    Result<bool> startAndWait();
    void enqueue(JournalItems::Item item);
    // Enqueues and waits for the transaction that carries the item.
    Result<qint64> request(JournalItems::Item item, const JournalItems::ReplyPtr& reply);

protected:
    void run() override;

private:
    struct RunProgress
    {
        qint64 nextOperation = 0;
        qint64 lastNs = 0;
        qint64 lastWallMs = 0;
        bool touched = false;
    };
    struct Statements;
    struct PendingReply
    {
        JournalItems::ReplyPtr reply;
        QString error;
        qint64 value = 0;
    };

    bool recoverInterruptedRuns(QSqlDatabase& db, QString* error);
    void writeLoop(Statements& statements);
    // Moves queued items to m_pending, up to one transaction's worth; needs m_mutex. True when the queue is empty.
    bool takeQueued();
    // One transaction with everything pending; returns the error message (cause: without the backlog) or "".
    QString writePending(Statements& statements, bool finalAttempt, std::vector<PendingReply>& replies, QString* cause);
    static void takeRequests(std::deque<JournalItems::Item>& items, const QString& error,
                             std::vector<PendingReply>& replies);
    void answer(std::vector<PendingReply>& replies, const QString& failure);

    const QString m_path;
    const Callbacks m_callbacks;

    // Shared with the callers, guarded by m_mutex.
    QMutex m_mutex;
    QWaitCondition m_wake;    // the writer waits for work
    QWaitCondition m_replied; // callers wait for replies and the startup
    std::deque<JournalItems::Item> m_queue;
    qsizetype m_queuedOperations = 0;
    int m_waitingRequests = 0;
    bool m_stopping = false;
    bool m_startupDone = false;
    QString m_startupError;

    // Writer thread only.
    std::deque<JournalItems::Item> m_pending; // taken from the queue, not yet committed
    qsizetype m_pendingOperations = 0;
    QHash<qint64, RunProgress> m_progress; // runs this writer started and nobody finished yet
};
