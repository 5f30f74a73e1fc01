// SPDX-License-Identifier: GPL-3.0-or-later
// A real Patroni 3.0.2 cluster (Debian bookworm's packages: etcd 3.4, PostgreSQL 15, HAProxy 2.6), laid out like
// Patroni's demo and started by tests/patroni3/up.sh (CTest fixture patroni3): the app must see its replicas as
// streaming although Patroni 3.0 calls them "running", run the built-in scenarios through the real CLI, and heal it.
// Run with `ctest -L patroni3`.
#include "labstatus.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

// The cluster tests/patroni3/up.sh started (tests/CMakeLists.txt sets the variables).
LabDefinition patroni3Cluster()
{
    return labFromEnvironment("PATRONI_LAB_P3_PROJECT", QStringLiteral("p3lab"), "PATRONI_LAB_P3_PORT_BASE", 27500);
}

QStringList clusterArguments()
{
    const LabDefinition cluster = patroni3Cluster();
    return {QStringLiteral("--project"), cluster.project, QStringLiteral("--port-base"), QString::number(cluster.portBase)};
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

} // namespace

class TestPatroni3 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        QVERIFY(m_dir.isValid());
        const QString problem = healLab(patroni3Cluster());
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral(" (is the cluster up? tests/patroni3/up.sh)")));
    }

    // Patroni 3.0.2 reports streaming replicas as "running"; the leader's walsenders show that they stream.
    void replicasAreStreaming()
    {
        const CommandOutput status = runCli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + clusterArguments(), 60'000);
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonObject state = QJsonDocument::fromJson(status.out.toUtf8()).object();
        QCOMPARE(state.value(QStringLiteral("versions")).toObject().value(QStringLiteral("patroni")).toString(), QStringLiteral("3.0.2"));
        int streaming = 0;
        for (const QJsonValue& value : state.value(QStringLiteral("members")).toArray()) {
            const QJsonObject member = value.toObject();
            if (member.value(QStringLiteral("role")).toString() != QLatin1StringView("Leader")) {
                QCOMPARE(member.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
                streaming += member.value(QStringLiteral("streaming")).toBool() ? 1 : 0;
            }
        }
        QCOMPARE(streaming, 2);
        QVERIFY(probe(patroni3Cluster()).isHealthy());
    }

    void builtIn_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("leader-stop") << QStringLiteral("leader-stop");
        QTest::newRow("etcd-quorum-loss") << QStringLiteral("etcd-quorum-loss");
    }
    void builtIn()
    {
        QFETCH(QString, id);
        const QString out = m_dir.filePath(id);
        QElapsedTimer clock;
        clock.start();
        const CommandOutput run = runCli(QStringList{QStringLiteral("run"), id, QStringLiteral("--out"), out, QStringLiteral("--journal"),
                                                     m_dir.filePath(QStringLiteral("journal.sqlite"))}
                                             + clusterArguments(),
                                         840'000);
        const QString transcript = run.out.right(6000) + run.err;
        const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
        const QString figures =
            QString::fromUtf8(QJsonDocument(summary.value(QStringLiteral("measured")).toObject()).toJson(QJsonDocument::Compact));
        qInfo().noquote() << QStringLiteral("Patroni 3.0.2 scenario %1: %2 in %3 s; %4")
                                 .arg(id, summary.value(QStringLiteral("verdict")).toString())
                                 .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                                 .arg(figures);
        QVERIFY2(summary.value(QStringLiteral("completed")).toBool(), qPrintable(transcript));
        QVERIFY2(summary.value(QStringLiteral("healed")).toBool(), qPrintable(summary.value(QStringLiteral("heal_problem")).toString()));
        QCOMPARE(summary.value(QStringLiteral("versions")).toObject().value(QStringLiteral("patroni")).toString(), QStringLiteral("3.0.2"));
        // Judged as expected: every band holds for Patroni 3.0 as for 4.
        QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2").arg(run.exitCode).arg(transcript)));
        QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("as_expected"));
        QVERIFY(probe(patroni3Cluster()).isHealthy());
    }

    // settings on Patroni 3.0.2: the start timeout is still master_start_timeout; a change reaches every member and
    // null takes it back out of the configuration.
    void settingsChange()
    {
        const auto settings = [](const QStringList& words) {
            return runCli(QStringList{QStringLiteral("settings")} + words + clusterArguments(), 120'000);
        };
        const CommandOutput newName = settings({QStringLiteral("set"), QStringLiteral("primary_start_timeout=200")});
        QCOMPARE(newName.exitCode, 1);
        QVERIFY2(newName.err.contains(QStringLiteral("calls primary_start_timeout master_start_timeout")), qPrintable(newName.err));
        const CommandOutput set = settings({QStringLiteral("set"), QStringLiteral("master_start_timeout=200"), QStringLiteral("--json")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.out + set.err));
        const QJsonObject applied
            = QJsonDocument::fromJson(set.out.toUtf8()).object().value(QStringLiteral("applied_after_s")).toObject();
        QCOMPARE(applied.size(), 3);
        const CommandOutput shown = settings({QStringLiteral("show"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(shown.out.toUtf8()).object().value(QStringLiteral("config")).toObject()
                     .value(QStringLiteral("master_start_timeout")).toInt(), 200);
        const CommandOutput reset = settings({QStringLiteral("set"), QStringLiteral("master_start_timeout=null")});
        QVERIFY2(reset.exitCode == 0, qPrintable(reset.out + reset.err));
        const CommandOutput after = settings({QStringLiteral("show"), QStringLiteral("--json")});
        QVERIFY(!QJsonDocument::fromJson(after.out.toUtf8()).object().value(QStringLiteral("config")).toObject()
                     .contains(QStringLiteral("master_start_timeout")));
    }

    // Faults inside a container of a cluster the app did not build: the helper (the lab's image) partitions a
    // replica from etcd and heal finds and removes it; kill-patroni is refused, because Patroni is PID 1 here and
    // its death would stop the container.
    void faultsInsideItsContainers()
    {
        QCOMPARE(runCli({QStringLiteral("lab"), QStringLiteral("image")}, 600'000).exitCode, 0);
        const LabStatus status = probe(patroni3Cluster());
        QString replica;
        for (const MemberState& member : status.state.members.value_or(QList<MemberState>{})) {
            if (!member.isLeader() && replica.isEmpty()) {
                replica = member.container;
            }
        }
        QVERIFY(!replica.isEmpty());
        const CommandOutput refused = runCli(QStringList{QStringLiteral("node"), QStringLiteral("kill-patroni"), replica}
                                             + clusterArguments(), 60'000);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("PID 1")), qPrintable(refused.err));
        QCOMPARE(run(QStringLiteral("docker"), {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), replica})
                     .out.trimmed(),
                 QStringLiteral("running"));

        const CommandOutput cut = runCli(QStringList{QStringLiteral("node"), QStringLiteral("partition"), replica,
                                                     QStringLiteral("--from"), QStringLiteral("etcd1,etcd2,etcd3")}
                                             + clusterArguments(), 60'000);
        QVERIFY2(cut.exitCode == 0, qPrintable(cut.out + cut.err));
        const CommandOutput healed = runCli(QStringList{QStringLiteral("heal"), QStringLiteral("--timeout"), QStringLiteral("120")}
                                                + clusterArguments(), 200'000);
        QVERIFY2(healed.exitCode == 0, qPrintable(healed.out + healed.err));
        QVERIFY2(healed.out.contains(QStringLiteral("unpartition ") + replica), qPrintable(healed.out));
    }

    void heal()
    {
        const QString problem = breakAndHealWithCliReported(patroni3Cluster(), QStringLiteral("break and heal Patroni 3.0.2 with the CLI"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT")) {
        qputenv("QTEST_FUNCTION_TIMEOUT", "1800000");
    }
    QCoreApplication app(argc, argv);
    TestPatroni3 test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_patroni3.moc"
