// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariopanel.h"

#include "translations.h"

#include "journal.h"
#include "scenariocatalogue.h"
#include "scenarioreport.h"
#include "scenariostepmodel.h"
#include "studiedrun.h"
#include "timelineview.h"
#include "trafficrun.h"
#include "ui_scenariopanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLocale>
#include <QTranslator>
#include <QtConcurrent>

namespace {

enum ResultColumn { CheckColumn, ExpectedColumn, MeasuredColumn, OutcomeColumn, ResultColumnCount };

QTableWidgetItem* resultItem(const QString& text, const QString& toolTip = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(toolTip.isEmpty() ? text : toolTip);
    return item;
}

} // namespace

// What the worker thread hands back: the files written, and the run it read (timeline.png is drawn from it on the
// GUI thread, because widgets live there).
struct ScenarioPanel::WrittenReport
{
    Result<QStringList> written;
    std::optional<StudiedRun> studied;
    QString loadError;
};

ScenarioPanel::ScenarioPanel(QWidget* parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::ScenarioPanel>())
    , m_language(interfaceLanguage())
    , m_steps(new ScenarioStepModel(this))
{
    ui->setupUi(this);
    ui->stepView->setModel(m_steps);
    QHeaderView* stepHeader = ui->stepView->horizontalHeader();
    stepHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    stepHeader->setStretchLastSection(true);
    // The dock is narrow: the state comes first so it is always in view; time and detail may scroll.
    stepHeader->moveSection(stepHeader->visualIndex(ScenarioStepModel::StateColumn), 0);
    ui->stepView->setTextElideMode(Qt::ElideRight);

    // Few rows that do not change once shown: they wrap, so every column fits the dock's width.
    ui->resultsTable->setColumnCount(ResultColumnCount);
    ui->resultsTable->setHorizontalHeaderLabels({ tr("Check"), tr("Expected"), tr("Measured"), tr("Result") });
    QHeaderView* resultHeader = ui->resultsTable->horizontalHeader();
    resultHeader->setSectionResizeMode(QHeaderView::Stretch);
    resultHeader->setSectionResizeMode(CheckColumn, QHeaderView::ResizeToContents);
    ui->resultsTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    connect(ui->scenarioCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!isRunning()) {
            showSelected();
        }
        updateButtons();
    });
    connect(ui->openFileButton, &QPushButton::clicked, this, &ScenarioPanel::chooseFile);
    connect(ui->runButton, &QPushButton::clicked, this, [this] {
        if (const auto scenario = selectedScenario(); scenario && !isRunning()) {
            emit runRequested(*scenario);
        }
    });
    connect(ui->abortButton, &QPushButton::clicked, this, &ScenarioPanel::abortRun);
    connect(ui->saveReportButton, &QPushButton::clicked, this, &ScenarioPanel::chooseReportFolder);

    loadBuiltIns();
    clearResult();
    updateButtons();
}

ScenarioPanel::~ScenarioPanel()
{
    waitForPendingWork();
}

QString ScenarioPanel::interfaceLanguage()
{
    const QCoreApplication* app = QCoreApplication::instance();
    return app ? Translations::current(*app) : QStringLiteral("en");
}

void ScenarioPanel::loadBuiltIns()
{
    const auto builtIns = ScenarioCatalogue::builtIns();
    if (!builtIns.ok()) {
        // A broken built-in is a bug of the program; the files the user opens still work.
        setMessage(tr("The built-in scenarios cannot be read: %1").arg(builtIns.error()));
        return;
    }
    for (const Scenario& scenario : builtIns.value()) {
        addScenario(scenario, scenario.title.text(m_language));
    }
}

void ScenarioPanel::addScenario(const Scenario& scenario, const QString& label)
{
    m_scenarios.append(scenario);
    ui->scenarioCombo->addItem(label, static_cast<int>(m_scenarios.size() - 1));
    ui->scenarioCombo->setItemData(ui->scenarioCombo->count() - 1,
        QStringLiteral("%1\n%2").arg(scenario.id, scenario.sourceName), Qt::ToolTipRole);
}

