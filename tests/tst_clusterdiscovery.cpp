// SPDX-License-Identifier: GPL-3.0-or-later
// Discovery, node actions and the docker exec transport, on `docker inspect` output captured from real clusters.
#include "clusterdiscovery.h"
#include "clusterhealer.h"
#include "dockerruntime.h"
#include "endpointclient.h"
#include "testsupport.h"

#include <QTest>

using TestSupport::fixture;

namespace {

DiscoveredCluster labCluster()
{
    DiscoveredCluster cluster;
    cluster.name = QStringLiteral("demo");
    cluster.byComposeLabel = true;
    cluster.containers = DockerInspect::parse(fixture(QStringLiteral("lab-patroni-4.0/docker-inspect.json"))).value();
    return cluster;
}

} // namespace

class TestClusterDiscovery : public QObject
{
    Q_OBJECT
private slots:
    void inspect_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("network");
        QTest::addColumn<int>("restPort");
        QTest::newRow("lab") << "lab-patroni-4.0/docker-inspect.json" << "demo-patroni1" << "demo_lab" << 5510;
        QTest::newRow("bookworm") << "bookworm-patroni-3.0/docker-inspect-patroni1.json" << "p3fix-patroni1" << "p3fix_lab" << 27510;
    }
    void inspect()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(QString, network);
        QFETCH(int, restPort);
        const auto parsed = DockerInspect::parse(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        const ContainerDetails& patroni = parsed.value().first();
        QCOMPARE(patroni.info.name, name);
        QCOMPARE(patroni.info.state, ContainerInfo::State::Running);
        QCOMPARE(patroni.info.component(), ContainerInfo::Component::Patroni);
        QCOMPARE(patroni.info.loopbackPort(8008), restPort);
        QCOMPARE(patroni.info.loopbackPort(5432), 0);
        QCOMPARE(patroni.hostname, QStringLiteral("patroni1"));
        QCOMPARE(patroni.networks.size(), 1);
        QCOMPARE(patroni.networks.first().network, network);
        QVERIFY(patroni.networks.first().aliases.contains(QStringLiteral("patroni1")));
        QVERIFY(!patroni.networks.first().ipAddress.isEmpty());
    }

    void inspectRejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("object instead of array") << QByteArray(R"({"Name":"/x"})");
        QTest::newRow("truncated") << fixture(QStringLiteral("lab-patroni-4.0/docker-inspect.json")).left(500);
        QTest::newRow("no name") << QByteArray(R"([{"Id":"abc"}])");
    }
    void inspectRejectsGarbage()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!DockerInspect::parse(json).ok());
    }

    void classification_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("image");
        QTest::addColumn<int>("component");
        using C = ContainerInfo::Component;
        QTest::newRow("lab etcd by service") << "etcd2" << "/usr/local/bin/lab-node etcd" << "demo-etcd2" << "patroni-lab-node:1" << int(C::Etcd);
        // The Patroni repository's demo: one image "patroni" for every role, the command tells etcd and haproxy.
        QTest::newRow("demo etcd by command") << "" << "/bin/sh /entrypoint.sh etcd --name etcd1" << "demo-etcd1" << "patroni" << int(C::Etcd);
        QTest::newRow("demo haproxy by command") << "" << "/bin/sh /entrypoint.sh haproxy" << "demo-haproxy" << "patroni" << int(C::Haproxy);
        QTest::newRow("demo patroni by name") << "" << "/bin/sh /entrypoint.sh" << "demo-patroni2" << "patroni" << int(C::Patroni);
        QTest::newRow("unrelated") << "web" << "nginx -g daemon off;" << "demo-web" << "nginx" << int(C::Other);
    }
    void classification()
    {
        QFETCH(QString, service);
        QFETCH(QString, command);
        QFETCH(QString, name);
        QFETCH(QString, image);
        QFETCH(int, component);
        ContainerInfo info;
        if (!service.isEmpty()) {
            info.labels.insert(QStringLiteral("com.docker.compose.service"), service);
        }
        info.command = command;
        info.name = name;
        info.image = image;
        QCOMPARE(int(info.component()), component);
    }

    void findAcceptsNameOrService()
    {
        const DiscoveredCluster cluster = labCluster();
        QCOMPARE(cluster.find(QStringLiteral("demo-etcd1"))->info.name, QStringLiteral("demo-etcd1"));
        QCOMPARE(cluster.find(QStringLiteral("haproxy"))->info.name, QStringLiteral("demo-haproxy"));
        QVERIFY(!cluster.find(QStringLiteral("demo-patroni9")));
        const QString error = ClusterDiscovery::unknownContainerError(QStringLiteral("demo-patroni9"), cluster);
        QCOMPARE(error, QStringLiteral("unknown container 'demo-patroni9': cluster 'demo' has demo-etcd1, demo-haproxy, demo-patroni1"));
        QCOMPARE(cluster.sharedNetwork(), QStringLiteral("demo_lab"));
        QCOMPARE(cluster.aliasesFor(*cluster.find(QStringLiteral("patroni1"))), QStringList{QStringLiteral("patroni1")});
        QCOMPARE(cluster.components(ContainerInfo::Component::Etcd).size(), 1);
        QCOMPARE(cluster.psFilterArguments().last(), QStringLiteral("label=com.docker.compose.project=demo"));
    }

    void prefixSelectionIsAPrefix()
    {
        DiscoveredCluster cluster;
        cluster.name = QStringLiteral("demo");
        ContainerInfo ours;
        ours.name = QStringLiteral("demo-patroni1");
        ContainerInfo other;
        other.name = QStringLiteral("mydemo-patroni1");
        QVERIFY(cluster.belongs(ours));
        QVERIFY(!cluster.belongs(other));
        QCOMPARE(cluster.psFilterArguments().last(), QStringLiteral("name=demo-"));
    }

    // `node ACTION NAME` without --project: which cluster NAME belongs to, over docker ps -a of two real labs (demo,
    // Patroni 4; p3fix, Patroni 3.0) plus containers made up for the cases they lack.
    void clusterForContainer_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("defaultCluster");
        QTest::addColumn<QStringList>("sets"); // lab, p3, standalone, patroni-demo
        QTest::addColumn<QString>("cluster");  // empty: an error containing errorFragment
        QTest::addColumn<QString>("errorFragment");
        const QStringList both{QStringLiteral("lab"), QStringLiteral("p3")};
        QTest::newRow("full name of another lab") << "p3fix-patroni2" << "demo" << both << "p3fix" << QString();
        QTest::newRow("full name in the default lab") << "demo-etcd2" << "demo" << both << "demo" << QString();
        QTest::newRow("service of the default lab") << "patroni1" << "demo" << both << "demo" << QString();
        QTest::newRow("service of the only lab") << "patroni1" << "demo" << QStringList{QStringLiteral("p3")} << "p3fix" << QString();
        QTest::newRow("service of two labs") << "patroni1" << "lab2" << both << QString()
                                             << "'patroni1' is a service of several clusters (demo-patroni1, p3fix-patroni1)";
        QTest::newRow("unknown") << "lab9-patroni1" << "demo" << both << QString() << "no container named 'lab9-patroni1'";
        QTest::newRow("no compose label: the name's prefix") << "lab2-patroni2" << "demo"
                                                             << QStringList{QStringLiteral("lab"), QStringLiteral("standalone")}
                                                             << "lab2" << QString();
        QTest::newRow("container and service of the default") << "patroni1" << "demo"
                                                              << QStringList{QStringLiteral("lab"), QStringLiteral("standalone")}
                                                              << QString() << "'patroni1' is ambiguous";
        QTest::newRow("no label, no prefix") << "loner" << "demo" << QStringList{QStringLiteral("standalone")} << QString()
                                             << "belongs to no compose project";
        // Patroni's own demo: compose project "patroni", containers demo-*.
        QTest::newRow("Patroni's demo by container") << "demo-haproxy" << "demo" << QStringList{QStringLiteral("patroni-demo")}
                                                     << "patroni" << QString();
        QTest::newRow("Patroni's demo by service") << "haproxy" << "demo" << QStringList{QStringLiteral("patroni-demo")}
                                                   << "demo" << QString();
    }
    void clusterForContainer()
    {
        QFETCH(QString, requested);
        QFETCH(QString, defaultCluster);
        QFETCH(QStringList, sets);
        QFETCH(QString, cluster);
        QFETCH(QString, errorFragment);
        QList<ContainerInfo> all;
        const auto made = [](const char* name, const char* project, const char* service) {
            ContainerInfo info;
            info.name = QString::fromLatin1(name);
            if (*project) {
                info.labels.insert(QStringLiteral("com.docker.compose.project"), QString::fromLatin1(project));
                info.labels.insert(QStringLiteral("com.docker.compose.service"), QString::fromLatin1(service));
            }
            return info;
        };
        for (const QString& set : sets) {
            if (set == QLatin1StringView("lab")) {
                all << DockerPs::parse(fixture(QStringLiteral("lab-patroni-4.0/docker-ps.jsonl"))).value();
            } else if (set == QLatin1StringView("p3")) {
                all << DockerPs::parse(fixture(QStringLiteral("bookworm-patroni-3.0/docker-ps.jsonl"))).value();
            } else if (set == QLatin1StringView("standalone")) {
                all << made("lab2-patroni2", "", "") << made("patroni1", "", "") << made("loner", "", "");
            } else {
                all << made("demo-haproxy", "patroni", "haproxy") << made("demo-patroni1", "patroni", "patroni1");
            }
        }
        const auto found = ClusterDiscovery::clusterForContainer(all, requested, defaultCluster);
        if (cluster.isEmpty()) {
            QVERIFY(!found.ok());
            QVERIFY2(found.error().contains(errorFragment), qPrintable(found.error()));
        } else {
            QVERIFY2(found.ok(), qPrintable(found.error()));
            QCOMPARE(found.value(), cluster);
        }
    }

    void nodeActionArguments_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("commandLine");
        QTest::newRow("stop") << "stop" << "docker stop --time 10 demo-patroni1";
        QTest::newRow("start") << "start" << "docker start demo-patroni1";
        QTest::newRow("restart") << "restart" << "docker restart --time 10 demo-patroni1";
        QTest::newRow("kill") << "kill" << "docker kill --signal KILL demo-patroni1";
        QTest::newRow("pause") << "pause" << "docker pause demo-patroni1";
        QTest::newRow("unpause") << "unpause" << "docker unpause demo-patroni1";
        QTest::newRow("disconnect") << "disconnect" << "docker network disconnect demo_lab demo-patroni1";
        QTest::newRow("connect") << "connect" << "docker network connect --alias patroni1 demo_lab demo-patroni1";
    }
    void nodeActionArguments()
    {
        QFETCH(QString, action);
        QFETCH(QString, commandLine);
        NodeActionRequest request;
        request.action = *NodeActions::fromName(action);
        request.container = QStringLiteral("demo-patroni1");
        request.network = QStringLiteral("demo_lab");
        request.aliases = {QStringLiteral("patroni1")};
        ProcessResult result;
        result.program = QStringLiteral("docker");
        result.arguments = NodeActions::dockerArguments(request);
        QCOMPARE(result.commandLine(), commandLine);
        QCOMPARE(NodeActions::name(request.action), action);

        // Read back from a run's faults, the command line is the same action on the same container.
        const QList<NodeActionRequest> parsed = NodeActions::fromCommandLine(commandLine);
        QCOMPARE(parsed.size(), 1);
        QCOMPARE(NodeActions::name(parsed.first().action), action);
        QCOMPARE(parsed.first().container, request.container);
        const bool network = request.action == NodeAction::Disconnect || request.action == NodeAction::Connect;
        QCOMPARE(parsed.first().network, network ? request.network : QString());
        ProcessResult again;
        again.program = QStringLiteral("docker");
        again.arguments = NodeActions::dockerArguments(parsed.first());
        QCOMPARE(again.commandLine(), commandLine);
    }

    void commandLinesReadBack_data()
    {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QStringList>("expected"); // "action container network"
        QTest::newRow("several containers") << "/usr/bin/docker start demo-etcd1 demo-etcd2"
                                            << QStringList{QStringLiteral("start demo-etcd1 "), QStringLiteral("start demo-etcd2 ")};
        QTest::newRow("option with =") << "docker stop --time=5 demo-patroni1" << QStringList{QStringLiteral("stop demo-patroni1 ")};
        QTest::newRow("forced disconnect") << "docker network disconnect -f demo_lab demo-patroni2"
                                           << QStringList{QStringLiteral("disconnect demo-patroni2 demo_lab")};
        QTest::newRow("quoted") << "docker network connect --alias 'patroni 2' demo_lab demo-patroni2"
                                << QStringList{QStringLiteral("connect demo-patroni2 demo_lab")};
        QTest::newRow("switchover through exec")
            << "docker exec demo-patroni1 curl -s -X POST http://127.0.0.1:8008/switchover" << QStringList{};
        QTest::newRow("switchover over HTTP") << "curl -s -X POST http://127.0.0.1:5510/switchover" << QStringList{};
        QTest::newRow("other network command") << "docker network inspect demo_lab" << QStringList{};
        QTest::newRow("no container") << "docker stop" << QStringList{};
    }
    void commandLinesReadBack()
    {
        QFETCH(QString, commandLine);
        QFETCH(QStringList, expected);
        QStringList found;
        for (const NodeActionRequest& request : NodeActions::fromCommandLine(commandLine)) {
            found << QStringLiteral("%1 %2 %3").arg(NodeActions::name(request.action), request.container, request.network);
        }
        QCOMPARE(found, expected);
    }

    void unknownActionIsRejected()
    {
        QVERIFY(!NodeActions::fromName(QStringLiteral("explode")).has_value());
        QCOMPARE(NodeActions::names().size(), 19); // 8 on the container, 11 inside it
    }

    void execTransport()
    {
        Endpoint endpoint{QStringLiteral("demo-etcd1"), QStringLiteral("etcd1"), 2379, 0};
        const QStringList arguments = EndpointClient::execArguments(endpoint, "POST", QStringLiteral("/v3/maintenance/status"),
                                                                    "{}", std::chrono::milliseconds(3000));
        QCOMPARE(arguments.mid(0, 3), (QStringList{QStringLiteral("exec"), QStringLiteral("demo-etcd1"), QStringLiteral("curl")}));
        QVERIFY(arguments.contains(QStringLiteral("--data-binary")));
        QCOMPARE(arguments.last(), QStringLiteral("http://127.0.0.1:2379/v3/maintenance/status"));

        ProcessResult ok;
        ok.status = ProcessResult::Status::Finished;
        ok.exitCode = 0;
        ok.standardOutput = QByteArray(R"({"health":"false"})") + "\n503";
        const EndpointReply reply = EndpointClient::parseExecOutput(ok);
        QCOMPARE(reply.httpStatus, 503);
        QCOMPARE(reply.body, QByteArray(R"({"health":"false"})"));

        ProcessResult refused;
        refused.status = ProcessResult::Status::Finished;
        refused.exitCode = 7;
        refused.standardOutput = "\n000";
        refused.standardError = "curl: (7) Failed to connect to 127.0.0.1 port 2379: Connection refused\n";
        QVERIFY(!EndpointClient::parseExecOutput(refused).answered());
        QVERIFY(EndpointClient::parseExecOutput(refused).error.contains(QStringLiteral("Connection refused")));

        ProcessResult stopped;
        stopped.status = ProcessResult::Status::Finished;
        stopped.exitCode = 1;
        stopped.standardError = "Error response from daemon: Container 1234 is not running\n";
        QVERIFY(EndpointClient::parseExecOutput(stopped).error.contains(QStringLiteral("is not running")));
    }

    // Heal all: unpause, reconnect (with the DNS names the other nodes use), then start.
    void healPlan()
    {
        const auto container = [](const char* name, ContainerInfo::State state, bool attached) {
            ContainerDetails details;
            details.info.name = QString::fromLatin1(name);
            details.info.state = state;
            details.info.labels.insert(QStringLiteral("com.docker.compose.service"), details.info.name.mid(5));
            details.hostname = details.info.name.mid(5);
            if (attached) {
                details.networks.append({QStringLiteral("demo_lab"), {}, QStringLiteral("172.20.0.2")});
            }
            return details;
        };
        using State = ContainerInfo::State;
        DiscoveredCluster current;
        current.name = QStringLiteral("demo");
        current.containers = {container("demo-etcd1", State::Running, true), container("demo-etcd2", State::Paused, true),
                              container("demo-patroni1", State::Exited, true), container("demo-patroni2", State::Running, false),
                              container("demo-patroni3", State::Exited, false)};
        QStringList steps;
        for (const NodeActionRequest& request : ClusterHealer::plan(current, QStringLiteral("demo_lab"))) {
            ProcessResult result;
            result.program = QStringLiteral("docker");
            result.arguments = NodeActions::dockerArguments(request);
            steps << result.commandLine();
        }
        QCOMPARE(steps, (QStringList{QStringLiteral("docker unpause demo-etcd2"),
                                     QStringLiteral("docker network connect --alias patroni2 demo_lab demo-patroni2"),
                                     QStringLiteral("docker network connect --alias patroni3 demo_lab demo-patroni3"),
                                     QStringLiteral("docker start demo-patroni1"), QStringLiteral("docker start demo-patroni3")}));
        current.containers = {container("demo-etcd1", State::Running, true)};
        QVERIFY(ClusterHealer::plan(current, QStringLiteral("demo_lab")).isEmpty());
    }

    // The lab's nodes have fixed addresses: a node reconnected by hand at another one is moved back, a cut-off node
    // is reconnected at its own.
    void healPlanRestoresFixedAddresses()
    {
        const auto node = [](const char* service, const char* fixed, const char* actual) {
            ContainerDetails details;
            details.info.name = QStringLiteral("lab2-") + QString::fromLatin1(service);
            details.info.state = ContainerInfo::State::Running;
            details.info.labels.insert(QStringLiteral("com.docker.compose.service"), QString::fromLatin1(service));
            details.info.labels.insert(QStringLiteral("org.patroni-lab.ipv4"), QString::fromLatin1(fixed));
            details.hostname = QString::fromLatin1(service);
            if (actual) {
                details.networks.append({QStringLiteral("lab2_lab"), {}, QString::fromLatin1(actual)});
            }
            return details;
        };
        DiscoveredCluster current;
        current.name = QStringLiteral("lab2");
        current.containers = {node("patroni1", "172.30.57.21", "172.30.57.21"), node("patroni2", "172.30.57.22", "172.30.57.129"),
                              node("patroni3", "172.30.57.23", nullptr)};
        QStringList steps;
        for (const NodeActionRequest& request : ClusterHealer::plan(current, QStringLiteral("lab2_lab"))) {
            steps << NodeActions::dockerArguments(request).join(u' ');
        }
        QCOMPARE(steps, (QStringList{QStringLiteral("network disconnect lab2_lab lab2-patroni2"),
                                     QStringLiteral("network connect --alias patroni2 --ip 172.30.57.22 lab2_lab lab2-patroni2"),
                                     QStringLiteral("network connect --alias patroni3 --ip 172.30.57.23 lab2_lab lab2-patroni3")}));
    }

    // HAProxy's patroni1 checking the container patroni3 (the addresses Docker swapped while HAProxy held names):
    // restarting HAProxy makes it resolve them again. Servers at their own nodes' addresses need nothing.
    void healPlanRestartsAConfusedHaproxy_data()
    {
        QTest::addColumn<QString>("patroni1Server");
        QTest::addColumn<bool>("restart");
        QTest::newRow("swapped") << QStringLiteral("172.20.0.4:5432") << true;
        QTest::newRow("right") << QStringLiteral("172.20.0.2:5432") << false;
        QTest::newRow("address of no container") << QStringLiteral("172.20.0.9:5432") << false;
    }

    void healPlanRestartsAConfusedHaproxy()
    {
        QFETCH(QString, patroni1Server);
        QFETCH(bool, restart);
        const auto node = [](const QString& service, const QString& address) {
            ContainerDetails details;
            details.info.name = QStringLiteral("demo-") + service;
            details.info.state = ContainerInfo::State::Running;
            details.info.labels.insert(QStringLiteral("com.docker.compose.service"), service);
            details.hostname = service;
            details.networks.append({QStringLiteral("demo_lab"), {}, address});
            return details;
        };
        DiscoveredCluster current;
        current.name = QStringLiteral("demo");
        current.containers = {node(QStringLiteral("patroni1"), QStringLiteral("172.20.0.2")),
                              node(QStringLiteral("patroni3"), QStringLiteral("172.20.0.4")),
                              node(QStringLiteral("haproxy"), QStringLiteral("172.20.0.8"))};
        const QList<HaproxyBackendState> servers{
            {QStringLiteral("primary"), QStringLiteral("patroni1"), QStringLiteral("UP"), QStringLiteral("L7OK"), true, patroni1Server},
            {QStringLiteral("primary"), QStringLiteral("patroni3"), QStringLiteral("UP"), QStringLiteral("L7OK"), true,
             QStringLiteral("172.20.0.4:5432")}};
        const QList<NodeActionRequest> plan = ClusterHealer::plan(current, QStringLiteral("demo_lab"), servers);
        QCOMPARE(plan.size(), restart ? 1 : 0);
        if (restart) {
            QCOMPARE(NodeActions::dockerArguments(plan.first()).join(u' '), QStringLiteral("restart --time 10 demo-haproxy"));
        }
    }

    void autoTransportFollowsPublishedPorts()
    {
        EndpointClient automatic(nullptr, DockerCli(), EndpointClient::Transport::Auto);
        EndpointClient exec(nullptr, DockerCli(), EndpointClient::Transport::DockerExec);
        const Endpoint published{QStringLiteral("demo-patroni1"), QStringLiteral("patroni1"), 8008, 5510};
        const Endpoint hidden{QStringLiteral("demo-patroni1"), QStringLiteral("patroni1"), 8008, 0};
        QVERIFY(!automatic.usesExec(published));
        QVERIFY(automatic.usesExec(hidden));
        QVERIFY(exec.usesExec(published));
    }
};

QTEST_GUILESS_MAIN(TestClusterDiscovery)
#include "tst_clusterdiscovery.moc"
