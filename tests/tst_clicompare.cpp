// SPDX-License-Identifier: GPL-3.0-or-later
// patroni-lab-cli compare on real bundles (tests/fixtures/compare-runs: async and synchronous runs of the same
// experiment) and on a run stored in a journal: the bundle is written, the figure has its size, every figure in
// compare.json is the runs' own, and the settings that differ are named first.
#include "journal.h"
#include "recordedrun.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

QString fixtureFolder(const char* name)
{
    return QStringLiteral(LAB_FIXTURES_DIR "/compare-runs/") + QLatin1StringView(name);
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void twoBundles()
    {
        const QString out = m_dir.filePath(QStringLiteral("bundles"));
        const CommandOutput run = runCli({QStringLiteral("compare"), fixtureFolder("async-lost-writes"),
                                          fixtureFolder("sync-lost-writes"), QStringLiteral("--out"), out},
                                         60'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1StringView("settings that differ: profile, synchronous_mode, synchronous_mode_strict")),
                 qPrintable(run.out));
        QCOMPARE(QImage(QDir(out).filePath(QStringLiteral("compare.png"))).size(), QSize(1600, 900));
        for (const char* vector : {"compare.svg", "compare.pdf"}) {
            QVERIFY2(QFileInfo(QDir(out).filePath(QLatin1StringView(vector))).size() > 1000, vector);
        }

        const QJsonObject comparison = readJson(QDir(out).filePath(QStringLiteral("compare.json")));
        const QJsonArray groups = comparison.value(QLatin1StringView("groups")).toArray();
        QCOMPARE(groups.size(), 2);
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const QJsonObject group = groups.at(i).toObject();
            const QJsonObject compared = group.value(QLatin1StringView("runs")).toArray().first().toObject();
            const QJsonObject summary = readJson(fixtureFolder(i == 0 ? "async-lost-writes" : "sync-lost-writes") + QStringLiteral("/summary.json"));
            const QJsonObject measured = summary.value(QLatin1StringView("measured")).toObject();
            // The runs' own figures: the scenario's judge measured them from the same windows.
            QCOMPARE(compared.value(QLatin1StringView("longest_write_outage_s")).toDouble(),
                     measured.value(QLatin1StringView("longest_write_outage_s")).toDouble());
            QCOMPARE(compared.value(QLatin1StringView("lost_writes")).toInt(), measured.value(QLatin1StringView("lost_writes")).toInt());
            QCOMPARE(compared.value(QLatin1StringView("acknowledged_writes")).toInt(),
                     measured.value(QLatin1StringView("acknowledged_writes")).toInt());
            QCOMPARE(group.value(QLatin1StringView("median_longest_write_outage_s")).toDouble(),
                     measured.value(QLatin1StringView("longest_write_outage_s")).toDouble());
        }
        QVERIFY(groups.at(0).toObject().value(QLatin1StringView("runs")).toArray().first().toObject().value(QLatin1StringView("lost_writes")).toInt() > 0);

        QFile markdown(QDir(out).filePath(QStringLiteral("compare.md")));
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(markdown.readAll());
        QVERIFY(text.contains(QLatin1StringView("![write outages of every run")));
        QVERIFY(text.indexOf(QLatin1StringView("## Settings that differ")) < text.indexOf(QLatin1StringView("## Write outages by group")));
        QVERIFY2(text.contains(QLatin1StringView("| sync-lost-writes | synchronous | on | off |")), qPrintable(text));
    }

    // A run of the journal is a group too: the lab report's recorded run beside a bundle.
    void journalRunBesideABundle()
    {
        const QString journalPath = m_dir.filePath(QStringLiteral("journal.sqlite"));
        const RecordedRun recorded = RecordedRuns::load(QStringLiteral(LAB_FIXTURES_DIR "/lab-report-run/lab-report.json"), 1'000'000'000);
        qint64 runId = 0;
        {
            auto opened = Journal::open(journalPath);
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            Journal& journal = *opened.value();
            auto started = journal.startRun(recorded.run.info);
            QVERIFY2(started.ok(), qPrintable(started.error()));
            runId = started.value();
            journal.appendOperations(runId, recorded.run.operations, recorded.run.strings);
            for (const FaultAction& fault : recorded.run.faults) {
                journal.appendFault(runId, fault);
            }
            QVERIFY(journal.finishRun(runId, recorded.run.info.endNs).ok());
        }
        const QString out = m_dir.filePath(QStringLiteral("journal"));
        const CommandOutput run = runCli({QStringLiteral("compare"), QString::number(runId), fixtureFolder("async-lost-writes"),
                                          QStringLiteral("--out"), out, QStringLiteral("--journal"), journalPath},
                                         60'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QJsonArray groups = readJson(QDir(out).filePath(QStringLiteral("compare.json"))).value(QLatin1StringView("groups")).toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.at(0).toObject().value(QLatin1StringView("label")).toString(), QStringLiteral("run %1").arg(runId));
        // The recorded lab report had its longest write outage in the etcd quorum loss: well over ten seconds.
        QVERIFY(groups.at(0).toObject().value(QLatin1StringView("median_longest_write_outage_s")).toDouble() > 10);
        QCOMPARE(QImage(QDir(out).filePath(QStringLiteral("compare.png"))).size(), QSize(1600, 900));
    }

    void badInputChangesNothing()
    {
        const QString out = m_dir.filePath(QStringLiteral("bad"));
        const CommandOutput missing = runCli({QStringLiteral("compare"), m_dir.filePath(QStringLiteral("no-such-folder")),
                                              QStringLiteral("--out"), out},
                                             30'000);
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1StringView("is not a folder")), qPrintable(missing.err));
        QVERIFY(!QFileInfo::exists(out));
        const CommandOutput usage = runCli({QStringLiteral("compare"), fixtureFolder("sync-lost-writes")}, 30'000);
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains(QLatin1StringView("usage: patroni-lab-cli compare")), qPrintable(usage.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_clicompare.moc"
