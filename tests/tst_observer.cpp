// SPDX-License-Identifier: GPL-3.0-or-later
// The ClusterObserver against the real lab while faults are injected with the DockerRuntime.
#include "clusterhealer.h"
#include "clusterobserver.h"
#include "dockerruntime.h"
#include "labclock.h"
#include "testsupport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace std::chrono_literals;
using Kind = ClusterEvent::Kind;

namespace {

constexpr auto Period = 500ms;

// Polls Patroni's /cluster every 100 ms on its own, to know when Patroni itself first reported a new leader.
class PatroniWatch : public QObject
{
public:
    explicit PatroniWatch(const LabDefinition& lab)
        : m_lab(lab)
    {
        connect(&m_timer, &QTimer::timeout, this, &PatroniWatch::poll);
        m_timer.start(100);
    }
    QString leader;
    qint64 changedNs = 0;
    QString initialLeader;

private:
    void poll()
    {
        for (int member = 1; member <= LabDefinition::NodesPerKind; ++member) {
            QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/cluster").arg(m_lab.patroniRestPort(member))));
            request.setTransferTimeout(500);
            QNetworkReply* reply = m_network.get(request);
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                reply->deleteLater();
                const auto cluster = PatroniApi::parseCluster(reply->isOpen() ? reply->readAll() : QByteArray());
                if (!cluster.ok() || !cluster.value().leader()) {
                    return;
                }
                const QString name = cluster.value().leader()->name;
                if (initialLeader.isEmpty()) {
                    initialLeader = name;
                }
                if (name != initialLeader && changedNs == 0) {
                    changedNs = LabClock::nowNs();
                    leader = name;
                }
            });
        }
    }
    LabDefinition m_lab;
    QNetworkAccessManager m_network;
    QTimer m_timer;
};

} // namespace

class TestObserver : public QObject
{
    Q_OBJECT
private:
    DiscoveredCluster m_cluster;
    QList<ClusterEvent> m_events;
    QList<qint64> m_requestedNs; // per event: ClusterObserver::answerRequestedNs() when it was emitted

