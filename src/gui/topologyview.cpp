// SPDX-License-Identifier: GPL-3.0-or-later
#include "topologyview.h"

#include "displaytext.h"

#include <QContextMenuEvent>
#include <QFocusEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

constexpr qreal Pi = 3.14159265358979323846;

void drawArrowHead(QPainter& painter, const QPointF& tip, qreal angle, qreal size)
{
    const QPointF left = tip - QPointF(std::cos(angle - Pi / 7) * size, std::sin(angle - Pi / 7) * size);
    const QPointF right = tip - QPointF(std::cos(angle + Pi / 7) * size, std::sin(angle + Pi / 7) * size);
    QPolygonF head;
    head << tip << left << right;
    const QColor colour = painter.pen().color();
    painter.save();
    painter.setPen(QPen(colour, 1));
    painter.setBrush(colour);
    painter.drawPolygon(head);
    painter.restore();
}

} // namespace

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Cluster topology"));
    QStringList help;
    for (const KeyBinding& binding : keyBindings()) {
        help << QStringLiteral("%1: %2").arg(binding.keys, binding.description);
    }
    setWhatsThis(tr("The lab cluster as a diagram. Click a node for its actions, or use the keyboard:\n%1")
                     .arg(help.join(u'\n')));
    stateChangedInternally();
}

TopologyView::~TopologyView() = default;

QList<TopologyView::KeyBinding> TopologyView::keyBindings()
{
    return {
        { tr("Tab, Shift+Tab, arrow keys"), tr("select the next, previous or neighbouring node") },
        { tr("1 2 3"), tr("select Patroni node 1, 2, 3") },
        { tr("4 5 6"), tr("select etcd node 1, 2, 3") },
        { tr("7"), tr("select HAProxy") },
        { tr("Enter, Space, Menu"), tr("open the selected node's menu") },
        { tr("S"), tr("stop the selected node (docker stop)") },
        { tr("T"), tr("start it (docker start)") },
        { tr("R"), tr("restart it (docker restart)") },
        { tr("K"), tr("kill it (docker kill)") },
        { tr("P"), tr("pause it, or unpause it when paused") },
        { tr("N"), tr("disconnect it from the network, or reconnect it when cut off") },
        { tr("I"), tr("spoil its network: delay, loss, rate… (asks for the values)") },
        { tr("C"), tr("clear its network impairment") },
        { tr("X"), tr("partition it from chosen peers (asks which)") },
        { tr("U"), tr("remove its partition") },
        { tr("G"), tr("kill PostgreSQL only (Patroni nodes; Patroni starts it again)") },
        { tr("Z"), tr("freeze PostgreSQL, or thaw it when this window froze it") },
        { tr("W"), tr("switchover: make the selected replica the leader") },
        { tr("H"), tr("heal all: unpause, reconnect and start every node") },
    };
}

QSize TopologyView::sizeHint() const
{
    return { 900, 600 };
}

QSize TopologyView::minimumSizeHint() const
{
    return { 480, 320 };
}

// --- state ---------------------------------------------------------------------------------------------------

void TopologyView::setState(const ClusterState& state)
{
    m_state = state;
    m_hasState = true;
    stateChangedInternally();
}

void TopologyView::setCluster(const DiscoveredCluster& cluster)
{
    m_cluster = cluster;
    stateChangedInternally();
}

void TopologyView::setInjectedFaults(const InjectedFaults& faults)
{
    m_injected = faults;
    setAccessibleDescription(summary());
    update();
}

void TopologyView::clear()
{
    m_state = ClusterState {};
    m_hasState = false;
    m_cluster.reset();
    stateChangedInternally();
}

void TopologyView::setPresentationMode(bool on)
{
    if (m_presentation != on) {
        m_presentation = on;
        invalidate();
    }
}

void TopologyView::invalidate()
{
    m_layout.reset();
    update();
}

void TopologyView::stateChangedInternally()
{
    // Which nodes exist: every container the discovery or docker ps knows, and members with no container info.
    QStringList patroni;
    QStringList etcd;
    QStringList haproxy;
    const auto add = [&](const QString& name, ContainerInfo::Component component) {
        QStringList* row = component == ContainerInfo::Component::Patroni ? &patroni
            : component == ContainerInfo::Component::Etcd                 ? &etcd
            : component == ContainerInfo::Component::Haproxy              ? &haproxy
                                                                          : nullptr;
        if (row && !name.isEmpty() && !patroni.contains(name) && !etcd.contains(name) && !haproxy.contains(name)) {
            row->append(name);
        }
    };
    if (m_cluster) {
        for (const ContainerDetails& details : m_cluster->containers) {
            add(details.info.name, details.info.component());
        }
    }
    for (const ContainerInfo& info : m_state.containers.value_or(QList<ContainerInfo> {})) {
        add(info.name, info.component());
    }
    const auto knownByService = [&](const QString& service, const QStringList& row) {
        return std::any_of(
            row.cbegin(), row.cend(), [&](const QString& c) { return serviceNames(c).contains(service); });
    };
    for (const MemberState& member : m_state.members.value_or(QList<MemberState> {})) {
        if (!member.container.isEmpty()) {
            add(member.container, ContainerInfo::Component::Patroni);
        } else if (!knownByService(member.name, patroni)) {
            add(member.name, ContainerInfo::Component::Patroni);
        }
    }
    for (const EtcdMemberState& member : m_state.etcd.value_or(QList<EtcdMemberState> {})) {
        if (!member.container.isEmpty()) {
            add(member.container, ContainerInfo::Component::Etcd);
        } else if (!knownByService(member.name, etcd)) {
            add(member.name, ContainerInfo::Component::Etcd);
        }
    }
    if (haproxy.isEmpty() && m_state.haproxy) {
        haproxy << QStringLiteral("haproxy");
    }
    for (QStringList* row : { &patroni, &etcd, &haproxy }) {
        std::sort(row->begin(), row->end());
    }
    m_rows.clear();
    for (const QString& name : patroni) {
        m_rows.insert(name, Row::Patroni);
    }
    for (const QString& name : etcd) {
        m_rows.insert(name, Row::Etcd);
    }
    for (const QString& name : haproxy) {
        m_rows.insert(name, Row::Haproxy);
    }
    m_order = patroni + etcd + haproxy;
    if (!m_selected.isEmpty() && !m_order.contains(m_selected)) {
        m_selected.clear();
        emit selectionChanged(m_selected);
    }
    setAccessibleDescription(summary());
    invalidate();
}

QStringList TopologyView::containers() const
{
    return m_order;
}

QStringList TopologyView::serviceNames(const QString& container) const
{
    QStringList names { container };
    if (m_cluster) {
        if (const ContainerDetails* details = m_cluster->find(container)) {
            names << details->info.composeService() << details->hostname;
        }
    }
    if (const ContainerInfo* info = containerInfo(container)) {
        names << info->composeService();
    }
    names.removeAll(QString());
    return names;
}

const ContainerInfo* TopologyView::containerInfo(const QString& container) const
{
    if (m_state.containers) {
        for (const ContainerInfo& info : *m_state.containers) {
            if (info.name == container) {
                return &info;
            }
        }
    }
    if (m_cluster) {
        // Not observed yet: the discovery's snapshot (docker ps reports every 500 ms once the observer runs).
        if (!m_state.containers) {
            if (const ContainerDetails* details = m_cluster->find(container)) {
                return details->info.name == container ? &details->info : nullptr;
            }
        }
    }
    return nullptr;
}

