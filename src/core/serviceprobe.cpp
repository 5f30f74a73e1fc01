// SPDX-License-Identifier: GPL-3.0-or-later
#include "serviceprobe.h"

#include "labclock.h"
#include "trafficshared.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <limits>

using namespace std::chrono_literals;

namespace {

using Kind = OperationRecord::Kind;

// How often the loop looks at the stop flag when nothing else wakes it.
constexpr qint64 StopCheckNs = 50'000'000;
constexpr qint64 Never = std::numeric_limits<qint64>::max();

QString connectionMessage(const pg_conn* connection)
{
    return QString::fromUtf8(PQerrorMessage(connection)).simplified();
}

// The statements return where they ran, so that every record says which server answered without a second query.
QByteArray insertSql(const QString& table)
{
    return "INSERT INTO " + table.toUtf8()
        + " (event_type, user_name, run_id, client_seq) VALUES ($1, $2, $3, $4) RETURNING id, pg_is_in_recovery(), "
          "coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0)";
}

QByteArray readSql(const QString& table)
{
    return "SELECT (SELECT id FROM " + table.toUtf8()
        + " ORDER BY id DESC LIMIT 1), pg_is_in_recovery(), "
          "coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0)";
}

} // namespace

// One non-blocking libpq connection of a lane: connect, then operations one at a time, each step with a deadline.
// It records its connect and every operation itself; the lane decides what it runs and when it closes.
class ServiceProbe::Connection
{
public:
    enum class Phase { Connecting, Running, Idle, Closed };

