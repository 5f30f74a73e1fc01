// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"

class QTextStream;

// patroni-lab-cli compare RUN|DIR... --out DIR: runs side by side (RunComparison) into compare.md, compare.json and
// compare.png. Each argument is one group: a bundle folder of `run` or `report` (one run), a `run --repeat` folder
// (its run-1 … run-N), or a run number of the journal. Reads files only, so it runs synchronously.
namespace CompareCommand {
int run(const CliRequest& request, QTextStream& out, QTextStream& err);
}
