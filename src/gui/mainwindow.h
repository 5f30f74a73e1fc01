// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"
#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "dockerruntime.h"
#include "injectedfaults.h"
#include "labstatus.h"
#include "studiedrun.h"
#include "trafficrun.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class ClusterObserver;
class ClusterSettingsPanel;
class Journal;
class LabController;
class MemberTableModel;
class PatroniSwitchover;
class QCustomPlot;
class QDockWidget;
class QLabel;
class QMenu;
class ScenarioPanel;
class ScenarioRunner;
struct Scenario;
class TimelineView;
class TopologyView;
class TrafficPanel;

namespace Ui {
class MainWindow;
}

// The lab window. Everything slow (docker, HTTP, SQL reads, the generator) runs in labcore's asynchronous objects or
// on worker threads; this class only reacts to their signals, so the window never freezes.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // settings must outlive the window; the cluster to watch comes from the command line or the settings.
    MainWindow(const ClusterChoice& cluster, AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    QCustomPlot* timelinePlot() const;
    TimelineView* timeline() const { return m_timeline; }
    TopologyView* topology() const { return m_topology; }
    TrafficPanel* trafficPanel() const { return m_trafficPanel; }
    ScenarioPanel* scenarioPanel() const { return m_scenarioPanel; }
    QDockWidget* scenarioDock() const { return m_scenarioDock; }
    ClusterSettingsPanel* clusterSettingsPanel() const { return m_settingsPanel; }
    QDockWidget* clusterSettingsDock() const { return m_settingsDock; }
    // The run on the timeline and the traffic panel: the window's own, or the one a scenario started.
    TrafficRun* trafficRun() const { return m_liveRun; }
    // The scenario run last started from the window (also once it has finished), or null.
    ScenarioRunner* scenarioRunner() const { return m_scenarioRunner; }
    const ClusterChoice& cluster() const { return m_choice; }
    const LabDefinition& lab() const { return m_choice.lab; }
    // The journal once it is open (it opens on a worker thread right after start).
    Journal* journal() const { return m_journal.get(); }

    // Runs a node action on a container of the observed cluster, as `docker ACTION CONTAINER`.
    void runNodeAction(NodeAction action, const QString& container);
    // Runs a fault inside a container with its parameters (impairment, peers, CPUs, memory), checked first.
    void runFault(const NodeActionRequest& fault);
    // The faults inside containers that this window injected and are still on (the topology diagram shows them).
    const InjectedFaults& injectedFaults() const { return m_injectedFaults; }
    // Unpauses, reconnects and starts every container of the observed cluster.
    void healAll();
    // Asks the leader's Patroni to hand over to candidateMember (POST /switchover).
    void requestSwitchover(const QString& candidateMember);
    // Watches another cluster (and remembers it in the settings).
    void setCluster(const ClusterChoice& choice);

    void startTraffic(const TrafficPreferences& preferences);
    void stopTraffic();
    // Runs a scenario against the observed cluster, its traffic shown live like the window's own.
    void runScenario(const Scenario& scenario);
    bool scenarioRunning() const;
    // Loads a run from the journal on a worker thread and shows it on the timeline.
    void openRun(qint64 runId);
    // Compares stored runs (RunComparison, read on a worker thread) into folder: compare.png, .md, .json; then shows
    // the figure. comparisonWritten() follows, with the folder or the error.
    void compareRuns(const QList<qint64>& runIds, const QString& folder);
    void setPresentationMode(bool on);

signals:
    // Emitted after each complete look at the cluster.
    void statusRefreshed(const LabStatus& status);
    void nodeActionFinished(const ProcessResult& result);
    void switchoverFinished(bool ok, const QString& message);
    void journalReady(bool ok);
    void runShown(qint64 runId);
    void comparisonWritten(const QString& folder, const QString& error);
    void trafficFinished(const RunAnalysis& analysis);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpActions();
    void setUpLanguageMenu();
    void connectController();
    void restoreLayout();
    // The remembered arrangement of the docks for a mode, else its default.
    void applyDockLayout(bool presentation);
    void applyDefaultDockLayout(bool presentation);
    void openJournal();
    void refreshStatus();
    void observe(const DiscoveredCluster& cluster);
    void forgetCluster();
    // The status bar's note of how the cluster is observed (relay, docker exec), with what it adds to the cluster.
    void showTransport();
    void showStatus(const LabStatus& status);
    void showMemberMenu(const QPoint& position);
    void fillNodesMenu();
    void runLabOperation(bool up);
    void appendLog(const QString& line);
    void logCommand(const ProcessResult& result);
    void recordFault(const ProcessResult& result);
    // The one way a node action is run: status bar, then DockerRuntime (whose actionFinished logs and journals it).
    void runNodeRequest(const NodeActionRequest& request);
    // A node action that succeeded (the window's own or Heal all's): what it injected or undid.
    void noteInjectedFault(const NodeActionRequest& request, const ProcessResult& result);
    // Looks inside every container once (a helper each, in the background): faults injected before this window
    // started, by the CLI or by a scenario, show on the diagram like the window's own.
    void surveyInjectedFaults(const DiscoveredCluster& cluster);
    // Shows a started run live: timeline, traffic panel and, unless its owner relays them, its log lines.
    void attachRun(TrafficRun* run, const QString& title, bool logRunLines);
    void updateTitle();
    int listenerPort(int containerPort, int fallback) const;
    // What the window's traffic generator connects with (the settings panel shows it).
    TrafficConfig clientSettings(const TrafficPreferences& preferences) const;
    void exportTimeline();
    void copyTimeline();
    void exportRunData();
    void chooseRun();
    void showComparison(const QString& folder);
    void chooseCluster();
    void showShortcuts();
    void onRunFinished(TrafficRun* run, const RunAnalysis& analysis);

    std::unique_ptr<Ui::MainWindow> ui;
    AppSettings& m_settings;
    ClusterChoice m_choice;
    LabController* m_controller = nullptr;
    MemberTableModel* m_members = nullptr;
    DockerRuntime* m_runtime = nullptr;
    PatroniSwitchover* m_switchover = nullptr;
    TopologyView* m_topology = nullptr;
    TimelineView* m_timeline = nullptr;
    TrafficPanel* m_trafficPanel = nullptr;
    ScenarioPanel* m_scenarioPanel = nullptr;
    QDockWidget* m_scenarioDock = nullptr;
    ClusterSettingsPanel* m_settingsPanel = nullptr;
    QDockWidget* m_settingsDock = nullptr;
    ClusterObserver* m_observer = nullptr;
    QLabel* m_transportLabel = nullptr;
    std::optional<DiscoveredCluster> m_cluster;
    ClusterState m_state;
    InjectedFaults m_injectedFaults;
    QMenu* m_nodesMenu = nullptr;
    QTimer m_refreshTimer;
    bool m_discovering = false;
    bool m_closing = false;

    std::unique_ptr<Journal> m_journal;
    QString m_journalError;
    TrafficRun* m_run = nullptr; // started by the traffic panel; owned
    ScenarioRunner* m_scenarioRunner = nullptr; // owned; it owns its run
    QPointer<TrafficRun> m_liveRun; // m_run or the scenario's run
    // The past run on the timeline, when one is shown instead of the live run.
    std::optional<StudiedRun> m_shownRun;
    QFont m_normalFont;
    bool m_presentationLayout = false; // the docks are arranged for presentation mode
    // QMainWindow::saveState() version: 2 since the timeline is the central widget (older states had splitters).
    static constexpr int DockStateVersion = 2;
    static constexpr double PresentationFontFactor = 1.6;
};