const MemberState* TopologyView::memberFor(const QString& container) const
{
    if (!m_state.members) {
        return nullptr;
    }
    for (const MemberState& member : *m_state.members) {
        if (member.container == container) {
            return &member;
        }
    }
    const QStringList names = serviceNames(container);
    for (const MemberState& member : *m_state.members) {
        if (member.container.isEmpty() && names.contains(member.name)) {
            return &member;
        }
    }
    return nullptr;
}

const EtcdMemberState* TopologyView::etcdFor(const QString& container) const
{
    if (!m_state.etcd) {
        return nullptr;
    }
    for (const EtcdMemberState& member : *m_state.etcd) {
        if (member.container == container) {
            return &member;
        }
    }
    const QStringList names = serviceNames(container);
    for (const EtcdMemberState& member : *m_state.etcd) {
        if (member.container.isEmpty() && names.contains(member.name)) {
            return &member;
        }
    }
    return nullptr;
}

const TopologyView::Node* TopologyView::nodeForServer(const QString& server) const
{
    // HAProxy names its servers after the Patroni members (packaging/lab/node/haproxy.cfg).
    for (const Node& node : layout().nodes) {
        if (node.row != Row::Patroni) {
            continue;
        }
        const MemberState* member = memberFor(node.container);
        if ((member && member->name == server) || serviceNames(node.container).contains(server)) {
            return &node;
        }
    }
    return nullptr;
}

bool TopologyView::hasAnyContainerInfo() const
{
    return m_state.containers.has_value() || m_cluster.has_value();
}

NodeMenuContext TopologyView::contextFor(const QString& container) const
{
    NodeMenuContext context = NodeMenuContext::from(container, m_state, m_cluster ? &*m_cluster : nullptr);
    if (context.component == ContainerInfo::Component::Other && m_rows.contains(container)) {
        const Row row = m_rows.value(container);
        context.component = row == Row::Patroni ? ContainerInfo::Component::Patroni
            : row == Row::Etcd                  ? ContainerInfo::Component::Etcd
                                                : ContainerInfo::Component::Haproxy;
    }
    return context;
}

// --- what each node shows --------------------------------------------------------------------------------------

bool TopologyView::isCutOff(const QString& container) const
{
    return m_cluster && NodeMenuContext::isCutOff(container, *m_cluster, containerInfo(container)) == true;
}

QString TopologyView::containerStateText(const QString& container) const
{
    const ContainerInfo* info = containerInfo(container);
    if (!info) {
        return hasAnyContainerInfo() ? tr("missing") : QString();
    }
    const std::optional<bool> cutOff = m_cluster ? NodeMenuContext::isCutOff(container, *m_cluster, info) : std::nullopt;
    switch (info->state) {
    case ContainerInfo::State::Running:
        return cutOff == true ? tr("cut off") : tr("running");
    case ContainerInfo::State::Paused:
        return cutOff == true ? tr("paused, cut off") : tr("paused");
    case ContainerInfo::State::Exited:
        return tr("stopped");
    case ContainerInfo::State::Restarting:
        return tr("restarting");
    case ContainerInfo::State::Created:
        return tr("created, never started");
    case ContainerInfo::State::Dead:
        return tr("dead");
    case ContainerInfo::State::Removing:
        return tr("being removed");
    case ContainerInfo::State::Unknown:
        break;
    }
    return tr("unknown");
}

QString TopologyView::roleOf(const QString& container) const
{
    if (m_rows.value(container) == Row::Etcd) {
        const EtcdMemberState* member = etcdFor(container);
        return member && member->raftLeader ? tr("Raft leader")
            : member && member->healthy     ? tr("Raft follower")
                                            : QString();
    }
    const MemberState* member = memberFor(container);
    return member ? DisplayText::role(*member) : QString();
}

QString TopologyView::lagText(const MemberState& member) const
{
    if (member.lagUnknown) {
        return tr("lag unknown");
    }
    const auto receive = member.receiveLagBytes;
    const auto replay = member.replayLagBytes;
    if (receive && replay && *receive != *replay) {
        return tr("lag: received %1, replayed %2").arg(formatByteCount(*receive), formatByteCount(*replay));
    }
    if (replay || receive) {
        return tr("lag %1").arg(formatByteCount(replay ? *replay : *receive));
    }
    return {};
}

bool TopologyView::reachableContainer(const QString& container) const
{
    const ContainerInfo* info = containerInfo(container);
    return (!info && !hasAnyContainerInfo()) || (info && info->state == ContainerInfo::State::Running && !isCutOff(container));
}

bool TopologyView::replicaStreams(const MemberState& member) const
{
    // Decided once for every Patroni version (buildMemberStates): Patroni 3.0 calls a streaming replica "running".
    return !member.isLeader() && member.streaming;
}

TopologyView::Facts TopologyView::patroniFacts(const QString& container) const
{
    Facts facts;
    const MemberState* member = memberFor(container);
    const ContainerInfo* info = containerInfo(container);
    const QStringList names = serviceNames(container);
    const QString title = member ? member->name : names.size() > 1 ? names.at(1) : container;
    facts.lines << Line { title, true, 1.2 };

    const QString containerText = containerStateText(container);
    const bool cutOff = isCutOff(container);
    const auto state = info ? std::optional<ContainerInfo::State>(info->state) : std::nullopt;
    const bool down = (state && *state != ContainerInfo::State::Running && *state != ContainerInfo::State::Paused
                          && *state != ContainerInfo::State::Restarting)
        || (!info && hasAnyContainerInfo());
    const bool paused = state == ContainerInfo::State::Paused;

    if (member) {
        facts.lines << Line { DisplayText::role(*member), true, 1.05 };
        QString stateLine = member->state.isEmpty() ? tr("state unknown") : member->state;
        if (!member->apiReachable && !down) {
            stateLine = tr("%1 · API silent").arg(stateLine);
        }
        facts.lines << Line { stateLine };
        facts.lines << Line { member->timeline ? tr("TL %1").arg(*member->timeline) : tr("TL ?") };
        facts.lines << Line { member->isLeader() ? tr("writes here") : lagText(*member) };
    } else {
        facts.lines << Line { m_state.members ? tr("not in the cluster") : tr("no Patroni answer"), true, 1.05 };
        facts.lines << Line { m_hasState ? tr("no API answer") : tr("waiting…") };
    }
    if (!containerText.isEmpty()) {
        facts.lines << Line { tr("container %1").arg(containerText), down || paused || cutOff };
    }

    if (down) {
        facts.tone = Tone::Bad;
        facts.symbol = Symbol::Stopped;
        facts.border = Border::Dashed;
        facts.hatched = true;
    } else if (cutOff) {
        facts.tone = Tone::Bad;
        facts.symbol = Symbol::CutOff;
        facts.border = Border::DashDot;
    } else if (paused) {
        facts.tone = Tone::Warn;
        facts.symbol = Symbol::Paused;
        facts.border = Border::Dotted;
    } else if (member && member->isLeader()) {
        facts.tone = Tone::Good;
        facts.symbol = Symbol::Running;
        facts.border = Border::Double;
    } else if (member && replicaStreams(*member)) {
        facts.tone = Tone::Info;
        facts.symbol = Symbol::Running;
    } else if (member) {
        facts.tone = Tone::Warn;
        facts.symbol = info ? Symbol::Running : Symbol::Unknown;
    } else {
        facts.symbol = info ? Symbol::Running : Symbol::Unknown;
    }
    if (member && member->isLeader() && facts.border != Border::Double && !down) {
        // A leader that is paused or cut off keeps its key until the TTL runs out: still show it is the leader.
        facts.border = Border::Double;
    }
    return facts;
}

