// SPDX-License-Identifier: GPL-3.0-or-later
#include "journalsql.h"

#include "runrecords.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace JournalSql {

namespace {

// "PHLJ": tells our journal apart from any other SQLite file the user points PATRONI_LAB_JOURNAL at.
constexpr qint64 ApplicationId = 0x50484C4A;
// 1: the first format; 2: operations.path (the client path of each operation, 0 in a version 1 file).
constexpr int SchemaVersion = 2;

// The operation enums are stored as their integer values (see operation_details below for the names), so
// reordering them would misread every existing journal.
using Op = OperationRecord;
static_assert(int(Op::Kind::Connect) == 0 && int(Op::Kind::Insert) == 1 && int(Op::Kind::Read) == 2);
static_assert(int(Op::Outcome::Ok) == 0 && int(Op::Outcome::Failed) == 1 && int(Op::Outcome::Indeterminate) == 2);
static_assert(int(Op::ErrorClass::None) == 0 && int(Op::ErrorClass::ConnectionRefused) == 1
              && int(Op::ErrorClass::ConnectionLost) == 2 && int(Op::ErrorClass::ReadOnly) == 3
              && int(Op::ErrorClass::ShuttingDown) == 4 && int(Op::ErrorClass::DeadlineExceeded) == 5
              && int(Op::ErrorClass::Authentication) == 6 && int(Op::ErrorClass::Other) == 7);
static_assert(int(Op::Stream::Workload) == 0 && int(Op::Stream::Probe) == 1);

template<typename Enum>
QString caseExpression(const QString& column, Enum last, QString (*name)(Enum))
{
    QString sql = QStringLiteral("CASE ") + column;
    for (int value = 0; value <= static_cast<int>(last); ++value) {
        sql += QStringLiteral(" WHEN %1 THEN '%2'").arg(value).arg(name(static_cast<Enum>(value)));
    }
    return sql + QStringLiteral(" END");
}

QStringList schemaStatements()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS runs ("
                       " id INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " status TEXT NOT NULL," // running | finished | interrupted
                       " started_at_ms INTEGER," // wall clock, ms since the epoch
                       " ended_at_ms INTEGER,"
                       " start_ns INTEGER NOT NULL," // LabClock
                       " end_ns INTEGER NOT NULL DEFAULT 0,"
                       " settings TEXT NOT NULL DEFAULT '{}',"
                       " versions TEXT NOT NULL DEFAULT '{}',"
                       " operation_count INTEGER NOT NULL DEFAULT 0,"
                       " last_ns INTEGER NOT NULL DEFAULT 0," // latest time committed, the end of an interrupted run
                       " last_wall_ms INTEGER,"
                       " owner TEXT NOT NULL DEFAULT '')"), // lock token of the process that writes the run
        QStringLiteral("CREATE TABLE IF NOT EXISTS run_strings ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " idx INTEGER NOT NULL,"
                       " text TEXT NOT NULL,"
                       " PRIMARY KEY (run_id, idx)) WITHOUT ROWID"),
        // Clustered by run, so loading a run reads one contiguous range and needs no extra index.
        QStringLiteral("CREATE TABLE IF NOT EXISTS operations ("
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " n INTEGER NOT NULL," // position in the run
                       " start_ns INTEGER NOT NULL,"
                       " end_ns INTEGER NOT NULL,"
                       " wall_ms INTEGER NOT NULL,"
                       " sequence INTEGER NOT NULL,"
                       " returned_id INTEGER NOT NULL,"
                       " kind INTEGER NOT NULL,"
                       " outcome INTEGER NOT NULL,"
                       " error_class INTEGER NOT NULL,"
                       " stream INTEGER NOT NULL,"
                       " in_recovery INTEGER NOT NULL,"
                       " error INTEGER NOT NULL," // run_strings.idx, 0: none
                       " server INTEGER NOT NULL," // run_strings.idx, 0: unknown
                       " connection INTEGER NOT NULL,"
                       " path INTEGER NOT NULL DEFAULT 0," // OperationRecord::path: the client path
                       " PRIMARY KEY (run_id, n)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS faults ("
                       " id INTEGER PRIMARY KEY,"
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " start_ns INTEGER NOT NULL,"
                       " end_ns INTEGER NOT NULL,"
                       " wall_ms INTEGER NOT NULL,"
                       " command_line TEXT NOT NULL,"
                       " exit_code INTEGER NOT NULL,"
                       " standard_error TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS faults_run ON faults(run_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS events ("
                       " id INTEGER PRIMARY KEY,"
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " time_ns INTEGER NOT NULL,"
                       " wall_ms INTEGER NOT NULL,"
                       " kind TEXT NOT NULL," // ClusterEvent::kindName
                       " subject TEXT NOT NULL,"
                       " from_value TEXT NOT NULL,"
                       " to_value TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS events_run ON events(run_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS snapshots ("
                       " id INTEGER PRIMARY KEY,"
                       " run_id INTEGER NOT NULL REFERENCES runs(id),"
                       " time_ns INTEGER NOT NULL,"
                       " state TEXT NOT NULL)"), // ClusterState::toJson, compact
        QStringLiteral("CREATE INDEX IF NOT EXISTS snapshots_run ON snapshots(run_id)"),
        // For people who open the file with sqlite3: the operations with names and texts instead of numbers.
        QStringLiteral("CREATE VIEW IF NOT EXISTS operation_details AS SELECT o.run_id, o.n, o.start_ns, o.end_ns,"
                       " (o.end_ns - o.start_ns) / 1000000.0 AS duration_ms, o.wall_ms, o.sequence, o.returned_id, ")
            + caseExpression(QStringLiteral("o.kind"), Op::Kind::Read, &Op::kindName) + QStringLiteral(" AS kind, ")
            + caseExpression(QStringLiteral("o.outcome"), Op::Outcome::Indeterminate, &Op::outcomeName)
            + QStringLiteral(" AS outcome, ")
            + caseExpression(QStringLiteral("o.error_class"), Op::ErrorClass::Other, &Op::errorClassName)
            + QStringLiteral(" AS error_class, ")
            + caseExpression(QStringLiteral("o.stream"), Op::Stream::Probe, &Op::streamName)
            + QStringLiteral(" AS stream, o.in_recovery, e.text AS error, s.text AS server, o.connection, o.path"
                             " FROM operations o"
                             " LEFT JOIN run_strings e ON e.run_id = o.run_id AND e.idx = o.error"
                             " LEFT JOIN run_strings s ON s.run_id = o.run_id AND s.idx = o.server"),
        QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId),
        QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion),
    };
}

