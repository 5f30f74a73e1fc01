// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "endpointclient.h"
#include "haproxycheckchange.h"
#include "patronisettingschange.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

class ClusterObserver;

// What a cluster's HA behaviour is set to, as one thing to turn: Patroni's dynamic configuration (KEY=VALUE
// assignments, PatroniSettings) and HAProxy's check timing (haproxy.inter=..., HaproxyCheckTiming). A profile is
// such a target with a name and a why; the built-in ones set every key they care about, so that applying one gives
// the same cluster whatever was applied before.
struct ClusterSettingsTarget
{
    Q_DECLARE_TR_FUNCTIONS(ClusterSettingsTarget)
public:
    QStringList patroni; // "ttl=20", "synchronous_mode=true", "failsafe_mode=null"
    HaproxyCheckTiming haproxy;

    bool isEmpty() const { return patroni.isEmpty() && haproxy.isEmpty(); }
    // KEY=VALUE words as the CLI takes them: haproxy.inter, haproxy.fall, haproxy.rise, haproxy.shutdown_sessions
    // go to HAProxy, everything else to Patroni. A bad haproxy.* value or key fails here, before anything is sent.
    static Result<ClusterSettingsTarget> fromAssignments(const QStringList& assignments);
    // The profile file form: {"patroni": {"ttl": 20, ...}, "haproxy": {"inter": "500ms", "fall": 2, ...}}.
    static Result<ClusterSettingsTarget> fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
    QStringList assignments() const; // both parts as KEY=VALUE words
};

struct ClusterSettingsProfile
{
    Q_DECLARE_TR_FUNCTIONS(ClusterSettingsProfile)
public:
    QString name;        // demo, fast-failover, synchronous, synchronous-strict, or a file's "name"
    QString description; // one or two sentences: what it is for (translated for the built-in ones)
    ClusterSettingsTarget target;

    // The lab's defaults first: the others are it with some keys changed.
    static QList<ClusterSettingsProfile> builtIn();
    static QString defaultProfileName() { return QStringLiteral("demo"); }
    // A built-in name, or a JSON file {"name", "description", "patroni", "haproxy"} (like scenario files).
    static Result<ClusterSettingsProfile> find(const QString& nameOrFile);
    static Result<ClusterSettingsProfile> fromJson(const QJsonObject& object, const QString& origin);
    QJsonObject toJson() const;
};

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