std::optional<Scenario> ScenarioPanel::selectedScenario() const
{
    const QVariant data = ui->scenarioCombo->currentData();
    if (!data.isValid()) {
        return std::nullopt;
    }
    const int index = data.toInt();
    if (index < 0 || index >= m_scenarios.size()) {
        return std::nullopt;
    }
    return m_scenarios.at(index);
}

bool ScenarioPanel::selectScenario(const QString& id)
{
    for (int item = 0; item < ui->scenarioCombo->count(); ++item) {
        const int index = ui->scenarioCombo->itemData(item).toInt();
        if (index >= 0 && index < m_scenarios.size() && m_scenarios.at(index).id == id) {
            ui->scenarioCombo->setCurrentIndex(item);
            return true;
        }
    }
    return false;
}

bool ScenarioPanel::openScenarioFile(const QString& path)
{
    if (isRunning()) {
        return false;
    }
    const auto scenario = ScenarioCatalogue::resolve(path);
    if (!scenario.ok()) {
        setMessage(tr("The scenario file cannot be used:\n%1").arg(scenario.error()));
        emit statusMessage(tr("The scenario file cannot be used — see the Scenarios panel"));
        return false;
    }
    const QString label = tr("%1 (file %2)").arg(scenario.value().title.text(m_language), QFileInfo(path).fileName());
    // Opening the same file again (after editing it) replaces the earlier reading.
    for (int item = 0; item < ui->scenarioCombo->count(); ++item) {
        const int index = ui->scenarioCombo->itemData(item).toInt();
        if (m_scenarios.at(index).sourceName == scenario.value().sourceName) {
            m_scenarios[index] = scenario.value();
            ui->scenarioCombo->setItemText(item, label);
            ui->scenarioCombo->setCurrentIndex(item);
            showSelected();
            setMessage(tr("Read %1 again.").arg(path));
            return true;
        }
    }
    addScenario(scenario.value(), label);
    ui->scenarioCombo->setCurrentIndex(ui->scenarioCombo->count() - 1);
    setMessage(tr("Read %1: %2 steps.").arg(path).arg(scenario.value().steps.size()));
    return true;
}

void ScenarioPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open scenario file"), m_lastFolder, tr("Scenario files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    m_lastFolder = QFileInfo(path).absolutePath();
    openScenarioFile(path);
}

void ScenarioPanel::showSelected()
{
    const auto scenario = selectedScenario();
    if (!scenario) {
        ui->explanationLabel->clear();
        m_steps->setScenario(Scenario {}, m_language);
        return;
    }
    ui->explanationLabel->setText(scenario->explanation.text(m_language));
    m_steps->setScenario(*scenario, m_language);
    setMessage({});
}

void ScenarioPanel::setMessage(const QString& text)
{
    ui->messageLabel->setText(text);
    ui->messageLabel->setVisible(!text.isEmpty());
}

QString ScenarioPanel::message() const
{
    return ui->messageLabel->text();
}

QString ScenarioPanel::verdict() const
{
    return ui->verdictLabel->text();
}

void ScenarioPanel::setJournal(const Journal* journal)
{
    m_journal = journal;
}

bool ScenarioPanel::isRunning() const
{
    return m_runner && m_runner->phase() != ScenarioRunner::Phase::Finished;
}

