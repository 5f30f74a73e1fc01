// SPDX-License-Identifier: GPL-3.0-or-later
#include "displaytext.h"

QString DisplayText::role(const MemberState& member)
{
    if (member.down) {
        // Not what Patroni still lists it as (a stopped leader demotes itself to "replica" on the way down).
        if (member.lastRole == PatroniMember::Role::Unknown && member.lastRoleText.isEmpty()) {
            return tr("Stopped");
        }
        MemberState last;
        last.role = member.lastRole;
        last.roleText = member.lastRoleText;
        return tr("Stopped (was %1)").arg(role(last));
    }
    switch (member.role) {
    case PatroniMember::Role::Leader:
        return tr("Leader");
    case PatroniMember::Role::StandbyLeader:
        return tr("Standby Leader");
    case PatroniMember::Role::SyncStandby:
        return tr("Sync Standby");
    case PatroniMember::Role::QuorumStandby:
        return tr("Quorum Standby");
    case PatroniMember::Role::Replica:
        return tr("Replica");
    case PatroniMember::Role::Unknown:
        break;
    }
    // A role this version does not know: Patroni's own word is the most honest label.
    return member.roleText;
}

QString DisplayText::event(const ClusterEvent& event)
{
    using Kind = ClusterEvent::Kind;
    const auto orNone = [](const QString& text) { return text.isEmpty() ? tr("(none)") : text; };
    const QString& subject = event.subject;
    switch (event.kind) {
    case Kind::LeaderChanged:
        return tr("leader changed: %1 → %2").arg(orNone(event.from), orNone(event.to));
    case Kind::TimelineChanged:
        return tr("timeline changed: %1 → %2").arg(orNone(event.from), orNone(event.to));
    case Kind::MemberRoleChanged:
        return tr("%1 role: %2 → %3").arg(subject, event.from, event.to);
    case Kind::MemberStateChanged:
        return tr("%1 state: %2 → %3").arg(subject, orNone(event.from), orNone(event.to));
    case Kind::MemberAppeared:
        return tr("%1 joined the cluster as %2").arg(subject, event.to);
    case Kind::MemberVanished:
        return tr("%1 left the cluster (its member key expired)").arg(subject);
    case Kind::PatroniUnreachable:
        return tr("no Patroni REST API answers");
    case Kind::PatroniReachable:
        return tr("Patroni REST API answers again");
    case Kind::EtcdMemberDown:
        return tr("etcd member %1 down: %2").arg(subject, event.to);
    case Kind::EtcdMemberUp:
        return tr("etcd member %1 healthy").arg(subject);
    case Kind::EtcdQuorumLost:
        return tr("etcd quorum lost (%1 healthy)").arg(event.to);
    case Kind::EtcdQuorumRestored:
        return tr("etcd quorum restored (%1 healthy)").arg(event.to);
    case Kind::HaproxyBackendDown:
        return tr("HAProxy %1 DOWN (%2)").arg(subject, event.to);
    case Kind::HaproxyBackendUp:
        return tr("HAProxy %1 UP").arg(subject);
    case Kind::HaproxyUnreachable:
        return tr("HAProxy stats do not answer");
    case Kind::HaproxyReachable:
        return tr("HAProxy stats answer again");
    case Kind::ContainerStateChanged:
        return tr("container %1: %2 → %3").arg(subject, orNone(event.from), orNone(event.to));
    }
    return event.describe();
}
