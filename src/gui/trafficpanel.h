// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"
#include "liveoutage.h"
#include "runrecords.h"
#include "trafficrun.h"

#include <QTimer>
#include <QWidget>

#include <deque>
#include <memory>

namespace Ui {
class TrafficPanel;
}

// Start and stop the traffic generator, and what it measures right now: successes and failures, operations per
// second and, while writes fail, how long the current outage has been running. The panel only asks for a run
// (startRequested / stopRequested); the window owns the TrafficRun and feeds the operations back.
class TrafficPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPanel)
public:
    explicit TrafficPanel(QWidget* parent = nullptr);
    ~TrafficPanel() override;

    TrafficPreferences preferences() const;
    void setPreferences(const TrafficPreferences& preferences);
    // The ports the target choices name (the lab's HAProxy listeners).
    void setPorts(int primaryPort, int replicasPort);

    // The run's phase drives the button and the phase line; a new Running phase clears the counters.
    void setPhase(TrafficRun::Phase phase, const QString& detail = {});
    void addOperations(const std::vector<OperationRecord>& batch);

    // For tests and the window's status line.
    QString writesText() const;
    QString outageText() const;
    QString clientOutageText() const;
    const LiveOutageTracker& tracker() const { return m_tracker; }
    // The workload's operations only: what a client retrying one attempt at a time saw.
    const LiveOutageTracker& clientTracker() const { return m_clientTracker; }

signals:
    void startRequested(const TrafficPreferences& preferences);
    void stopRequested();

private:
    void refreshCounters();
    // Duration of the longest closed write outage that is not transient, and how many there were.
    static std::pair<qint64, int> longestWriteOutage(const LiveOutageTracker& tracker);
    // "running for 4.2 s", "none now; the longest lasted 7.1 s (1 in all)", "none" ...
    QString outageDescription(const LiveOutageTracker& tracker, qint64 nowNs) const;

    std::unique_ptr<Ui::TrafficPanel> ui;
    TrafficRun::Phase m_phase = TrafficRun::Phase::Idle;
    LiveOutageTracker m_tracker;
    LiveOutageTracker m_clientTracker;
    // End times of recent workload operations, to show operations per second over the last second.
    std::deque<qint64> m_recentEndsNs;
    QTimer m_refreshTimer;
    int m_readCheckEvery = 2; // not shown: the report's "read after every second insert"
};
