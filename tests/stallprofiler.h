// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where the GUI thread's stalls go. A heartbeat timer on the GUI thread stamps the time every 5 ms; a watchdog thread
// that finds the stamp older than the threshold sends SIGPROF to the GUI thread, whose handler records its stack
// with backtrace(). After the run the stacks are symbolized and counted: each sample is 2 ms of stall, so the counts
// say which code held the event loop. Linux/glibc only; link the test with ENABLE_EXPORTS so that backtrace_symbols
// can name our own functions.

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <cxxabi.h>
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

class StallProfiler : public QObject
{
public:
    explicit StallProfiler(std::chrono::milliseconds threshold = std::chrono::milliseconds(20))
        : m_thresholdNs(std::chrono::nanoseconds(threshold).count())
    {
        instance() = this;
        void* warmUp[4];
        backtrace(warmUp, 4); // the first call loads libgcc, which must not happen inside the handler
        struct sigaction action {};
        action.sa_handler = &StallProfiler::onSignal;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        sigaction(SIGPROF, &action, &m_previous);
        m_guiThread = pthread_self();
        m_clock.start();
        m_lastBeatNs = m_clock.nsecsElapsed();
        m_heartbeat.setInterval(5);
        m_heartbeat.setTimerType(Qt::PreciseTimer);
        connect(&m_heartbeat, &QTimer::timeout, this, [this] { m_lastBeatNs = m_clock.nsecsElapsed(); });
        m_heartbeat.start();
        m_watchdog = std::thread([this] {
            while (!m_stop) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                if (m_clock.nsecsElapsed() - m_lastBeatNs > m_thresholdNs) {
                    pthread_kill(m_guiThread, SIGPROF);
                }
            }
        });
    }

    ~StallProfiler() override { stop(); }

    // Ends the sampling (report() calls it: symbolizing on the GUI thread would otherwise sample itself).
    void stop()
    {
        if (m_stop.exchange(true)) {
            return;
        }
        m_watchdog.join();
        m_heartbeat.stop();
        sigaction(SIGPROF, &m_previous, nullptr);
        instance() = nullptr;
    }

    int samples() const { return std::min<int>(m_sampleCount.load(), MaxSamples); }

    // Where the stalls went: samples by the innermost function of our own (or the test's) code, then the most
    // frequent stacks, innermost first, without the handler's own frames.
    QString report(int top = 4, int depth = 12)
    {
        stop();
        QHash<QString, int> byOwner;
        QHash<QString, int> byStack;
        for (int i = 0; i < samples(); ++i) {
            const Sample& sample = m_samples[static_cast<size_t>(i)];
            std::unique_ptr<char*, decltype(&std::free)> symbols(backtrace_symbols(sample.frames.data(), sample.depth), &std::free);
            QStringList frames;
            QString owner;
            QString qtActivity;
            bool inEventLoop = false; // reached the loop that dispatched the work: frames above are not the cause
            for (int frame = 2; frame < sample.depth; ++frame) { // 0, 1: the handler and the signal trampoline
                const QString name = functionName(QString::fromLocal8Bit(symbols.get()[frame]));
                if (name.isEmpty() || (!frames.isEmpty() && frames.last() == name)) {
                    continue;
                }
                const QString function = bareName(name);
                inEventLoop = inEventLoop || function.startsWith(QLatin1StringView("QEventLoop::"))
                    || function.startsWith(QLatin1StringView("g_main_context_dispatch"))
                    || function.startsWith(QLatin1StringView("QCoreApplication::processEvents"));
                if (owner.isEmpty() && !inEventLoop && isOurs(function)) {
                    owner = function;
                }
                for (const char* activity : {"QWidgetRepaintManager::", "QBackingStore", "QRasterPaintEngine::", "QTextEngine::",
                                             "QFontEngine", "QPainter::", "QWidget::setGeometry", "QLayout"}) {
                    if (qtActivity.isEmpty() && !inEventLoop && function.startsWith(QLatin1StringView(activity))) {
                        qtActivity = QStringLiteral("Qt: ") + function;
                    }
                }
                if (frames.size() < depth) {
                    frames << name;
                }
            }
            if (owner.isEmpty()) {
                owner = qtActivity.isEmpty() ? QStringLiteral("Qt's event loop (no code of ours)") : qtActivity;
            }
            ++byOwner[owner];
            ++byStack[frames.join(QStringLiteral("\n      <- "))];
        }
        QString text = QStringLiteral("%1 samples of the GUI thread stalled longer than %2 ms (one per ~2 ms), by our "
                                      "innermost function:\n")
                           .arg(samples())
                           .arg(m_thresholdNs / 1'000'000);
        for (const auto& [count, name] : sortedByCount(byOwner)) {
            text += QStringLiteral("  %1 x %2\n").arg(count).arg(name);
        }
        text += QStringLiteral("most frequent stacks:\n");
        const auto stacks = sortedByCount(byStack);
        // PATRONI_LAB_STALL_STACKS=N prints more of them.
        top = std::max(top, qEnvironmentVariableIntValue("PATRONI_LAB_STALL_STACKS"));
        for (int i = 0; i < std::min<int>(top, stacks.size()); ++i) {
            text += QStringLiteral("  %1 x %2\n").arg(stacks.at(i).first).arg(stacks.at(i).second);
        }
        return text;
    }

