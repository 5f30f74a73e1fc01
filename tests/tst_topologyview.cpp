// SPDX-License-Identifier: GPL-3.0-or-later
// The topology diagram and the node menu on states built from captured fixtures (tests/fixtures/lab-patroni-4.0)
// and on faults applied to them by hand: layout, hit-testing, menus, keys, rendering, accessibility.
#include "nodeactionmenu.h"
#include "testsupport.h"
#include "topologyview.h"

#include <QApplication>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using TestSupport::fixture;

namespace {

QString demo(const char* service)
{
    return QStringLiteral("demo-") + QLatin1StringView(service);
}

QList<ContainerInfo> fixtureContainers()
{
    QList<ContainerInfo> containers
        = DockerPs::parse(fixture(QStringLiteral("lab-patroni-4.0/docker-ps.jsonl"))).value();
    std::sort(containers.begin(), containers.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return containers;
}

// leaderAnswers: false once patroni1's container is stopped, so its /patroni no longer answers.
QList<MemberState> membersFrom(const QString& clusterFile, bool leaderAnswers = true)
{
    QHash<QString, PatroniNodeStatus> nodes;
    if (leaderAnswers) {
        nodes.insert(QStringLiteral("patroni1"),
            PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-leader.json"))).value());
    }
    nodes.insert(QStringLiteral("patroni2"),
        PatroniApi::parseNodeStatus(fixture(QStringLiteral("lab-patroni-4.0/patroni-replica.json"))).value());
    QHash<QString, QString> containers;
    for (const char* service : { "patroni1", "patroni2", "patroni3" }) {
        containers.insert(QLatin1StringView(service), demo(service));
    }
    return buildMemberStates(PatroniApi::parseCluster(fixture(clusterFile)).value(), nodes, containers);
}

QList<EtcdMemberState> etcdMembers(const QList<bool>& healthy)
{
    QList<EtcdMemberState> members;
    for (int i = 0; i < healthy.size(); ++i) {
        EtcdMemberState member;
        member.name = QStringLiteral("etcd%1").arg(i + 1);
        member.container = QStringLiteral("demo-etcd%1").arg(i + 1);
        member.healthy = healthy.at(i);
        member.reachable = healthy.at(i);
        member.raftLeader = i == 0 && healthy.at(i);
        member.raftTerm = healthy.at(i) ? 2 : 0;
        member.version = QStringLiteral("3.5.16");
        member.error = healthy.at(i) ? QString() : QStringLiteral("no answer (Connection refused)");
        members << member;
    }
    return members;
}

void setContainerState(ClusterState& state, const QString& container, ContainerInfo::State newState)
{
    for (ContainerInfo& info : *state.containers) {
        if (info.name == container) {
            info.state = newState;
        }
    }
}

ClusterState healthyState()
{
    ClusterState state;
    state.scope = QStringLiteral("demo");
    state.members = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-healthy.json"));
    state.etcd = etcdMembers({ true, true, true });
    state.haproxy = buildBackendStates(
        HaproxyStatsParser::parse(fixture(QStringLiteral("lab-patroni-4.0/haproxy-stats-healthy.csv"))).value());
    state.containers = fixtureContainers();
    return state;
}

// The cluster as discovery reports it: every container on the compose network, except the cut-off ones.
DiscoveredCluster discovered(const QStringList& cutOff = {})
{
    DiscoveredCluster cluster;
    cluster.name = QStringLiteral("demo");
    cluster.byComposeLabel = true;
    for (const ContainerInfo& info : fixtureContainers()) {
        ContainerDetails details;
        details.info = info;
        details.hostname = info.composeService();
        if (!cutOff.contains(info.name)) {
            details.networks << NetworkAttachment { QStringLiteral("demo_lab"), { info.composeService() },
                QStringLiteral("172.18.0.2") };
        }
        cluster.containers << details;
    }
    return cluster;
}

struct Scenario
{
    ClusterState state;
    DiscoveredCluster cluster;
};

Scenario scenario(const QString& name)
{
    Scenario result { healthyState(), discovered() };
    ClusterState& state = result.state;
    if (name == QLatin1StringView("leader stopped")) {
        state.members = membersFrom(QStringLiteral("lab-patroni-4.0/cluster-after-leader-stop.json"), false);
        state.haproxy = buildBackendStates(
            HaproxyStatsParser::parse(fixture(QStringLiteral("lab-patroni-4.0/haproxy-stats-after-leader-stop.csv")))
                .value());
        setContainerState(state, demo("patroni1"), ContainerInfo::State::Exited);
    } else if (name == QLatin1StringView("etcd quorum lost")) {
        state.etcd = etcdMembers({ true, false, false });
        setContainerState(state, demo("etcd2"), ContainerInfo::State::Exited);
        setContainerState(state, demo("etcd3"), ContainerInfo::State::Exited);
    } else if (name == QLatin1StringView("haproxy unreachable")) {
        state.haproxy.reset();
        setContainerState(state, demo("haproxy"), ContainerInfo::State::Paused);
    } else if (name == QLatin1StringView("replica paused")) {
        setContainerState(state, demo("patroni2"), ContainerInfo::State::Paused);
    } else if (name == QLatin1StringView("cut off")) {
        // `docker network disconnect` after the discovery: docker ps, polled by the observer, no longer lists the
        // network, while the discovery (docker inspect at start) still does.
        for (ContainerInfo& container : *state.containers) {
            if (container.name == demo("patroni3")) {
                container.networks.clear();
            }
        }
    } else if (name == QLatin1StringView("cut off, networks not in docker ps")) {
        // An engine whose docker ps has no "Networks": the discovery's view is all there is.
        for (ContainerInfo& container : *state.containers) {
            container.networksKnown = false;
        }
        result.cluster = discovered({ demo("patroni3") });
    }
    return result;
}

// The whole-container actions (the faults inside it: tst_nodeactionmenu).
QStringList enabledActions(const NodeActionMenu& menu)
{
    QStringList names;
    for (const QString& name : NodeActions::names()) {
        const NodeAction nodeAction = *NodeActions::fromName(name);
        if (nodeAction > NodeAction::Connect) {
            continue;
        }
        if (QAction* action = menu.actionFor(nodeAction); action && action->isEnabled()) {
            names << name;
        }
    }
    names.sort();
    return names;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

int nonWhitePixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            count += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        }
    }
    return count;
}

QImage render(TopologyView& view)
{
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

NodeActionRequest faultRequest(NodeAction action, const QString& container)
{
    NodeActionRequest request;
    request.action = action;
    request.container = container;
    return request;
}

void feed(TopologyView& view, const Scenario& s)
{
    view.setCluster(s.cluster);
    view.setState(s.state);
}

} // namespace

class TestTopologyView : public QObject
{
    Q_OBJECT
private slots:
    void scenarios_data()
    {
        QTest::addColumn<QString>("leaderContainer");
        QTest::addColumn<QString>("quorum");
        QTest::addColumn<QString>("focus");
        QTest::addColumn<QString>("containerText");
        QTest::addColumn<QStringList>("enabled");
        QTest::addColumn<int>("switchover"); // -1: no switchover entry, 0: disabled, 1: enabled

        const QString stop = QStringLiteral("stop");
        const QString start = QStringLiteral("start");
        const QString restart = QStringLiteral("restart");
        const QString kill = QStringLiteral("kill");
        const QString pause = QStringLiteral("pause");
        const QString unpause = QStringLiteral("unpause");
        const QString disconnect = QStringLiteral("disconnect");
        const QString connect = QStringLiteral("connect");
        QTest::newRow("healthy") << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("patroni2")
                                 << QStringLiteral("running") << sorted({ stop, restart, kill, pause, disconnect })
                                 << 1;
        QTest::newRow("healthy: the leader")
            << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("patroni1") << QStringLiteral("running")
            << sorted({ stop, restart, kill, pause, disconnect }) << 0;
        QTest::newRow("healthy: etcd") << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("etcd1")
                                       << QStringLiteral("running")
                                       << sorted({ stop, restart, kill, pause, disconnect }) << -1;
        QTest::newRow("healthy: haproxy")
            << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("haproxy") << QStringLiteral("running")
            << sorted({ stop, restart, kill, pause, disconnect }) << -1;
        QTest::newRow("leader stopped") << demo("patroni3") << QStringLiteral("quorum 3/3") << demo("patroni1")
                                        << QStringLiteral("stopped") << sorted({ start, disconnect }) << 0;
        QTest::newRow("etcd quorum lost") << demo("patroni1") << QStringLiteral("quorum lost 1/3") << demo("etcd2")
                                          << QStringLiteral("stopped") << sorted({ start, disconnect }) << -1;
        QTest::newRow("haproxy unreachable")
            << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("haproxy") << QStringLiteral("paused")
            << sorted({ stop, restart, kill, unpause, disconnect }) << -1;
        QTest::newRow("replica paused") << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("patroni2")
                                        << QStringLiteral("paused")
                                        << sorted({ stop, restart, kill, unpause, disconnect }) << 0;
        QTest::newRow("cut off") << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("patroni3")
                                 << QStringLiteral("cut off") << sorted({ stop, restart, kill, pause, connect }) << 0;
        QTest::newRow("cut off, networks not in docker ps")
            << demo("patroni1") << QStringLiteral("quorum 3/3") << demo("patroni3") << QStringLiteral("cut off")
            << sorted({ stop, restart, kill, pause, connect }) << 0;
    }
    void scenarios()
    {
        QFETCH(QString, leaderContainer);
        QFETCH(QString, quorum);
        QFETCH(QString, focus);
        QFETCH(QString, containerText);
        QFETCH(QStringList, enabled);
        QFETCH(int, switchover);
        const QString row = QString::fromLatin1(QTest::currentDataTag()).section(u':', 0, 0);
        const Scenario s = scenario(row);

        TopologyView view;
        view.resize(1000, 700);
        feed(view, s);

        QCOMPARE(view.containers().size(), 7);
        for (const QString& container : view.containers()) {
            const QRectF rect = view.nodeRect(container);
            QVERIFY2(!rect.isEmpty(), qPrintable(container));
            QVERIFY(QRectF(view.rect()).contains(rect));
            QCOMPARE(view.nodeAt(rect.center()), container);
        }
        QVERIFY(view.nodeAt(QPointF(1, 1)).isEmpty());

        QCOMPARE(view.roleOf(leaderContainer), QStringLiteral("Leader"));
        const QString leaderMember = leaderContainer.mid(5);
        QVERIFY2(view.accessibleDescription().contains(QStringLiteral("Leader %1").arg(leaderMember)),
            qPrintable(view.accessibleDescription()));
        QCOMPARE(view.quorumText(), quorum);
        QCOMPARE(view.containerStateText(focus), containerText);

        NodeActionMenu menu(view.contextFor(focus));
        QCOMPARE(menu.title(), focus);
        QCOMPARE(enabledActions(menu), enabled);
        QCOMPARE(menu.switchoverAction() ? int(menu.switchoverAction()->isEnabled()) : -1, switchover);
        QVERIFY(menu.healAllAction()->isEnabled());

        const QImage image = render(view);
        QVERIFY(nonWhitePixels(image) > image.width() * image.height() / 20);
        if (row != QLatin1StringView("healthy")) {
            TopologyView healthy;
            healthy.resize(1000, 700);
            feed(healthy, scenario(QStringLiteral("healthy")));
            QVERIFY(render(healthy) != image);
        }
        const QString pngDirectory = qEnvironmentVariable("PATRONI_LAB_TOPOLOGY_PNG_DIR");
        if (!pngDirectory.isEmpty()) {
            image.save(pngDirectory + u'/' + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')
                + QStringLiteral(".png"));
        }
    }

