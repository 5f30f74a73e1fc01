// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficpanel.h"

#include "labclock.h"
#include "ui_trafficpanel.h"

using namespace std::chrono_literals;

namespace {

QString seconds(qint64 ns)
{
    return QString::number(double(ns) / 1e9, 'f', 1);
}

} // namespace

TrafficPanel::TrafficPanel(QWidget* parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::TrafficPanel>())
{
    ui->setupUi(this);
    // Counters change length every second: wrapping keeps the dock (and the diagram beside it) from jumping.
    for (QLabel* value : {ui->writesValue, ui->readsValue, ui->rateValue, ui->outageValue}) {
        value->setWordWrap(true);
    }
    setPorts(LabDefinition::DefaultPortBase, LabDefinition::DefaultPortBase + 1);
    connect(ui->startStopButton, &QPushButton::clicked, this, [this] {
        if (m_phase == TrafficRun::Phase::Running) {
            emit stopRequested();
        } else if (m_phase != TrafficRun::Phase::Auditing) {
            emit startRequested(preferences());
        }
    });
    // The running outage's duration grows between batches too (a frozen server sends none).
    m_refreshTimer.setInterval(200ms);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrafficPanel::refreshCounters);
    setPhase(TrafficRun::Phase::Idle);
}

TrafficPanel::~TrafficPanel() = default;

TrafficPreferences TrafficPanel::preferences() const
{
    TrafficPreferences preferences;
    preferences.rate = ui->rateSpin->value();
    preferences.connections = ui->connectionsSpin->value();
    preferences.deadlineMs = ui->deadlineSpin->value();
    preferences.target = ui->targetCombo->currentIndex() == 1 ? TrafficPreferences::Target::Replicas
                                                              : TrafficPreferences::Target::Primary;
    preferences.readCheckEvery = m_readCheckEvery;
    return preferences;
}

void TrafficPanel::setPreferences(const TrafficPreferences& preferences)
{
    ui->rateSpin->setValue(preferences.rate);
    ui->connectionsSpin->setValue(preferences.connections);
    ui->deadlineSpin->setValue(preferences.deadlineMs);
    ui->targetCombo->setCurrentIndex(preferences.target == TrafficPreferences::Target::Replicas ? 1 : 0);
    m_readCheckEvery = preferences.readCheckEvery;
}

void TrafficPanel::setPorts(int primaryPort, int replicasPort)
{
    const int current = ui->targetCombo->currentIndex();
    ui->targetCombo->clear();
    ui->targetCombo->addItem(tr("Writes: HAProxy primary (127.0.0.1:%1)").arg(primaryPort));
    ui->targetCombo->addItem(tr("Reads: HAProxy replicas (127.0.0.1:%1)").arg(replicasPort));
    ui->targetCombo->setCurrentIndex(qMax(0, current));
}

void TrafficPanel::setPhase(TrafficRun::Phase phase, const QString& detail)
{
    if (phase == TrafficRun::Phase::Running && m_phase != TrafficRun::Phase::Running) {
        m_tracker.reset(LabClock::nowNs());
        m_clientTracker.reset(LabClock::nowNs());
        m_recentEndsNs.clear();
    }
    m_phase = phase;
    const bool editable = phase == TrafficRun::Phase::Idle || phase == TrafficRun::Phase::Finished;
    for (QWidget* input : {static_cast<QWidget*>(ui->targetCombo), static_cast<QWidget*>(ui->rateSpin),
                           static_cast<QWidget*>(ui->connectionsSpin), static_cast<QWidget*>(ui->deadlineSpin)}) {
        input->setEnabled(editable);
    }
    ui->startStopButton->setEnabled(phase != TrafficRun::Phase::Auditing);
    ui->startStopButton->setText(phase == TrafficRun::Phase::Running ? tr("&Stop traffic") : tr("&Start traffic"));
    QString text;
    switch (phase) {
    case TrafficRun::Phase::Idle:
        text = tr("Not running.");
        break;
    case TrafficRun::Phase::Running:
        text = tr("Running: every operation is recorded in the journal.");
        break;
    case TrafficRun::Phase::Auditing:
        text = tr("Stopped; checking which acknowledged writes are in the table…");
        break;
    case TrafficRun::Phase::Finished:
        text = tr("Finished.");
        break;
    }
    ui->phaseLabel->setText(detail.isEmpty() ? text : text + u' ' + detail);
    if (phase == TrafficRun::Phase::Running) {
        m_refreshTimer.start();
    } else {
        m_refreshTimer.stop();
    }
    refreshCounters();
}