private:
    static constexpr int MaxSamples = 4096;
    static constexpr int MaxDepth = 48;
    struct Sample
    {
        std::array<void*, MaxDepth> frames{};
        int depth = 0;
    };

    static StallProfiler*& instance()
    {
        static StallProfiler* profiler = nullptr;
        return profiler;
    }

    static void onSignal(int)
    {
        StallProfiler* profiler = instance();
        if (!profiler) {
            return;
        }
        const int slot = profiler->m_sampleCount.fetch_add(1);
        if (slot < MaxSamples) {
            Sample& sample = profiler->m_samples[static_cast<size_t>(slot)];
            sample.depth = backtrace(sample.frames.data(), MaxDepth);
        }
    }

    static QList<std::pair<int, QString>> sortedByCount(const QHash<QString, int>& counts)
    {
        QList<std::pair<int, QString>> sorted;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            sorted.append({it.value(), it.key()});
        }
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        return sorted;
    }

    // "void Class::method<T>(args) const" -> "Class::method<T>": without the return type and the arguments.
    static QString bareName(const QString& name)
    {
        QString head = name.section(u'(', 0, 0);
        int depth = 0;
        for (qsizetype i = head.size() - 1; i >= 0; --i) { // the last space outside template arguments
            const QChar c = head.at(i);
            depth += c == u'>' ? 1 : c == u'<' ? -1 : 0;
            if (c == u' ' && depth == 0) {
                return head.mid(i + 1);
            }
        }
        return head;
    }

    // Not Qt, QCustomPlot's replot entry excepted, not glib, libc or the C++ runtime.
    static bool isOurs(const QString& name)
    {
        if (name.startsWith(QLatin1StringView("QCustomPlot::replot"))) {
            return true;
        }
        for (const char* foreign : {"Q", "q", "_", "std::", "g_", "non-virtual thunk to Q", "syscall", "poll", "ppoll",
                                    "clock_", "nanosleep", "main", "operator", "pthread", "read", "write"}) {
            if (name.startsWith(QLatin1StringView(foreign))) {
                return false;
            }
        }
        return true;
    }

    // "binary(_ZN5Class6methodEv+0x1c) [0x...]" -> "Class::method()"; empty for frames without a symbol.
    static QString functionName(const QString& symbol)
    {
        const qsizetype open = symbol.indexOf(u'(');
        const qsizetype plus = symbol.indexOf(u'+', open);
        if (open < 0 || plus <= open + 1) {
            return {};
        }
        const QByteArray mangled = symbol.mid(open + 1, plus - open - 1).toLatin1();
        int status = 0;
        std::unique_ptr<char, decltype(&std::free)> demangled(abi::__cxa_demangle(mangled.constData(), nullptr, nullptr, &status),
                                                              &std::free);
        QString name = status == 0 ? QString::fromLatin1(demangled.get()) : QString::fromLatin1(mangled);
        return name.left(160);
    }

    const qint64 m_thresholdNs;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_lastBeatNs{0};
    QTimer m_heartbeat;
    std::thread m_watchdog;
    std::atomic_bool m_stop{false};
    pthread_t m_guiThread{};
    struct sigaction m_previous {};
    std::array<Sample, MaxSamples> m_samples{};
    std::atomic_int m_sampleCount{0};
};