QString notAJournalAdvice()
{
    return QStringLiteral("Move it away (a new journal is then created there) or set PATRONI_LAB_JOURNAL to "
                          "another file.");
}

// Primary SQLite result codes, as the QSQLITE driver reports them in nativeErrorCode().
enum SqliteCode {
    SqlitePerm = 3,
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADb = 26,
};

} // namespace

QString describeError(const QString& path, const QSqlError& error)
{
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    // Extended codes (SQLITE_IOERR_SHMSIZE ...) carry the primary code in their low byte.
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case SqliteNotADb:
    case SqliteCorrupt:
        return QStringLiteral("The run journal %1 is damaged or not an SQLite database (%2). ").arg(path, detail)
            + notAJournalAdvice();
    case SqlitePerm:
    case SqliteReadOnly:
    case SqliteCantOpen:
        return QStringLiteral("Cannot write the run journal %1 (%2). Make the file and its folder writable, or set "
                              "PATRONI_LAB_JOURNAL to a file in a writable folder.")
            .arg(path, detail);
    case SqliteFull:
        return QStringLiteral("The disk that holds the run journal %1 is full (%2). Free some space, or set "
                              "PATRONI_LAB_JOURNAL to a file on another disk.")
            .arg(path, detail);
    case SqliteIoErr:
        return QStringLiteral("Input/output error on the run journal %1 (%2): the disk may be full or failing. Free "
                              "some space and check the disk, or set PATRONI_LAB_JOURNAL to a file on another disk.")
            .arg(path, detail);
    case SqliteBusy:
    case SqliteLocked:
        return QStringLiteral("The run journal %1 is locked by another program (%2). Close it and try again.")
            .arg(path, detail);
    default:
        return QStringLiteral("The run journal %1 failed: %2").arg(path, detail);
    }
}