TopologyView::Facts TopologyView::etcdFacts(const QString& container) const
{
    Facts facts;
    const EtcdMemberState* member = etcdFor(container);
    const ContainerInfo* info = containerInfo(container);
    const QStringList names = serviceNames(container);
    facts.lines << Line { member ? member->name : names.size() > 1 ? names.at(1) : container, true, 1.15 };
    const QString containerText = containerStateText(container);
    const auto state = info ? std::optional<ContainerInfo::State>(info->state) : std::nullopt;
    const bool down = (state && *state != ContainerInfo::State::Running && *state != ContainerInfo::State::Paused)
        || (!info && hasAnyContainerInfo());
    const bool paused = state == ContainerInfo::State::Paused;
    const bool cutOff = isCutOff(container);
    if (member) {
        const QString health = member->healthy ? tr("healthy")
            : member->reachable                ? tr("unhealthy (no quorum)")
                                               : tr("down");
        facts.lines << Line { health, !member->healthy, 1.05 };
        if (member->reachable) {
            // An unreachable member has no raft role or term to report: fewer, larger lines.
            const QString term = member->raftTerm > 0 ? tr("term %1").arg(member->raftTerm) : tr("term ?");
            facts.lines << Line { member->raftLeader ? tr("raft leader · %1").arg(term) : tr("follower · %1").arg(term),
                member->raftLeader };
        }
        facts.tone = member->healthy ? Tone::Good : member->reachable ? Tone::Warn : Tone::Bad;
        facts.border = member->raftLeader ? Border::Double : Border::Solid;
    } else {
        facts.lines << Line { m_hasState ? tr("not observed") : tr("waiting…") };
    }
    if (!containerText.isEmpty() && !reachableContainer(container)) {
        facts.lines << Line { tr("container %1").arg(containerText), true };
    }
    facts.symbol = down ? Symbol::Stopped
        : cutOff        ? Symbol::CutOff
        : paused        ? Symbol::Paused
        : info          ? Symbol::Running
                        : Symbol::Unknown;
    if (down) {
        facts.tone = Tone::Bad;
        facts.border = Border::Dashed;
        facts.hatched = true;
    } else if (cutOff) {
        facts.tone = Tone::Bad;
        facts.border = Border::DashDot;
    } else if (paused) {
        facts.tone = Tone::Warn;
        facts.border = Border::Dotted;
    }
    return facts;
}

TopologyView::Facts TopologyView::haproxyFacts() const
{
    Facts facts;
    facts.lines << Line { tr("HAProxy"), true, 1.2 };
    if (!m_state.haproxy) {
        facts.lines << Line { m_hasState ? tr("stats unreachable") : tr("waiting…"), true };
        facts.lines << Line { m_hasState ? tr("routing unknown") : QString() };
        facts.tone = m_hasState ? Tone::Bad : Tone::Unknown;
        facts.symbol = m_hasState ? Symbol::Stopped : Symbol::Unknown;
        facts.border = m_hasState ? Border::Dashed : Border::Solid;
        facts.hatched = m_hasState;
        return facts;
    }
    const QStringList writes = m_state.routedServers(QStringLiteral("primary"));
    const QStringList reads = m_state.routedServers(QStringLiteral("replicas"));
    facts.lines << Line { tr("writes → %1").arg(writes.isEmpty() ? tr("nobody") : writes.join(QStringLiteral(", "))),
        writes.isEmpty() };
    facts.lines << Line { tr("reads → %1").arg(reads.isEmpty() ? tr("nobody") : reads.join(QStringLiteral(", "))),
        reads.isEmpty() };
    facts.tone = writes.size() == 1 ? Tone::Info : Tone::Warn;
    facts.symbol = Symbol::Running;
    return facts;
}

TopologyView::Facts TopologyView::factsFor(const Node& node) const
{
    Facts facts;
    switch (node.row) {
    case Row::Patroni:
        facts = patroniFacts(node.container);
        break;
    case Row::Etcd:
        facts = etcdFacts(node.container);
        break;
    case Row::Haproxy:
        facts = haproxyFacts();
        if (const ContainerInfo* info = containerInfo(node.container);
            info && info->state != ContainerInfo::State::Running) {
            facts.lines << Line { tr("container %1").arg(containerStateText(node.container)), true };
            facts.symbol = info->state == ContainerInfo::State::Paused ? Symbol::Paused : Symbol::Stopped;
        }
        break;
    }
    if (const QString faults = faultText(node.container); !faults.isEmpty()) {
        // Before the state details: while a fault is on, it explains them.
        facts.lines.insert(std::min(keptLines(node.row), facts.lines.size()), Line { faults, false, 1.0, true });
    }
    return facts;
}

QString TopologyView::faultText(const QString& container) const
{
    return m_injected.badges(container).join(QStringLiteral(" · "));
}

QStringList TopologyView::visibleLines(const QString& container) const
{
    QStringList texts;
    for (const Node& node : layout().nodes) {
        if (node.container == container) {
            for (const Line& line : fittingLines(node, factsFor(node))) {
                texts << line.text;
            }
        }
    }
    return texts;
}

TopologyView::Tone TopologyView::quorumTone() const
{
    if (!m_state.etcd || m_state.etcd->isEmpty()) {
        return Tone::Unknown;
    }
    const int healthy = m_state.healthyEtcdCount();
    if (!m_state.hasEtcdQuorum()) {
        return Tone::Bad;
    }
    return healthy == m_state.etcd->size() ? Tone::Good : Tone::Warn;
}

QString TopologyView::quorumText() const
{
    if (!m_state.etcd || m_state.etcd->isEmpty()) {
        return m_hasState ? tr("etcd not observed") : QString();
    }
    const int healthy = m_state.healthyEtcdCount();
    const auto total = m_state.etcd->size();
    return m_state.hasEtcdQuorum() ? tr("quorum %1/%2").arg(healthy).arg(total)
                                   : tr("quorum lost %1/%2").arg(healthy).arg(total);
}

QString TopologyView::nodeDetails(const QString& container) const
{
    QStringList lines { tr("Container: %1").arg(container) };
    if (const ContainerInfo* info = containerInfo(container)) {
        lines << tr("Docker: %1 (%2)").arg(ContainerInfo::stateName(info->state), info->statusText);
    }
    if (m_cluster) {
        if (const ContainerDetails* details = m_cluster->find(container)) {
            QStringList networks;
            for (const NetworkAttachment& attachment : details->networks) {
                networks << QStringLiteral("%1 %2").arg(attachment.network, attachment.ipAddress);
            }
            lines << tr("Networks (at discovery): %1")
                         .arg(networks.isEmpty() ? tr("none") : networks.join(QStringLiteral(", ")));
        }
    }
    for (const QString& fault : m_injected.badges(container)) {
        lines << tr("Injected fault: %1").arg(fault);
    }
    switch (m_rows.value(container)) {
    case Row::Patroni:
        if (const MemberState* member = memberFor(container)) {
            lines << tr("Member: %1, host %2").arg(member->name, member->host);
            lines << tr("Role: %1, state: %2").arg(DisplayText::role(*member), member->state);
            if (member->timeline) {
                lines << tr("Timeline: %1").arg(*member->timeline);
            }
            if (!member->receiveLsn.isEmpty() || !member->replayLsn.isEmpty()) {
                lines << tr("Received up to %1, replayed up to %2").arg(member->receiveLsn, member->replayLsn);
            }
            if (const QString lag = lagText(*member); !lag.isEmpty() && !member->isLeader()) {
                lines << lag;
            }
            lines << (member->apiReachable ? tr("REST API answers") : tr("REST API does not answer"));
            if (!member->patroniVersion.isEmpty()) {
                lines << tr("Patroni %1, PostgreSQL %2.%3")
                             .arg(member->patroniVersion)
                             .arg(member->serverVersion / 10000)
                             .arg(member->serverVersion % 10000);
            }
        } else {
            lines << tr("No Patroni member information");
        }
        break;
    case Row::Etcd:
        if (const EtcdMemberState* member = etcdFor(container)) {
            lines << tr("etcd member %1: %2").arg(member->name, member->healthy ? tr("healthy") : tr("not healthy"));
            lines << tr("Raft: %1, term %2")
                         .arg(member->raftLeader ? tr("leader") : tr("follower"))
                         .arg(member->raftTerm);
            if (!member->version.isEmpty()) {
                lines << tr("etcd %1").arg(member->version);
            }
            if (!member->error.isEmpty()) {
                lines << tr("Error: %1").arg(member->error);
            }
        }
        break;
    case Row::Haproxy:
        if (!m_state.haproxy) {
            lines << tr("Stats page does not answer");
        }
        for (const HaproxyBackendState& backend : m_state.haproxy.value_or(QList<HaproxyBackendState> {})) {
            lines << QStringLiteral("%1/%2: %3 %4")
                         .arg(backend.listener, backend.server, backend.status, backend.checkStatus);
        }
        break;
    }
    return lines.join(u'\n');
}