    // stepTimeoutNs: the deadline of the connect and of each operation (the client's deadline).
    Connection(TrafficGenerator::Shared& shared, Kind kind, quint16 number, qint64 stepTimeoutNs)
        : m_shared(shared)
        , m_kind(kind)
        , m_number(number)
        , m_stepTimeoutNs(stepTimeoutNs)
    {
    }
    ~Connection() { closeHandle(); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Phase phase() const { return m_phase; }
    qint64 deadlineNs() const { return m_phase == Phase::Connecting || m_phase == Phase::Running ? m_deadlineNs : Never; }
    qint64 operationStartNs() const { return m_operation.startNs; }
    bool lastOperationOk() const { return m_lastOk; }
    // One-shot notices for the lane: the connection just connected / an operation (or the connect) just ended.
    bool takeConnected() { return std::exchange(m_connected, false); }
    bool takeFinished() { return std::exchange(m_finished, false); }

    void start(const QByteArray& conninfo, qint64 nowNs)
    {
        m_connect = begin(Kind::Connect, nowNs);
        m_connectPending = true;
        m_deadlineNs = nowNs + m_stepTimeoutNs;
        m_phase = Phase::Connecting;
        m_polling = PGRES_POLLING_WRITING; // libpq: behave as if PQconnectPoll had asked for writing
        m_handle = PQconnectStart(conninfo.constData());
        if (!m_handle || PQstatus(m_handle) == CONNECTION_BAD) {
            failConnect(nowNs, false, m_handle ? connectionMessage(m_handle) : QStringLiteral("out of memory"));
        }
    }

    // The poll() entry for this connection's socket, if it waits for one.
    bool pollEntry(pollfd& entry) const
    {
        if (m_phase != Phase::Connecting && m_phase != Phase::Running) {
            return false;
        }
        entry.fd = PQsocket(m_handle); // may change while connecting (one per address tried)
        if (entry.fd < 0) {
            return false;
        }
        const bool writing = m_phase == Phase::Connecting ? m_polling == PGRES_POLLING_WRITING : m_flushing;
        entry.events = static_cast<short>(writing ? POLLOUT : POLLIN);
        entry.revents = 0;
        return true;
    }

    // The socket is ready (or poll said it failed): move on as far as libpq can without waiting.
    void advance(qint64 nowNs)
    {
        if (m_phase == Phase::Connecting) {
            m_polling = PQconnectPoll(m_handle);
            if (m_polling == PGRES_POLLING_OK) {
                PQsetnonblocking(m_handle, 1);
                // NOTICEs would go to stderr and garble the report-style output.
                PQsetNoticeProcessor(m_handle, [](void*, const char*) {}, nullptr);
                m_connect.endNs = nowNs;
                m_connect.outcome = OperationRecord::Outcome::Ok;
                m_phase = Phase::Idle;
                m_connected = true;
            } else if (m_polling == PGRES_POLLING_FAILED) {
                failConnect(nowNs, false, connectionMessage(m_handle));
            }
        } else if (m_phase == Phase::Running) {
            if (m_flushing) {
                const int flushed = PQflush(m_handle);
                if (flushed < 0) {
                    finishOperation(nowNs, false, QString(), connectionMessage(m_handle));
                    return;
                }
                m_flushing = flushed == 1;
                if (m_flushing) {
                    return;
                }
            }
            if (!PQconsumeInput(m_handle)) {
                finishOperation(nowNs, false, QString(), connectionMessage(m_handle));
                return;
            }
            collectResults(nowNs);
        }
    }

    // Called on every turn: a step past its deadline fails now.
    void expireIfDue(qint64 nowNs)
    {
        if (nowNs < deadlineNs()) {
            return;
        }
        const QString message = QStringLiteral("no answer within %1 ms (client-side deadline)").arg(m_stepTimeoutNs / 1'000'000);
        if (m_phase == Phase::Connecting) {
            failConnect(nowNs, true, message);
        } else {
            m_deadlineExceeded = true;
            finishOperation(nowNs, false, QString(), message);
        }
    }

    void startOperation(const QByteArray& sql, const QList<QByteArray>& parameters, qint64 sequence, qint64 nowNs)
    {
        m_operation = begin(m_kind, nowNs);
        m_operation.sequence = sequence;
        m_operation.server = m_server;
        m_operation.serverInRecovery = m_inRecovery;
        m_deadlineNs = nowNs + m_stepTimeoutNs;
        m_deadlineExceeded = false;
        m_sent = false;
        m_phase = Phase::Running;
        m_result = {};
        QList<const char*> values;
        for (const QByteArray& parameter : parameters) {
            values.append(parameter.constData());
        }
        if (!PQsendQueryParams(m_handle, sql.constData(), static_cast<int>(values.size()), nullptr, values.constData(),
                               nullptr, nullptr, 0)) {
            finishOperation(nowNs, false, QString(), connectionMessage(m_handle));
            return;
        }
        m_sent = true;
        const int flushed = PQflush(m_handle);
        if (flushed < 0) {
            finishOperation(nowNs, false, QString(), connectionMessage(m_handle));
            return;
        }
        m_flushing = flushed == 1;
    }

    // The lane is done with it. An operation still under way is abandoned unrecorded: only a retiring main
    // connection is closed that way, and only when the probe stops.
    void close()
    {
        flushConnectRecord();
        closeHandle();
        m_phase = Phase::Closed;
    }

private:
    OperationRecord begin(Kind kind, qint64 nowNs) const
    {
        OperationRecord operation;
        operation.kind = kind;
        operation.stream = OperationRecord::Stream::Probe;
        operation.connection = m_number;
        operation.startNs = nowNs;
        operation.wallMs = QDateTime::currentMSecsSinceEpoch();
        return operation;
    }

    void failConnect(qint64 nowNs, bool deadlineExceeded, const QString& message)
    {
        m_connect.endNs = nowNs;
        TrafficRecords::setOutcome(m_connect, false, deadlineExceeded, false, true, QString(), message, m_shared);
        flushConnectRecord();
        closeHandle();
        m_phase = Phase::Closed;
        m_lastOk = false;
        m_finished = true;
    }

    // The connect is recorded once the first operation said which server it reached (or the connection closed).
    void flushConnectRecord()
    {
        if (m_connectPending) {
            m_connect.server = m_server;
            m_connect.serverInRecovery = m_inRecovery;
            m_shared.record(m_connect);
            m_connectPending = false;
        }
    }

    void collectResults(qint64 nowNs)
    {
        while (!PQisBusy(m_handle)) {
            PGresult* result = PQgetResult(m_handle);
            if (!result) {
                const bool failed = !m_result.failedState.isEmpty() || !m_result.failedMessage.isEmpty();
                if (!failed && !m_result.gotRow) {
                    m_result.failedMessage = QStringLiteral("the server answered without the row the probe asked for");
                }
                finishOperation(nowNs, !failed && m_result.gotRow, m_result.failedState, m_result.failedMessage);
                return;
            }
            const ExecStatusType status = PQresultStatus(result);
            if (status == PGRES_TUPLES_OK && PQntuples(result) == 1 && PQnfields(result) == 3) {
                m_result.gotRow = true;
                m_operation.returnedId = QByteArray(PQgetvalue(result, 0, 0)).toLongLong();
                m_inRecovery = *PQgetvalue(result, 0, 1) == 't';
                const QByteArray server(PQgetvalue(result, 0, 2), PQgetlength(result, 0, 2));
                if (server != m_serverText) {
                    m_serverText = server;
                    m_server = static_cast<quint16>(m_shared.intern(QString::fromUtf8(server)));
                }
            } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
                m_result.failedState = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
                m_result.failedMessage = QString::fromUtf8(PQresultErrorMessage(result)).simplified();
            }
            PQclear(result);
        }
    }

