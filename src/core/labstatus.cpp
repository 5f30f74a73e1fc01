// SPDX-License-Identifier: GPL-3.0-or-later
#include "labstatus.h"

#include "clusterdiscovery.h"
#include "clusterobserver.h"

#include <QCoreApplication>
#include <QJsonArray>

const ContainerInfo* LabStatus::container(const QString& service) const
{
    if (!state.containers) {
        return nullptr;
    }
    for (const ContainerInfo& info : *state.containers) {
        if (info.name == lab.containerName(service)) {
            return &info;
        }
    }
    return nullptr;
}

QList<LabProblem> LabStatus::problems() const
{
    if (!dockerError.isEmpty()) {
        return {{QString(), dockerError}};
    }
    if (!discoveryError.isEmpty()) {
        return {{QString(), discoveryError}};
    }
    QList<LabProblem> problems;
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = container(service);
        if (!info) {
            problems.append({service, QCoreApplication::translate("LabStatus", "container %1 does not exist").arg(lab.containerName(service))});
        } else if (info->state != ContainerInfo::State::Running) {
            problems.append({service, QCoreApplication::translate("LabStatus", "container %1 is %2 (%3)")
                                          .arg(info->name, ContainerInfo::stateName(info->state), info->statusText)});
        }
    }
    const MemberState* leader = state.leader();
    if (!state.members) {
        problems.append({LabDefinition::patroniServices().first(), QCoreApplication::translate("LabStatus", "no Patroni REST API answers yet")});
    } else {
        const auto leaders = std::count_if(state.members->cbegin(), state.members->cend(), [](const auto& m) { return m.isLeader(); });
        if (leaders != 1) {
            problems.append({QString(), QCoreApplication::translate("LabStatus", "Patroni reports %1 leaders, expected 1").arg(leaders)});
        }
        for (const QString& service : LabDefinition::patroniServices()) {
            const MemberState* member = state.member(service);
            if (!member) {
                problems.append({service, QCoreApplication::translate("LabStatus", "%1 is not registered in Patroni's cluster").arg(service)});
            } else if (!member->isLeader() && !member->streaming) {
                problems.append({service, QCoreApplication::translate("LabStatus", "%1 is a %2 in state '%3', not streaming")
                                              .arg(service, member->displayRole().toLower(), member->state)});
            }
        }
    }
    for (const EtcdMemberState& member : state.etcd.value_or(QList<EtcdMemberState>{})) {
        if (!member.healthy) {
            problems.append({member.name, QCoreApplication::translate("LabStatus", "etcd member %1 is unhealthy: %2").arg(member.name, member.error)});
        }
    }
    for (const ClusterState::MisaddressedServer& server : state.misaddressedHaproxyServers()) {
        problems.append({LabDefinition::haproxyService(),
                         QCoreApplication::translate("LabStatus", "HAProxy's %1 points to %2, not to its node's address %3%4 "
                                                                  "(Heal all restores it)")
                             .arg(server.server, server.address, server.expected,
                                  server.owner.isEmpty() ? QString()
                                                         : QCoreApplication::translate("LabStatus", ": %1 is there").arg(server.owner))});
    }
    if (!state.haproxy) {
        problems.append({LabDefinition::haproxyService(), QCoreApplication::translate("LabStatus", "HAProxy stats do not answer")});
    } else if (leader) {
        const QStringList writes = state.routedServers(QStringLiteral("primary"));
        if (writes != QStringList{leader->name}) {
            problems.append({LabDefinition::haproxyService(),
                             QCoreApplication::translate("LabStatus", "HAProxy routes writes to [%1] but the Patroni leader is %2")
                                 .arg(writes.join(QStringLiteral(", ")), leader->name)});
        }
        const QStringList replicas = state.streamingReplicas();
        QStringList reads = state.routedServers(QStringLiteral("replicas"));
        reads.sort();
        if (reads != replicas) {
            problems.append({LabDefinition::haproxyService(),
                             QCoreApplication::translate("LabStatus", "HAProxy balances reads (port %1) over [%2] but the streaming replicas are [%3]")
                                 .arg(lab.replicasPort())
                                 .arg(reads.join(QStringLiteral(", ")), replicas.join(QStringLiteral(", ")))});
        }
    }
    return problems;
}

QJsonObject LabStatus::toJson() const
{
    QJsonObject object = state.toJson();
    QJsonArray problemArray;
    for (const LabProblem& problem : problems()) {
        problemArray.append(problem.text);
    }
    object.insert(QStringLiteral("project"), lab.project);
    object.insert(QStringLiteral("port_base"), lab.portBase);
    object.insert(QStringLiteral("healthy"), problemArray.isEmpty());
    object.insert(QStringLiteral("problems"), problemArray);
    return object;
}

LabProbe::LabProbe(const LabDefinition& lab, QObject* parent)
    : QObject(parent)
{
    m_status.lab = lab;
}

void LabProbe::start()
{
    const DockerCli docker;
    auto* discovery = new ClusterDiscovery(m_status.lab.project, docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery, docker](const Result<DiscoveredCluster>& found) {
        discovery->deleteLater();
        if (!found.ok()) {
            (discovery->dockerUnavailable() ? m_status.dockerError : m_status.discoveryError) = found.error();
            emit finished(m_status);
            return;
        }
        // One observation, repeated while a lab comes up: a relay container per probe would cost more than it saves.
        ClusterObserver::Options options;
        options.relay = false;
        auto* observer = new ClusterObserver(found.value(), docker, options, this);
        connect(observer, &ClusterObserver::firstRoundCompleted, this, [this, observer](const ClusterState& state) {
            observer->stop();
            observer->deleteLater();
            m_status.state = state;
            emit finished(m_status);
        });
        observer->start();
    });
    discovery->start();
}
