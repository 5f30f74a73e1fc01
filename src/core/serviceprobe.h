// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "trafficgenerator.h"

#include <memory>

// The traffic generator's probe: measures when the *service* behind the connection string (HAProxy and the node it
// routes to) can take a write and answer a read, to about one probe period (10 ms at 100/s), on one thread with
// non-blocking libpq connections.
//
// Each kind (writes: INSERT, reads: SELECT of the newest id) has a lane with a main connection that runs one
// operation per period. A client that retries one connection attempt at a time finds the end of an outage late:
// during a failover HAProxy keeps handing new connections to the old, dead node until its checks mark it DOWN, and
// such a connection hangs until the client's deadline while others, given to the new leader, would succeed. So while
// a lane is failing (its last operation failed, it has no connection, or its operation has been under way for longer
// than StallNs), the lane starts a new attempt (connect, then the operation) every period without waiting for the
// ones that hang:
// - at most TrafficConfig::probeAttemptsInFlight attempts (4) are under way at once, so the probe never takes more
//   than that many of HAProxy's or PostgreSQL's connection slots per kind;
// - every attempt has the client's deadline, like any client: the probe never abandons an attempt early.
// Both were measured against independent libpq clients (tst_outageaccuracy): with 32 attempts in flight, each given
// up after 320 ms, a leader stop filled HAProxy's frontend with ~300 sessions and queued ~200 at the primary
// listener's per-server maxconn (an abandoned connection stays queued in HAProxy until the dead server is marked
// DOWN, then is dispatched to the new leader), which moved the outage's end by 70–170 ms and disturbed the very
// service it measured. With 4 (or 8) in flight and full deadlines HAProxy held at most ~100 sessions, queued none,
// and the outage's ends were within 30 ms of the independent clients'. While HAProxy still counts a dead server UP
// beside the new leader it balances new connections over both: a few attempts hang, the next ones get through.
// Letting attempts that waited longer than StallNs make room for more (4 waiting less than that, 16 in all) found
// that stretch 0.1–1.5 s earlier than the independent clients, but filled the dead server's maxconn (100 sessions)
// and queued 22–26 connections in HAProxy at every leader stop (4 in flight: at most 40 sessions, none queued). So
// the probe stays at 4, and the analysis marks the stretch from HAProxy's UP and DOWN events instead
// (UnavailabilityWindow::balancedFromNs).
// The first attempt that succeeds becomes the lane's main connection; the others finish their operation, are
// recorded, and close. Every connect and operation of every attempt is recorded (stream Probe): the analysis finds
// the outage from all of them (see the time model in runanalysis.h).
class ServiceProbe
{
public:
    // Time without an answer after which the main connection counts as failing (a frozen server) and attempts start.
    static constexpr qint64 StallNs = 200'000'000;

    // firstConnection: the write lane's connection number; the read lane's is the next one.
    ServiceProbe(const TrafficConfig& config, std::shared_ptr<TrafficGenerator::Shared> shared, quint16 firstConnection);
    ~ServiceProbe();
    ServiceProbe(const ServiceProbe&) = delete;
    ServiceProbe& operator=(const ServiceProbe&) = delete;

    // Runs until the shared stop flag is set.
    void run();

    class Lane;
    class Connection;

private:
    bool waitForTable();

    const TrafficConfig& m_config;
    std::shared_ptr<TrafficGenerator::Shared> m_shared;
    quint16 m_firstConnection;
};
