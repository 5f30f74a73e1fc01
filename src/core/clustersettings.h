// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "haproxyconfig.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

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
    // KEY=VALUE words with overrides applied: a key already there gets the new value in its place, a new key is
    // added at the end (a profile, then a scenario's own keys over it).
    static QStringList withOverrides(QStringList assignments, const QStringList& overrides);
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
