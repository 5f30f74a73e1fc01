// SPDX-License-Identifier: GPL-3.0-or-later
// A second lab with another project name and port base runs beside the test lab, and removing it leaves the
// test lab untouched. Also checks that a lab that cannot become healthy in time is explained, not just failed.
#include "testsupport.h"

#include <QTest>

class TestLabSideBySide : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_second;
    QStringList secondLabArguments(const char* action) const
    {
        return {QStringLiteral("lab"), QString::fromLatin1(action), QStringLiteral("--project"), m_second.project,
                QStringLiteral("--port-base"), QString::number(m_second.portBase)};
    }
    static QString containerIds(const LabDefinition& lab)
    {
        return TestSupport::run(QStringLiteral("docker"), {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
                                                           QStringLiteral("label=com.docker.compose.project=") + lab.project})
            .out;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        m_second.project = TestSupport::testLab().project + QStringLiteral("-x");
        m_second.portBase = TestSupport::testLab().portBase + 1000;
    }

    void tooShortATimeoutNamesTheContainerAndItsLogs()
    {
        auto up = TestSupport::runCli(secondLabArguments("up") << QStringLiteral("--timeout") << QStringLiteral("1"));
        QCOMPARE(up.exitCode, 1);
        QVERIFY2(up.err.contains(QStringLiteral("did not become healthy within 1 s")), qPrintable(up.err));
        QVERIFY2(up.err.contains(QStringLiteral("last log lines of %1-").arg(m_second.project)), qPrintable(up.err));
    }

    void secondLabRunsBesideTheFirst()
    {
        const QString firstIds = containerIds(TestSupport::testLab());
        QVERIFY(!firstIds.isEmpty());

        const auto up = TestSupport::runCli(secondLabArguments("up"));
        QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
        QVERIFY(up.out.contains(QStringLiteral("a write through 127.0.0.1:%1 reached the primary").arg(m_second.primaryPort())));
        QVERIFY(TestSupport::probe(m_second).isHealthy());
        QVERIFY(TestSupport::probe(TestSupport::testLab()).isHealthy());

        const auto down = TestSupport::runCli(secondLabArguments("down"));
        QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
        QCOMPARE(containerIds(m_second), QString());
        const auto networks = TestSupport::run(QStringLiteral("docker"),
                                               {QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"),
                                                QStringLiteral("name=") + m_second.networkName()});
        QCOMPARE(networks.out.trimmed(), QString());

        // The first lab kept every container and is still healthy.
        QCOMPARE(containerIds(TestSupport::testLab()), firstIds);
        const LabStatus first = TestSupport::probe(TestSupport::testLab());
        QVERIFY2(first.isHealthy(), qPrintable(first.problems().value(0).text));
    }

    void cleanupTestCase()
    {
        // Leave nothing behind even when a check above failed.
        TestSupport::runCli(secondLabArguments("down"));
    }
};

QTEST_GUILESS_MAIN(TestLabSideBySide)
#include "tst_labsidebyside.moc"
