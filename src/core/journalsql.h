// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;
class QSqlQuery;

// The journal's SQLite file: schema, connections and error messages, shared by the writer thread and readers.
namespace JournalSql {

// Opens the file with a connection that belongs to the calling thread; refuses files that are not a journal and
// creates the schema in an empty one. Only the writer passes forWriting, which also switches the file to WAL.
Result<bool> openDatabase(QSqlDatabase& db, const QString& path, bool forWriting);

// A message that names the file, what went wrong and what the user can do about it.
QString describeError(const QString& path, const QSqlError& error);
QString describeError(const QString& path, const QSqlQuery& query);

// The lock file that a process holds while it has running runs in the journal (see Journal::startRun).
QString ownerLockPath(const QString& journalPath, const QString& owner);

QString nextConnectionName(const char* purpose);

// A read connection for one call on the calling thread, removed again afterwards (a QSqlDatabase connection
// must stay in the thread that opened it).
class ReadConnection
{
    Q_DISABLE_COPY_MOVE(ReadConnection)
public:
    explicit ReadConnection(const QString& path);
    ~ReadConnection();

    const Result<bool>& opened() const { return m_opened; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    Result<bool> m_opened;
};

} // namespace JournalSql
