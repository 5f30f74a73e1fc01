// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerruntime.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QStringList>

// The faults inside containers that are injected and not seen undone, per container: what the topology diagram shows
// on a node. Fed the window's own requests that docker confirmed, and once, when the window starts observing a
// cluster, what a survey of every container found (injected before, by the CLI or a scenario).
class InjectedFaults
{
    Q_DECLARE_TR_FUNCTIONS(InjectedFaults)
public:
    // Sets, replaces or removes what the request concerns. Stop, kill and restart end the faults that live in the
    // container's namespaces (netem, the partition's rules, the frozen or killed processes); CPU and memory limits
    // are in docker's configuration and stay.
    void apply(const NodeActionRequest& request);
    // After Heal all: nothing the window injected is left.
    void clear() { m_active.clear(); }

    bool isEmpty() const { return m_active.isEmpty(); }
    bool has(const QString& container, NodeAction injectedBy) const;
    // The injecting requests, in the order the diagram lists them.
    QList<NodeActionRequest> active(const QString& container) const;
    // Short texts for the diagram: "delay 100 ms ±20 ms", "partitioned from etcd1 etcd2", "PostgreSQL frozen".
    QStringList badges(const QString& container) const;
    static QString badge(const NodeActionRequest& request);

private:
    // Keyed by the action that injected the fault; QMap keeps them in NodeAction order (netem first, limits last).
    QHash<QString, QMap<NodeAction, NodeActionRequest>> m_active;
};
