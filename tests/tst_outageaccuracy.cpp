// SPDX-License-Identifier: GPL-3.0-or-later
// Is the outage the app reports true? Plain libpq clients of the test's own write beside the traffic generator, on
// the same monotonic clock, while the leader is stopped several times. None of them may have written inside the
// service outage the app reports farther than 50 ms from its ends, and the app's outage must start within 50 ms of
// where theirs starts.
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
        const RunAnalysis analysis = RunAnalyzer::analyze(operations, {}, {}, runStartNs, runEndNs);

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
        // No independent write succeeded inside any outage the app reports, farther than the tolerance from its ends.
        for (const UnavailabilityWindow& window : analysis.writeWindows) {
            const auto inside = std::upper_bound(independentSuccessEnds.cbegin(), independentSuccessEnds.cend(),
                                                 window.startNs + ToleranceNs);
            if (inside != independentSuccessEnds.cend() && *inside < window.endNs - ToleranceNs) {
                const auto last = std::lower_bound(independentSuccessEnds.cbegin(), independentSuccessEnds.cend(),
                                                   window.endNs - ToleranceNs);
                contradictions << QStringLiteral("independent clients wrote %1 times inside a %2 service outage the app "
                                                 "reports, the first %3 after its start, the last %4 before its end")
                                      .arg(std::distance(inside, last))
                                      .arg(milliseconds(window.durationNs()), milliseconds(*inside - window.startNs),
                                           milliseconds(window.endNs - *std::prev(last)));
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
            qInfo().noquote() << QStringLiteral("leader stop %1: write outage %2 (app, service), independent clients %3; "
                                                "start %4 vs theirs, end %5 vs theirs; client-perceived %6")
                                     .arg(stop + 1)
                                     .arg(milliseconds(window->durationNs()), milliseconds(gapEndNs - gapStartNs),
                                          milliseconds(window->startNs - gapStartNs), milliseconds(window->endNs - gapEndNs),
                                          client ? milliseconds(client->durationNs()) : QStringLiteral("none"));
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
        QVERIFY2(contradictions.isEmpty(), qPrintable(contradictions.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestOutageAccuracy)
#include "tst_outageaccuracy.moc"
