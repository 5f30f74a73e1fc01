// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "haproxychecks.h"

#include <QObject>


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
        QString warning; // applied, but the reload was not seamless for new connections (no server states kept)
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
