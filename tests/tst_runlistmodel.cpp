// SPDX-License-Identifier: GPL-3.0-or-later
#include "runlistmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestRunListModel : public QObject
{
    Q_OBJECT
private:
    static RunInfo run(qint64 id, RunInfo::Status status, qint64 seconds, qint64 operations)
    {
        RunInfo info;
        info.id = id;
        info.name = QStringLiteral("plabtest");
        info.startedAt = QDateTime::fromSecsSinceEpoch(1'790'000'000 + id * 3600, Qt::UTC);
        info.startNs = 1'000'000'000;
        info.endNs = seconds < 0 ? 0 : info.startNs + seconds * 1'000'000'000;
        info.status = status;
        info.operationCount = operations;
        return info;
    }

private slots:
    void passesTheModelTester()
    {
        RunListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({run(1, RunInfo::Status::Finished, 75, 1000), run(2, RunInfo::Status::Interrupted, -1, 10)});
        model.setRuns({});
        model.setRuns({run(3, RunInfo::Status::Running, 5, 1)});
        QCOMPARE(model.rowCount(), 1);
    }

    // Newest first, because the run just recorded is the one a student wants to export.
    void newestFirst()
    {
        RunListModel model;
        model.setRuns({run(1, RunInfo::Status::Finished, 10, 1), run(7, RunInfo::Status::Finished, 10, 1),
                       run(3, RunInfo::Status::Finished, 10, 1)});
        QCOMPARE(model.index(0, RunListModel::IdColumn).data().toLongLong(), 7);
        QCOMPARE(model.index(2, RunListModel::IdColumn).data(RunListModel::RunIdRole).toLongLong(), 1);
        QCOMPARE(model.runAt(model.index(1, 0))->id, 3);
        QVERIFY(!model.runAt(QModelIndex()));
    }

    void cells_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("statusText");
        QTest::newRow("finished 75 s") << int(RunInfo::Status::Finished) << qint64(75) << "1:15" << "finished";
        QTest::newRow("finished an hour") << int(RunInfo::Status::Finished) << qint64(3600) << "60:00" << "finished";
        QTest::newRow("interrupted, no end") << int(RunInfo::Status::Interrupted) << qint64(-1) << "—" << "interrupted";
        QTest::newRow("running") << int(RunInfo::Status::Running) << qint64(3) << "0:03" << "running";
    }

    void cells()
    {
        QFETCH(int, status);
        QFETCH(qint64, seconds);
        QFETCH(QString, duration);
        QFETCH(QString, statusText);
        RunListModel model;
        model.setRuns({run(4, RunInfo::Status(status), seconds, 123456)});
        QCOMPARE(model.index(0, RunListModel::DurationColumn).data().toString(), duration);
        QCOMPARE(model.index(0, RunListModel::StatusColumn).data().toString(), statusText);
        QCOMPARE(model.index(0, RunListModel::NameColumn).data().toString(), QStringLiteral("plabtest"));
        QVERIFY(model.index(0, RunListModel::OperationsColumn).data().toString().remove(QRegularExpression(QStringLiteral("\\D")))
                == QStringLiteral("123456"));
        QCOMPARE(model.headerData(RunListModel::DurationColumn, Qt::Horizontal).toString(), QStringLiteral("Duration"));
        const bool interrupted = RunInfo::Status(status) == RunInfo::Status::Interrupted;
        QCOMPARE(model.index(0, RunListModel::StatusColumn).data(Qt::ToolTipRole).isValid(), interrupted);
    }
};

QTEST_MAIN(TestRunListModel)
#include "tst_runlistmodel.moc"
