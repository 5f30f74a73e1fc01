// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal.h"
#include "result.h"
#include "runanalysis.h"

#include <QJsonObject>

// A run from the journal, ready to study: its records, its analysis (with the write audit stored at the end of the
// run) and the context a report prints (settings, versions, Patroni's configuration). The CLI's `report` and the
// window's "Open run" both read runs through this, so they show the same figures.
struct StudiedRun
{
    StoredRun run;
    RunAnalysis analysis;
    QJsonObject context;
    // The run's end: when it was stopped, or for an interrupted run the end of its last record.
    qint64 endNs = 0;

    // Reads and analyses the run on the calling thread (a worker thread in the window: a long run takes seconds).
    static Result<StudiedRun> load(const Journal& journal, qint64 runId);
    // The same from records already in memory (a run that just finished in this process).
    static StudiedRun fromStored(StoredRun run);
};
