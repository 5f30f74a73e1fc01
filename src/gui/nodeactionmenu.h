// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "dockerruntime.h"
#include "nodefaultdialogs.h"

#include <QMap>
#include <QMenu>

#include <optional>

// What the node menu needs to know about one container to offer only the actions that make sense now.
struct NodeMenuContext
{
    QString container;
    ContainerInfo::Component component = ContainerInfo::Component::Other;
    std::optional<ContainerInfo::State> containerState; // empty: not observed yet, so every action is offered
    std::optional<bool> cutOff; // empty: the network attachment is not known
    QString network; // the cluster's shared network, for disconnect/connect
    QString member; // the Patroni member that runs in it
    bool isLeader = false;
    QString leader; // the cluster's leader, empty when there is none
    QList<FaultPeer> peers; // the cluster's other containers, for a partition; empty when the cluster is not known

    // From the latest observation; cluster (as last discovered) tells the networks and finds nodes with no state.
    static NodeMenuContext from(const QString& container, const ClusterState& state, const DiscoveredCluster* cluster);
    // Running (or paused) but attached to none of the cluster's networks: the other nodes cannot reach it.
    // Empty when the cluster (and so its network) is not known, or the container is not in it.
    // observed is the container as docker ps reported it last: its networks are more current than the discovery's.
    static std::optional<bool> isCutOff(const QString& container, const DiscoveredCluster& cluster,
                                        const ContainerInfo* observed = nullptr);

    // The whole-container actions by docker's rules; the faults inside the container only while it runs (a helper
    // joins its namespaces), PostgreSQL's and Patroni's only on a Patroni node, a partition only with a peer to cut.
    bool applies(NodeAction action) const;
    // Offered at all: the PostgreSQL and Patroni faults are left out of the menu of etcd and HAProxy.
    bool offers(NodeAction action) const;
    // For the toggling keys: Pause or Unpause, Disconnect or Connect, whichever applies (Pause/Disconnect first).
    std::optional<NodeAction> toggle(NodeAction first, NodeAction second) const;
    // Empty when a switchover to this node can be requested, else why not.
    QString switchoverBlockedReason() const;
};

// The per-node menu of the topology diagram, the member table and the Nodes menu: docker actions, the faults inside
// the container (a submenu), switchover, heal all. It only asks for them through its signals; the owner runs them.
class NodeActionMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeActionMenu)
public:
    explicit NodeActionMenu(QWidget* parent = nullptr);
    NodeActionMenu(const NodeMenuContext& context, QWidget* parent = nullptr);

    // Rebuilds the actions for the context (call it from aboutToShow to keep a menu bar's submenu current).
    void setContext(const NodeMenuContext& context);
    const NodeMenuContext& context() const { return m_context; }

    QAction* actionFor(NodeAction action) const { return m_nodeActions.value(action); }
    QAction* switchoverAction() const { return m_switchover; } // null for anything but a Patroni node
    QAction* healAllAction() const { return m_healAll; }

    QMenu* insideMenu() const { return m_insideMenu; }

    static QString actionText(NodeAction action);
    static QString actionToolTip(NodeAction action);
    // The request for a fault inside the container: for the faults with parameters, after asking for them in a modal
    // dialog (nullopt when it is cancelled), parented to the window of parent.
    static std::optional<NodeActionRequest> askForFault(NodeAction action, const NodeMenuContext& context,
                                                        QWidget* parent);
    // The faults that take parameters, so that a dialog asks for them first.
    static bool takesParameters(NodeAction action);

signals:
    void nodeActionRequested(NodeAction action, const QString& container);
    // A fault inside the container, with its parameters (impairment, peers, CPUs, memory).
    void faultRequested(const NodeActionRequest& request);
    void switchoverRequested(const QString& candidateMember);
    void healAllRequested();

private:
    NodeMenuContext m_context;
    QMap<NodeAction, QAction*> m_nodeActions;
    QAction* m_switchover = nullptr;
    QAction* m_healAll = nullptr;
    QMenu* m_insideMenu = nullptr;
};
