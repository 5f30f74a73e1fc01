// SPDX-License-Identifier: GPL-3.0-or-later
// Is the outage the app reports true? Plain libpq clients of the test's own write beside the traffic generator, on
// the same monotonic clock, while the leader is stopped several times. None of them may have written inside the
// service outage the app reports farther than 50 ms from its ends (unless inside the stretch the app marks as
// balanced by HAProxy over the stopped leader and the new one), the app's outage must start within 50 ms of where
// theirs starts, and HAProxy must not have queued a connection (the clients must not disturb what they measure).
#include "clusterdiscovery.h"
#include "clusterobserver.h"
#include "haproxystats.h"
#include "labclock.h"
#include "runanalysis.h"
#include "testsupport.h"
#include "trafficgenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>

#include <libpq-fe.h>

#include <atomic>
#include <thread>

using namespace std::chrono_literals;

namespace {

constexpr qint64 ToleranceNs = 50'000'000;
// The observer stamps HAProxy's UP event when its answer arrives: the change happened up to one poll period (and the
// request's latency) before.
constexpr qint64 ObserverSlackNs = 700'000'000;
constexpr int LeaderStops = 3;
constexpr int IndependentClients = 4;

struct IndependentWrite
{
    qint64 startNs = 0;
    qint64 endNs = 0;
    bool ok = false;
};

// What a careful application does with libpq's blocking API: connect with a timeout, insert every 10 ms, and after
// any failure start over with a new connection at once.
class IndependentClient
{
public:
    IndependentClient(QByteArray conninfo, int number, const std::atomic_bool& stop)
        : m_conninfo(std::move(conninfo))
        , m_number(QByteArray::number(number))
        , m_stop(stop)
    {
    }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    const std::vector<IndependentWrite>& join()
    {
        m_thread.join();
        return m_writes;
    }

private:
    void run()
    {
        PGconn* connection = nullptr;
        qint64 nextNs = LabClock::nowNs();
        while (!m_stop) {
            if (!connection || PQstatus(connection) != CONNECTION_OK) {
                PQfinish(connection);
                const qint64 startNs = LabClock::nowNs();
                connection = PQconnectdb(m_conninfo.constData());
                if (PQstatus(connection) != CONNECTION_OK) {
                    m_writes.push_back({startNs, LabClock::nowNs(), false});
                    PQfinish(connection);
                    connection = nullptr;
                    continue;
                }
            }
            const qint64 waitNs = nextNs - LabClock::nowNs();
            if (waitNs > 0) {
                std::this_thread::sleep_for(std::chrono::nanoseconds(waitNs));
            }
            nextNs = std::max(nextNs + 10'000'000, LabClock::nowNs());
            const char* values[] = {m_number.constData()};
            const qint64 startNs = LabClock::nowNs();
            PGresult* result = PQexecParams(connection, "INSERT INTO independent_writes (client) VALUES ($1)", 1, nullptr,
                                            values, nullptr, nullptr, 0);
            const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
            PQclear(result);
            m_writes.push_back({startNs, LabClock::nowNs(), ok});
            if (!ok) {
                PQfinish(connection);
                connection = nullptr;
            }
        }
        PQfinish(connection);
    }

    QByteArray m_conninfo;
    QByteArray m_number;
    const std::atomic_bool& m_stop;
    std::thread m_thread;
    std::vector<IndependentWrite> m_writes;
};

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 1) + QStringLiteral(" ms");
}

} // namespace