void ScenarioPanel::setRunner(ScenarioRunner* runner)
{
    if (m_runner) {
        disconnect(m_runner, nullptr, this, nullptr);
    }
    m_runner = runner;
    m_abortRequested = false;
    clearResult();
    if (!runner) {
        showSelected();
        updateButtons();
        return;
    }
    const Scenario& scenario = runner->scenario();
    {
        // The chooser shows what runs; selecting it must not reset the steps of the run.
        const QSignalBlocker blocker(ui->scenarioCombo);
        selectScenario(scenario.id);
    }
    ui->explanationLabel->setText(scenario.explanation.text(m_language));
    m_steps->setScenario(scenario, m_language);
    m_steps->setSteps(runner->steps());
    if (const TrafficRun* run = runner->trafficRun()) {
        m_steps->setTimeOrigin(run->startedNs());
    }
    connect(runner, &ScenarioRunner::phaseChanged, this, &ScenarioPanel::onPhaseChanged);
    connect(runner, &ScenarioRunner::trafficStarted, this,
        [this](TrafficRun* run) { m_steps->setTimeOrigin(run->startedNs()); });
    connect(runner, &ScenarioRunner::stepStarted, this, &ScenarioPanel::onStepStarted);
    connect(runner, &ScenarioRunner::stepFinished, this, &ScenarioPanel::onStepFinished);
    connect(runner, &ScenarioRunner::finished, this, &ScenarioPanel::onFinished);
    connect(runner, &QObject::destroyed, this, &ScenarioPanel::updateButtons);
    if (runner->phase() == ScenarioRunner::Phase::Finished) {
        onFinished(runner->result());
    } else {
        onPhaseChanged(runner->phase());
    }
}

void ScenarioPanel::abortRun()
{
    if (!isRunning() || m_abortRequested) {
        return;
    }
    m_abortRequested = true;
    setMessage(tr("Aborting — healing the cluster…"));
    updateButtons();
    // May finish the run at once (nothing was done to the cluster yet): then onFinished has already run.
    m_runner->abort();
}

void ScenarioPanel::onPhaseChanged(ScenarioRunner::Phase phase)
{
    if (m_runner && (phase == ScenarioRunner::Phase::Healing || phase == ScenarioRunner::Phase::Finished)) {
        // Healing marks the steps that will not run as skipped without a signal of its own.
        m_steps->setSteps(m_runner->steps());
    }
    if (m_abortRequested && phase != ScenarioRunner::Phase::Finished) {
        setMessage(tr("Aborting — healing the cluster…"));
        updateButtons();
        return;
    }
    switch (phase) {
    case ScenarioRunner::Phase::Idle:
    case ScenarioRunner::Phase::Preparing:
        setMessage(tr("Checking that the cluster is healthy, then starting the traffic…"));
        break;
    case ScenarioRunner::Phase::Running:
        setMessage(tr("The generator writes; running the steps…"));
        break;
    case ScenarioRunner::Phase::Healing:
        m_steps->setCurrentStep(-1);
        setMessage(tr("Healing the cluster and waiting until it is healthy again…"));
        break;
    case ScenarioRunner::Phase::Auditing:
        setMessage(tr("Stopping the traffic and auditing the writes…"));
        break;
    case ScenarioRunner::Phase::Finished:
        break; // onFinished says how it ended
    }
    updateButtons();
}

void ScenarioPanel::onStepStarted(int index)
{
    if (!m_runner || index < 0 || index >= m_runner->steps().size()) {
        return;
    }
    const ScenarioStepRecord& record = m_runner->steps().at(index);
    m_steps->updateStep(index, record);
    m_steps->setCurrentStep(index);
    // By its state, the first column on screen: following the steps must not scroll the view sideways.
    ui->stepView->scrollTo(m_steps->index(index, ScenarioStepModel::StateColumn));
    if (!m_abortRequested) {
        const QString note = m_runner->scenario().steps.at(index).note.text(m_language);
        setMessage(tr("Step %1 of %2: %3").arg(index + 1).arg(m_runner->steps().size()).arg(record.description)
            + (note.isEmpty() ? QString() : QStringLiteral(" — %1").arg(note)));
    }
}

void ScenarioPanel::onStepFinished(int index)
{
    if (m_runner && index >= 0 && index < m_runner->steps().size()) {
        m_steps->updateStep(index, m_runner->steps().at(index));
    }
}