    void finishOperation(qint64 nowNs, bool ok, const QString& sqlState, QString message)
    {
        const bool broken = !m_handle || PQstatus(m_handle) != CONNECTION_OK || m_deadlineExceeded;
        if (!ok && message.isEmpty()) {
            message = m_handle ? connectionMessage(m_handle) : QStringLiteral("no connection");
        }
        m_operation.endNs = nowNs;
        m_operation.server = m_server;
        m_operation.serverInRecovery = m_inRecovery;
        TrafficRecords::setOutcome(m_operation, ok, m_deadlineExceeded, m_sent, broken, sqlState, message, m_shared);
        flushConnectRecord();
        m_shared.record(m_operation);
        m_lastOk = ok;
        m_finished = true;
        if (broken) {
            closeHandle();
            m_phase = Phase::Closed;
        } else {
            m_phase = Phase::Idle;
        }
    }

    void closeHandle()
    {
        if (m_handle) {
            PQfinish(m_handle);
            m_handle = nullptr;
        }
    }

    struct PendingResult
    {
        bool gotRow = false;
        QString failedState;
        QString failedMessage;
    };

    TrafficGenerator::Shared& m_shared;
    const Kind m_kind;
    const quint16 m_number;
    const qint64 m_stepTimeoutNs;
    pg_conn* m_handle = nullptr;
    Phase m_phase = Phase::Closed;
    PostgresPollingStatusType m_polling = PGRES_POLLING_WRITING;
    qint64 m_deadlineNs = Never;
    bool m_flushing = false;
    bool m_sent = false;
    bool m_deadlineExceeded = false;
    bool m_connected = false;
    bool m_finished = false;
    bool m_lastOk = false;
    OperationRecord m_connect;
    bool m_connectPending = false;
    OperationRecord m_operation;
    PendingResult m_result;
    quint16 m_server = 0;
    QByteArray m_serverText;
    bool m_inRecovery = false;
};

// One kind of operation: its main connection, and the attempts that look for a working one while it fails.
class ServiceProbe::Lane
{
public:
    Lane(const TrafficConfig& config, TrafficGenerator::Shared& shared, Kind kind, quint16 number)
        : m_shared(shared)
        , m_kind(kind)
        , m_number(number)
        , m_conninfo(config.conninfo.toUtf8())
        , m_sql(kind == Kind::Insert ? insertSql(config.table) : readSql(config.table))
        , m_runId(config.runId.toUtf8())
        , m_intervalNs(static_cast<qint64>(1e9 / config.probeRate))
        , m_maxInFlight(config.probeAttemptsInFlight)
        , m_deadlineNs(std::chrono::nanoseconds(config.deadline).count())
    {
    }