QString describeError(const QString& path, const QSqlQuery& query)
{
    return describeError(path, query.lastError());
}

QString ownerLockPath(const QString& journalPath, const QString& owner)
{
    return journalPath + QStringLiteral(".owner-") + owner + QStringLiteral(".lock");
}

QString nextConnectionName(const char* purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("journal-%1-%2").arg(QString::fromLatin1(purpose)).arg(counter.fetchAndAddRelaxed(1));
}

Result<bool> openDatabase(QSqlDatabase& db, const QString& path, bool forWriting)
{
    db.setDatabaseName(path);
    db.setConnectOptions(forWriting ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000")
                                    : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        return Result<bool>::failure(describeError(path, db.lastError()));
    }
    QSqlQuery query(db);
    const auto readNumber = [&](const QString& sql) -> std::optional<qint64> {
        if (!query.exec(sql) || !query.next()) {
            return std::nullopt;
        }
        return query.value(0).toLongLong();
    };
    // Identify the file before changing anything in it: a foreign database must stay exactly as it is.
    const std::optional<qint64> applicationId = readNumber(QStringLiteral("PRAGMA application_id"));
    const std::optional<qint64> version = readNumber(QStringLiteral("PRAGMA user_version"));
    const std::optional<qint64> objects = readNumber(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!applicationId || !version || !objects) {
        return Result<bool>::failure(describeError(path, query));
    }
    if (*objects > 0 && *applicationId != ApplicationId) {
        return Result<bool>::failure(
            QStringLiteral("%1 is an SQLite database, but not a Patroni HA Lab run journal. ").arg(path)
            + notAJournalAdvice());
    }
    if (*version > SchemaVersion) {
        return Result<bool>::failure(QStringLiteral("The run journal %1 was written by a newer Patroni HA Lab (journal "
                                                    "format %2, this version knows %3). Update the lab, or set "
                                                    "PATRONI_LAB_JOURNAL to another file.")
                                         .arg(path)
                                         .arg(*version)
                                         .arg(SchemaVersion));
    }
    if (!forWriting) {
        return *objects > 0 ? Result<bool>::success(true)
                            : Result<bool>::failure(QStringLiteral("The run journal %1 is empty.").arg(path));
    }

    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        || !query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
        return Result<bool>::failure(describeError(path, query));
    }
    // Also the write probe: on a read-only file BEGIN IMMEDIATE fails here rather than at the first commit.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return Result<bool>::failure(describeError(path, query));
    }
    // Version 1 to 2: the path column (every operation of such a run was on its main path), and the view with it.
    const bool upgrade = *objects > 0 && *version < 2;
    const QStringList upgradeStatements{QStringLiteral("ALTER TABLE operations ADD COLUMN path INTEGER NOT NULL DEFAULT 0"),
                                        QStringLiteral("DROP VIEW IF EXISTS operation_details")};
    for (const QString& statement : (upgrade ? upgradeStatements : QStringList()) + schemaStatements()) {
        if (!query.exec(statement)) {
            const QString message = describeError(path, query);
            query.exec(QStringLiteral("ROLLBACK"));
            return Result<bool>::failure(message);
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const QString message = describeError(path, query);
        query.exec(QStringLiteral("ROLLBACK"));
        return Result<bool>::failure(message);
    }
    return Result<bool>::success(true);
}

ReadConnection::ReadConnection(const QString& path)
    : m_name(nextConnectionName("read"))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_opened = openDatabase(db, path, false);
}

ReadConnection::~ReadConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace JournalSql
