// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"
#include "clusterdiscovery.h"
#include "clusterstate.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class ClusterObserver;
class QTextStream;

// patroni-lab-cli status | watch | node ACTION CONTAINER | heal | settings, for our lab or any Patroni cluster in Docker.
class ClusterCommands final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterCommands)
public:
    ClusterCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);

    void start();
    // Asks a running watch to stop (Ctrl+C).
    void interrupt();

    static QString renderStatus(const ClusterState& state);
    static QString formatEventLine(const ClusterEvent& event, qint64 startNs);
    // settings show: the HA settings with their meaning, then every other key, then broken rules as warnings.
    static QString renderSettings(const QJsonObject& config, int patroniMajorMinor);

signals:
    void finished(int exitCode);

private:
    void discover(const QString& clusterName);
    // Finds the cluster's containers and endpoints, then calls next; on failure prints the error and finishes.
    void discoverThen(const QString& clusterName, std::function<void(const DiscoveredCluster&)> next);
    // node without --project: which cluster the container argument belongs to (docker ps -a), then discover it.
    void resolveNodeCluster();
    void onDiscovered(const DiscoveredCluster& cluster);
    void runStatus(const DiscoveredCluster& cluster);
    void runWatch(const DiscoveredCluster& cluster);
    void runNode(const DiscoveredCluster& cluster);
    // Heal all (after one look at the cluster, for HAProxy's servers), then observe until
    // ScenarioRunner::healthProblems is empty or --timeout passes.
    void runHeal(const DiscoveredCluster& cluster);
    // settings show | set KEY=VALUE... (PatroniSettingsChange).
    void runSettings(const DiscoveredCluster& cluster);
    void startHealer(const DiscoveredCluster& cluster, const QList<HaproxyBackendState>& haproxyServers);
    void waitUntilHealthy(const QString& healSummary);
    ClusterObserver* makeObserver(const DiscoveredCluster& cluster);
    // The transport, and the relay container when there is one.
    static QString transportText(const ClusterObserver& observer);

    CliRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
    DockerCli m_docker;
    ClusterObserver* m_observer = nullptr;
    QString m_healedCluster;
    qint64 m_startNs = 0;
};
