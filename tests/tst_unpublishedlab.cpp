// SPDX-License-Identifier: GPL-3.0-or-later
// A lab that publishes only HAProxy's ports, like the Patroni repository's demo: `status` and `watch` must reach
// Patroni, etcd and the HAProxy stats through `docker exec`.
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestUnpublishedLab : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_lab;
    QStringList where() const
    {
        return {QStringLiteral("--project"), m_lab.project, QStringLiteral("--port-base"), QString::number(m_lab.portBase)};
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        m_lab.project = TestSupport::testLab().project + QStringLiteral("-demo");
        m_lab.portBase = TestSupport::testLab().portBase + 2000;
        const auto up = TestSupport::runCli(QStringList{QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--publish"),
                                                        QStringLiteral("haproxy-only")}
                                            + where());
        QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
        QVERIFY(up.out.contains(QStringLiteral("observed through docker exec")));
    }

    void onlyHaproxyIsPublished()
    {
        const auto patroni = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("port"), m_lab.containerName(QStringLiteral("patroni1"))});
        QCOMPARE(patroni.out.trimmed(), QString());
        const auto etcd = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("port"), m_lab.containerName(QStringLiteral("etcd1"))});
        QCOMPARE(etcd.out.trimmed(), QString());
        const auto haproxy = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("port"), m_lab.containerName(QStringLiteral("haproxy"))});
        QCOMPARE(haproxy.out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
    }

    void statusWorksThroughDockerExec()
    {
        const auto status = TestSupport::runCli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + where());
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonObject json = QJsonDocument::fromJson(status.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("transport")).toString(), QStringLiteral("docker exec"));
        QVERIFY(!json.value(QStringLiteral("leader")).toString().isEmpty());
        QCOMPARE(json.value(QStringLiteral("members")).toArray().size(), 3);
        QCOMPARE(json.value(QStringLiteral("etcd_healthy")).toInt(), 3);
        QCOMPARE(json.value(QStringLiteral("writes_routed_to")).toArray().first().toString(), json.value(QStringLiteral("leader")).toString());

        const auto table = TestSupport::runCli(QStringList{QStringLiteral("status")} + where());
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("Observed via docker exec")), qPrintable(table.out));
        QVERIFY(table.out.contains(QStringLiteral("| Receive LSN |")));
    }

    void watchReportsAFailoverThroughDockerExec()
    {
        const auto before = TestSupport::runCli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + where());
        const QString leader = QJsonDocument::fromJson(before.out.toUtf8()).object().value(QStringLiteral("leader")).toString();
        QVERIFY(!leader.isEmpty());

        QProcess watch;
        watch.start(QStringLiteral(PATRONI_LAB_CLI),
                    QStringList{QStringLiteral("watch"), QStringLiteral("--json"), QStringLiteral("--duration"), QStringLiteral("45")} + where());
        QVERIFY(watch.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(watch.canReadLine(), 30'000); // the "observing" line after the first round
        const auto stop = TestSupport::runCli(QStringList{QStringLiteral("node"), QStringLiteral("stop"), leader} + where());
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
        QVERIFY(stop.out.contains(QStringLiteral("$ docker stop --time 10 ") + m_lab.containerName(leader)));
        QVERIFY(watch.waitForFinished(90'000));
        QCOMPARE(watch.exitCode(), 0);

        QString newLeader;
        const QList<QByteArray> lines = watch.readAllStandardOutput().split('\n');
        for (const QByteArray& line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("kind")).toString() == QLatin1StringView("leader_changed")
                && !event.value(QStringLiteral("to")).toString().isEmpty()) {
                newLeader = event.value(QStringLiteral("to")).toString();
            }
        }
        QVERIFY2(!newLeader.isEmpty() && newLeader != leader, "watch reported no new leader");
    }

    void cleanupTestCase()
    {
        if (!m_lab.project.isEmpty()) {
            const auto down = TestSupport::runCli(QStringList{QStringLiteral("lab"), QStringLiteral("down")} + where());
            QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestUnpublishedLab)
#include "tst_unpublishedlab.moc"
