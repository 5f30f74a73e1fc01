// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

#include <qcustomplot.h>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void opensWithItsPanes()
    {
        MainWindow window{LabDefinition{}};
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.timelinePlot());
        QVERIFY(window.timelinePlot()->isVisible());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("clusterSummaryLabel")));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionLabUp"))->isEnabled());
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionHealAll")));
        QVERIFY(window.windowTitle().contains(QStringLiteral("127.0.0.1:5500")));
    }

    // A node action runs exactly the docker command a student would type, and the log shows it with its result.
    void nodeActionIssuesTheDockerCommand()
    {
        LabDefinition lab;
        lab.project = QStringLiteral("plabgui");
        lab.portBase = 29500;
        MainWindow window(lab);
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
        LabDefinition lab;
        lab.project = QStringLiteral("plabgui");
        lab.portBase = 29500; // nothing listens here
        MainWindow window(lab);
        QSignalSpy refreshed(&window, &MainWindow::statusRefreshed);
        window.show();
        QVERIFY(refreshed.wait(15'000));
        const auto* summary = window.findChild<QLabel*>(QStringLiteral("clusterSummaryLabel"));
        QVERIFY2(summary->text().contains(QStringLiteral("Docker is not usable")), qPrintable(summary->text()));
        QVERIFY2(summary->text().contains(QStringLiteral("install Docker")), qPrintable(summary->text()));
        qunsetenv("PATRONI_LAB_DOCKER");
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
