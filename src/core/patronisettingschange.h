// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "endpointclient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>

class ClusterObserver;

// One change of Patroni's dynamic configuration, the way patronictl edit-config makes it but checked first: reads
// GET /config, turns KEY=VALUE assignments into a merge patch (PatroniSettings), refuses what Patroni's documented
// rules forbid (nothing is sent then), sends PATCH /config with the REST credentials, and waits until every member
// applied it: its own GET /config returns it and its /patroni shows an HA cycle since (dcs_last_seen), which takes up
// to loop_wait; that /patroni also says whether PostgreSQL needs a restart for it. Never blocks; finished() follows
// once.
class PatroniSettingsChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PatroniSettingsChange)
public:
    struct Outcome
    {
        QString error; // empty: applied by every member (or nothing to change)
        bool refusedBeforeSending = false; // invalid input or a broken rule: nothing was changed
        QJsonObject before; // GET /config
        QJsonObject patch;
        QJsonObject after; // what Patroni applies (before merged with the patch)
        bool unchanged = false; // the configuration had these values already: nothing was sent
        int httpStatus = 0; // of PATCH /config
        QHash<QString, double> appliedAfterS; // member → seconds from the PATCH until it had applied the change
        QStringList notApplied; // members that did not show it within the timeout
        QStringList pendingRestart; // members whose PostgreSQL needs a restart to use it
        bool ok() const { return error.isEmpty(); }
    };

    PatroniSettingsChange(ClusterObserver* observer, BasicCredentials credentials, QObject* parent = nullptr);

    // The observer must have completed its first round (its state names the Patroni version and the leader).
    void start(const QStringList& assignments, std::chrono::milliseconds timeout = std::chrono::seconds(60));

signals:
    void finished(const PatroniSettingsChange::Outcome& outcome);

private:
    void onConfig(const QJsonObject& config);
    void poll();
    void roundReplyDone(); // one reply of a poll round is in: the next round after the last
    void finish(const QString& error = {});

    QPointer<ClusterObserver> m_observer;
    BasicCredentials m_credentials;
    QStringList m_assignments;
    std::chrono::milliseconds m_timeout{60'000};
    Outcome m_outcome;
    QElapsedTimer m_sinceSent;
    qint64 m_sentWallMs = 0; // dcs_last_seen is wall-clock seconds
    QTimer m_pollTimer;
    int m_pending = 0; // replies outstanding in this poll round
    bool m_finished = false;
};
