// SPDX-License-Identifier: GPL-3.0-or-later
// `patroni-lab-cli report` on a run stored in a journal: no Docker, no display.
#include "journal.h"
#include "testsupport.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

class TestCliReport : public QObject
{
    Q_OBJECT
private slots:
    void writesTheFilesAndTheFigure()
    {
        QTemporaryDir directory;
        const QString journalPath = directory.filePath(QStringLiteral("journal.sqlite"));
        qint64 runId = 0;
        {
            auto journal = Journal::open(journalPath);
            QVERIFY2(journal.ok(), qPrintable(journal.error()));
            RunInfo info;
            info.name = QStringLiteral("report-test");
            info.startNs = 5'000'000'000;
            runId = journal.value()->startRun(info).value();
            std::vector<OperationRecord> operations;
            for (int i = 0; i < 600; ++i) {
                OperationRecord record;
                record.startNs = info.startNs + i * 50'000'000LL;
                record.endNs = record.startNs + 1'500'000;
                record.sequence = i + 1;
                if (i >= 200 && i < 300) { // 5 s of read-only errors, as with etcd's quorum lost
                    record.outcome = OperationRecord::Outcome::Failed;
                    record.errorClass = OperationRecord::ErrorClass::ReadOnly;
                }
                operations.push_back(record);
            }
            journal.value()->appendOperations(runId, operations, StringTable());
            QVERIFY(journal.value()->finishRun(runId, info.startNs + 30'000'000'000LL).ok());
        }
        const QString out = directory.filePath(QStringLiteral("report"));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QString()); // the CLI picks offscreen by itself
        const auto result = TestSupport::runCli({QStringLiteral("report"), QString::number(runId), QStringLiteral("--out"),
                                                 out, QStringLiteral("--journal"), journalPath},
                                                60'000, environment);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
        for (const char* file : {"operations.csv", "events.csv", "faults.csv", "windows.csv", "summary.json", "timeline.png"}) {
            QVERIFY2(QFileInfo::exists(out + u'/' + QString::fromLatin1(file)), file);
        }
        QVERIFY(result.out.contains(QStringLiteral("timeline.png")));
        const QImage figure(out + QStringLiteral("/timeline.png"));
        QCOMPARE(figure.size(), QSize(1600, 900));
        // Not blank: the read-only points and the shaded outage give it many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < figure.height(); y += 4) {
            for (int x = 0; x < figure.width(); x += 4) {
                colours.insert(figure.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        // A run that does not exist: exit 2 and a message naming it.
        const auto missing = TestSupport::runCli({QStringLiteral("report"), QString::number(runId + 7), QStringLiteral("--out"),
                                                  out, QStringLiteral("--journal"), journalPath});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QString::number(runId + 7)), qPrintable(missing.err));
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_clireport.moc"