QString TopologyView::summary() const
{
    if (!m_hasState) {
        return m_cluster ? tr("Waiting for the first observation of the cluster.") : tr("No cluster found.");
    }
    QStringList parts;
    if (const MemberState* leader = m_state.leader()) {
        parts << (leader->timeline ? tr("Leader %1 on timeline %2.").arg(leader->name).arg(*leader->timeline)
                                   : tr("Leader %1.").arg(leader->name));
    } else {
        parts << tr("No leader.");
    }
    for (const QString& container : m_order) {
        const Row row = m_rows.value(container);
        const QString faults = faultText(container);
        if (row == Row::Haproxy) {
            if (!faults.isEmpty()) {
                parts << tr("%1: injected %2.").arg(container, faults);
            }
            continue;
        }
        const QString containerText = containerStateText(container);
        QString line;
        if (row == Row::Patroni) {
            const MemberState* member = memberFor(container);
            line = member ? tr("%1: %2, %3").arg(member->name, DisplayText::role(*member), member->state) : container;
            if (member && !member->isLeader() && !lagText(*member).isEmpty()) {
                line += QStringLiteral(", ") + lagText(*member);
            }
        } else {
            const EtcdMemberState* member = etcdFor(container);
            line = member ? tr("%1: %2").arg(member->name, member->healthy ? tr("healthy") : tr("down")) : container;
            if (member && member->raftLeader) {
                line += tr(", raft leader");
            }
        }
        if (!containerText.isEmpty() && !reachableContainer(container)) {
            line += tr(", container %1").arg(containerText);
        }
        if (!faults.isEmpty()) {
            line += tr(", injected: %1").arg(faults);
        }
        parts << line + u'.';
    }
    parts << tr("etcd %1.").arg(quorumText());
    if (m_state.haproxy) {
        const QStringList writes = m_state.routedServers(QStringLiteral("primary"));
        const QStringList reads = m_state.routedServers(QStringLiteral("replicas"));
        parts << tr("HAProxy sends writes to %1 and reads to %2.")
                     .arg(writes.isEmpty() ? tr("nobody") : writes.join(QStringLiteral(", ")),
                         reads.isEmpty() ? tr("nobody") : reads.join(QStringLiteral(", ")));
    } else {
        parts << tr("HAProxy is unreachable.");
    }
    return parts.join(u' ');
}

// --- layout ------------------------------------------------------------------------------------------------------

qreal TopologyView::textFloorPixelSize() const
{
    // The diagram reads like the rest of the window: its text never goes much below the window's own (which
    // presentation mode enlarges), whatever room the dock gives it; boxes drop their less important lines instead.
    return QFontInfo(font()).pixelSize() * 0.85;
}

qreal TopologyView::basePixelSize() const
{
    const qreal byHeight = height() / (m_presentation ? 30.0 : 40.0);
    return std::clamp(std::min(std::max(byHeight, textFloorPixelSize()), height() / 14.0), 7.0, 48.0);
}

void TopologyView::noteTextSize(qreal pixelSize) const
{
    m_smallestTextPx = m_smallestTextPx > 0 ? std::min(m_smallestTextPx, pixelSize) : pixelSize;
}

void TopologyView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        invalidate();
    }
    QWidget::changeEvent(event);
}

qreal TopologyView::lineWidth() const
{
    return std::max(1.0, height() / 400.0) * (m_presentation ? 2.0 : 1.0);
}

const TopologyView::Layout& TopologyView::layout() const
{
    if (m_layout && m_layoutSize == size()) {
        return *m_layout;
    }
    Layout result;
    const qreal w = width();
    const qreal h = height();
    const qreal margin = std::max(6.0, std::min(w, h) * 0.02);
    const qreal base = basePixelSize();
    // Wide and short (a dock above the timeline): the legend and the quorum badge go to the right of the header,
    // so the boxes get the height of the footer row.
    const bool oneRow = w > 2.6 * h;
    const qreal headerShare = oneRow ? 0.42 : 1.0;
    result.header = QRectF(margin, margin, (w - 2 * margin) * headerShare, base * (oneRow ? 2.2 : 1.8));
    result.footer = oneRow
        ? QRectF(result.header.right(), margin, w - 2 * margin - result.header.width(), base * 2.2)
        : QRectF(margin, h - margin - base * 2.2, w - 2 * margin, base * 2.2);
    const qreal top = result.header.bottom() + (oneRow ? base * 0.4 : 0.0);
    const qreal available = std::max(10.0, (oneRow ? h - margin : result.footer.top() - base * 0.6) - top);
    // Rows by the lines they hold (HAProxy 3, Patroni 6, etcd 3; the arrows' labels about 1.7 each); presentation
    // mode gives the boxes a little more and the arrows less.
    const qreal haproxyShare = m_presentation ? 0.20 : 0.19;
    const qreal routeShare = m_presentation ? 0.09 : 0.115;
    const qreal patroniShare = m_presentation ? 0.42 : 0.385;
    const qreal replicationShare = m_presentation ? 0.09 : 0.115;
    const qreal etcdShare = 1.0 - haproxyShare - routeShare - patroniShare - replicationShare;
    const qreal haproxyTop = top;
    const qreal patroniTop = haproxyTop + available * (haproxyShare + routeShare);
    const qreal etcdTop = patroniTop + available * (patroniShare + replicationShare);
    result.replicationGap = available * replicationShare;

    const auto placeRow = [&](Row row, qreal rowTop, qreal rowHeight, qreal widthShare) {
        QStringList names;
        for (const QString& container : m_order) {
            if (m_rows.value(container) == row) {
                names << container;
            }
        }
        if (names.isEmpty()) {
            return;
        }
        const qreal columnWidth = (w - 2 * margin) / std::max<qsizetype>(3, names.size());
        const qreal boxWidth = std::min(columnWidth * widthShare, row == Row::Haproxy ? w * 0.5 : w);
        // Centre the row: one HAProxy in the middle, three nodes across the width.
        const qreal rowWidth = columnWidth * names.size();
        const qreal left = (w - rowWidth) / 2;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const qreal centreX = left + columnWidth * (i + 0.5);
            const qreal actualWidth = row == Row::Haproxy ? std::min(w * 0.5, columnWidth * 1.6) : boxWidth;
            result.nodes.append(
                Node { names.at(i), row, QRectF(centreX - actualWidth / 2, rowTop, actualWidth, rowHeight) });
        }
    };
    placeRow(Row::Haproxy, haproxyTop, available * haproxyShare, 0.9);
    placeRow(Row::Patroni, patroniTop, available * patroniShare, m_presentation ? 0.92 : 0.86);
    placeRow(Row::Etcd, etcdTop, available * etcdShare, m_presentation ? 0.8 : 0.7);
    m_layout = result;
    m_layoutSize = size();
    return *m_layout;
}

