// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientpaths.h"

#include "pgsession.h"

#include <atomic>

using namespace std::chrono_literals;

QString ClientPaths::name(ClientPath path)
{
    switch (path) {
    case ClientPath::Haproxy: return QStringLiteral("haproxy");
    case ClientPath::Multihost: return QStringLiteral("multihost");
    case ClientPath::Pinned: return QStringLiteral("pinned");
    }
    return {};
}

QList<ClientPath> ClientPaths::all()
{
    return {ClientPath::Haproxy, ClientPath::Multihost, ClientPath::Pinned};
}

Result<QList<ClientPath>> ClientPaths::parse(const QString& list)
{
    QList<ClientPath> paths;
    QStringList known;
    for (const ClientPath path : all()) {
        known << name(path);
    }
    for (const QString& word : list.split(u',', Qt::SkipEmptyParts)) {
        const QString wanted = word.trimmed().toLower();
        const auto index = known.indexOf(wanted);
        if (index < 0) {
            return Result<QList<ClientPath>>::failure(
                QStringLiteral("unknown client path '%1': use %2").arg(word.trimmed(), known.join(QStringLiteral(", "))));
        }
        if (paths.contains(all().at(index))) {
            return Result<QList<ClientPath>>::failure(QStringLiteral("client path '%1' is named twice").arg(wanted));
        }
        paths << all().at(index);
    }
    if (paths.isEmpty()) {
        return Result<QList<ClientPath>>::failure(
            QStringLiteral("no client path given: use one or more of %1, separated by commas").arg(known.join(QStringLiteral(", "))));
    }
    return Result<QList<ClientPath>>::success(paths);
}

QString ClientPaths::conninfo(ClientPath path, const LabDefinition& lab, int pinnedPort)
{
    switch (path) {
    case ClientPath::Haproxy: return lab.libpqConninfo(lab.primaryPort());
    case ClientPath::Pinned: return lab.libpqConninfo(pinnedPort);
    case ClientPath::Multihost: break;
    }
    // connect_timeout applies to each host libpq tries: a dead node costs at most that before the next one.
    QStringList hosts;
    QStringList ports;
    for (int member = 1; member <= 3; ++member) {
        hosts << lab.host();
        ports << QString::number(lab.postgresPort(member));
    }
    QString text = lab.libpqConninfo(lab.postgresPort(1));
    text.replace(QStringLiteral("host=%1 port=%2").arg(lab.host()).arg(lab.postgresPort(1)),
                 QStringLiteral("host=%1 port=%2").arg(hosts.join(u','), ports.join(u',')));
    return text + QStringLiteral(" target_session_attrs=read-write");
}

Result<int> ClientPaths::leaderPort(const LabDefinition& lab)
{
    const std::atomic_bool neverStop{false};
    PgSession session(neverStop, 5s);
    const PgSession::Reply connected = session.connect(conninfo(ClientPath::Multihost, lab).toUtf8());
    if (connected.status != PgSession::Status::Ok) {
        return Result<int>::failure(QStringLiteral("no node of %1 accepts writes on its published PostgreSQL port "
                                                   "(%2..%3): %4")
                                        .arg(lab.project)
                                        .arg(lab.postgresPort(1))
                                        .arg(lab.postgresPort(3))
                                        .arg(connected.message));
    }
    // The port libpq reached, as the client side sees it (the published one, not the container's 5432).
    const int port = session.connectedPort();
    if (port <= 0) {
        return Result<int>::failure(QStringLiteral("libpq did not say which port it reached"));
    }
    return Result<int>::success(port);
}
