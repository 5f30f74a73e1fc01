// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"
#include "labdefinition.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

// Something that keeps the lab from being healthy, and the service whose logs explain it.
struct LabProblem
{
    QString service;
    QString text;
};

// One complete look at a lab (one round of the ClusterObserver), judged against what a healthy lab is: seven
// running containers, one leader and two streaming replicas, etcd 3/3, HAProxy routing writes to the leader
// and reads to the replicas.
struct LabStatus
{
    LabDefinition lab;
    QString dockerError;    // docker itself is unusable: nothing else was looked at
    QString discoveryError; // docker works but the lab's containers were not found
    ClusterState state;

    const ContainerInfo* container(const QString& service) const;
    QList<LabProblem> problems() const;
    bool isHealthy() const { return problems().isEmpty(); }
    QJsonObject toJson() const;
};

// Gathers one LabStatus asynchronously: finds the lab's containers, then lets a ClusterObserver complete one round
// (published ports when there are any, docker exec otherwise).
class LabProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabProbe)
public:
    explicit LabProbe(const LabDefinition& lab, QObject* parent = nullptr);
    void start();

signals:
    void finished(const LabStatus& status);

private:
    LabStatus m_status;
};
