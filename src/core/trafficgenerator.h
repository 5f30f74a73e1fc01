// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "runrecords.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct TrafficConfig
{
    // Any libpq connection string: HAProxy's primary or replicas port, or a multi-host string with
    // target_session_attrs=read-write.
    QString conninfo;
    double rate = 1.0;       // workload operations per second over all connections; 0: as fast as possible
    int connections = 1;     // workload connections, 1-64
    int readCheckEvery = 2;  // a read of the last 3 ids after every Nth insert; 0: never
    std::chrono::milliseconds deadline{2000};          // per operation, client side
    std::chrono::milliseconds reconnectBackoff{250};   // workload: pause after a failed connect
    // The service probe (ServiceProbe): writes and reads per second each, on their own connections; 0: off.
    double probeRate = 100.0;
    // While the service fails, the probe's new connection attempts under way at once, per kind (see ServiceProbe).
    int probeAttemptsInFlight = 4;
    // Client paths beside the main one (ClientPaths): each runs a workload of its own at `rate`, on one connection with
    // its own connection string, and records with OperationRecord::path = its index + 1. The probe measures only the
    // main path (conninfo).
    struct ExtraPath
    {
        QString name;     // "multihost", "pinned": printed before its lines, stored with the run
        QString conninfo;
    };
    QList<ExtraPath> extraPaths;
    QString mainPathName = QStringLiteral("haproxy"); // the main path's name, when extraPaths are set
    QString runId;            // stored with every row, for the write audit
    QString table = QStringLiteral("events");
    // Report-style lines for every successful workload operation; failures and (re)connects are always logged.
    bool logOperations = true;

    QString validationError() const;
    // libpq's connect_timeout=N in the connection string (seconds), or 0 when it sets none (libpq waits forever).
    int connectTimeoutSeconds() const;
};

// The lab report's traffic generator, made to survive: each workload connection runs on its own thread with its own
// libpq connection, reconnects by itself after any failure (one attempt at a time, as a plain client does), and
// records every operation it attempts. The workload (INSERT of "click by Алексей Козлов" once a second, a read of the
// last 3 ids after every second insert) prints report-style lines: what it sees is the client-perceived outage. The
// service probe writes and reads 100 times a second each and, while the service fails, keeps starting new connection
// attempts without waiting for hanging ones, so the service's outages are measured to about 10 ms (ServiceProbe).
class TrafficGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficGenerator)
public:
    explicit TrafficGenerator(QObject* parent = nullptr);
    ~TrafficGenerator() override;

    Result<bool> start(const TrafficConfig& config);
    // Asks every worker to stop; stopped() follows within about a tenth of a second, never blocking this thread.
    void stop();
    bool isRunning() const { return !m_workers.empty(); }
    const TrafficConfig& config() const { return m_config; }
    // A copy of the run's interned texts (errors, servers), for the journal and the analysis.
    StringTable strings() const;
    qint64 startedNs() const { return m_startedNs; }

    static QStringList eventTypes();
    static QStringList users();

    // For the write audit once the cluster has recovered: client sequence -> number of rows of the run in the table.
    // Blocking (one query with the config's deadline): call it from a worker thread.
    static Result<QHash<qint64, int>> readBackSequences(const TrafficConfig& config);

    // State shared by the workers and this object (defined in the .cpp).
    struct Shared;

signals:
    void operationsRecorded(const std::vector<OperationRecord>& batch);
    void logLine(const QString& line);
    void stopped();

private:
    void drain();

    TrafficConfig m_config;
    std::shared_ptr<Shared> m_shared;
    std::vector<std::thread> m_workers;
    QTimer m_drainTimer;
    qint64 m_startedNs = 0;
};
