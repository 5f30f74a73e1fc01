// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "scenariooutcome.h"
#include "studiedrun.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The report bundle of a scenario run, in the language of the translator installed when it is written:
//  report.md     what should have happened, expected vs measured with the verdict, the steps, the outages
//  summary.json  RunExport's summary plus the scenario, settings, versions, expectations, checks and verdict
//  operations.csv, events.csv, faults.csv, windows.csv  as RunExport writes them
// timeline.png is drawn by the caller (it needs the widgets library); report.md links it.
// With --repeat, each run gets its own folder run-1 … run-N and the top folder a report.md and summary.json with
// the minimum, median and maximum of each measured figure.
class ScenarioReport
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioReport)

public:
    static QString timelineFile() { return QStringLiteral("timeline.png"); }

    static QString markdown(const ScenarioRunResult& result, const StudiedRun* run);
    // Writes everything but timeline.png into folder; returns the paths written.
    static Result<QStringList> writeBundle(const QString& folder, const ScenarioRunResult& result, const StudiedRun* run);

    // A measured figure of one run, by a stable key ("first_write_outage_s") and a label in the current language.
    struct Figure
    {
        QString key;
        QString label;
        std::optional<double> value;
    };
    static QList<Figure> figures(const ScenarioRunResult& result);

    // The statistics of repeated runs of one scenario.
    struct Spread
    {
        QString key;
        QString label;
        int runs = 0; // of which had the figure
        double minimum = 0;
        double median = 0;
        double maximum = 0;
    };
    static QList<Spread> spreads(const QList<ScenarioRunResult>& results);
    static QString repeatMarkdown(const QList<ScenarioRunResult>& results, const QStringList& runFolders);
    static QJsonObject repeatJson(const QList<ScenarioRunResult>& results, const QStringList& runFolders);
    static Result<QStringList> writeRepeatBundle(const QString& folder, const QList<ScenarioRunResult>& results,
                                                 const QStringList& runFolders);
};
