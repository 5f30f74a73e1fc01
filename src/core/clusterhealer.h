// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "dockerruntime.h"

#include <QObject>

// "Heal all": looks at every container of the cluster afresh and undoes what the experiments did — unpauses the
// paused, starts the stopped and killed, and reconnects the cut-off ones to the cluster's network with their DNS
// names — one docker command at a time, each reported like any other node action.
class ClusterHealer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterHealer)
public:
    // cluster: as discovered while healthy, so the shared network is known even if every node is cut off now.
    ClusterHealer(const DiscoveredCluster& cluster, const DockerCli& docker, QObject* parent = nullptr);

    void start();
    // The actions that heal `current` (a fresh look at the containers), in the order they must run.
    static QList<NodeActionRequest> plan(const DiscoveredCluster& current, const QString& network);

signals:
    void actionFinished(const NodeActionRequest& request, const ProcessResult& result);
    // ok: every action succeeded (or none was needed); summary says what was done or what failed.
    void finished(bool ok, const QString& summary);

private:
    void runNext();

    DiscoveredCluster m_cluster;
    QString m_network;
    DockerCli m_docker;
    DockerRuntime* m_runtime;
    QList<NodeActionRequest> m_plan;
    QStringList m_done;
    QStringList m_failed;
};
