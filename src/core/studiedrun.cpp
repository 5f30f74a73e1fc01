// SPDX-License-Identifier: GPL-3.0-or-later
#include "studiedrun.h"

#include "trafficrun.h"

#include <algorithm>

Result<StudiedRun> StudiedRun::load(const Journal& journal, qint64 runId)
{
    auto stored = journal.loadRun(runId);
    if (!stored.ok()) {
        return Result<StudiedRun>::failure(stored.error());
    }
    return Result<StudiedRun>::success(fromStored(std::move(stored.value())));
}

StudiedRun StudiedRun::fromStored(StoredRun run)
{
    StudiedRun studied;
    // An interrupted run has no end time: its last record's end is the best estimate.
    qint64 endNs = run.info.endNs;
    if (endNs <= run.info.startNs) {
        endNs = run.info.startNs;
        for (const OperationRecord& operation : run.operations) {
            endNs = std::max(endNs, operation.endNs);
        }
    }
    studied.endNs = endNs;
    studied.analysis = RunAnalyzer::analyze(run.operations, run.faults, run.events, run.info.startNs, endNs);
    QList<QJsonObject> snapshots;
    QJsonObject clusterInfo;
    for (const StateSnapshot& snapshot : run.snapshots) {
        snapshots.append(snapshot.state);
        if (snapshot.state.contains(QStringLiteral("cluster_info"))) {
            clusterInfo = snapshot.state.value(QStringLiteral("cluster_info")).toObject();
        }
    }
    if (const auto audit = TrafficRun::storedAudit(snapshots)) {
        studied.analysis.summary.audit = *audit;
    }
    studied.context = QJsonObject{{QStringLiteral("run"), run.info.id},
                                  {QStringLiteral("name"), run.info.name},
                                  {QStringLiteral("status"), RunInfo::statusName(run.info.status)},
                                  {QStringLiteral("started_at"), run.info.startedAt.toString(Qt::ISODateWithMs)},
                                  {QStringLiteral("settings"), run.info.settings},
                                  {QStringLiteral("versions"), clusterInfo.value(QStringLiteral("versions"))},
                                  {QStringLiteral("patroni_config"), clusterInfo.value(QStringLiteral("patroni_config"))}};
    studied.run = std::move(run);
    return studied;
}
