// SPDX-License-Identifier: GPL-3.0-or-later
// Planned switchover against the real lab, over both transports, watched by the ClusterObserver and shown by the
// TopologyView; refused switchovers (unknown candidate, wrong credentials, no answer) explain themselves.
#include "clusterobserver.h"
#include "patroniswitchover.h"
#include "testsupport.h"
#include "topologyview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

namespace {

// One leader, two replicas streaming on its timeline, HAProxy sending writes to it: the lab at rest.
QString unhealthyReason(const ClusterState& state)
{
    const MemberState* leader = state.leader();
    if (!leader || !leader->timeline) {
        return QStringLiteral("no leader");
    }
    int streaming = 0;
    for (const MemberState& member : state.members.value_or(QList<MemberState> {})) {
        if (member.streaming && member.timeline == leader->timeline
            && member.apiReachable) {
            ++streaming;
        }
    }
    if (streaming != 2) {
        return QStringLiteral("%1 streaming replicas").arg(streaming);
    }
    if (state.routedServers(QStringLiteral("primary")) != QStringList { leader->name }) {
        return QStringLiteral("HAProxy does not route writes to %1 only").arg(leader->name);
    }
    if (state.healthyEtcdCount() != 3) {
        return QStringLiteral("etcd %1/3").arg(state.healthyEtcdCount());
    }
    return {};
}

} // namespace

class TestSwitchover : public QObject
{
    Q_OBJECT
private:
    LabDefinition m_lab;
    DiscoveredCluster m_cluster;
    ClusterObserver* m_observer = nullptr;
    TopologyView* m_view = nullptr;

