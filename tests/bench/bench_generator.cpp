// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark, not a pass/fail test: the traffic generator's INSERT throughput against pgbench running the same
// INSERT on the same target (HAProxy's primary port of the test lab), 1 and 4 connections, side by side.
// pgbench runs from the lab's own image with the host network, so it needs no PostgreSQL server package on the host
// and takes exactly the client's path (127.0.0.1:B through docker's port forwarding and HAProxy).
#include "labassets.h"
#include "labdefinition.h"
#include "testlab.h"
#include "trafficgenerator.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

namespace {

// One side's result: its rate, and the client's own CPU time per insert (user + system), which says where the
// difference goes when the server side is the same.
struct Measured
{
    double rate = -1;
    double cpuMicrosecondsPerInsert = 0;
};

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

constexpr int Seconds = 4;
constexpr int Rounds = 3; // alternated, so that checkpoints and neighbours hit both sides alike

LabDefinition lab()
{
    return TestSupport::testLab();
}

Measured generatorRate(int connections)
{
    TrafficGenerator generator;
    TrafficConfig config;
    config.conninfo = lab().libpqConninfo(lab().primaryPort());
    config.rate = 0; // as fast as possible
    config.connections = connections;
    config.readCheckEvery = 0;
    config.probeRate = 0;
    config.runId = QStringLiteral("bench");
    config.logOperations = false; // pgbench prints nothing per transaction either
    qint64 ok = 0;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    QObject::connect(&generator, &TrafficGenerator::operationsRecorded, [&](const std::vector<OperationRecord>& batch) {
        for (const OperationRecord& operation : batch) {
            if (operation.kind == OperationRecord::Kind::Insert && operation.ok()) {
                ++ok;
                firstNs = firstNs == 0 ? operation.startNs : std::min(firstNs, operation.startNs);
                lastNs = std::max(lastNs, operation.endNs);
            }
        }
    });
    QEventLoop loop;
    QObject::connect(&generator, &TrafficGenerator::stopped, &loop, &QEventLoop::quit);
    const double cpuBefore = processCpuSeconds();
    if (!generator.start(config).ok()) {
        return {};
    }
    QTimer::singleShot(Seconds * 1000, &generator, &TrafficGenerator::stop);
    loop.exec();
    const double cpu = processCpuSeconds() - cpuBefore;
    return {lastNs > firstNs ? ok / ((lastNs - firstNs) / 1e9) : 0, ok > 0 ? cpu * 1e6 / double(ok) : 0};
}

Measured pgbenchRate(int connections, const QString& scriptPath)
{
    // bash's `time` reports pgbench's own CPU time, as getrusage does for the generator's process.
    const QString command = QStringLiteral("TIMEFORMAT='cpu %U %S'; time /usr/lib/postgresql/17/bin/pgbench -n -M extended "
                                           "-c %1 -j %1 -T %2 -f /bench.sql -h %3 -p %4 -U postgres postgres")
                                .arg(connections)
                                .arg(Seconds)
                                .arg(LabDefinition::host())
                                .arg(lab().primaryPort());
    QProcess pgbench;
    pgbench.start(QStringLiteral("docker"),
                  {QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("host"),
                   QStringLiteral("-e"), QStringLiteral("PGPASSWORD=postgres"), QStringLiteral("-v"),
                   scriptPath + QStringLiteral(":/bench.sql:ro"), QStringLiteral("--entrypoint"), QStringLiteral("bash"),
                   LabAssets::imageTag(), QStringLiteral("-c"), command});
    pgbench.waitForFinished(120'000);
    const QString output = QString::fromUtf8(pgbench.readAllStandardOutput() + pgbench.readAllStandardError());
    static const QRegularExpression tps(QStringLiteral("tps = ([0-9.]+) \\(without initial connection time\\)"));
    static const QRegularExpression transactions(QStringLiteral("number of transactions actually processed: ([0-9]+)"));
    static const QRegularExpression cpu(QStringLiteral("cpu ([0-9.]+) ([0-9.]+)"));
    const auto match = tps.match(output);
    if (!match.hasMatch()) {
        std::fprintf(stderr, "pgbench failed:\n%s\n", qPrintable(output));
        return {};
    }
    const auto done = transactions.match(output);
    const auto seconds = cpu.match(output);
    const double count = done.hasMatch() ? done.captured(1).toDouble() : 0;
    const double cpuSeconds = seconds.hasMatch() ? seconds.captured(1).toDouble() + seconds.captured(2).toDouble() : 0;
    return {match.captured(1).toDouble(), count > 0 ? cpuSeconds * 1e6 / count : 0};
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    // The same statement the generator sends, with its parameters as pgbench variables.
    QTemporaryFile script;
    if (!script.open()) {
        return 1;
    }
    // pgbench runs as the image's user: the mounted script must be readable by others.
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup);
    script.write("\\set seq random(1, 1000000000)\n"
                 "INSERT INTO events (event_type, user_name, run_id, client_seq) "
                 "VALUES ('click', 'Алексей Козлов', 'bench', :seq) RETURNING id, pg_is_in_recovery();\n");
    script.flush();
    // Creates the table before pgbench needs it.
    generatorRate(1);
    bool failed = false;
    const auto median = [](QList<Measured> values, double Measured::*field) {
        std::sort(values.begin(), values.end(), [field](const Measured& a, const Measured& b) { return a.*field < b.*field; });
        return values.at(values.size() / 2).*field;
    };
    for (int connections : {1, 4}) {
        QList<Measured> ours;
        QList<Measured> theirs;
        for (int round = 0; round < Rounds; ++round) {
            ours << generatorRate(connections);
            theirs << pgbenchRate(connections, script.fileName());
        }
        const double oursMedian = median(ours, &Measured::rate);
        const double theirsMedian = median(theirs, &Measured::rate);
        failed = failed || oursMedian <= 0 || theirsMedian <= 0;
        out << QStringLiteral("bench_generator: %1 connection(s), median of %2 alternated %3 s runs: generator %4 inserts/s, "
                              "pgbench %5 tps, ratio %6 (target >= 0.95); client CPU per insert: generator %7 µs, "
                              "pgbench %8 µs")
                   .arg(connections)
                   .arg(Rounds)
                   .arg(Seconds)
                   .arg(oursMedian, 0, 'f', 0)
                   .arg(theirsMedian, 0, 'f', 0)
                   .arg(theirsMedian > 0 ? oursMedian / theirsMedian : 0, 0, 'f', 2)
                   .arg(median(ours, &Measured::cpuMicrosecondsPerInsert), 0, 'f', 1)
                   .arg(median(theirs, &Measured::cpuMicrosecondsPerInsert), 0, 'f', 1)
            << Qt::endl;
    }
    return failed ? 1 : 0;
}