QRectF TopologyView::nodeRect(const QString& container) const
{
    for (const Node& node : layout().nodes) {
        if (node.container == container) {
            return node.rect;
        }
    }
    return {};
}

QString TopologyView::nodeAt(const QPointF& point) const
{
    for (const Node& node : layout().nodes) {
        if (node.rect.contains(point)) {
            return node.container;
        }
    }
    return {};
}

// --- painting ------------------------------------------------------------------------------------------------------

QColor TopologyView::borderColour(Tone tone) const
{
    switch (tone) {
    case Tone::Good:
        return m_presentation ? QColor(0x0b, 0x5d, 0x1e) : QColor(0x1e, 0x7b, 0x34);
    case Tone::Info:
        return m_presentation ? QColor(0x0d, 0x3f, 0x7a) : QColor(0x1f, 0x5f, 0xa8);
    case Tone::Warn:
        return m_presentation ? QColor(0x7a, 0x47, 0x00) : QColor(0xa3, 0x5f, 0x00);
    case Tone::Bad:
        return m_presentation ? QColor(0x8c, 0x1d, 0x18) : QColor(0xb3, 0x26, 0x1e);
    case Tone::Unknown:
        break;
    }
    return m_presentation ? QColor(0x3c, 0x3c, 0x3c) : QColor(0x6b, 0x6b, 0x6b);
}

QColor TopologyView::fillColour(Tone tone) const
{
    switch (tone) {
    case Tone::Good:
        return m_presentation ? QColor(0xc8, 0xeb, 0xd0) : QColor(0xe3, 0xf4, 0xe6);
    case Tone::Info:
        return m_presentation ? QColor(0xc9, 0xdc, 0xf5) : QColor(0xe4, 0xee, 0xfa);
    case Tone::Warn:
        return m_presentation ? QColor(0xff, 0xe0, 0xa3) : QColor(0xff, 0xf1, 0xd6);
    case Tone::Bad:
        return m_presentation ? QColor(0xf8, 0xc5, 0xc1) : QColor(0xfd, 0xe4, 0xe2);
    case Tone::Unknown:
        break;
    }
    return m_presentation ? QColor(0xe0, 0xe0, 0xe0) : QColor(0xf0, 0xf0, 0xf0);
}

QColor TopologyView::textColour() const
{
    return m_presentation ? QColor(Qt::black) : QColor(0x1a, 0x1a, 0x1a);
}

// Dark amber on light amber: above 7:1 contrast, so a washed-out projector still shows it; the badge's frame says
// "fault" without the colour.
QColor TopologyView::faultTextColour() const
{
    return m_presentation ? QColor(0x5c, 0x32, 0x00) : QColor(0x6e, 0x3c, 0x00);
}

QColor TopologyView::faultFillColour() const
{
    return m_presentation ? QColor(0xff, 0xcf, 0x70) : QColor(0xff, 0xdf, 0x99);
}

void TopologyView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Qt::white);
    m_smallestTextPx = 0;

    if (!m_hasState && !m_cluster) {
        QFont font = this->font();
        font.setPixelSize(static_cast<int>(basePixelSize() * 1.3));
        painter.setFont(font);
        painter.setPen(textColour());
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
            tr("No cluster found — bring the lab up (Lab ▸ Up)"));
        return;
    }
    paintRoutes(painter);
    paintReplication(painter);
    for (const Node& node : layout().nodes) {
        paintNode(painter, node, factsFor(node));
    }
    paintHeaderAndFooter(painter);
}

void TopologyView::paintNode(QPainter& painter, const Node& node, const Facts& facts) const
{
    const qreal lw = lineWidth();
    const QRectF box = node.rect;
    const qreal radius = std::min(box.width(), box.height()) * 0.08;
    const QColor border = borderColour(facts.tone);

    painter.save();
    painter.setBrush(fillColour(facts.tone));
    QPen pen(border, lw * (facts.border == Border::Double ? 1.6 : 1.4));
    switch (facts.border) {
    case Border::Dashed:
        pen.setStyle(Qt::DashLine);
        break;
    case Border::Dotted:
        pen.setStyle(Qt::DotLine);
        break;
    case Border::DashDot:
        pen.setStyle(Qt::DashDotLine);
        break;
    case Border::Solid:
    case Border::Double:
        break;
    }
    painter.setPen(pen);
    painter.drawRoundedRect(box, radius, radius);
    if (facts.hatched) {
        QColor hatch = border;
        hatch.setAlpha(60);
        painter.setBrush(QBrush(hatch, Qt::BDiagPattern));
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(box, radius, radius);
    }
    if (facts.border == Border::Double) {
        // Leaders (Patroni's and raft's) get a second frame: a shape, not only a colour.
        const qreal inset = lw * 2.5;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(border, lw * 1.2));
        painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), radius * 0.8, radius * 0.8);
    }
    if (node.container == m_selected) {
        QPen focus(textColour(), lw * 1.5, Qt::DashLine);
        painter.setPen(focus);
        painter.setBrush(Qt::NoBrush);
        const qreal out = lw * 4;
        painter.drawRoundedRect(box.adjusted(-out, -out, out, out), radius, radius);
    }

    const qreal lineFactor = m_presentation ? 1.12 : 1.25;
    const qreal padding = box.height() * 0.05 + lw * 1.5;
    const qreal floor = textFloorPixelSize();
    const QList<Line> lines = fittingLines(node, facts);
    qreal totalScale = 0;
    for (const Line& line : lines) {
        totalScale += line.scale;
    }
    const qreal fittingPixel = (box.height() - 2 * padding) / std::max(1.0, totalScale * lineFactor);
    qreal pixel = std::clamp(fittingPixel, 6.0, std::max(6.0, box.width() / 8.0));
    // Shrink until the widest line fits (the first one beside the state symbol in the top corner); eliding is the
    // last resort below 6 px.
    const auto textWidthFor
        = [&](qreal size, qsizetype index) { return box.width() - 2 * (lw * 5) - (index == 0 ? 2 * size * 1.1 : 0.0); };
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const Line& line = lines.at(index);
        if (line.fault) {
            continue; // a long fault line shrinks on its own below, not the whole box
        }
        QFont font = this->font();
        font.setPixelSize(std::max(6, static_cast<int>(pixel * line.scale)));
        font.setBold(line.bold);
        const qreal needed = QFontMetricsF(font).horizontalAdvance(line.text);
        if (needed > textWidthFor(pixel, index)) {
            pixel = std::max(std::min(pixel, floor * 0.85), pixel * textWidthFor(pixel, index) / needed * 0.98);
        }
    }
    qreal y = box.center().y() - totalScale * lineFactor * pixel / 2;
    const qreal symbolSize = pixel * 1.1;
    painter.setPen(textColour());
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const Line& line = lines.at(index);
        const qreal textWidth = textWidthFor(pixel, index);
        QFont font = this->font();
        font.setPixelSize(std::max(6, static_cast<int>(pixel * line.scale)));
        font.setBold(line.bold);
        if (line.fault) {
            font.setWeight(QFont::DemiBold);
            const qreal needed = QFontMetricsF(font).horizontalAdvance(line.text) + pixel * 0.8;
            if (needed > textWidth) {
                const qreal fitting = font.pixelSize() * textWidth / needed * 0.98;
                font.setPixelSize(std::max(6, static_cast<int>(std::max(fitting, std::min<qreal>(font.pixelSize(), floor * 0.85)))));
            }
        }
        painter.setFont(font);
        noteTextSize(font.pixelSize());
        const QFontMetricsF metrics(font);
        const qreal lineHeight = pixel * line.scale * lineFactor;
        const qreal badgePadding = line.fault ? font.pixelSize() * 0.8 : 0.0;
        const QString text = metrics.elidedText(line.text, Qt::ElideRight, textWidth - badgePadding);
        const QRectF textRect(box.left() + (box.width() - textWidth) / 2, y, textWidth, lineHeight);
        if (line.fault) {
            QRectF badge(0, 0, metrics.horizontalAdvance(text) + badgePadding, lineHeight * 0.95);
            badge.moveCenter(textRect.center());
            painter.setPen(QPen(faultTextColour(), lw));
            painter.setBrush(faultFillColour());
            painter.drawRoundedRect(badge, badge.height() * 0.3, badge.height() * 0.3);
            painter.setPen(faultTextColour());
        }
        painter.drawText(textRect, Qt::AlignCenter, text);
        if (line.fault) {
            painter.setPen(textColour());
        }
        y += lineHeight;
    }
    const QRectF symbolBox(
        box.right() - symbolSize - lw * 4 - radius * 0.3, box.top() + lw * 4 + radius * 0.3, symbolSize, symbolSize);
    paintSymbol(painter, symbolBox, facts.symbol, border);
    painter.restore();
}

