// SPDX-License-Identifier: GPL-3.0-or-later
// etcd: GET /health, GET /version, POST <gateway>/maintenance/status and <gateway>/cluster/member/list bodies.
#include "etcdapi.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    fuzz::check(EtcdApi::parseHealth(input), [](const EtcdHealth& health) {
        fuzz::touch(health.healthy);
        fuzz::touch(health.reason);
    });

    fuzz::check(EtcdApi::gatewayPrefixFromVersion(input), [](const QString& prefix) {
        fuzz::touch(prefix);
        if (prefix != QLatin1StringView("/v3") && prefix != QLatin1StringView("/v3beta")
            && prefix != QLatin1StringView("/v3alpha")) {
            __builtin_trap(); // only the three known gateway prefixes may come out
        }
    });

    fuzz::check(EtcdApi::parseMaintenanceStatus(input), [](const EtcdMemberRaft& raft) {
        fuzz::touch(raft.memberId);
        fuzz::touch(raft.leaderId);
        fuzz::touch(raft.raftTerm);
        fuzz::touch(raft.version);
        fuzz::touch(raft.isLeader());
    });

    fuzz::check(EtcdApi::parseMemberNames(input), [](const QHash<QString, QString>& names) {
        for (auto it = names.cbegin(); it != names.cend(); ++it) {
            fuzz::touch(it.key());
            fuzz::touch(it.value());
        }
    });
    return 0;
}
