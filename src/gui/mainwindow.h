// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "labdefinition.h"
#include "labstatus.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class LabController;
class MemberTableModel;
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

signals:
    // Emitted after each look at the cluster (for tests and future panes).
    void statusRefreshed(const LabStatus& status);

private:
    void refreshStatus();
    void showStatus(const LabStatus& status);
    void runLabOperation(bool up);
    void appendLog(const QString& line);

    std::unique_ptr<Ui::MainWindow> ui;
    LabDefinition m_lab;
    QCustomPlot* m_timeline = nullptr;
    LabController* m_controller = nullptr;
    MemberTableModel* m_members = nullptr;
    QTimer m_refreshTimer;
    bool m_probeRunning = false;
};
