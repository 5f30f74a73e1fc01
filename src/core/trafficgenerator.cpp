// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficgenerator.h"

#include "labclock.h"
#include "serviceprobe.h"
#include "trafficshared.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

QString clockNow()
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
}

class Worker
{
public:
    // path: 0 for the main path's workload (config.conninfo), i + 1 for config.extraPaths[i].
    Worker(const TrafficConfig& config, std::shared_ptr<TrafficGenerator::Shared> shared, quint16 connection, double rate,
           quint8 path = 0)
        : m_config(config)
        , m_shared(std::move(shared))
        , m_connection(connection)
        , m_rate(rate)
        , m_path(path)
        , m_conninfo(path == 0 ? config.conninfo.toUtf8() : config.extraPaths.at(path - 1).conninfo.toUtf8())
        , m_linePrefix(path == 0 ? (config.extraPaths.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(config.mainPathName))
                                 : QStringLiteral("[%1] ").arg(config.extraPaths.at(path - 1).name))
        , m_session(m_shared->stopRequested, config.deadline)
        , m_insertSql("INSERT INTO " + config.table.toUtf8()
                      + " (event_type, user_name, run_id, client_seq) VALUES ($1, $2, $3, $4) RETURNING id, pg_is_in_recovery()")
        , m_runId(config.runId.toUtf8())
    {
        m_lastFailureTimer.start();
    }

    void run()
    {
        auto next = Clock::now();
        const auto interval = m_rate > 0 ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / m_rate))
                                         : Clock::duration::zero();
        while (!m_shared->stopRequested) {
            if (!m_session.isConnected() && !connect()) {
                // One attempt at a time, as the report's script: what a plain client sees (ServiceProbe measures the service).
                m_shared->sleepUntil(Clock::now() + m_config.reconnectBackoff);
                continue;
            }
            if (interval > Clock::duration::zero()) {
                m_shared->sleepUntil(next);
                if (m_shared->stopRequested) {
                    break;
                }
                // After an outage, do not fire the missed operations in a burst.
                next = std::max(next + interval, Clock::now());
            }
            insert();
            if (m_config.readCheckEvery > 0 && m_session.isConnected()
                && m_inserts % m_config.readCheckEvery == 0) {
                readCheck();
            }
        }
        m_session.close();
    }