    std::unique_ptr<ClusterObserver> startObserver(EndpointClient::Transport transport = EndpointClient::Transport::Auto)
    {
        ClusterObserver::Options options;
        options.period = Period;
        options.transport = transport;
        auto observer = std::make_unique<ClusterObserver>(m_cluster, DockerCli(), options);
        m_events.clear();
        m_requestedNs.clear();
        connect(observer.get(), &ClusterObserver::eventOccurred, this, [this, watched = observer.get()](const ClusterEvent& event) {
            m_events << event;
            m_requestedNs << watched->answerRequestedNs();
            qInfo().noquote() << "event:" << event.describe();
        });
        QSignalSpy first(observer.get(), &ClusterObserver::firstRoundCompleted);
        observer->start();
        if (!first.wait(20'000)) {
            qWarning("observer never completed a round");
        }
        return observer;
    }

    const ClusterEvent* findEvent(Kind kind, const QString& subject = {}, const QString& to = {}) const
    {
        for (const ClusterEvent& event : m_events) {
            if (event.kind == kind && (subject.isEmpty() || event.subject == subject) && (to.isEmpty() || event.to == to)) {
                return &event;
            }
        }
        return nullptr;
    }

    const ClusterEvent* newLeaderEvent() const
    {
        for (const ClusterEvent& event : m_events) {
            if (event.kind == Kind::LeaderChanged && !event.to.isEmpty()) {
                return &event;
            }
        }
        return nullptr;
    }

    bool runAction(NodeAction action, const QString& service)
    {
        DockerRuntime runtime;
        NodeActionRequest request;
        request.action = action;
        request.container = TestSupport::testLab().containerName(service);
        QSignalSpy done(&runtime, &DockerRuntime::actionFinished);
        runtime.run(request);
        return done.wait(60'000) && done.first().at(1).value<ProcessResult>().succeeded();
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        const auto result = TestSupport::discover(TestSupport::testLab().project);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        m_cluster = result.value();
        QCOMPARE(m_cluster.containers.size(), 7);
        QVERIFY(m_cluster.byComposeLabel);
    }

    void cleanup()
    {
        const QString problem = TestSupport::healLab(TestSupport::testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("the lab did not heal: ") + problem));
    }

    void leaderStopFailsOverAndTheOldLeaderReturnsAsReplica()
    {
        auto observer = startObserver();
        const MemberState* leader = observer->state().leader();
        QVERIFY(leader);
        const QString oldLeader = leader->name;
        const int oldTimeline = observer->state().timeline().value_or(0);
        PatroniWatch patroni(TestSupport::testLab());

        QVERIFY(runAction(NodeAction::Stop, oldLeader));
        // The old leader may first be seen stepping down ("patroni1 → (none)") before a replica takes over.
        QTRY_VERIFY_WITH_TIMEOUT(newLeaderEvent(), 60'000);
        const ClusterEvent leaderChanged = *newLeaderEvent();
        QCOMPARE(findEvent(Kind::LeaderChanged)->from, oldLeader);
        QVERIFY(leaderChanged.to != oldLeader);
        QTRY_VERIFY_WITH_TIMEOUT(patroni.changedNs != 0, 10'000);
        QCOMPARE(leaderChanged.to, patroni.leader);
        // Reported within two polls of Patroni reporting it (plus one request's time).
        const qint64 latencyMs = (leaderChanged.timeNs - patroni.changedNs) / 1'000'000;
        // Where it goes: waiting for the observer's next poll (its period is 500 ms: 250 ms on average), then the
        // request that saw it. The watcher polls every 100 ms, so the first part can look up to 100 ms shorter.
        const qint64 requestedNs = m_requestedNs.at(newLeaderEvent() - m_events.constData());
        qInfo("observer latency, Patroni /cluster shows the new leader -> leader_changed event: %lld ms (waiting for the "
              "next poll %lld ms, the request that saw it %lld ms)",
              latencyMs, (requestedNs - patroni.changedNs) / 1'000'000, (leaderChanged.timeNs - requestedNs) / 1'000'000);
        QVERIFY2(latencyMs <= 2 * Period.count() + 200, qPrintable(QString::number(latencyMs)));

        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::TimelineChanged), 30'000);
        QCOMPARE(findEvent(Kind::TimelineChanged)->from.toInt(), oldTimeline);
        QCOMPARE(findEvent(Kind::TimelineChanged)->to.toInt(), oldTimeline + 1);
        // docker stop may still be waiting for the container to exit when the replicas have already promoted one.
        QTRY_VERIFY_WITH_TIMEOUT(
            findEvent(Kind::ContainerStateChanged, TestSupport::testLab().containerName(oldLeader), QStringLiteral("exited")), 15'000);
        // HAProxy follows: the new leader comes UP for writes (rise 2 x 3 s), the old one goes DOWN (fall 3).
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::HaproxyBackendUp, QStringLiteral("primary/") + leaderChanged.to), 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::HaproxyBackendDown, QStringLiteral("primary/") + oldLeader), 40'000);

        QVERIFY(runAction(NodeAction::Start, oldLeader));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::MemberStateChanged, oldLeader, QStringLiteral("streaming")), 90'000);
        const auto returned = [&observer, &oldLeader] { return observer->state().member(oldLeader); };
        QVERIFY(returned());
        QCOMPARE(returned()->role, PatroniMember::Role::Replica);
        // Its first report as a replica can still carry the old timeline until it has replayed the switch.
        QTRY_COMPARE_WITH_TIMEOUT(returned() ? returned()->timeline.value_or(0) : 0, oldTimeline + 1, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::HaproxyBackendUp, QStringLiteral("replicas/") + oldLeader), 30'000);
    }

    void etcdQuorumLossAndRestore()
    {
        auto observer = startObserver();
        QVERIFY(observer->state().hasEtcdQuorum());
        QVERIFY(runAction(NodeAction::Stop, QStringLiteral("etcd1")));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::EtcdMemberDown, QStringLiteral("etcd1")), 15'000);
        QVERIFY2(!findEvent(Kind::EtcdQuorumLost), "one etcd member down keeps the quorum");

