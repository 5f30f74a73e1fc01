// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"

namespace TestSupport {

// The lab that the lab_up fixture started (tests/CMakeLists.txt sets the variables).
inline LabDefinition testLab()
{
    LabDefinition lab;
    lab.project = qEnvironmentVariable("PATRONI_LAB_TEST_PROJECT", QStringLiteral("plabtest"));
    lab.portBase = qEnvironmentVariableIntValue("PATRONI_LAB_TEST_PORT_BASE");
    if (lab.portBase == 0) {
        lab.portBase = 25500;
    }
    return lab;
}

} // namespace TestSupport
