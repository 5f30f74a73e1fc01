// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustersettings.h"

#include "patronisettings.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace {

const QString HaproxyPrefix = QStringLiteral("haproxy.");

// Patroni's keys as the lab deploys them (packaging/lab/node/patroni.yml); null removes what other profiles add.
QStringList demoPatroni()
{
    return {QStringLiteral("ttl=30"), QStringLiteral("loop_wait=10"), QStringLiteral("retry_timeout=10"),
            QStringLiteral("maximum_lag_on_failover=1048576"), QStringLiteral("synchronous_mode=false"),
            QStringLiteral("synchronous_mode_strict=false"), QStringLiteral("synchronous_node_count=null"),
            QStringLiteral("failsafe_mode=null")};
}

HaproxyCheckTiming haproxyTiming(double interSeconds, int fall, int rise, bool shutdownSessions)
{
    HaproxyCheckTiming timing;
    timing.interSeconds = interSeconds;
    timing.fall = fall;
    timing.rise = rise;
    timing.shutdownSessions = shutdownSessions;
    return timing;
}

// demo's Patroni keys with some replaced.
QStringList demoWith(const QStringList& replaced)
{
    return ClusterSettingsTarget::withOverrides(demoPatroni(), replaced);
}

} // namespace

Result<ClusterSettingsTarget> ClusterSettingsTarget::fromAssignments(const QStringList& assignments)
{
    ClusterSettingsTarget target;
    for (const QString& assignment : assignments) {
        if (!assignment.startsWith(HaproxyPrefix)) {
            target.patroni << assignment;
            continue;
        }
        const qsizetype equals = assignment.indexOf(u'=');
        const QString key = assignment.mid(HaproxyPrefix.size(), equals < 0 ? -1 : equals - HaproxyPrefix.size()).trimmed();
        if (equals < 0) {
            return Result<ClusterSettingsTarget>::failure(tr("'%1' is not KEY=VALUE (e.g. haproxy.inter=500ms).").arg(assignment));
        }
        QString error;
        if (!target.haproxy.assign(key, assignment.mid(equals + 1), &error)) {
            return Result<ClusterSettingsTarget>::failure(
                tr("HAProxy has no lab setting '%1': the lab changes haproxy.%2.").arg(key, HaproxyCheckTiming::keys().join(QStringLiteral(", haproxy."))));
        }
        if (!error.isEmpty()) {
            return Result<ClusterSettingsTarget>::failure(error + u'.');
        }
    }
    return Result<ClusterSettingsTarget>::success(target);
}

Result<ClusterSettingsTarget> ClusterSettingsTarget::fromJson(const QJsonObject& object)
{
    QStringList assignments;
    const QJsonObject patroni = object.value(QLatin1StringView("patroni")).toObject();
    for (const auto& [path, value] : PatroniSettings::flatten(patroni)) {
        assignments << path + u'=' + (value.isNull() ? QStringLiteral("null") : PatroniSettings::valueText(value));
    }
    const QJsonObject haproxy = object.value(QLatin1StringView("haproxy")).toObject();
    for (auto it = haproxy.constBegin(); it != haproxy.constEnd(); ++it) {
        const QJsonValue value = it.value();
        const QString text = value.isBool() ? (value.toBool() ? QStringLiteral("on") : QStringLiteral("off"))
                             : value.isDouble() ? QString::number(value.toDouble())
                                                : value.toString();
        assignments << HaproxyPrefix + it.key() + u'=' + text;
    }
    return fromAssignments(assignments);
}

QStringList ClusterSettingsTarget::withOverrides(QStringList assignments, const QStringList& overrides)
{
    for (const QString& assignment : overrides) {
        const QString key = assignment.section(u'=', 0, 0);
        const auto same = std::find_if(assignments.begin(), assignments.end(),
                                       [&key](const QString& existing) { return existing.section(u'=', 0, 0) == key; });
        if (same != assignments.end()) {
            *same = assignment;
        } else {
            assignments << assignment;
        }
    }
    return assignments;
}

QStringList ClusterSettingsTarget::assignments() const
{
    QStringList words = patroni;
    if (haproxy.interSeconds) {
        words << HaproxyPrefix + QStringLiteral("inter=") + HaproxyCheckTiming::timeText(*haproxy.interSeconds);
    }
    if (haproxy.fall) {
        words << HaproxyPrefix + QStringLiteral("fall=%1").arg(*haproxy.fall);
    }
    if (haproxy.rise) {
        words << HaproxyPrefix + QStringLiteral("rise=%1").arg(*haproxy.rise);
    }
    if (haproxy.shutdownSessions) {
        words << HaproxyPrefix + QStringLiteral("shutdown_sessions=") + (*haproxy.shutdownSessions ? u"on" : u"off");
    }
    return words;
}

