// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clientpaths.h"

#include "endpointclient.h"
#include "labdefinition.h"
#include "result.h"

#include <QStringList>

#include <chrono>
#include <optional>

// What the user asked patroni-lab-cli to do, parsed and validated before anything runs.
struct CliRequest
{
    QStringList command; // e.g. {"lab", "up"}
    LabDefinition lab;
    // --project was given. Without it, `node ACTION NAME` finds the cluster of a full container name itself.
    bool projectGiven = false;
    std::chrono::seconds timeout{240}; // lab up, heal: how long to wait for a healthy cluster
    bool json = false;
    std::chrono::milliseconds period{500};         // status, watch: observer period
    std::optional<std::chrono::seconds> duration;  // watch: stop after this long
    QString transport = QStringLiteral("auto");    // auto, http, exec
    bool relay = true;                             // false: --no-relay (docker exec for unpublished ports)
    int graceSeconds = 10;                         // node stop/restart
    QString signal = QStringLiteral("KILL");       // node kill
    QString nodeAction;                            // node ACTION CONTAINER [PARAMETERS...]
    QString container;
    QStringList nodeParameters;                    // impair: netem words; limit-cpu/-memory: the value
    QStringList partitionPeers;                    // partition: --from PEER[,PEER...]
    // traffic
    double rate = 1.0;
    int connections = 1;
    double probeRate = 100.0;
    int deadlineMs = 2000;
    int readEvery = 2;       // a read check after every Nth insert; 0: none
    int backoffMs = 250;     // workload reconnect pause
    QString target = QStringLiteral("primary");    // primary, replicas or a libpq connection string
    QList<ClientPath> paths;                       // --paths: client paths side by side (empty: the target only)
    bool quiet = false;
    QString journalPath;                           // empty: Journal::defaultPath()
    // report RUN --out DIR
    qint64 runId = 0;
    QString outputDirectory;
    QStringList compareInputs; // compare: bundle folders, repeat folders or journal run numbers
    QString language = QStringLiteral("en"); // scenarios, run: en or ru
    // run SCENARIO --out DIR [--repeat N]
    QString scenario; // a built-in id or a file path
    int repeat = 1;
    // settings set KEY=VALUE...
    QStringList settingsAssignments;
    BasicCredentials restCredentials { QStringLiteral("admin"), QStringLiteral("admin") };

    static QString usage();
    // arguments include the program name, as QCoreApplication::arguments() gives them.
    static Result<CliRequest> parse(const QStringList& arguments);
};
