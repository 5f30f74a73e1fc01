// SPDX-License-Identifier: GPL-3.0-or-later
#include "labdefinition.h"

#include <QRegularExpression>

QStringList LabDefinition::etcdServices()
{
    return {QStringLiteral("etcd1"), QStringLiteral("etcd2"), QStringLiteral("etcd3")};
}

QStringList LabDefinition::patroniServices()
{
    return {QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("patroni3")};
}

QStringList LabDefinition::allServices()
{
    return etcdServices() + patroniServices() + QStringList{haproxyService()};
}

QString LabDefinition::validationError() const
{
    // Compose v2 accepts only lowercase letters, digits, '-' and '_' and a leading letter or digit.
    static const QRegularExpression projectPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,40}$"));
    if (!projectPattern.match(project).hasMatch()) {
        return QStringLiteral("invalid project name '%1': use 1-41 lowercase letters, digits, '-' or '_', "
                              "starting with a letter or digit (for example: demo)")
            .arg(project);
    }
    if (portBase < 1024 || portBase + LastPortOffset > 65535) {
        return QStringLiteral("invalid port base %1: the lab publishes ports B..B+%2 on 127.0.0.1, so B must be "
                              "between 1024 and %3 (for example: 5500)")
            .arg(portBase)
            .arg(LastPortOffset)
            .arg(65535 - LastPortOffset);
    }
    return {};
}

void LabDefinition::addComposeVariables(QProcessEnvironment& environment, const QString& image) const
{
    environment.insert(QStringLiteral("LAB_PROJECT"), project);
    environment.insert(QStringLiteral("LAB_IMAGE"), image);
    environment.insert(QStringLiteral("LAB_PORT_PRIMARY"), QString::number(primaryPort()));
    environment.insert(QStringLiteral("LAB_PORT_REPLICAS"), QString::number(replicasPort()));
    environment.insert(QStringLiteral("LAB_PORT_STATS"), QString::number(haproxyStatsPort()));
    for (int member = 1; member <= NodesPerKind; ++member) {
        environment.insert(QStringLiteral("LAB_PORT_PATRONI%1").arg(member), QString::number(patroniRestPort(member)));
        environment.insert(QStringLiteral("LAB_PORT_ETCD%1").arg(member), QString::number(etcdClientPort(member)));
        environment.insert(QStringLiteral("LAB_PORT_PG%1").arg(member), QString::number(postgresPort(member)));
    }
}

QString LabDefinition::libpqConninfo(int port, int connectTimeoutSeconds) const
{
    // Lab-only credentials, documented in the README; application_name finds our sessions in pg_stat_activity.
    return QStringLiteral("host=%1 port=%2 dbname=postgres user=postgres password=postgres connect_timeout=%3 "
                          "application_name=patroni-lab")
        .arg(host())
        .arg(port)
        .arg(connectTimeoutSeconds);
}