void ScenarioPanel::onFinished(const ScenarioRunResult& result)
{
    m_lastResult = result;
    m_abortRequested = false;
    m_steps->setSteps(result.steps);
    m_steps->setCurrentStep(-1);
    showResult(result);
    QString message;
    if (result.aborted) {
        message = tr("Aborted.");
    } else if (result.completed) {
        message = tr("Every step ran.");
    } else {
        message = tr("The scenario stopped: %1").arg(result.failure);
    }
    if (result.healed) {
        message += u' ' + tr("The cluster is healthy again.");
    } else if (!result.healProblem.isEmpty()) {
        message += u' ' + tr("The cluster did not become healthy: %1. Use Heal all.").arg(result.healProblem);
    }
    setMessage(message);
    emit statusMessage(tr("Scenario %1: %2").arg(result.scenario.id, ScenarioJudge::verdictText(result.verdict)));
    updateButtons();
}

void ScenarioPanel::clearResult()
{
    ui->verdictLabel->clear();
    ui->verdictLabel->setVisible(false);
    ui->resultsTable->setRowCount(0);
    ui->resultsTable->setVisible(false);
}

void ScenarioPanel::showResult(const ScenarioRunResult& result)
{
    // The mark repeats the verdict in a symbol: neither depends on colour.
    QString mark;
    switch (result.verdict) {
    case ScenarioJudge::Verdict::AsExpected:
        mark = QStringLiteral("✔");
        break;
    case ScenarioJudge::Verdict::Differs:
        mark = QStringLiteral("✘");
        break;
    case ScenarioJudge::Verdict::Incomplete:
        mark = QStringLiteral("⚠");
        break;
    }
    QString html = QStringLiteral("<b>%1</b>")
                       .arg(tr("%1 Verdict: %2").arg(mark, ScenarioJudge::verdictText(result.verdict)).toHtmlEscaped());
    html += QStringLiteral("<br>%1").arg(
        tr("%1, run %2").arg(result.scenario.title.text(m_language)).arg(result.runId).toHtmlEscaped());
    if (!result.failure.isEmpty()) {
        html += QStringLiteral("<br>%1").arg(tr("Not completed: %1").arg(result.failure).toHtmlEscaped());
    }
    ui->verdictLabel->setText(html);
    ui->verdictLabel->setVisible(true);

    ui->resultsTable->setRowCount(static_cast<int>(result.checks.size()));
    for (int row = 0; row < result.checks.size(); ++row) {
        const ExpectationCheck& check = result.checks.at(row);
        ui->resultsTable->setItem(row, CheckColumn, resultItem(check.key));
        ui->resultsTable->setItem(row, ExpectedColumn, resultItem(check.expected));
        ui->resultsTable->setItem(row, MeasuredColumn, resultItem(check.measured));
        const QString outcome = check.ok
            ? tr("✔ holds")
            : tr("✘ %1").arg(check.explanation.isEmpty() ? tr("differs") : check.explanation);
        QTableWidgetItem* outcomeItem = resultItem(outcome);
        if (!check.ok) {
            QFont bold = outcomeItem->font();
            bold.setBold(true);
            outcomeItem->setFont(bold);
        }
        ui->resultsTable->setItem(row, OutcomeColumn, outcomeItem);
    }
    ui->resultsTable->setVisible(!result.checks.isEmpty());
}

void ScenarioPanel::updateButtons()
{
    const bool running = isRunning();
    const ScenarioRunner::Phase phase = m_runner ? m_runner->phase() : ScenarioRunner::Phase::Finished;
    // Once healing has begun there is nothing left to abort: the runner ignores it.
    const bool abortable = running && !m_abortRequested
        && (phase == ScenarioRunner::Phase::Idle || phase == ScenarioRunner::Phase::Preparing
            || phase == ScenarioRunner::Phase::Running);
    ui->runButton->setEnabled(!running && selectedScenario().has_value());
    ui->abortButton->setEnabled(abortable);
    ui->scenarioCombo->setEnabled(!running);
    ui->openFileButton->setEnabled(!running);
    ui->saveReportButton->setEnabled(!running && m_lastResult.has_value() && !m_saving);
}

