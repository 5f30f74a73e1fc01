// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// One INSERT through a libpq connection string, reporting which server answered. Blocking: call it from a worker
// thread (QtConcurrent), never from the GUI thread.
struct WriteCheckResult
{
    bool ok = false;
    QString error;    // libpq's message, prefixed with the SQLSTATE when the server sent one
    QString sqlState;
    QString serverAddress; // inet_server_addr() of the node that executed the INSERT
    bool serverInRecovery = false;
    qint64 insertedId = 0;
    qint64 durationMs = 0;
};

namespace PgWriteCheck {

WriteCheckResult run(const QString& conninfo);

} // namespace PgWriteCheck