    void tooltipHasTheDetails()
    {
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(QStringLiteral("etcd quorum lost")));
        const QString replica = view.nodeDetails(demo("patroni2"));
        QVERIFY2(replica.contains(QStringLiteral("host patroni2")), qPrintable(replica));
        QVERIFY(replica.contains(QStringLiteral("Received up to 0/4000060")));
        QVERIFY(replica.contains(QStringLiteral("Patroni 4.0.7, PostgreSQL 17.12")));
        const QString etcd = view.nodeDetails(demo("etcd2"));
        QVERIFY2(etcd.contains(QStringLiteral("Connection refused")), qPrintable(etcd));
        QVERIFY(view.nodeDetails(demo("haproxy")).contains(QStringLiteral("primary/patroni1: UP")));
    }

    void menuActionsEmitSignals()
    {
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(QStringLiteral("healthy")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy actions(&view, &TopologyView::nodeActionRequested);
        QSignalSpy switchovers(&view, &TopologyView::switchoverRequested);
        QSignalSpy heals(&view, &TopologyView::healAllRequested);
        QSignalSpy selections(&view, &TopologyView::selectionChanged);

        // A left click on a node selects it and pops its menu up without blocking.
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeRect(demo("patroni2")).center().toPoint());
        QCOMPARE(view.selectedContainer(), demo("patroni2"));
        QCOMPARE(selections.size(), 1);
        QPointer<NodeActionMenu> menu = view.activeMenu();
        QVERIFY(menu);
        QCOMPARE(menu->context().container, demo("patroni2"));
        menu->actionFor(NodeAction::Kill)->trigger();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.first().at(0).value<NodeAction>(), NodeAction::Kill);
        QCOMPARE(actions.first().at(1).toString(), demo("patroni2"));
        menu->switchoverAction()->trigger();
        QCOMPARE(switchovers.size(), 1);
        QCOMPARE(switchovers.first().first().toString(), QStringLiteral("patroni2"));
        menu->healAllAction()->trigger();
        QCOMPARE(heals.size(), 1);
        menu->close();
        QTRY_VERIFY(!menu); // deletes itself