QList<TopologyView::Line> TopologyView::fittingLines(const Node& node, const Facts& facts) const
{
    // Text: the font follows the box height, so the diagram reads at any window size, but not below the window's
    // text: a box too small for all its lines at that size leaves out the less important ones (the last lines
    // that are not bold; the name, role and state stay, and so does a fault line).
    const qreal lineFactor = m_presentation ? 1.12 : 1.25;
    // Thick presentation lines must not eat the text's room: the padding grows only a little with them.
    const qreal padding = node.rect.height() * 0.05 + lineWidth() * 1.5;
    const qreal floor = textFloorPixelSize();
    QList<Line> lines = facts.lines;
    const auto fittingPixel = [&] {
        qreal total = 0;
        for (const Line& line : lines) {
            total += line.scale;
        }
        return (node.rect.height() - 2 * padding) / std::max(1.0, total * lineFactor);
    };
    const qsizetype kept = keptLines(node.row);
    while (fittingPixel() < floor && lines.size() > kept) {
        qsizetype drop = lines.size() - 1;
        while (drop >= kept && (lines.at(drop).bold || lines.at(drop).fault)) {
            --drop;
        }
        lines.removeAt(drop >= kept ? drop : lines.size() - 1);
    }
    return lines;
}

void TopologyView::paintSymbol(QPainter& painter, const QRectF& box, Symbol symbol, const QColor& colour) const
{
    painter.save();
    painter.setPen(QPen(colour, std::max(1.0, box.width() / 8)));
    painter.setBrush(colour);
    switch (symbol) {
    case Symbol::Running:
        painter.drawEllipse(
            box.adjusted(box.width() * 0.15, box.height() * 0.15, -box.width() * 0.15, -box.height() * 0.15));
        break;
    case Symbol::Paused: {
        const qreal bar = box.width() * 0.28;
        painter.setPen(Qt::NoPen);
        painter.drawRect(QRectF(box.left() + box.width() * 0.12, box.top(), bar, box.height()));
        painter.drawRect(QRectF(box.right() - box.width() * 0.12 - bar, box.top(), bar, box.height()));
        break;
    }
    case Symbol::Stopped:
        painter.setPen(Qt::NoPen);
        painter.drawRect(box.adjusted(box.width() * 0.1, box.height() * 0.1, -box.width() * 0.1, -box.height() * 0.1));
        break;
    case Symbol::CutOff: {
        // A cable with a gap in it.
        const qreal y = box.center().y();
        painter.drawLine(QPointF(box.left(), y), QPointF(box.left() + box.width() * 0.35, y));
        painter.drawLine(QPointF(box.right() - box.width() * 0.35, y), QPointF(box.right(), y));
        painter.drawLine(QPointF(box.left() + box.width() * 0.35, box.top()),
            QPointF(box.left() + box.width() * 0.35, box.bottom()));
        painter.drawLine(QPointF(box.right() - box.width() * 0.35, box.top()),
            QPointF(box.right() - box.width() * 0.35, box.bottom()));
        break;
    }
    case Symbol::Unknown:
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(
            box.adjusted(box.width() * 0.2, box.height() * 0.2, -box.width() * 0.2, -box.height() * 0.2));
        break;
    }
    painter.restore();
}

void TopologyView::paintLabel(QPainter& painter, const QPointF& centre, const QString& text, qreal pixelSize) const
{
    QFont font = this->font();
    font.setPixelSize(std::max(6, static_cast<int>(pixelSize)));
    noteTextSize(font.pixelSize());
    const QFontMetricsF metrics(font);
    const QRectF textRect(0, 0, metrics.horizontalAdvance(text) + pixelSize * 0.8, metrics.height() * 1.1);
    QRectF backdrop = textRect;
    backdrop.moveCenter(centre);
    painter.save();
    painter.setFont(font);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(backdrop, pixelSize * 0.3, pixelSize * 0.3);
    painter.setPen(textColour());
    painter.drawText(backdrop, Qt::AlignCenter, text);
    painter.restore();
}

void TopologyView::paintRoutes(QPainter& painter) const
{
    if (!m_state.haproxy) {
        return;
    }
    const Layout& current = layout();
    const auto haproxy = std::find_if(
        current.nodes.cbegin(), current.nodes.cend(), [](const Node& n) { return n.row == Row::Haproxy; });
    if (haproxy == current.nodes.cend()) {
        return;
    }
    const qreal lw = lineWidth();
    const qreal labelSize = basePixelSize() * 0.85;
    QList<const Node*> patroni;
    for (const Node& node : current.nodes) {
        if (node.row == Row::Patroni) {
            patroni << &node;
        }
    }
    const auto draw = [&](const QString& server, bool write) {
        const Node* target = nodeForServer(server);
        if (!target) {
            return;
        }
        const qsizetype index = patroni.indexOf(target);
        const QRectF& from = haproxy->rect;
        const qreal startX
            = from.left() + from.width() * (index + 1) / (patroni.size() + 1) + (write ? -lw * 4 : lw * 4);
        const QPointF start(startX, from.bottom());
        const QPointF end(
            target->rect.center().x() + (write ? -1 : 1) * target->rect.width() * 0.08, target->rect.top() - lw * 2);
        QPen pen(write ? textColour() : QColor(0x44, 0x44, 0x44), lw * (write ? 3.0 : 2.0),
            write ? Qt::SolidLine : Qt::DashLine);
        pen.setCapStyle(Qt::FlatCap);
        painter.save();
        painter.setPen(pen);
        const qreal angle = std::atan2(end.y() - start.y(), end.x() - start.x());
        const qreal head = lw * 4 + labelSize * 0.6;
        const QPointF shaftEnd = end - QPointF(std::cos(angle) * head * 0.8, std::sin(angle) * head * 0.8);
        painter.drawLine(start, shaftEnd);
        drawArrowHead(painter, end, angle, head);
        painter.restore();
        paintLabel(painter, (start + end) / 2, write ? tr("writes") : tr("reads"), labelSize);
    };
    for (const QString& server : m_state.routedServers(QStringLiteral("replicas"))) {
        draw(server, false);
    }
    for (const QString& server : m_state.routedServers(QStringLiteral("primary"))) {
        draw(server, true);
    }
}

