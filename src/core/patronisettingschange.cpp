// SPDX-License-Identifier: GPL-3.0-or-later
#include "patronisettingschange.h"

#include "clusterobserver.h"
#include "patroniapi.h"
#include "patronisettings.h"

#include <QDateTime>
#include <QJsonDocument>

PatroniSettingsChange::PatroniSettingsChange(ClusterObserver* observer, BasicCredentials credentials, QObject* parent)
    : QObject(parent)
    , m_observer(observer)
    , m_credentials(std::move(credentials))
{
    m_pollTimer.setInterval(500);
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &PatroniSettingsChange::poll);
}

void PatroniSettingsChange::start(const QStringList& assignments, std::chrono::milliseconds timeout)
{
    m_assignments = assignments;
    m_timeout = timeout;
    if (!m_observer) {
        finish(tr("no cluster is observed"));
        return;
    }
    connect(m_observer, &ClusterObserver::patroniConfigReceived, this, &PatroniSettingsChange::onConfig,
            Qt::SingleShotConnection);
    m_observer->requestPatroniConfig();
}

void PatroniSettingsChange::onConfig(const QJsonObject& config)
{
    if (config.isEmpty()) {
        m_outcome.refusedBeforeSending = true;
        finish(tr("no Patroni member answered GET /config: is the cluster up? (patroni-lab-cli status)"));
        return;
    }
    m_outcome.before = config;
    const int version = PatroniSettings::majorMinor(
        m_observer->state().versions().value(QLatin1StringView("patroni")).toString());
    const auto patch = PatroniSettings::patchFrom(m_assignments, version);
    if (!patch.ok()) {
        m_outcome.refusedBeforeSending = true;
        finish(patch.error());
        return;
    }
    m_outcome.patch = patch.value();
    m_outcome.after = PatroniSettings::merged(config, m_outcome.patch);
    const QStringList broken = PatroniSettings::ruleViolations(m_outcome.after);
    if (!broken.isEmpty()) {
        m_outcome.refusedBeforeSending = true;
        finish(broken.join(u' '));
        return;
    }
    if (PatroniSettings::contains(config, m_outcome.patch)) {
        m_outcome.unchanged = true;
        finish();
        return;
    }
    // Any member writes the DCS; the leader is the one most likely to answer.
    const MemberState* leader = m_observer->state().leader();
    const QStringList members = m_observer->patroniMembers();
    const QString target = leader && members.contains(leader->name) ? leader->name : members.value(0);
    const QByteArray body = QJsonDocument(m_outcome.patch).toJson(QJsonDocument::Compact);
    m_sinceSent.start();
    m_sentWallMs = QDateTime::currentMSecsSinceEpoch();
    m_observer->requestPatroni(target, "PATCH", QStringLiteral("/config"), body, m_credentials,
                               [this, target](const EndpointReply& reply) {
        m_outcome.httpStatus = reply.httpStatus;
        if (reply.httpStatus == 200) {
            poll();
            return;
        }
        if (!reply.answered()) {
            finish(tr("PATCH /config to %1 got no answer: %2").arg(target, reply.error));
        } else if (reply.httpStatus == 401) {
            finish(tr("Patroni refused the REST credentials (HTTP 401): give the cluster's restapi user and password "
                      "(--rest-user, --rest-password; the lab's are admin/admin)"));
        } else {
            finish(tr("Patroni refused the change (HTTP %1): %2")
                       .arg(reply.httpStatus)
                       .arg(QString::fromUtf8(reply.body).trimmed()));
        }
    });
}

void PatroniSettingsChange::poll()
{
    const QStringList members = m_observer ? m_observer->patroniMembers() : QStringList();
    QStringList waiting;
    for (const QString& member : members) {
        if (!m_outcome.appliedAfterS.contains(member)) {
            waiting << member;
        }
    }
    if (waiting.isEmpty()) {
        m_outcome.pendingRestart.sort();
        finish();
        return;
    }
    if (m_sinceSent.elapsed() > m_timeout.count()) {
        m_outcome.notApplied = waiting;
        finish(tr("not applied within %1 s by %2 (a stopped or cut-off member reads the change when it is back)")
                   .arg(m_timeout.count() / 1000)
                   .arg(waiting.join(QStringLiteral(", "))));
        return;
    }
    // Applied by a member: its own GET /config returns the change (the DCS has it) and its /patroni says that it
    // has talked to the DCS since the change was sent (dcs_last_seen, whole seconds): it ran an HA cycle, which loads
    // a changed dynamic configuration. That takes up to loop_wait.
    m_pending = static_cast<int>(waiting.size());
    for (const QString& member : std::as_const(waiting)) {
        m_observer->requestPatroni(member, "GET", QStringLiteral("/config"), {}, {}, [this, member](const EndpointReply& reply) {
            const QJsonDocument document = QJsonDocument::fromJson(reply.body);
            if (m_finished || reply.httpStatus != 200 || !document.isObject()
                || !PatroniSettings::contains(document.object(), m_outcome.patch)) {
                roundReplyDone();
                return;
            }
            m_observer->requestPatroni(member, "GET", QStringLiteral("/patroni"), {}, {}, [this, member](const EndpointReply& status) {
                const auto node = status.httpStatus == 200 ? PatroniApi::parseNodeStatus(status.body)
                                                           : Result<PatroniNodeStatus>::failure(status.error);
                // Without dcs_last_seen (no Patroni here lacks it, but an unknown one might) the config is the sign.
                const qint64 lastSeen = node.ok() ? node.value().dcsLastSeen : 0;
                if (node.ok() && (lastSeen == 0 || lastSeen * 1000 >= m_sentWallMs + 1000)) {
                    m_outcome.appliedAfterS.insert(member, m_sinceSent.elapsed() / 1000.0);
                    if (node.value().pendingRestart) {
                        m_outcome.pendingRestart << member;
                    }
                }
                roundReplyDone();
            });
        });
    }
}

void PatroniSettingsChange::roundReplyDone()
{
    if (--m_pending == 0 && !m_finished) {
        m_pollTimer.start();
    }
}

void PatroniSettingsChange::finish(const QString& error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_pollTimer.stop();
    m_outcome.error = error;
    emit finished(m_outcome);
}
