// SPDX-License-Identifier: GPL-3.0-or-later
// The faults inside a container, without Docker: their docker commands and how those read back, the rules their
// parameters follow, lab-fault's survey as captured from the lab (tests/fixtures/faults), and what Heal all plans.
#include "clusterhealer.h"
#include "dockercli.h"
#include "faults/nodefaults.h"
#include "testsupport.h"

#include <QTest>

using TestSupport::fixture;

namespace {

QString text(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList words(const char* utf8)
{
    return text(utf8).split(u' ', Qt::SkipEmptyParts);
}

DiscoveredCluster limitedLab()
{
    // docker inspect of the lab with patroni2 at --cpus 0.5 and patroni3 at --memory 200m (captured, 2 CPUs and
    // 25324953600 bytes on the host).
    DiscoveredCluster cluster;
    cluster.name = QStringLiteral("plabtest");
    cluster.byComposeLabel = true;
    cluster.containers = DockerInspect::parse(fixture(QStringLiteral("faults/docker-inspect-limited.json"))).value();
    return cluster;
}

FaultSurvey survey(const QString& name)
{
    const auto parsed = FaultSurvey::parse(fixture(QStringLiteral("faults/") + name));
    if (!parsed.ok()) {
        qFatal("%s", qPrintable(parsed.error()));
    }
    return parsed.value();
}

const HostResources host{2, 25324953600};

} // namespace

class TestNodeFaults : public QObject
{
    Q_OBJECT
private slots:
    // Each action's docker command, and the same action read back from it (as the timeline and reports do).
    void commandRoundTrip_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("impairment");
        QTest::addColumn<QStringList>("peers");
        QTest::addColumn<double>("cpus");
        QTest::addColumn<qint64>("memory");
        QTest::addColumn<QString>("commandTail");
        QTest::addColumn<QString>("described");
        const QStringList none;
        QTest::newRow("impair") << int(NodeAction::Impair) << words("delay 100 20 loss 5") << none << 0.0
                                << qint64(0) << text("lab-fault patroni-lab-node:t impair delay 100 20 loss 5")
                                << text("impair delay 100 ms ±20 ms, loss 5 %");
        QTest::newRow("rate") << int(NodeAction::Impair) << words("rate 256") << none << 0.0 << qint64(0)
                              << text("impair rate 256") << text("impair rate 256 kbit/s");
        QTest::newRow("clear") << int(NodeAction::Clear) << none << none << 0.0 << qint64(0) << text("patroni-lab-node:t clear")
                               << text("clear");
        QTest::newRow("partition") << int(NodeAction::Partition) << none
                                   << words("etcd1=172.30.55.11 etcd2=172.30.55.12") << 0.0 << qint64(0)
                                   << text("partition etcd1=172.30.55.11 etcd2=172.30.55.12") << text("partition from etcd1 etcd2");
        QTest::newRow("unpartition") << int(NodeAction::Unpartition) << none << none << 0.0 << qint64(0) << text("unpartition")
                                     << text("unpartition");
        QTest::newRow("kill postgres") << int(NodeAction::KillPostgres) << none << none << 0.0 << qint64(0)
                                       << text("kill-postgres") << text("kill-postgres");
        QTest::newRow("freeze") << int(NodeAction::FreezePostgres) << none << none << 0.0 << qint64(0) << text("freeze-postgres")
                                << text("freeze-postgres");
        QTest::newRow("thaw") << int(NodeAction::ThawPostgres) << none << none << 0.0 << qint64(0) << text("thaw-postgres")
                              << text("thaw-postgres");
        QTest::newRow("kill patroni") << int(NodeAction::KillPatroni) << none << none << 0.0 << qint64(0) << text("kill-patroni")
                                      << text("kill-patroni");
        QTest::newRow("limit cpu") << int(NodeAction::LimitCpu) << none << none << 0.2 << qint64(0)
                                   << text("update --cpus 0.2 demo-patroni1") << text("limit-cpu 0.2");
        QTest::newRow("limit memory") << int(NodeAction::LimitMemory) << none << none << 0.0 << qint64(96 * 1024 * 1024)
                                      << text("update --memory 96m --memory-swap 96m demo-patroni1") << text("limit-memory 96m");
        QTest::newRow("unlimit") << int(NodeAction::Unlimit) << none << none << 2.0 << qint64(25324953600)
                                 << text("update --cpus 2 --memory 25324953600 --memory-swap 50649907200 demo-patroni1")
                                 << text("unlimit");
    }
    void commandRoundTrip()
    {
        QFETCH(int, action);
        QFETCH(QStringList, impairment);
        QFETCH(QStringList, peers);
        QFETCH(double, cpus);
        QFETCH(qint64, memory);
        QFETCH(QString, commandTail);
        QFETCH(QString, described);
        NodeActionRequest request;
        request.action = NodeAction(action);
        request.container = QStringLiteral("demo-patroni1");
        request.impairment = impairment;
        request.peers = peers;
        request.cpus = cpus;
        request.memoryBytes = memory;
        request.helperImage = QStringLiteral("patroni-lab-node:t");
        QVERIFY2(NodeFaults::validationError(request).isEmpty(), qPrintable(NodeFaults::validationError(request)));
        ProcessResult result;
        result.program = QStringLiteral("/usr/bin/docker");
        result.arguments = NodeActions::dockerArguments(request);
        const QString commandLine = result.commandLine();
        QVERIFY2(commandLine.endsWith(commandTail), qPrintable(commandLine));
        if (request.usesHelper()) {
            // In the target's network and process namespaces, never pulled, always labelled as a helper.
            QVERIFY(commandLine.contains(QStringLiteral("--network container:demo-patroni1 --pid container:demo-patroni1")));
            QVERIFY(commandLine.contains(QStringLiteral("--pull never")));
            QVERIFY(commandLine.contains(NodeFaults::helperLabel()));
        }
        QCOMPARE(NodeActions::describe(request), described);

        const QList<NodeActionRequest> back = NodeActions::fromCommandLine(commandLine);
        QCOMPARE(back.size(), 1);
        QCOMPARE(int(back.first().action), action);
        QCOMPARE(back.first().container, request.container);
        QCOMPARE(back.first().impairment, impairment);
        QCOMPARE(back.first().peers, peers);
        QCOMPARE(NodeActions::describe(back.first()), described);
    }

