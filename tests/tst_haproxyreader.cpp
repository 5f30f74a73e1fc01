// SPDX-License-Identifier: GPL-3.0-or-later
// HaproxyCheckReader against the running test lab: it finds the configuration that the lab's HAProxy was started
// with and reads the writes listener's check timing; a container that does not exist gives defaults and a reason.
#include "haproxychecks.h"
#include "labassets.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTest>

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

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        m_lab = TestSupport::testLab();
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        removeProbe();
    }

    void cleanupTestCase() { removeProbe(); }

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