private:
    OperationRecord begin(OperationRecord::Kind kind) const
    {
        OperationRecord operation;
        operation.kind = kind;
        operation.stream = OperationRecord::Stream::Workload;
        operation.connection = m_connection;
        operation.path = m_path;
        operation.startNs = LabClock::nowNs();
        operation.wallMs = QDateTime::currentMSecsSinceEpoch();
        operation.server = m_server;
        operation.serverInRecovery = m_inRecovery;
        return operation;
    }

    void finish(OperationRecord& operation, const PgSession::Reply& reply)
    {
        operation.endNs = LabClock::nowNs();
        TrafficRecords::setOutcome(operation, reply.status == PgSession::Status::Ok,
                                   reply.status == PgSession::Status::DeadlineExceeded, reply.sent, reply.connectionBroken,
                                   reply.sqlState, reply.message, *m_shared);
        m_shared->record(operation);
    }

    bool connect()
    {
        OperationRecord operation = begin(OperationRecord::Kind::Connect);
        operation.server = 0;
        PgSession::Reply reply = m_session.connect(m_conninfo);
        if (reply.status == PgSession::Status::Ok) {
            // Which node did HAProxy give us? The answer is recorded with every operation on this connection.
            const PgSession::Reply who = m_session.exec("SELECT coalesce(host(inet_server_addr()), 'local'), "
                                                        "coalesce(inet_server_port(), 0), pg_is_in_recovery()");
            if (who.status == PgSession::Status::Ok && who.rows.size() == 1) {
                m_serverText = QString::fromUtf8(who.rows[0][0] + ':' + who.rows[0][1]);
                m_server = m_shared->intern(m_serverText);
                m_inRecovery = who.rows[0][2] == "t";
                operation.server = m_server;
                operation.serverInRecovery = m_inRecovery;
                m_shared->prepareTable(m_session, m_config.table);
            } else {
                reply = who;
            }
        }
        if (reply.status == PgSession::Status::Stopped) {
            return false;
        }
        finish(operation, reply);
        const bool ok = operation.ok() && m_session.isConnected();
        if (ok) {
            m_lastFailure.clear();
            print(m_inRecovery ? QStringLiteral("[%1] CONNECTED to a read-only node (%2)").arg(clockNow(), m_serverText)
                                         : QStringLiteral("[%1] CONNECTED to Master Node").arg(clockNow()));
        } else if (reply.message != m_lastFailure || m_lastFailureTimer.elapsed() > 5000) {
            // The report's script printed every failure; one line per cause every 5 s keeps outages readable.
            m_lastFailure = reply.message;
            m_lastFailureTimer.start();
            print(QStringLiteral("[%1] Connection failed: %2").arg(clockNow(), reply.message));
        }
        if (!ok) {
            m_session.close();
        }
        return ok;
    }

    void insert()
    {
        // On a 2-core lab the client shares the CPU with the cluster: the hot path allocates as little as it can.
        const qint64 sequence = m_shared->nextSequence.fetch_add(1);
        const int eventType = QRandomGenerator::global()->bounded(static_cast<int>(m_texts.eventTypes.size()));
        const int user = QRandomGenerator::global()->bounded(static_cast<int>(m_texts.users.size()));
        OperationRecord operation = begin(OperationRecord::Kind::Insert);
        operation.sequence = sequence;
        const PgSession::Reply reply = m_session.exec(
            m_insertSql, {m_texts.eventTypes.at(eventType), m_texts.users.at(user), m_runId, QByteArray::number(sequence)});
        if (reply.status == PgSession::Status::Stopped) {
            return;
        }
        if (reply.status == PgSession::Status::Ok && !reply.rows.isEmpty()) {
            operation.returnedId = reply.rows[0][0].toLongLong();
            operation.serverInRecovery = reply.rows[0][1] == "t";
        }
        finish(operation, reply);
        ++m_inserts;
        const bool printed = m_config.logOperations;
        afterOperation(operation, reply,
                       printed ? QStringLiteral("INSERT: %1 by %2").arg(QString::fromUtf8(m_texts.eventTypes.at(eventType)),
                                                                        QString::fromUtf8(m_texts.users.at(user)))
                               : QString());
    }

    void readCheck()
    {
        OperationRecord operation = begin(OperationRecord::Kind::Read);
        const PgSession::Reply reply = m_session.exec("SELECT id FROM " + m_config.table.toUtf8() + " ORDER BY id DESC LIMIT 3");
        if (reply.status == PgSession::Status::Stopped) {
            return;
        }
        QStringList ids;
        for (const QList<QByteArray>& row : reply.rows) {
            ids << QString::fromLatin1(row.value(0));
        }
        operation.returnedId = ids.isEmpty() ? 0 : ids.first().toLongLong();
        finish(operation, reply);
        afterOperation(operation, reply, QStringLiteral("READ check (Last 3 IDs): [%1]").arg(ids.join(QStringLiteral(", "))), false);
    }

    void afterOperation(const OperationRecord& operation, const PgSession::Reply& reply, const QString& okLine, bool stamped = true)
    {
        if (operation.ok()) {
            if (m_config.logOperations) {
                print(stamped ? QStringLiteral("[%1] %2").arg(clockNow(), okLine) : okLine);
            }
            return;
        }
        const QString what = OperationRecord::errorClassName(operation.errorClass);
        if (operation.errorClass == OperationRecord::ErrorClass::DeadlineExceeded) {
            print(QStringLiteral("[%1] NO ANSWER within %2 ms (server frozen?): dropping the connection")
                                .arg(clockNow())
                                .arg(m_config.deadline.count()));
        } else if (reply.connectionBroken) {
            print(QStringLiteral("[%1] CONNECTION LOST (Failover in progress?): %2").arg(clockNow(), reply.message));
        } else {
            print(QStringLiteral("[%1] %2 FAILED (%3%4): %5")
                                .arg(clockNow(), OperationRecord::kindName(operation.kind).toUpper(), what,
                                     reply.sqlState.isEmpty() ? QString() : u' ' + reply.sqlState, reply.message));
        }
        // Any failure on a connection that broke, or a frozen server, means: start over with a new connection.
        if (reply.connectionBroken || !m_session.isConnected()) {
            m_session.close();
        }
    }

    // Report-style lines, with the path's name first when a run has several paths.
    void print(const QString& line) { m_shared->print(m_linePrefix.isEmpty() ? line : m_linePrefix + line); }

    const TrafficConfig& m_config;
    std::shared_ptr<TrafficGenerator::Shared> m_shared;
    quint16 m_connection;
    double m_rate;
    const quint8 m_path;
    const QByteArray m_conninfo;
    const QString m_linePrefix;
    PgSession m_session;
    const QByteArray m_insertSql;
    const QByteArray m_runId;
    const EventTexts m_texts;
    quint16 m_server = 0;
    QString m_serverText;
    bool m_inRecovery = false;
    qint64 m_inserts = 0;
    QString m_lastFailure;
    QElapsedTimer m_lastFailureTimer;
};

} // namespace