QJsonObject ClusterSettingsTarget::toJson() const
{
    QJsonObject object;
    const auto patch = patroni.isEmpty() ? Result<QJsonObject>::success({}) : PatroniSettings::patchFrom(patroni);
    object.insert(QStringLiteral("patroni"), patch.ok() ? patch.value() : QJsonObject());
    QJsonObject timing;
    if (haproxy.interSeconds) {
        timing.insert(QStringLiteral("inter"), HaproxyCheckTiming::timeText(*haproxy.interSeconds));
    }
    if (haproxy.fall) {
        timing.insert(QStringLiteral("fall"), *haproxy.fall);
    }
    if (haproxy.rise) {
        timing.insert(QStringLiteral("rise"), *haproxy.rise);
    }
    if (haproxy.shutdownSessions) {
        timing.insert(QStringLiteral("shutdown_sessions"), *haproxy.shutdownSessions);
    }
    object.insert(QStringLiteral("haproxy"), timing);
    return object;
}

QList<ClusterSettingsProfile> ClusterSettingsProfile::builtIn()
{
    QList<ClusterSettingsProfile> profiles;
    profiles.append({QStringLiteral("demo"),
                     tr("The lab's defaults, as Patroni's Docker demo: ttl 30 s, loop_wait 10 s, retry_timeout 10 s, "
                        "asynchronous replication; HAProxy checks every 3 s, a node is DOWN after 3 failed checks and "
                        "UP after 2 good ones."),
                     {demoPatroni(), haproxyTiming(3, 3, 2, true)}});
    profiles.append({QStringLiteral("fast-failover"),
                     tr("The fastest timing Patroni allows: the leader key lives 20 s (ttl, its minimum) and is renewed "
                        "every second (loop_wait 1 s); retry_timeout 5 s leaves room for a slow etcd answer on a busy "
                        "machine (ttl ≥ loop_wait + 2 × retry_timeout). HAProxy checks every 500 ms and needs 2 failed "
                        "checks for DOWN, 1 good one for UP. A killed leader costs about ttl instead of 30 s."),
                     {demoWith({QStringLiteral("ttl=20"), QStringLiteral("loop_wait=1"), QStringLiteral("retry_timeout=5")}),
                      haproxyTiming(0.5, 2, 1, true)}});
    profiles.append({QStringLiteral("synchronous"),
                     tr("The demo's timing with synchronous replication (synchronous_mode): the leader confirms a "
                        "commit only when a synchronous standby has it, and only that standby may be promoted. With no "
                        "standby left, Patroni turns synchronous replication off and writes go on."),
                     {demoWith({QStringLiteral("synchronous_mode=true")}), haproxyTiming(3, 3, 2, true)}});
    profiles.append({QStringLiteral("synchronous-strict"),
                     tr("Synchronous replication that never falls back (synchronous_mode_strict): with no synchronous "
                        "standby, commits wait instead of being confirmed, so no confirmed write can be lost, at the "
                        "price of writes that hang."),
                     {demoWith({QStringLiteral("synchronous_mode=true"), QStringLiteral("synchronous_mode_strict=true")}),
                      haproxyTiming(3, 3, 2, true)}});
    return profiles;
}

Result<ClusterSettingsProfile> ClusterSettingsProfile::find(const QString& nameOrFile)
{
    QStringList names;
    for (const ClusterSettingsProfile& profile : builtIn()) {
        if (profile.name == nameOrFile) {
            return Result<ClusterSettingsProfile>::success(profile);
        }
        names << profile.name;
    }
    if (!QFileInfo::exists(nameOrFile)) {
        return Result<ClusterSettingsProfile>::failure(
            tr("No settings profile '%1': the built-in ones are %2, or give a JSON file.").arg(nameOrFile, names.join(QStringLiteral(", "))));
    }
    QFile file(nameOrFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<ClusterSettingsProfile>::failure(tr("Cannot read the settings profile %1: %2.").arg(nameOrFile, file.errorString()));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        return Result<ClusterSettingsProfile>::failure(
            tr("The settings profile %1 is not a JSON object (%2).").arg(nameOrFile, error.errorString()));
    }
    return fromJson(document.object(), nameOrFile);
}

Result<ClusterSettingsProfile> ClusterSettingsProfile::fromJson(const QJsonObject& object, const QString& origin)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        static const QStringList known{QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("patroni"),
                                       QStringLiteral("haproxy")};
        if (!known.contains(it.key())) {
            return Result<ClusterSettingsProfile>::failure(
                tr("The settings profile %1 has an unknown key '%2' (known: %3).").arg(origin, it.key(), known.join(QStringLiteral(", "))));
        }
    }
    auto target = ClusterSettingsTarget::fromJson(object);
    if (!target.ok()) {
        return Result<ClusterSettingsProfile>::failure(tr("The settings profile %1: %2").arg(origin, target.error()));
    }
    if (target.value().isEmpty()) {
        return Result<ClusterSettingsProfile>::failure(
            tr("The settings profile %1 sets nothing: give \"patroni\" and/or \"haproxy\" keys.").arg(origin));
    }
    ClusterSettingsProfile profile;
    profile.name = object.value(QLatin1StringView("name")).toString(QFileInfo(origin).completeBaseName());
    profile.description = object.value(QLatin1StringView("description")).toString();
    profile.target = target.value();
    return Result<ClusterSettingsProfile>::success(profile);
}

QJsonObject ClusterSettingsProfile::toJson() const
{
    QJsonObject object = target.toJson();
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("description"), description);
    return object;
}