void TrafficPanel::addOperations(const std::vector<OperationRecord>& batch)
{
    m_tracker.addOperations(batch);
    for (const OperationRecord& operation : batch) {
        if (operation.stream == OperationRecord::Stream::Workload) {
            m_recentEndsNs.push_back(operation.endNs);
            m_clientTracker.addOperation(operation);
        }
    }
}

QString TrafficPanel::writesText() const
{
    return ui->writesValue->text();
}

QString TrafficPanel::outageText() const
{
    return ui->outageValue->text();
}

QString TrafficPanel::clientOutageText() const
{
    return ui->clientOutageValue->text();
}

std::pair<qint64, int> TrafficPanel::longestWriteOutage(const LiveOutageTracker& tracker)
{
    // One client's failed reconnect while the others kept writing is not an outage (the analysis's transient rule).
    const qint64 resolutionNs = tracker.resolutionNs(OperationRecord::Kind::Insert);
    qint64 longestNs = 0;
    int count = 0;
    for (const UnavailabilityWindow& window : tracker.closedWindows(OperationRecord::Kind::Insert)) {
        if (!LiveOutageTracker::looksTransient(window, resolutionNs)) {
            longestNs = std::max(longestNs, window.durationNs());
            ++count;
        }
    }
    return {longestNs, count};
}

void TrafficPanel::refreshCounters()
{
    const auto kindText = [this](const LiveOutageTracker::Counts& counts) {
        if (counts.total() == 0) {
            return QStringLiteral("—");
        }
        if (counts.indeterminate > 0) {
            return tr("%1 ok, %2 failed, %3 unknown (sent, then the connection broke)")
                .arg(counts.ok)
                .arg(counts.failed)
                .arg(counts.indeterminate);
        }
        return tr("%1 ok, %2 failed").arg(counts.ok).arg(counts.failed);
    };
    // A write outage is mostly failed connection attempts (nothing listens, or HAProxy closes at once): they count as
    // failed writes, as in the analysis.
    LiveOutageTracker::Counts writes = m_tracker.counts(OperationRecord::Kind::Insert);
    writes.failed += m_tracker.counts(OperationRecord::Kind::Connect).failed;
    ui->writesValue->setText(kindText(writes));
    ui->readsValue->setText(kindText(m_tracker.counts(OperationRecord::Kind::Read)));

    const qint64 nowNs = LabClock::nowNs();
    while (!m_recentEndsNs.empty() && m_recentEndsNs.front() < nowNs - 1'000'000'000) {
        m_recentEndsNs.pop_front();
    }
    ui->rateValue->setText(m_phase == TrafficRun::Phase::Running ? QString::number(m_recentEndsNs.size())
                                                                 : QStringLiteral("—"));

    const QString running = QStringLiteral("color: #b00020; font-weight: bold;");
    const bool writesFail = m_tracker.currentWriteOutageStartNs() && m_phase == TrafficRun::Phase::Running;
    ui->outageValue->setText(outageDescription(m_tracker, nowNs));
    ui->outageValue->setStyleSheet(writesFail ? running : QString());
    const bool clientFails = m_clientTracker.currentWriteOutageStartNs() && m_phase == TrafficRun::Phase::Running;
    ui->clientOutageValue->setText(outageDescription(m_clientTracker, nowNs));
    ui->clientOutageValue->setStyleSheet(clientFails ? running : QString());
}

QString TrafficPanel::outageDescription(const LiveOutageTracker& tracker, qint64 nowNs) const
{
    if (const auto startNs = tracker.currentWriteOutageStartNs(); startNs && m_phase == TrafficRun::Phase::Running) {
        return tr("running for %1 s").arg(seconds(nowNs - *startNs));
    }
    if (const auto longest = longestWriteOutage(tracker); longest.second > 0) {
        return tr("none now; the longest lasted %1 s (%n in all)", nullptr, longest.second).arg(seconds(longest.first));
    }
    return m_phase == TrafficRun::Phase::Idle ? QStringLiteral("—") : tr("none");
}