int TrafficConfig::connectTimeoutSeconds() const
{
    static const QRegularExpression pattern(QStringLiteral("(?:^|\\s)connect_timeout=(\\d+)"));
    return pattern.match(conninfo).captured(1).toInt();
}

QString TrafficConfig::validationError() const
{
    if (conninfo.trimmed().isEmpty()) {
        return QStringLiteral("no target: give a libpq connection string (for example: host=127.0.0.1 port=5500 "
                              "user=postgres password=postgres dbname=postgres)");
    }
    if (connections < 1 || connections > 64) {
        return QStringLiteral("connections must be between 1 and 64, got %1").arg(connections);
    }
    if (rate < 0 || probeRate < 0 || probeRate > 10'000) {
        return QStringLiteral("rates must be 0 (unlimited workload / no probe) or positive; the probe allows up to 10000/s");
    }
    if (probeAttemptsInFlight < 1 || probeAttemptsInFlight > 256) {
        return QStringLiteral("the probe's connection attempts in flight must be between 1 and 256, got %1").arg(probeAttemptsInFlight);
    }
    if (extraPaths.size() > 8) {
        return QStringLiteral("at most 8 client paths beside the main one, got %1").arg(extraPaths.size());
    }
    for (const ExtraPath& path : extraPaths) {
        if (path.name.isEmpty() || path.conninfo.trimmed().isEmpty()) {
            return QStringLiteral("every client path needs a name and a libpq connection string");
        }
    }
    if (deadline < 100ms) {
        return QStringLiteral("the per-operation deadline must be at least 100 ms, got %1 ms").arg(deadline.count());
    }
    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (!identifier.match(table).hasMatch()) {
        return QStringLiteral("invalid table name '%1': use lowercase letters, digits and '_'").arg(table);
    }
    return {};
}

Result<QHash<qint64, int>> TrafficGenerator::readBackSequences(const TrafficConfig& config)
{
    const std::atomic_bool neverStop{false};
    // Connecting gets the usual deadline (HAProxy may still send us to a dead node: the caller retries), the query
    // over a whole run's rows gets more.
    PgSession session(neverStop, config.deadline);
    const PgSession::Reply connected = session.connect(config.conninfo.toUtf8());
    if (connected.status != PgSession::Status::Ok) {
        return Result<QHash<qint64, int>>::failure(QStringLiteral("cannot connect for the write audit: ") + connected.message);
    }
    session.setDeadline(std::max<std::chrono::milliseconds>(config.deadline, 60s));
    const PgSession::Reply rows = session.exec("SELECT client_seq, count(*) FROM " + config.table.toUtf8()
                                                   + " WHERE run_id = $1 GROUP BY client_seq",
                                               {config.runId.toUtf8()});
    if (rows.status != PgSession::Status::Ok) {
        return Result<QHash<qint64, int>>::failure(QStringLiteral("the write audit query failed: ") + rows.message);
    }
    QHash<qint64, int> counts;
    counts.reserve(rows.rows.size());
    for (const QList<QByteArray>& row : rows.rows) {
        counts.insert(row.value(0).toLongLong(), row.value(1).toInt());
    }
    return Result<QHash<qint64, int>>::success(counts);
}

