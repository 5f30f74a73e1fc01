// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "dockerinspect.h"
#include "dockerruntime.h"
#include "result.h"

#include <QObject>

#include <functional>

// The containers of one cluster, found by compose project label or, failing that, by container-name prefix
// (the Patroni repository's demo runs as compose project "patroni" but names its containers demo-*).
struct DiscoveredCluster
{
    QString name;             // what the user asked for: a compose project or a name prefix
    bool byComposeLabel = false;
    QList<ContainerDetails> containers;

    QList<const ContainerDetails*> components(ContainerInfo::Component component) const;
    // Accepts the container name ("demo-patroni1") or the compose service ("patroni1").
    const ContainerDetails* find(const QString& nameOrService) const;
    // The (first) HAProxy container's name; empty when the cluster has none.
    QString haproxyContainer() const;
    QStringList containerNames() const;
    // The network the cluster's nodes share; still known for a node that has been disconnected from it.
    QString sharedNetwork() const;
    // The DNS names a container needs back when it is reconnected: its compose service and hostname.
    QStringList aliasesFor(const ContainerDetails& container) const;
    // The address a container must have on the shared network (label org.patroni-lab.ipv4, set on the lab's nodes),
    // or empty when any will do.
    static QString fixedAddressFor(const ContainerDetails& container);
    // A request for `action` on the container, with what disconnect and connect need: the shared network, the
    // DNS aliases and the fixed address.
    NodeActionRequest actionRequest(NodeAction action, const ContainerDetails& container) const;
    // The docker ps filter that selects this cluster's containers (and perhaps the app's relay: see belongs).
    QStringList psFilterArguments() const;
    // Whether a container is a member: of the compose project, or named with the prefix; never the app's relay.
    bool belongs(const ContainerInfo& container) const;
};

class ClusterDiscovery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterDiscovery)
public:
    ClusterDiscovery(QString name, const DockerCli& docker, QObject* parent = nullptr);
    void start();
    // After finished(): the failure means docker itself is unusable (CLI missing, daemon down, no permission).
    bool dockerUnavailable() const { return m_dockerUnavailable; }

    // "unknown container X: the cluster has A, B, C" — for the CLI and the GUI alike.
    static QString unknownContainerError(const QString& requested, const DiscoveredCluster& cluster);

    // Which cluster a container argument means when the user named no cluster. `all` is every container
    // (docker ps -a). A full container name means its own cluster: its compose project, else its name up to the
    // last '-' (lab2-patroni2 -> lab2). Anything else is a compose service: of defaultCluster when that has it
    // (patroni1 -> demo), else of the one cluster that has it. Fails, saying how to name it, when the name is a
    // container of one cluster and a service of defaultCluster, a service of several clusters, or nothing at all.
    static Result<QString> clusterForContainer(const QList<ContainerInfo>& all, const QString& requested,
                                               const QString& defaultCluster);

signals:
    void finished(const Result<DiscoveredCluster>& result);

private:
    void listByLabel();
    void listByPrefix();
    void inspect(const QStringList& ids);
    void runDocker(const QStringList& arguments, const std::function<void(const QByteArray&)>& onOutput);
    void fail(const ProcessResult& result);
    void failNotFound();

    QString m_name;
    DockerCli m_docker;
    DiscoveredCluster m_cluster;
    bool m_dockerUnavailable = false;
};
