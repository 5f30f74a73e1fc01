// SPDX-License-Identifier: GPL-3.0-or-later
// Scenarios run from the window against the real lab: replica-stop from start to verdict, with its steps, its
// traffic and docker commands on the timeline and a saved report; and leader-stop aborted right after the leader
// was stopped, healed back to a healthy cluster.
#include "appsettings.h"
#include "journal.h"
#include "mainwindow.h"
#include "scenariopanel.h"
#include "scenariorunner.h"
#include "scenariostepmodel.h"
#include "stallmeter.h"
#include "testsupport.h"
#include "timelineview.h"
#include "topologyview.h"
#include "trafficpanel.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;

namespace {

QString leaderContainer(const TopologyView* topology)
{
    for (const QString& container : topology->containers()) {
        if (topology->roleOf(container) == QStringLiteral("Leader")) {
            return container;
        }
    }
    return {};
}

QStringList failedChecks(const ScenarioRunResult& result)
{
    QStringList failed;
    for (const ExpectationCheck& check : result.checks) {
        if (!check.ok) {
            failed << QStringLiteral("%1: expected %2, measured %3 (%4)")
                          .arg(check.key, check.expected, check.measured, check.explanation);
        }
    }
    return failed;
}

} // namespace

class TestGuiScenario : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;

    // A window watching the test lab, its cluster found and its journal open.
    std::unique_ptr<MainWindow> openWindow(AppSettings& settings)
    {
        ClusterChoice choice;
        choice.lab = TestSupport::testLab();
        auto window = std::make_unique<MainWindow>(choice, settings);
        QSignalSpy journalReady(window.get(), &MainWindow::journalReady);
        window->resize(1400, 900);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get())) {
            return nullptr;
        }
        QElapsedTimer clock;
        clock.start();
        while (leaderContainer(window->topology()).isEmpty() && clock.elapsed() < 60'000) {
            QTest::qWait(100);
        }
        if (leaderContainer(window->topology()).isEmpty() || (journalReady.isEmpty() && !journalReady.wait(10'000))
            || !window->journal()) {
            return nullptr;
        }
        return window;
    }

    static void verifyHealthy()
    {
        const LabStatus status = TestSupport::probe(TestSupport::testLab());
        QVERIFY2(
            status.isHealthy(), qPrintable(status.problems().isEmpty() ? QString() : status.problems().first().text));
        QVERIFY(status.state.leader());
        QVERIFY(status.state.containers);
        QCOMPARE(status.state.containers->size(), 7);
        for (const ContainerInfo& container : *status.state.containers) {
            QVERIFY2(container.state == ContainerInfo::State::Running, qPrintable(container.name));
        }
    }

private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        qRegisterMetaType<TrafficRun*>();
        QVERIFY(m_directory.isValid());
        qputenv("PATRONI_LAB_JOURNAL", m_directory.filePath(QStringLiteral("journal.sqlite")).toUtf8());
        const QString problem = TestSupport::healLab(TestSupport::testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase()
    {
        const QString problem = TestSupport::healLab(TestSupport::testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void replicaStopFromTheWindow()
    {
        AppSettings settings(m_directory.filePath(QStringLiteral("settings.ini")));
        const auto window = openWindow(settings);
        QVERIFY2(window, "the window did not find the lab's leader and open its journal within 70 s");
        ScenarioPanel* panel = window->scenarioPanel();
        auto* run = panel->findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* abort = panel->findChild<QPushButton*>(QStringLiteral("abortButton"));
        QVERIFY(panel->selectScenario(QStringLiteral("replica-stop")));
        QVERIFY(run->isEnabled());

        StallMeter stalls;
        run->click();
        ScenarioRunner* runner = window->scenarioRunner();
        QVERIFY2(runner, qPrintable(panel->message()));
        QVERIFY(window->scenarioRunning());
        QVERIFY(window->scenarioDock()->isVisible());
        QSignalSpy trafficStarted(runner, &ScenarioRunner::trafficStarted);
        QSignalSpy stepStarted(runner, &ScenarioRunner::stepStarted);
        QSignalSpy stepFinished(runner, &ScenarioRunner::stepFinished);
        QSignalSpy finished(runner, &ScenarioRunner::finished);
        QVERIFY(!run->isEnabled());
        QVERIFY(abort->isEnabled());

        // The run is the window's live run: the timeline and the traffic panel show it.
        QVERIFY(trafficStarted.wait(120'000));
        TrafficRun* scenarioRun = trafficStarted.first().first().value<TrafficRun*>();
        QCOMPARE(window->trafficRun(), scenarioRun);
        QCOMPARE(window->timeline()->runStartNs(), scenarioRun->startedNs());
        QCOMPARE(panel->stepModel()->timeOrigin(), scenarioRun->startedNs());

        // Each step in turn is the highlighted one while it runs.
        QVERIFY(stepStarted.wait(60'000));
        QCOMPARE(stepStarted.first().first().toInt(), 0);
        QCOMPARE(panel->stepModel()->currentStep(), 0);
        QCOMPARE(
            panel->stepModel()->index(0, ScenarioStepModel::StateColumn).data().toString(), QStringLiteral("running"));
        QTRY_VERIFY_WITH_TIMEOUT(
            window->trafficPanel()->tracker().counts(OperationRecord::Kind::Insert).ok > 3, 20'000);

        QVERIFY(finished.wait(480'000));
        const auto result = finished.first().first().value<ScenarioRunResult>();
        const int steps = static_cast<int>(result.scenario.steps.size());
        QCOMPARE(steps, 8);
        QCOMPARE(stepStarted.count(), steps);
        QCOMPARE(stepFinished.count(), steps);
        for (int index = 0; index < steps; ++index) {
            QCOMPARE(stepStarted.at(index).first().toInt(), index);
            QCOMPARE(result.steps.at(index).state, ScenarioStepRecord::State::Done);
            QCOMPARE(panel->stepModel()->index(index, ScenarioStepModel::StateColumn).data().toString(),
                QStringLiteral("done"));
        }
        QCOMPARE(panel->stepModel()->currentStep(), -1);
        QVERIFY(result.completed);
        QVERIFY(!result.aborted);
        QVERIFY2(result.healed, qPrintable(result.healProblem));

        // The timeline got the operations and the scenario's docker commands as fault markers.
        const QString replica = result.steps.at(1).detail.section(u' ', 4, 4);
        QVERIFY2(result.steps.at(1).detail.startsWith(QStringLiteral("docker stop --time 10 ")),
            qPrintable(result.steps.at(1).detail));
        QVERIFY(window->timeline()->pointCount() > 100);
        const QString markers = window->timeline()->markerLabels().join(u'\n');
        QVERIFY2(markers.contains(QStringLiteral("docker stop --time 10 ") + replica), qPrintable(markers));
        QVERIFY2(markers.contains(QStringLiteral("docker start ") + replica), qPrintable(markers));
        QVERIFY(!window->timeline()->followLive()); // the analysis replaced the live windows
        QCOMPARE(window->trafficRun(), scenarioRun);
        QCOMPARE(scenarioRun->phase(), TrafficRun::Phase::Finished);

        // The verdict, in bold, and every check in the results table.
        QVERIFY2(result.verdict == ScenarioJudge::Verdict::AsExpected, qPrintable(failedChecks(result).join(u'\n')));
        QVERIFY2(panel->verdict().contains(
                     QStringLiteral("<b>✔ Verdict: %1</b>").arg(ScenarioJudge::verdictText(result.verdict))),
            qPrintable(panel->verdict()));
        const auto* table = panel->findChild<QTableWidget*>(QStringLiteral("resultsTable"));
        QCOMPARE(table->rowCount(), result.checks.size());
        QVERIFY(table->rowCount()
            >= 6); // failover, write_outage, read_only_errors, total_outage, deadline_errors, lost_writes
        for (int row = 0; row < table->rowCount(); ++row) {
            QCOMPARE(table->item(row, 0)->text(), result.checks.at(row).key);
            QVERIFY(table->item(row, 3)->text().startsWith(QStringLiteral("✔")));
        }
        QVERIFY(run->isEnabled());
        QVERIFY(!abort->isEnabled());
        QVERIFY(!window->scenarioRunning());
        qInfo().noquote() << QStringLiteral(
            "replica-stop from the window: run %1, %2 operations, %3 faults, longest GUI stall %4 ms (%5 ms of it "
            "waiting for a CPU; longest not waiting for a CPU %6 ms)")
                                 .arg(result.runId)
                                 .arg(scenarioRun->operations().size())
                                 .arg(scenarioRun->faults().size())
                                 .arg(stalls.longestMs(), 0, 'f', 1)
                                 .arg(stalls.longestQueuedMs(), 0, 'f', 1)
                                 .arg(stalls.longestNotQueuedMs(), 0, 'f', 1);
        // A blocking call on the GUI thread sleeps, it does not wait for a CPU: contention does not count.
        QVERIFY2(stalls.longestNotQueuedMs() < 250,
            qPrintable(QStringLiteral("the GUI thread stalled for %1 ms, not waiting for a CPU").arg(stalls.longestNotQueuedMs())));

        // Save report: the bundle from the journal, and the timeline drawn like the CLI draws it.
        const QString folder = m_directory.filePath(QStringLiteral("replica-stop-report"));
        QSignalSpy saved(panel, &ScenarioPanel::reportSaved);
        panel->saveReport(folder);
        QVERIFY(saved.wait(60'000));
        const QStringList paths = saved.first().first().toStringList();
        for (const char* file : { "report.md", "summary.json", "operations.csv", "faults.csv", "timeline.png" }) {
            QVERIFY2(paths.contains(QDir(folder).filePath(QString::fromLatin1(file))), file);
            QVERIFY2(QFileInfo(QDir(folder).filePath(QString::fromLatin1(file))).size() > 0, file);
        }
        QCOMPARE(QImage(QDir(folder).filePath(QStringLiteral("timeline.png"))).size(), QSize(1600, 900));
        QFile faults(QDir(folder).filePath(QStringLiteral("faults.csv")));
        QVERIFY(faults.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(faults.readAll()).contains(QStringLiteral("docker stop --time 10 ") + replica));
        if (!qEnvironmentVariableIsEmpty("PATRONI_LAB_KEEP_SCENARIO_REPORT")) {
            const QString keep = qEnvironmentVariable("PATRONI_LAB_KEEP_SCENARIO_REPORT");
            QDir().mkpath(keep);
            for (const QString& file : paths) {
                QFile::remove(QDir(keep).filePath(QFileInfo(file).fileName()));
                QFile::copy(file, QDir(keep).filePath(QFileInfo(file).fileName()));
            }
        }

        verifyHealthy();
    }

    void abortLeaderStopAfterTheStop()
    {
        AppSettings settings(m_directory.filePath(QStringLiteral("settings.ini")));
        const auto window = openWindow(settings);
        QVERIFY2(window, "the window did not find the lab's leader and open its journal within 70 s");
        ScenarioPanel* panel = window->scenarioPanel();
        auto* run = panel->findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* abort = panel->findChild<QPushButton*>(QStringLiteral("abortButton"));
        QVERIFY(panel->selectScenario(QStringLiteral("leader-stop")));
        run->click();
        ScenarioRunner* runner = window->scenarioRunner();
        QVERIFY2(runner, qPrintable(panel->message()));
        QCOMPARE(runner->scenario().steps.at(1).describe(), QStringLiteral("stop leader"));
        QSignalSpy finished(runner, &ScenarioRunner::finished);

        // Abort as a student would, right after the stop step has started (from the event loop, as a click is).
        QString messageWhileAborting;
        bool abortEnabledAfterClick = true;
        connect(runner, &ScenarioRunner::stepStarted, this, [&](int index) {
            if (index != 1) {
                return;
            }
            QTimer::singleShot(0, abort, [&] {
                QVERIFY(abort->isEnabled());
                abort->click();
                messageWhileAborting = panel->message();
                abortEnabledAfterClick = abort->isEnabled();
            });
        });
        QVERIFY(finished.wait(480'000));
        QCOMPARE(messageWhileAborting, QStringLiteral("Aborting — healing the cluster…"));
        QVERIFY(!abortEnabledAfterClick);

        const auto result = finished.first().first().value<ScenarioRunResult>();
        QVERIFY(result.aborted);
        QVERIFY(!result.completed);
        QCOMPARE(result.verdict, ScenarioJudge::Verdict::Incomplete);
        // The stop in flight was not cut off: it finished, then the run stopped and healed.
        QCOMPARE(result.steps.at(0).state, ScenarioStepRecord::State::Done);
        QCOMPARE(result.steps.at(1).state, ScenarioStepRecord::State::Done);
        for (int index = 2; index < result.steps.size(); ++index) {
            QCOMPARE(result.steps.at(index).state, ScenarioStepRecord::State::Skipped);
            QCOMPARE(panel->stepModel()->index(index, ScenarioStepModel::StateColumn).data().toString(),
                QStringLiteral("skipped"));
        }
        QVERIFY2(result.healed, qPrintable(result.healProblem));
        QVERIFY2(panel->message().startsWith(QStringLiteral("Aborted.")), qPrintable(panel->message()));
        QVERIFY2(panel->verdict().contains(ScenarioJudge::verdictText(ScenarioJudge::Verdict::Incomplete)),
            qPrintable(panel->verdict()));
        QVERIFY(run->isEnabled());
        QVERIFY(!abort->isEnabled());

        // The stop and the heal's start are on the timeline, recorded once each.
        const QString stopped = result.steps.at(1).detail.section(u' ', 4, 4);
        const QStringList markers = window->timeline()->markerLabels();
        QVERIFY2(markers.filter(QStringLiteral("docker stop --time 10 ") + stopped).size() == 1,
            qPrintable(QStringLiteral("%1\n---\n%2").arg(result.steps.at(1).detail, markers.join(u'\n'))));
        QVERIFY2(!markers.filter(QStringLiteral("docker start ") + stopped).isEmpty(), qPrintable(markers.join(u'\n')));
        QCOMPARE(window->trafficRun()->faults().size(),
            window->timeline()->markerLabels().filter(QStringLiteral("docker ")).size());

        verifyHealthy();
    }
};

QTEST_MAIN(TestGuiScenario)
#include "tst_guiscenario.moc"
