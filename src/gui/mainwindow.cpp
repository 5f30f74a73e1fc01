// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "clusterhealer.h"
#include "clusterobserver.h"
#include "labcontroller.h"
#include "membertablemodel.h"
#include "ui_mainwindow.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>

#include <qcustomplot.h>

using namespace std::chrono_literals;

MainWindow::MainWindow(const LabDefinition& lab, QWidget* parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_lab(lab)
    , m_controller(new LabController(lab, this))
    , m_members(new MemberTableModel(this))
    , m_runtime(new DockerRuntime(this))
{
    ui->setupUi(this);
    ui->memberTable->setModel(m_members);
    ui->memberTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    setWindowTitle(tr("Patroni HA Lab — %1 (127.0.0.1:%2)").arg(m_lab.project).arg(m_lab.primaryPort()));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    ui->logView->setFont(fixed);

    // The timeline pane: an empty QCustomPlot until the traffic generator feeds it.
    m_timeline = new QCustomPlot(this);
    m_timeline->setObjectName(QStringLiteral("timelinePlot"));
    m_timeline->xAxis->setLabel(tr("Time since start (s)"));
    m_timeline->yAxis->setLabel(tr("Latency (ms)"));
    m_timeline->setMinimumHeight(200);
    delete ui->timelineLayout->replaceWidget(ui->timelinePlaceholder, m_timeline);
    delete ui->timelinePlaceholder;
    ui->timelinePlaceholder = nullptr;

    connect(ui->actionLabUp, &QAction::triggered, this, [this] { runLabOperation(true); });
    connect(ui->actionLabDown, &QAction::triggered, this, [this] { runLabOperation(false); });
    connect(ui->actionRefresh, &QAction::triggered, this, [this] {
        forgetCluster();
        refreshStatus();
    });
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionHealAll, &QAction::triggered, this, &MainWindow::healAll);

    // Every container of the cluster, each with its node actions; also on a right click in the member table.
    m_nodesMenu = menuBar()->addMenu(tr("&Nodes"));
    m_nodesMenu->setEnabled(false);
    ui->memberTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(ui->memberTable, &QWidget::customContextMenuRequested, this, &MainWindow::showMemberMenu);
    connect(m_runtime, &DockerRuntime::actionFinished, this, [this](const NodeActionRequest&, const ProcessResult& result) {
        appendLog(QStringLiteral("$ %1  → exit %2, %3 ms").arg(result.commandLine()).arg(result.exitCode).arg(result.durationMs()));
        if (!result.succeeded()) {
            const QString why = DockerCli::explainFailure(result);
            appendLog(tr("Failed: %1").arg(why));
            statusBar()->showMessage(why, 15'000);
        }
        emit nodeActionFinished(result);
    });

    connect(m_controller, &LabController::progress, this, &MainWindow::appendLog);
    connect(m_controller, &LabController::commandFinished, this, [this](const ProcessResult& result) {
        appendLog(QStringLiteral("$ %1  → exit %2, %3 ms").arg(result.commandLine()).arg(result.exitCode).arg(result.durationMs()));
    });
    connect(m_controller, &LabController::finished, this, [this](const LabController::Outcome& outcome) {
        appendLog(outcome.ok() ? outcome.message : tr("Failed: %1").arg(outcome.message));
        statusBar()->showMessage(outcome.ok() ? tr("Done") : tr("Failed — see the log"), 10'000);
        ui->actionLabUp->setEnabled(true);
        ui->actionLabDown->setEnabled(true);
        // The lab's containers may be new: find them again.
        forgetCluster();
        refreshStatus();
    });

    // Until a cluster is found, look for one every few seconds; once found, the observer reports every change.
    m_refreshTimer.setInterval(3s);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_refreshTimer.start();
    QTimer::singleShot(0, this, &MainWindow::refreshStatus);
}

MainWindow::~MainWindow() = default;

void MainWindow::refreshStatus()
{
    // A slow docker daemon must not pile up discoveries; a running observer already reports every change.
    if (m_discovering || m_observer) {
        return;
    }
    m_discovering = true;
    const DockerCli docker;
    auto* discovery = new ClusterDiscovery(m_lab.project, docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery](const Result<DiscoveredCluster>& found) {
        discovery->deleteLater();
        m_discovering = false;
        if (found.ok()) {
            observe(found.value());
            return;
        }
        LabStatus status;
        status.lab = m_lab;
        (discovery->dockerUnavailable() ? status.dockerError : status.discoveryError) = found.error();
        showStatus(status);
        emit statusRefreshed(status);
    });
    discovery->start();
}

void MainWindow::observe(const DiscoveredCluster& cluster)
{
    m_cluster = cluster;
    m_observer = new ClusterObserver(cluster, DockerCli(), ClusterObserver::Options{}, this);
    const auto statusOf = [this](const ClusterState& state) {
        LabStatus status;
        status.lab = m_lab;
        status.state = state;
        return status;
    };
    connect(m_observer, &ClusterObserver::stateChanged, this, [this, statusOf](const ClusterState& state) {
        showStatus(statusOf(state));
    });
    connect(m_observer, &ClusterObserver::firstRoundCompleted, this, [this, statusOf](const ClusterState& state) {
        const LabStatus status = statusOf(state);
        showStatus(status);
        emit statusRefreshed(status);
    });
    connect(m_observer, &ClusterObserver::eventOccurred, this,
            [this](const ClusterEvent& event) { appendLog(QStringLiteral("*** ") + event.describe()); });
    m_observer->start();

    m_nodesMenu->clear();
    for (const QString& container : cluster.containerNames()) {
        fillNodeMenu(m_nodesMenu->addMenu(container), container);
    }
    m_nodesMenu->setEnabled(true);
}

void MainWindow::forgetCluster()
{
    delete m_observer;
    m_observer = nullptr;
    m_cluster.reset();
    m_nodesMenu->clear();
    m_nodesMenu->setEnabled(false);
}

void MainWindow::fillNodeMenu(QMenu* menu, const QString& container)
{
    for (const QString& name : NodeActions::names()) {
        const NodeAction action = *NodeActions::fromName(name);
        menu->addAction(name, this, [this, action, container] { runNodeAction(action, container); });
    }
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
    QMenu menu(this);
    menu.setTitle(container);
    fillNodeMenu(&menu, container);
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
    connect(healer, &ClusterHealer::actionFinished, this, [this](const NodeActionRequest&, const ProcessResult& result) {
        appendLog(QStringLiteral("$ %1  → exit %2, %3 ms").arg(result.commandLine()).arg(result.exitCode).arg(result.durationMs()));
    });
    connect(healer, &ClusterHealer::finished, this, [this, healer](bool ok, const QString& summary) {
        healer->deleteLater();
        ui->actionHealAll->setEnabled(true);
        appendLog(tr("Heal all: %1").arg(summary));
        statusBar()->showMessage(ok ? summary : tr("Heal all failed — see the log"), 10'000);
    });
    healer->start();
}

void MainWindow::runNodeAction(NodeAction action, const QString& container)
{
    NodeActionRequest request;
    request.action = action;
    request.container = container;
    if (m_cluster) {
        if (const ContainerDetails* details = m_cluster->find(container)) {
            request.network = m_cluster->sharedNetwork();
            request.aliases = m_cluster->aliasesFor(*details);
        }
    }
    if ((action == NodeAction::Disconnect || action == NodeAction::Connect) && request.network.isEmpty()) {
        appendLog(tr("Cannot %1 %2: the cluster's network is not known yet").arg(NodeActions::name(action), container));
        return;
    }
    statusBar()->showMessage(tr("docker %1 %2 …").arg(NodeActions::name(action), container));
    m_runtime->run(request);
}

void MainWindow::showStatus(const LabStatus& status)
{
    const QList<LabProblem> problems = status.problems();
    QString summary;
    if (!status.dockerError.isEmpty()) {
        summary = tr("Docker is not usable: %1").arg(status.dockerError);
    } else if (!status.discoveryError.isEmpty()) {
        summary = tr("Lab '%1' is not running. Press “Lab up” to build and start it (3 etcd, 3 Patroni, HAProxy).")
                      .arg(m_lab.project);
    } else if (problems.isEmpty()) {
        summary = tr("Lab '%1' is healthy: leader %2, two streaming replicas, etcd 3/3, HAProxy routes writes to the "
                     "leader.")
                      .arg(m_lab.project, status.state.leader()->name);
    } else {
        summary = tr("Lab '%1' is not healthy: %2").arg(m_lab.project, problems.first().text);
    }
    ui->clusterSummaryLabel->setText(summary);

    m_members->setMembers(status.state.members.value_or(QList<MemberState>{}));
    QStringList containers;
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = status.container(service);
        containers << QStringLiteral("%1: %2").arg(service, info ? ContainerInfo::stateName(info->state) : tr("missing"));
    }
    const QStringList writes = status.state.routedServers(QStringLiteral("primary"));
    ui->containersLabel->setText(tr("Containers — %1. etcd %2/3 healthy. HAProxy sends writes to %3.")
                                     .arg(containers.join(QStringLiteral(", ")))
                                     .arg(status.state.healthyEtcdCount())
                                     .arg(writes.isEmpty() ? tr("nobody") : writes.join(QStringLiteral(", "))));
}

void MainWindow::runLabOperation(bool up)
{
    ui->actionLabUp->setEnabled(false);
    ui->actionLabDown->setEnabled(false);
    statusBar()->showMessage(up ? tr("Bringing the lab up…") : tr("Removing the lab…"));
    if (up) {
        m_controller->up();
    } else {
        m_controller->down();
    }
}

void MainWindow::appendLog(const QString& line)
{
    ui->logView->appendPlainText(QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}
