// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "dockerruntime.h"
#include "labdefinition.h"
#include "labstatus.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class ClusterObserver;
class LabController;
class MemberTableModel;
class QMenu;
class QCustomPlot;

namespace Ui {
class MainWindow;
}

// The lab window. Everything slow (docker, HTTP, SQL) runs in labcore's asynchronous objects; this class only
// reacts to their signals, so the window never freezes.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(const LabDefinition& lab, QWidget* parent = nullptr);
    ~MainWindow() override;

    QCustomPlot* timelinePlot() const { return m_timeline; }
    const LabDefinition& lab() const { return m_lab; }

    // Runs a node action on a container of the observed cluster, as `docker ACTION CONTAINER`.
    void runNodeAction(NodeAction action, const QString& container);
    // Unpauses, reconnects and starts every container of the observed cluster.
    void healAll();

signals:
    // Emitted after each complete look at the cluster (for tests and future panes).
    void statusRefreshed(const LabStatus& status);
    void nodeActionFinished(const ProcessResult& result);

private:
    void refreshStatus();
    void observe(const DiscoveredCluster& cluster);
    void forgetCluster();
    void showStatus(const LabStatus& status);
    void fillNodeMenu(QMenu* menu, const QString& container);
    void showMemberMenu(const QPoint& position);
    void runLabOperation(bool up);
    void appendLog(const QString& line);

    std::unique_ptr<Ui::MainWindow> ui;
    LabDefinition m_lab;
    QCustomPlot* m_timeline = nullptr;
    LabController* m_controller = nullptr;
    MemberTableModel* m_members = nullptr;
    DockerRuntime* m_runtime = nullptr;
    ClusterObserver* m_observer = nullptr;
    std::optional<DiscoveredCluster> m_cluster;
    QMenu* m_nodesMenu = nullptr;
    QTimer m_refreshTimer;
    bool m_discovering = false;
};
