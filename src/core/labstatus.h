// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "dockerps.h"
#include "etcdapi.h"
#include "haproxystats.h"
#include "labdefinition.h"
#include "patroniapi.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;

struct EtcdMemberStatus
{
    QString name; // etcd1..3
    int port = 0;
    bool reachable = false;
    bool healthy = false;
    int httpStatus = 0;
    QString error; // why it is unreachable or unhealthy
};

// Something that keeps the lab from being healthy, and the service whose logs explain it.
struct LabProblem
{
    QString service;
    QString text;
};

// One look at a lab through its published 127.0.0.1 ports and `docker ps`.
struct LabStatus
{
    LabDefinition lab;
    QString dockerError; // non-empty: docker itself is unusable and nothing else was looked at
    QList<ContainerInfo> containers;
    QString containersError;
    std::optional<PatroniCluster> cluster;
    QString clusterError;
    int clusterPort = 0; // which Patroni REST port answered
    QList<EtcdMemberStatus> etcd;
    std::optional<HaproxyStats> haproxy;
    QString haproxyError;

    const ContainerInfo* container(const QString& service) const;
    int healthyEtcdCount() const;
    // HAProxy servers in the "primary" listener that are UP: where writes through port B go.
    QStringList writeRouting() const;
    QList<LabProblem> problems() const;
    bool isHealthy() const { return problems().isEmpty(); }
    QJsonObject toJson() const;
};

// Gathers a LabStatus asynchronously: docker ps, Patroni /cluster (falling back across members), etcd /health
// of each member and HAProxy's stats CSV, all at once with short time-outs, so one dead node never stalls it.
class LabProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabProbe)
public:
    LabProbe(const LabDefinition& lab, QNetworkAccessManager* network, QObject* parent = nullptr);

    void setHttpTimeout(std::chrono::milliseconds timeout) { m_httpTimeout = timeout; }
    void start();

signals:
    void finished(const LabStatus& status);

private:
    void askPatroni(int memberIndex);
    void askEtcd(int memberIndex);
    void askHaproxy();
    void partDone();

    QNetworkAccessManager* m_network;
    DockerCli m_docker;
    LabStatus m_status;
    std::chrono::milliseconds m_httpTimeout{2000};
    int m_pendingParts = 0;
};
