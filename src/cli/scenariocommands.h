// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"

class QTextStream;

// patroni-lab-cli scenarios [--json] [--language en|ru]: the built-in catalogue. Needs neither Docker nor an
// event loop, so it is a plain function that returns the exit code.
namespace ScenarioCommands {

int list(const CliRequest& request, QTextStream& out, QTextStream& err);

} // namespace ScenarioCommands
