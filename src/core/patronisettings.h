// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Patroni's dynamic configuration (GET /config, PATCH /config) as the lab reads and changes it: the keys an HA
// experiment turns, what each means, the rules Patroni documents for them, and KEY=VALUE assignments turned into
// the JSON merge patch PATCH /config takes. Pure functions: the requests are ClusterObserver's and the CLI's.
class PatroniSettings
{
    Q_DECLARE_TR_FUNCTIONS(PatroniSettings)
public:
    enum class Type { Seconds, Bytes, Count, Boolean, SynchronousMode, Json };

    struct Key
    {
        QString path; // "ttl", "postgresql.parameters.max_connections"
        Type type = Type::Json;
        QString meaning; // one sentence, translated
        int minimum = 0; // for Seconds and Count: the smallest value Patroni accepts
        QString defaultValue; // Patroni's, when the key is not set
    };

    // The keys the lab shows and validates, in the order a student reads them. primary_start_timeout is called
    // master_start_timeout before Patroni 3.1 (patroniMajorMinor < 301).
    static QList<Key> knownKeys(int patroniMajorMinor = 400);
    // 4.0.7 → 400, 3.0.2 → 300; 0 when unknown.
    static int majorMinor(const QString& patroniVersion);

    // "ttl=20", "synchronous_mode=on", "postgresql.parameters.max_connections=300", "failsafe_mode=null" (remove
    // the key) → {"ttl": 20, ...}. Unknown keys are taken as JSON paths with JSON values (a bare word is a string).
    static Result<QJsonObject> patchFrom(const QStringList& assignments, int patroniMajorMinor = 400);
    // RFC 7386: what the configuration becomes when Patroni applies the patch (null removes a key).
    static QJsonObject merged(const QJsonObject& config, const QJsonObject& patch);
    // What Patroni's documentation requires of a configuration, one sentence per broken rule (empty: none):
    // ttl ≥ 20, loop_wait ≥ 1, retry_timeout ≥ 3, loop_wait + 2 × retry_timeout ≤ ttl, synchronous_node_count ≥ 1.
    static QStringList ruleViolations(const QJsonObject& config);
    // Whether every key of the patch has its value in config (null: absent): a member that shows this applied it.
    static bool contains(const QJsonObject& config, const QJsonObject& patch);
    // Every leaf of a configuration as "path" → value, for printing and comparing.
    static QList<std::pair<QString, QJsonValue>> flatten(const QJsonObject& config);
    static QString valueText(const QJsonValue& value);
    static QJsonValue valueAt(const QJsonObject& config, const QString& path);
};