    // Starts what is due at nowNs: the main connection's next operation, and an attempt while failing.
    void schedule(qint64 nowNs)
    {
        if (m_main && m_main->phase() == Connection::Phase::Idle && nowNs >= m_nextOperationNs) {
            runOperation(*m_main, nowNs);
            // After a pause, do not fire the missed operations in a burst.
            m_nextOperationNs = std::max(m_nextOperationNs + m_intervalNs, nowNs);
        }
        if (!m_main || (m_main->phase() == Connection::Phase::Running && nowNs - m_main->operationStartNs() > StallNs)) {
            m_failing = true;
        }
        if (m_failing && nowNs >= m_nextAttemptNs && attemptsInFlight() < m_maxInFlight) {
            auto attempt = std::make_unique<Connection>(m_shared, m_kind, m_number, m_deadlineNs);
            attempt->start(m_conninfo, nowNs);
            m_connections.push_back(std::move(attempt));
            m_nextAttemptNs = nowNs + m_intervalNs;
        }
    }

    void addPollEntries(std::vector<pollfd>& entries, std::vector<Connection*>& owners) const
    {
        for (const auto& connection : m_connections) {
            pollfd entry{};
            if (connection->pollEntry(entry)) {
                entries.push_back(entry);
                owners.push_back(connection.get());
            }
        }
    }

    // When schedule() next has something to do, or a deadline falls due.
    qint64 nextWakeNs() const
    {
        qint64 wake = Never;
        if (m_main && m_main->phase() == Connection::Phase::Idle) {
            wake = std::min(wake, m_nextOperationNs);
        }
        if (m_main && m_main->phase() == Connection::Phase::Running && !m_failing) {
            wake = std::min(wake, m_main->operationStartNs() + StallNs + 1);
        }
        if (m_failing && attemptsInFlight() < m_maxInFlight) {
            wake = std::min(wake, m_nextAttemptNs);
        }
        for (const auto& connection : m_connections) {
            wake = std::min(wake, connection->deadlineNs());
        }
        return wake;
    }

    // After the sockets moved on: expire what is overdue, react to what finished, drop what closed.
    void settle(qint64 nowNs)
    {
        for (const auto& connection : m_connections) {
            connection->expireIfDue(nowNs);
        }
        for (const auto& owned : m_connections) {
            Connection& connection = *owned;
            if (connection.takeConnected() && &connection != m_main) {
                if (m_failing) {
                    runOperation(connection, nowNs); // an attempt: connect, then at once the operation it tests
                } else {
                    connection.close(); // another attempt found a working connection first
                }
            }
            if (!connection.takeFinished()) {
                continue;
            }
            const bool ok = connection.lastOperationOk();
            if (&connection == m_main) {
                m_failing = !ok;
                if (connection.phase() == Connection::Phase::Closed) {
                    m_main = nullptr;
                }
            } else if (ok && m_failing && !m_retiring.contains(&connection)) {
                promote(connection, nowNs);
            } else {
                connection.close();
            }
        }
        std::erase_if(m_connections, [this](const auto& connection) {
            if (connection->phase() != Connection::Phase::Closed || connection.get() == m_main) {
                return false;
            }
            m_retiring.removeOne(connection.get());
            return true;
        });
    }

private:
    int attemptsInFlight() const
    {
        return static_cast<int>(std::count_if(m_connections.cbegin(), m_connections.cend(), [this](const auto& connection) {
            return connection.get() != m_main && !m_retiring.contains(connection.get())
                && connection->phase() != Connection::Phase::Closed;
        }));
    }

    // A working attempt replaces the main connection; a main connection still waiting for an answer finishes its
    // operation first (so that it is recorded) and then closes.
    void promote(Connection& attempt, qint64 nowNs)
    {
        if (m_main) {
            if (m_main->phase() == Connection::Phase::Running) {
                m_retiring.append(m_main);
            } else {
                m_main->close();
            }
        }
        m_main = &attempt;
        m_failing = false;
        m_nextOperationNs = nowNs + m_intervalNs;
    }

