// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"
#include "result.h"

#include <QList>
#include <QString>

// How a client reaches the primary. What a client sees during a failover depends as much on this as on Patroni:
// - haproxy: the writes port of HAProxy, which follows Patroni's REST checks (the lab's usual traffic);
// - multihost: libpq's own failover, `host=a,b,c port=… target_session_attrs=read-write` over every node's
//   PostgreSQL (libpq 10 and later): at each connect libpq tries the hosts in order and keeps the first that accepts
//   writes; a connect that is refused, times out or reaches a read-only node moves on to the next host;
// - pinned: a direct connection to the node that was the leader when the run started, as a client that ignores HA
//   does: after a failover it cannot connect, or connects to a demoted node whose writes are refused read-only.
enum class ClientPath : quint8 { Haproxy, Multihost, Pinned };

namespace ClientPaths {

QString name(ClientPath path); // "haproxy", "multihost", "pinned"
QList<ClientPath> all();
// "haproxy,multihost,pinned" (any order, no repeats); the first is the main path, which the probe measures.
Result<QList<ClientPath>> parse(const QString& list);

// The libpq connection string of a path into the lab (the nodes' PostgreSQL published on B+30..B+32); pinnedPort is
// the published port of the node a pinned client keeps (see leaderPort), unused for the other paths.
QString conninfo(ClientPath path, const LabDefinition& lab, int pinnedPort = 0);

// The published port of the node that accepts writes now: what libpq's multi-host connect finds (blocking, within
// the connect timeout: call it off the GUI thread). Fails with the reason when no node accepts writes.
Result<int> leaderPort(const LabDefinition& lab);

} // namespace ClientPaths
