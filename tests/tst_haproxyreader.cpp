// SPDX-License-Identifier: GPL-3.0-or-later
// HaproxyCheckReader against the running test lab: it finds the configuration that the lab's HAProxy was started
// with and reads the writes listener's check timing; a container that does not exist gives defaults and a reason.
// HaproxyCheckChange against the same HAProxy: a new timing is reloaded while a client connection stays open and
// keeps working, reads back from the file and from the running HAProxy's stats; invalid input changes nothing.
#include "haproxycheckchange.h"
#include "haproxychecks.h"
#include "haproxystats.h"
#include "labassets.h"
#include "testsupport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTimer>
#include <QTest>

#include <libpq-fe.h>

#include <memory>

class TestHaproxyReader : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_lab;

    // A container of the lab image that does not run HAProxy, so that the reader has to fall back to the usual
    // configuration paths.
    QString probeContainer() const { return m_lab.containerName(QStringLiteral("haproxy-reader-probe")); }
    void removeProbe() const
    {
        TestSupport::run(
            QStringLiteral("docker"), { QStringLiteral("rm"), QStringLiteral("-f"), probeContainer() }, 60'000);
    }
    QString docker(const QStringList& arguments) const
    {
        const auto output = TestSupport::run(QStringLiteral("docker"), arguments, 120'000);
        return output.exitCode == 0 ? QString() : output.err + output.out;
    }

    HaproxyCheckSettings read(const QString& container, const QString& hint = {})
    {
        HaproxyCheckReader reader(container, DockerCli());
        if (!hint.isEmpty()) {
            reader.setListenerHint(hint);
        }
        QSignalSpy finished(&reader, &HaproxyCheckReader::finished);
        reader.start();
        if (!finished.wait(90'000)) {
            qWarning("HaproxyCheckReader did not finish within 90 s");
            return {};
        }
        QTest::qWait(200);
        if (finished.count() != 1) {
            qWarning("HaproxyCheckReader finished %d times", int(finished.count()));
            return {};
        }
        const auto settings = finished.first().first().value<HaproxyCheckSettings>();
        qInfo("%s: %s", qPrintable(container), qPrintable(settings.describe()));
        return settings;
    }

    // The largest number of servers the primary listener routed to at once while the change ran (stats every 50 ms).
    int m_mostPrimaryServersUp = 0;

    HaproxyCheckChange::Outcome change(const HaproxyCheckTiming& timing)
    {
        HaproxyCheckChange change(m_lab.containerName(LabDefinition::haproxyService()), DockerCli());
        QSignalSpy finished(&change, &HaproxyCheckChange::finished);
        QNetworkAccessManager network;
        QTimer sampler;
        m_mostPrimaryServersUp = 0;
        connect(&sampler, &QTimer::timeout, this, [this, &network] {
            QNetworkReply* reply = network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/;csv").arg(m_lab.haproxyStatsPort()))));
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                reply->deleteLater();
                const auto stats = HaproxyStatsParser::parse(reply->readAll());
                if (stats.ok()) {
                    m_mostPrimaryServersUp = std::max(m_mostPrimaryServersUp, int(stats.value().upServers(QStringLiteral("primary")).size()));
                }
            });
        });
        sampler.start(50);
        change.start(timing);
        if (finished.isEmpty() && !finished.wait(90'000)) {
            HaproxyCheckChange::Outcome timedOut;
            timedOut.error = QStringLiteral("HaproxyCheckChange did not finish within 90 s");
            return timedOut;
        }
        QTest::qWait(1000); // and a second after it: a new worker's first checks fall in this time
        const auto outcome = finished.first().first().value<HaproxyCheckChange::Outcome>();
        qInfo("change: %s; before %s; after %s; reload %.1f s; at most %d primary server(s) UP meanwhile",
              outcome.ok() ? "ok" : qPrintable(outcome.error), qPrintable(outcome.before.describe()),
              qPrintable(outcome.after.describe()), outcome.reloadSeconds, m_mostPrimaryServersUp);
        return outcome;
    }

    static HaproxyCheckTiming demoTiming()
    {
        HaproxyCheckTiming timing;
        timing.interSeconds = 3;
        timing.fall = 3;
        timing.rise = 2;
        timing.shutdownSessions = true;
        return timing;
    }

    // check_rise and check_fall of the primary listener's servers, as the running HAProxy reports them.
    QList<std::pair<int, int>> runningRiseFall()
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/;csv").arg(m_lab.haproxyStatsPort())))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(10'000)) {
            return {};
        }
        const auto stats = HaproxyStatsParser::parse(reply->readAll());
        QList<std::pair<int, int>> figures;
        for (const HaproxyStatsRow& row : stats.ok() ? stats.value().servers(QStringLiteral("primary")) : QList<HaproxyStatsRow>{}) {
            figures.append({row.checkRise, row.checkFall});
        }
        return figures;
    }

    static QString scalar(PGconn* connection, const char* sql)
    {
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection, sql), &PQclear);
        if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
            return QStringLiteral("error: ") + QString::fromUtf8(PQerrorMessage(connection));
        }
        return QString::fromUtf8(PQgetvalue(result.get(), 0, 0));
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        m_lab = TestSupport::testLab();
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        removeProbe();
    }

    void cleanupTestCase()
    {
        removeProbe();
        // Whatever a failed check left behind, the lab goes back to the timing it deploys.
        const auto restored = change(demoTiming());
        QVERIFY2(restored.ok(), qPrintable(restored.error));
    }

    // Faster checks, sessions kept on DOWN: a client connected through HAProxy before the reload goes on with the
    // same backend; the file reads back the new values for both listeners and the running HAProxy uses them.
    void timingChangeKeepsOpenConnections()
    {
        std::unique_ptr<PGconn, decltype(&PQfinish)> open(
            PQconnectdb(m_lab.libpqConninfo(m_lab.primaryPort()).toUtf8().constData()), &PQfinish);
        QVERIFY2(PQstatus(open.get()) == CONNECTION_OK, PQerrorMessage(open.get()));
        const QString backendBefore = scalar(open.get(), "select pg_backend_pid()");
        QVERIFY2(!backendBefore.startsWith(QLatin1StringView("error")), qPrintable(backendBefore));

        HaproxyCheckTiming fast;
        fast.interSeconds = 0.5;
        fast.fall = 2;
        fast.rise = 1;
        fast.shutdownSessions = false;
        const auto outcome = change(fast);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QVERIFY(!outcome.unchanged);
        // The new worker started from the old one's server states: writes never went to a replica.
        QVERIFY2(outcome.warning.isEmpty(), qPrintable(outcome.warning));
        QCOMPARE(m_mostPrimaryServersUp, 1);
        QCOMPARE(outcome.before.interSeconds, 3.0);
        QCOMPARE(outcome.after.interSeconds, 0.5);
        QCOMPARE(outcome.after.fall, 2);
        QCOMPARE(outcome.after.rise, 1);
        QCOMPARE(outcome.after.shutdownSessions, false);

        QCOMPARE(scalar(open.get(), "select pg_backend_pid()"), backendBefore);
        QCOMPARE(scalar(open.get(), "select 40 + 2"), QStringLiteral("42"));

        const HaproxyCheckSettings replicas = read(m_lab.containerName(LabDefinition::haproxyService()), QStringLiteral("replicas"));
        QCOMPARE(replicas.interSeconds, 0.5);
        QCOMPARE(replicas.fall, 2);
        QCOMPARE(replicas.rise, 1);
        const auto running = runningRiseFall();
        QCOMPARE(running.size(), 3);
        for (const auto& [rise, fall] : running) {
            QCOMPARE(rise, 1);
            QCOMPARE(fall, 2);
        }

        // The same timing again: nothing to write, nothing reloaded.
        const auto again = change(fast);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QVERIFY(again.unchanged);

        const auto restored = change(demoTiming());
        QVERIFY2(restored.ok(), qPrintable(restored.error));
        QCOMPARE(m_mostPrimaryServersUp, 1);
        QCOMPARE(scalar(open.get(), "select pg_backend_pid()"), backendBefore);
        for (const auto& [rise, fall] : runningRiseFall()) {
            QCOMPARE(rise, 2);
            QCOMPARE(fall, 3);
        }
    }

    // Out of range: refused before anything is written, the file is byte for byte what it was.
    void invalidTimingChangesNothing()
    {
        const QString container = m_lab.containerName(LabDefinition::haproxyService());
        HaproxyCheckTiming invalid;
        invalid.interSeconds = 0.01;
        const auto outcome = change(invalid);
        QVERIFY(!outcome.ok());
        QVERIFY(outcome.refusedBeforeWriting);
        QVERIFY2(outcome.error.contains(QLatin1StringView("between 100ms and 60s")), qPrintable(outcome.error));
        const auto output = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("exec"), container, QStringLiteral("cat"), QStringLiteral("/etc/haproxy/lab.cfg")}, 60'000);
        QCOMPARE(output.out.toUtf8(), LabAssets::content(QStringLiteral("node/haproxy.cfg")));
    }

    void readsTheLabConfiguration()
    {
        const QString container = m_lab.containerName(LabDefinition::haproxyService());
        const HaproxyCheckSettings settings = read(container);
        QVERIFY2(settings.fromConfig, qPrintable(settings.source));
        QCOMPARE(settings.interSeconds, 3.0);
        QCOMPARE(settings.fall, 3);
        QCOMPARE(settings.rise, 2);
        QCOMPARE(settings.listener, QStringLiteral("primary"));
        // The path comes from the haproxy command line (the entrypoint execs haproxy -f /etc/haproxy/lab.cfg).
        QCOMPARE(settings.source, QStringLiteral("/etc/haproxy/lab.cfg in container ") + container);

        // What runs in the container is what the program deploys.
        const auto deployed = HaproxyCheckSettings::parse(
            LabAssets::content(QStringLiteral("node/haproxy.cfg")), QStringLiteral("primary"));
        QVERIFY2(deployed.ok(), qPrintable(deployed.error()));
        QCOMPARE(settings.interSeconds, deployed.value().interSeconds);
        QCOMPARE(settings.fall, deployed.value().fall);
        QCOMPARE(settings.rise, deployed.value().rise);
    }

    void honoursTheListenerHint()
    {
        const HaproxyCheckSettings settings
            = read(m_lab.containerName(LabDefinition::haproxyService()), QStringLiteral("replicas"));
        QVERIFY2(settings.fromConfig, qPrintable(settings.source));
        QCOMPARE(settings.listener, QStringLiteral("replicas"));
    }

    // PID 1 is `sleep`, so no -f anywhere: the reader tries /etc/haproxy/lab.cfg, then
    // /usr/local/etc/haproxy/haproxy.cfg, then /etc/haproxy/haproxy.cfg (Debian's, which has no servers).
    void fallsBackToTheUsualPaths()
    {
        const QString probe = probeContainer();
        QString problem = docker({ QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), probe,
            LabAssets::imageTag(), QStringLiteral("sleep"), QStringLiteral("600") });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        HaproxyCheckSettings settings = read(probe);
        QVERIFY2(settings.fromConfig, qPrintable(settings.source));
        QCOMPARE(settings.source, QStringLiteral("/etc/haproxy/lab.cfg in container ") + probe);

        problem
            = docker({ QStringLiteral("exec"), probe, QStringLiteral("rm"), QStringLiteral("/etc/haproxy/lab.cfg") });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        settings = read(probe);
        QVERIFY(!settings.fromConfig);
        QVERIFY2(settings.source.startsWith(
                     QStringLiteral("HAProxy defaults: no HAProxy configuration with health-checked servers found in "
                                    "container ")
                     + probe),
            qPrintable(settings.source));
        QVERIFY2(settings.source.contains(QLatin1StringView("/etc/haproxy/lab.cfg: not found")),
            qPrintable(settings.source));
        QVERIFY2(settings.source.contains(QLatin1StringView("/usr/local/etc/haproxy/haproxy.cfg: not found")),
            qPrintable(settings.source));
        QVERIFY2(
            settings.source.contains(QLatin1StringView("/etc/haproxy/haproxy.cfg: the HAProxy configuration has no "
                                                       "health-checked server")),
            qPrintable(settings.source));

        problem = docker({ QStringLiteral("exec"), probe, QStringLiteral("mkdir"), QStringLiteral("-p"),
            QStringLiteral("/usr/local/etc/haproxy") });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem
            = docker({ QStringLiteral("cp"), QStringLiteral(LAB_FIXTURES_DIR "/haproxy-cfg/master-after-replicas.cfg"),
                probe + QStringLiteral(":/usr/local/etc/haproxy/haproxy.cfg") });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        settings = read(probe);
        QVERIFY2(settings.fromConfig, qPrintable(settings.source));
        QCOMPARE(settings.listener, QStringLiteral("master"));
        QCOMPARE(settings.source, QStringLiteral("/usr/local/etc/haproxy/haproxy.cfg in container ") + probe);

        // A stopped container cannot be read: defaults, with docker's reason.
        problem = docker({ QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("0"), probe });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        settings = read(probe);
        QVERIFY(!settings.fromConfig);
        QVERIFY2(settings.source.startsWith(QStringLiteral("HAProxy defaults: could not read the configuration from "
                                                           "container ")
                     + probe),
            qPrintable(settings.source));
        QVERIFY2(settings.source.contains(QLatin1StringView("is not running")), qPrintable(settings.source));
        removeProbe();
    }

    void unknownContainerGivesDefaults()
    {
        const QString container = m_lab.containerName(QStringLiteral("no-such-haproxy"));
        const HaproxyCheckSettings settings = read(container);
        QVERIFY(!settings.fromConfig);
        QCOMPARE(settings.interSeconds, 2.0);
        QCOMPARE(settings.fall, 3);
        QCOMPARE(settings.rise, 2);
        QVERIFY(settings.listener.isEmpty());
        QVERIFY2(
            settings.source.startsWith(QStringLiteral("HAProxy defaults: could not inspect container ") + container),
            qPrintable(settings.source));
        // docker's own reason is passed on.
        QVERIFY2(
            settings.source.contains(QLatin1StringView("No such"), Qt::CaseInsensitive), qPrintable(settings.source));
    }
};

QTEST_GUILESS_MAIN(TestHaproxyReader)
#include "tst_haproxyreader.moc"