    // Waits until the observer sees the lab at rest; returns how long that took, or -1.
    qint64 waitForRest(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (unhealthyReason(m_observer->state()).isEmpty()) {
                return timer.elapsed();
            }
            QTest::qWait(100);
        }
        qWarning("not at rest: %s", qPrintable(unhealthyReason(m_observer->state())));
        return -1;
    }

    SwitchoverResult runSwitchover(const SwitchoverRequest& request, EndpointClient::Transport transport)
    {
        PatroniSwitchover switchover(DockerCli(), transport);
        QSignalSpy finished(&switchover, &PatroniSwitchover::finished);
        switchover.start(request);
        // start() only sends: the event loop keeps running while Patroni works.
        const bool answered = finished.wait(90'000);
        return answered ? finished.first().first().value<SwitchoverResult>() : SwitchoverResult {};
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        m_lab = TestSupport::testLab();
        const QString problem = TestSupport::healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const auto found = TestSupport::discover(m_lab.project);
        QVERIFY2(found.ok(), qPrintable(found.error()));
        m_cluster = found.value();
        m_observer = new ClusterObserver(m_cluster, DockerCli(), ClusterObserver::Options {}, this);
        m_view = new TopologyView;
        m_view->resize(1280, 800);
        m_view->setCluster(m_cluster);
        connect(m_observer, &ClusterObserver::stateChanged, m_view, &TopologyView::setState);
        QSignalSpy firstRound(m_observer, &ClusterObserver::firstRoundCompleted);
        m_observer->start();
        QVERIFY(firstRound.wait(30'000));
        QVERIFY(waitForRest(120'000) >= 0);
    }

    void cleanupTestCase()
    {
        if (m_observer) {
            // Leave the lab as we found it: healed, one leader and two streaming replicas.
            const QString problem = TestSupport::healLab(m_lab);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(waitForRest(120'000) >= 0);
            const QString png = qEnvironmentVariable("PATRONI_LAB_TOPOLOGY_PNG");
            if (!png.isEmpty()) {
                QTest::qWait(1500); // a few more observations, so the lag labels are current
                QVERIFY(m_view->grab().save(png));
                m_view->setPresentationMode(true);
                QVERIFY(m_view->grab().save(
                    QString(png).replace(QStringLiteral(".png"), QStringLiteral("-presentation.png"))));
            }
        }
        delete m_view;
    }

    void switchover_data()
    {
        QTest::addColumn<EndpointClient::Transport>("transport");
        QTest::newRow("http (published port)") << EndpointClient::Transport::Http;
        QTest::newRow("docker exec curl") << EndpointClient::Transport::DockerExec;
    }
    void switchover()
    {
        QFETCH(EndpointClient::Transport, transport);
        QVERIFY(waitForRest(120'000) >= 0);
        const ClusterState before = m_observer->state();
        const MemberState oldLeader = *before.leader();
        const int oldTimeline = *before.timeline();
        QString candidate;
        QString candidateContainer;
        for (const MemberState& member : *before.members) {
            if (!member.isLeader() && (candidate.isEmpty() || member.name < candidate)) {
                candidate = member.name;
                candidateContainer = member.container;
            }
        }
        QVERIFY(!candidateContainer.isEmpty());
        QCOMPARE(m_view->roleOf(oldLeader.container), QStringLiteral("Leader"));

        const auto request = SwitchoverRequest::forCandidate(before, m_cluster, candidate);
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request.value().leader, oldLeader.name);

        // When the observer first reports the candidate leading on the next timeline.
        QElapsedTimer sinceRequest;
        qint64 observedMs = -1;
        const auto connection
            = connect(m_observer, &ClusterObserver::stateChanged, this, [&](const ClusterState& state) {
                  const MemberState* leader = state.leader();
                  if (observedMs < 0 && leader && leader->name == candidate && state.timeline() == oldTimeline + 1) {
                      observedMs = sinceRequest.elapsed();
                  }
              });
        sinceRequest.start();
        const SwitchoverResult result = runSwitchover(request.value(), transport);
        QVERIFY2(result.ok(), qPrintable(result.describe()));
        QCOMPARE(result.httpStatus, 200);
        QVERIFY2(result.answer.contains(candidate), qPrintable(result.answer));
        if (transport == EndpointClient::Transport::Http) {
            QVERIFY2(result.commandLine.startsWith(
                         QStringLiteral("curl -s -u admin:admin -XPOST http://127.0.0.1:%1/switchover -d ")
                             .arg(m_lab.portBase + 10 + oldLeader.name.right(1).toInt() - 1)),
                qPrintable(result.commandLine));
        } else {
            QVERIFY2(result.commandLine.startsWith(QStringLiteral("docker exec %1 curl -s -u admin:admin -XPOST "
                                                                  "http://127.0.0.1:8008/switchover")
                                                       .arg(oldLeader.container)),
                qPrintable(result.commandLine));
        }
        QTRY_VERIFY_WITH_TIMEOUT(observedMs >= 0, 60'000);
        disconnect(connection);

        // The diagram, fed only by the observer, shows the new leader.
        QCOMPARE(m_view->roleOf(candidateContainer), QStringLiteral("Leader"));
        QVERIFY2(m_view->accessibleDescription().contains(
                     QStringLiteral("Leader %1 on timeline %2").arg(candidate).arg(oldTimeline + 1)),
            qPrintable(m_view->accessibleDescription()));
        QTRY_VERIFY_WITH_TIMEOUT(m_view->roleOf(oldLeader.container) != QStringLiteral("Leader"), 30'000);
        const qint64 restMs = waitForRest(120'000);
        QVERIFY(restMs >= 0);
        // Its own /patroni may say "streaming" before the DCS view, which the diagram's text shows, has caught up.
        QTRY_VERIFY_WITH_TIMEOUT(m_view->accessibleDescription().contains(QStringLiteral("%1: Replica, streaming").arg(oldLeader.name)),
                                 2 * 10'000);
        qInfo("%s: %s → %s; Patroni answered after %lld ms; observer saw %s lead on timeline %d after %lld ms; "
              "old leader streaming again %lld ms after the answer",
            QTest::currentDataTag(), qPrintable(oldLeader.name), qPrintable(candidate), result.durationMs,
            qPrintable(candidate), oldTimeline + 1, observedMs, restMs);
        qInfo("  %s", qPrintable(result.commandLine));
        qInfo("  %s", qPrintable(result.describe()));
    }

    void unknownCandidateIsExplained()
    {
        QVERIFY(waitForRest(120'000) >= 0);
        const ClusterState before = m_observer->state();
        const auto request = SwitchoverRequest::forCandidate(before, m_cluster, QStringLiteral("patroni9"));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        const SwitchoverResult result = runSwitchover(request.value(), EndpointClient::Transport::Auto);
        QVERIFY(!result.ok());
        QCOMPARE(result.httpStatus, 412);
        QVERIFY2(result.error.contains(QStringLiteral("no member called “patroni9”")), qPrintable(result.describe()));
        QVERIFY2(result.answer.contains(QStringLiteral("does not exist")), qPrintable(result.answer));
        qInfo("%s", qPrintable(result.describe()));
        QTest::qWait(1000);
        QCOMPARE(m_observer->state().leader()->name, before.leader()->name);
    }

    void candidateAlreadyLeaderIsExplained()
    {
        QVERIFY(waitForRest(120'000) >= 0);
        const ClusterState state = m_observer->state();
        auto request = SwitchoverRequest::forCandidate(state, m_cluster, state.leader()->name);
        QVERIFY(request.ok());
        // Ask the leader to hand over to itself: Patroni says the target and the source are the same.
        const SwitchoverResult result = runSwitchover(request.value(), EndpointClient::Transport::Auto);
        QCOMPARE(result.httpStatus, 400);
        QVERIFY2(result.error.contains(QStringLiteral("already the leader")), qPrintable(result.describe()));
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<EndpointClient::Transport>("transport");
        QTest::newRow("http (published port)") << EndpointClient::Transport::Http;
        QTest::newRow("docker exec curl") << EndpointClient::Transport::DockerExec;
    }
    void wrongCredentials()
    {
        QFETCH(EndpointClient::Transport, transport);
        QVERIFY(waitForRest(120'000) >= 0);
        const ClusterState state = m_observer->state();
        QString replica;
        for (const MemberState& member : *state.members) {
            if (!member.isLeader()) {
                replica = member.name;
            }
        }
        auto request = SwitchoverRequest::forCandidate(state, m_cluster, replica);
        QVERIFY(request.ok());
        request.value().credentials.password = QStringLiteral("wrong");
        const SwitchoverResult result = runSwitchover(request.value(), transport);
        QCOMPARE(result.httpStatus, 401);
        QVERIFY2(
            result.error.contains(QStringLiteral("did not accept the credentials")), qPrintable(result.describe()));
        QVERIFY2(result.commandLine.contains(QStringLiteral("-u admin:wrong")), qPrintable(result.commandLine));
        qInfo("%s", qPrintable(result.describe()));
        QTest::qWait(1000);
        QCOMPARE(m_observer->state().leader()->name, state.leader()->name);
    }

    void noAnswerIsExplained()
    {
        auto request = SwitchoverRequest::forCandidate(m_observer->state(), m_cluster, QStringLiteral("patroni2"));
        QVERIFY(request.ok());
        request.value().leaderApi.loopbackPort = m_lab.portBase + 99; // nothing listens there
        request.value().timeout = 3s;
        const SwitchoverResult result = runSwitchover(request.value(), EndpointClient::Transport::Http);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY2(result.error.startsWith(QStringLiteral("no answer from")), qPrintable(result.describe()));
    }

    void noLeaderIsRefusedWithoutSending()
    {
        ClusterState leaderless = m_observer->state();
        for (MemberState& member : *leaderless.members) {
            member.role = PatroniMember::Role::Replica;
        }
        const auto request = SwitchoverRequest::forCandidate(leaderless, m_cluster, QStringLiteral("patroni2"));
        QVERIFY(!request.ok());
        QVERIFY(request.error().contains(QStringLiteral("no leader")));
    }

    // "cut off" comes from a fresh discovery: docker inspect's networks after `docker network disconnect`.
    // docker ps reports the networks on every poll, so the diagram shows a cut-off node within a poll or two of
    // `docker network disconnect`, without a new discovery.
    void cutOffShownFromTheNextPoll()
    {
        QVERIFY(waitForRest(120'000) >= 0);
        QString replicaContainer;
        for (const MemberState& member : *m_observer->state().members) {
            if (!member.isLeader()) {
                replicaContainer = member.container;
            }
        }
        DockerRuntime runtime;
        QSignalSpy done(&runtime, &DockerRuntime::actionFinished);
        const auto act = [&](NodeAction action) {
            NodeActionRequest request;
            request.action = action;
            request.container = replicaContainer;
            request.network = m_cluster.sharedNetwork();
            request.aliases = m_cluster.aliasesFor(*m_cluster.find(replicaContainer));
            done.clear();
            runtime.run(request);
            return done.wait(60'000) && done.first().at(1).value<ProcessResult>().succeeded();
        };
        QVERIFY(act(NodeAction::Disconnect));
        QElapsedTimer shown;
        shown.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_view->containerStateText(replicaContainer), QStringLiteral("cut off"), 10'000);
        qInfo("cut off shown %lld ms after docker network disconnect returned", shown.elapsed());
        QVERIFY(m_view->contextFor(replicaContainer).applies(NodeAction::Connect));
        QVERIFY(!m_view->contextFor(replicaContainer).applies(NodeAction::Disconnect));
        QVERIFY(act(NodeAction::Connect));
        QTRY_COMPARE_WITH_TIMEOUT(m_view->containerStateText(replicaContainer), QStringLiteral("running"), 10'000);
        QVERIFY(waitForRest(120'000) >= 0);
    }
};

QTEST_MAIN(TestSwitchover)
#include "tst_switchover.moc"
