// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clustersettings.h"
#include "dockercli.h"
#include "endpointclient.h"
#include "haproxycheckchange.h"
#include "patronisettingschange.h"

#include <QObject>
#include <QPointer>

class ClusterObserver;

// Applies a ClusterSettingsTarget to an observed cluster: HAProxy's part is checked first (nothing is sent when it
// is invalid or there is no HAProxy container), then Patroni's change is made and waited for (PatroniSettingsChange),
// then HAProxy's (HaproxyCheckChange). A refused Patroni change stops before HAProxy is touched. The outcome keeps
// what was there before, so that a caller (a scenario) can put it back: restoreTarget(). Never blocks; finished()
// follows once, always after start() returned.
class ClusterSettingsChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSettingsChange)
public:
    struct Outcome
    {
        QString error; // empty: every part applied (or already so)
        bool refusedBeforeChanging = false; // invalid input or unreachable: nothing was changed
        bool patroniTouched = false;
        bool haproxyTouched = false;
        PatroniSettingsChange::Outcome patroni;
        HaproxyCheckChange::Outcome haproxy;
        bool ok() const { return error.isEmpty(); }
        // What undoes this change: Patroni's keys as they were (null for keys that were not set) and the old timing.
        ClusterSettingsTarget restoreTarget() const;
    };

    // haproxyContainer: empty when the cluster has none (then a target with HAProxy timing is refused).
    ClusterSettingsChange(ClusterObserver* observer, const DockerCli& docker, const QString& haproxyContainer,
                          BasicCredentials credentials, QObject* parent = nullptr);

    // The observer must have completed its first round.
    void start(const ClusterSettingsTarget& target);

signals:
    void finished(const ClusterSettingsChange::Outcome& outcome);

private:
    void startHaproxy();
    void finish(const QString& error = {});

    QPointer<ClusterObserver> m_observer;
    DockerCli m_docker;
    QString m_haproxyContainer;
    BasicCredentials m_credentials;
    ClusterSettingsTarget m_target;
    Outcome m_outcome;
    bool m_started = false;
    bool m_finished = false;
};