void TopologyView::paintReplication(QPainter& painter) const
{
    const MemberState* leader = m_state.leader();
    if (!leader) {
        return;
    }
    const Layout& current = layout();
    QList<const Node*> patroni;
    const Node* leaderNode = nullptr;
    for (const Node& node : current.nodes) {
        if (node.row == Row::Patroni) {
            patroni << &node;
            if (memberFor(node.container) == leader) {
                leaderNode = &node;
            }
        }
    }
    if (!leaderNode || !reachableContainer(leaderNode->container)) {
        return;
    }
    const qreal lw = lineWidth();
    const qreal labelSize = basePixelSize() * 0.85;
    const qsizetype leaderIndex = patroni.indexOf(leaderNode);
    for (qsizetype i = 0; i < patroni.size(); ++i) {
        const MemberState* member = memberFor(patroni.at(i)->container);
        // The DCS may still call a frozen or cut-off replica "streaming" for a while; no WAL reaches it.
        if (!member || member == leader || !replicaStreams(*member) || !reachableContainer(patroni.at(i)->container)) {
            continue;
        }
        const qsizetype distance = std::abs(i - leaderIndex);
        const qreal depth = current.replicationGap * (0.38 + 0.36 * std::min<qreal>(1.0, (distance - 1) / 1.0));
        const qreal side = i > leaderIndex ? 1.0 : -1.0;
        const QRectF& from = leaderNode->rect;
        const QRectF& to = patroni.at(i)->rect;
        const QPointF start(from.center().x() + side * from.width() * (0.12 + 0.14 * (distance - 1)), from.bottom());
        const QPointF end(to.center().x() - side * to.width() * 0.12, to.bottom() + lw * 2);
        QPainterPath path(start);
        path.cubicTo(start + QPointF(0, depth * 1.33), end + QPointF(0, depth * 1.33), end + QPointF(0, lw * 6));
        painter.save();
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(borderColour(Tone::Good), lw * 2.2));
        painter.drawPath(path);
        drawArrowHead(painter, end, -Pi / 2, lw * 4 + labelSize * 0.6);
        painter.restore();
        const QString lag = lagText(*member);
        paintLabel(
            painter, QPointF((start.x() + end.x()) / 2, start.y() + depth), lag.isEmpty() ? tr("WAL") : lag, labelSize);
    }
}

