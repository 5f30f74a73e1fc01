// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"
#include "result.h"

#include <QStringList>

#include <chrono>

// What the user asked patroni-lab-cli to do, parsed and validated before anything runs.
struct CliRequest
{
    QStringList command; // e.g. {"lab", "up"}
    LabDefinition lab;
    std::chrono::seconds timeout{240};
    bool json = false;

    static QString usage();
    // arguments include the program name, as QCoreApplication::arguments() gives them.
    static Result<CliRequest> parse(const QStringList& arguments);
};
