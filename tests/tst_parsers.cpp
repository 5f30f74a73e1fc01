// SPDX-License-Identifier: GPL-3.0-or-later
// Parsers against responses captured from real clusters (tests/fixtures/*/README.md says how).
#include "dockerps.h"
#include "etcdapi.h"
#include "haproxystats.h"
#include "patroniapi.h"
#include "testsupport.h"

#include <QTest>

using TestSupport::fixture;

namespace {
QStringList names(const char* commaSeparated)
{
    return QString::fromLatin1(commaSeparated).split(u',', Qt::SkipEmptyParts);
}
} // namespace

class TestParsers : public QObject
{
    Q_OBJECT
private slots:
    void patroniCluster_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("leader");
        QTest::addColumn<int>("timeline");
        QTest::addColumn<QStringList>("replicaStates"); // of the other members, by name
        QTest::addColumn<QString>("stoppedMember");
        QTest::newRow("lab 4.0 healthy") << "lab-patroni-4.0/cluster-healthy.json" << "demo" << "patroni1" << 1
                                         << names("streaming,streaming") << QString();
        QTest::newRow("lab 4.0 after leader stop") << "lab-patroni-4.0/cluster-after-leader-stop.json" << "demo" << "patroni3" << 2
                                                   << names("stopped,streaming") << "patroni1";
        // Patroni 3.0 reports streaming replicas as "running" (tst_clusterstate: how streaming is decided) and has
        // no "scope".
        QTest::newRow("bookworm 3.0 healthy") << "bookworm-patroni-3.0/cluster-healthy.json" << QString() << "patroni2" << 1
                                              << names("running,running") << QString();
        QTest::newRow("bookworm 3.0 after leader stop") << "bookworm-patroni-3.0/cluster-after-leader-stop.json" << QString()
                                                        << "patroni1" << 2 << names("stopped,running") << "patroni2";
        QTest::newRow("4.1 documentation") << "patroni-4.1-docs/cluster.json" << "demo" << "patroni1" << 5
                                           << names("streaming") << QString();
    }
    void patroniCluster()
    {
        QFETCH(QString, file);
        QFETCH(QString, scope);
        QFETCH(QString, leader);
        QFETCH(int, timeline);
        QFETCH(QStringList, replicaStates);
        QFETCH(QString, stoppedMember);
        const auto parsed = PatroniApi::parseCluster(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        const PatroniCluster& cluster = parsed.value();
        QCOMPARE(cluster.scope, scope);
        QCOMPARE(cluster.leaderCount(), 1);
        QCOMPARE(cluster.leader()->name, leader);
        QCOMPARE(cluster.leader()->displayRole(), QStringLiteral("Leader"));
        QCOMPARE(cluster.leader()->timeline.value_or(-1), timeline);
        QVERIFY(!cluster.leader()->lagBytes.has_value());
        QStringList states;
        for (const PatroniMember& member : cluster.members) {
            if (!member.isLeader()) {
                states << member.state;
            }
        }
        QCOMPARE(states, replicaStates);
        if (!stoppedMember.isEmpty()) {
            const PatroniMember* stopped = cluster.member(stoppedMember);
            QVERIFY(stopped);
            QCOMPARE(stopped->state, QStringLiteral("stopped"));
            QVERIFY(stopped->lagUnknown);
            QVERIFY(!stopped->lagBytes.has_value());
            QVERIFY(!stopped->timeline.has_value());
        }
    }

    // GET /patroni's "replication" (pg_stat_replication of a primary) is the one sign of a streaming replica that
    // Patroni 3.0.2 gives; "replication_state" is a replica's own word from 3.0.4 on.
    void nodeStatusReplication_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("walsenders"); // application_name=state, in the order Patroni lists them
        QTest::addColumn<QString>("replicationState");
        QTest::newRow("3.0 leader") << "bookworm-patroni-3.0/patroni-leader.json"
                                    << names("patroni3=streaming,patroni1=streaming") << QString();
        QTest::newRow("3.0 replica") << "bookworm-patroni-3.0/patroni-replica.json" << QStringList() << QString();
        // Demoted by the quorum loss, it still serves the replicas that were connected to it.
        QTest::newRow("3.0 demoted leader") << "bookworm-patroni-3.0/patroni-leader-etcd-quorum-lost-30s.json"
                                            << names("patroni3=streaming,patroni2=streaming") << QString();
        QTest::newRow("4.0 leader") << "lab-patroni-4.0/patroni-leader.json"
                                    << names("patroni3=streaming,patroni2=streaming") << QString();
        QTest::newRow("4.0 replica") << "lab-patroni-4.0/patroni-replica.json" << QStringList() << "streaming";
    }
    void nodeStatusReplication()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, walsenders);
        QFETCH(QString, replicationState);
        const auto parsed = PatroniApi::parseNodeStatus(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QStringList found;
        for (const PatroniReplicationConnection& connection : parsed.value().replication) {
            found << connection.applicationName + u'=' + connection.state;
            QCOMPARE(connection.syncState, QStringLiteral("async"));
            QVERIFY(connection.clientAddress.startsWith(QStringLiteral("172.")));
        }
        QCOMPARE(found, walsenders);
        QCOMPARE(parsed.value().replicationState, replicationState);
    }

    void patroni41LsnFields()
    {
        const auto parsed = PatroniApi::parseCluster(fixture(QStringLiteral("patroni-4.1-docs/cluster.json")));
        QVERIFY(parsed.ok());
        const PatroniMember* replica = parsed.value().member(QStringLiteral("patroni2"));
        QVERIFY(replica);
        QCOMPARE(replica->receiveLsn, QStringLiteral("0/4000060"));
        QCOMPARE(replica->replayLsn, QStringLiteral("0/4000060"));
        QCOMPARE(replica->receiveLagBytes.value_or(-1), 0);
        QCOMPARE(replica->replayLagBytes.value_or(-1), 0);
        QCOMPARE(replica->port, 5433);
    }

    void patroni30ReportsLagInBytes()
    {
        const auto parsed = PatroniApi::parseCluster(fixture(QStringLiteral("bookworm-patroni-3.0/cluster-after-leader-stop.json")));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().member(QStringLiteral("patroni3"))->lagBytes.value_or(-1), 280);
    }

    void roles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("role");
        QTest::newRow("leader") << "leader" << int(PatroniMember::Role::Leader);
        QTest::newRow("master (Patroni 3)") << "master" << int(PatroniMember::Role::Leader);
        QTest::newRow("primary (Patroni 4)") << "primary" << int(PatroniMember::Role::Leader);
        QTest::newRow("sync standby") << "sync_standby" << int(PatroniMember::Role::SyncStandby);
        QTest::newRow("quorum standby") << "quorum_standby" << int(PatroniMember::Role::QuorumStandby);
        QTest::newRow("standby leader") << "standby_leader" << int(PatroniMember::Role::StandbyLeader);
        QTest::newRow("replica") << "replica" << int(PatroniMember::Role::Replica);
        QTest::newRow("nonsense") << "boss" << int(PatroniMember::Role::Unknown);
    }
    void roles()
    {
        QFETCH(QString, text);
        QFETCH(int, role);
        QCOMPARE(int(PatroniApi::roleFromString(text)), role);
    }

    void malformedPatroni_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("errorFragment");
        const QByteArray healthy = fixture(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"));
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
        QTest::newRow("truncated") << healthy.left(healthy.size() / 2) << "not valid JSON";
        QTest::newRow("html error page") << QByteArray("<html>502 Bad Gateway</html>") << "not valid JSON";
        QTest::newRow("no members") << QByteArray(R"({"scope":"demo"})") << "no \"members\" array";
        QTest::newRow("members not array") << QByteArray(R"({"members":{}})") << "no \"members\" array";
        QTest::newRow("member without name") << QByteArray(R"({"members":[{"role":"leader"}]})") << "without a name";
        QTest::newRow("array root") << QByteArray("[1,2]") << "no \"members\" array";
    }
    void malformedPatroni()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, errorFragment);
        const auto parsed = PatroniApi::parseCluster(body);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(errorFragment), qPrintable(parsed.error()));
    }

    void haproxyStats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("primaryUp");
        QTest::addColumn<QStringList>("replicasUp");
        QTest::addColumn<QString>("downCheck"); // check_status of a stopped node, if any
        QTest::addColumn<int>("primarySessionsMax"); // smax of the primary listener's backend row
        QTest::newRow("lab healthy") << "lab-patroni-4.0/haproxy-stats-healthy.csv" << names("patroni1")
                                         << names("patroni2,patroni3") << QString() << 1;
        QTest::newRow("lab after leader stop") << "lab-patroni-4.0/haproxy-stats-after-leader-stop.csv"
                                               << names("patroni3") << names("patroni2") << "L4TOUT" << 1;
        QTest::newRow("haproxy 2.6 healthy") << "bookworm-patroni-3.0/haproxy-stats-healthy.csv" << names("patroni2")
                                             << names("patroni1,patroni3") << QString() << 0;
    }
    void haproxyStats()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, primaryUp);
        QFETCH(QStringList, replicasUp);
        QFETCH(QString, downCheck);
        QFETCH(int, primarySessionsMax);
        const auto parsed = HaproxyStatsParser::parse(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        for (const HaproxyStatsRow& row : parsed.value().rows) {
            if (row.proxy == QLatin1StringView("primary") && row.server == QLatin1StringView("BACKEND")) {
                QCOMPARE(row.sessionsMax, primarySessionsMax);
                QCOMPARE(row.queuedMax, 0);
                QCOMPARE(row.sessions, 0);
            }
        }
        QCOMPARE(parsed.value().upServers(QStringLiteral("primary")), primaryUp);
        QCOMPARE(parsed.value().upServers(QStringLiteral("replicas")), replicasUp);
        QCOMPARE(parsed.value().servers(QStringLiteral("primary")).size(), 3);
        for (const HaproxyStatsRow& row : parsed.value().servers(QStringLiteral("primary"))) {
            if (!row.isUp()) {
                QVERIFY(row.checkStatus == QLatin1StringView("L7STS") || row.checkStatus == downCheck);
            } else {
                QCOMPARE(row.checkStatus, QStringLiteral("L7OK"));
                QCOMPARE(row.checkCode, 200);
            }
        }
    }

    void malformedHaproxy_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("errorFragment");
        const QByteArray healthy = fixture(QStringLiteral("lab-patroni-4.0/haproxy-stats-healthy.csv"));
        QTest::newRow("empty") << QByteArray() << "not CSV";
        QTest::newRow("html") << QByteArray("<html><body>stats</body></html>") << "not CSV";
        QTest::newRow("no status column") << QByteArray("# pxname,svname\nprimary,patroni1\n") << "no 'status' column";
        QTest::newRow("truncated row") << (healthy.left(healthy.indexOf('\n') + 1) + "primary,patroni1,0,0") << "truncated";
    }
    void malformedHaproxy()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, errorFragment);
        const auto parsed = HaproxyStatsParser::parse(body);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(errorFragment), qPrintable(parsed.error()));
    }

    void etcdHealth_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("parses");
        QTest::addColumn<bool>("healthy");
        QTest::newRow("etcd 3.5 healthy") << fixture(QStringLiteral("lab-patroni-4.0/etcd-health.json")) << true << true;
        QTest::newRow("etcd 3.4 healthy") << fixture(QStringLiteral("bookworm-patroni-3.0/etcd-health.json")) << true << true;
        QTest::newRow("etcd 3.4 quorum lost")
            << fixture(QStringLiteral("bookworm-patroni-3.0/etcd-health-quorum-lost.json")) << true << false;
        QTest::newRow("boolean flag") << QByteArray(R"({"health":true})") << true << true;
        QTest::newRow("garbage") << QByteArray("{{") << false << false;
        QTest::newRow("no flag") << QByteArray(R"({"status":"ok"})") << false << false;
    }
    void etcdHealth()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, parses);
        QFETCH(bool, healthy);
        const auto parsed = EtcdApi::parseHealth(body);
        QCOMPARE(parsed.ok(), parses);
        if (parses) {
            QCOMPARE(parsed.value().healthy, healthy);
        }
    }

    void dockerPs_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("project");
        QTest::newRow("lab") << "lab-patroni-4.0/docker-ps.jsonl" << "demo";
        QTest::newRow("bookworm") << "bookworm-patroni-3.0/docker-ps.jsonl" << "p3fix";
    }
    void dockerPs()
    {
        QFETCH(QString, file);
        QFETCH(QString, project);
        const auto parsed = DockerPs::parse(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value().size(), 7);
        QStringList services;
        for (const ContainerInfo& container : parsed.value()) {
            QCOMPARE(container.composeProject(), project);
            QCOMPARE(container.name, project + u'-' + container.composeService());
            QCOMPARE(container.state, ContainerInfo::State::Running);
            QVERIFY(container.networksKnown);
            QCOMPARE(container.networks, QStringList{project + QStringLiteral("_lab")});
            services << container.composeService();
        }
        services.sort();
        QCOMPARE(services, names("etcd1,etcd2,etcd3,haproxy,patroni1,patroni2,patroni3"));
    }

    void dockerPsMalformed()
    {
        QVERIFY(!DockerPs::parse("{\"Names\":\"a\"}\nnot json\n").ok());
        QVERIFY(!DockerPs::parse("{\"ID\":\"abc\"}").ok());
        const auto empty = DockerPs::parse("\n\n");
        QVERIFY(empty.ok());
        QVERIFY(empty.value().isEmpty());
        // podman reports labels as an object.
        const auto podman = DockerPs::parse(R"({"Names":"demo-etcd1","State":"paused","Labels":{"com.docker.compose.service":"etcd1"}})");
        QVERIFY(podman.ok());
        QCOMPARE(podman.value().first().composeService(), QStringLiteral("etcd1"));
        QCOMPARE(podman.value().first().state, ContainerInfo::State::Paused);
        QVERIFY(!podman.value().first().networksKnown); // no "Networks": not known, which is not "cut off"
        // A container cut off from every network: docker reports an empty string.
        const auto cutOff = DockerPs::parse(R"({"Names":"demo-patroni1","State":"running","Networks":""})");
        QVERIFY(cutOff.ok());
        QVERIFY(cutOff.value().first().networksKnown);
        QVERIFY(cutOff.value().first().networks.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestParsers)
#include "tst_parsers.moc"
