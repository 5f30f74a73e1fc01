// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgsession.h"

#include <libpq-fe.h>
#include <poll.h>

#include <thread>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// How often a wait looks at the stop flag.
constexpr auto StopCheckSlice = 50ms;

QString trimmedMessage(const char* text)
{
    return QString::fromUtf8(text).simplified();
}

} // namespace

PgSession::PgSession(const std::atomic_bool& stopRequested, std::chrono::milliseconds deadline)
    : m_stopRequested(stopRequested)
    , m_deadline(deadline)
{
}

PgSession::~PgSession()
{
    close();
}

int PgSession::connectedPort() const
{
    return isConnected() ? QByteArray(PQport(m_connection)).toInt() : 0;
}

bool PgSession::isConnected() const
{
    return m_connection && PQstatus(m_connection) == CONNECTION_OK;
}

void PgSession::close()
{
    if (m_connection) {
        PQfinish(m_connection);
        m_connection = nullptr;
    }
}

PgSession::Status PgSession::waitSocket(Wait wait, Clock::time_point deadline)
{
    const int socket = PQsocket(m_connection);
    if (socket < 0) {
        return Status::Failed;
    }
    while (true) {
        if (m_stopRequested.load(std::memory_order_relaxed)) {
            return Status::Stopped;
        }
        const auto now = Clock::now();
        if (now >= deadline) {
            return Status::DeadlineExceeded;
        }
        const auto slice = std::min<Clock::duration>(deadline - now, StopCheckSlice);
        pollfd descriptor{socket, static_cast<short>(wait == Wait::Readable ? POLLIN : POLLOUT), 0};
        const int ready = ::poll(&descriptor, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count()));
        if (ready > 0) {
            return Status::Ok;
        }
        if (ready < 0 && errno != EINTR) {
            return Status::Failed;
        }
    }
}

PgSession::Reply PgSession::failure(Status status, bool sent)
{
    Reply reply;
    reply.status = status;
    reply.sent = sent;
    reply.connectionBroken = true;
    if (status == Status::DeadlineExceeded) {
        reply.message = QStringLiteral("no answer within %1 ms (client-side deadline)").arg(m_deadline.count());
    } else if (status == Status::Stopped) {
        reply.message = QStringLiteral("stopped by the user");
    } else {
        reply.message = m_connection ? trimmedMessage(PQerrorMessage(m_connection)) : QStringLiteral("out of memory");
    }
    return reply;
}

PgSession::Reply PgSession::connect(const QByteArray& conninfo)
{
    close();
    const auto deadline = Clock::now() + m_deadline;
    m_connection = PQconnectStart(conninfo.constData());
    if (!m_connection || PQstatus(m_connection) == CONNECTION_BAD) {
        Reply reply = failure(Status::Failed, false);
        close();
        return reply;
    }
    PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
    while (polling != PGRES_POLLING_OK) {
        if (polling == PGRES_POLLING_FAILED) {
            Reply reply = failure(Status::Failed, false);
            close();
            return reply;
        }
        const Status waited = waitSocket(polling == PGRES_POLLING_READING ? Wait::Readable : Wait::Writable, deadline);
        if (waited != Status::Ok) {
            Reply reply = failure(waited, false);
            close();
            return reply;
        }
        polling = PQconnectPoll(m_connection);
    }
    PQsetnonblocking(m_connection, 1);
    // NOTICEs (e.g. "relation already exists, skipping") would go to stderr and garble the report-style output.
    PQsetNoticeProcessor(m_connection, [](void*, const char*) {}, nullptr);
    Reply reply;
    reply.status = Status::Ok;
    return reply;
}

PgSession::Reply PgSession::exec(const QByteArray& sql, const QList<QByteArray>& parameters)
{
    if (!isConnected()) {
        return failure(Status::Failed, false);
    }
    const auto deadline = Clock::now() + m_deadline;
    QList<const char*> values;
    for (const QByteArray& parameter : parameters) {
        values.append(parameter.constData());
    }
    // Without parameters use the simple protocol, which also accepts several statements at once.
    const int sent = values.isEmpty() ? PQsendQuery(m_connection, sql.constData())
                                      : PQsendQueryParams(m_connection, sql.constData(), static_cast<int>(values.size()),
                                                          nullptr, values.constData(), nullptr, nullptr, 0);
    if (!sent) {
        return failure(Status::Failed, false);
    }
    // Non-blocking mode: push the query out, waiting for the socket while the kernel buffer is full.
    int flushed;
    while ((flushed = PQflush(m_connection)) == 1) {
        const Status waited = waitSocket(Wait::Writable, deadline);
        if (waited != Status::Ok) {
            return failure(waited, true);
        }
    }
    if (flushed < 0) {
        return failure(Status::Failed, true);
    }
    while (PQisBusy(m_connection)) {
        const Status waited = waitSocket(Wait::Readable, deadline);
        if (waited != Status::Ok) {
            if (waited == Status::DeadlineExceeded) {
                cancelInBackground();
            }
            return failure(waited, true);
        }
        if (!PQconsumeInput(m_connection)) {
            return failure(Status::Failed, true);
        }
    }
    Reply reply;
    reply.sent = true;
    reply.status = Status::Ok;
    while (PGresult* result = PQgetResult(m_connection)) {
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_TUPLES_OK) {
            for (int row = 0; row < PQntuples(result); ++row) {
                QList<QByteArray> fields;
                for (int column = 0; column < PQnfields(result); ++column) {
                    fields.append(QByteArray(PQgetvalue(result, row, column), PQgetlength(result, row, column)));
                }
                reply.rows.append(fields);
            }
        } else if (status != PGRES_COMMAND_OK) {
            reply.status = Status::Failed;
            reply.sqlState = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
            reply.message = trimmedMessage(PQresultErrorMessage(result));
        }
        PQclear(result);
    }
    reply.connectionBroken = PQstatus(m_connection) != CONNECTION_OK;
    if (reply.status == Status::Failed && reply.message.isEmpty()) {
        reply.message = trimmedMessage(PQerrorMessage(m_connection));
    }
    return reply;
}

void PgSession::cancelInBackground()
{
    if (!m_connection) {
        return;
    }
    PGcancel* cancel = PQgetCancel(m_connection);
    if (!cancel) {
        return;
    }
    std::thread([cancel] {
        char error[256];
        PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
    }).detach();
}
