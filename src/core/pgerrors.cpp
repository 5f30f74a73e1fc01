// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgerrors.h"

OperationRecord::ErrorClass PgErrors::classify(const QString& sqlState, const QString& message, bool connectionBroken)
{
    using ErrorClass = OperationRecord::ErrorClass;
    const auto says = [&message](const char* text) { return message.contains(QLatin1StringView(text), Qt::CaseInsensitive); };
    if (sqlState == QLatin1StringView("25006") || says("session is read-only") || says("read-only transaction")) {
        return ErrorClass::ReadOnly;
    }
    if (sqlState == QLatin1StringView("57P01") || sqlState == QLatin1StringView("57P02") || sqlState == QLatin1StringView("57P03")
        || says("the database system is shutting down") || says("the database system is starting up")
        || says("the database system is in recovery mode") || says("terminating connection due to administrator command")) {
        return ErrorClass::ShuttingDown;
    }
    if (sqlState == QLatin1StringView("28P01") || sqlState == QLatin1StringView("28000") || says("password authentication failed")) {
        return ErrorClass::Authentication;
    }
    if (says("Connection refused")) {
        return ErrorClass::ConnectionRefused;
    }
    if (connectionBroken || says("server closed the connection unexpectedly") || says("could not receive data")
        || says("could not send data") || says("no connection to the server") || says("Connection reset")
        || says("connection to server was lost")) {
        return ErrorClass::ConnectionLost;
    }
    return ErrorClass::Other;
}
