// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodeactionmenu.h"

#include <algorithm>

namespace {

const ContainerInfo* observedContainer(const ClusterState& state, const QString& container)
{
    if (state.containers) {
        for (const ContainerInfo& info : *state.containers) {
            if (info.name == container) {
                return &info;
            }
        }
    }
    return nullptr;
}

} // namespace

NodeMenuContext NodeMenuContext::from(
    const QString& container, const ClusterState& state, const DiscoveredCluster* cluster)
{
    NodeMenuContext context;
    context.container = container;
    const ContainerDetails* details = cluster ? cluster->find(container) : nullptr;
    if (const ContainerInfo* info = observedContainer(state, container)) {
        context.component = info->component();
        context.containerState = info->state;
    } else if (details) {
        context.component = details->info.component();
        // docker ps has not reported yet: the discovery's state is the best we know.
        context.containerState = details->info.state;
    }
    if (cluster) {
        context.cutOff = isCutOff(container, *cluster, observedContainer(state, container));
        context.network = cluster->sharedNetwork();
    }
    if (const MemberState* leader = state.leader()) {
        context.leader = leader->name;
    }
    for (const MemberState& member : state.members.value_or(QList<MemberState> {})) {
        const bool matches = member.container == container
            || (details && (member.name == details->info.composeService() || member.name == details->hostname))
            || member.name == container;
        if (matches) {
            context.component = ContainerInfo::Component::Patroni;
            context.member = member.name;
            context.isLeader = member.isLeader();
            break;
        }
    }
    if (context.member.isEmpty() && context.component == ContainerInfo::Component::Patroni && details) {
        // Not in /cluster (yet, or its key expired): its member name is its compose service, as in the lab.
        context.member = details->info.composeService().isEmpty() ? details->hostname : details->info.composeService();
    }
    return context;
}

std::optional<bool> NodeMenuContext::isCutOff(const QString& container, const DiscoveredCluster& cluster,
                                              const ContainerInfo* observed)
{
    const ContainerDetails* details = cluster.find(container);
    const QString network = cluster.sharedNetwork();
    if (!details || network.isEmpty()) {
        return std::nullopt;
    }
    if (observed && observed->networksKnown) {
        return !observed->networks.contains(network);
    }
    const bool attached = std::any_of(details->networks.cbegin(), details->networks.cend(),
        [&](const NetworkAttachment& attachment) { return attachment.network == network; });
    return !attached;
}

bool NodeMenuContext::applies(NodeAction action) const
{
    using State = ContainerInfo::State;
    if (action == NodeAction::Disconnect) {
        return cutOff != true;
    }
    if (action == NodeAction::Connect) {
        return cutOff != false;
    }
    if (!containerState) {
        return true;
    }
    switch (*containerState) {
    case State::Running:
        return action != NodeAction::Start && action != NodeAction::Unpause;
    case State::Paused:
        // docker stop, restart and kill all work on a frozen container (measured with docker 20.10).
        return action != NodeAction::Start && action != NodeAction::Pause;
    case State::Restarting:
        return action == NodeAction::Stop || action == NodeAction::Kill;
    case State::Exited:
    case State::Created:
    case State::Dead:
        return action == NodeAction::Start;
    case State::Removing:
        return false;
    case State::Unknown:
        break;
    }
    return true;
}

std::optional<NodeAction> NodeMenuContext::toggle(NodeAction first, NodeAction second) const
{
    if (applies(first)) {
        return first;
    }
    if (applies(second)) {
        return second;
    }
    return std::nullopt;
}

QString NodeMenuContext::switchoverBlockedReason() const
{
    if (component != ContainerInfo::Component::Patroni || member.isEmpty()) {
        return NodeActionMenu::tr("only a Patroni node can take over the leadership");
    }
    if (isLeader) {
        return NodeActionMenu::tr("%1 is already the leader").arg(member);
    }
    if (leader.isEmpty()) {
        return NodeActionMenu::tr("there is no leader to hand over from");
    }
    if (containerState && *containerState != ContainerInfo::State::Running) {
        return NodeActionMenu::tr("the container is %1, not running").arg(ContainerInfo::stateName(*containerState));
    }
    if (cutOff == true) {
        return NodeActionMenu::tr("the node is cut off from the network");
    }
    return {};
}

NodeActionMenu::NodeActionMenu(QWidget* parent)
    : QMenu(parent)
{
    setToolTipsVisible(true);
}

NodeActionMenu::NodeActionMenu(const NodeMenuContext& context, QWidget* parent)
    : NodeActionMenu(parent)
{
    setContext(context);
}

QString NodeActionMenu::actionText(NodeAction action)
{
    // The key after the tab is the topology diagram's shortcut for the same action on the selected node.
    switch (action) {
    case NodeAction::Stop:
        return tr("Stop (docker stop)\tS");
    case NodeAction::Start:
        return tr("Start (docker start)\tT");
    case NodeAction::Restart:
        return tr("Restart (docker restart)\tR");
    case NodeAction::Kill:
        return tr("Kill — SIGKILL, no shutdown (docker kill)\tK");
    case NodeAction::Pause:
        return tr("Pause — freeze every process (docker pause)\tP");
    case NodeAction::Unpause:
        return tr("Unpause (docker unpause)\tP");
    case NodeAction::Disconnect:
        return tr("Disconnect from the network\tN");
    case NodeAction::Connect:
        return tr("Reconnect to the network\tN");
    }
    return {};
}

void NodeActionMenu::setContext(const NodeMenuContext& context)
{
    clear();
    m_nodeActions.clear();
    m_switchover = nullptr;
    m_context = context;
    setTitle(context.container);
    addSection(context.container);

    const QString container = context.container;
    const auto addNodeAction = [this, &context, &container](NodeAction action) {
        QAction* item = addAction(actionText(action));
        item->setEnabled(context.applies(action));
        NodeActionRequest request;
        request.action = action;
        request.container = container;
        request.network = context.network.isEmpty() ? QStringLiteral("NETWORK") : context.network;
        item->setToolTip(QStringLiteral("docker ") + NodeActions::dockerArguments(request).join(u' '));
        connect(item, &QAction::triggered, this,
            [this, action, container] { emit nodeActionRequested(action, container); });
        m_nodeActions.insert(action, item);
    };
    for (NodeAction action : { NodeAction::Stop, NodeAction::Start, NodeAction::Restart, NodeAction::Kill }) {
        addNodeAction(action);
    }
    addSeparator();
    for (NodeAction action : { NodeAction::Pause, NodeAction::Unpause, NodeAction::Disconnect, NodeAction::Connect }) {
        addNodeAction(action);
    }
    if (context.component == ContainerInfo::Component::Patroni) {
        addSeparator();
        m_switchover = addAction(tr("Switchover to this node\tW"));
        const QString blocked = context.switchoverBlockedReason();
        m_switchover->setEnabled(blocked.isEmpty());
        m_switchover->setToolTip(blocked.isEmpty()
                ? tr("Ask the leader %1 to hand over to %2 (planned, no data loss)").arg(context.leader, context.member)
                : blocked);
        const QString member = context.member;
        connect(m_switchover, &QAction::triggered, this, [this, member] { emit switchoverRequested(member); });
    }
    addSeparator();
    m_healAll = addAction(tr("Heal all — unpause, reconnect, start everything\tH"));
    connect(m_healAll, &QAction::triggered, this, &NodeActionMenu::healAllRequested);
}
