// SPDX-License-Identifier: GPL-3.0-or-later
// patroni-lab-cli settings show | set KEY=VALUE... | apply PROFILE | reset | profiles: ClusterCommands' part that
// reads and changes a cluster's HA settings (Patroni's dynamic configuration and HAProxy's check timing).
#include "clusterobserver.h"
#include "clustercommands.h"
#include "haproxychecks.h"
#include "labcontroller.h"
#include "patronisettings.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace {

QJsonObject clientJson(const TrafficConfig& client)
{
    return {{QStringLiteral("deadline_ms"), qint64(client.deadline.count())},
            {QStringLiteral("connect_timeout_s"), client.connectTimeoutSeconds()},
            {QStringLiteral("reconnect_backoff_ms"), qint64(client.reconnectBackoff.count())},
            {QStringLiteral("probe_rate"), client.probeRate}};
}

} // namespace

QString ClusterCommands::renderHaproxyAndClient(const HaproxyCheckSettings& haproxy, const TrafficConfig& client)
{
    TextTable checks({QStringLiteral("Setting"), QStringLiteral("Value"), QStringLiteral("What it does")});
    const QString origin = haproxy.fromConfig ? QString() : QStringLiteral(" (HAProxy's default)");
    checks.addRow({QStringLiteral("haproxy.inter"), HaproxyCheckTiming::timeText(haproxy.interSeconds) + origin,
                   QStringLiteral("how often HAProxy asks each node's Patroni REST API whether it is the primary")});
    checks.addRow({QStringLiteral("haproxy.fall"), QString::number(haproxy.fall) + origin,
                   QStringLiteral("failed checks in a row before a node is marked DOWN and no longer gets connections")});
    checks.addRow({QStringLiteral("haproxy.rise"), QString::number(haproxy.rise) + origin,
                   QStringLiteral("good checks in a row before a node (the new leader) is marked UP again")});
    checks.addRow({QStringLiteral("haproxy.shutdown_sessions"), haproxy.shutdownSessions ? QStringLiteral("on") : QStringLiteral("off"),
                   QStringLiteral("on-marked-down shutdown-sessions: close a DOWN node's client connections at once")});
    QString text = checks.render(QStringLiteral("HAProxy health checks (") + haproxy.source + u')');

    TextTable clientTable({QStringLiteral("Client"), QStringLiteral("Value"), QStringLiteral("What it does")});
    clientTable.addRow({QStringLiteral("deadline"), QStringLiteral("%1 ms").arg(client.deadline.count()),
                        QStringLiteral("a connect or an operation without an answer by then counts as failed (client side)")});
    const int connectTimeout = client.connectTimeoutSeconds();
    clientTable.addRow({QStringLiteral("connect_timeout"),
                        connectTimeout > 0 ? QStringLiteral("%1 s").arg(connectTimeout) : QStringLiteral("none"),
                        QStringLiteral("libpq's own limit for a connection attempt (the deadline above is shorter)")});
    clientTable.addRow({QStringLiteral("reconnect backoff"), QStringLiteral("%1 ms").arg(client.reconnectBackoff.count()),
                        QStringLiteral("the workload's pause after a failed connect, before the next attempt")});
    clientTable.addRow({QStringLiteral("probe"), QStringLiteral("%1/s").arg(client.probeRate),
                        QStringLiteral("writes and reads per second each that measure the service's outages")});
    return text + clientTable.render(QStringLiteral("Traffic generator (patroni-lab-cli traffic, the window's Traffic)"));
}

QString ClusterCommands::renderSettings(const QJsonObject& config, int patroniMajorMinor)
{
    TextTable known({QStringLiteral("Setting"), QStringLiteral("Value"), QStringLiteral("What it does")});
    QStringList knownPaths;
    for (const PatroniSettings::Key& key : PatroniSettings::knownKeys(patroniMajorMinor)) {
        const QJsonValue value = PatroniSettings::valueAt(config, key.path);
        known.addRow({key.path,
                      value.isUndefined() ? QStringLiteral("(default: %1)").arg(key.defaultValue) : PatroniSettings::valueText(value),
                      key.meaning});
        knownPaths << key.path;
    }
    TextTable others({QStringLiteral("Other key"), QStringLiteral("Value")});
    for (const auto& [path, value] : PatroniSettings::flatten(config)) {
        if (!knownPaths.contains(path)) {
            others.addRow({path, PatroniSettings::valueText(value)});
        }
    }
    QString text = known.render(QStringLiteral("Patroni dynamic configuration")) + others.render();
    const QStringList broken = PatroniSettings::ruleViolations(config);
    for (const QString& problem : broken) {
        text += QStringLiteral("warning: %1\n").arg(problem);
    }
    return text;
}

