// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodeactionmenu.h"

#include "faults/nodefaults.h"

#include <algorithm>
#include <memory>

namespace {

constexpr NodeAction insideActions[] = {
    NodeAction::Impair,         NodeAction::Clear,        NodeAction::Partition, NodeAction::Unpartition,
    NodeAction::KillPostgres,   NodeAction::FreezePostgres, NodeAction::ThawPostgres, NodeAction::KillPatroni,
    NodeAction::LimitCpu,       NodeAction::LimitMemory,  NodeAction::Unlimit,
};

bool actsInside(NodeAction action)
{
    return std::find(std::cbegin(insideActions), std::cend(insideActions), action) != std::cend(insideActions);
}

bool needsPatroni(NodeAction action)
{
    return action == NodeAction::KillPostgres || action == NodeAction::FreezePostgres
        || action == NodeAction::ThawPostgres || action == NodeAction::KillPatroni;
}

// A dialog over a menu would close with it: the window the menu belongs to is its parent.
QWidget* dialogParent(QWidget* widget)
{
    while (widget && qobject_cast<QMenu*>(widget)) {
        widget = widget->parentWidget();
    }
    return widget ? widget->window() : nullptr;
}

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
        for (const ContainerDetails& other : cluster->containers) {
            if (other.info.name == container) {
                continue;
            }
            const QString service = other.info.composeService();
            context.peers << FaultPeer{service.isEmpty() ? other.info.name : service, other.info.name,
                                       other.info.component(), NodeFaults::addressOf(*cluster, other)};
        }
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

bool NodeMenuContext::offers(NodeAction action) const
{
    return !needsPatroni(action) || component == ContainerInfo::Component::Patroni;
}

bool NodeMenuContext::applies(NodeAction action) const
{
    using State = ContainerInfo::State;
    if (actsInside(action)) {
        if (!offers(action)) {
            return false;
        }
        if (action == NodeAction::Partition
            && std::none_of(peers.cbegin(), peers.cend(), [](const FaultPeer& peer) { return !peer.address.isEmpty(); })) {
            return false;
        }
        // A helper joins the namespaces of a running container; a paused one would hold it (and its command) up.
        return !containerState || *containerState == State::Running;
    }
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
    case NodeAction::Impair:
        return tr("Network quality… (delay, loss, rate)\tI");
    case NodeAction::Clear:
        return tr("Clear network impairment\tC");
    case NodeAction::Partition:
        return tr("Partition from…\tX");
    case NodeAction::Unpartition:
        return tr("Remove partition\tU");
    case NodeAction::KillPostgres:
        return tr("Kill PostgreSQL only\tG");
    case NodeAction::FreezePostgres:
        return tr("Freeze PostgreSQL\tZ");
    case NodeAction::ThawPostgres:
        return tr("Thaw PostgreSQL\tZ");
    case NodeAction::KillPatroni:
        return tr("Kill Patroni only (PostgreSQL keeps running)");
    case NodeAction::LimitCpu:
        return tr("Limit CPU…");
    case NodeAction::LimitMemory:
        return tr("Limit memory…");
    case NodeAction::Unlimit:
        return tr("Remove CPU/memory limits");
    }
    return {};
}

QString NodeActionMenu::actionToolTip(NodeAction action)
{
    switch (action) {
    case NodeAction::Impair:
        return tr("Delay, lose, duplicate or corrupt the node's packets, or limit its rate (tc netem, from a helper "
                  "container)");
    case NodeAction::Clear:
        return tr("Remove the netem impairment: the node's network is as before");
    case NodeAction::Partition:
        return tr("Drop the traffic between this node and the chosen peers, both directions, while it stays on the "
                  "network");
    case NodeAction::Unpartition:
        return tr("Remove the partition: the node reaches every peer again");
    case NodeAction::KillPostgres:
        return tr("SIGKILL to the postmaster only: a crash of PostgreSQL; Patroni keeps running and starts it again");
    case NodeAction::FreezePostgres:
        return tr("SIGSTOP to every PostgreSQL process: queries hang, Patroni keeps running");
    case NodeAction::ThawPostgres:
        return tr("SIGCONT to every PostgreSQL process: the frozen queries go on");
    case NodeAction::KillPatroni:
        return tr("SIGKILL to the Patroni daemon only: PostgreSQL goes on unmanaged, the member's key in etcd expires "
                  "after the TTL");
    case NodeAction::LimitCpu:
        return tr("Allow the container only a share of the CPU (docker update --cpus)");
    case NodeAction::LimitMemory:
        return tr("Limit the container's memory (docker update --memory); above it the kernel kills a process");
    case NodeAction::Unlimit:
        return tr("Lift the CPU and memory limits (docker update)");
    default:
        return {};
    }
}

bool NodeActionMenu::takesParameters(NodeAction action)
{
    return action == NodeAction::Impair || action == NodeAction::Partition || action == NodeAction::LimitCpu
        || action == NodeAction::LimitMemory;
}

std::optional<NodeActionRequest> NodeActionMenu::askForFault(NodeAction action, const NodeMenuContext& context,
                                                             QWidget* parent)
{
    NodeActionRequest base;
    base.action = action;
    base.container = context.container;
    if (!takesParameters(action)) {
        return base;
    }
    std::unique_ptr<FaultDialog> dialog;
    if (action == NodeAction::Impair) {
        dialog = std::make_unique<ImpairmentDialog>(base, dialogParent(parent));
    } else if (action == NodeAction::Partition) {
        dialog = std::make_unique<PartitionDialog>(base, context.peers, dialogParent(parent));
    } else {
        dialog = std::make_unique<ResourceLimitDialog>(base, dialogParent(parent));
    }
    if (dialog->exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return dialog->request();
}

void NodeActionMenu::setContext(const NodeMenuContext& context)
{
    clear();
    m_nodeActions.clear();
    m_switchover = nullptr;
    delete m_insideMenu;
    m_insideMenu = nullptr;
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
    addSeparator();
    m_insideMenu = addMenu(tr("Inside the container"));
    m_insideMenu->setToolTipsVisible(true);
    for (NodeAction action : insideActions) {
        if (!context.offers(action)) {
            continue;
        }
        if (action == NodeAction::KillPostgres || action == NodeAction::LimitCpu) {
            m_insideMenu->addSeparator();
        }
        QAction* item = m_insideMenu->addAction(actionText(action));
        item->setEnabled(context.applies(action));
        item->setToolTip(actionToolTip(action));
        connect(item, &QAction::triggered, this, [this, action] {
            // The context as the menu was built: the dialog may outlive a refresh of the diagram.
            if (const auto request = askForFault(action, m_context, this)) {
                emit faultRequested(*request);
            }
        });
        m_nodeActions.insert(action, item);
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
