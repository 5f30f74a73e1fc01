// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"
#include "clusterdialog.h"
#include "exportdialog.h"
#include "journal.h"
#include "mainwindow.h"
#include "runsdialog.h"
#include "timelineview.h"
#include "topologyview.h"
#include "trafficpanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

// The window without a lab: panes, actions, settings, past runs from the journal and the dialogs' validation. The
// window against a real lab is tst_guilive.
class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;
    QString path(const char* name) const { return m_directory.filePath(QString::fromLatin1(name)); }
    static ClusterChoice unusedLab()
    {
        ClusterChoice choice;
        choice.lab.project = QStringLiteral("plabgui");
        choice.lab.portBase = 29500; // nothing listens here
        return choice;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        qputenv("PATRONI_LAB_JOURNAL", path("journal.sqlite").toUtf8());
    }

    void opensWithItsPanes()
    {
        AppSettings settings(path("panes.ini"));
        MainWindow window(ClusterChoice{}, settings);
        QSignalSpy ready(&window, &MainWindow::journalReady);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.timelinePlot()->isVisible());
        QVERIFY(window.topology()->isVisible());
        QVERIFY(window.trafficPanel()->isVisible());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("clusterSummaryLabel")));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionLabUp"))->isEnabled());
        for (const char* action : {"actionHealAll", "actionStartTraffic", "actionExportTimeline", "actionOpenRun",
                                   "actionPresentation", "actionChooseCluster", "actionFollowLive"}) {
            QVERIFY2(window.findChild<QAction*>(QString::fromLatin1(action)), action);
        }
        QVERIFY(window.windowTitle().contains(QStringLiteral("127.0.0.1:5500")));
        QVERIFY(ready.count() > 0 || ready.wait(10'000));
        QVERIFY(ready.first().first().toBool());
    }

    // A node action runs exactly the docker command a student would type, and the log shows it with its result.
    void nodeActionIssuesTheDockerCommand()
    {
        AppSettings settings(path("action.ini"));
        MainWindow window(unusedLab(), settings);
        QSignalSpy finished(&window, &MainWindow::nodeActionFinished);
        window.runNodeAction(NodeAction::Stop, QStringLiteral("plabgui-patroni1"));
        QVERIFY(finished.wait(30'000));
        const auto result = finished.first().first().value<ProcessResult>();
        QCOMPARE(result.commandLine(), QStringLiteral("docker stop --time 10 plabgui-patroni1"));
        QVERIFY(!result.succeeded()); // no such container (or no daemon): the failure is explained, not hidden
        const auto* log = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QVERIFY(log->toPlainText().contains(QStringLiteral("$ docker stop --time 10 plabgui-patroni1")));
        QVERIFY(log->toPlainText().contains(QStringLiteral("Failed: ")));
    }

    // With no docker CLI the window stays responsive and says what is wrong in plain words.
    void explainsMissingDocker()
    {
        qputenv("PATRONI_LAB_DOCKER", "/nonexistent/bin/docker");
        AppSettings settings(path("nodocker.ini"));
        MainWindow window(unusedLab(), settings);
        QSignalSpy refreshed(&window, &MainWindow::statusRefreshed);
        window.show();
        QVERIFY(refreshed.wait(15'000));
        const auto* summary = window.findChild<QLabel*>(QStringLiteral("clusterSummaryLabel"));
        QVERIFY2(summary->text().contains(QStringLiteral("Docker is not usable")), qPrintable(summary->text()));
        QVERIFY2(summary->text().contains(QStringLiteral("install Docker")), qPrintable(summary->text()));
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("bringUpButton"))->isVisible());
        qunsetenv("PATRONI_LAB_DOCKER");
    }

    // The window remembers its layout, the cluster and the traffic settings.
    void remembersLayoutAndChoices()
    {
        const QString file = path("layout.ini");
        {
            AppSettings settings(file);
            MainWindow window(unusedLab(), settings);
            window.resize(1100, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // A student closes the members panel and moves the diagram to the left.
            window.findChild<QDockWidget*>(QStringLiteral("membersDock"))->close();
            window.addDockWidget(Qt::LeftDockWidgetArea, window.findChild<QDockWidget*>(QStringLiteral("topologyDock")));
            TrafficPreferences traffic;
            traffic.rate = 25;
            traffic.connections = 3;
            window.trafficPanel()->setPreferences(traffic);
            ClusterChoice other;
            other.kind = ClusterChoice::Kind::Existing;
            other.lab.project = QStringLiteral("demo");
            window.setCluster(other);
            QVERIFY(window.windowTitle().contains(QStringLiteral("existing cluster demo")));
            QVERIFY(!window.findChild<QAction*>(QStringLiteral("actionLabUp"))->isEnabled());
            window.close();
        }
        AppSettings reread(file);
        QCOMPARE(reread.cluster().kind, ClusterChoice::Kind::Existing);
        QCOMPARE(reread.cluster().lab.project, QStringLiteral("demo"));
        QCOMPARE(reread.traffic().rate, 25.0);
        QCOMPARE(reread.traffic().connections, 3);
        QVERIFY(!reread.windowGeometry().isEmpty());
        QVERIFY(!reread.windowState(false).isEmpty());
        MainWindow again(reread.cluster(), reread);
        QCOMPARE(again.trafficPanel()->preferences().connections, 3);
        QVERIFY(again.findChild<QDockWidget*>(QStringLiteral("membersDock"))->isHidden());
        QCOMPARE(again.dockWidgetArea(again.findChild<QDockWidget*>(QStringLiteral("topologyDock"))),
                 Qt::LeftDockWidgetArea);
    }

    // A run from the journal opens on the timeline without Docker, read and analysed off the GUI thread.
    void opensAPastRunWithoutDocker()
    {
        qint64 runId = 0;
        {
            auto journal = Journal::open(path("journal.sqlite"));
            QVERIFY2(journal.ok(), qPrintable(journal.error()));
            RunInfo info;
            info.name = QStringLiteral("past");
            info.startNs = 1'000'000'000;
            const auto started = journal.value()->startRun(info);
            QVERIFY(started.ok());
            runId = started.value();
            std::vector<OperationRecord> operations;
            StringTable strings;
            for (int i = 0; i < 300; ++i) {
                OperationRecord record;
                record.startNs = info.startNs + i * 100'000'000LL;
                record.endNs = record.startNs + 2'000'000;
                record.sequence = i + 1;
                // A 5 s write outage in the middle: connection refused, as with HAProxy stopped.
                if (i >= 100 && i < 150) {
                    record.outcome = OperationRecord::Outcome::Failed;
                    record.errorClass = OperationRecord::ErrorClass::ConnectionRefused;
                }
                operations.push_back(record);
            }
            journal.value()->appendOperations(runId, operations, strings);
            FaultAction fault;
            fault.startNs = info.startNs + 9'900'000'000LL;
            fault.endNs = fault.startNs + 200'000'000;
            fault.commandLine = QStringLiteral("docker stop --time 10 demo-haproxy");
            journal.value()->appendFault(runId, fault);
            QVERIFY(journal.value()->finishRun(runId, info.startNs + 30'000'000'000LL).ok());
        }
        AppSettings settings(path("past.ini"));
        MainWindow window(unusedLab(), settings);
        QSignalSpy ready(&window, &MainWindow::journalReady);
        QVERIFY(ready.wait(10'000));
        QSignalSpy shown(&window, &MainWindow::runShown);
        window.openRun(runId);
        QVERIFY(shown.wait(10'000));
        QCOMPARE(window.timeline()->pointCount(), 300);
        QCOMPARE(window.timeline()->shownWindows().size(), 1);
        QVERIFY(window.timeline()->markerLabels().join(u' ').contains(QStringLiteral("docker stop --time 10 demo-haproxy")));
        // The run exports as a figure of the requested size.
        TimelineView::ExportOptions options;
        options.sizePx = QSize(1200, 700);
        const auto written = window.timeline()->exportTo(path("past.png"), options);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(QImage(path("past.png")).size(), QSize(1200, 700));

        // A run that does not exist is explained in the log, not a crash.
        window.openRun(runId + 1000);
        QTRY_VERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText().contains(
            QStringLiteral("Cannot open run %1").arg(runId + 1000)));
    }

    // Two past runs picked together in Open run: Compare writes compare.png/.md/.json with each run's own outage.
    void comparesTwoPastRuns()
    {
        QList<qint64> runIds;
        {
            auto journal = Journal::open(path("journal.sqlite"));
            QVERIFY2(journal.ok(), qPrintable(journal.error()));
            for (const int outageOperations : {30, 60}) {
                RunInfo info;
                info.name = QStringLiteral("outage %1").arg(outageOperations);
                info.startNs = 1'000'000'000;
                const auto started = journal.value()->startRun(info);
                QVERIFY(started.ok());
                std::vector<OperationRecord> operations;
                for (int i = 0; i < 200; ++i) {
                    OperationRecord record;
                    record.startNs = info.startNs + i * 100'000'000LL;
                    record.endNs = record.startNs + 2'000'000;
                    record.sequence = i + 1;
                    if (i >= 50 && i < 50 + outageOperations) { // 3 s, then 6 s without a write
                        record.outcome = OperationRecord::Outcome::Failed;
                        record.errorClass = OperationRecord::ErrorClass::ConnectionRefused;
                    }
                    operations.push_back(record);
                }
                journal.value()->appendOperations(started.value(), operations, StringTable());
                FaultAction fault;
                fault.startNs = info.startNs + 4'900'000'000LL;
                fault.endNs = fault.startNs + 100'000'000;
                fault.commandLine = QStringLiteral("docker stop --time 10 demo-haproxy");
                journal.value()->appendFault(started.value(), fault);
                QVERIFY(journal.value()->finishRun(started.value(), info.startNs + 20'000'000'000LL).ok());
                runIds << started.value();
            }
        }
        AppSettings settings(path("compare.ini"));
        MainWindow window(unusedLab(), settings);
        QSignalSpy ready(&window, &MainWindow::journalReady);
        QVERIFY(ready.wait(10'000));

        // The dialog: one row opens, two or more compare.
        auto opened = Journal::open(path("journal.sqlite"));
        QVERIFY(opened.ok());
        RunsDialog dialog(opened.value().get());
        QSignalSpy loaded(&dialog, &RunsDialog::loaded);
        QVERIFY(loaded.wait(10'000));
        auto* table = dialog.findChild<QTableView*>(QStringLiteral("runTable"));
        auto* compare = dialog.findChild<QPushButton*>(QStringLiteral("compareButton"));
        QVERIFY(table && compare);
        QVERIFY(!compare->isEnabled());
        table->selectAll();
        QVERIFY(compare->isEnabled());
        compare->click();
        QVERIFY(dialog.chosenRunId() == 0);
        QCOMPARE(dialog.runsToCompare().size(), table->model()->rowCount());

        const QString folder = path("comparison");
        QSignalSpy written(&window, &MainWindow::comparisonWritten);
        window.compareRuns(runIds, folder);
        QVERIFY(written.wait(20'000));
        QCOMPARE(written.first().at(1).toString(), QString());
        QCOMPARE(QImage(folder + QStringLiteral("/compare.png")).size(), QSize(1600, 900));
        QFile json(folder + QStringLiteral("/compare.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray groups = QJsonDocument::fromJson(json.readAll()).object().value(QLatin1StringView("groups")).toArray();
        QCOMPARE(groups.size(), 2);
        // Each group's figure is its run's own write outage: 3 s and 6 s of failed writes, to the probe's resolution.
        QVERIFY(std::abs(groups.at(0).toObject().value(QLatin1StringView("median_longest_write_outage_s")).toDouble() - 3.0) < 0.2);
        QVERIFY(std::abs(groups.at(1).toObject().value(QLatin1StringView("median_longest_write_outage_s")).toDouble() - 6.0) < 0.2);
        QVERIFY(window.findChild<QDialog*>(QStringLiteral("comparisonDialog")));

        QSignalSpy failed(&window, &MainWindow::comparisonWritten);
        window.compareRuns({runIds.first(), runIds.last() + 1000}, path("comparison-bad"));
        QVERIFY(failed.wait(20'000));
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("run %1").arg(runIds.last() + 1000)),
                 qPrintable(failed.first().at(1).toString()));
    }

    void presentationMode()
    {
        AppSettings settings(path("presentation.ini"));
        MainWindow window(unusedLab(), settings);
        window.show();
        const qreal normal = window.font().pointSizeF();
        window.findChild<QAction*>(QStringLiteral("actionPresentation"))->trigger();
        QVERIFY(window.isFullScreen());
        QVERIFY(window.font().pointSizeF() > normal * 1.4);
        QVERIFY(window.topology()->presentationMode());
        QVERIFY(window.timeline()->presentationMode());
        QVERIFY(settings.presentationMode());
        window.findChild<QAction*>(QStringLiteral("actionPresentation"))->trigger();
        QVERIFY(!window.isFullScreen());
        QCOMPARE(window.font().pointSizeF(), normal);
    }

    void exportDialogValidates_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("png") << "timeline.png" << "";
        QTest::newRow("svg") << "timeline.svg" << "";
        QTest::newRow("pdf") << "timeline.PDF" << "";
        QTest::newRow("no suffix") << "timeline" << "End the file name with .png";
        QTest::newRow("unknown suffix") << "timeline.bmpx" << "End the file name with .png";
        QTest::newRow("missing folder") << "no/such/folder/timeline.png" << "does not exist";
        QTest::newRow("empty") << "" << "Choose a file name";
    }

    void exportDialogValidates()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        ExportDialog dialog(ExportPreferences{}, QStringLiteral("Run 1"));
        dialog.setPath(file.isEmpty() ? QString() : m_directory.filePath(file));
        QVERIFY2(error.isEmpty() ? dialog.validationError().isEmpty() : dialog.validationError().contains(error),
                 qPrintable(dialog.validationError()));
        QCOMPARE(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled(), error.isEmpty());
        QCOMPARE(dialog.options().sizePx, QSize(1600, 900));
        QCOMPARE(dialog.options().title, QStringLiteral("Run 1"));
    }

    void clusterDialogValidates_data()
    {
        QTest::addColumn<bool>("existing");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("our lab") << false << "plab" << true;
        QTest::newRow("our lab, space") << false << "my lab" << false;
        QTest::newRow("our lab, empty") << false << "" << false;
        QTest::newRow("existing demo") << true << "demo" << true;
        QTest::newRow("existing, shell character") << true << "demo;rm" << false;
        QTest::newRow("existing, empty") << true << "" << false;
    }

    void clusterDialogValidates()
    {
        QFETCH(bool, existing);
        QFETCH(QString, name);
        QFETCH(bool, valid);
        ClusterChoice choice;
        choice.kind = existing ? ClusterChoice::Kind::Existing : ClusterChoice::Kind::OurLab;
        choice.lab.project = name;
        ClusterDialog dialog(choice);
        QCOMPARE(dialog.validationError().isEmpty(), valid);
        QCOMPARE(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled(), valid);
        if (valid) {
            QCOMPARE(dialog.choice(), choice);
        }
    }

    // The dialog's relay setting reaches the choice (and so the observers of the window).
    void clusterDialogKeepsTheRelaySetting_data()
    {
        QTest::addColumn<bool>("relay");
        QTest::newRow("relay on") << true;
        QTest::newRow("relay off") << false;
    }
    void clusterDialogKeepsTheRelaySetting()
    {
        QFETCH(bool, relay);
        ClusterChoice choice;
        choice.kind = ClusterChoice::Kind::Existing;
        choice.lab.project = QStringLiteral("demo");
        choice.relay = relay;
        ClusterDialog dialog(choice);
        auto* check = dialog.findChild<QCheckBox*>(QStringLiteral("relayCheck"));
        QVERIFY(check);
        QCOMPARE(check->isChecked(), relay);
        QCOMPARE(dialog.choice(), choice);
        check->click();
        QCOMPARE(dialog.choice().relay, !relay);
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("relayExplanation"))->text().contains(QStringLiteral("removed when the window stops watching")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
