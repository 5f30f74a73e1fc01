// SPDX-License-Identifier: GPL-3.0-or-later
// HAProxy: the stats page as CSV (GET <stats uri>;csv).
#include "fuzzsupport.h"
#include "haproxystats.h"

#include <QSet>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::check(HaproxyStatsParser::parse(fuzz::bytes(data, size)), [](const HaproxyStats& stats) {
        QSet<QString> proxies;
        for (const HaproxyStatsRow& row : stats.rows) {
            fuzz::touch(row.proxy);
            fuzz::touch(row.server);
            fuzz::touch(row.status);
            fuzz::touch(row.checkStatus);
            fuzz::touch(row.checkCode);
            fuzz::touch(row.address);
            fuzz::touch(row.isServer());
            fuzz::touch(row.isUp());
            proxies.insert(row.proxy);
        }
        for (const QString& proxy : proxies) {
            const QList<HaproxyStatsRow> servers = stats.servers(proxy);
            const QStringList up = stats.upServers(proxy);
            if (up.size() > servers.size()) {
                __builtin_trap(); // more servers up than there are servers
            }
            for (const QString& server : up) {
                fuzz::touch(server);
            }
        }
    });
    return 0;
}
