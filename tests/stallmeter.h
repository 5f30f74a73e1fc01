// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <ctime>

// Measures how late a 10 ms timer fires: a GUI thread that waits on docker, HTTP or SQL shows up as a long gap.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(std::chrono::milliseconds(10));
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            const qint64 queued = runQueueWaitNs();
            if (m_last > 0) {
                const qint64 stall = now - m_last - 10'000'000;
                // Blocked or running, not waiting for a CPU: what a call that blocks the GUI thread shows as, and
                // what CPU contention on a loaded 2-core machine does not inflate.
                m_longestNotQueuedNs = std::max(m_longestNotQueuedNs, stall - (queued - m_lastQueued));
                if (stall > m_longestNs) {
                    // How much of it the GUI thread spent running, and how much ready to run but waiting for a CPU
                    // (the scheduler's run queue): what is left, it was blocked (a lock, a system call).
                    m_longestCpuNs = cpu - m_lastCpu;
                    m_longestQueuedNs = queued - m_lastQueued;
                }
                m_longestNs = std::max(m_longestNs, stall);
                ++m_ticks;
                if (stall > 16'000'000) {
                    ++m_ticksOver16ms;
                }
            }
            m_last = now;
            m_lastCpu = cpu;
            m_lastQueued = queued;
        });
        m_clock.start();
        m_timer.start();
    }
    double longestMs() const { return double(m_longestNs) / 1e6; }
    double longestCpuMs() const { return double(m_longestCpuNs) / 1e6; }
    double longestQueuedMs() const { return double(m_longestQueuedNs) / 1e6; }
    // The longest stall less the time the GUI thread waited for a CPU in it: the bound the tests assert.
    double longestNotQueuedMs() const { return double(m_longestNotQueuedNs) / 1e6; }
    int ticks() const { return m_ticks; }
    int ticksOver16ms() const { return m_ticksOver16ms; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longestNs = 0;
    qint64 m_lastCpu = 0;
    qint64 m_longestCpuNs = 0;
    qint64 m_lastQueued = 0;
    qint64 m_longestQueuedNs = 0;
    qint64 m_longestNotQueuedNs = 0;

    // Linux: the calling thread's time waiting on a run queue (second field of /proc/thread-self/schedstat).
    static qint64 runQueueWaitNs()
    {
        QFile schedstat(QStringLiteral("/proc/thread-self/schedstat"));
        if (!schedstat.open(QIODevice::ReadOnly)) {
            return 0;
        }
        return schedstat.readAll().split(' ').value(1).toLongLong();
    }

    static qint64 threadCpuNs()
    {
        timespec time{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
        return qint64(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
    }
    int m_ticks = 0;
    int m_ticksOver16ms = 0;
};
