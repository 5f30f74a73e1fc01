// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgwritecheck.h"

#include "labclock.h"

#include <libpq-fe.h>

#include <memory>

namespace {

struct ConnectionCloser
{
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer
{
    void operator()(PGresult* result) const { PQclear(result); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using QueryResult = std::unique_ptr<PGresult, ResultClearer>;

QString messageOf(PGconn* connection, PGresult* result)
{
    QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
    if (message.isEmpty()) {
        message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    }
    return message.simplified();
}

} // namespace

WriteCheckResult PgWriteCheck::run(const QString& conninfo)
{
    WriteCheckResult outcome;
    const qint64 started = LabClock::nowMs();
    const auto failWith = [&](PGconn* connection, PGresult* result) {
        if (result) {
            outcome.sqlState = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        }
        const QString message = messageOf(connection, result);
        outcome.error = outcome.sqlState.isEmpty() ? message : outcome.sqlState + QStringLiteral(": ") + message;
        outcome.durationMs = LabClock::nowMs() - started;
        return outcome;
    };

    Connection connection(PQconnectdb(conninfo.toUtf8().constData()));
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        return failWith(connection.get(), nullptr);
    }
    QueryResult create(PQexec(connection.get(),
                              "CREATE TABLE IF NOT EXISTS lab_write_check (id bigserial PRIMARY KEY, "
                              "checked_at timestamptz NOT NULL DEFAULT now(), client text)"));
    if (PQresultStatus(create.get()) != PGRES_COMMAND_OK) {
        return failWith(connection.get(), create.get());
    }
    QueryResult insert(PQexec(connection.get(),
                              "INSERT INTO lab_write_check (client) VALUES ('patroni-lab') "
                              "RETURNING id, coalesce(host(inet_server_addr()), ''), pg_is_in_recovery()"));
    if (PQresultStatus(insert.get()) != PGRES_TUPLES_OK || PQntuples(insert.get()) != 1) {
        return failWith(connection.get(), insert.get());
    }
    outcome.ok = true;
    outcome.insertedId = QByteArray(PQgetvalue(insert.get(), 0, 0)).toLongLong();
    outcome.serverAddress = QString::fromUtf8(PQgetvalue(insert.get(), 0, 1));
    outcome.serverInRecovery = QByteArrayView(PQgetvalue(insert.get(), 0, 2)) == "t";
    outcome.durationMs = LabClock::nowMs() - started;
    return outcome;
}
