// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "labcontroller.h"
#include "membertablemodel.h"
#include "ui_mainwindow.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>

#include <qcustomplot.h>

using namespace std::chrono_literals;

MainWindow::MainWindow(const LabDefinition& lab, QWidget* parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_lab(lab)
    , m_controller(new LabController(lab, this))
    , m_members(new MemberTableModel(this))
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
    connect(ui->actionRefresh, &QAction::triggered, this, &MainWindow::refreshStatus);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);

    connect(m_controller, &LabController::progress, this, &MainWindow::appendLog);
    connect(m_controller, &LabController::commandFinished, this, [this](const ProcessResult& result) {
        appendLog(QStringLiteral("$ %1  → exit %2, %3 ms").arg(result.commandLine()).arg(result.exitCode).arg(result.durationMs()));
    });
    connect(m_controller, &LabController::finished, this, [this](const LabController::Outcome& outcome) {
        appendLog(outcome.ok() ? outcome.message : tr("Failed: %1").arg(outcome.message));
        statusBar()->showMessage(outcome.ok() ? tr("Done") : tr("Failed — see the log"), 10'000);
        ui->actionLabUp->setEnabled(true);
        ui->actionLabDown->setEnabled(true);
        refreshStatus();
    });

    m_refreshTimer.setInterval(2s);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_refreshTimer.start();
    QTimer::singleShot(0, this, &MainWindow::refreshStatus);
}

MainWindow::~MainWindow() = default;

void MainWindow::refreshStatus()
{
    // A slow docker daemon must not pile up probes.
    if (m_probeRunning) {
        return;
    }
    m_probeRunning = true;
    auto* probe = new LabProbe(m_lab, this);
    connect(probe, &LabProbe::finished, this, [this, probe](const LabStatus& status) {
        probe->deleteLater();
        m_probeRunning = false;
        showStatus(status);
        emit statusRefreshed(status);
    });
    probe->start();
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