        QVERIFY(runAction(NodeAction::Stop, QStringLiteral("etcd2")));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::EtcdQuorumLost), 20'000);
        QVERIFY(!observer->state().hasEtcdQuorum());
        // etcd3 alone has no raft leader: its /health turns 503 too.
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::EtcdMemberDown, QStringLiteral("etcd3")), 15'000);
        const auto etcd3Error = [&observer] {
            for (const EtcdMemberState& member : observer->state().etcd.value_or(QList<EtcdMemberState>{})) {
                if (member.name == QLatin1StringView("etcd3")) {
                    return member.error;
                }
            }
            return QString();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(etcd3Error().contains(QStringLiteral("HTTP 503")), qPrintable(etcd3Error()), 15'000);

        QVERIFY(runAction(NodeAction::Start, QStringLiteral("etcd1")));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::EtcdQuorumRestored), 30'000);
        QVERIFY(observer->state().hasEtcdQuorum());
        const qint64 lostToRestored = (findEvent(Kind::EtcdQuorumRestored)->timeNs - findEvent(Kind::EtcdQuorumLost)->timeNs) / 1'000'000;
        qInfo("etcd quorum lost for %lld ms (observed)", lostToRestored);
    }

    // A replica cut off from the network, then "Heal all": it is reconnected under its DNS name and streams again.
    void partitionedReplicaIsHealed()
    {
        auto observer = startObserver();
        QString replica;
        for (const MemberState& member : observer->state().members.value_or(QList<MemberState>{})) {
            if (!member.isLeader()) {
                replica = member.name;
            }
        }
        QVERIFY(!replica.isEmpty());
        DockerRuntime runtime;
        NodeActionRequest cut;
        cut.action = NodeAction::Disconnect;
        cut.container = TestSupport::testLab().containerName(replica);
        cut.network = m_cluster.sharedNetwork();
        QSignalSpy done(&runtime, &DockerRuntime::actionFinished);
        runtime.run(cut);
        QVERIFY(done.wait(30'000));
        QVERIFY2(done.first().at(1).value<ProcessResult>().succeeded(), qPrintable(done.first().at(1).value<ProcessResult>().lastErrorLine()));
        // HAProxy can no longer reach it: its replicas backend goes DOWN.
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::HaproxyBackendDown, QStringLiteral("replicas/") + replica), 40'000);

        ClusterHealer healer(m_cluster, DockerCli());
        QSignalSpy healed(&healer, &ClusterHealer::finished);
        healer.start();
        QVERIFY(healed.wait(60'000));
        QVERIFY2(healed.first().first().toBool(), qPrintable(healed.first().at(1).toString()));
        QCOMPARE(healed.first().at(1).toString(), QStringLiteral("healed: connect ") + cut.container);
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(Kind::HaproxyBackendUp, QStringLiteral("replicas/") + replica), 60'000);
        QCOMPARE(observer->state().member(replica)->state, QStringLiteral("streaming"));
    }

    // The cost of one poll cycle (every source once) for both transports, printed for the record.
    void pollCycleCost_data()
    {
        QTest::addColumn<int>("transport");
        QTest::newRow("http (published ports)") << int(EndpointClient::Transport::Http);
        QTest::newRow("docker exec") << int(EndpointClient::Transport::DockerExec);
    }
    void pollCycleCost()
    {
        QFETCH(int, transport);
        auto observer = startObserver(EndpointClient::Transport(transport));
        QVERIFY(observer->state().leader());
        QVERIFY(observer->state().hasEtcdQuorum());
        QCOMPARE(observer->state().routedServers(QStringLiteral("primary")), QStringList{observer->state().leader()->name});
        QSignalSpy rounds(observer.get(), &ClusterObserver::roundCompleted);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.size() >= 10, 60'000);
        QList<qint64> costs;
        for (const QList<QVariant>& round : rounds) {
            costs << round.first().toLongLong();
        }
        std::sort(costs.begin(), costs.end());
        qInfo("poll cycle via %s over %lld rounds: median %lld ms, max %lld ms", QTest::currentDataTag(),
              qint64(costs.size()), costs.at(costs.size() / 2), costs.last());
        QVERIFY(m_events.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestObserver)
#include "tst_observer.moc"
