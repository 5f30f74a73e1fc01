// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariocatalogue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace {

const QString resourceFolder = QStringLiteral(":/scenarios");

} // namespace

Result<QList<Scenario>> ScenarioCatalogue::fromDocuments(const QList<QPair<QString, QByteArray>>& documents)
{
    QList<Scenario> scenarios;
    QStringList errors;
    for (const auto& [sourceName, json] : documents) {
        auto scenario = Scenario::parse(json, sourceName);
        if (!scenario.ok()) {
            errors << scenario.error();
            continue;
        }
        const auto duplicate = std::find_if(scenarios.cbegin(), scenarios.cend(),
            [&](const Scenario& known) { return known.id == scenario.value().id; });
        if (duplicate != scenarios.cend()) {
            errors << QStringLiteral("%1:%2: id: duplicate id \"%3\" (already used by %4:%5)")
                          .arg(sourceName)
                          .arg(scenario.value().idLine)
                          .arg(scenario.value().id, duplicate->sourceName)
                          .arg(duplicate->idLine);
            continue;
        }
        scenarios << scenario.value();
    }
    if (!errors.isEmpty()) {
        return Result<QList<Scenario>>::failure(errors.join(u'\n'));
    }
    std::sort(scenarios.begin(), scenarios.end(), [](const Scenario& a, const Scenario& b) { return a.id < b.id; });
    return Result<QList<Scenario>>::success(scenarios);
}

Result<QList<Scenario>> ScenarioCatalogue::builtIns()
{
    QList<QPair<QString, QByteArray>> documents;
    const QStringList files = QDir(resourceFolder).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile file(resourceFolder + u'/' + name);
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<QList<Scenario>>::failure(QStringLiteral("cannot read the built-in scenario %1").arg(name));
        }
        documents.append({ name, file.readAll() });
    }
    if (documents.isEmpty()) {
        return Result<QList<Scenario>>::failure(
            QStringLiteral("no built-in scenarios are compiled into the program (resources/scenarios)"));
    }
    auto scenarios = fromDocuments(documents);
    if (!scenarios.ok()) {
        return scenarios;
    }
    // The file name is how people find a scenario in the source tree; it must say what the id says.
    for (const Scenario& scenario : scenarios.value()) {
        if (scenario.sourceName != scenario.id + QStringLiteral(".json")) {
            return Result<QList<Scenario>>::failure(QStringLiteral("%1:%2: id: the id \"%3\" must match the file name")
                                                        .arg(scenario.sourceName)
                                                        .arg(scenario.idLine)
                                                        .arg(scenario.id));
        }
    }
    return scenarios;
}

QStringList ScenarioCatalogue::builtInIds()
{
    QStringList ids;
    const auto scenarios = builtIns();
    if (scenarios.ok()) {
        for (const Scenario& scenario : scenarios.value()) {
            ids << scenario.id;
        }
    }
    return ids;
}

Result<Scenario> ScenarioCatalogue::resolve(const QString& nameOrPath)
{
    const auto scenarios = builtIns();
    if (!scenarios.ok()) {
        return Result<Scenario>::failure(scenarios.error());
    }
    for (const Scenario& scenario : scenarios.value()) {
        if (scenario.id == nameOrPath) {
            return Result<Scenario>::success(scenario);
        }
    }
    if (QFileInfo(nameOrPath).isFile()) {
        return Scenario::load(nameOrPath);
    }
    QStringList ids;
    for (const Scenario& scenario : scenarios.value()) {
        ids << scenario.id;
    }
    return Result<Scenario>::failure(QStringLiteral("no built-in scenario is called \"%1\" and there is no such file "
                                                    "(built-in scenarios: %2)")
                                         .arg(nameOrPath, ids.join(QStringLiteral(", "))));
}