    void runOperation(Connection& connection, qint64 nowNs)
    {
        if (m_kind != Kind::Insert) {
            connection.startOperation(m_sql, {}, 0, nowNs);
            return;
        }
        const qint64 sequence = m_shared.nextSequence.fetch_add(1);
        const auto pick = [](const QList<QByteArray>& list) {
            return list.at(QRandomGenerator::global()->bounded(static_cast<int>(list.size())));
        };
        connection.startOperation(m_sql, {pick(m_texts.eventTypes), pick(m_texts.users), m_runId, QByteArray::number(sequence)},
                                  sequence, nowNs);
    }

    TrafficGenerator::Shared& m_shared;
    const Kind m_kind;
    const quint16 m_number;
    const QByteArray m_conninfo;
    const QByteArray m_sql;
    const QByteArray m_runId;
    const qint64 m_intervalNs;
    const int m_maxInFlight;
    const qint64 m_deadlineNs; // of every connect and operation: the client's deadline
    const EventTexts m_texts;
    std::vector<std::unique_ptr<Connection>> m_connections;
    Connection* m_main = nullptr;
    QList<Connection*> m_retiring; // former main connections finishing their last operation
    bool m_failing = true;         // no main connection yet: the first one is found like any recovery
    qint64 m_nextOperationNs = 0;
    qint64 m_nextAttemptNs = 0;
};

ServiceProbe::ServiceProbe(const TrafficConfig& config, std::shared_ptr<TrafficGenerator::Shared> shared,
                           quint16 firstConnection)
    : m_config(config)
    , m_shared(std::move(shared))
    , m_firstConnection(firstConnection)
{
}

ServiceProbe::~ServiceProbe() = default;

bool ServiceProbe::waitForTable()
{
    // Probing before the table exists would record an outage that is only a missing table. Whoever connects
    // first creates it; until then the probe tries too, with a plain blocking session.
    PgSession session(m_shared->stopRequested, m_config.deadline);
    while (!m_shared->stopRequested && !m_shared->tableReady) {
        if (session.isConnected() || session.connect(m_config.conninfo.toUtf8()).status == PgSession::Status::Ok) {
            if (m_shared->prepareTable(session, m_config.table)) {
                break;
            }
        }
        session.close();
        m_shared->sleepUntil(std::chrono::steady_clock::now() + 250ms);
    }
    return !m_shared->stopRequested;
}

void ServiceProbe::run()
{
    if (!waitForTable()) {
        return;
    }
    Lane writes(m_config, *m_shared, Kind::Insert, m_firstConnection);
    Lane reads(m_config, *m_shared, Kind::Read, static_cast<quint16>(m_firstConnection + 1));
    std::vector<pollfd> entries;
    std::vector<Connection*> owners;
    while (!m_shared->stopRequested.load(std::memory_order_relaxed)) {
        qint64 nowNs = LabClock::nowNs();
        writes.schedule(nowNs);
        reads.schedule(nowNs);
        entries.clear();
        owners.clear();
        writes.addPollEntries(entries, owners);
        reads.addPollEntries(entries, owners);
        const qint64 wakeNs = std::min({writes.nextWakeNs(), reads.nextWakeNs(), nowNs + StopCheckNs});
        const qint64 waitNs = std::max<qint64>(0, wakeNs - nowNs);
        const timespec timeout{static_cast<time_t>(waitNs / 1'000'000'000), static_cast<long>(waitNs % 1'000'000'000)};
        const int ready = ::ppoll(entries.data(), entries.size(), &timeout, nullptr);
        nowNs = LabClock::nowNs();
        if (ready > 0) {
            for (size_t i = 0; i < entries.size(); ++i) {
                if (entries[i].revents != 0) {
                    owners[i]->advance(nowNs);
                }
            }
        }
        writes.settle(nowNs);
        reads.settle(nowNs);
    }
}
