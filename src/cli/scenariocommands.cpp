// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariocommands.h"

#include "labcontroller.h"
#include "scenariocatalogue.h"
#include "scenarioreport.h"
#include "scenariorunner.h"
#include "studiedrun.h"
#include "timelineview.h"
#include "translations.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>

int ScenarioCommands::list(const CliRequest& request, QTextStream& out, QTextStream& err)
{
    const auto scenarios = ScenarioCatalogue::builtIns();
    if (!scenarios.ok()) {
        err << QStringLiteral("error: ") << scenarios.error() << Qt::endl;
        return LabController::Failed;
    }
    if (request.json) {
        QJsonArray array;
        for (const Scenario& scenario : scenarios.value()) {
            array.append(scenario.summaryJson(request.language));
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        out.flush();
        return 0;
    }
    qsizetype width = 0;
    for (const Scenario& scenario : scenarios.value()) {
        width = std::max(width, scenario.id.size());
    }
    for (const Scenario& scenario : scenarios.value()) {
        out << scenario.id.leftJustified(width + 2) << scenario.title.text(request.language) << u'\n';
    }
    out.flush();
    return 0;
}

ScenarioRunCommand::ScenarioRunCommand(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
{
}

ScenarioRunCommand::~ScenarioRunCommand()
{
    // The runner's traffic run appends to the journal: it must go first.
    delete m_runner;
}

void ScenarioRunCommand::start()
{
    auto scenario = ScenarioCatalogue::resolve(m_request.scenario);
    if (!scenario.ok()) {
        m_err << QStringLiteral("error: ") << scenario.error() << Qt::endl;
        emit finished(LabController::InvalidInput);
        return;
    }
    m_scenario = scenario.value();
    // report.md and the step texts in the chosen language; English needs no catalogue.
    if (m_request.language != QLatin1StringView("en")
        && !Translations::install(*QCoreApplication::instance(), m_request.language)) {
        m_err << QStringLiteral("warning: no %1 translation is installed; the report is written in English").arg(m_request.language)
              << Qt::endl;
    }
    auto journal = Journal::open(m_request.journalPath.isEmpty() ? Journal::defaultPath() : m_request.journalPath);
    if (!journal.ok()) {
        m_err << QStringLiteral("error: ") << journal.error() << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    m_journal = std::move(journal.value());
    startRun();
}

QString ScenarioRunCommand::runFolder(int index) const
{
    return m_request.repeat == 1 ? m_request.outputDirectory
                                 : QDir(m_request.outputDirectory).filePath(QStringLiteral("run-%1").arg(index + 1));
}

void ScenarioRunCommand::startRun()
{
    const int index = m_results.size();
    if (m_request.repeat > 1) {
        m_out << QStringLiteral("=== run %1 of %2 ===").arg(index + 1).arg(m_request.repeat) << Qt::endl;
    }
    ScenarioRunOptions options;
    options.clusterName = m_request.lab.project;
    options.conninfo = m_request.lab.libpqConninfo(m_request.lab.primaryPort());
    options.language = m_request.language;
    options.graceSeconds = m_request.graceSeconds;
    options.settings = QJsonObject{{QStringLiteral("project"), m_request.lab.project},
                                   {QStringLiteral("port_base"), m_request.lab.portBase},
                                   {QStringLiteral("repeat"), QStringLiteral("%1/%2").arg(index + 1).arg(m_request.repeat)}};
    delete m_runner;
    m_runner = new ScenarioRunner(m_journal.get(), m_scenario, options, this);
    connect(m_runner, &ScenarioRunner::logLine, this, [this](const QString& line) {
        m_out << QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz")) << u' ' << line << Qt::endl;
    });
    connect(m_runner, &ScenarioRunner::finished, this, &ScenarioRunCommand::onRunFinished);
    m_runner->start();
}

void ScenarioRunCommand::onRunFinished(const ScenarioRunResult& result)
{
    m_results.append(result);
    const QString folder = runFolder(m_results.size() - 1);
    m_folders << QDir(m_request.outputDirectory).relativeFilePath(folder);
    std::optional<StudiedRun> studied;
    if (result.runId > 0) {
        auto loaded = StudiedRun::load(*m_journal, result.runId);
        if (loaded.ok()) {
            studied = std::move(loaded.value());
        } else {
            m_err << QStringLiteral("error: the run cannot be read back from the journal: ") << loaded.error() << Qt::endl;
        }
    }
    const auto written = ScenarioReport::writeBundle(folder, result, studied ? &*studied : nullptr);
    if (!written.ok()) {
        m_err << QStringLiteral("error: ") << written.error() << Qt::endl;
        m_writeFailed = true;
    }
    if (studied && qobject_cast<QApplication*>(QCoreApplication::instance())) {
        TimelineView view;
        view.resize(1600, 900);
        view.setTitle(QStringLiteral("%1 — %2").arg(result.scenario.title.text(result.language),
                                                   studied->run.info.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        view.showRun(studied->run, studied->analysis);
        const QString png = QDir(folder).filePath(ScenarioReport::timelineFile());
        const auto drawn = view.exportTo(png, TimelineView::ExportOptions{});
        if (!drawn.ok()) {
            m_err << QStringLiteral("error: ") << drawn.error() << Qt::endl;
            m_writeFailed = true;
        }
    }
    m_out << Qt::endl << ScenarioReport::tr("Expected and measured") << u':' << Qt::endl;
    for (const ExpectationCheck& check : result.checks) {
        m_out << QStringLiteral("  %1 %2: expected %3, measured %4%5")
                     .arg(check.ok ? QStringLiteral("ok  ") : QStringLiteral("DIFF"), check.key, check.expected, check.measured,
                          check.ok ? QString() : QStringLiteral(" — %1").arg(check.explanation))
              << Qt::endl;
    }
    if (!result.failure.isEmpty()) {
        m_out << QStringLiteral("Not completed: %1").arg(result.failure) << Qt::endl;
    }
    m_out << QStringLiteral("Verdict: %1 (%2)").arg(ScenarioJudge::verdictName(result.verdict), ScenarioJudge::verdictText(result.verdict))
          << Qt::endl;
    m_out << QStringLiteral("Report: %1").arg(QDir(folder).filePath(QStringLiteral("report.md"))) << Qt::endl;
    if (m_results.size() < m_request.repeat && !m_interrupted && result.healed) {
        startRun();
        return;
    }
    finishAll();
}

void ScenarioRunCommand::finishAll()
{
    if (m_request.repeat > 1) {
        const auto written = ScenarioReport::writeRepeatBundle(m_request.outputDirectory, m_results, m_folders);
        if (!written.ok()) {
            m_err << QStringLiteral("error: ") << written.error() << Qt::endl;
            m_writeFailed = true;
        } else {
            m_out << QStringLiteral("Summary of %1 runs: %2").arg(m_results.size()).arg(written.value().constLast()) << Qt::endl;
        }
    }
    int exitCode = LabController::Success;
    for (const ScenarioRunResult& result : std::as_const(m_results)) {
        if (result.verdict == ScenarioJudge::Verdict::Incomplete || !result.healed) {
            exitCode = LabController::Failed;
        } else if (result.verdict == ScenarioJudge::Verdict::Differs && exitCode == LabController::Success) {
            exitCode = LabController::ScenarioDiffers;
        }
    }
    if (m_writeFailed || m_results.size() < m_request.repeat) {
        exitCode = LabController::Failed;
    }
    emit finished(exitCode);
}

void ScenarioRunCommand::interrupt()
{
    m_interrupted = true;
    if (m_runner) {
        m_out << QStringLiteral("Interrupted: aborting the scenario and healing the cluster (Ctrl+C again does not stop the heal)")
              << Qt::endl;
        m_runner->abort();
    }
}
