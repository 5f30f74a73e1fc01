// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariocommands.h"

#include "labcontroller.h"
#include "scenariocatalogue.h"

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
