// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"

class QTextStream;

// patroni-lab-cli scenarios [--json] [--language en|ru]: the built-in catalogue. Needs neither Docker nor an
// event loop, so it is a plain function that returns the exit code.
namespace ScenarioCommands {

int list(const CliRequest& request, QTextStream& out, QTextStream& err);

} // namespace ScenarioCommands

#include "journal.h"
#include "scenario.h"
#include "scenariooutcome.h"

#include <QObject>

#include <memory>

class ScenarioRunner;

// patroni-lab-cli run SCENARIO --out DIR [--repeat N]: runs a scenario against the lab with ScenarioRunner and
// writes the report bundle. Ctrl+C aborts: the runner heals the cluster before the command ends.
class ScenarioRunCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioRunCommand)

public:
    ScenarioRunCommand(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);
    ~ScenarioRunCommand() override;
    void start();
    void interrupt();

signals:
    void finished(int exitCode);

private:
    void startRun();
    void onRunFinished(const ScenarioRunResult& result);
    void finishAll();
    QString runFolder(int index) const;

    CliRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
    std::unique_ptr<Journal> m_journal;
    Scenario m_scenario;
    ScenarioRunner* m_runner = nullptr;
    QList<ScenarioRunResult> m_results;
    QStringList m_folders;
    bool m_interrupted = false;
    bool m_writeFailed = false;
};
