// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparecommand.h"

#include "comparefigure.h"
#include "journal.h"
#include "labcontroller.h"
#include "runcomparison.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <memory>

int CompareCommand::run(const CliRequest& request, QTextStream& out, QTextStream& err)
{
    RunComparison comparison;
    std::unique_ptr<Journal> journal;
    for (const QString& input : request.compareInputs) {
        bool isNumber = false;
        const qint64 runId = input.toLongLong(&isNumber);
        Result<ComparedGroup> group = Result<ComparedGroup>::failure({});
        if (isNumber && !QFileInfo::exists(input)) {
            if (!journal) {
                auto opened = Journal::open(request.journalPath.isEmpty() ? Journal::defaultPath() : request.journalPath);
                if (!opened.ok()) {
                    err << "error: " << opened.error() << Qt::endl;
                    return LabController::Failed;
                }
                journal = std::move(opened.value());
            }
            group = RunComparison::loadJournalRun(*journal, runId);
        } else {
            group = RunComparison::loadFolder(input);
        }
        if (!group.ok()) {
            err << "error: " << group.error() << Qt::endl;
            return LabController::InvalidInput;
        }
        comparison.groups << group.value();
    }
    const QDir folder(request.outputDirectory);
    const auto written = CompareFigure::writeBundle(comparison, folder.path());
    if (!written.ok()) {
        err << "error: " << written.error() << Qt::endl;
        return LabController::Failed;
    }
    out << QStringLiteral("Compared %1 run(s) in %2 group(s); settings that differ: %3.\n")
               .arg(comparison.runCount())
               .arg(comparison.groups.size())
               .arg(comparison.differingSettings().isEmpty() ? QStringLiteral("none") : comparison.differingSettings().join(QStringLiteral(", ")));
    for (const ComparedGroup& group : std::as_const(comparison.groups)) {
        out << QStringLiteral("  %1: %2 run(s), longest write outage median %3 s (%4 … %5 s)\n")
                   .arg(group.label)
                   .arg(group.runs.size())
                   .arg(group.medianLongestOutageS(), 0, 'f', 1)
                   .arg(group.minimumLongestOutageS(), 0, 'f', 1)
                   .arg(group.maximumLongestOutageS(), 0, 'f', 1);
    }
    out << QStringLiteral("Wrote %1 (compare.md, compare.json, compare.png, compare.svg, compare.pdf)\n").arg(folder.path());
    return LabController::Success;
}
