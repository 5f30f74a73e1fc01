// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clirequest.h"
#include "clusterdiscovery.h"
#include "clustersettingschange.h"
#include "clusterstate.h"
#include "trafficgenerator.h"

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
    // The check timing of HAProxy's listeners and the traffic generator's client settings, as tables.
    static QString renderHaproxyAndClient(const HaproxyCheckSettings& haproxy, const TrafficConfig& client);

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
    // settings profiles, and the target of set/apply/reset checked before any cluster is looked at (settingscommand.cpp):
    // false when the command is answered already (finished() is emitted).
    bool prepareSettings();
    // settings show | set KEY=VALUE... | apply PROFILE | reset (ClusterSettingsChange).
    void runSettings(const DiscoveredCluster& cluster);
    void showSettings(ClusterObserver* observer, const QJsonObject& patroniConfig, int patroniMajorMinor,
                      const QString& haproxyContainer);
    void printChange(const ClusterObserver& observer, const ClusterSettingsChange::Outcome& outcome);
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
    ClusterSettingsTarget m_settingsTarget; // settings set/apply/reset
    QString m_settingsProfile;              // apply/reset: the profile's name
};