void ScenarioPanel::chooseReportFolder()
{
    if (!m_lastResult) {
        return;
    }
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the scenario report"), m_lastFolder);
    if (folder.isEmpty()) {
        return;
    }
    m_lastFolder = folder;
    saveReport(folder);
}

void ScenarioPanel::saveReport(const QString& folder)
{
    if (!m_lastResult || m_saving || isRunning()) {
        return;
    }
    if (m_lastResult->runId > 0 && !m_journal) {
        const QString why = tr("the run journal is not open, so run %1 cannot be read").arg(m_lastResult->runId);
        setMessage(tr("Report not written: %1").arg(why));
        emit reportFailed(why);
        return;
    }
    setMessage(tr("Writing the report into %1…").arg(QDir::toNativeSeparators(folder)));
    const Journal* journal = m_journal;
    m_saving = QtConcurrent::run([journal, result = *m_lastResult, folder] {
        auto report = std::make_shared<WrittenReport>();
        if (result.runId > 0) {
            auto loaded = StudiedRun::load(*journal, result.runId);
            if (loaded.ok()) {
                report->studied = std::move(loaded.value());
            } else {
                report->loadError = loaded.error();
            }
        }
        report->written = ScenarioReport::writeBundle(folder, result, report->studied ? &*report->studied : nullptr);
        return report;
    });
    auto* watcher = new QFutureWatcher<std::shared_ptr<WrittenReport>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder] {
        watcher->deleteLater();
        onReportWritten(watcher->result(), folder);
    });
    watcher->setFuture(*m_saving);
    updateButtons();
}

void ScenarioPanel::onReportWritten(const std::shared_ptr<WrittenReport>& report, const QString& folder)
{
    m_saving.reset();
    updateButtons();
    if (!report->written.ok()) {
        setMessage(tr("Report not written: %1").arg(report->written.error()));
        emit reportFailed(report->written.error());
        return;
    }
    QStringList paths = report->written.value();
    if (!report->loadError.isEmpty()) {
        emit logLine(
            tr("Run %1 cannot be read back from the journal, so the report has no operations and no timeline: %2")
                .arg(m_lastResult ? m_lastResult->runId : 0)
                .arg(report->loadError));
    }
    if (report->studied && m_lastResult) {
        // Drawn like the CLI's timeline.png: a view of its own, so the window's zoom and following do not matter.
        const StudiedRun& studied = *report->studied;
        TimelineView view;
        view.resize(1600, 900);
        view.setTitle(QStringLiteral("%1 — %2").arg(m_lastResult->scenario.title.text(m_lastResult->language),
            QLocale().toString(studied.run.info.startedAt.toLocalTime(), QLocale::ShortFormat)));
        view.showRun(studied.run, studied.analysis);
        const QString png = QDir(folder).filePath(ScenarioReport::timelineFile());
        const auto drawn = view.exportTo(png, TimelineView::ExportOptions {});
        if (!drawn.ok()) {
            setMessage(tr("The report was written, but not the timeline: %1").arg(drawn.error()));
            emit reportFailed(drawn.error());
            return;
        }
        paths << png;
    }
    for (const QString& path : std::as_const(paths)) {
        emit logLine(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    }
    const QString summary
        = tr("Report written to %1 (%2 files)").arg(QDir::toNativeSeparators(folder)).arg(paths.size());
    setMessage(summary);
    emit statusMessage(summary);
    emit reportSaved(paths);
}

void ScenarioPanel::waitForPendingWork()
{
    if (m_saving) {
        m_saving->waitForFinished();
    }
}
