// SPDX-License-Identifier: GPL-3.0-or-later
#include "injectedfaults.h"

#include "faults/nodefaults.h"

void InjectedFaults::apply(const NodeActionRequest& request)
{
    const auto remove = [this, &request](std::initializer_list<NodeAction> actions) {
        const auto found = m_active.find(request.container);
        if (found == m_active.end()) {
            return;
        }
        for (NodeAction action : actions) {
            found->remove(action);
        }
        if (found->isEmpty()) {
            m_active.erase(found);
        }
    };
    switch (request.action) {
    case NodeAction::Impair:
    case NodeAction::Partition:
    case NodeAction::FreezePostgres:
    case NodeAction::KillPatroni:
    case NodeAction::LimitCpu:
    case NodeAction::LimitMemory:
        // A second impairment or partition replaces the first (lab-fault does the same).
        m_active[request.container].insert(request.action, request);
        break;
    case NodeAction::Clear:
        remove({NodeAction::Impair});
        break;
    case NodeAction::Unpartition:
        remove({NodeAction::Partition});
        break;
    case NodeAction::ThawPostgres:
        remove({NodeAction::FreezePostgres});
        break;
    case NodeAction::Unlimit:
        remove({NodeAction::LimitCpu, NodeAction::LimitMemory});
        break;
    case NodeAction::Stop:
    case NodeAction::Kill:
    case NodeAction::Restart:
        // A new start gets a new network namespace and new processes.
        remove({NodeAction::Impair, NodeAction::Partition, NodeAction::FreezePostgres, NodeAction::KillPatroni});
        break;
    case NodeAction::Start:
    case NodeAction::Pause:
    case NodeAction::Unpause:
    case NodeAction::Disconnect:
    case NodeAction::Connect:
    case NodeAction::KillPostgres:
        break;
    }
}

bool InjectedFaults::has(const QString& container, NodeAction injectedBy) const
{
    return m_active.value(container).contains(injectedBy);
}

QList<NodeActionRequest> InjectedFaults::active(const QString& container) const
{
    return m_active.value(container).values();
}

QStringList InjectedFaults::badges(const QString& container) const
{
    QStringList texts;
    for (const NodeActionRequest& request : active(container)) {
        texts << badge(request);
    }
    return texts;
}

QString InjectedFaults::badge(const NodeActionRequest& request)
{
    switch (request.action) {
    case NodeAction::Impair:
        return NodeFaults::describeImpairment(request.impairment);
    case NodeAction::Partition: {
        QStringList names;
        for (const QString& peer : request.peers) {
            names << peer.section(u'=', 0, 0);
        }
        return tr("partitioned from %1").arg(names.join(u' '));
    }
    case NodeAction::FreezePostgres:
        return tr("PostgreSQL frozen");
    case NodeAction::KillPatroni:
        return tr("Patroni killed");
    case NodeAction::LimitCpu:
        return tr("CPU %1").arg(QString::number(request.cpus, 'g', 4));
    case NodeAction::LimitMemory:
        return tr("memory %1").arg(NodeFaults::formatMemory(request.memoryBytes));
    default:
        return NodeActions::describe(request);
    }
}
