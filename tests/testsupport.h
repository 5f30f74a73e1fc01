// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterhealer.h"
#include "labdefinition.h"
#include "labstatus.h"
#include "testlab.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

// Shared helpers for the tests: fixtures, the test lab, and running the real CLI.
namespace TestSupport {

inline QByteArray fixture(const QString& relativePath)
{
    QFile file(QStringLiteral(LAB_FIXTURES_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing test fixture %s", qPrintable(relativePath));
    }
    return file.readAll();
}

struct CommandOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline CommandOutput run(const QString& program, const QStringList& arguments, int timeoutMs = 600'000,
                         const QProcessEnvironment& extraEnvironment = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(extraEnvironment);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    CommandOutput output;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        output.err = QStringLiteral("timed out: ") + program + u' ' + arguments.join(u' ');
        return output;
    }
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    return output;
}

inline CommandOutput runCli(const QStringList& arguments, int timeoutMs = 600'000, const QProcessEnvironment& extra = {})
{
    return run(QStringLiteral(PATRONI_LAB_CLI), arguments, timeoutMs, extra);
}

// Integration tests need Docker. Under CI=true they fail when it is unreachable; elsewhere they skip, so a
// developer can run the unit tests on a laptop without Docker.
inline QString dockerUnreachableReason()
{
    const CommandOutput info = run(QStringLiteral("docker"), {QStringLiteral("info"), QStringLiteral("--format"),
                                                              QStringLiteral("{{.ServerVersion}}")},
                                   30'000);
    return info.exitCode == 0 ? QString() : QStringLiteral("Docker cannot be reached: ") + info.err.trimmed() + info.out;
}

// The cluster of a compose project (or name prefix) as the app discovers it, waiting up to 30 s.
inline Result<DiscoveredCluster> discover(const QString& project)
{
    ClusterDiscovery discovery(project, DockerCli());
    QSignalSpy found(&discovery, &ClusterDiscovery::finished);
    discovery.start();
    if (!found.wait(30'000)) {
        return Result<DiscoveredCluster>::failure(QStringLiteral("discovering %1 did not finish within 30 s").arg(project));
    }
    return found.first().first().value<Result<DiscoveredCluster>>();
}

inline LabStatus probe(const LabDefinition& lab)
{
    LabProbe probe(lab);
    QSignalSpy finished(&probe, &LabProbe::finished);
    probe.start();
    if (!finished.wait(30'000)) {
        qFatal("LabProbe did not finish within 30 s");
    }
    return finished.first().first().value<LabStatus>();
}

// Heals the lab with the product's own "Heal all" (unpause, reconnect, start), then waits until it is healthy
// again, so that one test's faults never leak into the next. Returns the last problem when it does not heal.
inline QString healLab(const LabDefinition& lab, int timeoutMs = 180'000)
{
    ClusterDiscovery discovery(lab.project, DockerCli());
    QSignalSpy found(&discovery, &ClusterDiscovery::finished);
    discovery.start();
    if (!found.wait(30'000)) {
        return QStringLiteral("discovery did not finish");
    }
    const auto cluster = found.first().first().value<Result<DiscoveredCluster>>();
    if (!cluster.ok()) {
        return cluster.error();
    }
    ClusterHealer healer(cluster.value(), DockerCli());
    QSignalSpy healed(&healer, &ClusterHealer::finished);
    healer.start();
    if (!healed.wait(120'000)) {
        return QStringLiteral("healing did not finish");
    }
    if (!healed.first().first().toBool()) {
        return healed.first().at(1).toString();
    }
    QElapsedTimer timer;
    timer.start();
    QString problem;
    while (timer.elapsed() < timeoutMs) {
        const LabStatus status = probe(lab);
        if (status.isHealthy()) {
            return {};
        }
        problem = status.problems().first().text;
        QTest::qWait(1000);
    }
    return problem;
}

// Waits in a real event loop until the predicate holds (checked every 20 ms) or the time is up. QTRY_* and
// QTest::qWait sleep 10 ms between rounds of event processing: a test that measures how late the GUI thread's
// timers fire must not count those sleeps as the window's.
template <typename Predicate>
bool waitFor(Predicate predicate, int timeoutMs)
{
    if (predicate()) {
        return true;
    }
    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (predicate() || elapsed.elapsed() > timeoutMs) {
            loop.quit();
        }
    });
    poll.start();
    loop.exec();
    return predicate();
}

// Breaks the cluster as experiments do — stops a streaming replica and pauses etcd3, each with `node ACTION` and the
// full container name only (no --project: the command finds the cluster) — waits until the cluster shows both
// (HAProxy no longer reads from the replica, etcd3 unhealthy), then runs `patroni-lab-cli heal`. Returns what went
// wrong (empty: healed and healthy); transcript gets heal's output.
inline QString breakAndHealWithCli(const LabDefinition& lab, QString* transcript)
{
    const LabStatus before = probe(lab);
    if (!before.isHealthy()) {
        return QStringLiteral("not healthy before the test: ") + before.problems().first().text;
    }
    const QStringList streaming = before.state.streamingReplicas();
    const MemberState* replica = streaming.isEmpty() ? nullptr : before.state.member(streaming.first());
    if (!replica || replica->container.isEmpty()) {
        return QStringLiteral("no streaming replica");
    }
    const QString etcd = lab.containerName(QStringLiteral("etcd3"));
    const CommandOutput stop = runCli({QStringLiteral("node"), QStringLiteral("stop"), replica->container});
    if (stop.exitCode != 0 || !stop.out.contains(QStringLiteral("$ docker stop --time 10 ") + replica->container)) {
        return QStringLiteral("node stop %1 (exit %2): %3%4").arg(replica->container).arg(stop.exitCode).arg(stop.out, stop.err);
    }
    const CommandOutput pause = runCli({QStringLiteral("node"), QStringLiteral("pause"), etcd});
    if (pause.exitCode != 0) {
        return QStringLiteral("node pause %1 (exit %2): %3%4").arg(etcd).arg(pause.exitCode).arg(pause.out, pause.err);
    }
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const LabStatus broken = probe(lab);
        const EtcdMemberState* etcd3 = nullptr;
        for (const EtcdMemberState& member : broken.state.etcd.value_or(QList<EtcdMemberState>{})) {
            etcd3 = member.name == QLatin1StringView("etcd3") ? &member : etcd3;
        }
        if (etcd3 && !etcd3->healthy && !broken.state.routedServers(QStringLiteral("replicas")).contains(replica->name)) {
            break;
        }
        if (clock.elapsed() > 60'000) {
            return QStringLiteral("the cluster did not show the damage within 60 s");
        }
        QTest::qWait(1000);
    }
    const CommandOutput heal = runCli({QStringLiteral("heal"), QStringLiteral("--project"), lab.project});
    *transcript = heal.out + heal.err;
    if (heal.exitCode != 0) {
        return QStringLiteral("heal exited with %1").arg(heal.exitCode);
    }
    for (const QString& expected : QStringList{QStringLiteral("$ docker unpause ") + etcd,
                                               QStringLiteral("$ docker start ") + replica->container, QStringLiteral("Healthy after")}) {
        if (!heal.out.contains(expected)) {
            return QStringLiteral("heal did not print '%1'").arg(expected);
        }
    }
    const LabStatus after = probe(lab);
    if (!after.isHealthy()) {
        return QStringLiteral("not healthy after heal: ") + after.problems().first().text;
    }
    // Healing a healthy cluster does nothing and says so.
    const CommandOutput again = runCli({QStringLiteral("heal"), QStringLiteral("--project"), lab.project});
    *transcript += again.out + again.err;
    if (again.exitCode != 0 || !again.out.contains(QStringLiteral("nothing to heal"))) {
        return QStringLiteral("a second heal exited with %1").arg(again.exitCode);
    }
    return {};
}

// breakAndHealWithCli, timed: prints how long it took in all and how soon after heal's docker commands the cluster was
// healthy (label names the cluster in the line). Returns what went wrong, with heal's output.
inline QString breakAndHealWithCliReported(const LabDefinition& lab, const QString& label)
{
    QElapsedTimer clock;
    clock.start();
    QString transcript;
    const QString problem = breakAndHealWithCli(lab, &transcript);
    if (!problem.isEmpty()) {
        return problem + u'\n' + transcript;
    }
    const QString healed = transcript.section(QStringLiteral("Healthy after"), 1, 1).section(u':', 0, 0);
    qInfo().noquote() << QStringLiteral("%1: %2 s in all, healthy%3 s after the heal's docker commands")
                             .arg(label)
                             .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                             .arg(healed.chopped(2));
    return {};
}

inline QString containerAddress(const QString& container)
{
    return run(QStringLiteral("docker"),
               {QStringLiteral("inspect"), QStringLiteral("--format"),
                QStringLiteral("{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"), container},
               30'000)
        .out.trimmed();
}

} // namespace TestSupport

#define REQUIRE_DOCKER()                                                                                               \
    do {                                                                                                               \
        const QString reason = TestSupport::dockerUnreachableReason();                                                 \
        if (!reason.isEmpty()) {                                                                                       \
            if (qEnvironmentVariable("CI") == QLatin1StringView("true")) {                                             \
                QFAIL(qPrintable(reason + QStringLiteral(" (CI=true: integration tests must run)")));                 \
            }                                                                                                          \
            QSKIP(qPrintable(reason));                                                                                 \
        }                                                                                                              \
    } while (false)
