// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"
#include "scenariooutcome.h"
#include "scenariorunner.h"

#include <QFuture>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class Journal;
class ScenarioStepModel;

namespace Ui {
class ScenarioPanel;
}

// Choose a scenario (a built-in one or a file), read what it is about, run it and watch its steps, abort it, and
// see what was expected against what was measured. The panel asks for a run (runRequested); the window creates
// the ScenarioRunner, because the run's traffic belongs on the window's timeline, and hands it back with
// setRunner. Saving a report reads the run from the journal and writes the files on a worker thread.
class ScenarioPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioPanel)

public:
    explicit ScenarioPanel(QWidget* parent = nullptr);
    ~ScenarioPanel() override;

    // The interface language the application shows ("en" or "ru"): titles, explanations and the run's texts.
    static QString interfaceLanguage();
    QString language() const { return m_language; }

    // What the chooser offers: the built-in scenarios, then the files opened.
    QList<Scenario> scenarios() const { return m_scenarios; }
    std::optional<Scenario> selectedScenario() const;
    bool selectScenario(const QString& id);
    // Reads a scenario file (parsing is fast: it stays on the GUI thread). A valid one joins the chooser and is
    // selected; for an invalid one the parser's errors (file:line:column) are shown and false returned.
    bool openScenarioFile(const QString& path);

    // Where "Save report" reads the run from; the panel does not own it.
    void setJournal(const Journal* journal);
    // Follows a runner from now on (steps, phase, Abort, verdict). It must not have finished yet; the panel does
    // not own it.
    void setRunner(ScenarioRunner* runner);
    ScenarioRunner* runner() const { return m_runner; }
    // A runner is being followed and has not finished.
    bool isRunning() const;
    // The outcome of the last run followed here.
    const std::optional<ScenarioRunResult>& lastResult() const { return m_lastResult; }

    // Writes the bundle of the last run into folder: report.md, summary.json, the CSV files (worker thread) and
    // timeline.png (drawn here). Emits reportSaved or reportFailed.
    void saveReport(const QString& folder);
    bool isSavingReport() const { return m_saving.has_value(); }
    // Blocks until a report being written is done: the window calls it before the journal goes away.
    void waitForPendingWork();

    ScenarioStepModel* stepModel() const { return m_steps; }
    // The line under the explanation: what the run is doing, or why something could not be done.
    void setMessage(const QString& text);
    QString message() const;
    QString verdict() const;

signals:
    void runRequested(const Scenario& scenario);
    // For the window's log and status bar.
    void logLine(const QString& line);
    void statusMessage(const QString& message);
    void reportSaved(const QStringList& paths);
    void reportFailed(const QString& error);

private:
    struct WrittenReport;

    void loadBuiltIns();
    void addScenario(const Scenario& scenario, const QString& label);
    void showSelected();
    void updateButtons();
    void onPhaseChanged(ScenarioRunner::Phase phase);
    void onStepStarted(int index);
    void onStepFinished(int index);
    void onFinished(const ScenarioRunResult& result);
    void showResult(const ScenarioRunResult& result);
    void clearResult();
    void abortRun();
    void chooseFile();
    void chooseReportFolder();
    void onReportWritten(const std::shared_ptr<WrittenReport>& report, const QString& folder);

    std::unique_ptr<Ui::ScenarioPanel> ui;
    QString m_language;
    QList<Scenario> m_scenarios;
    ScenarioStepModel* m_steps = nullptr;
    const Journal* m_journal = nullptr;
    QPointer<ScenarioRunner> m_runner;
    bool m_abortRequested = false;
    std::optional<ScenarioRunResult> m_lastResult;
    QString m_lastFolder;

    // The report being written, until its files and timeline.png are done.
    std::optional<QFuture<std::shared_ptr<WrittenReport>>> m_saving;
};
