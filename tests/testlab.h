// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"

namespace TestSupport {

// A cluster a test fixture started, named by environment variables that tests/CMakeLists.txt sets (the defaults
// serve a test run by hand).
inline LabDefinition labFromEnvironment(const char* projectVariable, const QString& defaultProject,
                                        const char* portBaseVariable, int defaultPortBase)
{
    LabDefinition lab;
    lab.project = qEnvironmentVariable(projectVariable, defaultProject);
    lab.portBase = qEnvironmentVariableIntValue(portBaseVariable);
    if (lab.portBase == 0) {
        lab.portBase = defaultPortBase;
    }
    return lab;
}

// The lab that the lab_up fixture started.
inline LabDefinition testLab()
{
    return labFromEnvironment("PATRONI_LAB_TEST_PROJECT", QStringLiteral("plabtest"), "PATRONI_LAB_TEST_PORT_BASE", 25500);
}

} // namespace TestSupport
