// SPDX-License-Identifier: GPL-3.0-or-later
// Against the real lab started by the lab_up fixture (3 etcd, 3 Patroni + PostgreSQL 17, HAProxy in Docker).
#include "pgwritecheck.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

class TestLabSmoke : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { REQUIRE_DOCKER(); }

    void clusterIsHealthy()
    {
        const LabStatus status = TestSupport::probe(TestSupport::testLab());
        QVERIFY2(status.dockerError.isEmpty(), qPrintable(status.dockerError));
        QVERIFY2(status.discoveryError.isEmpty(), qPrintable(status.discoveryError));
        const ClusterState& state = status.state;
        QVERIFY(state.members.has_value());
        QCOMPARE(state.scope, QStringLiteral("demo"));
        QCOMPARE(state.members->size(), 3);
        QVERIFY(state.leader());
        int streaming = 0;
        for (const MemberState& member : *state.members) {
            QVERIFY2(member.isLeader() == (member.name == state.leader()->name), qPrintable(member.name));
            streaming += member.streaming ? 1 : 0;
        }
        QCOMPARE(streaming, 2);
        QCOMPARE(state.healthyEtcdCount(), 3);
        QCOMPARE(state.routedServers(QStringLiteral("primary")), QStringList{state.leader()->name});
        QCOMPARE(state.routedServers(QStringLiteral("replicas")).size(), 2);
        for (const QString& service : LabDefinition::allServices()) {
            QVERIFY2(status.container(service), qPrintable(service));
            QCOMPARE(status.container(service)->state, ContainerInfo::State::Running);
            QCOMPARE(status.container(service)->name, TestSupport::testLab().containerName(service));
        }
        QVERIFY(status.problems().isEmpty());
    }

    // An INSERT through HAProxy's primary port lands on the node Patroni calls the leader.
    void writeThroughPortBReachesTheLeader()
    {
        const LabDefinition lab = TestSupport::testLab();
        const LabStatus status = TestSupport::probe(lab);
        QVERIFY(status.state.leader());
        const QString leaderAddress = TestSupport::containerAddress(lab.containerName(status.state.leader()->name));
        QVERIFY(!leaderAddress.isEmpty());

        const WriteCheckResult write = PgWriteCheck::run(lab.libpqConninfo(lab.primaryPort()));
        QVERIFY2(write.ok, qPrintable(write.error));
        QVERIFY(!write.serverInRecovery);
        QCOMPARE(write.serverAddress, leaderAddress);
        QVERIFY(write.insertedId > 0);

        // Port B+1 balances over the replicas: a write there is refused as read-only (SQLSTATE 25006).
        const WriteCheckResult onReplica = PgWriteCheck::run(lab.libpqConninfo(lab.replicasPort()));
        QVERIFY(!onReplica.ok);
        QVERIFY2(onReplica.sqlState == QLatin1StringView("25006"), qPrintable(onReplica.error));
    }

    void cliStatusReportsTheSame()
    {
        const LabDefinition lab = TestSupport::testLab();
        const QStringList where{QStringLiteral("--project"), lab.project, QStringLiteral("--port-base"), QString::number(lab.portBase)};
        const auto json = TestSupport::runCli(QStringList{QStringLiteral("lab"), QStringLiteral("status"), QStringLiteral("--json")} + where);
        QCOMPARE(json.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const LabStatus status = TestSupport::probe(lab);
        QCOMPARE(object.value(QStringLiteral("healthy")).toBool(), true);
        QCOMPARE(object.value(QStringLiteral("leader")).toString(), status.state.leader()->name);
        QCOMPARE(object.value(QStringLiteral("etcd_healthy")).toInt(), 3);
        QCOMPARE(object.value(QStringLiteral("members")).toArray().size(), 3);
        QCOMPARE(object.value(QStringLiteral("writes_routed_to")).toArray(), QJsonArray{status.state.leader()->name});

        const auto table = TestSupport::runCli(QStringList{QStringLiteral("lab"), QStringLiteral("status")} + where);
        QCOMPARE(table.exitCode, 0);
        // patronictl's columns, whatever their widths (a column is as wide as its longest value: a replica's lag right
        // after a write can be wider than "Lag").
        const QStringList headerColumns{QStringLiteral("Member"), QStringLiteral("Host"), QStringLiteral("Role"),
                                        QStringLiteral("State"), QStringLiteral("TL"), QStringLiteral("Receive LSN"),
                                        QStringLiteral("Lag"), QStringLiteral("Replay LSN"), QStringLiteral("Lag")};
        const QStringList lines = table.out.split(u'\n');
        const bool hasHeader = std::any_of(lines.cbegin(), lines.cend(), [&](const QString& line) {
            QStringList cells = line.split(u'|');
            if (cells.size() < 3) {
                return false;
            }
            cells = cells.mid(1, cells.size() - 2);
            for (QString& cell : cells) {
                cell = cell.trimmed();
            }
            return cells == headerColumns;
        });
        QVERIFY2(hasHeader, qPrintable(table.out));
        QVERIFY(table.out.contains(QStringLiteral("etcd: 3/3 healthy, quorum yes")));
        QVERIFY(table.out.contains(QStringLiteral("Writes are routed to: ") + status.state.leader()->name));
    }

    void publishedPortsListenOnLoopbackOnly()
    {
        const LabDefinition lab = TestSupport::testLab();
        const auto ports = TestSupport::run(QStringLiteral("docker"), {QStringLiteral("port"), lab.containerName(QStringLiteral("haproxy"))});
        QCOMPARE(ports.exitCode, 0);
        const QStringList lines = ports.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString& line : lines) {
            QVERIFY2(line.contains(QStringLiteral("-> 127.0.0.1:")), qPrintable(line));
        }
    }
};

QTEST_GUILESS_MAIN(TestLabSmoke)
#include "tst_labsmoke.moc"