bool ClusterCommands::prepareSettings()
{
    const QString action = m_request.command.value(1);
    if (action == QLatin1StringView("profiles")) {
        for (const ClusterSettingsProfile& profile : ClusterSettingsProfile::builtIn()) {
            m_out << profile.name << QStringLiteral(": ") << profile.description << u'\n'
                  << QStringLiteral("    ") << profile.target.assignments().join(u' ') << QStringLiteral("\n\n");
        }
        m_out.flush();
        emit finished(LabController::Success);
        return false;
    }
    if (action == QLatin1StringView("show")) {
        return true;
    }
    if (action == QLatin1StringView("set")) {
        const auto target = ClusterSettingsTarget::fromAssignments(m_request.settingsAssignments);
        if (!target.ok()) {
            m_err << QStringLiteral("error: ") << target.error() << QStringLiteral(" Nothing was changed.") << Qt::endl;
            emit finished(LabController::InvalidInput);
            return false;
        }
        m_settingsTarget = target.value();
        if (const QStringList problems = m_settingsTarget.haproxy.violations(); !problems.isEmpty()) {
            m_err << QStringLiteral("error: ") << problems.join(QStringLiteral("; ")) << QStringLiteral(". Nothing was changed.")
                  << Qt::endl;
            emit finished(LabController::InvalidInput);
            return false;
        }
        return true;
    }
    const QString name = action == QLatin1StringView("reset") ? ClusterSettingsProfile::defaultProfileName()
                                                              : m_request.settingsAssignments.value(0);
    const auto profile = ClusterSettingsProfile::find(name);
    if (!profile.ok()) {
        m_err << QStringLiteral("error: ") << profile.error() << QStringLiteral(" Nothing was changed.") << Qt::endl;
        emit finished(LabController::InvalidInput);
        return false;
    }
    m_settingsTarget = profile.value().target;
    m_settingsProfile = profile.value().name;
    return true;
}

void ClusterCommands::runSettings(const DiscoveredCluster& cluster)
{
    ClusterObserver* observer = makeObserver(cluster);
    const QString haproxyContainer = cluster.haproxyContainer();
    connect(observer, &ClusterObserver::firstRoundCompleted, this, [this, observer, haproxyContainer](const ClusterState& state) {
        const int version = PatroniSettings::majorMinor(state.versions().value(QLatin1StringView("patroni")).toString());
        if (m_request.command.value(1) == QLatin1StringView("show")) {
            connect(observer, &ClusterObserver::patroniConfigReceived, this,
                    [this, observer, version, haproxyContainer](const QJsonObject& config) {
                        showSettings(observer, config, version, haproxyContainer);
                    },
                    Qt::SingleShotConnection);
            observer->requestPatroniConfig();
            return;
        }
        auto* change = new ClusterSettingsChange(observer, m_docker, haproxyContainer, m_request.restCredentials, this);
        connect(change, &ClusterSettingsChange::finished, this, [this, observer, change](const ClusterSettingsChange::Outcome& outcome) {
            change->deleteLater();
            observer->stop();
            printChange(*observer, outcome);
            emit finished(outcome.ok() ? LabController::Success : LabController::Failed);
        });
        change->start(m_settingsTarget);
    }, Qt::SingleShotConnection);
    observer->start();
}

