// SPDX-License-Identifier: GPL-3.0-or-later
// Patroni REST API: GET /cluster and GET /patroni bodies, as Patroni 3.x, 4.0 and 4.1 send them (or a half-dead node
// sends something else).
#include "fuzzsupport.h"
#include "patroniapi.h"

#include <cstring>

namespace {

void touchMember(const PatroniMember& member)
{
    fuzz::touch(member.name);
    fuzz::touch(static_cast<int>(member.role));
    fuzz::touch(member.roleText);
    fuzz::touch(member.displayRole());
    fuzz::touch(member.state);
    fuzz::touch(member.host);
    fuzz::touch(member.port);
    fuzz::touch(member.apiUrl);
    fuzz::touch(member.timeline);
    fuzz::touch(member.lagBytes);
    fuzz::touch(member.lagUnknown);
    fuzz::touch(member.receiveLsn);
    fuzz::touch(member.replayLsn);
    fuzz::touch(member.receiveLagBytes);
    fuzz::touch(member.replayLagBytes);
    fuzz::touch(member.isLeader());
    for (const auto& lag : {member.lagBytes, member.receiveLagBytes, member.replayLagBytes}) {
        if (lag) {
            fuzz::touch(PatroniApi::formatLsn(*lag));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    fuzz::check(PatroniApi::parseCluster(input), [](const PatroniCluster& cluster) {
        fuzz::touch(cluster.scope);
        fuzz::touch(cluster.paused);
        for (const PatroniMember& member : cluster.members) {
            touchMember(member);
            // Looking a member up by its own name must find one.
            if (cluster.member(member.name) == nullptr) {
                __builtin_trap();
            }
        }
        if (const PatroniMember* leader = cluster.leader()) {
            touchMember(*leader);
        }
        fuzz::touch(cluster.leaderCount());
    });

    fuzz::check(PatroniApi::parseNodeStatus(input), [](const PatroniNodeStatus& status) {
        fuzz::touch(status.state);
        fuzz::touch(static_cast<int>(status.role));
        fuzz::touch(status.roleText);
        fuzz::touch(status.serverVersion);
        fuzz::touch(status.timeline);
        for (const auto& position : {status.walPosition, status.receivedPosition, status.replayedPosition}) {
            fuzz::touch(position);
            if (position) {
                fuzz::touch(PatroniApi::formatLsn(*position));
            }
        }
        fuzz::touch(status.replicationState);
        for (const PatroniReplicationConnection& connection : status.replication) {
            fuzz::touch(connection.applicationName);
            fuzz::touch(connection.state);
            fuzz::touch(connection.syncState);
            fuzz::touch(connection.clientAddress);
        }
        fuzz::touch(status.patroniVersion);
        fuzz::touch(status.scope);
        fuzz::touch(status.name);
        fuzz::touch(status.paused);
        fuzz::touch(status.clusterUnlocked);
        fuzz::touch(status.dcsLastSeen);
    });

    fuzz::touch(PatroniApi::roleFromString(QString::fromUtf8(input)) != PatroniMember::Role::Unknown);

    // Any 64-bit position, negative ones included, must format.
    if (size >= sizeof(qint64)) {
        qint64 position = 0;
        std::memcpy(&position, data, sizeof position);
        fuzz::touch(PatroniApi::formatLsn(position));
    }
    return 0;
}
