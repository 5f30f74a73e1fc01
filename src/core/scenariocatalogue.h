// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "scenario.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// The scenarios that ship with the program (resources/scenarios, compiled in under :/scenarios) and the lookup
// of a name given on the command line: a built-in id or the path of a scenario file.
class ScenarioCatalogue
{
public:
    // Every built-in scenario, sorted by id. Fails (naming the file and line) if one does not parse or two share
    // an id: that is a bug in the program, and the tests catch it.
    static Result<QList<Scenario>> builtIns();
    static QStringList builtInIds();
    // A built-in id, else a file path. An unknown name that is not a file lists the built-in ids.
    static Result<Scenario> resolve(const QString& nameOrPath);

    // The documents (source name, JSON) as one catalogue: every document must parse and ids must be unique.
    static Result<QList<Scenario>> fromDocuments(const QList<QPair<QString, QByteArray>>& documents);
};