void ClusterCommands::showSettings(ClusterObserver* observer, const QJsonObject& config, int version, const QString& haproxyContainer)
{
    observer->stop();
    if (config.isEmpty()) {
        m_err << QStringLiteral("error: no Patroni member of '%1' answered GET /config: is it up? (patroni-lab-cli status)")
                     .arg(observer->cluster().name)
              << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    TrafficConfig client;
    client.conninfo = m_request.lab.libpqConninfo(m_request.lab.primaryPort());
    const auto print = [this, observer, config, version, client](const std::optional<HaproxyCheckSettings>& haproxy) {
        if (m_request.json) {
            QJsonArray broken;
            for (const QString& problem : PatroniSettings::ruleViolations(config)) {
                broken.append(problem);
            }
            m_out << QJsonDocument(QJsonObject{{QStringLiteral("cluster"), observer->cluster().name},
                                               {QStringLiteral("config"), config},
                                               {QStringLiteral("rule_violations"), broken},
                                               {QStringLiteral("haproxy"), haproxy ? haproxy->toJson() : QJsonValue()},
                                               {QStringLiteral("client"), clientJson(client)}})
                         .toJson(QJsonDocument::Indented);
        } else {
            m_out << renderSettings(config, version);
            if (haproxy) {
                m_out << renderHaproxyAndClient(*haproxy, client);
            }
        }
        m_out.flush();
        emit finished(LabController::Success);
    };
    if (haproxyContainer.isEmpty()) {
        print(std::nullopt);
        return;
    }
    auto* reader = new HaproxyCheckReader(haproxyContainer, m_docker, this);
    connect(reader, &HaproxyCheckReader::finished, this, [reader, print](const HaproxyCheckSettings& settings) {
        reader->deleteLater();
        print(settings);
    });
    reader->start();
}

void ClusterCommands::printChange(const ClusterObserver& observer, const ClusterSettingsChange::Outcome& outcome)
{
    const PatroniSettingsChange::Outcome& patroni = outcome.patroni;
    if (m_request.json) {
        QJsonObject applied;
        for (auto it = patroni.appliedAfterS.cbegin(); it != patroni.appliedAfterS.cend(); ++it) {
            applied.insert(it.key(), it.value());
        }
        QJsonObject object{{QStringLiteral("cluster"), observer.cluster().name},
                           {QStringLiteral("ok"), outcome.ok()},
                           {QStringLiteral("error"), outcome.error},
                           {QStringLiteral("changed"), outcome.ok() && ((outcome.patroniTouched && !patroni.unchanged)
                                                                         || (outcome.haproxyTouched && !outcome.haproxy.unchanged))},
                           {QStringLiteral("patch"), patroni.patch},
                           {QStringLiteral("before"), patroni.before},
                           {QStringLiteral("after"), patroni.after},
                           {QStringLiteral("applied_after_s"), applied},
                           {QStringLiteral("not_applied"), QJsonArray::fromStringList(patroni.notApplied)},
                           {QStringLiteral("pending_restart"), QJsonArray::fromStringList(patroni.pendingRestart)}};
        if (!m_settingsProfile.isEmpty()) {
            object.insert(QStringLiteral("profile"), m_settingsProfile);
        }
        if (outcome.haproxyTouched) {
            object.insert(QStringLiteral("haproxy"), QJsonObject{{QStringLiteral("before"), outcome.haproxy.before.toJson()},
                                                                 {QStringLiteral("after"), outcome.haproxy.after.toJson()},
                                                                 {QStringLiteral("unchanged"), outcome.haproxy.unchanged},
                                                                 {QStringLiteral("reload_s"), outcome.haproxy.reloadSeconds},
                                                                 {QStringLiteral("warning"), outcome.haproxy.warning}});
        }
        m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else if (outcome.ok()) {
        if (!m_settingsProfile.isEmpty()) {
            m_out << QStringLiteral("Profile %1: %2\n").arg(m_settingsProfile, m_settingsTarget.assignments().join(u' '));
        }
        if (outcome.patroniTouched) {
            const QString patch = QString::fromUtf8(QJsonDocument(patroni.patch).toJson(QJsonDocument::Compact));
            if (patroni.unchanged) {
                m_out << QStringLiteral("Nothing to change in Patroni: the cluster has %1 already.\n").arg(patch);
            } else {
                QStringList members = patroni.appliedAfterS.keys();
                members.sort();
                QStringList applied;
                for (const QString& member : std::as_const(members)) {
                    applied << QStringLiteral("%1 after %2 s").arg(member).arg(patroni.appliedAfterS.value(member), 0, 'f', 1);
                }
                m_out << QStringLiteral("Patroni accepted PATCH /config %1; every member applied it (an HA cycle since): %2.\n")
                             .arg(patch, applied.join(QStringLiteral(", ")));
                if (!patroni.pendingRestart.isEmpty()) {
                    m_out << QStringLiteral("PostgreSQL needs a restart to use it on: %1 (patronictl restart, or the "
                                            "node's Restart).\n")
                                 .arg(patroni.pendingRestart.join(QStringLiteral(", ")));
                }
            }
        }
        if (outcome.haproxyTouched) {
            if (outcome.haproxy.unchanged) {
                m_out << QStringLiteral("Nothing to change in HAProxy: its checks are %1 already.\n").arg(outcome.haproxy.before.describe());
            } else {
                m_out << QStringLiteral("HAProxy reloaded in %1 s without closing connections; its checks were %2, now %3.\n")
                             .arg(outcome.haproxy.reloadSeconds, 0, 'f', 1)
                             .arg(outcome.haproxy.before.describe(), outcome.haproxy.after.describe());
            }
        }
    }
    m_out.flush();
    if (outcome.haproxyTouched && !outcome.haproxy.warning.isEmpty()) {
        m_err << QStringLiteral("warning: ") << outcome.haproxy.warning << Qt::endl;
    }
    if (!outcome.ok()) {
        m_err << QStringLiteral("error: ") << outcome.error
              << (outcome.refusedBeforeChanging ? QStringLiteral(" Nothing was changed.") : QString()) << Qt::endl;
    }
}
