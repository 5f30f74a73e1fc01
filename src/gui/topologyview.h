// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "dockerruntime.h"
#include "injectedfaults.h"
#include "nodeactionmenu.h"

#include <QPointer>
#include <QWidget>

#include <optional>

// The cluster as a diagram for the lecture screen: HAProxy on top with arrows to where it routes writes (solid)
// and reads (dashed), the Patroni nodes in the middle with replication arrows from the leader, the etcd nodes
// and their quorum at the bottom. Every state is told by text and shape as well as colour. A click or a key
// opens the node's menu or runs an action; the view only asks for them through its signals.
class TopologyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyView)
public:
    struct KeyBinding
    {
        QString keys;
        QString description;
    };

    explicit TopologyView(QWidget* parent = nullptr);
    ~TopologyView() override;

    void setState(const ClusterState& state);
    // Which containers exist (also those with no API answer) and, when discovered afresh after a disconnect or
    // connect, which are cut off from the cluster's network.
    void setCluster(const DiscoveredCluster& cluster);
    // The faults inside containers that the window injected and are still on: each node shows its own.
    void setInjectedFaults(const InjectedFaults& faults);
    const InjectedFaults& injectedFaults() const { return m_injected; }
    // No cluster: the lab is down or was never found.
    void clear();
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    // Containers in diagram order: Patroni nodes, etcd nodes, HAProxy (digits 1, 2, 3 … select them).
    QStringList containers() const;
    QString nodeAt(const QPointF& point) const;
    QRectF nodeRect(const QString& container) const;
    QString selectedContainer() const { return m_selected; }
    void setSelectedContainer(const QString& container);

    NodeMenuContext contextFor(const QString& container) const;
    // Pops up the node's menu without blocking; it deletes itself when closed.
    NodeActionMenu* openMenu(const QString& container, const QPoint& globalPosition);
    NodeActionMenu* activeMenu() const { return m_menu; }

    // What the diagram shows, for tests and assistive technology.
    QString roleOf(const QString& container) const;
    QString containerStateText(const QString& container) const;
    QString quorumText() const;
    QString nodeDetails(const QString& container) const; // the tooltip
    // The node's fault line ("delay 100 ms ±20 ms · CPU 0.2"), empty when the window injected nothing there.
    QString faultText(const QString& container) const;
    // The lines the node's box shows at the view's current size (a small box leaves the less important ones out).
    QStringList visibleLines(const QString& container) const;
    QString summary() const;
    // The smallest text (pixel size) the last paint drew: the diagram keeps up with the window's font.
    qreal smallestTextPixelSize() const { return m_smallestTextPx; }
    bool hasState() const { return m_hasState; }

    // The keyboard commands, for a help dialog.
    static QList<KeyBinding> keyBindings();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void nodeActionRequested(NodeAction action, const QString& container);
    // A fault inside the container, with its parameters (from the node's menu or a key and its dialog).
    void faultRequested(const NodeActionRequest& request);
    void switchoverRequested(const QString& candidateMember);
    void healAllRequested();
    void selectionChanged(const QString& container);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    bool focusNextPrevChild(bool next) override;

private:
    enum class Row { Haproxy, Patroni, Etcd };
    enum class Tone { Good, Info, Warn, Bad, Unknown };
    enum class Symbol { Running, Paused, Stopped, CutOff, Unknown };
    enum class Border { Solid, Double, Dashed, Dotted, DashDot };

    struct Node
    {
        QString container;
        Row row = Row::Patroni;
        QRectF rect;
    };
    struct Line
    {
        QString text;
        bool bold = false;
        qreal scale = 1.0;
        bool fault = false; // drawn as a badge in the warning colour
    };
    struct Facts
    {
        QList<Line> lines;
        Tone tone = Tone::Unknown;
        Symbol symbol = Symbol::Unknown;
        Border border = Border::Solid;
        bool hatched = false;
    };
    struct Layout
    {
        QRectF header;
        QRectF footer;
        qreal replicationGap = 0;
        QList<Node> nodes;
    };

    const Layout& layout() const;
    void invalidate();
    void stateChangedInternally();
    QStringList serviceNames(const QString& container) const;
    const ContainerInfo* containerInfo(const QString& container) const;
    const MemberState* memberFor(const QString& container) const;
    const EtcdMemberState* etcdFor(const QString& container) const;
    const Node* nodeForServer(const QString& server) const;
    Facts factsFor(const Node& node) const;
    Facts patroniFacts(const QString& container) const;
    Facts etcdFacts(const QString& container) const;
    Facts haproxyFacts() const;
    // The lines that fit the box at a text size the window can read, and the pixel size that fits them.
    QList<Line> fittingLines(const Node& node, const Facts& facts) const;
    // A Patroni node always keeps its name, role and state; HAProxy its name and where writes go; etcd its name and
    // health. The fault line comes right after them.
    static qsizetype keptLines(Row row) { return row == Row::Patroni ? 3 : 2; }
    QString lagText(const MemberState& member) const;
    Tone quorumTone() const;
    bool hasAnyContainerInfo() const;
    bool replicaStreams(const MemberState& member) const;
    bool reachableContainer(const QString& container) const; // running and not cut off, or not known
    bool isCutOff(const QString& container) const;            // attached to none of the cluster's networks
    void select(int index);
    void moveSelection(int rowDelta, int columnDelta);
    void runKey(int key);
    void requestFault(NodeAction action, const NodeMenuContext& context);

    void paintNode(QPainter& painter, const Node& node, const Facts& facts) const;
    void paintSymbol(QPainter& painter, const QRectF& box, Symbol symbol, const QColor& colour) const;
    void paintRoutes(QPainter& painter) const;
    void paintReplication(QPainter& painter) const;
    void paintHeaderAndFooter(QPainter& painter) const;
    void paintLabel(QPainter& painter, const QPointF& centre, const QString& text, qreal pixelSize) const;
    QColor borderColour(Tone tone) const;
    QColor fillColour(Tone tone) const;
    QColor textColour() const;
    QColor faultTextColour() const;
    QColor faultFillColour() const;
    qreal lineWidth() const;
    qreal basePixelSize() const;
    qreal textFloorPixelSize() const;
    void noteTextSize(qreal pixelSize) const;

    ClusterState m_state;
    bool m_hasState = false;
    std::optional<DiscoveredCluster> m_cluster;
    InjectedFaults m_injected;
    bool m_presentation = false;
    mutable qreal m_smallestTextPx = 0;
    QString m_selected;
    QPointer<NodeActionMenu> m_menu;
    QStringList m_order; // containers in diagram order
    QHash<QString, Row> m_rows;
    mutable std::optional<Layout> m_layout;
    mutable QSize m_layoutSize;
};
