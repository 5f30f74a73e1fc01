// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

// One row of HAProxy's stats CSV (GET <stats uri>;csv), by column name, so field order changes do not matter.
struct HaproxyStatsRow
{
    QString proxy;  // pxname: primary, replicas, stats
    QString server; // svname: a Patroni member, FRONTEND or BACKEND
    QString status; // UP, DOWN, "UP 1/3", "DOWN 1/2", MAINT, OPEN, no check ...
    QString checkStatus; // L7OK, L7STS, L4CON, L4TOUT ... ("* " prefix while a check runs is removed)
    int checkCode = 0;
    int checkRise = 0; // the running HAProxy's rise and fall for this server (0: not checked, or not reported)
    int checkFall = 0;
    QString address;
    // Sessions: now, the most at once, and the most that waited in this server's or proxy's queue (maxconn reached).
    // The maxima count since HAProxy started or since `clear counters`.
    int sessions = 0;
    int sessionsMax = 0;
    int queuedMax = 0;

    bool isServer() const { return server != QLatin1StringView("FRONTEND") && server != QLatin1StringView("BACKEND"); }
    // "UP" or "UP 1/3" (still up while checks start failing).
    bool isUp() const { return status.startsWith(QLatin1StringView("UP")); }
};

struct HaproxyStats
{
    QList<HaproxyStatsRow> rows;

    QList<HaproxyStatsRow> servers(const QString& proxy) const;
    // Servers of the proxy that HAProxy currently routes to.
    QStringList upServers(const QString& proxy) const;
};

namespace HaproxyStatsParser {

Result<HaproxyStats> parse(const QByteArray& csv);

} // namespace HaproxyStatsParser
