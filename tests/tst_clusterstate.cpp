// SPDX-License-Identifier: GPL-3.0-or-later
// Change events computed from observations recorded on real clusters (see tests/fixtures/*/README.md).
#include "clusterstate.h"
#include "displaytext.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QTest>

using TestSupport::fixture;
using Kind = ClusterEvent::Kind;

namespace {

QList<MemberState> membersFrom(const QString& clusterFile, const QHash<QString, PatroniNodeStatus>& nodes = {})
{
    const auto cluster = PatroniApi::parseCluster(fixture(clusterFile));
    if (!cluster.ok()) {
        qFatal("bad fixture %s", qPrintable(clusterFile));
    }
    return buildMemberStates(cluster.value(), nodes, {});
}

QList<HaproxyBackendState> backendsFrom(const QString& csvFile)
{
    return buildBackendStates(HaproxyStatsParser::parse(fixture(csvFile)).value());
}

QStringList describe(const QList<ClusterEvent>& events)
{
    QStringList lines;
    for (const ClusterEvent& event : events) {
        lines << ClusterEvent::kindName(event.kind) + u' ' + event.describe();
    }
    return lines;
}

EtcdMemberState etcdMember(const char* name, bool healthy)
{
    EtcdMemberState member;
    member.name = QString::fromLatin1(name);
    member.healthy = healthy;
    member.reachable = healthy;
    member.error = healthy ? QString() : QStringLiteral("no answer (Connection refused)");
    return member;
}

ContainerInfo container(const char* name, ContainerInfo::State state)
{
    ContainerInfo info;
    info.name = QString::fromLatin1(name);
    info.state = state;
    return info;
}

} // namespace

