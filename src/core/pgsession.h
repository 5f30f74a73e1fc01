// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <chrono>

struct pg_conn;

// One libpq connection driven without ever blocking longer than a deadline: non-blocking connect and send, then
// poll() on the socket in short slices so that a stop request or a frozen server (docker pause) cannot hang the
// calling thread. Used from one worker thread only.
class PgSession
{
public:
    enum class Status { Ok, Failed, DeadlineExceeded, Stopped };

    struct Reply
    {
        Status status = Status::Failed;
        bool sent = false;             // the statement left the client: a lost connection now means "unknown"
        bool connectionBroken = false; // the connection is unusable afterwards
        QString sqlState;
        QString message;
        QList<QList<QByteArray>> rows;
    };

    PgSession(const std::atomic_bool& stopRequested, std::chrono::milliseconds deadline);
    ~PgSession();
    PgSession(const PgSession&) = delete;
    PgSession& operator=(const PgSession&) = delete;

    Reply connect(const QByteArray& conninfo);
    Reply exec(const QByteArray& sql, const QList<QByteArray>& parameters = {});
    bool isConnected() const;
    // The port of the host libpq reached, as the connection string named it (a multi-host string: the one it kept);
    // 0 when not connected.
    int connectedPort() const;
    void setDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }
    void close();
    // Fire-and-forget cancel of the running statement, on a detached thread: libpq's PQcancel blocks, and
    // against a frozen server it would block for as long as the server is frozen.
    void cancelInBackground();

private:
    enum class Wait { Readable, Writable };
    Status waitSocket(Wait wait, std::chrono::steady_clock::time_point deadline);
    Reply failure(Status status, bool sent);

    const std::atomic_bool& m_stopRequested;
    std::chrono::milliseconds m_deadline;
    pg_conn* m_connection = nullptr;
};
