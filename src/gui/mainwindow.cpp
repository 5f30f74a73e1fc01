// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "clusterdialog.h"
#include "clusterhealer.h"
#include "clusterobserver.h"
#include "clustersettingspanel.h"
#include "comparefigure.h"
#include "displaytext.h"
#include "exportdialog.h"
#include "faults/nodefaults.h"
#include "labassets.h"
#include "journal.h"
#include "labclock.h"
#include "labcontroller.h"
#include "membertablemodel.h"
#include "nodeactionmenu.h"
#include "patroniswitchover.h"
#include "runexport.h"
#include "runsdialog.h"
#include "scenariopanel.h"
#include "scenariorunner.h"
#include "timelineview.h"
#include "topologyview.h"
#include "trafficpanel.h"
#include "translations.h"
#include "ui_mainwindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <qcustomplot.h>

using namespace std::chrono_literals;

namespace {

// A journal opened on a worker thread, handed to the GUI thread.
struct OpenedJournal
{
    Journal* journal = nullptr; // owned by the receiver
    QString error;
};

} // namespace

MainWindow::MainWindow(const ClusterChoice& cluster, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_settings(settings)
    , m_choice(cluster)
    , m_controller(new LabController(cluster.lab, this))
    , m_members(new MemberTableModel(this))
    , m_runtime(new DockerRuntime(this))
    , m_switchover(new PatroniSwitchover(DockerCli(), EndpointClient::Transport::Auto, this))
{
    ui->setupUi(this);
    m_normalFont = font();
    // Every observer of the window follows the cluster dialog's relay setting, a scenario's as well.
    ClusterObserver::setRelayByDefault(m_choice.relay);
    m_transportLabel = new QLabel(this);
    m_transportLabel->setObjectName(QStringLiteral("transportLabel"));
    m_transportLabel->hide();
    statusBar()->addPermanentWidget(m_transportLabel);
    ui->memberTable->setModel(m_members);
    ui->memberTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui->memberTable->horizontalHeader()->setStretchLastSection(true);
    ui->logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // A long lecture must not grow the log without bound; the journal keeps every operation anyway.
    ui->logView->setMaximumBlockCount(20'000);

    m_topology = new TopologyView(this);
    m_topology->setObjectName(QStringLiteral("topologyView"));
    m_topology->setMinimumSize(320, 200);
    delete ui->topologyLayout->replaceWidget(ui->topologyPlaceholder, m_topology);
    delete ui->topologyPlaceholder;
    ui->topologyPlaceholder = nullptr;

    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timelineView"));
    delete ui->timelineLayout->replaceWidget(ui->timelinePlaceholder, m_timeline);
    delete ui->timelinePlaceholder;
    ui->timelinePlaceholder = nullptr;

    m_trafficPanel = new TrafficPanel(this);
    m_trafficPanel->setObjectName(QStringLiteral("trafficPanel"));
    // Scrolls rather than forcing its height on the window: on a 1280×800 screen the docks must fit together.
    auto* trafficScroll = new QScrollArea(this);
    trafficScroll->setObjectName(QStringLiteral("trafficScroll"));
    trafficScroll->setWidgetResizable(true);
    trafficScroll->setFrameShape(QFrame::NoFrame);
    trafficScroll->setWidget(m_trafficPanel);
    ui->trafficLayout->addWidget(trafficScroll);
    m_trafficPanel->setPreferences(m_settings.traffic());

    m_scenarioPanel = new ScenarioPanel(this);
    m_scenarioPanel->setObjectName(QStringLiteral("scenarioPanel"));
    m_scenarioDock = new QDockWidget(tr("Scenarios"), this);
    // restoreState() finds docks by object name: this one is remembered with the others.
    m_scenarioDock->setObjectName(QStringLiteral("scenarioDock"));
    m_scenarioDock->setWidget(m_scenarioPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_scenarioDock);
    tabifyDockWidget(ui->trafficDock, m_scenarioDock);

    m_settingsPanel = new ClusterSettingsPanel(this);
    m_settingsPanel->setObjectName(QStringLiteral("clusterSettingsPanel"));
    // Scrolls like the traffic panel: its table and two groups are taller than a 1280×800 screen leaves a tab.
    auto* settingsScroll = new QScrollArea(this);
    settingsScroll->setObjectName(QStringLiteral("clusterSettingsScroll"));
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setWidget(m_settingsPanel);
    m_settingsDock = new QDockWidget(tr("Cluster settings"), this);
    m_settingsDock->setObjectName(QStringLiteral("clusterSettingsDock"));
    m_settingsDock->setWidget(settingsScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_settingsDock);
    tabifyDockWidget(ui->trafficDock, m_settingsDock);
    ui->trafficDock->raise();

    // The timeline is the central widget: the figure the lab exists for gets whatever the docks leave. The right
    // docks reach down beside the log, so the traffic panel is as tall as it can be.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setDockNestingEnabled(true);

    setUpActions();
    setUpLanguageMenu();
    restoreLayout();
    updateTitle();

    connect(m_runtime, &DockerRuntime::actionFinished, this, [this](const NodeActionRequest& request, const ProcessResult& result) {
        logCommand(result);
        recordFault(result);
        noteInjectedFault(request, result);
        if (!result.succeeded()) {
            const QString why = DockerCli::explainFailure(result);
            appendLog(tr("Failed: %1").arg(why));
            statusBar()->showMessage(why, 15'000);
        }
        emit nodeActionFinished(result);
    });
    connect(m_switchover, &PatroniSwitchover::finished, this, [this](const SwitchoverResult& result) {
        appendLog(QStringLiteral("$ %1").arg(result.commandLine));
        appendLog(result.describe());
        statusBar()->showMessage(result.ok() ? tr("Switchover done: %1").arg(result.answer) : result.error, 15'000);
        // The request is a fault action of the run like a docker command: it marks the timeline and the report.
        recordFault(result.asProcessResult(LabClock::nowNs()));
        emit switchoverFinished(result.ok(), result.ok() ? result.answer : result.error);
    });

    connect(m_topology, &TopologyView::nodeActionRequested, this, &MainWindow::runNodeAction);
    connect(m_topology, &TopologyView::faultRequested, this, &MainWindow::runFault);
    connect(m_topology, &TopologyView::switchoverRequested, this, &MainWindow::requestSwitchover);
    connect(m_topology, &TopologyView::healAllRequested, this, &MainWindow::healAll);

    connect(m_trafficPanel, &TrafficPanel::startRequested, this, &MainWindow::startTraffic);
    connect(m_trafficPanel, &TrafficPanel::stopRequested, this, &MainWindow::stopTraffic);

    connect(m_scenarioPanel, &ScenarioPanel::runRequested, this, &MainWindow::runScenario);
    connect(m_scenarioPanel, &ScenarioPanel::logLine, this, &MainWindow::appendLog);
    connect(m_scenarioPanel, &ScenarioPanel::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10'000); });

    connect(m_settingsPanel, &ClusterSettingsPanel::logLine, this, &MainWindow::appendLog);
    connect(m_settingsPanel, &ClusterSettingsPanel::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 10'000); });

    connect(m_timeline, &TimelineView::followLiveChanged, ui->actionFollowLive, &QAction::setChecked);

    // Until a cluster is found, look for one every few seconds; once found, the observer reports every change.
    m_refreshTimer.setInterval(3s);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_refreshTimer.start();
    QTimer::singleShot(0, this, &MainWindow::refreshStatus);
    openJournal();

    if (m_settings.presentationMode()) {
        ui->actionPresentation->setChecked(true);
    }
}

MainWindow::~MainWindow()
{
    // Runs write into the journal until they are gone, and a report being saved reads it: both end first
    // (members die before QObject children).
    m_scenarioPanel->waitForPendingWork();
    delete m_scenarioRunner;
    m_scenarioRunner = nullptr;
    delete m_run;
    m_run = nullptr;
}

void MainWindow::setUpActions()
{
    connect(ui->actionLabUp, &QAction::triggered, this, [this] { runLabOperation(true); });
    connect(ui->bringUpButton, &QPushButton::clicked, this, [this] { runLabOperation(true); });
    connect(ui->actionLabDown, &QAction::triggered, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Remove the lab"),
            tr("Remove every container and the network of lab '%1'? The run journal is kept.").arg(m_choice.lab.project));
        if (answer == QMessageBox::Yes) {
            runLabOperation(false);
        }
    });
    connect(ui->actionRefresh, &QAction::triggered, this, [this] {
        forgetCluster();
        refreshStatus();
    });
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionHealAll, &QAction::triggered, this, &MainWindow::healAll);
    connect(ui->actionChooseCluster, &QAction::triggered, this, &MainWindow::chooseCluster);
    connect(ui->actionStartTraffic, &QAction::triggered, this, [this] {
        if (m_run && m_run->phase() == TrafficRun::Phase::Running) {
            stopTraffic();
        } else {
            startTraffic(m_trafficPanel->preferences());
        }
    });
    connect(ui->actionOpenRun, &QAction::triggered, this, &MainWindow::chooseRun);
    connect(ui->actionExportTimeline, &QAction::triggered, this, &MainWindow::exportTimeline);
    connect(ui->actionCopyTimeline, &QAction::triggered, this, &MainWindow::copyTimeline);
    connect(ui->actionExportRunData, &QAction::triggered, this, &MainWindow::exportRunData);
    connect(ui->actionFollowLive, &QAction::toggled, m_timeline, &TimelineView::setFollowLive);
    connect(ui->actionResetZoom, &QAction::triggered, m_timeline, &TimelineView::resetRange);
    connect(ui->actionPresentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    ui->actionAllLanes->setChecked(m_settings.allLanes());
    m_timeline->setAllLanes(m_settings.allLanes());
    connect(ui->actionAllLanes, &QAction::toggled, this, [this](bool all) {
        m_settings.setAllLanes(all);
        m_timeline->setAllLanes(all);
    });
    connect(ui->actionShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Patroni HA Lab"),
                           tr("<b>Patroni HA Lab %1</b><p>Run high-availability experiments on a PostgreSQL cluster "
                              "managed by Patroni and see what each failure does to the clients.</p><p>License: GPL-3.0-or-later.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    // Every container of the cluster, each with its node actions; also on a right click in the member table.
    m_nodesMenu = new QMenu(tr("&Nodes"), this);
    menuBar()->insertMenu(ui->menuTraffic->menuAction(), m_nodesMenu);
    m_nodesMenu->setEnabled(false);
    ui->memberTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(ui->memberTable, &QWidget::customContextMenuRequested, this, &MainWindow::showMemberMenu);

    ui->trafficDock->toggleViewAction()->setText(tr("Traffic panel"));
    ui->logDock->toggleViewAction()->setText(tr("Log panel"));
    m_scenarioDock->toggleViewAction()->setText(tr("Scenarios panel"));
    m_scenarioDock->toggleViewAction()->setObjectName(QStringLiteral("actionScenarioPanel"));
    m_settingsDock->toggleViewAction()->setText(tr("Cluster settings panel"));
    m_settingsDock->toggleViewAction()->setObjectName(QStringLiteral("actionClusterSettingsPanel"));
    ui->topologyDock->toggleViewAction()->setText(tr("Topology panel"));
    ui->membersDock->toggleViewAction()->setText(tr("Members panel"));
    ui->menuView->addSeparator();
    ui->menuView->addAction(ui->topologyDock->toggleViewAction());
    ui->menuView->addAction(ui->membersDock->toggleViewAction());
    ui->menuView->addAction(ui->trafficDock->toggleViewAction());
    ui->menuView->addAction(m_scenarioDock->toggleViewAction());
    ui->menuView->addAction(m_settingsDock->toggleViewAction());
    ui->menuView->addAction(ui->logDock->toggleViewAction());

    connectController();
}

void MainWindow::connectController()
{
    connect(m_controller, &LabController::progress, this, &MainWindow::appendLog);
    connect(m_controller, &LabController::commandFinished, this, &MainWindow::logCommand);
    connect(m_controller, &LabController::finished, this, [this](const LabController::Outcome& outcome) {
        appendLog(outcome.ok() ? outcome.message : tr("Failed: %1").arg(outcome.message));
        statusBar()->showMessage(outcome.ok() ? tr("Done") : tr("Failed — see the log"), 10'000);
        updateTitle();
        ui->bringUpButton->setEnabled(true);
        // The lab's containers may be new: find them again.
        forgetCluster();
        refreshStatus();
    });
}

void MainWindow::setUpLanguageMenu()
{
    QMenu* languageMenu = ui->menuView->addMenu(tr("&Language"));
    auto* group = new QActionGroup(languageMenu);
    const QString current = m_settings.language();
    const QList<std::pair<QString, QString>> choices{{QString(), tr("System language")},
                                                     {QStringLiteral("en"), QStringLiteral("English")},
                                                     {QStringLiteral("ru"), QStringLiteral("Русский")}};
    for (const auto& [code, label] : choices) {
        QAction* action = languageMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            m_settings.setLanguage(code);
            QMessageBox::information(this, tr("Language"), tr("The new language applies the next time Patroni HA Lab starts."));
        });
    }
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: most of the screen, never more than it (a 1280×800 projector included).
        const QRect available = screen()->availableGeometry();
        resize(std::min(1600, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
        move(available.center() - rect().center());
    }
    applyDockLayout(false);
}

void MainWindow::applyDockLayout(bool presentation)
{
    const QByteArray state = m_settings.windowState(presentation);
    if (!state.isEmpty() && restoreState(state, DockStateVersion)) {
        return;
    }
    applyDefaultDockLayout(presentation);
}

void MainWindow::applyDefaultDockLayout(bool presentation)
{
    for (QDockWidget* dock : {ui->topologyDock, ui->membersDock, ui->trafficDock, m_scenarioDock, m_settingsDock,
                              ui->logDock}) {
        if (dock->isFloating()) {
            dock->setFloating(false);
        }
        dock->show();
    }
    // Sizes are fractions of what the window will have (full screen in presentation mode).
    const QSize window = presentation ? screen()->geometry().size() : size();
    if (presentation) {
        // A lecture: the diagram beside the timeline, the traffic and scenario panels under the diagram, the table
        // and the log out of the way (View menu brings them back).
        addDockWidget(Qt::LeftDockWidgetArea, ui->topologyDock);
        splitDockWidget(ui->topologyDock, ui->trafficDock, Qt::Vertical);
        tabifyDockWidget(ui->trafficDock, m_scenarioDock);
        tabifyDockWidget(ui->trafficDock, m_settingsDock);
        addDockWidget(Qt::BottomDockWidgetArea, ui->membersDock);
        tabifyDockWidget(ui->membersDock, ui->logDock);
        ui->membersDock->hide();
        ui->logDock->hide();
        ui->trafficDock->raise();
        resizeDocks({ui->topologyDock}, {window.width() * 38 / 100}, Qt::Horizontal);
        resizeDocks({ui->topologyDock, ui->trafficDock}, {window.height() * 55 / 100, window.height() * 45 / 100},
                    Qt::Vertical);
        return;
    }
    // A desk: the diagram and the members above the timeline, the traffic and scenario panels on the right with
    // the log under them (the room beside the timeline that the panels do not need).
    addDockWidget(Qt::TopDockWidgetArea, ui->topologyDock);
    splitDockWidget(ui->topologyDock, ui->membersDock, Qt::Horizontal);
    addDockWidget(Qt::RightDockWidgetArea, ui->trafficDock);
    splitDockWidget(ui->trafficDock, ui->logDock, Qt::Vertical);
    tabifyDockWidget(ui->trafficDock, m_scenarioDock);
    tabifyDockWidget(ui->trafficDock, m_settingsDock);
    ui->trafficDock->raise();
    resizeDocks({ui->topologyDock}, {window.height() * 27 / 100}, Qt::Vertical);
    resizeDocks({ui->topologyDock, ui->membersDock}, {window.width() * 55 / 100, window.width() * 45 / 100},
                Qt::Horizontal);
    resizeDocks({ui->trafficDock}, {std::max(320, window.width() / 5)}, Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (scenarioRunning()) {
        const auto answer = QMessageBox::question(this, tr("A scenario is running"),
            tr("Closing now stops the scenario where it is, without healing the cluster (use Heal all or "
               "“patroni-lab-cli heal” afterwards). Close anyway?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    if (m_liveRun && m_liveRun->phase() == TrafficRun::Phase::Running) {
        // Closing mid-run keeps everything recorded so far: the journal commits its queue on the way out and the
        // run can be opened later (as "interrupted" if the audit could not finish).
        m_liveRun->stop();
    }
    m_closing = true;
    m_settings.setWindowState(m_presentationLayout, saveState(DockStateVersion));
    if (!m_presentationLayout) {
        m_settings.setWindowGeometry(saveGeometry());
    }
    m_settings.setTraffic(m_trafficPanel->preferences());
    m_settings.sync();
    event->accept();
}

QCustomPlot* MainWindow::timelinePlot() const
{
    return m_timeline->plot();
}

void MainWindow::openJournal()
{
    auto* watcher = new QFutureWatcher<OpenedJournal>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const OpenedJournal opened = watcher->result();
        if (!opened.journal) {
            m_journalError = opened.error;
            appendLog(tr("The run journal cannot be used, so runs are not recorded: %1").arg(opened.error));
            emit journalReady(false);
            return;
        }
        m_journal.reset(opened.journal);
        m_scenarioPanel->setJournal(m_journal.get());
        connect(m_journal.get(), &Journal::writeFailed, this, [this](const QString& message) {
            appendLog(tr("Journal: %1").arg(message));
            statusBar()->showMessage(message, 30'000);
        });
        connect(m_journal.get(), &Journal::writeRecovered, this,
                [this] { appendLog(tr("Journal: the queued records reached the disk again.")); });
        emit journalReady(true);
    });
    QThread* guiThread = thread();
    // Opening creates the folder and the schema and checks the file: disk work that stays off the GUI thread.
    watcher->setFuture(QtConcurrent::run([guiThread] {
        auto opened = Journal::open(Journal::defaultPath());
        if (!opened.ok()) {
            return OpenedJournal{nullptr, opened.error()};
        }
        Journal* journal = opened.value().release();
        journal->moveToThread(guiThread);
        return OpenedJournal{journal, QString()};
    }));
}

void MainWindow::updateTitle()
{
    if (m_choice.kind == ClusterChoice::Kind::OurLab) {
        setWindowTitle(tr("Patroni HA Lab — %1 (127.0.0.1:%2)").arg(m_choice.lab.project).arg(m_choice.lab.primaryPort()));
    } else {
        setWindowTitle(tr("Patroni HA Lab — existing cluster %1").arg(m_choice.lab.project));
    }
    const bool ourLab = m_choice.kind == ClusterChoice::Kind::OurLab;
    ui->actionLabUp->setEnabled(ourLab);
    ui->actionLabDown->setEnabled(ourLab);
    m_trafficPanel->setPorts(listenerPort(5000, m_choice.lab.primaryPort()), listenerPort(5001, m_choice.lab.replicasPort()));
    m_settingsPanel->setClientSettings(clientSettings(m_trafficPanel->preferences()));
}

TrafficConfig MainWindow::clientSettings(const TrafficPreferences& preferences) const
{
    const bool replicas = preferences.target == TrafficPreferences::Target::Replicas;
    const int port = replicas ? listenerPort(5001, m_choice.lab.replicasPort()) : listenerPort(5000, m_choice.lab.primaryPort());
    TrafficConfig config;
    config.conninfo = m_choice.lab.libpqConninfo(port);
    config.rate = preferences.rate;
    config.connections = preferences.connections;
    config.readCheckEvery = preferences.readCheckEvery;
    config.deadline = std::chrono::milliseconds(preferences.deadlineMs);
    return config;
}

void MainWindow::setCluster(const ClusterChoice& choice)
{
    if (m_run && m_run->phase() == TrafficRun::Phase::Running) {
        stopTraffic();
    }
    if (scenarioRunning()) {
        // The runner heals the cluster it ran against, whichever the window watches next.
        m_scenarioRunner->abort();
    }
    m_choice = choice;
    m_settings.setCluster(choice);
    ClusterObserver::setRelayByDefault(choice.relay);
    delete m_controller;
    m_controller = new LabController(choice.lab, this);
    connectController();
    forgetCluster();
    updateTitle();
    ui->clusterSummaryLabel->setText(tr("Looking for %1…").arg(choice.lab.project));
    refreshStatus();
}

void MainWindow::chooseCluster()
{
    ClusterDialog dialog(m_choice, this);
    if (dialog.exec() == QDialog::Accepted && !(dialog.choice() == m_choice)) {
        setCluster(dialog.choice());
    }
}

void MainWindow::refreshStatus()
{
    // A slow docker daemon must not pile up discoveries; a running observer already reports every change.
    if (m_discovering || m_observer) {
        return;
    }
    m_discovering = true;
    const DockerCli docker;
    auto* discovery = new ClusterDiscovery(m_choice.lab.project, docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery](const Result<DiscoveredCluster>& found) {
        discovery->deleteLater();
        m_discovering = false;
        if (found.ok()) {
            if (found.value().name == m_choice.lab.project) {
                observe(found.value());
            }
            return;
        }
        LabStatus status;
        status.lab = m_choice.lab;
        (discovery->dockerUnavailable() ? status.dockerError : status.discoveryError) = found.error();
        showStatus(status);
        emit statusRefreshed(status);
    });
    discovery->start();
}

void MainWindow::observe(const DiscoveredCluster& cluster)
{
    m_cluster = cluster;
    m_topology->setCluster(cluster);
    surveyInjectedFaults(cluster);
    updateTitle();
    ClusterObserver::Options options;
    options.relay = m_choice.relay;
    m_observer = new ClusterObserver(cluster, DockerCli(), options, this);
    m_settingsPanel->setObserver(m_observer);
    const auto statusOf = [this](const ClusterState& state) {
        LabStatus status;
        status.lab = m_choice.lab;
        status.state = state;
        return status;
    };
    connect(m_observer, &ClusterObserver::stateChanged, this, [this, statusOf](const ClusterState& state) {
        m_state = state;
        m_topology->setState(state);
        showStatus(statusOf(state));
        showTransport(); // a node cut off from the network is read through docker exec
    });
    connect(m_observer, &ClusterObserver::firstRoundCompleted, this, [this, statusOf](const ClusterState& state) {
        m_state = state;
        m_topology->setState(state);
        const LabStatus status = statusOf(state);
        showStatus(status);
        showTransport();
        emit statusRefreshed(status);
    });
    connect(m_observer, &ClusterObserver::relayStarted, this, [this](const QString& container, const QString& network) {
        appendLog(tr("Observing through the relay container %1 on network %2: it forwards 127.0.0.1 ports to the members' "
                     "REST APIs, etcd and HAProxy's statistics, which the cluster does not publish. It is removed when you "
                     "close the window or choose another cluster (Lab ▸ Choose cluster… turns it off).")
                      .arg(container, network));
        statusBar()->showMessage(tr("Observing through the relay container %1").arg(container), 10'000);
        showTransport();
    });
    connect(m_observer, &ClusterObserver::relayUnavailable, this, [this](const QString& reason) {
        appendLog(tr("Observing through docker exec, one command per source and poll (slower): %1").arg(reason));
        showTransport();
    });
    connect(m_observer, &ClusterObserver::relayNote, this, [this](const QString& text) { appendLog(tr("Relay: %1").arg(text)); });
    connect(m_observer, &ClusterObserver::eventOccurred, this,
            [this](const ClusterEvent& event) { appendLog(QStringLiteral("*** ") + DisplayText::event(event)); });
    m_observer->start();
    fillNodesMenu();
    appendLog(tr("Watching %1: %2 containers (%3).")
                  .arg(cluster.name)
                  .arg(cluster.containers.size())
                  .arg(cluster.containerNames().join(QStringLiteral(", "))));
}

void MainWindow::showTransport()
{
    const QString transport = m_observer ? m_observer->transportDescription() : QString();
    const QString relay = m_observer ? m_observer->relayContainer() : QString();
    if (transport.isEmpty() || transport == QLatin1StringView("http")) {
        m_transportLabel->hide();
        return;
    }
    if (relay.isEmpty()) {
        m_transportLabel->setText(transport == QLatin1StringView("docker exec") ? tr("Observed through docker exec")
                                                                                : tr("Observed through published ports and docker exec"));
        m_transportLabel->setToolTip(tr("Not every port of Patroni's REST API, etcd and HAProxy's statistics is published "
                                        "on 127.0.0.1: every poll runs one docker exec … curl per unpublished source, which "
                                        "takes seconds. A relay container makes it fast (Lab ▸ Choose cluster…)."));
    } else {
        m_transportLabel->setText(transport == QLatin1StringView("relay") ? tr("Observed through relay %1").arg(relay)
                                                                         : tr("Observed through relay %1 and docker exec").arg(relay));
        m_transportLabel->setToolTip(tr("The relay container %1 runs on the cluster's network %2 while the window watches "
                                        "the cluster: it forwards 127.0.0.1 ports to the members' REST APIs, etcd and "
                                        "HAProxy's statistics. A node cut off from that network is read through docker "
                                        "exec. The relay is removed when the window stops watching.")
                                         .arg(relay, m_observer->relayNetwork()));
    }
    m_transportLabel->show();
}

void MainWindow::forgetCluster()
{
    m_settingsPanel->setObserver(nullptr);
    delete m_observer;
    m_observer = nullptr;
    showTransport();
    m_cluster.reset();
    m_state = ClusterState();
    m_topology->setState(m_state);
    m_topology->setCluster(DiscoveredCluster());
    m_nodesMenu->clear();
    m_nodesMenu->setEnabled(false);
}

void MainWindow::fillNodesMenu()
{
    m_nodesMenu->clear();
    if (!m_cluster) {
        m_nodesMenu->setEnabled(false);
        return;
    }
    for (const QString& container : m_cluster->containerNames()) {
        auto* submenu = new NodeActionMenu(m_nodesMenu);
        submenu->setTitle(container);
        // Built when opened, so it offers what applies to the container's state at that moment.
        connect(submenu, &QMenu::aboutToShow, submenu, [this, submenu, container] {
            submenu->setContext(NodeMenuContext::from(container, m_state, m_cluster ? &*m_cluster : nullptr));
        });
        submenu->setContext(NodeMenuContext::from(container, m_state, &*m_cluster));
        connect(submenu, &NodeActionMenu::nodeActionRequested, this, &MainWindow::runNodeAction);
        connect(submenu, &NodeActionMenu::faultRequested, this, &MainWindow::runFault);
        connect(submenu, &NodeActionMenu::switchoverRequested, this, &MainWindow::requestSwitchover);
        connect(submenu, &NodeActionMenu::healAllRequested, this, &MainWindow::healAll);
        m_nodesMenu->addMenu(submenu);
    }
    m_nodesMenu->setEnabled(true);
}

void MainWindow::showMemberMenu(const QPoint& position)
{
    const QModelIndex index = ui->memberTable->indexAt(position);
    if (!index.isValid() || index.row() >= m_members->members().size()) {
        return;
    }
    const QString container = m_members->members().at(index.row()).container;
    if (container.isEmpty()) {
        return;
    }
    NodeActionMenu menu(NodeMenuContext::from(container, m_state, m_cluster ? &*m_cluster : nullptr), this);
    connect(&menu, &NodeActionMenu::nodeActionRequested, this, &MainWindow::runNodeAction);
    connect(&menu, &NodeActionMenu::faultRequested, this, &MainWindow::runFault);
    connect(&menu, &NodeActionMenu::switchoverRequested, this, &MainWindow::requestSwitchover);
    connect(&menu, &NodeActionMenu::healAllRequested, this, &MainWindow::healAll);
    menu.exec(ui->memberTable->viewport()->mapToGlobal(position));
}

void MainWindow::healAll()
{
    if (!m_cluster) {
        appendLog(tr("Heal all: no cluster has been found yet (is the lab up?)"));
        return;
    }
    ui->actionHealAll->setEnabled(false);
    auto* healer = new ClusterHealer(*m_cluster, DockerCli(), this);
    if (m_observer) {
        healer->setHaproxyServers(m_observer->state().haproxy.value_or(QList<HaproxyBackendState>{}));
    }
    connect(healer, &ClusterHealer::actionFinished, this, [this](const NodeActionRequest& request, const ProcessResult& result) {
        logCommand(result);
        recordFault(result);
        noteInjectedFault(request, result);
    });
    connect(healer, &ClusterHealer::finished, this, [this, healer](bool ok, const QString& summary) {
        healer->deleteLater();
        if (ok) {
            // Heal all looked inside every container: whatever is left of the window's faults, it undid.
            m_injectedFaults.clear();
            m_topology->setInjectedFaults(m_injectedFaults);
        }
        ui->actionHealAll->setEnabled(true);
        appendLog(tr("Heal all: %1").arg(summary));
        statusBar()->showMessage(ok ? summary : tr("Heal all failed — see the log"), 10'000);
    });
    healer->start();
}

void MainWindow::requestSwitchover(const QString& candidateMember)
{
    if (!m_cluster) {
        appendLog(tr("Switchover: no cluster has been found yet (is the lab up?)"));
        return;
    }
    if (m_switchover->isRunning()) {
        statusBar()->showMessage(tr("A switchover is already in progress."), 5'000);
        return;
    }
    const auto request = SwitchoverRequest::forCandidate(m_state, *m_cluster, candidateMember);
    if (!request.ok()) {
        appendLog(tr("Switchover to %1 is not possible: %2").arg(candidateMember, request.error()));
        statusBar()->showMessage(request.error(), 10'000);
        emit switchoverFinished(false, request.error());
        return;
    }
    statusBar()->showMessage(tr("Switchover: %1 hands over to %2…").arg(request.value().leader, candidateMember));
    m_switchover->start(request.value());
}

void MainWindow::runNodeAction(NodeAction action, const QString& container)
{
    NodeActionRequest request;
    request.action = action;
    request.container = container;
    if (m_cluster) {
        if (const ContainerDetails* details = m_cluster->find(container)) {
            request = m_cluster->actionRequest(action, *details);
        }
    }
    if ((action == NodeAction::Disconnect || action == NodeAction::Connect) && request.network.isEmpty()) {
        appendLog(tr("Cannot run “docker network %1” on %2: the cluster's network is not known yet")
                      .arg(NodeActions::name(action), container));
        return;
    }
    runNodeRequest(request);
}

void MainWindow::runFault(const NodeActionRequest& fault)
{
    NodeActionRequest request = fault;
    if (m_cluster) {
        if (const ContainerDetails* details = m_cluster->find(fault.container)) {
            request = m_cluster->actionRequest(fault.action, *details);
            request.impairment = fault.impairment;
            request.peers = fault.peers;
            request.cpus = fault.cpus;
            request.memoryBytes = fault.memoryBytes;
            if (!fault.helperImage.isEmpty()) {
                request.helperImage = fault.helperImage;
            }
        }
    }
    // The dialogs refuse what the helper would; this catches a request from anywhere else before docker runs.
    if (const QString error = NodeFaults::validationError(request); !error.isEmpty()) {
        appendLog(tr("Not run: %1 on %2: %3").arg(NodeActions::describe(request), request.container, error));
        statusBar()->showMessage(error, 15'000);
        return;
    }
    runNodeRequest(request);
}

void MainWindow::runNodeRequest(const NodeActionRequest& request)
{
    statusBar()->showMessage(request.action <= NodeAction::Connect
            ? tr("docker %1 %2 …").arg(NodeActions::name(request.action), request.container)
            : tr("%1 on %2 …").arg(NodeActions::describe(request), request.container));
    m_runtime->run(request);
}

void MainWindow::noteInjectedFault(const NodeActionRequest& request, const ProcessResult& result)
{
    if (!result.succeeded()) {
        return;
    }
    m_injectedFaults.apply(request);
    m_topology->setInjectedFaults(m_injectedFaults);
}

void MainWindow::surveyInjectedFaults(const DiscoveredCluster& cluster)
{
    auto* surveyor = new FaultSurveyor(DockerCli(), LabAssets::imageTag(), this);
    connect(surveyor, &FaultSurveyor::finished, this,
            [this, surveyor, cluster](const QHash<QString, FaultSurvey>& surveys, const HostResources& host, const QStringList&) {
                surveyor->deleteLater();
                // Another cluster may be shown by now; a container that could not be looked into shows nothing.
                if (!m_cluster || m_cluster->name != cluster.name) {
                    return;
                }
                for (const ContainerDetails& container : cluster.containers) {
                    const auto survey = surveys.constFind(container.info.name);
                    for (const NodeActionRequest& request : NodeFaults::injectedFaults(
                             cluster, container, survey == surveys.cend() ? nullptr : &*survey, host)) {
                        m_injectedFaults.apply(request);
                    }
                }
                m_topology->setInjectedFaults(m_injectedFaults);
            });
    surveyor->start(cluster.containers);
}

void MainWindow::recordFault(const ProcessResult& result)
{
    // Whoever started the run: a student's click during a scenario belongs to the scenario's run too.
    if (!m_liveRun || m_liveRun->phase() != TrafficRun::Phase::Running) {
        return;
    }
    m_liveRun->recordFault(result);
}

int MainWindow::listenerPort(int containerPort, int fallback) const
{
    if (m_cluster) {
        for (const ContainerDetails* haproxy : m_cluster->components(ContainerInfo::Component::Haproxy)) {
            if (const int port = haproxy->info.loopbackPort(containerPort); port > 0) {
                return port;
            }
        }
    }
    return fallback;
}

void MainWindow::startTraffic(const TrafficPreferences& preferences)
{
    if (m_run && m_run->phase() != TrafficRun::Phase::Finished && m_run->phase() != TrafficRun::Phase::Idle) {
        return;
    }
    if (scenarioRunning()) {
        const QString why = tr("A scenario is running with traffic of its own; abort it in the Scenarios panel first.");
        appendLog(why);
        statusBar()->showMessage(why, 10'000);
        return;
    }
    if (!m_journal) {
        const QString why = m_journalError.isEmpty() ? tr("the run journal is still opening; try again in a moment")
                                                     : m_journalError;
        QMessageBox::warning(this, tr("Cannot start the traffic"), tr("Cannot start the traffic: %1").arg(why));
        return;
    }
    m_settings.setTraffic(preferences);
    const bool replicas = preferences.target == TrafficPreferences::Target::Replicas;
    const int port = replicas ? listenerPort(5001, m_choice.lab.replicasPort()) : listenerPort(5000, m_choice.lab.primaryPort());
    const TrafficConfig config = clientSettings(preferences);
    m_settingsPanel->setClientSettings(config);

    delete m_run;
    m_run = new TrafficRun(m_journal.get(), this);
    const QJsonObject settings{{QStringLiteral("target"), replicas ? QStringLiteral("replicas") : QStringLiteral("primary")},
                               {QStringLiteral("project"), m_choice.lab.project},
                               {QStringLiteral("port"), port},
                               {QStringLiteral("rate"), preferences.rate},
                               {QStringLiteral("connections"), preferences.connections},
                               {QStringLiteral("deadline_ms"), preferences.deadlineMs},
                               {QStringLiteral("source"), QStringLiteral("window")}};
    const auto started = m_run->start(config, m_cluster ? m_cluster->name : QString(), settings);
    if (!started.ok()) {
        appendLog(tr("Traffic not started: %1").arg(started.error()));
        QMessageBox::warning(this, tr("Cannot start the traffic"), started.error());
        return;
    }
    // Not the connection string: it holds the password, and titles end up in reports.
    attachRun(m_run,
        tr("Run %1 — %2, writes through 127.0.0.1:%3").arg(started.value()).arg(m_choice.lab.project).arg(port), true);
    appendLog(tr("Run %1 started: %2 connection(s) to 127.0.0.1:%3, %4 operations/s, deadline %5 ms; every operation is "
                 "recorded in %6")
                  .arg(started.value())
                  .arg(preferences.connections)
                  .arg(port)
                  .arg(preferences.rate)
                  .arg(preferences.deadlineMs)
                  .arg(m_journal->path()));
}

void MainWindow::attachRun(TrafficRun* run, const QString& title, bool logRunLines)
{
    m_liveRun = run;
    m_shownRun.reset();
    // Every handler asks whether the run is still the live one: a run stopped for a scenario audits (and sends its
    // last batch) while the scenario's run is already on the timeline.
    if (logRunLines) {
        // The generator's lines carry their own time, as in the lab report.
        connect(run, &TrafficRun::logLine, ui->logView, &QPlainTextEdit::appendPlainText);
    }
    connect(run, &TrafficRun::progress, this, [this, run, logRunLines](const QString& message) {
        if (logRunLines) {
            appendLog(message);
        }
        if (run == m_liveRun) {
            m_trafficPanel->setPhase(run->phase(), message);
        }
    });
    connect(run, &TrafficRun::operationsRecorded, this, [this, run](const std::vector<OperationRecord>& batch) {
        if (run != m_liveRun) {
            return;
        }
        m_trafficPanel->addOperations(batch);
        m_timeline->appendOperations(batch, run->strings());
    });
    // The window's node actions and a scenario's steps alike: every fault of the run marks the timeline.
    connect(run, &TrafficRun::faultRecorded, this, [this, run](const FaultAction& fault) {
        if (run == m_liveRun && !m_shownRun) {
            m_timeline->addFault(fault);
        }
        // A scenario's fault steps (and its heal) change the diagram's badges as the window's own actions do.
        if (fault.exitCode == 0) {
            for (const NodeActionRequest& request : NodeActions::fromCommandLine(fault.commandLine)) {
                m_injectedFaults.apply(request);
            }
            m_topology->setInjectedFaults(m_injectedFaults);
        }
    });
    connect(run, &TrafficRun::eventOccurred, this, [this, run](const ClusterEvent& event) {
        if (run == m_liveRun) {
            m_timeline->addEvent(event);
        }
    });
    connect(
        run, &TrafficRun::finished, this, [this, run](const RunAnalysis& analysis) { onRunFinished(run, analysis); });

    m_timeline->clear();
    m_timeline->setTitle(title);
    m_timeline->setRunStart(run->startedNs());
    if (m_state.members) {
        // Cut off as the topology diagram judges it; later cuts and reconnections come with the run's commands.
        QStringList cutOff;
        if (m_cluster) {
            for (const QString& container : m_cluster->containerNames()) {
                if (NodeMenuContext::from(container, m_state, &*m_cluster).cutOff == true) {
                    cutOff << container;
                }
            }
        }
        m_timeline->setInitialState(m_state.toJson(), cutOff);
    }
    m_timeline->setFollowLive(true);
    m_trafficPanel->setPhase(TrafficRun::Phase::Running);
    emit runShown(run->runId());
}

void MainWindow::stopTraffic()
{
    if (scenarioRunning()) {
        const QString why
            = tr("The scenario's traffic stops when the scenario ends; to stop it now, press Abort in the "
                 "Scenarios panel.");
        appendLog(why);
        statusBar()->showMessage(why, 10'000);
        return;
    }
    if (!m_run || m_run->phase() != TrafficRun::Phase::Running) {
        return;
    }
    m_run->stop();
    if (m_run == m_liveRun) {
        m_trafficPanel->setPhase(m_run->phase());
    }
}

bool MainWindow::scenarioRunning() const
{
    return m_scenarioRunner && m_scenarioRunner->phase() != ScenarioRunner::Phase::Finished;
}

void MainWindow::runScenario(const Scenario& scenario)
{
    if (scenarioRunning()) {
        return;
    }
    const QString title = scenario.title.text(m_scenarioPanel->language());
    QString refusal;
    if (!m_journal) {
        refusal
            = m_journalError.isEmpty() ? tr("the run journal is still opening; try again in a moment") : m_journalError;
    } else if (!m_cluster) {
        refusal = tr("no cluster has been found yet (is the lab up?)");
    }
    if (!refusal.isEmpty()) {
        const QString why = tr("Cannot run the scenario: %1").arg(refusal);
        m_scenarioPanel->setMessage(why);
        appendLog(why);
        statusBar()->showMessage(why, 10'000);
        return;
    }
    if (m_run && m_run->phase() == TrafficRun::Phase::Running) {
        const auto answer = QMessageBox::question(this, tr("Run scenario"),
            tr("The traffic generator is running. A scenario starts traffic of its own and measures it as a run of its "
               "own. Stop the current traffic and run “%1”?")
                .arg(title));
        if (answer != QMessageBox::Yes) {
            return;
        }
        stopTraffic();
    }
    // The same listener and credentials as the window's own traffic to the primary.
    const int port = listenerPort(5000, m_choice.lab.primaryPort());
    ScenarioRunOptions options;
    options.clusterName = m_cluster->name;
    options.conninfo = m_choice.lab.libpqConninfo(port);
    options.language = m_scenarioPanel->language();
    options.settings = QJsonObject { { QStringLiteral("project"), m_choice.lab.project },
        { QStringLiteral("port"), port }, { QStringLiteral("source"), QStringLiteral("window") } };
    if (m_choice.kind == ClusterChoice::Kind::OurLab) {
        options.settings.insert(QStringLiteral("port_base"), m_choice.lab.portBase);
    }
    // The previous runner (finished) takes its run along; the new run replaces it on the timeline anyway.
    delete m_scenarioRunner;
    m_scenarioRunner = new ScenarioRunner(m_journal.get(), scenario, options, this);
    connect(m_scenarioRunner, &ScenarioRunner::logLine, this, [this](const QString& line) {
        // Among the runner's lines are its generator's, which carry their own time ("[10:42:25] INSERT: …").
        static const QRegularExpression stamped(QStringLiteral("^\\[\\d\\d:\\d\\d:\\d\\d"));
        if (stamped.match(line).hasMatch()) {
            ui->logView->appendPlainText(line);
        } else {
            appendLog(line);
        }
    });
    connect(m_scenarioRunner, &ScenarioRunner::healingStarted, m_timeline, &TimelineView::setHealStart);
    // What the scenario's heal undid is not all in its run's faults (it heals after the traffic stops): look again.
    connect(m_scenarioRunner, &ScenarioRunner::finished, this, [this] {
        if (m_cluster) {
            m_injectedFaults.clear();
            m_topology->setInjectedFaults(m_injectedFaults);
            surveyInjectedFaults(*m_cluster);
        }
    });
    connect(m_scenarioRunner, &ScenarioRunner::trafficStarted, this, [this, title](TrafficRun* run) {
        // The runner relays its run's lines into its own log lines: the window does not log them twice.
        attachRun(run, tr("Scenario “%1” — run %2, %3").arg(title).arg(run->runId()).arg(m_choice.lab.project), false);
    });
    m_scenarioPanel->setRunner(m_scenarioRunner);
    m_scenarioDock->show();
    m_scenarioDock->raise();
    statusBar()->showMessage(tr("Scenario “%1” started").arg(title), 10'000);
    m_scenarioRunner->start();
}

void MainWindow::onRunFinished(TrafficRun* run, const RunAnalysis& analysis)
{
    const bool live = run == m_liveRun && !m_shownRun;
    if (live) {
        m_timeline->setAnalysis(analysis);
        m_timeline->markLostWrites(run->operations(), analysis.summary.audit);
    }
    const KindSummary& writes = analysis.summary.writes;
    QString detail = tr("%1 write outage(s), longest %2 s (client-perceived %3 s); availability %4 %.")
                         .arg(writes.outageCount)
                         .arg(double(writes.longestOutageNs) / 1e9, 0, 'f', 1)
                         .arg(double(analysis.summary.clientWrites.longestOutageNs) / 1e9, 0, 'f', 1)
                         .arg(writes.availabilityPercent ? QString::number(*writes.availabilityPercent, 'f', 2) : QStringLiteral("—"));
    if (analysis.summary.audit.performed) {
        detail += u' ' + tr("Lost acknowledged writes: %1.").arg(analysis.summary.audit.lost);
    } else if (!run->auditError().isEmpty()) {
        detail += u' ' + tr("Write audit not done: %1").arg(run->auditError());
    }
    if (run == m_liveRun) {
        m_trafficPanel->setPhase(TrafficRun::Phase::Finished, detail);
    }
    appendLog(tr("Run %1 finished. %2").arg(run->runId()).arg(detail));
    emit trafficFinished(analysis);
}

void MainWindow::chooseRun()
{
    if ((m_liveRun && m_liveRun->phase() == TrafficRun::Phase::Running) || scenarioRunning()) {
        QMessageBox::information(this, tr("Open run"), tr("Stop the traffic first: the timeline shows the live run."));
        return;
    }
    RunsDialog dialog(m_journal.get(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (!dialog.runsToCompare().isEmpty()) {
        const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                      .filePath(QStringLiteral("patroni-lab-compare-%1")
                                                    .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        const QString folder = QFileDialog::getSaveFileName(this, tr("Folder for the comparison (compare.png, compare.md, compare.json)"),
                                                            suggested, QString(), nullptr, QFileDialog::ShowDirsOnly);
        if (!folder.isEmpty()) {
            compareRuns(dialog.runsToCompare(), folder);
        }
    } else if (dialog.chosenRunId() > 0) {
        openRun(dialog.chosenRunId());
    }
}

void MainWindow::compareRuns(const QList<qint64>& runIds, const QString& folder)
{
    if (!m_journal) {
        emit comparisonWritten(folder, tr("the run journal is not open"));
        return;
    }
    statusBar()->showMessage(tr("Reading %n run(s) to compare…", nullptr, int(runIds.size())));
    auto* watcher = new QFutureWatcher<Result<RunComparison>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder] {
        watcher->deleteLater();
        const Result<RunComparison> comparison = watcher->result();
        // The figure is a QCustomPlot: drawn here, on the GUI thread (about a tenth of a second).
        const auto written = comparison.ok() ? CompareFigure::writeBundle(comparison.value(), folder)
                                             : Result<QStringList>::failure(comparison.error());
        if (!written.ok()) {
            appendLog(tr("Cannot compare the runs: %1").arg(written.error()));
            statusBar()->showMessage(written.error(), 15'000);
            emit comparisonWritten(folder, written.error());
            return;
        }
        appendLog(tr("Compared %n run(s) into %1; settings that differ: %2.", nullptr, comparison.value().runCount())
                      .arg(folder, comparison.value().differingSettings().isEmpty()
                                       ? tr("none")
                                       : comparison.value().differingSettings().join(QStringLiteral(", "))));
        statusBar()->showMessage(tr("Comparison written to %1").arg(folder), 15'000);
        showComparison(folder);
        emit comparisonWritten(folder, QString());
    });
    const Journal* journal = m_journal.get();
    watcher->setFuture(QtConcurrent::run([journal, runIds]() -> Result<RunComparison> {
        RunComparison comparison;
        for (const qint64 runId : runIds) {
            auto group = RunComparison::loadJournalRun(*journal, runId);
            if (!group.ok()) {
                return Result<RunComparison>::failure(tr("run %1: %2").arg(runId).arg(group.error()));
            }
            comparison.groups << group.value();
        }
        return Result<RunComparison>::success(comparison);
    }));
}

void MainWindow::showComparison(const QString& folder)
{
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("comparisonDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Runs compared"));
    auto* layout = new QVBoxLayout(dialog);
    auto* figure = new QLabel(dialog);
    const QPixmap pixmap(QDir(folder).filePath(CompareFigure::figureFile()));
    figure->setPixmap(pixmap.scaledToWidth(std::min(pixmap.width(), 1200), Qt::SmoothTransformation));
    layout->addWidget(figure);
    auto* where = new QLabel(tr("compare.png, compare.md and compare.json are in <a href=\"%1\">%2</a>.")
                                 .arg(QUrl::fromLocalFile(folder).toString(), folder.toHtmlEscaped()),
                             dialog);
    where->setOpenExternalLinks(true);
    layout->addWidget(where);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->show();
}

void MainWindow::openRun(qint64 runId)
{
    if (!m_journal) {
        appendLog(tr("Cannot open run %1: the run journal is not open.").arg(runId));
        return;
    }
    statusBar()->showMessage(tr("Reading run %1…").arg(runId));
    auto* watcher = new QFutureWatcher<Result<StudiedRun>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, runId] {
        watcher->deleteLater();
        const Result<StudiedRun> loaded = watcher->result();
        if (!loaded.ok()) {
            appendLog(tr("Cannot open run %1: %2").arg(runId).arg(loaded.error()));
            statusBar()->showMessage(loaded.error(), 15'000);
            return;
        }
        m_shownRun = loaded.value();
        const StoredRun& run = m_shownRun->run;
        m_timeline->setTitle(tr("Run %1 — %2, %3").arg(run.info.id).arg(run.info.name,
                                                                        QLocale().toString(run.info.startedAt.toLocalTime(),
                                                                                           QLocale::ShortFormat)));
        m_timeline->showRun(run, m_shownRun->analysis);
        statusBar()->showMessage(tr("Run %1: %2 operations, %3 write outage(s)")
                                     .arg(runId)
                                     .arg(run.operations.size())
                                     .arg(m_shownRun->analysis.summary.writes.outageCount),
                                 10'000);
        emit runShown(runId);
    });
    const Journal* journal = m_journal.get();
    watcher->setFuture(QtConcurrent::run([journal, runId] { return StudiedRun::load(*journal, runId); }));
}

void MainWindow::exportTimeline()
{
    ExportPreferences preferences = m_settings.exportPreferences();
    ExportDialog dialog(preferences, m_timeline->title(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const auto written = m_timeline->exportTo(dialog.path(), dialog.options());
    if (!written.ok()) {
        QMessageBox::warning(this, tr("Export failed"), written.error());
        return;
    }
    preferences.sizePx = dialog.options().sizePx;
    preferences.dpi = qRound(dialog.options().dpi);
    preferences.lastDirectory = QFileInfo(dialog.path()).absolutePath();
    m_settings.setExportPreferences(preferences);
    appendLog(tr("Timeline exported to %1").arg(dialog.path()));
    statusBar()->showMessage(tr("Saved %1").arg(dialog.path()), 10'000);
}

void MainWindow::copyTimeline()
{
    TimelineView::ExportOptions options;
    const ExportPreferences preferences = m_settings.exportPreferences();
    options.sizePx = preferences.sizePx;
    options.dpi = preferences.dpi;
    options.title = m_timeline->title();
    options.frameExperiment = false; // what the window shows
    m_timeline->copyToClipboard(options);
    statusBar()->showMessage(tr("The timeline is on the clipboard (%1×%2 px).").arg(options.sizePx.width()).arg(options.sizePx.height()),
                             5'000);
}

void MainWindow::exportRunData()
{
    // Copies, so the worker thread never reads what the GUI thread may change.
    StoredRun run;
    RunAnalysis analysis;
    QJsonObject context;
    if (m_shownRun) {
        run = m_shownRun->run;
        analysis = m_shownRun->analysis;
        context = m_shownRun->context;
    } else if (m_liveRun && m_liveRun->phase() == TrafficRun::Phase::Finished) {
        run.operations = m_liveRun->operations();
        run.strings = m_liveRun->strings();
        run.faults = m_liveRun->faults();
        run.events = m_liveRun->events();
        analysis = m_liveRun->analysis();
        context = QJsonObject { { QStringLiteral("run"), m_liveRun->runId() },
            { QStringLiteral("cluster_info"), m_liveRun->clusterInfo() } };
    } else {
        QMessageBox::information(this, tr("Export run data"),
                                 tr("There is no finished run to export. Stop the traffic, or open a past run (File ▸ Open run)."));
        return;
    }
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the run's CSV files and summary.json"),
                                                             m_settings.exportPreferences().lastDirectory);
    if (folder.isEmpty()) {
        return;
    }
    auto* watcher = new QFutureWatcher<Result<QStringList>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<QStringList> written = watcher->result();
        if (!written.ok()) {
            QMessageBox::warning(this, tr("Export failed"), written.error());
            return;
        }
        for (const QString& file : written.value()) {
            appendLog(tr("Wrote %1").arg(file));
        }
        statusBar()->showMessage(tr("Wrote %1 files").arg(written.value().size()), 10'000);
    });
    watcher->setFuture(QtConcurrent::run([folder, run = std::move(run), analysis, context] {
        return RunExport::writeAll(folder, {run.operations, run.strings, run.faults, run.events, analysis, context, {}});
    }));
}

void MainWindow::setPresentationMode(bool on)
{
    m_settings.setPresentationMode(on);
    if (ui->actionPresentation->isChecked() != on) {
        ui->actionPresentation->setChecked(on); // comes back here through toggled
        return;
    }
    const bool switching = m_presentationLayout != on;
    if (switching) {
        // Each mode keeps its own arrangement of the docks; the desk's window geometry as well.
        m_settings.setWindowState(m_presentationLayout, saveState(DockStateVersion));
        if (!m_presentationLayout) {
            m_settings.setWindowGeometry(saveGeometry());
        }
    }
    QFont presentation = m_normalFont;
    if (on) {
        presentation.setPointSizeF(m_normalFont.pointSizeF() * PresentationFontFactor);
        presentation.setBold(true);
    }
    setFont(on ? presentation : m_normalFont);
    // High contrast: black on white whatever the desktop theme, so a projector in a lit room still shows it.
    QPalette palette = QApplication::palette();
    if (on) {
        palette.setColor(QPalette::Window, Qt::white);
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
        palette.setColor(QPalette::WindowText, Qt::black);
        palette.setColor(QPalette::Text, Qt::black);
        palette.setColor(QPalette::ButtonText, Qt::black);
        palette.setColor(QPalette::Highlight, QColor(0x00, 0x3d, 0xa5));
        palette.setColor(QPalette::HighlightedText, Qt::white);
    }
    setPalette(palette);
    m_topology->setPresentationMode(on);
    m_timeline->setPresentationMode(on);
    if (on) {
        showFullScreen(); // first, so the docks are sized for the screen
    }
    if (switching) {
        m_presentationLayout = on;
        applyDockLayout(on);
    }
    // Again after the docks: re-tabifying docks takes a full-screen window out of full screen (Qt 6.4).
    if (on) {
        showFullScreen();
    } else if (isFullScreen()) {
        showNormal();
        const QByteArray geometry = m_settings.windowGeometry();
        if (!geometry.isEmpty()) {
            restoreGeometry(geometry);
        }
    }
}

void MainWindow::showShortcuts()
{
    QString text = tr("<h3>Window</h3><table>");
    const QList<QAction*> actions{ui->actionChooseCluster, ui->actionRefresh,      ui->actionHealAll,
                                  ui->actionStartTraffic,  ui->actionFollowLive,   ui->actionResetZoom,
                                  ui->actionExportTimeline, ui->actionCopyTimeline, ui->actionOpenRun,
                                  ui->actionPresentation,  ui->actionQuit};
    for (const QAction* action : actions) {
        text += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                         action->text().remove(u'&').toHtmlEscaped());
    }
    text += tr("</table><h3>Topology (click it first)</h3><table>");
    for (const TopologyView::KeyBinding& binding : TopologyView::keyBindings()) {
        text += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(binding.keys.toHtmlEscaped(), binding.description.toHtmlEscaped());
    }
    text += QStringLiteral("</table>");
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), text, QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showStatus(const LabStatus& status)
{
    const QList<LabProblem> problems = status.problems();
    QString summary;
    bool offerBringUp = false;
    const bool ourLab = m_choice.kind == ClusterChoice::Kind::OurLab;
    if (!status.dockerError.isEmpty()) {
        summary = tr("Docker is not usable: %1").arg(status.dockerError);
    } else if (!status.discoveryError.isEmpty()) {
        if (ourLab) {
            summary = tr("Lab '%1' is not running. Press “Bring the lab up” to build and start it (3 etcd, 3 Patroni, "
                         "HAProxy).")
                          .arg(m_choice.lab.project);
            offerBringUp = true;
        } else {
            summary = tr("No cluster named '%1' was found: %2. Start it (e.g. docker compose up -d in the Patroni "
                         "repository) or choose another one (Lab ▸ Choose cluster).")
                          .arg(m_choice.lab.project, status.discoveryError);
        }
    } else if (problems.isEmpty() && status.state.leader()) {
        summary = tr("'%1' is healthy: leader %2, two streaming replicas, etcd 3/3, HAProxy routes writes to the leader.")
                      .arg(m_choice.lab.project, status.state.leader()->name);
    } else if (!problems.isEmpty()) {
        summary = tr("'%1' is not healthy: %2").arg(m_choice.lab.project, problems.first().text);
    } else {
        summary = tr("Observing '%1'…").arg(m_choice.lab.project);
    }
    ui->clusterSummaryLabel->setText(summary);
    ui->bringUpButton->setVisible(offerBringUp);

    m_members->setMembers(status.state.members.value_or(QList<MemberState>{}));
    QStringList containers;
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = status.container(service);
        if (info || ourLab) {
            containers << QStringLiteral("%1: %2").arg(service, info ? ContainerInfo::stateName(info->state) : tr("missing"));
        }
    }
    const QStringList writes = status.state.routedServers(QStringLiteral("primary"));
    const QString joined = containers.join(QStringLiteral(", "));
    ui->containersLabel->setText(
        writes.isEmpty()
            ? tr("Containers — %1. etcd %2/3 healthy. HAProxy has no server for writes.").arg(joined).arg(status.state.healthyEtcdCount())
            : tr("Containers — %1. etcd %2/3 healthy. HAProxy sends writes to %3.")
                  .arg(joined)
                  .arg(status.state.healthyEtcdCount())
                  .arg(writes.join(QStringLiteral(", "))));
}

void MainWindow::runLabOperation(bool up)
{
    if (m_choice.kind != ClusterChoice::Kind::OurLab) {
        return;
    }
    ui->actionLabUp->setEnabled(false);
    ui->actionLabDown->setEnabled(false);
    ui->bringUpButton->setEnabled(false);
    statusBar()->showMessage(up ? tr("Bringing the lab up… (the first time builds the image, about a minute)")
                                : tr("Removing the lab…"));
    if (up) {
        m_controller->up();
    } else {
        m_controller->down();
    }
}

void MainWindow::logCommand(const ProcessResult& result)
{
    appendLog(QStringLiteral("$ %1  → exit %2, %3 ms").arg(result.commandLine()).arg(result.exitCode).arg(result.durationMs()));
}

void MainWindow::appendLog(const QString& line)
{
    ui->logView->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}