class TestClusterState : public QObject
{
    Q_OBJECT
private slots:
    void leaderStop_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("lab: docker stop demo-patroni1")
            << QStringLiteral("lab-patroni-4.0/cluster-healthy.json") << QStringLiteral("lab-patroni-4.0/cluster-after-leader-stop.json")
            << QStringList{QStringLiteral("leader_changed leader changed: patroni1 → patroni3"),
                           QStringLiteral("timeline_changed timeline changed: 1 → 2"),
                           QStringLiteral("member_role_changed patroni1 role: Leader → Replica"),
                           QStringLiteral("member_state_changed patroni1 state: running → stopped"),
                           QStringLiteral("member_role_changed patroni3 role: Replica → Leader"),
                           QStringLiteral("member_state_changed patroni3 state: streaming → running")};
        QTest::newRow("Patroni 3.0: stopped member drops out after the ttl")
            << QStringLiteral("bookworm-patroni-3.0/cluster-after-leader-stop.json")
            << QStringLiteral("bookworm-patroni-3.0/cluster-after-leader-stop-40s.json")
            << QStringList{QStringLiteral("member_vanished patroni2 left the cluster (its member key expired)")};
        QTest::newRow("no change") << QStringLiteral("lab-patroni-4.0/cluster-healthy.json")
                                   << QStringLiteral("lab-patroni-4.0/cluster-healthy.json") << QStringList{};
    }
    void leaderStop()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QStringList, expected);
        const auto events = ClusterDiff::members(membersFrom(before), membersFrom(after));
        QCOMPARE(describe(events), expected);
        for (const ClusterEvent& event : events) {
            QVERIFY(event.timeNs > 0);
        }
    }

    void patroniUnreachableIsOneEventNotVanishedMembers()
    {
        const auto events = ClusterDiff::members(membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json")), std::nullopt);
        QCOMPARE(describe(events), QStringList{QStringLiteral("patroni_unreachable no Patroni REST API answers")});
        QVERIFY(ClusterDiff::members(std::nullopt, std::nullopt).isEmpty());
    }

    void etcdQuorum_data()
    {
        QTest::addColumn<QList<bool>>("before");
        QTest::addColumn<QList<bool>>("after");
        QTest::addColumn<QStringList>("kinds");
        QTest::newRow("one down keeps quorum") << QList<bool>{true, true, true} << QList<bool>{false, true, true}
                                               << QStringList{QStringLiteral("etcd_member_down")};
        QTest::newRow("second down loses quorum") << QList<bool>{false, true, true} << QList<bool>{false, false, true}
                                                  << QStringList{QStringLiteral("etcd_member_down"), QStringLiteral("etcd_quorum_lost")};
        QTest::newRow("one back restores it") << QList<bool>{false, false, false} << QList<bool>{true, false, true}
                                              << QStringList{QStringLiteral("etcd_member_up"), QStringLiteral("etcd_member_up"),
                                                             QStringLiteral("etcd_quorum_restored")};
        QTest::newRow("unchanged") << QList<bool>{true, true, false} << QList<bool>{true, true, false} << QStringList{};
    }
    void etcdQuorum()
    {
        QFETCH(QList<bool>, before);
        QFETCH(QList<bool>, after);
        QFETCH(QStringList, kinds);
        const auto members = [](const QList<bool>& health) {
            return QList<EtcdMemberState>{etcdMember("etcd1", health[0]), etcdMember("etcd2", health[1]),
                                          etcdMember("etcd3", health[2])};
        };
        QStringList actual;
        for (const ClusterEvent& event : ClusterDiff::etcd(members(before), members(after))) {
            actual << ClusterEvent::kindName(event.kind);
        }
        QCOMPARE(actual, kinds);
    }

    void haproxyAfterLeaderStop()
    {
        const auto events = ClusterDiff::haproxy(backendsFrom(QStringLiteral("lab-patroni-4.0/haproxy-stats-healthy.csv")),
                                                 backendsFrom(QStringLiteral("lab-patroni-4.0/haproxy-stats-after-leader-stop.csv")));
        QCOMPARE(describe(events), (QStringList{QStringLiteral("haproxy_backend_down HAProxy primary/patroni1 DOWN (L4TOUT)"),
                                                QStringLiteral("haproxy_backend_up HAProxy primary/patroni3 UP"),
                                                QStringLiteral("haproxy_backend_down HAProxy replicas/patroni3 DOWN (L7STS)")}));
        const auto gone = ClusterDiff::haproxy(backendsFrom(QStringLiteral("lab-patroni-4.0/haproxy-stats-healthy.csv")), std::nullopt);
        QCOMPARE(describe(gone), QStringList{QStringLiteral("haproxy_unreachable HAProxy stats do not answer")});
    }

    void containerStates()
    {
        using State = ContainerInfo::State;
        const QList<ContainerInfo> before{container("demo-etcd1", State::Running), container("demo-patroni1", State::Running)};
        const QList<ContainerInfo> after{container("demo-etcd1", State::Paused), container("demo-patroni1", State::Running),
                                         container("demo-haproxy", State::Created)};
        QCOMPARE(describe(ClusterDiff::containers(before, after)),
                 (QStringList{QStringLiteral("container_state_changed container demo-etcd1: running → paused"),
                              QStringLiteral("container_state_changed container demo-haproxy: missing → created")}));
    }

    // A stopped leader is not a replica: Patroni 4 lists it as "replica" in state "stopped" after `docker stop`
    // (it demoted itself on the way down), a killed one as the leader until its key expires.
    void downMembersKeepTheirLastRole_data()
    {
        QTest::addColumn<QString>("afterFile");
        QTest::addColumn<ContainerInfo::State>("patroni1Container");
        QTest::addColumn<bool>("containersKnown");
        QTest::newRow("docker stop: Patroni says stopped") << "lab-patroni-4.0/cluster-after-leader-stop.json"
                                                           << ContainerInfo::State::Exited << true;
        QTest::newRow("stopped, containers not observed") << "lab-patroni-4.0/cluster-after-leader-stop.json"
                                                          << ContainerInfo::State::Unknown << false;
        QTest::newRow("docker kill: still listed as leader") << "lab-patroni-4.0/cluster-healthy.json"
                                                             << ContainerInfo::State::Exited << true;
    }

    void downMembersKeepTheirLastRole()
    {
        QFETCH(QString, afterFile);
        QFETCH(ContainerInfo::State, patroni1Container);
        QFETCH(bool, containersKnown);
        const auto withContainers = [](QList<MemberState> members) {
            for (MemberState& member : members) {
                member.container = QStringLiteral("demo-") + member.name;
            }
            return members;
        };
        QHash<QString, KnownRole> lastRoles;
        const QList<ContainerInfo> running { container("demo-patroni1", ContainerInfo::State::Running) };
        QList<MemberState> healthy = withContainers(membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json")));
        markDownMembers(healthy, running, lastRoles);
        QVERIFY(!healthy.first().down);
        QCOMPARE(DisplayText::role(healthy.first()), QStringLiteral("Leader"));

        QList<MemberState> after = withContainers(membersFrom(afterFile));
        const auto containers = containersKnown
            ? std::optional<QList<ContainerInfo>>(QList<ContainerInfo> { container("demo-patroni1", patroni1Container) })
            : std::nullopt;
        markDownMembers(after, containers, lastRoles);
        const MemberState& stopped = after.first();
        QCOMPARE(stopped.name, QStringLiteral("patroni1"));
        QVERIFY(stopped.down);
        QCOMPARE(stopped.lastRole, PatroniMember::Role::Leader);
        QCOMPARE(DisplayText::role(stopped), QStringLiteral("Stopped (was Leader)"));
        // Patroni's own word stays for events and the patronictl-like CLI.
        QVERIFY(stopped.displayRole() == QStringLiteral("Replica") || stopped.displayRole() == QStringLiteral("Leader"));
        for (qsizetype i = 1; i < after.size(); ++i) {
            QVERIFY(!after.at(i).down);
            QVERIFY(DisplayText::role(after.at(i)) != QStringLiteral("Stopped"));
        }
        // Seen running again (as a replica): its role is Patroni's again.
        QList<MemberState> back = withContainers(membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json")));
        back.first().role = PatroniMember::Role::Replica;
        markDownMembers(back, running, lastRoles);
        QCOMPARE(DisplayText::role(back.first()), QStringLiteral("Replica"));
        QCOMPARE(lastRoles.value(QStringLiteral("patroni1")).role, PatroniMember::Role::Replica);
    }

    // A member never seen running is just "Stopped".
    void downMemberWithoutHistory()
    {
        QHash<QString, KnownRole> lastRoles;
        QList<MemberState> after = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-after-leader-stop.json"));
        markDownMembers(after, std::nullopt, lastRoles);
        QCOMPARE(DisplayText::role(after.first()), QStringLiteral("Stopped"));
    }

    // Patroni 4.0's /cluster has one lag figure: receive/replay LSN and lag come from each node's /patroni.
    void lsnAndLagFromNodeStatus()
    {
        QHash<QString, PatroniNodeStatus> nodes;
        nodes.insert(QStringLiteral("patroni1"), PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-leader.json"))).value());
        PatroniNodeStatus replica = PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-replica.json"))).value();
        replica.replayedPosition = *replica.replayedPosition - 3 * 1048576; // 3 MiB behind on replay
        nodes.insert(QStringLiteral("patroni2"), replica);
        const QList<MemberState> members = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"), nodes);
        const MemberState& patroni2 = members.at(1);
        QCOMPARE(patroni2.name, QStringLiteral("patroni2"));
        QCOMPARE(patroni2.receiveLsn, QStringLiteral("0/4000060"));
        QCOMPARE(patroni2.receiveLagBytes.value_or(-1), 0);
        QCOMPARE(patroni2.replayLagBytes.value_or(-1), 0); // /cluster's own lag wins when present
        QVERIFY(patroni2.apiReachable);
        QCOMPARE(patroni2.patroniVersion, QStringLiteral("4.0.7"));
        QVERIFY(!members.at(2).apiReachable);
        QVERIFY(members.at(0).receiveLsn.isEmpty()); // the leader has no receive position
    }

    // What a scenario report says about the replicas when an action started, from real captures.
    void replicasForTheReport()
    {
        QHash<QString, PatroniNodeStatus> nodes;
        nodes.insert(QStringLiteral("patroni1"), PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-leader.json"))).value());
        ClusterState state;
        state.members = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"), nodes);
        (*state.members)[1].replayLagBytes = 3 * 1048576 + 1;
        (*state.members)[1].receiveLagBytes = 2048;
        (*state.members)[2].lagUnknown = true;
        QCOMPARE(describeReplicas(state), QStringLiteral("patroni2 streaming, replay lag 3.0 MiB (received: 2.0 KiB behind); "
                                                         "patroni3 streaming, lag unknown"));
        QCOMPARE(describeReplicas(ClusterState()), QString());
        QCOMPARE(formatByteCount(512), QStringLiteral("512 B"));
        QCOMPARE(formatByteCount(50LL * 1024 * 1024 * 1024), QStringLiteral("50 GiB"));
    }

    // When etcd loses quorum, /cluster may still name the old leader while the node already demoted itself.
    void nodeViewOverridesStaleClusterView()
    {
        QHash<QString, PatroniNodeStatus> nodes;
        PatroniNodeStatus demoted = PatroniApi::parseNodeStatus(fixture(QStringLiteral("bookworm-patroni-3.0/patroni-leader-etcd-quorum-lost-30s.json"))).value();
        nodes.insert(QStringLiteral("patroni1"), demoted);
        const QList<MemberState> members = membersFrom(QStringLiteral("bookworm-patroni-3.0/cluster-etcd-quorum-lost-30s.json"), nodes);
        QCOMPARE(PatroniApi::parseCluster(fixture(QStringLiteral("bookworm-patroni-3.0/cluster-etcd-quorum-lost-30s.json")))
                     .value()
                     .leader()
                     ->name,
                 QStringLiteral("patroni1")); // the stale DCS view
        QCOMPARE(members.at(0).name, QStringLiteral("patroni1"));
        QVERIFY(!members.at(0).isLeader());
        QCOMPARE(members.at(0).displayRole(), QStringLiteral("Replica"));
        // So the observer reports that the cluster has no leader: it went read-only.
        const auto events = ClusterDiff::members(membersFrom(QStringLiteral("bookworm-patroni-3.0/cluster-etcd-quorum-lost-30s.json")), members);
        QCOMPARE(describe(events).first(), QStringLiteral("leader_changed leader changed: patroni1 → (none)"));
    }

    // Whether a replica streams, from what each Patroni version offers (buildMemberStates), on real captures.
    // nodes: the members whose own /patroni answered, as member=fixture; "~in archive recovery" after it sets
    // that node's replication_state (as Patroni >= 3.0.4 reports a replica that restores from the archive), and
    // "#patroni1" drops that member's walsender from a leader's list (it disconnected).
    void streaming_data()
    {
        QTest::addColumn<QString>("clusterFile");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("streaming");
        const QString p3 = QStringLiteral("bookworm-patroni-3.0/");
        const QString p4 = QStringLiteral("lab-patroni-4.0/");
        // Patroni 3.0.2: /cluster says "running"; the leader's walsenders tell.
        QTest::newRow("3.0 healthy, leader and a replica answer")
            << p3 + u"cluster-healthy.json"
            << QStringList{QStringLiteral("patroni2=") + p3 + u"patroni-leader.json", QStringLiteral("patroni1=") + p3 + u"patroni-replica.json"}
            << QStringList{QStringLiteral("patroni1"), QStringLiteral("patroni3")};
        QTest::newRow("3.0 healthy, only the leader answers")
            << p3 + u"cluster-healthy.json" << QStringList{QStringLiteral("patroni2=") + p3 + u"patroni-leader.json"}
            << QStringList{QStringLiteral("patroni1"), QStringLiteral("patroni3")};
        QTest::newRow("3.0 a replica's walsender is gone")
            << p3 + u"cluster-healthy.json" << QStringList{QStringLiteral("patroni2=") + p3 + u"patroni-leader.json#patroni1"}
            << QStringList{QStringLiteral("patroni3")};
        // "running" alone does not say that WAL arrives.
        QTest::newRow("3.0 healthy, the leader's API is silent")
            << p3 + u"cluster-healthy.json" << QStringList{QStringLiteral("patroni1=") + p3 + u"patroni-replica.json"} << QStringList();
        QTest::newRow("3.0 after leader stop: patroni3 still on the old timeline") << p3 + u"cluster-after-leader-stop.json"
                                                                                   << QStringList() << QStringList();
        // The demoted old leader still lists its walsenders, but there is no leader to stream from.
        QTest::newRow("3.0 quorum lost, leader demoted")
            << p3 + u"cluster-etcd-quorum-lost-30s.json"
            << QStringList{QStringLiteral("patroni1=") + p3 + u"patroni-leader-etcd-quorum-lost-30s.json"} << QStringList();
        // Patroni 4: /cluster says "streaming"; a replica's own replication_state is fresher when it answers.
        QTest::newRow("4.0 healthy, /cluster only") << p4 + u"cluster-healthy.json" << QStringList()
                                                    << QStringList{QStringLiteral("patroni2"), QStringLiteral("patroni3")};
        QTest::newRow("4.0 healthy, every source")
            << p4 + u"cluster-healthy.json"
            << QStringList{QStringLiteral("patroni1=") + p4 + u"patroni-leader.json", QStringLiteral("patroni2=") + p4 + u"patroni-replica.json"}
            << QStringList{QStringLiteral("patroni2"), QStringLiteral("patroni3")};
        QTest::newRow("4.0 replica restores from the archive")
            << p4 + u"cluster-healthy.json" << QStringList{QStringLiteral("patroni2=") + p4 + u"patroni-replica.json~in archive recovery"}
            << QStringList{QStringLiteral("patroni3")};
        QTest::newRow("4.0 after leader stop") << p4 + u"cluster-after-leader-stop.json" << QStringList()
                                               << QStringList{QStringLiteral("patroni2")};
        QTest::newRow("4.1 documentation") << QStringLiteral("patroni-4.1-docs/cluster.json") << QStringList()
                                           << QStringList{QStringLiteral("patroni2")};
    }
    void streaming()
    {
        QFETCH(QString, clusterFile);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, streaming);
        QHash<QString, PatroniNodeStatus> statuses;
        for (const QString& node : nodes) {
            const QString member = node.section(u'=', 0, 0);
            QString file = node.section(u'=', 1);
            const QString replicationState = file.section(u'~', 1);
            file = file.section(u'~', 0, 0);
            const QString dropped = file.section(u'#', 1);
            file = file.section(u'#', 0, 0);
            auto parsed = PatroniApi::parseNodeStatus(fixture(file));
            QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
            PatroniNodeStatus status = parsed.value();
            if (!replicationState.isEmpty()) {
                status.replicationState = replicationState;
            }
            status.replication.removeIf([&dropped](const PatroniReplicationConnection& c) { return c.applicationName == dropped; });
            statuses.insert(member, status);
        }
        ClusterState state;
        state.members = membersFrom(clusterFile, statuses);
        QCOMPARE(state.streamingReplicas(), streaming);
        for (const MemberState& member : *state.members) {
            QCOMPARE(member.streaming, streaming.contains(member.name));
            QCOMPARE(state.toJson().value(QStringLiteral("members")).toArray().at(state.members->indexOf(member)).toObject()
                         .value(QStringLiteral("streaming")).toBool(),
                     member.streaming);
        }
    }

    void formatLsn_data()
    {
        QTest::addColumn<qint64>("position");
        QTest::addColumn<QString>("lsn");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0/0");
        QTest::newRow("lab report") << qint64(0x404FA28) << QStringLiteral("0/404FA28");
        QTest::newRow("high word") << qint64(0x1'0000'0010) << QStringLiteral("1/10");
    }
    void formatLsn()
    {
        QFETCH(qint64, position);
        QFETCH(QString, lsn);
        QCOMPARE(PatroniApi::formatLsn(position), lsn);
    }

    void nodeStatus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("name");
        QTest::newRow("4.0 primary") << "lab-patroni-4.0/patroni-leader.json" << int(PatroniMember::Role::Leader) << "4.0.7" << "patroni1";
        QTest::newRow("4.0 replica") << "lab-patroni-4.0/patroni-replica.json" << int(PatroniMember::Role::Replica) << "4.0.7" << "patroni2";
        QTest::newRow("3.0 master") << "bookworm-patroni-3.0/patroni-leader.json" << int(PatroniMember::Role::Leader) << "3.0.2" << "";
    }
    void nodeStatus()
    {
        QFETCH(QString, file);
        QFETCH(int, role);
        QFETCH(QString, version);
        QFETCH(QString, name);
        const auto parsed = PatroniApi::parseNodeStatus(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(int(parsed.value().role), role);
        QCOMPARE(parsed.value().patroniVersion, version);
        QCOMPARE(parsed.value().name, name);
        QCOMPARE(parsed.value().timeline.value_or(-1), 1);
        QVERIFY(!PatroniApi::parseNodeStatus(fixture(file).left(40)).ok());
    }

    void stateJsonShape()
    {
        ClusterState state;
        state.members = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"));
        state.haproxy = backendsFrom(QStringLiteral("lab-patroni-4.0/haproxy-stats-healthy.csv"));
        state.etcd = QList<EtcdMemberState>{etcdMember("etcd1", true), etcdMember("etcd2", true), etcdMember("etcd3", false)};
        const QJsonObject json = state.toJson();
        QCOMPARE(json.value(QStringLiteral("leader")).toString(), QStringLiteral("patroni1"));
        QCOMPARE(json.value(QStringLiteral("timeline")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("etcd_healthy")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("etcd_quorum")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("writes_routed_to")).toArray().first().toString(), QStringLiteral("patroni1"));
        QCOMPARE(json.value(QStringLiteral("members")).toArray().size(), 3);
    }
};

QTEST_APPLESS_MAIN(TestClusterState)
#include "tst_clusterstate.moc"