void TopologyView::paintHeaderAndFooter(QPainter& painter) const
{
    const Layout& current = layout();
    const qreal base = basePixelSize();
    const qreal lw = lineWidth();
    painter.save();
    QFont font = this->font();
    font.setPixelSize(static_cast<int>(base));
    painter.setFont(font);
    painter.setPen(textColour());
    QString header;
    if (!m_hasState) {
        font.setBold(true);
        painter.setFont(font);
        header = tr("Waiting for the first observation…");
    } else {
        const QString scope = m_state.scope.isEmpty() ? tr("cluster") : tr("cluster %1").arg(m_state.scope);
        const MemberState* leader = m_state.leader();
        header = leader ? tr("%1 · leader %2").arg(scope, leader->name) : tr("%1 · NO LEADER").arg(scope);
        if (const auto timeline = m_state.timeline()) {
            header += tr(" · timeline %1").arg(*timeline);
        }
    }
    painter.drawText(current.header, Qt::AlignLeft | Qt::AlignVCenter, header);

    // Legend on the left of the footer, the quorum badge on the right.
    const QRectF footer = current.footer;
    const qreal y = footer.center().y();
    qreal x = footer.left();
    const qreal sample = base * 2.2;
    const auto legend = [&](const QPen& pen, const QString& text) {
        painter.setPen(pen);
        painter.drawLine(QPointF(x, y), QPointF(x + sample, y));
        x += sample + base * 0.4;
        painter.setPen(textColour());
        const QFontMetricsF metrics(painter.font());
        painter.drawText(QPointF(x, y + metrics.ascent() / 2 - metrics.descent() / 2), text);
        x += metrics.horizontalAdvance(text) + base * 1.2;
    };
    font.setBold(false);
    font.setPixelSize(static_cast<int>(base * 0.85));
    painter.setFont(font);
    legend(QPen(textColour(), lw * 3), tr("writes"));
    legend(QPen(QColor(0x44, 0x44, 0x44), lw * 2, Qt::DashLine), tr("reads"));
    legend(QPen(borderColour(Tone::Good), lw * 2.2), tr("replication"));
    if (!m_injected.isEmpty()) {
        const QFontMetricsF metrics(painter.font());
        const QRectF badge(x, y - metrics.height() * 0.55, sample, metrics.height() * 1.1);
        painter.setPen(QPen(faultTextColour(), lw));
        painter.setBrush(faultFillColour());
        painter.drawRoundedRect(badge, badge.height() * 0.3, badge.height() * 0.3);
        x += sample + base * 0.4;
        painter.setPen(textColour());
        painter.drawText(QPointF(x, y + metrics.ascent() / 2 - metrics.descent() / 2), tr("fault injected"));
    }

    const QString quorum = quorumText();
    if (!quorum.isEmpty()) {
        const Tone tone = quorumTone();
        font.setBold(true);
        font.setPixelSize(static_cast<int>(base * 1.1));
        painter.setFont(font);
        const QFontMetricsF metrics(font);
        const qreal iconSize = metrics.height() * 0.8;
        const qreal badgeWidth = metrics.horizontalAdvance(quorum) + iconSize + base * 1.6;
        const QRectF badge(footer.right() - badgeWidth, footer.top(), badgeWidth, footer.height());
        painter.setPen(QPen(borderColour(tone), lw * 1.6, tone == Tone::Good ? Qt::SolidLine : Qt::DashLine));
        painter.setBrush(fillColour(tone));
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        // The icon says it without colour: a tick, a warning bar, a cross.
        const QRectF icon(badge.left() + base * 0.6, badge.center().y() - iconSize / 2, iconSize, iconSize);
        painter.setPen(QPen(borderColour(tone), lw * 2.2));
        if (tone == Tone::Good) {
            painter.drawPolyline(QPolygonF { QPointF(icon.left(), icon.center().y()),
                QPointF(icon.left() + icon.width() * 0.4, icon.bottom()), icon.topRight() });
        } else if (tone == Tone::Warn) {
            painter.drawLine(QPointF(icon.center().x(), icon.top()),
                QPointF(icon.center().x(), icon.bottom() - icon.height() * 0.3));
            painter.drawPoint(QPointF(icon.center().x(), icon.bottom()));
        } else {
            painter.drawLine(icon.topLeft(), icon.bottomRight());
            painter.drawLine(icon.topRight(), icon.bottomLeft());
        }
        painter.setPen(textColour());
        painter.drawText(badge.adjusted(iconSize + base * 0.9, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, quorum);
    }
    painter.restore();
}

// --- interaction ---------------------------------------------------------------------------------------------------

void TopologyView::setSelectedContainer(const QString& container)
{
    const QString next = m_order.contains(container) ? container : QString();
    if (next == m_selected) {
        return;
    }
    m_selected = next;
    update();
    emit selectionChanged(m_selected);
}

void TopologyView::select(int index)
{
    if (index >= 0 && index < m_order.size()) {
        setSelectedContainer(m_order.at(index));
    }
}

void TopologyView::moveSelection(int rowDelta, int columnDelta)
{
    if (m_order.isEmpty()) {
        return;
    }
    if (m_selected.isEmpty()) {
        select(0);
        return;
    }
    const QList<Row> rows { Row::Haproxy, Row::Patroni, Row::Etcd };
    const Row currentRow = m_rows.value(m_selected);
    QStringList sameRow;
    for (const QString& container : m_order) {
        if (m_rows.value(container) == currentRow) {
            sameRow << container;
        }
    }
    if (columnDelta != 0) {
        const qsizetype index = (sameRow.indexOf(m_selected) + columnDelta + sameRow.size()) % sameRow.size();
        setSelectedContainer(sameRow.at(index));
        return;
    }
    // Up or down: the nearest node of the next row that has any.
    const qreal x = nodeRect(m_selected).center().x();
    for (qsizetype r = rows.indexOf(currentRow) + rowDelta; r >= 0 && r < rows.size(); r += rowDelta) {
        QString best;
        qreal bestDistance = 0;
        for (const QString& container : m_order) {
            if (m_rows.value(container) != rows.at(r)) {
                continue;
            }
            const qreal distance = std::abs(nodeRect(container).center().x() - x);
            if (best.isEmpty() || distance < bestDistance) {
                best = container;
                bestDistance = distance;
            }
        }
        if (!best.isEmpty()) {
            setSelectedContainer(best);
            return;
        }
    }
}

NodeActionMenu* TopologyView::openMenu(const QString& container, const QPoint& globalPosition)
{
    if (!m_order.contains(container)) {
        return nullptr;
    }
    if (m_menu) {
        m_menu->close();
    }
    auto* menu = new NodeActionMenu(contextFor(container), this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    connect(menu, &NodeActionMenu::nodeActionRequested, this, &TopologyView::nodeActionRequested);
    connect(menu, &NodeActionMenu::faultRequested, this, &TopologyView::faultRequested);
    connect(menu, &NodeActionMenu::switchoverRequested, this, &TopologyView::switchoverRequested);
    connect(menu, &NodeActionMenu::healAllRequested, this, &TopologyView::healAllRequested);
    m_menu = menu;
    menu->popup(globalPosition);
    return menu;
}

void TopologyView::mousePressEvent(QMouseEvent* event)
{
    const QString container = nodeAt(event->position());
    if (container.isEmpty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    setSelectedContainer(container);
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) {
        openMenu(container, event->globalPosition().toPoint());
    }
    event->accept();
}

void TopologyView::contextMenuEvent(QContextMenuEvent* event)
{
    // Mouse presses already opened the menu; this is the keyboard's Menu key.
    if (event->reason() == QContextMenuEvent::Keyboard && !m_selected.isEmpty()) {
        openMenu(m_selected, mapToGlobal(nodeRect(m_selected).bottomLeft().toPoint()));
    }
    event->accept();
}

void TopologyView::focusInEvent(QFocusEvent* event)
{
    if (m_selected.isEmpty() && !m_order.isEmpty() && event->reason() != Qt::MouseFocusReason) {
        select(event->reason() == Qt::BacktabFocusReason ? static_cast<int>(m_order.size()) - 1 : 0);
    }
    QWidget::focusInEvent(event);
}

bool TopologyView::focusNextPrevChild(bool next)
{
    // Tab walks through the nodes first, then leaves the diagram like from any other widget.
    const qsizetype index = m_order.indexOf(m_selected);
    const qsizetype target = index < 0 ? (next ? 0 : m_order.size() - 1) : index + (next ? 1 : -1);
    if (hasFocus() && target >= 0 && target < m_order.size()) {
        select(static_cast<int>(target));
        return true;
    }
    return QWidget::focusNextPrevChild(next);
}

void TopologyView::runKey(int key)
{
    if (key == Qt::Key_H) {
        emit healAllRequested();
        return;
    }
    if (m_selected.isEmpty()) {
        return;
    }
    const NodeMenuContext context = contextFor(m_selected);
    std::optional<NodeAction> action;
    switch (key) {
    case Qt::Key_S:
        action = NodeAction::Stop;
        break;
    case Qt::Key_T:
        action = NodeAction::Start;
        break;
    case Qt::Key_R:
        action = NodeAction::Restart;
        break;
    case Qt::Key_K:
        action = NodeAction::Kill;
        break;
    case Qt::Key_P:
        action = context.toggle(NodeAction::Pause, NodeAction::Unpause);
        break;
    case Qt::Key_N:
        action = context.toggle(NodeAction::Disconnect, NodeAction::Connect);
        break;
    case Qt::Key_W:
        if (context.switchoverBlockedReason().isEmpty()) {
            emit switchoverRequested(context.member);
        }
        return;
    case Qt::Key_I:
        requestFault(NodeAction::Impair, context);
        return;
    case Qt::Key_C:
        requestFault(NodeAction::Clear, context);
        return;
    case Qt::Key_X:
        requestFault(NodeAction::Partition, context);
        return;
    case Qt::Key_U:
        requestFault(NodeAction::Unpartition, context);
        return;
    case Qt::Key_G:
        requestFault(NodeAction::KillPostgres, context);
        return;
    case Qt::Key_Z:
        // Only the window's own freeze is known; a scenario's is thawed from the menu (or by Heal all).
        requestFault(m_injected.has(m_selected, NodeAction::FreezePostgres) ? NodeAction::ThawPostgres
                                                                           : NodeAction::FreezePostgres,
            context);
        return;
    default:
        return;
    }
    // A key that does not apply does nothing, as its menu entry would be disabled.
    if (action && context.applies(*action)) {
        emit nodeActionRequested(*action, m_selected);
    }
}

void TopologyView::requestFault(NodeAction action, const NodeMenuContext& context)
{
    if (!context.applies(action)) {
        return;
    }
    if (const auto request = NodeActionMenu::askForFault(action, context, this)) {
        emit faultRequested(*request);
    }
}

void TopologyView::keyPressEvent(QKeyEvent* event)
{
    const int key = event->key();
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (key) {
    case Qt::Key_Left:
        moveSelection(0, -1);
        break;
    case Qt::Key_Right:
        moveSelection(0, 1);
        break;
    case Qt::Key_Up:
        moveSelection(-1, 0);
        break;
    case Qt::Key_Down:
        moveSelection(1, 0);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
    case Qt::Key_Menu:
        if (!m_selected.isEmpty()) {
            openMenu(m_selected, mapToGlobal(nodeRect(m_selected).bottomLeft().toPoint()));
        }
        break;
    case Qt::Key_Escape:
        setSelectedContainer(QString());
        break;
    case Qt::Key_S:
    case Qt::Key_T:
    case Qt::Key_R:
    case Qt::Key_K:
    case Qt::Key_P:
    case Qt::Key_N:
    case Qt::Key_W:
    case Qt::Key_H:
    case Qt::Key_I:
    case Qt::Key_C:
    case Qt::Key_X:
    case Qt::Key_U:
    case Qt::Key_G:
    case Qt::Key_Z:
        runKey(key);
        break;
    default:
        if (key >= Qt::Key_1 && key <= Qt::Key_9) {
            select(key - Qt::Key_1);
            break;
        }
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TopologyView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString container = nodeAt(help->pos());
        if (container.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), nodeDetails(container), this, nodeRect(container).toRect());
        }
        return true;
    }
    return QWidget::event(event);
}