class TestOutageAccuracy : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_lab = TestSupport::testLab();

    QString currentLeader()
    {
        const auto status = TestSupport::runCli({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--project"),
                                                 m_lab.project, QStringLiteral("--port-base"), QString::number(m_lab.portBase)},
                                                60'000);
        return QJsonDocument::fromJson(status.out.toUtf8()).object().value(QStringLiteral("leader")).toString();
    }

    // HAProxy's own count of what the clients did to it: the probe must not fill its queue (maxconn per server).
    QString haproxyAdmin(const QString& command)
    {
        const auto sent = TestSupport::run(
            QStringLiteral("docker"),
            {QStringLiteral("exec"), m_lab.containerName(QStringLiteral("haproxy")), QStringLiteral("python3"), QStringLiteral("-c"),
             QStringLiteral("import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect('/run/haproxy-admin.sock'); "
                            "s.sendall(sys.argv[1].encode()+b'\\n'); print(s.recv(65536).decode())"),
             command});
        return sent.exitCode == 0 ? QString() : sent.err;
    }
    Result<HaproxyStats> haproxyStats()
    {
        const auto csv = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("exec"), m_lab.containerName(QStringLiteral("haproxy")),
                                                                     QStringLiteral("curl"), QStringLiteral("-sf"),
                                                                     QStringLiteral("http://127.0.0.1:7000/;csv")});
        if (csv.exitCode != 0) {
            return Result<HaproxyStats>::failure(QStringLiteral("HAProxy's stats: ") + csv.err);
        }
        return HaproxyStatsParser::parse(csv.out.toUtf8());
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        PGconn* connection = PQconnectdb(m_lab.libpqConninfo(m_lab.primaryPort()).toUtf8().constData());
        QVERIFY2(PQstatus(connection) == CONNECTION_OK, PQerrorMessage(connection));
        PGresult* created = PQexec(connection, "CREATE TABLE IF NOT EXISTS independent_writes (id bigserial PRIMARY KEY, "
                                               "client int NOT NULL, at timestamptz NOT NULL DEFAULT now())");
        QCOMPARE(PQresultStatus(created), PGRES_COMMAND_OK);
        PQclear(created);
        PQfinish(connection);
    }

    void serviceOutageAgreesWithIndependentClients()
    {
        // The app's observer beside the traffic, as in a run of the window: its HAProxy events mark the stretch in
        // which HAProxy balanced over the new leader and the stopped one (UnavailabilityWindow::balancedFromNs).
        const auto cluster = TestSupport::discover(m_lab.project);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error()));
        ClusterObserver observer(cluster.value(), DockerCli(), ClusterObserver::Options());
        QList<ClusterEvent> events;
        connect(&observer, &ClusterObserver::eventOccurred, this, [&events](const ClusterEvent& event) { events << event; });
        QSignalSpy firstRound(&observer, &ClusterObserver::firstRoundCompleted);
        observer.start();
        QVERIFY(firstRound.wait(20'000));

        TrafficConfig config;
        config.conninfo = m_lab.libpqConninfo(m_lab.primaryPort());
        config.runId = QStringLiteral("outage-accuracy-%1").arg(QDateTime::currentMSecsSinceEpoch());
        config.logOperations = false;
        TrafficGenerator generator;
        std::vector<OperationRecord> operations;
        connect(&generator, &TrafficGenerator::operationsRecorded, this,
                [&operations](const std::vector<OperationRecord>& batch) { operations.insert(operations.end(), batch.begin(), batch.end()); });
        QSignalSpy stopped(&generator, &TrafficGenerator::stopped);
        QVERIFY(generator.start(config).ok());
        const qint64 runStartNs = generator.startedNs();

        // connect_timeout is libpq's own client deadline (2 s at least), as the generator's is 2 s.
        const QByteArray independentConninfo = m_lab.libpqConninfo(m_lab.primaryPort(), 2).toUtf8();
        std::atomic_bool stopClients{false};
        std::vector<std::unique_ptr<IndependentClient>> clients;
        // A failed check returns early: the clients' threads must still stop before their flag goes away.
        const auto joinClients = qScopeGuard([&] {
            stopClients = true;
            for (const auto& client : clients) {
                client->join();
            }
            clients.clear();
        });
        for (int i = 0; i < IndependentClients; ++i) {
            clients.push_back(std::make_unique<IndependentClient>(independentConninfo, i, stopClients));
            clients.back()->start();
        }
        const QString cleared = haproxyAdmin(QStringLiteral("clear counters"));
        QVERIFY2(cleared.isEmpty(), qPrintable(cleared));
        QTest::qWait(3000);

        QList<qint64> faultNs;
        for (int stop = 0; stop < LeaderStops; ++stop) {
            const QString leader = currentLeader();
            QVERIFY2(!leader.isEmpty(), "no leader before the stop");
            faultNs << LabClock::nowNs();
            const auto stopped = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("stop"), QStringLiteral("--time"),
                                                                             QStringLiteral("10"), m_lab.containerName(leader)});
            QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
            // Failover, and HAProxy's checks marking the old leader DOWN (3 × 3 s), with room to spare.
            QTest::qWait(20'000);
            const QString problem = TestSupport::healLab(m_lab);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QTest::qWait(3000);
        }

        stopClients = true;
        std::vector<IndependentWrite> independent;
        for (const auto& client : clients) {
            const auto& writes = client->join();
            independent.insert(independent.end(), writes.begin(), writes.end());
        }
        clients.clear();
        generator.stop();
        QVERIFY(stopped.wait(10'000));
        const qint64 runEndNs = LabClock::nowNs();
        observer.stop();
        const RunAnalysis analysis = RunAnalyzer::analyze(operations, {}, events, runStartNs, runEndNs);
        const auto stats = haproxyStats();
        QVERIFY2(stats.ok(), qPrintable(stats.error()));
        int queuedMax = 0;
        QStringList sessions;
        for (const HaproxyStatsRow& row : stats.value().rows) {
            if (row.proxy == QLatin1StringView("primary")) {
                queuedMax = std::max(queuedMax, row.queuedMax);
                sessions << QStringLiteral("%1 %2").arg(row.server).arg(row.sessionsMax);
            }
        }
        qInfo().noquote() << QStringLiteral("HAProxy's primary listener during the stops: most sessions at once %1; "
                                            "most queued %2").arg(sessions.join(QStringLiteral(", "))).arg(queuedMax);

        std::vector<qint64> independentSuccessEnds;
        for (const IndependentWrite& write : independent) {
            if (write.ok) {
                independentSuccessEnds.push_back(write.endNs);
            }
        }
        std::sort(independentSuccessEnds.begin(), independentSuccessEnds.end());
        QVERIFY(independentSuccessEnds.size() > 1000);

        // Every figure first (they are the point of the test), then the verdicts.
        QStringList contradictions;
        // No independent write succeeded inside any outage the app reports, farther than the tolerance from its ends,
        // except in the stretch the app marks as balanced by HAProxy over a dead server and the new leader: there a
        // client may or may not get through, and the app says so.
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            const qint64 balancedFromNs
                = window.balancedFromNs ? window.balancedFromNs - ObserverSlackNs : window.endNs - ToleranceNs;
            const auto inside = std::upper_bound(independentSuccessEnds.cbegin(), independentSuccessEnds.cend(),
                                                 window.startNs + ToleranceNs);
            const auto last = std::lower_bound(independentSuccessEnds.cbegin(), independentSuccessEnds.cend(),
                                               window.endNs - ToleranceNs);
            if (inside == last) {
                continue;
            }
            const QString counts = QStringLiteral("independent clients wrote %1 times inside a %2 service outage the app "
                                                  "reports, the first %3 after its start, the last %4 before its end")
                                       .arg(std::distance(inside, last))
                                       .arg(milliseconds(window.durationNs()), milliseconds(*inside - window.startNs),
                                            milliseconds(window.endNs - *std::prev(last)));
            if (*inside < balancedFromNs) {
                contradictions << counts;
            } else {
                qInfo().noquote() << counts + QStringLiteral(", all after the app's mark: ")
                        + RunAnalyzer::describeBalanced(window);
            }
        }

        // Each stop's outage: the app's start and end against the independent clients' (their longest gap after it).
        for (int stop = 0; stop < faultNs.size(); ++stop) {
            const qint64 nextFaultNs = stop + 1 < faultNs.size() ? faultNs.at(stop + 1) : runEndNs;
            const auto window = std::find_if(analysis.writeWindows.cbegin(), analysis.writeWindows.cend(),
                                             [&](const UnavailabilityWindow& w) { return w.endNs > faultNs.at(stop) && w.startNs < nextFaultNs; });
            if (window == analysis.writeWindows.cend()) {
                contradictions << QStringLiteral("the app reports no write outage after leader stop %1").arg(stop + 1);
                continue;
            }
            qint64 gapStartNs = 0;
            qint64 gapEndNs = 0;
            for (size_t i = 1; i < independentSuccessEnds.size(); ++i) {
                const qint64 previous = independentSuccessEnds[i - 1];
                const qint64 next = independentSuccessEnds[i];
                if (next > faultNs.at(stop) && previous < nextFaultNs && next - previous > gapEndNs - gapStartNs) {
                    gapStartNs = previous;
                    gapEndNs = next;
                }
            }
            const auto client = RunAnalyzer::clientPerceived(analysis, *window);
            QStringList haproxyChanges; // what the observer saw HAProxy's writes listener do after the stop
            for (const ClusterEvent& event : events) {
                if (event.timeNs > faultNs.at(stop) && event.timeNs < nextFaultNs
                    && (event.kind == ClusterEvent::Kind::HaproxyBackendUp || event.kind == ClusterEvent::Kind::HaproxyBackendDown)
                    && RunAnalyzer::isWritesListener(event.subject.section(u'/', 0, 0))) {
                    haproxyChanges << QStringLiteral("%1 %2 at +%3 s")
                                          .arg(event.subject.section(u'/', 1),
                                               event.kind == ClusterEvent::Kind::HaproxyBackendUp ? QStringLiteral("UP")
                                                                                                  : QStringLiteral("DOWN"))
                                          .arg(double(event.timeNs - faultNs.at(stop)) / 1e9, 0, 'f', 2);
                }
            }
            qInfo().noquote() << QStringLiteral("leader stop %1: HAProxy (observer): %2, the app's outage +%3..+%4 s")
                                     .arg(stop + 1)
                                     .arg(haproxyChanges.join(QStringLiteral(", ")))
                                     .arg(double(window->startNs - faultNs.at(stop)) / 1e9, 0, 'f', 2)
                                     .arg(double(window->endNs - faultNs.at(stop)) / 1e9, 0, 'f', 2);
            qInfo().noquote() << QStringLiteral("leader stop %1: write outage %2 (app, service), independent clients %3; "
                                                "start %4 vs theirs, end %5 vs theirs; client-perceived %6%7")
                                     .arg(stop + 1)
                                     .arg(milliseconds(window->durationNs()), milliseconds(gapEndNs - gapStartNs),
                                          milliseconds(window->startNs - gapStartNs), milliseconds(window->endNs - gapEndNs),
                                          client ? milliseconds(client->durationNs()) : QStringLiteral("none"),
                                          window->balancedFromNs ? QStringLiteral("; ") + RunAnalyzer::describeBalanced(*window)
                                                                 : QString());
            if (std::abs(window->startNs - gapStartNs) > ToleranceNs) {
                contradictions << QStringLiteral("after leader stop %1 the outage starts %2 from the independent clients'")
                                      .arg(stop + 1)
                                      .arg(milliseconds(window->startNs - gapStartNs));
            }
            if (client && client->durationNs() < window->durationNs() - ToleranceNs) {
                contradictions << QStringLiteral("after leader stop %1 the client-perceived outage is shorter than the "
                                                 "service's").arg(stop + 1);
            }
        }
        if (queuedMax > 0) {
            contradictions << QStringLiteral("%1 connections waited in HAProxy's queue of the primary listener: the clients "
                                             "disturbed the service they measure").arg(queuedMax);
        }
        QVERIFY2(contradictions.isEmpty(), qPrintable(contradictions.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestOutageAccuracy)
#include "tst_outageaccuracy.moc"
