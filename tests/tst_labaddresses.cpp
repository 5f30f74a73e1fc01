// SPDX-License-Identifier: GPL-3.0-or-later
// Nodes cut off and reconnected in every order keep their addresses, so HAProxy never checks one node's server at
// another node's container and the lab becomes healthy again. Before the lab had fixed addresses, reconnecting two
// nodes handed them each other's former addresses and HAProxy kept the swapped mapping for good.
#include "labnetwork.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

class TestLabAddresses : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_lab = TestSupport::testLab();

    QStringList where() const
    {
        return {QStringLiteral("--project"), m_lab.project, QStringLiteral("--port-base"), QString::number(m_lab.portBase)};
    }

    QJsonObject status()
    {
        const auto status = TestSupport::runCli(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + where(), 60'000);
        return QJsonDocument::fromJson(status.out.toUtf8()).object();
    }

    // The fixed address of a service, from its container's label (what the app reconnects it with).
    QString fixedAddress(const QString& service) const
    {
        return TestSupport::run(QStringLiteral("docker"),
                                {QStringLiteral("inspect"), QStringLiteral("--format"),
                                 QStringLiteral("{{index .Config.Labels \"org.patroni-lab.ipv4\"}}"), m_lab.containerName(service)},
                                30'000)
            .out.trimmed();
    }

    void node(const QString& action, const QString& service)
    {
        const auto result = TestSupport::runCli(QStringList{QStringLiteral("node"), action, m_lab.containerName(service)} + where(), 120'000);
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    }

    // Healthy (which includes HAProxy routing writes to the leader and reads to the streaming replicas), every node
    // at its fixed address, and HAProxy's servers pointing at them.
    void verifyHealthyAtFixedAddresses()
    {
        QString problem;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 120'000) {
            const LabStatus status = TestSupport::probe(m_lab);
            if (status.isHealthy()) {
                problem.clear();
                for (const HaproxyBackendState& server : status.state.haproxy.value_or(QList<HaproxyBackendState>{})) {
                    if (!LabDefinition::patroniServices().contains(server.server)) {
                        continue; // the listener's BACKEND row
                    }
                    const QString fixed = fixedAddress(server.server);
                    if (server.address != fixed + QStringLiteral(":5432")) {
                        problem = QStringLiteral("HAProxy's %1 points to %2, not %3").arg(server.server, server.address, fixed);
                    }
                }
                break;
            }
            problem = status.problems().first().text;
            QTest::qWait(1000);
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const QString& service : LabDefinition::patroniServices()) {
            QCOMPARE(TestSupport::containerAddress(m_lab.containerName(service)), fixedAddress(service));
        }
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const QString& service : LabDefinition::allServices()) {
            const QString fixed = fixedAddress(service);
            QVERIFY2(!fixed.isEmpty(), qPrintable(service + QStringLiteral(" has no fixed address")));
            QCOMPARE(TestSupport::containerAddress(m_lab.containerName(service)), fixed);
        }
    }

    // Every order of reconnecting two and three cut-off nodes (the replicas, then all three with the leader).
    void reconnectInEveryOrder_data()
    {
        QTest::addColumn<QStringList>("cut");       // "replica1", "replica2", "leader": resolved when the case runs
        QTest::addColumn<QStringList>("reconnect"); // the same names in the order they come back
        const QStringList two{QStringLiteral("replica1"), QStringLiteral("replica2")};
        QStringList order = two;
        do {
            QTest::newRow(qPrintable(QStringLiteral("two: ") + order.join(QStringLiteral(" then ")))) << two << order;
        } while (std::next_permutation(order.begin(), order.end()));
        const QStringList three{QStringLiteral("leader"), QStringLiteral("replica1"), QStringLiteral("replica2")};
        order = three;
        do {
            QTest::newRow(qPrintable(QStringLiteral("three: ") + order.join(QStringLiteral(" then ")))) << three << order;
        } while (std::next_permutation(order.begin(), order.end()));
    }

    void reconnectInEveryOrder()
    {
        QFETCH(QStringList, cut);
        QFETCH(QStringList, reconnect);
        const QJsonObject before = status();
        const QString leader = before.value(QStringLiteral("leader")).toString();
        QVERIFY(!leader.isEmpty());
        QStringList replicas = LabDefinition::patroniServices();
        replicas.removeAll(leader);
        const auto resolve = [&](const QString& role) {
            return role == QLatin1StringView("leader") ? leader : replicas.at(role.back().digitValue() - 1);
        };
        for (const QString& role : std::as_const(cut)) {
            node(QStringLiteral("disconnect"), resolve(role));
        }
        for (const QString& role : std::as_const(reconnect)) {
            node(QStringLiteral("connect"), resolve(role));
        }
        verifyHealthyAtFixedAddresses();
    }

    // The case that always confused the old lab: both replicas cut off, the leader killed, the replicas back (one
    // is promoted once the leader key expires), then the old leader started.
    void replicasBackAfterTheLeaderWasKilled()
    {
        const QString leader = status().value(QStringLiteral("leader")).toString();
        QVERIFY(!leader.isEmpty());
        QStringList replicas = LabDefinition::patroniServices();
        replicas.removeAll(leader);
        for (const QString& replica : std::as_const(replicas)) {
            node(QStringLiteral("disconnect"), replica);
        }
        node(QStringLiteral("kill"), leader);
        for (const QString& replica : std::as_const(replicas)) {
            node(QStringLiteral("connect"), replica);
        }
        QTRY_VERIFY_WITH_TIMEOUT(replicas.contains(status().value(QStringLiteral("leader")).toString()), 90'000);
        node(QStringLiteral("start"), leader);
        verifyHealthyAtFixedAddresses();
    }

    // A node reconnected by hand without its address gets one from the lab's range for such containers, where
    // HAProxy does not look; Heal all moves it back.
    void healAllRestoresAnAddressChangedByHand()
    {
        const QString leader = status().value(QStringLiteral("leader")).toString();
        QString replica = LabDefinition::patroniServices().first();
        if (replica == leader) {
            replica = LabDefinition::patroniServices().last();
        }
        const QString container = m_lab.containerName(replica);
        QCOMPARE(TestSupport::run(QStringLiteral("docker"), {QStringLiteral("network"), QStringLiteral("disconnect"),
                                                             m_lab.networkName(), container}).exitCode, 0);
        QCOMPARE(TestSupport::run(QStringLiteral("docker"), {QStringLiteral("network"), QStringLiteral("connect"),
                                                             QStringLiteral("--alias"), replica, m_lab.networkName(), container}).exitCode, 0);
        const QString moved = TestSupport::containerAddress(container);
        QVERIFY2(moved != fixedAddress(replica), qPrintable(moved));
        QVERIFY2(moved.section(u'.', 3).toInt() >= 128, qPrintable(moved + QStringLiteral(" is not in the lab's range for added containers")));
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        verifyHealthyAtFixedAddresses();
    }

    void cleanupTestCase()
    {
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestLabAddresses)
#include "tst_labaddresses.moc"
