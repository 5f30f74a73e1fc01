// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientpaths.h"
#include "labdefinition.h"
#include "labnetwork.h"

#include <QTest>

class TestLabDefinition : public QObject
{
    Q_OBJECT
private slots:
    void ports_data()
    {
        QTest::addColumn<int>("base");
        QTest::addColumn<QList<int>>("expected"); // primary, replicas, stats, rest1..3, etcd1..3
        QTest::newRow("lab report default") << 5500 << QList<int>{5500, 5501, 5502, 5510, 5511, 5512, 5520, 5521, 5522, 5530, 5531, 5532};
        QTest::newRow("second lab") << 16000 << QList<int>{16000, 16001, 16002, 16010, 16011, 16012, 16020, 16021, 16022, 16030, 16031, 16032};
    }
    void ports()
    {
        QFETCH(int, base);
        QFETCH(QList<int>, expected);
        LabDefinition lab;
        lab.portBase = base;
        const QList<int> actual{lab.primaryPort(),       lab.replicasPort(),      lab.haproxyStatsPort(),
                                lab.patroniRestPort(1),  lab.patroniRestPort(2),  lab.patroniRestPort(3),
                                lab.etcdClientPort(1),   lab.etcdClientPort(2),   lab.etcdClientPort(3),
                                lab.postgresPort(1),     lab.postgresPort(2),     lab.postgresPort(3)};
        QCOMPARE(actual, expected);
        QCOMPARE(lab.postgresPort(LabDefinition::NodesPerKind) - lab.portBase, LabDefinition::LastPortOffset);
    }

    void containerNamesFollowTheReport()
    {
        const LabDefinition lab;
        QCOMPARE(lab.containerName(QStringLiteral("patroni1")), QStringLiteral("demo-patroni1"));
        QCOMPARE(lab.containerName(QStringLiteral("etcd2")), QStringLiteral("demo-etcd2"));
        QCOMPARE(lab.containerName(LabDefinition::haproxyService()), QStringLiteral("demo-haproxy"));
        QCOMPARE(LabDefinition::allServices().size(), 7);
    }

    void fixedAddresses()
    {
        const QString subnet = QStringLiteral("172.30.55.0/24");
        QCOMPARE(LabNetwork::address(subnet, QStringLiteral("etcd1")), QStringLiteral("172.30.55.11"));
        QCOMPARE(LabNetwork::address(subnet, QStringLiteral("patroni3")), QStringLiteral("172.30.55.23"));
        QCOMPARE(LabNetwork::address(subnet, QStringLiteral("haproxy")), QStringLiteral("172.30.55.30"));
        QCOMPARE(LabNetwork::address(subnet, QStringLiteral("relay")), QString());
        QCOMPARE(LabNetwork::address(QStringLiteral("172.30.55.0/16"), QStringLiteral("etcd1")), QString());
        QCOMPARE(LabNetwork::dynamicRange(subnet), QStringLiteral("172.30.55.128/25"));
        QProcessEnvironment environment;
        LabNetwork::addComposeVariables(environment, subnet);
        QCOMPARE(environment.value(QStringLiteral("LAB_SUBNET")), subnet);
        QCOMPARE(environment.value(QStringLiteral("LAB_IP_PATRONI2")), QStringLiteral("172.30.55.22"));
        QCOMPARE(environment.keys().size(), 9);
    }

    void chooseSubnet_data()
    {
        QTest::addColumn<int>("portBase");
        QTest::addColumn<QStringList>("used");
        QTest::addColumn<QString>("expected");
        QTest::newRow("free: from the port base") << 5500 << QStringList{QStringLiteral("172.17.0.0/16")} << QStringLiteral("172.30.55.0/24");
        QTest::newRow("second lab") << 25500 << QStringList{QStringLiteral("172.30.55.0/24")} << QStringLiteral("172.30.255.0/24");
        QTest::newRow("taken: the next one") << 5500 << QStringList{QStringLiteral("172.30.55.0/24"), QStringLiteral("fd00::/64")}
                                             << QStringLiteral("172.30.56.0/24");
        QTest::newRow("a /16 route over it") << 5500 << QStringList{QStringLiteral("172.30.0.0/16")} << QStringLiteral("172.31.0.0/24");
        QTest::newRow("wraps around") << 51100 << QStringList{QStringLiteral("172.31.255.0/24")} << QStringLiteral("172.30.0.0/24");
        QTest::newRow("nothing free") << 5500 << QStringList{QStringLiteral("172.30.0.0/15")} << QString();
    }

    void chooseSubnet()
    {
        QFETCH(int, portBase);
        QFETCH(QStringList, used);
        QFETCH(QString, expected);
        const auto chosen = LabNetwork::chooseSubnet(portBase, used);
        QCOMPARE(chosen.ok(), !expected.isEmpty());
        if (chosen.ok()) {
            QCOMPARE(chosen.value(), expected);
        } else {
            QVERIFY2(chosen.error().contains(QStringLiteral("docker network prune")), qPrintable(chosen.error()));
        }
    }

