// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "result.h"
#include "runrecords.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class JournalWriter;
class QLockFile;

struct RunInfo
{
    enum class Status { Running, Finished, Interrupted };

    qint64 id = 0;
    QString name;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while running
    qint64 startNs = 0; // LabClock
    // finishRun's time; for an interrupted run the last time that reached the disk
    qint64 endNs = 0;
    Status status = Status::Running;
    QJsonObject settings;
    QJsonObject versions;
    qint64 operationCount = 0; // what reached the disk

    static QString statusName(Status status);
};

struct StateSnapshot
{
    qint64 timeNs = 0;
    QJsonObject state; // ClusterState::toJson()
};

// Everything of one run that reached the disk, in the order it was appended. The operations' error and server
// indexes refer to strings, which has the same texts at the same indexes as the table given to appendOperations.
struct StoredRun
{
    RunInfo info;
    std::vector<OperationRecord> operations;
    StringTable strings;
    QList<FaultAction> faults;
    QList<ClusterEvent> events;
    QList<StateSnapshot> snapshots;
};

// The run journal: an SQLite file (WAL) that keeps every traffic run. Appends only copy into a queue, so they
// never wait for the disk; a writer thread commits the queue at least every 250 ms, so a killed process loses
// well under a second. All functions may be called from any thread. startRun, finishRun and flush wait for the
// writer; runs and loadRun read with their own connection on the calling thread.
class Journal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Journal)
public:
    // PATRONI_LAB_JOURNAL, else journal.sqlite in the application data folder.
    static QString defaultPath();
    // Creates the folder and the schema when needed and marks runs whose process died as interrupted. Refuses
    // files that are not a journal instead of replacing them.
    static Result<std::unique_ptr<Journal>> open(const QString& path);
    // Writes what is queued; runs this journal started and did not finish become interrupted.
    ~Journal() override;

    QString path() const { return m_path; }

    // Stores the run (status running; startedAt and startNs default to now) and returns its id.
    Result<qint64> startRun(const RunInfo& info);
    // strings is the run's table: the same, growing table on every call of a run keeps this cheap (only new
    // texts are copied). Any other table works too; its indexes are then translated.
    void appendOperations(qint64 runId, const std::vector<OperationRecord>& operations, const StringTable& strings);
    void appendFault(qint64 runId, const FaultAction& fault);
    void appendEvent(qint64 runId, const ClusterEvent& event);
    void appendSnapshot(qint64 runId, qint64 timeNs, const QJsonObject& state);
    // Commits everything queued for the run, then marks it finished.
    Result<bool> finishRun(qint64 runId, qint64 endNs);
    // Returns once everything queued so far is committed, or with the reason it is not (it stays queued).
    Result<bool> flush();

    Result<QList<RunInfo>> runs() const;
    Result<StoredRun> loadRun(qint64 runId) const;

signals:
    // From the writer thread: the disk is full, the file became unwritable ... The records stay queued and are
    // retried every second; the message says what to do.
    void writeFailed(const QString& message);
    // From the writer thread: after a writeFailed, the queued records reached the disk.
    void writeRecovered();

private:
    explicit Journal(const QString& path);
    bool acceptsAppend(qint64 runId) const;

    const QString m_path;
    std::unique_ptr<JournalWriter> m_writer;

    // Guards the members below and keeps the writer's queue in the order of the calls.
    mutable QMutex m_mutex;
    QHash<qint64, StringTable> m_runStrings; // runs this journal started and did not finish
    std::unique_ptr<QLockFile> m_ownerLock;   // held while this process has running runs
    QString m_owner;
};
