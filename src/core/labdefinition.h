// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Which lab cluster we talk about: a compose project name and a port base B. Every host port the app uses is
// derived from B and published on 127.0.0.1 only, so two labs with different names and bases run side by side.
struct LabDefinition
{
    static constexpr int DefaultPortBase = 5500;
    static constexpr int NodesPerKind = 3;
    // The highest offset from the base that is published (patroni3's own PostgreSQL port).
    static constexpr int LastPortOffset = 32;

    // All: every port below is published. HaproxyOnly: like the Patroni repository's demo, only HAProxy's primary
    // and replicas ports are, so the app must observe the cluster through `docker exec`.
    enum class Publish { All, HaproxyOnly };

    QString project = QStringLiteral("demo");
    int portBase = DefaultPortBase;
    Publish publish = Publish::All;

    static QString defaultProject() { return QStringLiteral("demo"); }

    // The lab always listens on loopback; the app never aims traffic anywhere else.
    static QString host() { return QStringLiteral("127.0.0.1"); }

    int primaryPort() const { return portBase; }
    int replicasPort() const { return portBase + 1; }
    int haproxyStatsPort() const { return portBase + 2; }
    // member is 1-based, as in the service names patroni1..3 and etcd1..3.
    int patroniRestPort(int member) const { return portBase + 9 + member; }
    int etcdClientPort(int member) const { return portBase + 19 + member; }
    // A Patroni node's own PostgreSQL, bypassing HAProxy: what a client pinned to one node reaches.
    int postgresPort(int member) const { return portBase + 29 + member; }

    static QStringList etcdServices();
    static QStringList patroniServices();
    static QString haproxyService() { return QStringLiteral("haproxy"); }
    static QStringList allServices();

    QString containerName(const QString& service) const { return project + u'-' + service; }
    QString networkName() const { return project + QStringLiteral("_lab"); }

    // An empty string when the definition is usable, else what is wrong and how to fix it.
    QString validationError() const;

    // The variables the compose file reads (LAB_PROJECT, LAB_PORT_*, LAB_IMAGE).
    void addComposeVariables(QProcessEnvironment& environment, const QString& image) const;

    QString libpqConninfo(int port, int connectTimeoutSeconds = 3) const;

    bool operator==(const LabDefinition&) const = default;
};
