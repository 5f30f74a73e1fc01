// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockercli.h"
#include "labcontroller.h"

#include <QSignalSpy>
#include <QTest>

class TestDockerCli : public QObject
{
    Q_OBJECT
private slots:
    // Messages as the docker CLI prints them (captured from docker 28 / 20.10).
    void explainFailure_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("standardError");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<bool>("unavailable");
        QTest::newRow("daemon down")
            << int(ProcessResult::Status::Finished) << 1
            << QByteArray("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n")
            << QStringLiteral("sudo systemctl start docker") << true;
        QTest::newRow("permission denied")
            << int(ProcessResult::Status::Finished) << 1
            << QByteArray("permission denied while trying to connect to the Docker daemon socket at "
                          "unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json\": "
                          "dial unix /var/run/docker.sock: connect: permission denied\n")
            << QStringLiteral("usermod -aG docker") << true;
        QTest::newRow("missing cli") << int(ProcessResult::Status::FailedToStart) << -1 << QByteArray()
                                     << QStringLiteral("install Docker") << true;
        QTest::newRow("unknown container")
            << int(ProcessResult::Status::Finished) << 1
            << QByteArray("Error response from daemon: No such container: demo-patroni9\n")
            << QStringLiteral("No such container: demo-patroni9") << false;
        QTest::newRow("timeout") << int(ProcessResult::Status::TimedOut) << -1 << QByteArray()
                                 << QStringLiteral("did not finish within") << false;
    }
    void explainFailure()
    {
        QFETCH(int, status);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, standardError);
        QFETCH(QString, fragment);
        QFETCH(bool, unavailable);
        ProcessResult result;
        result.program = QStringLiteral("docker");
        result.arguments = {QStringLiteral("stop"), QStringLiteral("demo-patroni9")};
        result.status = ProcessResult::Status(status);
        result.exitCode = exitCode;
        result.standardError = standardError;
        result.timeout = std::chrono::seconds(20);
        const QString explanation = DockerCli::explainFailure(result);
        QVERIFY2(explanation.contains(fragment), qPrintable(explanation));
        QVERIFY2(!explanation.contains(u'\n'), "one line, so the CLI and the status bar can show it");
        QCOMPARE(DockerCli::isDockerUnavailable(result), unavailable);
    }

    void composeArguments_data()
    {
        QTest::addColumn<int>("flavour");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("leading");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("v2 plugin") << int(ComposeCommand::Flavour::V2Plugin) << QStringLiteral("docker")
                                   << QStringList{QStringLiteral("compose")}
                                   << QStringList{QStringLiteral("compose"), QStringLiteral("-p"), QStringLiteral("demo"),
                                                  QStringLiteral("-f"), QStringLiteral("/x/compose.yml"), QStringLiteral("up"),
                                                  QStringLiteral("-d")};
        QTest::newRow("v1 standalone") << int(ComposeCommand::Flavour::V1Standalone) << QStringLiteral("docker-compose")
                                       << QStringList{}
                                       << QStringList{QStringLiteral("-p"), QStringLiteral("demo"), QStringLiteral("-f"),
                                                      QStringLiteral("/x/compose.yml"), QStringLiteral("up"), QStringLiteral("-d")};
    }
    void composeArguments()
    {
        QFETCH(int, flavour);
        QFETCH(QString, program);
        QFETCH(QStringList, leading);
        QFETCH(QStringList, expected);
        const ComposeCommand compose{ComposeCommand::Flavour(flavour), program, leading};
        QCOMPARE(compose.argumentsFor(QStringLiteral("demo"), QStringLiteral("/x/compose.yml"),
                                      {QStringLiteral("up"), QStringLiteral("-d")}),
                 expected);
    }

    void composeCandidatesPreferV2()
    {
        qunsetenv("PATRONI_LAB_COMPOSE");
        const QList<ComposeCommand> candidates = DockerCli(QStringLiteral("docker")).composeCandidates();
        QCOMPARE(candidates.size(), 2);
        QCOMPARE(candidates.first().flavour, ComposeCommand::Flavour::V2Plugin);
        qputenv("PATRONI_LAB_COMPOSE", "docker-compose");
        QCOMPARE(DockerCli(QStringLiteral("docker")).composeCandidates().size(), 1);
        QCOMPARE(DockerCli(QStringLiteral("docker")).composeCandidates().first().flavour, ComposeCommand::Flavour::V1Standalone);
        qunsetenv("PATRONI_LAB_COMPOSE");
    }

    // The real controller against a docker CLI that does not exist: one clear line, exit code 3, no hang.
    void labUpWithoutDockerSaysHowToFix()
    {
        qputenv("PATRONI_LAB_DOCKER", "/nonexistent/bin/docker");
        LabController controller{LabDefinition{}};
        QSignalSpy finished(&controller, &LabController::finished);
        controller.up();
        QVERIFY(finished.wait(10'000));
        const auto outcome = finished.first().first().value<LabController::Outcome>();
        QCOMPARE(outcome.exitCode, LabController::DockerUnavailable);
        QVERIFY2(outcome.message.contains(QStringLiteral("install Docker")), qPrintable(outcome.message));
        qunsetenv("PATRONI_LAB_DOCKER");
    }

    // The real docker CLI pointed at a socket with no daemon behind it.
    void labUpWithDaemonDownSaysHowToFix()
    {
        qputenv("DOCKER_HOST", "unix:///nonexistent/docker.sock");
        LabController controller{LabDefinition{}};
        QSignalSpy finished(&controller, &LabController::finished);
        controller.up();
        QVERIFY(finished.wait(30'000));
        const auto outcome = finished.first().first().value<LabController::Outcome>();
        QCOMPARE(outcome.exitCode, LabController::DockerUnavailable);
        QVERIFY2(outcome.message.contains(QStringLiteral("daemon is not running")), qPrintable(outcome.message));
        qunsetenv("DOCKER_HOST");
    }

    void invalidLabIsRejectedBeforeDocker()
    {
        LabDefinition lab;
        lab.project = QStringLiteral("Bad Name");
        LabController controller(lab);
        QSignalSpy finished(&controller, &LabController::finished);
        controller.down();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<LabController::Outcome>().exitCode, LabController::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestDockerCli)
#include "tst_dockercli.moc"
