// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A run recorded on a real lab and trimmed by tests/fixtures/partition-runs/trim-journal.py (format
// patroni-lab-test-run/1: times in nanoseconds since the run start, operations as rows), loaded back as the journal
// would give it, with the run starting at runStartNs on the LabClock.
#include "journal.h"
#include "runanalysis.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

struct RecordedRun
{
    StoredRun run;
    QList<UnavailabilityWindow> recordedWindows; // what the analyser found in the whole recording
    QJsonObject firstState;

    qint64 startNs = 0;

    double seconds(qint64 ns) const { return double(ns - startNs) / 1e9; }
};

namespace RecordedRuns {

inline RecordedRun load(const QString& path, qint64 runStartNs)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the fixture %s", qPrintable(file.fileName()));
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    RecordedRun recorded;
    recorded.startNs = runStartNs;
    StoredRun& run = recorded.run;
    run.info.startNs = runStartNs;
    run.info.endNs
        = runStartNs + json.value(QLatin1StringView("run")).toObject().value(QLatin1StringView("end_ns")).toInteger();
    run.info.name = QFileInfo(path).completeBaseName();
    const auto ns = [runStartNs](const QJsonValue& value) { return runStartNs + value.toInteger(); };
    for (const QJsonValue& value : json.value(QLatin1StringView("faults")).toArray()) {
        const QJsonObject fault = value.toObject();
        FaultAction action;
        action.startNs = ns(fault.value(QLatin1StringView("start_ns")));
        action.endNs = ns(fault.value(QLatin1StringView("end_ns")));
        action.commandLine = fault.value(QLatin1StringView("command")).toString();
        action.exitCode = fault.value(QLatin1StringView("exit_code")).toInt();
        run.faults << action;
    }
    QHash<QString, ClusterEvent::Kind> kinds;
    for (int kind = 0; kind <= int(ClusterEvent::Kind::ContainerStateChanged); ++kind) {
        kinds.insert(ClusterEvent::kindName(ClusterEvent::Kind(kind)), ClusterEvent::Kind(kind));
    }
    for (const QJsonValue& value : json.value(QLatin1StringView("events")).toArray()) {
        const QJsonObject object = value.toObject();
        ClusterEvent e;
        e.timeNs = ns(object.value(QLatin1StringView("time_ns")));
        e.kind = kinds.value(object.value(QLatin1StringView("kind")).toString());
        e.subject = object.value(QLatin1StringView("subject")).toString();
        e.from = object.value(QLatin1StringView("from")).toString();
        e.to = object.value(QLatin1StringView("to")).toString();
        run.events << e;
    }
    for (const QJsonValue& value : json.value(QLatin1StringView("snapshots")).toArray()) {
        const QJsonObject object = value.toObject();
        const QJsonObject state = object.value(QLatin1StringView("state")).toObject();
        run.snapshots << StateSnapshot { ns(object.value(QLatin1StringView("time_ns"))), state };
        if (recorded.firstState.isEmpty() && state.contains(QLatin1StringView("members"))) {
            recorded.firstState = state;
        }
    }
    // start_us, latency_us, kind, outcome, error_class, stream, connection
    for (const QJsonValue& value : json.value(QLatin1StringView("operations")).toArray()) {
        const QJsonArray row = value.toArray();
        OperationRecord r;
        r.startNs = runStartNs + row.at(0).toInteger() * 1000;
        r.endNs = r.startNs + row.at(1).toInteger() * 1000;
        r.kind = OperationRecord::Kind(row.at(2).toInt());
        r.outcome = OperationRecord::Outcome(row.at(3).toInt());
        r.errorClass = OperationRecord::ErrorClass(row.at(4).toInt());
        r.stream = OperationRecord::Stream(row.at(5).toInt());
        r.connection = quint16(row.at(6).toInt());
        run.operations.push_back(r);
    }
    for (const QJsonValue& value : json.value(QLatin1StringView("recorded_windows")).toArray()) {
        const QJsonObject object = value.toObject();
        UnavailabilityWindow window;
        window.kind = object.value(QLatin1StringView("kind")).toString() == QLatin1StringView("read") ? OperationRecord::Kind::Read
                                                                                                      : OperationRecord::Kind::Insert;
        window.startNs = ns(object.value(QLatin1StringView("start_ns")));
        window.endNs = ns(object.value(QLatin1StringView("end_ns")));
        recorded.recordedWindows << window;
    }
    return recorded;
}

} // namespace RecordedRuns
