// SPDX-License-Identifier: GPL-3.0-or-later
// Every built-in scenario run against the real lab through the real `patroni-lab-cli run`, as a student would run
// it: the bundle must be complete, the cluster healed afterwards, and the outcome classes the scenario promises
// must be what the lab did (failover or not, read-only errors, total outage, no lost writes). Then a run aborted
// with Ctrl+C midway, which must leave the cluster healed and its settings as they were.
#include "labstatus.h"
#include "scenariocatalogue.h"
#include "testlab.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>

#include <csignal>
#include <functional>
#include <memory>
#include <optional>

using namespace TestSupport;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The scenarios `ctest -L scenario` runs (tst_scenariorun_extra), not every CI run, which cannot afford them all:
// - the long fault experiments, about a minute each (tst_faults measures the split brain of
//   patroni-dies-postgres-lives on every CI run);
// - the lab report's single experiments: every one of them is a step of lab-report, which runs on every CI run, and
//   tst_patroni3 runs leader-stop and etcd-quorum-loss on Patroni 3 (about 4 minutes saved).
QStringList scenariosOffTheCiRun()
{
    return {QStringLiteral("leader-loses-etcd"), QStringLiteral("lossy-leader"), QStringLiteral("slow-leader"),
            QStringLiteral("patroni-dies-postgres-lives"), QStringLiteral("replica-lag"),
            QStringLiteral("leader-stop"), QStringLiteral("old-leader-returns"), QStringLiteral("replica-stop"),
            QStringLiteral("etcd-one-down"), QStringLiteral("etcd-quorum-loss"), QStringLiteral("haproxy-down")};
}

QStringList labArguments()
{
    const LabDefinition lab = testLab();
    return {QStringLiteral("--project"), lab.project, QStringLiteral("--port-base"), QString::number(lab.portBase)};
}

// Sequences in one column of a CSV file with a header row, for the rows where `where` holds.
QSet<qint64> csvSequences(const QString& path, const QString& column, const std::function<bool(const QHash<QString, QString>&)>& where)
{
    QFile file(path);
    QSet<qint64> sequences;
    if (!file.open(QIODevice::ReadOnly)) {
        return sequences;
    }
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(u',');
    while (!file.atEnd()) {
        // The columns read here come before any free text (error messages are last), so a plain split will do.
        const QStringList fields = QString::fromUtf8(file.readLine()).trimmed().split(u',');
        QHash<QString, QString> row;
        for (qsizetype i = 0; i < header.size() && i < fields.size(); ++i) {
            row.insert(header.at(i), fields.at(i));
        }
        if (where(row)) {
            sequences.insert(row.value(column).toLongLong());
        }
    }
    return sequences;
}

// The run's rows as PostgreSQL has them now, asked independently of the app: client_seq of every row tagged with
// the run's row_tag, read through HAProxy from the leader.
std::optional<QSet<qint64>> sequencesInTable(const QString& rowTag)
{
    PGconn* connection = PQconnectdb(testLab().libpqConninfo(testLab().primaryPort()).toUtf8().constData());
    std::unique_ptr<PGconn, decltype(&PQfinish)> owned(connection, &PQfinish);
    if (PQstatus(connection) != CONNECTION_OK) {
        qWarning("cannot connect: %s", PQerrorMessage(connection));
        return std::nullopt;
    }
    const QByteArray tag = rowTag.toUtf8();
    const char* values[] = {tag.constData()};
    std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexecParams(connection, "select client_seq from events where run_id = $1", 1, nullptr, values, nullptr, nullptr, 0), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        qWarning("select failed: %s", PQerrorMessage(connection));
        return std::nullopt;
    }
    QSet<qint64> sequences;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
        sequences.insert(QByteArray(PQgetvalue(result.get(), row, 0)).toLongLong());
    }
    return sequences;
}

} // namespace

class TestScenarioRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        QVERIFY(m_dir.isValid());
        const QString problem = healLab(testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void builtIn_data()
    {
        QTest::addColumn<QString>("id");
        const auto scenarios = ScenarioCatalogue::builtIns();
        QVERIFY2(scenarios.ok(), qPrintable(scenarios.error()));
        // Some run as tst_scenariorun_extra (ctest -L scenario: this program's builtIn with
        // PATRONI_LAB_SCENARIO_SET=long), the rest on every CI run.
        const QStringList extra = scenariosOffTheCiRun();
        const bool longSet = qEnvironmentVariable("PATRONI_LAB_SCENARIO_SET") == QLatin1StringView("long");
        for (const Scenario& scenario : scenarios.value()) {
            if (extra.contains(scenario.id) == longSet) {
                QTest::newRow(qPrintable(scenario.id)) << scenario.id;
            }
        }
    }

    void builtIn()
    {
        QFETCH(QString, id);
        const QString out = m_dir.filePath(id);
        QElapsedTimer clock;
        clock.start();
        const CommandOutput run = runCli(QStringList{QStringLiteral("run"), id, QStringLiteral("--out"), out,
                                                     QStringLiteral("--journal"), m_dir.filePath(QStringLiteral("journal.sqlite"))}
                                             + labArguments(),
                                         840'000);
        const QString transcript = run.out.right(6000) + run.err;
        // 0: as expected; 4: ran to the end but some timing or error class differed (the report says which).
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(QStringLiteral("exit %1\n%2").arg(run.exitCode).arg(transcript)));

        const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
        QVERIFY2(!summary.isEmpty(), qPrintable(transcript));
        QVERIFY2(summary.value(QStringLiteral("completed")).toBool(), qPrintable(summary.value(QStringLiteral("failure")).toString()));
        QVERIFY2(summary.value(QStringLiteral("healed")).toBool(), qPrintable(summary.value(QStringLiteral("heal_problem")).toString()));
        const QJsonObject expected = summary.value(QStringLiteral("expected")).toObject();
        const QJsonObject measured = summary.value(QStringLiteral("measured")).toObject();
        const QString figures = QString::fromUtf8(QJsonDocument(measured).toJson(QJsonDocument::Compact));
        qInfo().noquote() << QStringLiteral("scenario %1: %2 in %3 s; %4")
                                 .arg(id, summary.value(QStringLiteral("verdict")).toString())
                                 .arg(clock.elapsed() / 1000)
                                 .arg(figures);

        // The outcome classes: what the scenario is about, robust to the lab's timing.
        QCOMPARE(measured.value(QStringLiteral("failover")).toBool(), expected.value(QStringLiteral("failover")).toBool());
        // A degraded service (band "degraded") may or may not stop writes long enough to count as an outage.
        if (expected.value(QStringLiteral("band")).toString() != QLatin1StringView("degraded")) {
            QCOMPARE(measured.value(QStringLiteral("write_outages")).toInt() > 0, expected.value(QStringLiteral("write_outage")).toBool());
        }
        if (expected.value(QStringLiteral("read_only_errors")) == QJsonValue(true)) {
            QVERIFY2(measured.value(QStringLiteral("read_only_errors")).toInt() > 0, qPrintable(figures));
        } else if (expected.value(QStringLiteral("read_only_errors")) == QJsonValue(false)) {
            QCOMPARE(measured.value(QStringLiteral("read_only_errors")).toInt(), 0);
        }
        // Only stopping HAProxy closes the port: connection refused is the total outage, and nothing else causes it.
        QCOMPARE(measured.value(QStringLiteral("connection_refused")).toInt() > 0, expected.value(QStringLiteral("total_outage")) == QJsonValue(true));
        QVERIFY(measured.value(QStringLiteral("audit_performed")).toBool());
        QVERIFY(measured.value(QStringLiteral("acknowledged_writes")).toInt() > 0);
        // At most what the scenario allows: 0 where the leader shuts down cleanly, a few where it freezes or dies.
        QVERIFY2(measured.value(QStringLiteral("lost_writes")).toInt() <= expected.value(QStringLiteral("lost_writes")).toInt(), qPrintable(figures));

        // The bundle.
        for (const char* file : {"report.md", "operations.csv", "events.csv", "faults.csv", "windows.csv"}) {
            QVERIFY2(QFileInfo(QDir(out).filePath(QLatin1StringView(file))).size() > 0, file);
        }
        const QImage figure(QDir(out).filePath(QStringLiteral("timeline.png")));
        QCOMPARE(figure.size(), QSize(1600, 900));
        QFile report(QDir(out).filePath(QStringLiteral("report.md")));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(report.readAll());
        QVERIFY(markdown.contains(QStringLiteral("![timeline of the run](timeline.png)")));
        QVERIFY(markdown.contains(QStringLiteral("| `failover` |")));

        // The audit against SQL: the acknowledged writes (operations.csv) that the table does not have now are exactly
        // the ones lost_writes.csv and summary.json name.
        const QString rowTag = summary.value(QStringLiteral("context")).toObject().value(QStringLiteral("settings")).toObject()
                                   .value(QStringLiteral("row_tag")).toString();
        QVERIFY(!rowTag.isEmpty());
        const auto inTable = sequencesInTable(rowTag);
        QVERIFY(inTable);
        const QSet<qint64> acknowledged = csvSequences(QDir(out).filePath(QStringLiteral("operations.csv")), QStringLiteral("sequence"),
                                                       [](const QHash<QString, QString>& row) {
                                                           return row.value(QStringLiteral("kind")) == QLatin1StringView("insert")
                                                               && row.value(QStringLiteral("outcome")) == QLatin1StringView("ok");
                                                       });
        const QSet<qint64> missing = QSet<qint64>(acknowledged).subtract(*inTable);
        const QSet<qint64> listed = csvSequences(QDir(out).filePath(QStringLiteral("lost_writes.csv")), QStringLiteral("sequence"),
                                                 [](const QHash<QString, QString>&) { return true; });
        qInfo("%s: %lld acknowledged, %lld in the table, %lld missing, %lld listed as lost", qPrintable(id),
              qint64(acknowledged.size()), qint64(inTable->size()), qint64(missing.size()), qint64(listed.size()));
        QCOMPARE(listed, missing);
        QCOMPARE(qint64(missing.size()), qint64(measured.value(QStringLiteral("lost_writes")).toInt()));
        QVERIFY2(missing.size() >= expected.value(QStringLiteral("lost_writes_at_least")).toInt(), qPrintable(figures));

        const LabStatus status = probe(testLab());
        QVERIFY2(status.isHealthy(), qPrintable(status.problems().value(0).text));
    }

    // Ctrl+C in the middle of "fast-failover": the command aborts the scenario, heals, puts the settings it applied
    // back (the lab's defaults), and still writes its report.
    void abortedRunLeavesTheClusterHealed()
    {
        const QString out = m_dir.filePath(QStringLiteral("aborted"));
        QProcess process;
        process.start(QStringLiteral(PATRONI_LAB_CLI),
                      QStringList{QStringLiteral("run"), QStringLiteral("fast-failover"), QStringLiteral("--out"), out,
                                  QStringLiteral("--journal"), m_dir.filePath(QStringLiteral("journal.sqlite"))}
                          + labArguments());
        QVERIFY(process.waitForStarted());
        QByteArray output;
        QElapsedTimer clock;
        clock.start();
        // Step 2 is "kill leader": interrupt once it has finished, while the cluster is failing over.
        while (!output.contains("[3/") && clock.elapsed() < 120'000) {
            process.waitForReadyRead(1000);
            output += process.readAllStandardOutput();
        }
        QVERIFY2(output.contains("[3/"), output.right(3000).constData());
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY2(process.waitForFinished(600'000), "the aborted run did not finish within 10 minutes");
        output += process.readAllStandardOutput();
        QCOMPARE(process.exitCode(), 1); // incomplete

        const QJsonObject summary = readJson(QDir(out).filePath(QStringLiteral("summary.json")));
        QVERIFY2(summary.value(QStringLiteral("aborted")).toBool(), output.right(3000).constData());
        QVERIFY(!summary.value(QStringLiteral("completed")).toBool());
        QCOMPARE(summary.value(QStringLiteral("verdict")).toString(), QStringLiteral("incomplete"));
        QVERIFY2(summary.value(QStringLiteral("healed")).toBool(), qPrintable(summary.value(QStringLiteral("heal_problem")).toString()));
        QVERIFY(output.contains("docker start"));
        const LabStatus status = probe(testLab());
        QVERIFY2(status.isHealthy(), qPrintable(status.problems().value(0).text));

        const QJsonObject settings = summary.value(QStringLiteral("cluster_settings")).toObject();
        QCOMPARE(settings.value(QStringLiteral("profile")).toString(), QStringLiteral("fast-failover"));
        QVERIFY2(settings.value(QStringLiteral("restored")).toBool(), qPrintable(settings.value(QStringLiteral("problem")).toString()));
        const CommandOutput shown = runCli(QStringList{QStringLiteral("settings"), QStringLiteral("show"), QStringLiteral("--json")} + labArguments(), 60'000);
        const QJsonObject now = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(now.value(QStringLiteral("config")).toObject().value(QStringLiteral("ttl")).toInt(), 30);
        QCOMPARE(now.value(QStringLiteral("config")).toObject().value(QStringLiteral("loop_wait")).toInt(), 10);
        QCOMPARE(now.value(QStringLiteral("haproxy")).toObject().value(QStringLiteral("inter_s")).toDouble(), 3.0);
    }
};

int main(int argc, char* argv[])
{
    // Qt Test stops a test function after 5 minutes by default; builtIn runs every scenario (about 10 minutes).
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT")) {
        qputenv("QTEST_FUNCTION_TIMEOUT", "2400000");
    }
    QCoreApplication app(argc, argv);
    TestScenarioRun test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_scenariorun.moc"
