// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the traffic generator: the state its worker threads (trafficgenerator.cpp) and its service probe
// (serviceprobe.cpp) share, and the rules they both follow when they record an operation.

#include "pgerrors.h"
#include "pgsession.h"
#include "trafficgenerator.h"

#include <QStringList>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

struct TrafficGenerator::Shared
{
    using Clock = std::chrono::steady_clock;

    std::atomic_bool stopRequested{false};
    std::atomic<qint64> nextSequence{1};
    std::atomic_int running{0};
    std::atomic_bool tableReady{false};
    std::mutex tableMutex; // concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog

    std::mutex mutex;
    std::condition_variable wake; // interrupts pacing sleeps on stop
    std::vector<OperationRecord> pending;
    QStringList pendingLines;
    StringTable strings;

    void record(const OperationRecord& operation)
    {
        std::lock_guard lock(mutex);
        pending.push_back(operation);
    }
    void print(const QString& line)
    {
        std::lock_guard lock(mutex);
        pendingLines.append(line);
    }
    quint32 intern(const QString& text)
    {
        std::lock_guard lock(mutex);
        return strings.intern(text);
    }
    // Sleeps until `until`, or less when a stop is requested.
    void sleepUntil(Clock::time_point until)
    {
        std::unique_lock lock(mutex);
        wake.wait_until(lock, until, [this] { return stopRequested.load(); });
    }

    // Creates the run's table (and the audit columns a table made by the report's own script lacks) once per run,
    // on whichever connection gets there first. Returns whether the table is ready.
    bool prepareTable(PgSession& session, const QString& tableName)
    {
        if (tableReady) {
            return true;
        }
        std::lock_guard lock(tableMutex);
        if (tableReady) {
            return true;
        }
        const QByteArray table = tableName.toUtf8();
        const PgSession::Reply created = session.exec(
            "CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY, event_type text NOT NULL, "
            "user_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), run_id text, client_seq bigint);"
            "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS run_id text, ADD COLUMN IF NOT EXISTS client_seq bigint;"
            "CREATE INDEX IF NOT EXISTS " + table + "_run_seq ON " + table + " (run_id, client_seq)");
        if (created.status == PgSession::Status::Ok) {
            tableReady = true;
        }
        return tableReady;
    }
};

// The report's event types and users as the UTF-8 the statements send; every insert picks one of each at random.
struct EventTexts
{
    QList<QByteArray> eventTypes;
    QList<QByteArray> users;

    EventTexts()
    {
        for (const QString& eventType : TrafficGenerator::eventTypes()) {
            eventTypes << eventType.toUtf8();
        }
        for (const QString& user : TrafficGenerator::users()) {
            users << user.toUtf8();
        }
    }
};

namespace TrafficRecords {

// How a finished operation is recorded, the same for every stream: a write that left the client and got no answer
// may or may not have committed (Indeterminate); everything else that did not succeed Failed, with its error class.
inline void setOutcome(OperationRecord& operation, bool ok, bool deadlineExceeded, bool sent, bool connectionBroken,
                       const QString& sqlState, const QString& message, TrafficGenerator::Shared& shared)
{
    if (ok) {
        operation.outcome = OperationRecord::Outcome::Ok;
        return;
    }
    const bool unknownCommit = operation.kind == OperationRecord::Kind::Insert && sent && sqlState.isEmpty()
        && (connectionBroken || deadlineExceeded);
    operation.outcome = unknownCommit ? OperationRecord::Outcome::Indeterminate : OperationRecord::Outcome::Failed;
    operation.errorClass = deadlineExceeded ? OperationRecord::ErrorClass::DeadlineExceeded
                                            : PgErrors::classify(sqlState, message, connectionBroken);
    operation.error = shared.intern(sqlState.isEmpty() ? message : sqlState + QStringLiteral(": ") + message);
}

} // namespace TrafficRecords