    // A real /proc/net/route (this machine's, with Docker's bridges).
    void routesFromProcNetRoute()
    {
        const QByteArray text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
                                "br-01e48a9b03ce\t000013AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
                                "wlan0\t0000A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n";
        QCOMPARE(LabNetwork::routesFromProcNetRoute(text),
                 (QStringList{QStringLiteral("172.17.0.0/16"), QStringLiteral("172.19.0.0/16"), QStringLiteral("192.168.0.0/24")}));
    }

    void clientPaths_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("parsed"); // names joined by commas, or the error's start
        QTest::newRow("all three") << QStringLiteral("haproxy,multihost,pinned") << QStringLiteral("haproxy,multihost,pinned");
        QTest::newRow("any order, spaces, case") << QStringLiteral(" Pinned , haproxy") << QStringLiteral("pinned,haproxy");
        QTest::newRow("unknown") << QStringLiteral("haproxy,pgbouncer") << QStringLiteral("unknown client path 'pgbouncer'");
        QTest::newRow("twice") << QStringLiteral("multihost,multihost") << QStringLiteral("client path 'multihost' is named twice");
        QTest::newRow("empty") << QStringLiteral(",") << QStringLiteral("no client path given");
    }
    void clientPaths()
    {
        QFETCH(QString, list);
        QFETCH(QString, parsed);
        const auto paths = ClientPaths::parse(list);
        if (!paths.ok()) {
            QVERIFY2(paths.error().startsWith(parsed), qPrintable(paths.error()));
            return;
        }
        QStringList names;
        for (const ClientPath path : paths.value()) {
            names << ClientPaths::name(path);
        }
        QCOMPARE(names.join(u','), parsed);
    }

    void clientPathConnectionStrings()
    {
        LabDefinition lab;
        lab.portBase = 25500;
        QVERIFY(ClientPaths::conninfo(ClientPath::Haproxy, lab).startsWith(QStringLiteral("host=127.0.0.1 port=25500 ")));
        QVERIFY(ClientPaths::conninfo(ClientPath::Pinned, lab, 25531).startsWith(QStringLiteral("host=127.0.0.1 port=25531 ")));
        const QString multihost = ClientPaths::conninfo(ClientPath::Multihost, lab);
        QVERIFY2(multihost.startsWith(QStringLiteral("host=127.0.0.1,127.0.0.1,127.0.0.1 port=25530,25531,25532 dbname=postgres")),
                 qPrintable(multihost));
        QVERIFY(multihost.endsWith(QStringLiteral(" target_session_attrs=read-write")));
        QVERIFY(multihost.contains(QStringLiteral("connect_timeout=")));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<int>("base");
        QTest::addColumn<QString>("errorFragment"); // empty: valid
        QTest::newRow("defaults") << QStringLiteral("demo") << 5500 << QString();
        QTest::newRow("dash and digits") << QStringLiteral("lab-2") << 16000 << QString();
        QTest::newRow("uppercase") << QStringLiteral("Demo") << 5500 << QStringLiteral("invalid project name");
        QTest::newRow("empty") << QString() << 5500 << QStringLiteral("invalid project name");
        QTest::newRow("space") << QStringLiteral("my lab") << 5500 << QStringLiteral("invalid project name");
        QTest::newRow("leading dash") << QStringLiteral("-x") << 5500 << QStringLiteral("invalid project name");
        QTest::newRow("privileged port") << QStringLiteral("demo") << 80 << QStringLiteral("invalid port base 80");
        QTest::newRow("last port past 65535") << QStringLiteral("demo") << 65520 << QStringLiteral("65503");
    }
    void validation()
    {
        QFETCH(QString, project);
        QFETCH(int, base);
        QFETCH(QString, errorFragment);
        LabDefinition lab;
        lab.project = project;
        lab.portBase = base;
        if (errorFragment.isEmpty()) {
            QCOMPARE(lab.validationError(), QString());
        } else {
            QVERIFY2(lab.validationError().contains(errorFragment), qPrintable(lab.validationError()));
        }
    }

    void composeVariablesCarryEveryPort()
    {
        LabDefinition lab;
        lab.project = QStringLiteral("x");
        lab.portBase = 16000;
        QProcessEnvironment environment;
        lab.addComposeVariables(environment, QStringLiteral("patroni-lab-node:abc"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PROJECT")), QStringLiteral("x"));
        QCOMPARE(environment.value(QStringLiteral("LAB_IMAGE")), QStringLiteral("patroni-lab-node:abc"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PORT_PRIMARY")), QStringLiteral("16000"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PORT_REPLICAS")), QStringLiteral("16001"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PORT_STATS")), QStringLiteral("16002"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PORT_PATRONI3")), QStringLiteral("16012"));
        QCOMPARE(environment.value(QStringLiteral("LAB_PORT_ETCD1")), QStringLiteral("16020"));
    }

    void conninfoTargetsLoopbackOnly()
    {
        const LabDefinition lab;
        const QString conninfo = lab.libpqConninfo(lab.primaryPort());
        QVERIFY(conninfo.contains(QStringLiteral("host=127.0.0.1 port=5500")));
        QVERIFY(conninfo.contains(QStringLiteral("user=postgres")));
    }
};

QTEST_APPLESS_MAIN(TestLabDefinition)
#include "tst_labdefinition.moc"