    void otherRunCommandsAreNoFaults()
    {
        // The app's relay and any other docker run must not read as a fault.
        QVERIFY(NodeActions::fromCommandLine(QStringLiteral(
                    "docker run --rm -i --network demo_lab --name demo-patroni-lab-relay-1 patroni-lab-node:x relay"))
                    .isEmpty());
        QVERIFY(NodeActions::fromCommandLine(QStringLiteral(
                    "docker run --rm --network container:a --entrypoint /usr/local/bin/lab-fault img survey"))
                    .isEmpty());
        QVERIFY(NodeActions::fromCommandLine(QStringLiteral("docker update --restart always demo-patroni1")).isEmpty());
        // The old actions still read as before.
        QCOMPARE(NodeActions::fromCommandLine(QStringLiteral("docker stop --time 10 demo-patroni1")).size(), 1);
    }

    void invalidParameters_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("parameters");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no impairment") << int(NodeAction::Impair) << QStringList{} << text("at least one of");
        QTest::newRow("delay text") << int(NodeAction::Impair) << words("delay abc") << text("whole number of milliseconds");
        QTest::newRow("delay too long") << int(NodeAction::Impair) << words("delay 90000") << text("0 to 60000");
        QTest::newRow("loss 0") << int(NodeAction::Impair) << words("loss 0") << text("above 0 and at most 100");
        QTest::newRow("loss 150") << int(NodeAction::Impair) << words("loss 150") << text("above 0 and at most 100");
        QTest::newRow("rate tiny") << int(NodeAction::Impair) << words("rate 1") << text("from 8 to");
        QTest::newRow("no value") << int(NodeAction::Impair) << words("loss") << text("needs a value");
        QTest::newRow("unknown word") << int(NodeAction::Impair) << words("reorder 5") << text("unknown impairment");
        QTest::newRow("cpu zero") << int(NodeAction::LimitCpu) << words("0") << text("from 0.01 to 64");
        QTest::newRow("cpu word") << int(NodeAction::LimitCpu) << words("half") << text("needs one number");
        QTest::newRow("memory tiny") << int(NodeAction::LimitMemory) << words("1m") << text("at least 6m");
        QTest::newRow("memory word") << int(NodeAction::LimitMemory) << words("lots") << text("such as 96m");
        QTest::newRow("unknown peer") << int(NodeAction::Partition) << words("etcd9") << text("unknown container 'etcd9'");
        QTest::newRow("from itself") << int(NodeAction::Partition) << words("patroni1") << text("from itself");
        QTest::newRow("no peers") << int(NodeAction::Partition) << QStringList{} << text("at least one peer");
        QTest::newRow("parameters where none") << int(NodeAction::KillPostgres) << words("now") << text("takes no parameters");
    }
    void invalidParameters()
    {
        QFETCH(int, action);
        QFETCH(QStringList, parameters);
        QFETCH(QString, fragment);
        const auto request = NodeFaults::buildRequest(limitedLab(), NodeAction(action), QStringLiteral("patroni1"), parameters);
        QVERIFY(!request.ok());
        QVERIFY2(request.error().contains(fragment), qPrintable(request.error()));
    }

    void processFaultsOnlyOnPatroniNodes()
    {
        const auto onEtcd = NodeFaults::buildRequest(limitedLab(), NodeAction::KillPatroni, QStringLiteral("etcd1"), {});
        QVERIFY(!onEtcd.ok());
        QVERIFY2(onEtcd.error().contains(QStringLiteral("not a Patroni node")), qPrintable(onEtcd.error()));
        QVERIFY(NodeFaults::buildRequest(limitedLab(), NodeAction::KillPatroni, QStringLiteral("patroni1"), {}).ok());
    }

    void partitionPeersGetTheirAddresses()
    {
        const auto request = NodeFaults::buildRequest(limitedLab(), NodeAction::Partition, QStringLiteral("patroni1"),
                                                      {QStringLiteral("etcd1"), QStringLiteral("plabtest-etcd2")});
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request.value().container, QStringLiteral("plabtest-patroni1"));
        QCOMPARE(request.value().peers, (QStringList{QStringLiteral("etcd1=172.30.255.11"), QStringLiteral("etcd2=172.30.255.12")}));
    }

    void memorySizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("m") << text("96m") << qint64(96) * 1024 * 1024;
        QTest::newRow("MB") << text("96MB") << qint64(96) * 1024 * 1024;
        QTest::newRow("g") << text("1g") << qint64(1024) * 1024 * 1024;
        QTest::newRow("k") << text("512k") << qint64(512) * 1024;
        QTest::newRow("bytes") << text("100000000") << qint64(100000000);
        QTest::newRow("negative") << text("-5m") << qint64(0);
        QTest::newRow("word") << text("big") << qint64(0);
    }
    void memorySizes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(NodeFaults::parseMemory(text).value_or(0), bytes);
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            QCOMPARE(NodeFaults::parseMemory(NodeFaults::formatMemory(bytes)).value_or(0), bytes);
        }
    }

    void surveyFixtures()
    {
        const FaultSurvey healthy = survey(QStringLiteral("survey-healthy.json"));
        QVERIFY(!healthy.isImpaired());
        QVERIFY(!healthy.partitioned);
        QVERIFY(healthy.postgresRunning && healthy.patroniRunning && !healthy.postgresFrozen);
        QVERIFY(healthy.pid1.contains(QStringLiteral("lab-init")));

        const FaultSurvey hurt = survey(QStringLiteral("survey-impaired-partitioned-frozen.json"));
        QCOMPARE(hurt.netem.value(QStringLiteral("all")), QStringLiteral("loss 20% (nft)"));
        QCOMPARE(hurt.netem.value(QStringLiteral("eth0")), QStringLiteral("rate 512Kbit (tbf)"));
        QVERIFY(hurt.partitioned);
        QCOMPARE(hurt.partitionPeers.size(), 3);
        QVERIFY(hurt.postgresFrozen);

        const FaultSurvey orphaned = survey(QStringLiteral("survey-patroni-killed.json"));
        QVERIFY(orphaned.patroniDeadPostgresLives());
        const FaultSurvey proxy = survey(QStringLiteral("survey-haproxy.json"));
        QVERIFY(!proxy.patroniDeadPostgresLives()); // no PostgreSQL at all: nothing orphaned

        QVERIFY(!FaultSurvey::parse("Traceback (most recent call last):").ok());
        // A warning line from Docker before the helper's JSON does not hide it.
        QVERIFY(FaultSurvey::parse("WARNING: something\n" + fixture(QStringLiteral("faults/survey-healthy.json"))).ok());
    }

    void hostResources()
    {
        const auto parsed = HostResources::parse("2 25324953600\n");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().cpus, 2);
        QCOMPARE(parsed.value().memoryBytes, qint64(25324953600));
        QVERIFY(!HostResources::parse("<no value>").ok());
    }

    void healPlanUndoesWhatTheSurveysFound()
    {
        const DiscoveredCluster cluster = limitedLab();
        QHash<QString, FaultSurvey> surveys;
        for (const ContainerDetails& container : cluster.containers) {
            surveys.insert(container.info.name, survey(QStringLiteral("survey-healthy.json")));
        }
        surveys.insert(QStringLiteral("plabtest-patroni1"), survey(QStringLiteral("survey-impaired-partitioned-frozen.json")));
        surveys.insert(QStringLiteral("plabtest-patroni3"), survey(QStringLiteral("survey-patroni-killed.json")));
        const QList<NodeActionRequest> plan = ClusterHealer::plan(cluster, cluster.sharedNetwork(), {}, surveys, host);
        QStringList words;
        for (const NodeActionRequest& request : plan) {
            words << NodeActions::name(request.action) + u' ' + request.container;
        }
        // Per container (in docker inspect's order): thaw first (nothing else can reach a frozen PostgreSQL), the
        // limits lifted; the node whose Patroni died is restarted after everything else.
        QCOMPARE(words, (QStringList{QStringLiteral("unlimit plabtest-patroni3"), QStringLiteral("unlimit plabtest-patroni2"),
                                     QStringLiteral("thaw-postgres plabtest-patroni1"),
                                     QStringLiteral("unpartition plabtest-patroni1"), QStringLiteral("clear plabtest-patroni1"),
                                     QStringLiteral("restart plabtest-patroni3")}));
        const auto unlimit = std::find_if(plan.cbegin(), plan.cend(), [](const NodeActionRequest& r) { return r.action == NodeAction::Unlimit; });
        QCOMPARE(unlimit->cpus, 2.0);
        QCOMPARE(unlimit->memoryBytes, host.memoryBytes);

        // Healthy surveys and no limits: nothing to do.
        QHash<QString, FaultSurvey> healthy;
        for (const ContainerDetails& container : cluster.containers) {
            healthy.insert(container.info.name, survey(QStringLiteral("survey-healthy.json")));
        }
        HostResources small = host;
        small.memoryBytes = 100; // every limit counts as "no limit" against a host this small
        small.cpus = 0;
        DiscoveredCluster unlimited = cluster;
        for (ContainerDetails& container : unlimited.containers) {
            container.nanoCpus = 0;
        }
        QVERIFY(ClusterHealer::plan(unlimited, cluster.sharedNetwork(), {}, healthy, small).isEmpty());
    }

    // A window started after the faults shows them: the survey read back as the requests that injected them.
    void surveyReadsBackAsRequests_data()
    {
        QTest::addColumn<QString>("surveyed");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("netem") << text("delay 100ms  20ms loss 5%") << words("delay 100 20 loss 5");
        QTest::newRow("netem seconds") << text("delay 1.5s") << words("delay 1500");
        QTest::newRow("tbf") << text("rate 512Kbit (tbf)") << words("rate 512");
        QTest::newRow("tbf Mbit") << text("rate 2Mbit (tbf)") << words("rate 2000");
        QTest::newRow("nft loss") << text("loss 20% (nft)") << words("loss 20");
        QTest::newRow("fraction") << text("loss 0.5%") << words("loss 0.5");
    }
    void surveyReadsBackAsRequests()
    {
        QFETCH(QString, surveyed);
        QFETCH(QStringList, words);
        QCOMPARE(NodeFaults::impairmentWords(surveyed), words);
        QVERIFY(NodeFaults::impairmentError(words).isEmpty());
    }

    void injectedFaultsFromTheFixtures()
    {
        const DiscoveredCluster cluster = limitedLab();
        const FaultSurvey hurt = survey(QStringLiteral("survey-impaired-partitioned-frozen.json"));
        const ContainerDetails* patroni1 = cluster.find(QStringLiteral("patroni1"));
        QStringList described;
        for (const NodeActionRequest& request : NodeFaults::injectedFaults(cluster, *patroni1, &hurt, host)) {
            described << NodeActions::describe(request);
        }
        QCOMPARE(described, (QStringList{text("impair loss 20 %, rate 512 kbit/s"), text("partition from etcd1 etcd2 etcd3"),
                                         text("freeze-postgres")}));
        described.clear();
        for (const NodeActionRequest& request : NodeFaults::injectedFaults(cluster, *cluster.find(QStringLiteral("patroni2")), nullptr, host)) {
            described << NodeActions::describe(request);
        }
        QCOMPARE(described, QStringList{text("limit-cpu 0.5")});
        const FaultSurvey orphaned = survey(QStringLiteral("survey-patroni-killed.json"));
        described.clear();
        for (const NodeActionRequest& request : NodeFaults::injectedFaults(cluster, *cluster.find(QStringLiteral("patroni3")), &orphaned, host)) {
            described << NodeActions::describe(request);
        }
        QCOMPARE(described, (QStringList{text("kill-patroni"), text("limit-memory 200m")}));
    }

    void helperFailuresAreExplained_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("standardError");
        QTest::addColumn<QString>("fragment");
        // As docker 20.10 and lab-fault print them.
        QTest::newRow("image missing") << 125 << QByteArray("docker: Error response from daemon: No such image: patroni-lab-node:abc.\n")
                                       << text("patroni-lab-cli lab image");
        QTest::newRow("target stopped")
            << 125 << QByteArray("docker: Error response from daemon: cannot join network of a non running container: 8c1f.\n")
            << text("demo-patroni1 is not running");
        QTest::newRow("already impaired")
            << 3 << QByteArray("already impaired (eth0: delay 100ms): clear it first (node clear) or use Heal all\n")
            << text("'impair' on demo-patroni1 refused: already impaired");
        QTest::newRow("no netem")
            << 3 << QByteArray("this host's kernel has no netem (CONFIG_NET_SCH_NETEM is not set), which delay, duplicate and "
                               "corrupt need; loss and rate work without it\n")
            << text("kernel has no netem");
        QTest::newRow("no NET_ADMIN") << 1 << QByteArray("RTNETLINK answers: Operation not permitted\n") << text("NET_ADMIN");
    }
    void helperFailuresAreExplained()
    {
        QFETCH(int, exitCode);
        QFETCH(QByteArray, standardError);
        QFETCH(QString, fragment);
        NodeActionRequest request;
        request.action = NodeAction::Impair;
        request.container = QStringLiteral("demo-patroni1");
        request.impairment = {QStringLiteral("delay"), QStringLiteral("100")};
        request.helperImage = QStringLiteral("patroni-lab-node:abc");
        ProcessResult result;
        result.program = QStringLiteral("docker");
        result.arguments = NodeActions::dockerArguments(request);
        result.status = ProcessResult::Status::Finished;
        result.exitCode = exitCode;
        result.standardError = standardError;
        const QString explanation = DockerCli::explainFailure(result);
        QVERIFY2(explanation.contains(fragment), qPrintable(explanation));
        QVERIFY(!explanation.contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestNodeFaults)
#include "tst_nodefaults.moc"
