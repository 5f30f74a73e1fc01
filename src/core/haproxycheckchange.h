// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "haproxychecks.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

// The health-check timing a lab experiment turns: how often HAProxy checks each Patroni node (inter), how many
// failed checks mark it DOWN (fall), how many good ones bring it back (rise), and whether marking it DOWN closes
// its sessions at once (on-marked-down shutdown-sessions). Unset fields keep what the configuration has.
struct HaproxyCheckTiming
{
    Q_DECLARE_TR_FUNCTIONS(HaproxyCheckTiming)
public:
    std::optional<double> interSeconds;
    std::optional<int> fall;
    std::optional<int> rise;
    std::optional<bool> shutdownSessions;

    bool isEmpty() const { return !interSeconds && !fall && !rise && !shutdownSessions; }
    // This timing over the current one.
    HaproxyCheckSettings appliedTo(const HaproxyCheckSettings& current) const;
    // One sentence per value HAProxy would take but the lab refuses (inter 0.1–60 s, fall and rise 1–100).
    QStringList violations() const;
    // "haproxy.inter=500ms" and friends (the prefix is the caller's): false when the key is not one of these.
    // The value error, if any, goes to error.
    bool assign(const QString& key, const QString& value, QString* error);
    static QStringList keys(); // inter, fall, rise, shutdown_sessions

    // haproxy.cfg with this timing on every listen/backend section that health-checks its servers (the writes and
    // the reads listeners): each such section's default-server lines get the values (one is added before the
    // first server when there is none), and the same keywords are removed from its server lines so that nothing
    // overrides them. Every other byte stays as it was. Fails when no section health-checks its servers.
    Result<QByteArray> rewrite(const QByteArray& cfgText, const HaproxyCheckSettings& current) const;

    // "3s", "500ms": how the rewrite writes an interval.
    static QString timeText(double seconds);
};

// Changes HAProxy's check timing in a running container and reloads it without dropping a connection: reads the
// configuration (HaproxyCheckReader), rewrites it (HaproxyCheckTiming), and inside the container checks the new
// text with `haproxy -c` before it replaces the file, then sends SIGUSR2 to HAProxy's master process (PID 1,
// master-worker mode, `-W`, as in the lab and the official haproxy image): a new worker takes the listeners, the
// old one keeps serving the connections it has until they close. The change is done when the new worker runs and
// the configuration reads back with the new values. Nothing is written when any check before fails. Never blocks;
// finished() follows once.
class HaproxyCheckChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HaproxyCheckChange)
public:
    struct Outcome
    {
        QString error; // empty: applied and read back
        bool refusedBeforeWriting = false; // nothing was changed
        bool unchanged = false; // the configuration had these values already
        HaproxyCheckSettings before;
        HaproxyCheckSettings after;
        double reloadSeconds = 0; // from SIGUSR2 to the new worker
        bool ok() const { return error.isEmpty(); }
    };

    HaproxyCheckChange(const QString& container, const DockerCli& docker, QObject* parent = nullptr);

    void start(const HaproxyCheckTiming& timing);

signals:
    void finished(const HaproxyCheckChange::Outcome& outcome);

private:
    void onCurrent(const HaproxyCheckSettings& current);
    void install(const QByteArray& text);
    void readBack();
    void finish(const QString& error = {});

    QString m_container;
    DockerCli m_docker;
    HaproxyCheckTiming m_timing;
    Outcome m_outcome;
    bool m_started = false;
    bool m_finished = false;
};
