// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "dockerruntime.h"
#include "faults/nodefaults.h"

#include <QObject>

// "Heal all": looks at every container of the cluster afresh — from docker and from inside (a helper container
// surveys each running one: netem, partition, frozen or orphaned PostgreSQL) — and undoes what the experiments did,
// also those injected by another process or before a restart: thaws PostgreSQL, removes partitions and netem,
// lifts CPU and memory limits, restarts a node whose Patroni died while PostgreSQL lives, unpauses the
// paused, starts the stopped and killed, reconnects the cut-off ones to the cluster's network with their DNS
// names and fixed address, moves a node reconnected by hand without its fixed address back to it, and restarts an
// HAProxy that checks one node's server at another node's address — one docker command at a time, each reported
// like any other node action.
class ClusterHealer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterHealer)
public:
    // cluster: as discovered while healthy, so the shared network is known even if every node is cut off now.
    ClusterHealer(const DiscoveredCluster& cluster, const DockerCli& docker, QObject* parent = nullptr);

    void start();
    // What HAProxy's stats said last (the observer's), to find an HAProxy that mixes up its servers; optional.
    void setHaproxyServers(const QList<HaproxyBackendState>& servers) { m_haproxyServers = servers; }
    // The actions that heal `current` (a fresh look at the containers), in the order they must run.
    static QList<NodeActionRequest> plan(const DiscoveredCluster& current, const QString& network,
                                         const QList<HaproxyBackendState>& haproxyServers = {},
                                         const QHash<QString, FaultSurvey>& surveys = {}, const HostResources& host = {});

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
    QList<HaproxyBackendState> m_haproxyServers;
    QStringList m_done;
    QStringList m_failed;
    QStringList m_notes;
};
