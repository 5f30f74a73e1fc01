// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"
#include "testsupport.h"

#include <QTest>

class TestCliRequest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("errorFragment"); // empty: valid
        QTest::addColumn<QString>("project");
        QTest::addColumn<int>("portBase");
        const auto args = [](const char* text) { return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts); };
        QTest::newRow("lab up defaults") << args("cli lab up") << QString() << "demo" << 5500;
        QTest::newRow("second lab") << args("cli lab up --project x --port-base 16000") << QString() << "x" << 16000;
        QTest::newRow("options first") << args("cli --project x lab down") << QString() << "x" << 5500;
        QTest::newRow("status json") << args("cli lab status --json") << QString() << "demo" << 5500;
        QTest::newRow("no command") << args("cli") << "no command given" << "" << 0;
        QTest::newRow("unknown command") << args("cli lab explode") << "unknown command 'lab explode'" << "" << 0;
        QTest::newRow("unknown option") << args("cli lab up --colour") << "Unknown option" << "" << 0;
        QTest::newRow("port base text") << args("cli lab up --port-base high") << "--port-base must be a whole number"
                                        << "" << 0;
        QTest::newRow("port base range") << args("cli lab up --port-base 70000") << "invalid port base" << "" << 0;
        QTest::newRow("bad project") << args("cli lab up --project Big") << "invalid project name" << "" << 0;
        QTest::newRow("bad timeout") << args("cli lab up --timeout -3") << "--timeout must be a positive" << "" << 0;
        QTest::newRow("missing value") << args("cli lab up --project") << "Missing value" << "" << 0;
        QTest::newRow("heal") << args("cli heal --project lab2 --timeout 60") << QString() << "lab2" << 5500;
        QTest::newRow("heal takes no argument") << args("cli heal lab2") << "unknown command 'heal lab2'" << "" << 0;
    }
    void parse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, errorFragment);
        QFETCH(QString, project);
        QFETCH(int, portBase);
        const auto request = CliRequest::parse(arguments);
        if (errorFragment.isEmpty()) {
            QVERIFY2(request.ok(), qPrintable(request.error()));
            QCOMPARE(request.value().lab.project, project);
            QCOMPARE(request.value().lab.portBase, portBase);
        } else {
            QVERIFY(!request.ok());
            QVERIFY2(request.error().contains(errorFragment), qPrintable(request.error()));
        }
    }

    void relayOption_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<bool>("relay");
        QTest::newRow("status: relay by default") << "cli status" << true;
        QTest::newRow("status --no-relay") << "cli status --no-relay" << false;
        QTest::newRow("watch --no-relay after the project") << "cli watch --project demo --no-relay" << false;
        QTest::newRow("run --no-relay") << "cli run leader-stop --out x --no-relay" << false;
    }
    void relayOption()
    {
        QFETCH(QString, arguments);
        QFETCH(bool, relay);
        const auto request = CliRequest::parse(arguments.split(u' '));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request.value().relay, relay);
    }

    // A full container name needs no --project: the command finds its cluster (ClusterDiscovery::clusterForContainer).
    void nodeTarget_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("projectGiven");
        QTest::addColumn<QString>("project");
        const auto args = [](const char* text) { return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts); };
        QTest::newRow("container of another lab") << args("cli node stop lab2-patroni2") << "lab2-patroni2" << false << "demo";
        QTest::newRow("service") << args("cli node pause patroni1") << "patroni1" << false << "demo";
        QTest::newRow("with --project") << args("cli node kill patroni1 --project lab2") << "patroni1" << true << "lab2";
        QTest::newRow("--project first") << args("cli --project demo node start demo-etcd1") << "demo-etcd1" << true << "demo";
    }
    void nodeTarget()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, container);
        QFETCH(bool, projectGiven);
        QFETCH(QString, project);
        const auto request = CliRequest::parse(arguments);
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request.value().command, QStringList{QStringLiteral("node")});
        QCOMPARE(request.value().container, container);
        QCOMPARE(request.value().projectGiven, projectGiven);
        QCOMPARE(request.value().lab.project, project);
    }

    // The real executable: usage errors exit with 2 and say what is wrong on stderr.
    void executableExitCodes()
    {
        const auto help = TestSupport::runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("lab up")));
        const auto wrong = TestSupport::runCli({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--port-base"),
                                                QStringLiteral("80")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.startsWith(QStringLiteral("error: invalid port base 80")), qPrintable(wrong.err));
        const auto badAction = TestSupport::runCli({QStringLiteral("node"), QStringLiteral("explode"), QStringLiteral("demo-patroni1")});
        QCOMPARE(badAction.exitCode, 2);
        QVERIFY2(badAction.err.contains(QStringLiteral("stop, start, restart, kill, pause, unpause, disconnect, connect")),
                 qPrintable(badAction.err));
    }

    // Docker unusable: one line that says how to fix it, and exit code 3, for every command.
    void dockerUnavailable_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("fragment");
        const QStringList status{QStringLiteral("status")};
        const QStringList node{QStringLiteral("node"), QStringLiteral("stop"), QStringLiteral("demo-patroni1")};
        const QStringList labUp{QStringLiteral("lab"), QStringLiteral("up")};
        const QString missing = QStringLiteral("/nonexistent/bin/docker");
        const QString noDaemon = QStringLiteral("unix:///nonexistent/docker.sock");
        QTest::newRow("status, no docker CLI") << "PATRONI_LAB_DOCKER" << missing << status << "install Docker";
        QTest::newRow("node, no docker CLI") << "PATRONI_LAB_DOCKER" << missing << node << "install Docker";
        QTest::newRow("lab up, no docker CLI") << "PATRONI_LAB_DOCKER" << missing << labUp << "install Docker";
        QTest::newRow("status, daemon down") << "DOCKER_HOST" << noDaemon << status << "daemon is not running";
        QTest::newRow("node, daemon down") << "DOCKER_HOST" << noDaemon << node << "daemon is not running";
    }
    void dockerUnavailable()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QStringList, arguments);
        QFETCH(QString, fragment);
        QProcessEnvironment environment;
        environment.insert(variable, value);
        const auto result = TestSupport::runCli(arguments, 60'000, environment);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.startsWith(QStringLiteral("error: ")) && result.err.contains(fragment), qPrintable(result.err));
        QCOMPARE(result.err.trimmed().count(u'\n'), 0);
    }
};

QTEST_APPLESS_MAIN(TestCliRequest)
#include "tst_clirequest.moc"
