// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxystats.h"

#include <QHash>

QList<HaproxyStatsRow> HaproxyStats::servers(const QString& proxy) const
{
    QList<HaproxyStatsRow> result;
    for (const HaproxyStatsRow& row : rows) {
        if (row.proxy == proxy && row.isServer()) {
            result.append(row);
        }
    }
    return result;
}

QStringList HaproxyStats::upServers(const QString& proxy) const
{
    QStringList result;
    for (const HaproxyStatsRow& row : servers(proxy)) {
        if (row.isUp()) {
            result.append(row.server);
        }
    }
    return result;
}

Result<HaproxyStats> HaproxyStatsParser::parse(const QByteArray& csv)
{
    const QList<QByteArray> lines = csv.split('\n');
    if (lines.isEmpty() || !lines.first().startsWith("# ")) {
        return Result<HaproxyStats>::failure(
            QStringLiteral("HAProxy stats are not CSV: the first line must start with '# pxname'"));
    }
    const QList<QByteArray> header = lines.first().mid(2).trimmed().split(',');
    QHash<QByteArray, qsizetype> column;
    for (qsizetype i = 0; i < header.size(); ++i) {
        column.insert(header.at(i).trimmed(), i);
    }
    for (const char* required : {"pxname", "svname", "status"}) {
        if (!column.contains(required)) {
            return Result<HaproxyStats>::failure(
                QStringLiteral("HAProxy stats CSV has no '%1' column").arg(QLatin1StringView(required)));
        }
    }
    const auto field = [&column](const QList<QByteArray>& fields, const char* name) {
        const qsizetype index = column.value(name, -1);
        return index >= 0 && index < fields.size() ? QString::fromUtf8(fields.at(index)).trimmed() : QString();
    };

    HaproxyStats stats;
    for (qsizetype lineIndex = 1; lineIndex < lines.size(); ++lineIndex) {
        const QByteArray line = lines.at(lineIndex).trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() <= column.value("status")) {
            return Result<HaproxyStats>::failure(
                QStringLiteral("HAProxy stats CSV line %1 is truncated (%2 fields)").arg(lineIndex + 1).arg(fields.size()));
        }
        HaproxyStatsRow row;
        row.proxy = field(fields, "pxname");
        row.server = field(fields, "svname");
        row.status = field(fields, "status");
        row.checkStatus = field(fields, "check_status");
        if (row.checkStatus.startsWith(QLatin1StringView("* "))) {
            row.checkStatus.remove(0, 2);
        }
        row.checkCode = field(fields, "check_code").toInt();
        row.checkRise = field(fields, "check_rise").toInt();
        row.checkFall = field(fields, "check_fall").toInt();
        row.address = field(fields, "addr");
        row.sessions = field(fields, "scur").toInt();
        row.sessionsMax = field(fields, "smax").toInt();
        row.queuedMax = field(fields, "qmax").toInt();
        stats.rows.append(row);
    }
    return Result<HaproxyStats>::success(stats);
}
