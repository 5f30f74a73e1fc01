// SPDX-License-Identifier: GPL-3.0-or-later
// The observation relay's pure parts, on output captured from a real relay (tests/fixtures/relay), and its
// forwarder script run by the local python3 against local sockets.
#include "observationrelay.h"
#include "testsupport.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using TestSupport::fixture;

namespace {

constexpr auto LabImage = "sha256:c3f79da48b0d2cbae3b0da000fc786edb9daf49074b4c4b39a37d5d492a5816e";

// The lab of the captures: patroni1, etcd1 and haproxy of compose project plabrelay, only HAProxy's 5000/5001 published.
DiscoveredCluster haproxyOnlyLab()
{
    DiscoveredCluster cluster;
    cluster.name = QStringLiteral("plabrelay");
    cluster.byComposeLabel = true;
    cluster.containers = DockerInspect::parse(fixture(QStringLiteral("relay/docker-inspect-haproxy-only-lab.json"))).value();
    return cluster;
}

Endpoint service(const QString& container, int port)
{
    Endpoint endpoint;
    endpoint.container = container;
    endpoint.containerPort = port;
    return endpoint;
}

QList<Endpoint> labServices()
{
    return {service(QStringLiteral("plabrelay-patroni1"), 8008), service(QStringLiteral("plabrelay-etcd1"), 2379),
            service(QStringLiteral("plabrelay-haproxy"), 7000)};
}

QStringList words(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts) {
        list << QString::fromLatin1(text);
    }
    return list;
}

ContainerInfo capturedRelay()
{
    return DockerPs::parse(fixture(QStringLiteral("relay/docker-ps-relay.jsonl"))).value().first();
}

} // namespace

class TestObservationRelay : public QObject
{
    Q_OBJECT
private slots:
    void planForTheHaproxyOnlyLab()
    {
        const auto plan = RelayPlan::make(haproxyOnlyLab(), labServices(), QStringLiteral("vm/7780"), 1);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan.value().containerName, QStringLiteral("plabrelay-patroni-lab-relay-7780"));
        QCOMPARE(plan.value().network, QStringLiteral("plabrelay_lab"));
        // The image id, not the tag: it exists as long as the container does, and an id is never pulled.
        QCOMPARE(plan.value().image, QString::fromLatin1(LabImage));
        const QList<RelayTarget> expected{{QStringLiteral("plabrelay-patroni1"), 8008, QStringLiteral("172.26.0.6"), 20000},
                                          {QStringLiteral("plabrelay-etcd1"), 2379, QStringLiteral("172.26.0.3"), 20001},
                                          {QStringLiteral("plabrelay-haproxy"), 7000, QStringLiteral("172.26.0.8"), 20002}};
        QCOMPARE(plan.value().targets, expected);

