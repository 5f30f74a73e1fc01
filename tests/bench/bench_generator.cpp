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

#include <cstdio>

namespace {

constexpr int Seconds = 6;
constexpr int Rounds = 3; // alternated, so that checkpoints and neighbours hit both sides alike

LabDefinition lab()
{
    return TestSupport::testLab();
}

double generatorRate(int connections)
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
    if (!generator.start(config).ok()) {
        return -1;
    }
    QTimer::singleShot(Seconds * 1000, &generator, &TrafficGenerator::stop);
    loop.exec();
    return lastNs > firstNs ? ok / ((lastNs - firstNs) / 1e9) : 0;
}

double pgbenchRate(int connections, const QString& scriptPath)
{
    QProcess pgbench;
    pgbench.start(QStringLiteral("docker"),
                  {QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("host"),
                   QStringLiteral("-e"), QStringLiteral("PGPASSWORD=postgres"), QStringLiteral("-v"),
                   scriptPath + QStringLiteral(":/bench.sql:ro"), QStringLiteral("--entrypoint"),
                   QStringLiteral("/usr/lib/postgresql/17/bin/pgbench"), LabAssets::imageTag(), QStringLiteral("-n"),
                   QStringLiteral("-M"), QStringLiteral("extended"), QStringLiteral("-c"), QString::number(connections),
                   QStringLiteral("-j"), QString::number(connections), QStringLiteral("-T"), QString::number(Seconds),
                   QStringLiteral("-f"), QStringLiteral("/bench.sql"), QStringLiteral("-h"), LabDefinition::host(),
                   QStringLiteral("-p"), QString::number(lab().primaryPort()), QStringLiteral("-U"), QStringLiteral("postgres"),
                   QStringLiteral("postgres")});
    pgbench.waitForFinished(120'000);
    const QString output = QString::fromUtf8(pgbench.readAllStandardOutput() + pgbench.readAllStandardError());
    static const QRegularExpression tps(QStringLiteral("tps = ([0-9.]+) \\(without initial connection time\\)"));
    const auto match = tps.match(output);
    if (!match.hasMatch()) {
        std::fprintf(stderr, "pgbench failed:\n%s\n", qPrintable(output));
        return -1;
    }
    return match.captured(1).toDouble();
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
    const auto median = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    };
    for (int connections : {1, 4}) {
        QList<double> ours;
        QList<double> theirs;
        for (int round = 0; round < Rounds; ++round) {
            ours << generatorRate(connections);
            theirs << pgbenchRate(connections, script.fileName());
        }
        const double oursMedian = median(ours);
        const double theirsMedian = median(theirs);
        failed = failed || oursMedian <= 0 || theirsMedian <= 0;
        out << QStringLiteral("bench_generator: %1 connection(s), median of %2 alternated %3 s runs: generator %4 inserts/s, "
                              "pgbench %5 tps, ratio %6 (target >= 0.95)")
                   .arg(connections)
                   .arg(Rounds)
                   .arg(Seconds)
                   .arg(oursMedian, 0, 'f', 0)
                   .arg(theirsMedian, 0, 'f', 0)
                   .arg(theirsMedian > 0 ? oursMedian / theirsMedian : 0, 0, 'f', 2)
            << Qt::endl;
    }
    return failed ? 1 : 0;
}