QStringList TrafficGenerator::eventTypes()
{
    return {QStringLiteral("click"), QStringLiteral("login"), QStringLiteral("logout"),
            QStringLiteral("purchase"), QStringLiteral("view_page"), QStringLiteral("error")};
}

QStringList TrafficGenerator::users()
{
    return {QStringLiteral("Алексей Козлов"), QStringLiteral("Мария Сидорова"), QStringLiteral("Иван Петров")};
}

TrafficGenerator::TrafficGenerator(QObject* parent)
    : QObject(parent)
{
    m_drainTimer.setInterval(100ms);
    connect(&m_drainTimer, &QTimer::timeout, this, &TrafficGenerator::drain);
}

TrafficGenerator::~TrafficGenerator()
{
    if (m_shared) {
        m_shared->stopRequested = true;
        m_shared->wake.notify_all();
    }
    for (std::thread& worker : m_workers) {
        worker.join();
    }
}

Result<bool> TrafficGenerator::start(const TrafficConfig& config)
{
    if (isRunning()) {
        return Result<bool>::failure(QStringLiteral("the traffic generator is already running"));
    }
    const QString invalid = config.validationError();
    if (!invalid.isEmpty()) {
        return Result<bool>::failure(invalid);
    }
    m_config = config;
    m_shared = std::make_shared<Shared>();
    m_startedNs = LabClock::nowNs();
    m_shared->print(QStringLiteral("--- STARTING LOAD GENERATOR (%1) ---").arg(QString(m_config.conninfo).replace(
        QRegularExpression(QStringLiteral("password=\\S+")), QStringLiteral("password=***"))));
    const double perConnection = m_config.rate > 0 ? m_config.rate / m_config.connections : 0;
    const auto launch = [this](auto&& body) {
        m_shared->running.fetch_add(1);
        m_workers.emplace_back([shared = m_shared, body = std::move(body)] {
            body();
            shared->running.fetch_sub(1);
        });
    };
    for (int connection = 0; connection < m_config.connections; ++connection) {
        launch([config = &m_config, shared = m_shared, connection = static_cast<quint16>(connection), perConnection] {
            Worker(*config, shared, connection, perConnection).run();
        });
    }
    if (m_config.probeRate > 0) {
        // Connection numbers after the workload's: one for the write probe, one for the read probe.
        launch([config = &m_config, shared = m_shared, first = static_cast<quint16>(m_config.connections)] {
            ServiceProbe(*config, shared, first).run();
        });
    }
    // The extra paths: one connection each, numbered after the probe's, each at the workload's whole rate.
    for (qsizetype i = 0; i < m_config.extraPaths.size(); ++i) {
        const auto connection = static_cast<quint16>(m_config.connections + 2 + i);
        launch([config = &m_config, shared = m_shared, connection, rate = m_config.rate, path = static_cast<quint8>(i + 1)] {
            Worker(*config, shared, connection, rate, path).run();
        });
    }
    m_drainTimer.start();
    return Result<bool>::success(true);
}

void TrafficGenerator::stop()
{
    if (m_shared) {
        m_shared->stopRequested = true;
        m_shared->wake.notify_all();
    }
}

StringTable TrafficGenerator::strings() const
{
    if (!m_shared) {
        return {};
    }
    std::lock_guard lock(m_shared->mutex);
    return m_shared->strings;
}

void TrafficGenerator::drain()
{
    std::vector<OperationRecord> batch;
    QStringList lines;
    {
        std::lock_guard lock(m_shared->mutex);
        batch.swap(m_shared->pending);
        lines.swap(m_shared->pendingLines);
    }
    for (const QString& line : std::as_const(lines)) {
        emit logLine(line);
    }
    if (!batch.empty()) {
        std::sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) { return a.startNs < b.startNs; });
        emit operationsRecorded(batch);
    }
    if (m_shared->stopRequested && m_shared->running.load() == 0) {
        m_drainTimer.stop();
        for (std::thread& worker : m_workers) {
            worker.join(); // already finished: joining does not wait
        }
        m_workers.clear();
        {
            std::lock_guard lock(m_shared->mutex);
            batch.swap(m_shared->pending);
        }
        if (!batch.empty()) {
            emit operationsRecorded(batch);
        }
        emit stopped();
    }
}