        // A right click on etcd: its menu has no switchover.
        QTest::mouseClick(&view, Qt::RightButton, {}, view.nodeRect(demo("etcd3")).center().toPoint());
        QVERIFY(view.activeMenu());
        QCOMPARE(view.activeMenu()->context().container, demo("etcd3"));
        QVERIFY(!view.activeMenu()->switchoverAction());
        view.activeMenu()->actionFor(NodeAction::Disconnect)->trigger();
        QCOMPARE(actions.last().at(0).value<NodeAction>(), NodeAction::Disconnect);
        QCOMPARE(actions.last().at(1).toString(), demo("etcd3"));
        view.activeMenu()->close();
    }

    void keys_data()
    {
        QTest::addColumn<QString>("scenarioName");
        QTest::addColumn<QString>("keys");
        QTest::addColumn<QString>("action"); // empty: no nodeActionRequested
        QTest::addColumn<QString>("container");
        QTest::addColumn<QString>("switchoverTo");
        QTest::addColumn<bool>("heal");
        const QString healthy = QStringLiteral("healthy");
        QTest::newRow("2 K kills patroni2")
            << healthy << QStringLiteral("2K") << QStringLiteral("kill") << demo("patroni2") << QString() << false;
        QTest::newRow("1 S stops the leader")
            << healthy << QStringLiteral("1S") << QStringLiteral("stop") << demo("patroni1") << QString() << false;
        QTest::newRow("4 P pauses etcd1")
            << healthy << QStringLiteral("4P") << QStringLiteral("pause") << demo("etcd1") << QString() << false;
        QTest::newRow("7 R restarts haproxy")
            << healthy << QStringLiteral("7R") << QStringLiteral("restart") << demo("haproxy") << QString() << false;
        QTest::newRow("6 N disconnects etcd3")
            << healthy << QStringLiteral("6N") << QStringLiteral("disconnect") << demo("etcd3") << QString() << false;
        QTest::newRow("T on a running node does nothing")
            << healthy << QStringLiteral("1T") << QString() << QString() << QString() << false;
        QTest::newRow("2 W switches over to patroni2")
            << healthy << QStringLiteral("2W") << QString() << QString() << QStringLiteral("patroni2") << false;
        QTest::newRow("W on the leader does nothing")
            << healthy << QStringLiteral("1W") << QString() << QString() << QString() << false;
        QTest::newRow("H heals all") << healthy << QStringLiteral("H") << QString() << QString() << QString() << true;
        QTest::newRow("P on a paused replica unpauses")
            << QStringLiteral("replica paused") << QStringLiteral("2P") << QStringLiteral("unpause") << demo("patroni2")
            << QString() << false;
        QTest::newRow("N on a cut-off node reconnects")
            << QStringLiteral("cut off") << QStringLiteral("3N") << QStringLiteral("connect") << demo("patroni3")
            << QString() << false;
        QTest::newRow("T starts the stopped leader")
            << QStringLiteral("leader stopped") << QStringLiteral("1T") << QStringLiteral("start") << demo("patroni1")
            << QString() << false;
        QTest::newRow("K on a stopped node does nothing")
            << QStringLiteral("leader stopped") << QStringLiteral("1K") << QString() << QString() << QString() << false;
    }

    // The fault keys that need no dialog: faultRequested with the container and nothing else.
    void faultKeys_data()
    {
        QTest::addColumn<QString>("scenarioName");
        QTest::addColumn<QString>("keys");
        QTest::addColumn<QString>("action"); // empty: no faultRequested
        QTest::addColumn<QString>("container");
        const QString healthy = QStringLiteral("healthy");
        QTest::newRow("2 C clears patroni2's impairment") << healthy << QStringLiteral("2C") << QStringLiteral("clear")
                                                          << demo("patroni2");
        QTest::newRow("5 U unpartitions etcd2") << healthy << QStringLiteral("5U") << QStringLiteral("unpartition")
                                                << demo("etcd2");
        QTest::newRow("1 G kills the leader's PostgreSQL") << healthy << QStringLiteral("1G")
                                                           << QStringLiteral("kill-postgres") << demo("patroni1");
        QTest::newRow("3 Z freezes PostgreSQL") << healthy << QStringLiteral("3Z") << QStringLiteral("freeze-postgres")
                                                << demo("patroni3");
        QTest::newRow("G on etcd does nothing") << healthy << QStringLiteral("4G") << QString() << QString();
        QTest::newRow("C on a stopped node does nothing")
            << QStringLiteral("leader stopped") << QStringLiteral("1C") << QString() << QString();
    }
    void faultKeys()
    {
        QFETCH(QString, scenarioName);
        QFETCH(QString, keys);
        QFETCH(QString, action);
        QFETCH(QString, container);
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(scenarioName));
        QSignalSpy faults(&view, &TopologyView::faultRequested);
        QSignalSpy actions(&view, &TopologyView::nodeActionRequested);
        for (const QChar key : keys) {
            QTest::keyClick(&view, key.toLatin1());
        }
        QCOMPARE(actions.size(), 0);
        if (action.isEmpty()) {
            QCOMPARE(faults.size(), 0);
            return;
        }
        QCOMPARE(faults.size(), 1);
        const auto request = faults.first().first().value<NodeActionRequest>();
        QCOMPARE(NodeActions::name(request.action), action);
        QCOMPARE(request.container, container);
    }

    void zThawsWhatTheWindowFroze()
    {
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(QStringLiteral("healthy")));
        InjectedFaults injected;
        injected.apply(faultRequest(NodeAction::FreezePostgres, demo("patroni2")));
        view.setInjectedFaults(injected);
        QSignalSpy faults(&view, &TopologyView::faultRequested);
        QTest::keyClick(&view, '2');
        QTest::keyClick(&view, 'Z');
        QCOMPARE(faults.size(), 1);
        QCOMPARE(faults.first().first().value<NodeActionRequest>().action, NodeAction::ThawPostgres);
    }

    // A fault the window injected is a badge line of its node: kept when a small box drops state details, in the
    // tooltip and the accessible description, gone once undone.
    void injectedFaultBadges()
    {
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(QStringLiteral("healthy")));
        const QImage before = render(view);

        InjectedFaults injected;
        NodeActionRequest impair = faultRequest(NodeAction::Impair, demo("patroni1"));
        impair.impairment = QStringList { QStringLiteral("delay"), QStringLiteral("100"), QStringLiteral("20") };
        injected.apply(impair);
        NodeActionRequest partition = faultRequest(NodeAction::Partition, demo("patroni2"));
        partition.peers = QStringList { QStringLiteral("etcd1=172.30.55.11"), QStringLiteral("etcd2=172.30.55.12"),
            QStringLiteral("etcd3=172.30.55.13") };
        injected.apply(partition);
        injected.apply(faultRequest(NodeAction::FreezePostgres, demo("patroni3")));
        NodeActionRequest cpu = faultRequest(NodeAction::LimitCpu, demo("patroni3"));
        cpu.cpus = 0.2;
        injected.apply(cpu);
        NodeActionRequest memory = faultRequest(NodeAction::LimitMemory, demo("etcd1"));
        memory.memoryBytes = 96 * 1024 * 1024;
        injected.apply(memory);
        injected.apply(faultRequest(NodeAction::KillPatroni, demo("haproxy"))); // nonsense, but shown
        view.setInjectedFaults(injected);

        QCOMPARE(view.faultText(demo("patroni1")), QStringLiteral("delay 100 ms ±20 ms"));
        QCOMPARE(view.faultText(demo("patroni2")), QStringLiteral("partitioned from etcd1 etcd2 etcd3"));
        QCOMPARE(view.faultText(demo("patroni3")), QStringLiteral("PostgreSQL frozen · CPU 0.2"));
        QCOMPARE(view.faultText(demo("etcd1")), QStringLiteral("memory 96m"));
        QCOMPARE(view.faultText(demo("haproxy")), QStringLiteral("Patroni killed"));
        QVERIFY(view.faultText(demo("etcd2")).isEmpty());

        // Right after name, role and state; before timeline and lag.
        const QStringList lines = view.visibleLines(demo("patroni1"));
        QCOMPARE(lines.indexOf(QStringLiteral("delay 100 ms ±20 ms")), 3);
        QCOMPARE(view.visibleLines(demo("etcd1")).indexOf(QStringLiteral("memory 96m")), 2);
        QVERIFY(view.nodeDetails(demo("patroni2")).contains(QStringLiteral("Injected fault: partitioned from etcd1 etcd2 etcd3")));
        QVERIFY2(view.accessibleDescription().contains(QStringLiteral("injected: PostgreSQL frozen · CPU 0.2")),
            qPrintable(view.accessibleDescription()));
        const QImage with = render(view);
        QVERIFY(with != before);
        if (const QString pngDirectory = qEnvironmentVariable("PATRONI_LAB_TOPOLOGY_PNG_DIR"); !pngDirectory.isEmpty()) {
            with.save(pngDirectory + QStringLiteral("/injected-faults.png"));
        }
        // The badge's amber is on the picture.
        const QRect box = view.nodeRect(demo("patroni1")).toRect();
        bool amber = false;
        for (int y = box.top(); y < box.bottom() && !amber; ++y) {
            for (int x = box.left(); x < box.right() && !amber; ++x) {
                amber = with.pixel(x, y) == qRgb(0xff, 0xdf, 0x99);
            }
        }
        QVERIFY(amber);

        // A small box drops timeline and lag first: the fault line stays.
        view.resize(520, 330);
        const QStringList small = view.visibleLines(demo("patroni1"));
        QVERIFY2(small.size() < lines.size(), qPrintable(small.join(u'|')));
        QVERIFY2(small.contains(QStringLiteral("delay 100 ms ±20 ms")), qPrintable(small.join(u'|')));

        // Undone: the line goes.
        injected.apply(faultRequest(NodeAction::Clear, demo("patroni1")));
        injected.apply(faultRequest(NodeAction::Stop, demo("patroni3"))); // thaws, keeps the CPU limit
        view.setInjectedFaults(injected);
        QVERIFY(view.faultText(demo("patroni1")).isEmpty());
        QCOMPARE(view.faultText(demo("patroni3")), QStringLiteral("CPU 0.2"));
        injected.clear();
        view.setInjectedFaults(injected);
        view.resize(1000, 700);
        QCOMPARE(render(view), before);
    }
    void keys()
    {
        QFETCH(QString, scenarioName);
        QFETCH(QString, keys);
        QFETCH(QString, action);
        QFETCH(QString, container);
        QFETCH(QString, switchoverTo);
        QFETCH(bool, heal);
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(scenarioName));
        QSignalSpy actions(&view, &TopologyView::nodeActionRequested);
        QSignalSpy switchovers(&view, &TopologyView::switchoverRequested);
        QSignalSpy heals(&view, &TopologyView::healAllRequested);
        for (const QChar key : keys) {
            QTest::keyClick(&view, key.toLatin1());
        }
        if (action.isEmpty()) {
            QCOMPARE(actions.size(), 0);
        } else {
            QCOMPARE(actions.size(), 1);
            QCOMPARE(actions.first().at(0).value<NodeAction>(), *NodeActions::fromName(action));
            QCOMPARE(actions.first().at(1).toString(), container);
        }
        QCOMPARE(switchovers.size(), switchoverTo.isEmpty() ? 0 : 1);
        if (!switchoverTo.isEmpty()) {
            QCOMPARE(switchovers.first().first().toString(), switchoverTo);
        }
        QCOMPARE(heals.size(), heal ? 1 : 0);
    }

    void keyboardNavigation()
    {
        TopologyView view;
        view.resize(1000, 700);
        feed(view, scenario(QStringLiteral("healthy")));
        QSignalSpy selections(&view, &TopologyView::selectionChanged);
        QVERIFY(view.selectedContainer().isEmpty());
        QTest::keyClick(&view, Qt::Key_Right); // the first arrow press selects the first node
        QCOMPARE(view.selectedContainer(), demo("patroni1"));
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.selectedContainer(), demo("patroni2"));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.selectedContainer(), demo("etcd2"));
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.selectedContainer(), demo("etcd1"));
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.selectedContainer(), demo("patroni1"));
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.selectedContainer(), demo("haproxy"));
        QTest::keyClick(&view, Qt::Key_5);
        QCOMPARE(view.selectedContainer(), demo("etcd2"));
        QCOMPARE(selections.size(), 7);
        QCOMPARE(selections.last().first().toString(), demo("etcd2"));

        // Tab walks through the nodes while the diagram has focus, then leaves it.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFocus();
        QTRY_VERIFY(view.hasFocus());
        QTest::keyClick(&view, Qt::Key_Tab);
        QCOMPARE(view.selectedContainer(), demo("etcd3"));
        QTest::keyClick(&view, Qt::Key_Backtab);
        QCOMPARE(view.selectedContainer(), demo("etcd2"));

        QTest::keyClick(&view, Qt::Key_Return);
        QVERIFY(view.activeMenu());
        QCOMPARE(view.activeMenu()->context().container, demo("etcd2"));
        view.activeMenu()->close();

        QVERIFY(TopologyView::keyBindings().size() >= 10);
        QVERIFY(view.whatsThis().contains(QStringLiteral("heal all")));
    }

    void emptyStatesAreExplained()
    {
        TopologyView view;
        view.resize(800, 500);
        QVERIFY(view.containers().isEmpty());
        QCOMPARE(view.summary(), QStringLiteral("No cluster found."));
        const QImage nothing = render(view);
        QVERIFY(nonWhitePixels(nothing) > 100); // the message is drawn

        view.setCluster(discovered());
        QCOMPARE(view.containers().size(), 7); // the nodes are known before any API answers
        QCOMPARE(view.summary(), QStringLiteral("Waiting for the first observation of the cluster."));
        const QImage waiting = render(view);
        QVERIFY(waiting != nothing);

        view.clear();
        QVERIFY(view.containers().isEmpty());
        QCOMPARE(render(view), nothing);
    }

    void scalesAndPresentationMode()
    {
        TopologyView view;
        feed(view, scenario(QStringLiteral("healthy")));
        view.resize(600, 400);
        const QRectF small = view.nodeRect(demo("patroni1"));
        view.resize(1500, 1000);
        const QRectF large = view.nodeRect(demo("patroni1"));
        QVERIFY(large.width() > small.width() * 2);
        QVERIFY(large.height() > small.height() * 2);
        const QImage normal = render(view);
        view.setPresentationMode(true);
        QVERIFY(view.presentationMode());
        QVERIFY(view.nodeRect(demo("patroni1")).height() > large.height()); // taller boxes, larger text
        render(view);
        // No text below the window's size and a bit (boxes leave out lines before that).
        QVERIFY(view.smallestTextPixelSize() >= 0.65 * QFontInfo(view.font()).pixelSize());
        for (const QString& container : view.containers()) {
            QCOMPARE(view.nodeAt(view.nodeRect(container).center()), container);
        }
        QVERIFY(render(view) != normal);
    }
};

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
