// SPDX-License-Identifier: GPL-3.0-or-later
// The Scenarios panel without a lab: its step model, the built-in scenarios in the interface language, scenario
// files (and the parser's errors), the Run and Abort buttons around a real ScenarioRunner whose docker does not
// answer, the report of a run that never reached the cluster, and the dock in the main window. The panel against
// a real lab is tst_guiscenario.
#include "appsettings.h"
#include "journal.h"
#include "labclock.h"
#include "mainwindow.h"
#include "scenariocatalogue.h"
#include "scenariopanel.h"
#include "scenariorunner.h"
#include "scenariostepmodel.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFont>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

Scenario builtIn(const QString& id)
{
    const auto scenario = ScenarioCatalogue::resolve(id);
    if (!scenario.ok()) {
        qFatal("built-in scenario %s: %s", qPrintable(id), qPrintable(scenario.error()));
    }
    return scenario.value();
}

QString line(const QString& document, const QString& needle)
{
    const qsizetype offset = document.indexOf(needle);
    const qsizetype lineStart = offset == 0 ? 0 : document.lastIndexOf(u'\n', offset - 1) + 1;
    return QStringLiteral("%1:%2").arg(document.left(offset).count(u'\n') + 1).arg(offset - lineStart + 1);
}

QStringList comboTexts(const QComboBox* combo)
{
    QStringList texts;
    for (int item = 0; item < combo->count(); ++item) {
        texts << combo->itemText(item);
    }
    return texts;
}

} // namespace

class TestScenarioPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;
    std::unique_ptr<Journal> m_journal;
    QString path(const QString& name) const { return m_directory.filePath(name); }

    // A docker that never answers, as a hung daemon would: the runner stays in its first step (finding the
    // cluster) until it is aborted.
    QString hangingDocker()
    {
        const QString script = path(QStringLiteral("hanging-docker.sh"));
        QFile file(script);
        if (!file.exists()) {
            if (!file.open(QIODevice::WriteOnly)) {
                qFatal("cannot write %s", qPrintable(script));
            }
            file.write("#!/bin/sh\nexec sleep 120\n");
            file.close();
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        return script;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        qputenv("PATRONI_LAB_JOURNAL", path(QStringLiteral("journal.sqlite")).toUtf8());
        auto journal = Journal::open(path(QStringLiteral("panel-journal.sqlite")));
        QVERIFY2(journal.ok(), qPrintable(journal.error()));
        m_journal = std::move(journal.value());
    }

    void cleanup() { qunsetenv("PATRONI_LAB_DOCKER"); }

    void stepModelFollowsARun()
    {
        ScenarioStepModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Scenario scenario = builtIn(QStringLiteral("leader-stop"));
        model.setScenario(scenario, QStringLiteral("en"));
        QCOMPARE(model.rowCount(), scenario.steps.size());
        QCOMPARE(model.columnCount(), int(ScenarioStepModel::ColumnCount));
        QCOMPARE(model.index(1, ScenarioStepModel::StepColumn).data().toString(), QStringLiteral("2. stop leader"));
        QCOMPARE(model.index(1, ScenarioStepModel::StateColumn).data().toString(), QStringLiteral("pending"));
        QVERIFY(model.index(1, ScenarioStepModel::TimeColumn).data().toString().isEmpty());
        // A step's note is in its tooltip, in the language asked for.
        const int noted = 4;
        QVERIFY(!scenario.steps.at(noted).note.en.isEmpty());
        QVERIFY(model.index(noted, ScenarioStepModel::StepColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(scenario.steps.at(noted).note.en));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const qint64 origin = 1'000'000'000;
        model.setTimeOrigin(origin);
        ScenarioStepRecord record = model.steps().at(1);
        record.state = ScenarioStepRecord::State::Running;
        record.startedNs = origin + 10'500'000'000;
        model.updateStep(1, record);
        model.setCurrentStep(1);
        QVERIFY(changed.count() >= 3);

        // The running step: its state in words and an icon, bold and shaded; never colour alone.
        const QModelIndex state = model.index(1, ScenarioStepModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("running"));
        QCOMPARE(state.data(ScenarioStepModel::StateRole).toInt(), int(ScenarioStepRecord::State::Running));
        QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(state.data(ScenarioStepModel::CurrentRole).toBool());
        QVERIFY(model.index(1, ScenarioStepModel::StepColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.index(1, ScenarioStepModel::DetailColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(0, ScenarioStepModel::StepColumn).data(Qt::FontRole).isValid());
        QVERIFY(!model.index(0, ScenarioStepModel::StepColumn).data(ScenarioStepModel::CurrentRole).toBool());
        QCOMPARE(model.index(1, ScenarioStepModel::TimeColumn).data().toString(), QStringLiteral("+10.5 s"));

        // Finished: the duration joins the start, the long detail is one line with the whole text in the tooltip.
        record.state = ScenarioStepRecord::State::Failed;
        record.finishedNs = record.startedNs + 2'000'000'000;
        record.detail = QStringLiteral("docker stop --time 10 plabgui-patroni1 (ok in 1800 ms)\nthen something long");
        model.updateStep(1, record);
        model.setCurrentStep(2);
        QCOMPARE(model.index(1, ScenarioStepModel::TimeColumn).data().toString(), QStringLiteral("+10.5 s (2.0 s)"));
        QCOMPARE(model.index(1, ScenarioStepModel::StateColumn).data().toString(), QStringLiteral("failed"));
        QVERIFY(!model.index(1, ScenarioStepModel::DetailColumn).data().toString().contains(u'\n'));
        QCOMPARE(model.index(1, ScenarioStepModel::DetailColumn).data(Qt::ToolTipRole).toString(), record.detail);
        QVERIFY(!model.index(1, ScenarioStepModel::StepColumn).data(Qt::FontRole).isValid());
        QVERIFY(model.index(2, ScenarioStepModel::StepColumn).data(Qt::FontRole).value<QFont>().bold());

        // A run's records replace the rows; another scenario resets them.
        QList<ScenarioStepRecord> records = model.steps();
        for (ScenarioStepRecord& each : records) {
            each.state = ScenarioStepRecord::State::Skipped;
        }
        model.setSteps(records);
        model.setCurrentStep(-1);
        QCOMPARE(model.index(6, ScenarioStepModel::StateColumn).data().toString(), QStringLiteral("skipped"));
        model.setScenario(builtIn(QStringLiteral("replica-stop")), QStringLiteral("en"));
        QCOMPARE(model.rowCount(), builtIn(QStringLiteral("replica-stop")).steps.size());
        QCOMPARE(model.currentStep(), -1);
        model.setSteps({});
        QCOMPARE(model.rowCount(), 0);
    }

    void listsTheBuiltInsInEnglish()
    {
        QVERIFY(Translations::install(*QCoreApplication::instance(), QStringLiteral("en")));
        ScenarioPanel panel;
        QCOMPARE(panel.language(), QStringLiteral("en"));
        const auto builtIns = ScenarioCatalogue::builtIns();
        QVERIFY2(builtIns.ok(), qPrintable(builtIns.error()));
        QCOMPARE(builtIns.value().size(), 21);
        const auto* combo = panel.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
        QCOMPARE(combo->count(), 21);
        QStringList titles;
        for (const Scenario& scenario : builtIns.value()) {
            titles << scenario.title.en;
        }
        QCOMPARE(comboTexts(combo), titles);

        QVERIFY(panel.selectScenario(QStringLiteral("replica-stop")));
        const Scenario replicaStop = builtIn(QStringLiteral("replica-stop"));
        QCOMPARE(panel.selectedScenario()->id, QStringLiteral("replica-stop"));
        QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("explanationLabel"))->text(), replicaStop.explanation.en);
        QCOMPARE(panel.stepModel()->rowCount(), replicaStop.steps.size());
        QVERIFY(!panel.selectScenario(QStringLiteral("no-such-scenario")));

        // Run asks the window for a run of the scenario shown; it does not start one by itself.
        auto* run = panel.findChild<QPushButton*>(QStringLiteral("runButton"));
        QVERIFY(run->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("abortButton"))->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("saveReportButton"))->isEnabled());
        QSignalSpy requested(&panel, &ScenarioPanel::runRequested);
        run->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().value<Scenario>().id, QStringLiteral("replica-stop"));
        QVERIFY(!panel.isRunning());
    }

    void showsTheInterfaceLanguage()
    {
        QVERIFY(Translations::install(*QCoreApplication::instance(), QStringLiteral("ru")));
        {
            ScenarioPanel panel;
            QCOMPARE(panel.language(), QStringLiteral("ru"));
            QVERIFY(panel.selectScenario(QStringLiteral("leader-stop")));
            const Scenario leaderStop = builtIn(QStringLiteral("leader-stop"));
            QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("explanationLabel"))->text(), leaderStop.explanation.ru);
            const auto* combo = panel.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
            QCOMPARE(combo->currentText(), leaderStop.title.ru);
            QVERIFY(leaderStop.title.ru != leaderStop.title.en);
            // The note of the 12-second pause, in Russian.
            QVERIFY(panel.stepModel()
                        ->index(4, ScenarioStepModel::StepColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(leaderStop.steps.at(4).note.ru));
        }
        QVERIFY(Translations::install(*QCoreApplication::instance(), QStringLiteral("en")));
        QCOMPARE(ScenarioPanel::interfaceLanguage(), QStringLiteral("en"));
    }

    void openScenarioFile()
    {
        ScenarioPanel panel;
        const auto* combo = panel.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
        const auto* explanation = panel.findChild<QLabel*>(QStringLiteral("explanationLabel"));
        QVERIFY(panel.selectScenario(QStringLiteral("switchover")));
        const QString shownBefore = explanation->text();

        QFile resource(QStringLiteral(":/scenarios/replica-stop.json"));
        QVERIFY(resource.open(QIODevice::ReadOnly));
        const QString valid = QString::fromUtf8(resource.readAll());
        QString broken = valid;
        const QString needle = QStringLiteral(R"("action": "stop")");
        QVERIFY(broken.contains(needle));
        broken.replace(needle, QStringLiteral(R"("action": "stp")"));
        const QString brokenPath = path(QStringLiteral("broken.json"));
        {
            QFile file(brokenPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(broken.toUtf8());
        }

        // The parser's own message, with file, line and column, in the panel; the chooser is left as it was.
        QVERIFY(!panel.openScenarioFile(brokenPath));
        const QString expected = QStringLiteral("%1:%2: steps[1].action: unknown action \"stp\"")
                                     .arg(brokenPath, line(broken, QStringLiteral("\"stp\"")));
        QVERIFY2(panel.message().contains(expected), qPrintable(panel.message()));
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisibleTo(&panel));
        QCOMPARE(combo->count(), 21);
        QCOMPARE(panel.selectedScenario()->id, QStringLiteral("switchover"));
        QCOMPARE(explanation->text(), shownBefore);

        // Not even JSON, and no file at all: still a message, not a crash.
        const QString garbagePath = path(QStringLiteral("garbage.json"));
        {
            QFile file(garbagePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"format\": \"patroni-lab-scenario/1\",\n  \"id\": ");
        }
        QVERIFY(!panel.openScenarioFile(garbagePath));
        QVERIFY2(panel.message().contains(garbagePath + u':'), qPrintable(panel.message()));
        QVERIFY(!panel.openScenarioFile(path(QStringLiteral("missing.json"))));
        QVERIFY2(panel.message().contains(QStringLiteral("missing.json")), qPrintable(panel.message()));
        QCOMPARE(combo->count(), 21);

        // A valid file joins the chooser, selected, with its explanation and steps.
        QString own = valid;
        own.replace(QStringLiteral(R"("id": "replica-stop")"), QStringLiteral(R"("id": "my-replica-stop")"));
        const QString ownPath = path(QStringLiteral("mine.json"));
        {
            QFile file(ownPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(own.toUtf8());
        }
        QVERIFY2(panel.openScenarioFile(ownPath), qPrintable(panel.message()));
        QCOMPARE(combo->count(), 22);
        QCOMPARE(panel.selectedScenario()->id, QStringLiteral("my-replica-stop"));
        QVERIFY2(combo->currentText().contains(QStringLiteral("mine.json")), qPrintable(combo->currentText()));
        QCOMPARE(explanation->text(), builtIn(QStringLiteral("replica-stop")).explanation.en);
        QCOMPARE(panel.stepModel()->rowCount(), builtIn(QStringLiteral("replica-stop")).steps.size());
        // Read again after an edit: the same entry, not a second one.
        QVERIFY(panel.openScenarioFile(ownPath));
        QCOMPARE(combo->count(), 22);
    }

    void runAndAbortButtonsFollowTheRunner()
    {
        qputenv("PATRONI_LAB_DOCKER", hangingDocker().toUtf8());
        ScenarioPanel panel;
        panel.setJournal(m_journal.get());
        auto* run = panel.findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* abort = panel.findChild<QPushButton*>(QStringLiteral("abortButton"));
        auto* save = panel.findChild<QPushButton*>(QStringLiteral("saveReportButton"));
        auto* combo = panel.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
        QVERIFY(panel.selectScenario(QStringLiteral("switchover")));
        QVERIFY(run->isEnabled());
        QVERIFY(!abort->isEnabled());

        ScenarioRunOptions options;
        options.clusterName = QStringLiteral("plabnone");
        options.conninfo = QStringLiteral("host=127.0.0.1 port=1 user=postgres password=postgres dbname=postgres");
        ScenarioRunner runner(m_journal.get(), builtIn(QStringLiteral("leader-stop")), options);
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        panel.setRunner(&runner);
        runner.start();
        QCOMPARE(runner.phase(), ScenarioRunner::Phase::Preparing);

        // While it runs: no second run, no other scenario, Abort available; the panel shows the running scenario.
        QVERIFY(panel.isRunning());
        QVERIFY(!run->isEnabled());
        QVERIFY(abort->isEnabled());
        QVERIFY(!combo->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("openFileButton"))->isEnabled());
        QVERIFY(!save->isEnabled());
        QCOMPARE(panel.selectedScenario()->id, QStringLiteral("leader-stop"));
        QCOMPARE(panel.stepModel()->rowCount(), builtIn(QStringLiteral("leader-stop")).steps.size());
        QVERIFY2(panel.message().contains(QStringLiteral("Checking that the cluster is healthy")),
            qPrintable(panel.message()));
        QVERIFY(!panel.openScenarioFile(path(QStringLiteral("mine.json"))));
        // The GUI thread is not waiting for the docker that does not answer.
        QTest::qWait(300);
        QCOMPARE(runner.phase(), ScenarioRunner::Phase::Preparing);
        QVERIFY(!run->isEnabled());

        // Abort before anything was done to the cluster ends the run at once: nothing to heal.
        abort->click();
        QCOMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<ScenarioRunResult>();
        QVERIFY(result.aborted);
        QVERIFY(!result.completed);
        QCOMPARE(result.verdict, ScenarioJudge::Verdict::Incomplete);
        QVERIFY(!panel.isRunning());
        QVERIFY(run->isEnabled());
        QVERIFY(!abort->isEnabled());
        QVERIFY(combo->isEnabled());
        QVERIFY(save->isEnabled());
        QVERIFY2(panel.message().startsWith(QStringLiteral("Aborted.")), qPrintable(panel.message()));
        QVERIFY2(panel.verdict().contains(ScenarioJudge::verdictText(ScenarioJudge::Verdict::Incomplete)),
            qPrintable(panel.verdict()));
        QVERIFY2(panel.verdict().contains(QStringLiteral("<b>")), qPrintable(panel.verdict()));
        for (int row = 0; row < panel.stepModel()->rowCount(); ++row) {
            QCOMPARE(panel.stepModel()->index(row, ScenarioStepModel::StateColumn).data().toString(),
                QStringLiteral("skipped"));
        }

        // The report of such a run: what was planned and why it did not run, without operations or a timeline.
        const QString folder = path(QStringLiteral("report-aborted"));
        QSignalSpy saved(&panel, &ScenarioPanel::reportSaved);
        QSignalSpy failed(&panel, &ScenarioPanel::reportFailed);
        panel.saveReport(folder);
        QVERIFY(panel.isSavingReport());
        QVERIFY(!save->isEnabled());
        QVERIFY(saved.wait(30'000));
        QCOMPARE(failed.count(), 0);
        const QStringList paths = saved.first().first().toStringList();
        QVERIFY2(paths.contains(QDir(folder).filePath(QStringLiteral("report.md"))), qPrintable(paths.join(u' ')));
        QVERIFY2(paths.contains(QDir(folder).filePath(QStringLiteral("summary.json"))), qPrintable(paths.join(u' ')));
        QVERIFY(!QFile::exists(QDir(folder).filePath(QStringLiteral("timeline.png"))));
        QFile summary(QDir(folder).filePath(QStringLiteral("summary.json")));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QVERIFY(summary.readAll().contains("\"leader-stop\""));
        QVERIFY(save->isEnabled());
    }

    void aRunWithoutItsClusterSaysWhy()
    {
        qputenv("PATRONI_LAB_DOCKER", "/nonexistent/bin/docker");
        ScenarioPanel panel;
        ScenarioRunOptions options;
        options.clusterName = QStringLiteral("plabnone");
        options.conninfo = QStringLiteral("host=127.0.0.1 port=1");
        ScenarioRunner runner(m_journal.get(), builtIn(QStringLiteral("replica-stop")), options);
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        panel.setRunner(&runner);
        runner.start();
        QVERIFY(finished.count() > 0 || finished.wait(30'000));
        const auto result = finished.first().first().value<ScenarioRunResult>();
        QVERIFY(!result.aborted);
        QVERIFY(!result.failure.isEmpty());
        QVERIFY2(panel.message().contains(result.failure), qPrintable(panel.message()));
        QVERIFY2(panel.verdict().contains(result.failure.toHtmlEscaped()), qPrintable(panel.verdict()));
        QVERIFY(panel.findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("abortButton"))->isEnabled());
        // No checks were made, so the results table stays hidden rather than empty.
        QVERIFY(!panel.findChild<QTableWidget*>(QStringLiteral("resultsTable"))->isVisibleTo(&panel));
    }

    void resultsTableShowsEveryCheck()
    {
        // A judged result as the runner hands it over at the end of a run.
        ScenarioRunResult result;
        result.scenario = builtIn(QStringLiteral("replica-stop"));
        result.completed = true;
        result.healed = true;
        result.runId = 7;
        result.checks = { { QStringLiteral("failover"), QStringLiteral("no"), QStringLiteral("no"), true, {} },
            { QStringLiteral("write_outage"), QStringLiteral("no"), QStringLiteral("yes (1 window, 3.2 s)"), false,
                QStringLiteral("a write outage although nothing should have stopped writes") } };
        result.verdict = ScenarioJudge::verdict(true, result.checks);
        QCOMPARE(result.verdict, ScenarioJudge::Verdict::Differs);
        for (const ScenarioStep& step : result.scenario.steps) {
            ScenarioStepRecord record;
            record.description = step.describe();
            record.state = ScenarioStepRecord::State::Done;
            result.steps << record;
        }

        ScenarioPanel panel;
        ScenarioRunOptions options;
        ScenarioRunner runner(m_journal.get(), result.scenario, options);
        panel.setRunner(&runner);
        // As the runner hands a judged result over at the end of a run.
        emit runner.finished(result);
        const auto* table = panel.findChild<QTableWidget*>(QStringLiteral("resultsTable"));
        QVERIFY(table->isVisibleTo(&panel));
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("failover"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("✔ holds"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("yes (1 window, 3.2 s)"));
        QCOMPARE(
            table->item(1, 3)->text(), QStringLiteral("✘ a write outage although nothing should have stopped writes"));
        QVERIFY(table->item(1, 3)->font().bold());
        QVERIFY2(panel.verdict().contains(QStringLiteral("<b>✘ Verdict: %1</b>")
                                              .arg(ScenarioJudge::verdictText(ScenarioJudge::Verdict::Differs))),
            qPrintable(panel.verdict()));
        QVERIFY2(panel.message().contains(QStringLiteral("Every step ran.")), qPrintable(panel.message()));
        QVERIFY2(panel.message().contains(QStringLiteral("healthy again")), qPrintable(panel.message()));
        QCOMPARE(panel.stepModel()->index(0, ScenarioStepModel::StateColumn).data().toString(), QStringLiteral("done"));
    }

    void mainWindowHasTheDock()
    {
        qputenv("PATRONI_LAB_DOCKER", "/nonexistent/bin/docker");
        ClusterChoice nowhere;
        nowhere.lab.project = QStringLiteral("plabnone");
        nowhere.lab.portBase = 29600;
        const QString settingsFile = path(QStringLiteral("window.ini"));
        {
            AppSettings settings(settingsFile);
            MainWindow window(nowhere, settings);
            QSignalSpy journalReady(&window, &MainWindow::journalReady);
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* dock = window.findChild<QDockWidget*>(QStringLiteral("scenarioDock"));
            QVERIFY(dock);
            QCOMPARE(dock, window.scenarioDock());
            QCOMPARE(dock->widget(), window.scenarioPanel());
            QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
            auto* toggle = window.findChild<QAction*>(QStringLiteral("actionScenarioPanel"));
            QVERIFY(toggle);
            QCOMPARE(toggle->text(), QStringLiteral("Scenarios panel"));
            auto* viewMenu = window.findChild<QMenu*>(QStringLiteral("menuView"));
            QVERIFY(viewMenu->actions().contains(toggle));

            // Without a cluster, Run says why in the panel instead of starting anything.
            QVERIFY(journalReady.count() > 0 || journalReady.wait(10'000));
            QVERIFY(window.scenarioPanel()->selectScenario(QStringLiteral("replica-stop")));
            window.scenarioPanel()->findChild<QPushButton*>(QStringLiteral("runButton"))->click();
            QVERIFY(!window.scenarioRunner());
            QVERIFY2(window.scenarioPanel()->message().contains(
                         QStringLiteral("Cannot run the scenario: no cluster has been found")),
                qPrintable(window.scenarioPanel()->message()));
            QVERIFY(!window.scenarioRunning());

            // Hidden, and remembered so with the window's layout.
            QVERIFY(toggle->isChecked());
            toggle->trigger();
            QVERIFY(!dock->isVisible());
            window.close();
        }
        AppSettings settings(settingsFile);
        MainWindow again(nowhere, settings);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(!again.scenarioDock()->isVisible());
        again.scenarioDock()->toggleViewAction()->trigger();
        QVERIFY(again.scenarioDock()->isVisible());
    }
};

QTEST_MAIN(TestScenarioPanel)
#include "tst_scenariopanel.moc"