        // A second relay of the same process gets a name of its own; a service asked twice is forwarded once.
        const auto again = RelayPlan::make(haproxyOnlyLab(), labServices() + labServices(), QStringLiteral("vm/7780"), 2);
        QCOMPARE(again.value().containerName, QStringLiteral("plabrelay-patroni-lab-relay-7780-2"));
        QCOMPARE(again.value().targets, expected);
    }

    void runArguments()
    {
        const RelayPlan plan = RelayPlan::make(haproxyOnlyLab(), labServices(), QStringLiteral("vm/7780"), 1).value();
        const QStringList arguments = plan.runArguments();
        const QStringList expectedStart = words({
            "run", "-i", "--rm", "--pull", "never", "--name", "plabrelay-patroni-lab-relay-7780",
            "--label", "org.patroni-lab.relay=plabrelay", "--label", "org.patroni-lab.relay.owner=vm/7780",
            "--network", "plabrelay_lab", "-p", "127.0.0.1::20000", "-p", "127.0.0.1::20001", "-p", "127.0.0.1::20002",
            "--entrypoint", "python3", LabImage, "-c"});
        QCOMPARE(arguments.mid(0, expectedStart.size()), expectedStart);
        QCOMPARE(arguments.at(expectedStart.size()), ObservationRelay::forwarderScript());
        const QStringList expectedTargets = words({"20000,plabrelay-patroni1,8008,172.26.0.6", "20001,plabrelay-etcd1,2379,172.26.0.3",
                                                   "20002,plabrelay-haproxy,7000,172.26.0.8"});
        QCOMPARE(arguments.mid(expectedStart.size() + 1), expectedTargets);

        // The captured relay was started with exactly such a command line (seven targets, the lab's own).
        const ContainerDetails relay = DockerInspect::parse(fixture(QStringLiteral("relay/docker-inspect-relay.json"))).value().first();
        QCOMPARE(relay.info.command.section(u' ', 0, 1), QStringLiteral("python3 -c"));
        QVERIFY(relay.info.command.contains(QStringLiteral(" 20003,plabrelay-etcd1,2379,172.26.0.3 ")));
        QCOMPARE(relay.info.labels.value(QStringLiteral("org.patroni-lab.relay")), QStringLiteral("plabrelay"));
        QCOMPARE(relay.imageId, QString::fromLatin1(LabImage));
    }

    void planRefusals_data()
    {
        QTest::addColumn<QString>("cut");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no network of their own") << "networks" << "share no network";
        QTest::newRow("no Patroni container") << "patroni" << "no Patroni container";
        QTest::newRow("nothing to forward") << "services" << "published already";
    }
    void planRefusals()
    {
        QFETCH(QString, cut);
        QFETCH(QString, reason);
        DiscoveredCluster cluster = haproxyOnlyLab();
        QList<Endpoint> services = labServices();
        if (cut == QLatin1StringView("networks")) {
            for (ContainerDetails& container : cluster.containers) {
                container.networks = {NetworkAttachment{QStringLiteral("bridge"), {}, QStringLiteral("172.17.0.2")}};
            }
        } else if (cut == QLatin1StringView("patroni")) {
            cluster.containers.removeIf([](const ContainerDetails& c) { return c.info.component() == ContainerInfo::Component::Patroni; });
        } else {
            services.clear();
        }
        const auto plan = RelayPlan::make(cluster, services, QStringLiteral("vm/7780"), 1);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().contains(reason), qPrintable(plan.error()));
    }

    void parsePortOutput_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("relayPort");
        QTest::addColumn<int>("hostPort");
        QTest::newRow("docker 20.10, seven ports") << fixture(QStringLiteral("relay/docker-port.txt")) << true << 20004 << 32858;
        QTest::newRow("IPv6 loopback") << QByteArray("20000/tcp -> [::1]:40001\n") << true << 20000 << 40001;
        QTest::newRow("nothing published") << QByteArray("\n") << true << 20000 << 0;
        QTest::newRow("an error instead") << QByteArray("Error: No such container: x\n") << false << 0 << 0;
        QTest::newRow("no host port") << QByteArray("20000/tcp -> 127.0.0.1:\n") << false << 0 << 0;
    }
    void parsePortOutput()
    {
        QFETCH(QByteArray, output);
        QFETCH(bool, ok);
        QFETCH(int, relayPort);
        QFETCH(int, hostPort);
        const auto ports = ObservationRelay::parsePortOutput(output);
        QCOMPARE(ports.ok(), ok);
        if (ok) {
            QCOMPARE(ports.value().value(relayPort), hostPort);
        } else {
            QVERIFY(ports.error().contains(QStringLiteral("docker port printed")));
        }
    }

    void staleRelays_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("owner"); // "" removes the label; "-" removes the relay label itself
        QTest::addColumn<bool>("stale");
        // The capture's owner is vm/7780; here process 7780 is gone and process 1 runs.
        QTest::newRow("running, its process is gone") << "running" << "vm/7780" << true;
        QTest::newRow("running, its process runs") << "running" << "vm/1" << false;
        QTest::newRow("running, owned on another host") << "running" << "laptop/7780" << false;
        QTest::newRow("running, no owner") << "running" << "" << false;
        QTest::newRow("exited") << "exited" << "vm/1" << true;
        QTest::newRow("created, never started") << "created" << "vm/1" << true;
        QTest::newRow("not a relay") << "exited" << "-" << false;
    }
    void staleRelays()
    {
        QFETCH(QString, state);
        QFETCH(QString, owner);
        QFETCH(bool, stale);
        ContainerInfo relay = capturedRelay();
        QVERIFY(ObservationRelay::isRelay(relay));
        QCOMPARE(relay.labels.value(ObservationRelay::ownerLabel()), QStringLiteral("vm/7780"));
        relay.state = ContainerInfo::stateFromString(state);
        if (owner == QLatin1StringView("-")) {
            relay.labels.remove(ObservationRelay::clusterLabel());
        } else if (owner.isEmpty()) {
            relay.labels.remove(ObservationRelay::ownerLabel());
        } else {
            relay.labels.insert(ObservationRelay::ownerLabel(), owner);
        }
        const auto alive = [](qint64 pid) { return pid != 7780; };
        const QStringList found = ObservationRelay::staleRelays({relay}, QStringLiteral("vm"), alive);
        QCOMPARE(found, stale ? QStringList{relay.name} : QStringList{});
    }

    void thisProcessIsAlive()
    {
        QVERIFY(ObservationRelay::processAlive(QCoreApplication::applicationPid()));
        QVERIFY(ObservationRelay::thisOwner().endsWith(u'/' + QString::number(QCoreApplication::applicationPid())));
    }

    // Its name has the prefix of the cluster (plabrelay-…), so it would pass for a member of a cluster found by
    // prefix: only its label keeps it out.
    void discoveryNeverCountsTheRelay_data()
    {
        QTest::addColumn<bool>("byComposeLabel");
        QTest::newRow("found by container-name prefix") << false;
        QTest::newRow("found by compose project") << true;
    }
    void discoveryNeverCountsTheRelay()
    {
        QFETCH(bool, byComposeLabel);
        DiscoveredCluster cluster = haproxyOnlyLab();
        cluster.byComposeLabel = byComposeLabel;
        const ContainerDetails relay = DockerInspect::parse(fixture(QStringLiteral("relay/docker-inspect-relay.json"))).value().first();
        QCOMPARE(relay.info.name, QStringLiteral("plabrelay-patroni-lab-relay-7780"));
        // Its command names the HAProxy it forwards to: it would even pass for the cluster's HAProxy.
        QCOMPARE(relay.info.component(), ContainerInfo::Component::Haproxy);
        QVERIFY(!cluster.belongs(relay.info));
        QVERIFY(!cluster.belongs(capturedRelay()));
        QVERIFY(cluster.belongs(cluster.find(QStringLiteral("patroni1"))->info));
    }

    // The forwarder itself, run by this machine's python3 against local sockets: it listens, says "ready", forwards
    // both ways with half-closes, falls back to the given address while the name does not resolve, closes a
    // connection it cannot forward, and exits when its standard input ends.
    void forwarder()
    {
        QTcpServer backend;
        QVERIFY(backend.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&backend, &QTcpServer::newConnection, this, [&] {
            QTcpSocket* socket = backend.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
                received += socket->readAll();
                if (received.endsWith("\r\n\r\n")) {
                    socket->write("HTTP/1.0 200 OK\r\n\r\npong");
                    socket->disconnectFromHost();
                }
            });
        });
        QTcpServer probe; // two free ports for the forwarder
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 viaAddress = probe.serverPort();
        QTcpServer probe2;
        QVERIFY(probe2.listen(QHostAddress::LocalHost));
        const quint16 nowhere = probe2.serverPort();
        probe.close();
        probe2.close();

        QProcess relay;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("RELAY_LISTEN"), QStringLiteral("127.0.0.1"));
        relay.setProcessEnvironment(environment);
        relay.start(QStringLiteral("python3"),
                    {QStringLiteral("-c"), ObservationRelay::forwarderScript(),
                     QStringLiteral("%1,no-such-host.invalid,%2,127.0.0.1").arg(viaAddress).arg(backend.serverPort()),
                     QStringLiteral("%1,no-such-host.invalid,%2,").arg(nowhere).arg(backend.serverPort())});
        if (!relay.waitForStarted(10'000)) {
            if (qEnvironmentVariable("CI") == QLatin1StringView("true")) {
                QFAIL("python3 is needed to test the relay's forwarder (CI=true)");
            }
            QSKIP("python3 is not installed here: the relay's forwarder is tested by tst_unpublishedlab only");
        }
        QByteArray said;
        QTRY_VERIFY2_WITH_TIMEOUT((said += relay.readAllStandardOutput()).contains("ready"), relay.readAllStandardError().constData(), 10'000);

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, viaAddress);
        QVERIFY(client.waitForConnected(5'000));
        client.write("GET / HTTP/1.0\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += client.readAll()).endsWith("pong"), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10'000);
        QCOMPARE(received, QByteArray("GET / HTTP/1.0\r\n\r\n"));

        QTcpSocket refused;
        refused.connectToHost(QHostAddress::LocalHost, nowhere);
        QVERIFY(refused.waitForConnected(5'000));
        QTRY_COMPARE_WITH_TIMEOUT(refused.state(), QAbstractSocket::UnconnectedState, 10'000);
        QVERIFY(refused.readAll().isEmpty());

        relay.closeWriteChannel();
        QVERIFY(relay.waitForFinished(10'000));
        QCOMPARE(relay.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestObservationRelay)
#include "tst_observationrelay.moc"
