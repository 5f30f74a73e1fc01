// SPDX-License-Identifier: GPL-3.0-or-later
// The faults inside a container against the real lab, through the real CLI: each is seen from inside the container
// (lab-fault's survey, the filter rules, the process state, docker inspect's limits), its effect is measured from
// outside (a direct PostgreSQL connection through the node's published port, HTTP to its REST port, curl inside the
// container), and `patroni-lab-cli heal` — a new process that injected nothing — finds it and removes it.
// Everything acts on replicas, so no test waits for a failover (the scenarios do that).
#include "dockercli.h"
#include "faults/nodefaults.h"
#include "labassets.h"
#include "pgsession.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace TestSupport;

namespace {

struct Member
{
    QString name;      // patroni2
    QString container; // plabtest-patroni2
    int number = 0;    // 2
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

    LabDefinition m_lab = testLab();

    QStringList where() const
    {
        return {QStringLiteral("--project"), m_lab.project, QStringLiteral("--port-base"), QString::number(m_lab.portBase)};
    }

    CommandOutput cli(const QStringList& arguments) const { return runCli(arguments + where(), 120'000); }

    QList<Member> replicas() const
    {
        const LabStatus status = probe(m_lab);
        QList<Member> found;
        for (const MemberState& member : status.state.members.value_or(QList<MemberState>{})) {
            if (!member.isLeader() && member.streaming) {
                found << Member{member.name, member.container, member.name.right(1).toInt()};
            }
        }
        std::sort(found.begin(), found.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
        return found;
    }

    static FaultSurvey survey(const QString& container)
    {
        const CommandOutput out = run(QStringLiteral("docker"),
                                      NodeFaults::helperArguments(container, LabAssets::imageTag(), QStringLiteral("survey")),
                                      60'000);
        const auto parsed = FaultSurvey::parse(out.out.toUtf8());
        if (out.exitCode != 0 || !parsed.ok()) {
            qWarning("survey of %s failed: %s %s", qPrintable(container), qPrintable(out.err), qPrintable(out.out));
            return {};
        }
        return parsed.value();
    }

    // One statement on a node's own PostgreSQL (its published port), with a deadline: how long it took, or -1.
    qint64 directQueryMs(int member, const QByteArray& sql, int deadlineMs = 3000, QString* error = nullptr) const
    {
        std::atomic_bool stop{false};
        PgSession session(stop, std::chrono::milliseconds(deadlineMs));
        QElapsedTimer timer;
        timer.start();
        PgSession::Reply reply = session.connect(m_lab.libpqConninfo(m_lab.postgresPort(member), 2).toUtf8());
        if (reply.status == PgSession::Status::Ok) {
            reply = session.exec(sql);
        }
        if (error) {
            *error = reply.message;
        }
        return reply.status == PgSession::Status::Ok ? timer.elapsed() : -1;
    }

    QString healWithCli() const
    {
        const CommandOutput healed = cli({QStringLiteral("heal"), QStringLiteral("--timeout"), QStringLiteral("120")});
        return healed.exitCode == 0 ? QString() : healed.out + healed.err;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER(); // under CI=true it fails instead of skipping
        const QString problem = healLab(m_lab);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(replicas().size(), 2);
    }

    void cleanup()
    {
        // Whatever a failed test left behind must not leak into the next.
        if (QTest::currentTestFailed()) {
            healLab(m_lab);
        }
    }

    // Loss and rate work on every kernel (netem, else nftables and tbf); delay needs netem, and without it the
    // helper refuses in one sentence and changes nothing.
    void networkQuality()
    {
        const Member replica = replicas().first();
        const qint64 before = directQueryMs(replica.number, "SELECT repeat('x', 250000)");
        QVERIFY2(before >= 0 && before < 1000, qPrintable(QString::number(before)));

        const CommandOutput delay = cli({QStringLiteral("node"), QStringLiteral("impair"), replica.name,
                                         QStringLiteral("delay"), QStringLiteral("150")});
        if (delay.exitCode == 0) {
            // netem: every reply leaves 150 ms later, so a query's round trip grows by 150 ms ±20 %.
            QVERIFY(survey(replica.container).netem.value(QStringLiteral("eth0")).contains(QStringLiteral("delay 150ms")));
            qint64 best = std::numeric_limits<qint64>::max();
            for (int i = 0; i < 5; ++i) {
                std::atomic_bool stop{false};
                PgSession session(stop, std::chrono::milliseconds(5000));
                QVERIFY(session.connect(m_lab.libpqConninfo(m_lab.postgresPort(replica.number), 3).toUtf8()).status
                        == PgSession::Status::Ok);
                QElapsedTimer timer;
                timer.start();
                QVERIFY(session.exec("SELECT 1").status == PgSession::Status::Ok);
                best = std::min(best, timer.elapsed());
            }
            qInfo("round trip with delay 150 ms: %lld ms", best);
            QVERIFY2(best >= 120 && best <= 180 + before, qPrintable(QString::number(best)));
            QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("clear"), replica.name}).exitCode, 0);
        } else {
            QVERIFY2(delay.err.contains(QStringLiteral("kernel has no netem")), qPrintable(delay.err));
            QVERIFY2(delay.err.contains(QStringLiteral("refused")), qPrintable(delay.err));
            QVERIFY2(!survey(replica.container).isImpaired(), "a refused impairment leaves nothing behind");
            qInfo("this kernel has no netem: delay refused as it should be");
        }

        // rate 1000 kbit/s: 250 kB of reply take at least 2 s (they took %lld ms unimpaired).
        const CommandOutput rate = cli({QStringLiteral("node"), QStringLiteral("impair"), replica.name,
                                        QStringLiteral("rate"), QStringLiteral("1000")});
        QVERIFY2(rate.exitCode == 0, qPrintable(rate.out + rate.err));
        QVERIFY(survey(replica.container).isImpaired());
        const qint64 throttled = directQueryMs(replica.number, "SELECT repeat('x', 250000)", 20000);
        qInfo("250 kB reply: %lld ms unimpaired, %lld ms at 1000 kbit/s (expected >= 2000)", before, throttled);
        QVERIFY2(throttled >= 1600 && throttled < 8000, qPrintable(QString::number(throttled)));
        // A second impairment on top is refused, and says what is there.
        const CommandOutput again = cli({QStringLiteral("node"), QStringLiteral("impair"), replica.name,
                                         QStringLiteral("loss"), QStringLiteral("10")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already impaired")), qPrintable(again.err));
        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("clear"), replica.name}).exitCode, 0);

        // loss 100 %: nothing the node sends arrives, so a connection cannot even start; clear brings it back.
        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("impair"), replica.name, QStringLiteral("loss"),
                      QStringLiteral("100")})
                     .exitCode,
                 0);
        QCOMPARE(directQueryMs(replica.number, "SELECT 1", 2500), qint64(-1));
        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("clear"), replica.name}).exitCode, 0);
        QVERIFY(!survey(replica.container).isImpaired());
        QVERIFY(directQueryMs(replica.number, "SELECT 1") >= 0);
    }

    // A replica cut off from etcd only: its Patroni cannot reach the DCS, while the leader and clients still reach it.
    void partitionFromChosenPeers()
    {
        const Member replica = replicas().first();
        const CommandOutput cut = cli({QStringLiteral("node"), QStringLiteral("partition"), replica.name,
                                       QStringLiteral("--from"), QStringLiteral("etcd1,etcd2,etcd3")});
        QVERIFY2(cut.exitCode == 0, qPrintable(cut.out + cut.err));
        const FaultSurvey inside = survey(replica.container);
        QVERIFY(inside.partitioned);
        QCOMPARE(inside.partitionPeers.size(), 3);
        const auto reach = [&](const QString& url) {
            return run(QStringLiteral("docker"), {QStringLiteral("exec"), replica.container, QStringLiteral("curl"),
                                                  QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                                  QStringLiteral("-m"), QStringLiteral("2"), url},
                       20'000)
                       .exitCode
                == 0;
        };
        QVERIFY2(!reach(QStringLiteral("http://etcd1:2379/health")), "etcd must be unreachable from the partitioned node");
        QVERIFY2(reach(QStringLiteral("http://haproxy:7000/")), "everything else stays reachable");
        QVERIFY2(directQueryMs(replica.number, "SELECT 1") >= 0, "clients still reach it");
        const CommandOutput twice = cli({QStringLiteral("node"), QStringLiteral("partition"), replica.name,
                                         QStringLiteral("--from"), QStringLiteral("etcd1")});
        QVERIFY2(twice.exitCode == 1 && twice.err.contains(QStringLiteral("already partitioned")), qPrintable(twice.err));

        // Heal from a new process: it finds the filter by looking, not by remembering.
        const QString healed = healWithCli();
        QVERIFY2(healed.isEmpty(), qPrintable(healed));
        QVERIFY(!survey(replica.container).partitioned);
        QVERIFY(reach(QStringLiteral("http://etcd1:2379/health")));
    }

    // PostgreSQL's processes alone: killed (Patroni restarts it in place), frozen and thawed.
    void postgresProcesses()
    {
        const Member replica = replicas().first();
        const CommandOutput freeze = cli({QStringLiteral("node"), QStringLiteral("freeze-postgres"), replica.name});
        QVERIFY2(freeze.exitCode == 0, qPrintable(freeze.out + freeze.err));
        QVERIFY(survey(replica.container).postgresFrozen);
        QString error;
        QCOMPARE(directQueryMs(replica.number, "SELECT 1", 2500, &error), qint64(-1)); // the postmaster cannot answer
        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("thaw-postgres"), replica.name}).exitCode, 0);
        QVERIFY(!survey(replica.container).postgresFrozen);
        QVERIFY(directQueryMs(replica.number, "SELECT 1") >= 0);

        const QByteArray started = "SELECT pg_postmaster_start_time()::text";
        std::atomic_bool stop{false};
        const auto startTime = [&]() -> QByteArray {
            PgSession session(stop, std::chrono::milliseconds(3000));
            if (session.connect(m_lab.libpqConninfo(m_lab.postgresPort(replica.number), 2).toUtf8()).status != PgSession::Status::Ok) {
                return {};
            }
            const PgSession::Reply reply = session.exec(started);
            return reply.status == PgSession::Status::Ok && !reply.rows.isEmpty() ? reply.rows.first().first() : QByteArray();
        };
        const QByteArray before = startTime();
        QVERIFY(!before.isEmpty());
        const CommandOutput kill = cli({QStringLiteral("node"), QStringLiteral("kill-postgres"), replica.name});
        QVERIFY2(kill.exitCode == 0 && kill.out.contains(QStringLiteral("killed the postmaster")), qPrintable(kill.out + kill.err));
        // Patroni notices in its next cycle (loop_wait 10 s) and starts it again, in the same container.
        QElapsedTimer restarted;
        restarted.start();
        QVERIFY2(waitFor([&] { const QByteArray now = startTime(); return !now.isEmpty() && now != before; }, 40'000),
                 "Patroni did not restart PostgreSQL in place");
        qInfo("PostgreSQL restarted in place by Patroni after %lld ms", restarted.elapsed());
        QCOMPARE(run(QStringLiteral("docker"), {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"),
                                                replica.container}).out.trimmed(),
                 QStringLiteral("running"));
        QVERIFY(waitFor([&] { return replicas().size() == 2; }, 60'000));
    }

    // The Patroni daemon alone: the container and PostgreSQL live on; HAProxy's REST check fails; heal restarts it.
    void patroniDiesPostgresLives()
    {
        const Member replica = replicas().first();
        const CommandOutput kill = cli({QStringLiteral("node"), QStringLiteral("kill-patroni"), replica.name});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.out + kill.err));
        const FaultSurvey inside = survey(replica.container);
        QVERIFY(!inside.patroniRunning);
        QVERIFY(inside.postgresRunning);
        QVERIFY2(directQueryMs(replica.number, "SELECT 1") >= 0, "PostgreSQL keeps accepting direct connections");
        const CommandOutput rest = run(QStringLiteral("docker"), {QStringLiteral("exec"), replica.container, QStringLiteral("curl"),
                                                                  QStringLiteral("-s"), QStringLiteral("-m"), QStringLiteral("2"),
                                                                  QStringLiteral("http://127.0.0.1:8008/health")},
                                       20'000);
        QVERIFY2(rest.exitCode != 0, "Patroni's REST API must be gone");
        // On a node whose Patroni is PID 1 the helper refuses instead of stopping the container.
        const CommandOutput again = cli({QStringLiteral("node"), QStringLiteral("kill-patroni"), replica.name});
        QVERIFY2(again.exitCode == 1 && again.err.contains(QStringLiteral("no Patroni daemon")), qPrintable(again.err));

        const QString healed = healWithCli();
        QVERIFY2(healed.isEmpty(), qPrintable(healed));
        QVERIFY(survey(replica.container).patroniRunning);
    }

    // The split-brain lesson, measured with two independent clients on one clock: after kill-patroni on the
    // leader, a client connected directly to its PostgreSQL goes on writing while HAProxy's clients write to the new
    // leader — two primaries accept writes — and what the old one accepted after the promotion is gone once the node
    // has been healed (rewound onto the new timeline).
    void splitBrainAfterPatroniDies()
    {
        const LabStatus before = probe(m_lab);
        const MemberState* leader = before.state.leader();
        QVERIFY(leader);
        const int oldNumber = leader->name.right(1).toInt();
        const QString oldAddress = containerAddress(leader->container);
        std::atomic_bool stop{false};
        PgSession setup(stop, std::chrono::milliseconds(5000));
        QVERIFY(setup.connect(m_lab.libpqConninfo(m_lab.primaryPort(), 3).toUtf8()).status == PgSession::Status::Ok);
        QVERIFY(setup.exec("CREATE TABLE IF NOT EXISTS lab_split_brain (via text, n int, at timestamptz DEFAULT now())").status
                == PgSession::Status::Ok);
        QVERIFY(setup.exec("TRUNCATE lab_split_brain").status == PgSession::Status::Ok);
        setup.close();

        PgSession direct(stop, std::chrono::milliseconds(1000));
        PgSession proxied(stop, std::chrono::milliseconds(1000));
        struct Write { qint64 atMs; bool ok; QString server; int n; };
        QList<Write> directWrites;
        QList<Write> proxiedWrites;
        QElapsedTimer clock;
        clock.start();
        const auto write = [&](PgSession& session, int port, const char* via, int n) -> Write {
            if (!session.isConnected()
                && session.connect(m_lab.libpqConninfo(port, 1).toUtf8()).status != PgSession::Status::Ok) {
                return {clock.elapsed(), false, {}, n};
            }
            const PgSession::Reply reply = session.exec(
                QByteArray("INSERT INTO lab_split_brain (via, n) VALUES ('") + via + "', " + QByteArray::number(n)
                + ") RETURNING host(inet_server_addr())");
            if (reply.status != PgSession::Status::Ok || reply.connectionBroken) {
                session.close();
            }
            return {clock.elapsed(), reply.status == PgSession::Status::Ok,
                    reply.rows.isEmpty() ? QString() : QString::fromLatin1(reply.rows.first().first()), n};
        };
        const CommandOutput kill = cli({QStringLiteral("node"), QStringLiteral("kill-patroni"), leader->name});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.out + kill.err));
        const qint64 killedAtMs = clock.elapsed();
        qint64 promotedAtMs = -1;
        for (int n = 1; clock.elapsed() < 90'000; ++n) {
            directWrites << write(direct, m_lab.postgresPort(oldNumber), "direct", n);
            proxiedWrites << write(proxied, m_lab.primaryPort(), "haproxy", n);
            if (promotedAtMs < 0 && proxiedWrites.last().ok && proxiedWrites.last().server != oldAddress) {
                promotedAtMs = proxiedWrites.last().atMs;
            }
            if (promotedAtMs >= 0 && clock.elapsed() > promotedAtMs + 3000) {
                break;
            }
            QTest::qWait(100);
        }
        QVERIFY2(promotedAtMs > 0, "HAProxy's clients never reached a new leader");
        QList<int> afterPromotion;
        for (const Write& w : std::as_const(directWrites)) {
            QVERIFY2(w.ok || w.atMs < killedAtMs, "the old primary must keep accepting direct writes");
            QCOMPARE(w.server, oldAddress);
            if (w.ok && w.atMs > promotedAtMs) {
                afterPromotion << w.n;
            }
        }
        qInfo("kill-patroni on %s: HAProxy's writes reached the new leader %.1f s after the kill; the old primary "
              "accepted %lld direct writes in the %.1f s after that (two primaries)",
              qPrintable(leader->name), (promotedAtMs - killedAtMs) / 1000.0, qint64(afterPromotion.size()),
              (clock.elapsed() - promotedAtMs) / 1000.0);
        QVERIFY2(afterPromotion.size() >= 5, "both primaries accepted writes in the same seconds");
        direct.close();
        proxied.close();

        const QString healed = healWithCli();
        QVERIFY2(healed.isEmpty(), qPrintable(healed));
        PgSession check(stop, std::chrono::milliseconds(5000));
        QVERIFY(check.connect(m_lab.libpqConninfo(m_lab.primaryPort(), 3).toUtf8()).status == PgSession::Status::Ok);
        const PgSession::Reply survivors = check.exec("SELECT n FROM lab_split_brain WHERE via = 'direct'");
        QVERIFY(survivors.status == PgSession::Status::Ok);
        QSet<int> kept;
        for (const auto& row : survivors.rows) {
            kept.insert(row.first().toInt());
        }
        int lost = 0;
        for (int n : std::as_const(afterPromotion)) {
            lost += kept.contains(n) ? 0 : 1;
        }
        qInfo("after heal: %d of the %lld direct writes acknowledged after the promotion are gone", lost,
              qint64(afterPromotion.size()));
        QCOMPARE(lost, int(afterPromotion.size()));
        check.exec("DROP TABLE lab_split_brain");
    }

    void resourceLimits()
    {
        const QList<Member> two = replicas();
        const Member cpuReplica = two.first();
        const Member memoryReplica = two.last();
        // The same fixed amount of work, before and with a quarter of a CPU, timed inside the container (docker
        // exec's own start-up is not throttled the same way).
        const auto busyMs = [&] {
            const CommandOutput out = run(QStringLiteral("docker"), {QStringLiteral("exec"), cpuReplica.container,
                                                                     QStringLiteral("python3"), QStringLiteral("-c"),
                                                                     QStringLiteral("import time; t = time.monotonic(); "
                                                                                    "sum(i * i for i in range(3000000)); "
                                                                                    "print(int((time.monotonic() - t) * 1000))")},
                                          60'000);
            return out.exitCode == 0 ? out.out.trimmed().toLongLong() : qint64(-1);
        };
        const qint64 free = busyMs();
        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("limit-cpu"), cpuReplica.name, QStringLiteral("0.25")}).exitCode, 0);
        QCOMPARE(run(QStringLiteral("docker"), {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.HostConfig.NanoCpus}}"),
                                                cpuReplica.container}).out.trimmed(),
                 QStringLiteral("250000000"));
        const qint64 throttled = busyMs();
        qInfo("the same work: %lld ms free, %lld ms at --cpus 0.25", free, throttled);
        // A quarter of the time: about four times as long (CFS hands out 25 ms per 100 ms period).
        QVERIFY2(free > 0 && throttled > 2.5 * free, qPrintable(QStringLiteral("%1 vs %2").arg(throttled).arg(free)));

        QCOMPARE(cli({QStringLiteral("node"), QStringLiteral("limit-memory"), memoryReplica.name, QStringLiteral("160m")}).exitCode, 0);
        QCOMPARE(run(QStringLiteral("docker"), {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.HostConfig.Memory}}"),
                                                memoryReplica.container}).out.trimmed(),
                 QString::number(160 * 1024 * 1024));
        // A backend that needs more than the limit is killed by the kernel; the query fails with a lost connection.
        QString error;
        const qint64 hog = directQueryMs(memoryReplica.number,
                                         "SELECT length(string_agg(repeat('x', 1048576), '')) FROM generate_series(1, 400)",
                                         30000, &error);
        qInfo("400 MB query under a 160 MiB limit: %s", qPrintable(error));
        QCOMPARE(hog, qint64(-1));

        const QString healed = healWithCli();
        QVERIFY2(healed.isEmpty(), qPrintable(healed));
        for (const Member& member : two) {
            const QStringList limits = run(QStringLiteral("docker"), {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                                      QStringLiteral("{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}"),
                                                                      member.container})
                                           .out.trimmed()
                                           .split(u' ');
            const CommandOutput host = run(QStringLiteral("docker"), HostResources::infoArguments());
            const HostResources resources = HostResources::parse(host.out.toUtf8()).value();
            QVERIFY2(limits.value(0).toLongLong() == 0 || limits.value(0).toLongLong() >= qint64(resources.cpus) * 1000000000,
                     qPrintable(limits.join(u' ')));
            QVERIFY2(limits.value(1).toLongLong() == 0 || limits.value(1).toLongLong() >= resources.memoryBytes,
                     qPrintable(limits.join(u' ')));
        }
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown container") << QStringList{QStringLiteral("node"), QStringLiteral("impair"), QStringLiteral("patroni9"),
                                                          QStringLiteral("loss"), QStringLiteral("5")}
                                           << 2 << "unknown container 'patroni9'";
        QTest::newRow("loss out of range") << QStringList{QStringLiteral("node"), QStringLiteral("impair"), QStringLiteral("patroni1"),
                                                          QStringLiteral("loss"), QStringLiteral("120")}
                                           << 2 << "at most 100";
        QTest::newRow("postgres fault on etcd") << QStringList{QStringLiteral("node"), QStringLiteral("kill-postgres"), QStringLiteral("etcd1")}
                                                << 2 << "not a Patroni node";
        QTest::newRow("unknown peer") << QStringList{QStringLiteral("node"), QStringLiteral("partition"), QStringLiteral("patroni1"),
                                                     QStringLiteral("--from"), QStringLiteral("etcd7")}
                                      << 2 << "cannot partition from etcd7";
    }
    void badInputChangesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const CommandOutput out = cli(arguments);
        QCOMPARE(out.exitCode, exitCode);
        QVERIFY2(out.err.contains(fragment), qPrintable(out.err));
        QVERIFY2(out.err.contains(QStringLiteral("Nothing was changed")) || exitCode != 2 || out.err.contains(QStringLiteral("at most 100")),
                 qPrintable(out.err));
        QVERIFY2(!out.out.contains(QStringLiteral("$ docker")), "no docker command may run for bad input");
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
