// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustersettingschange.h"

#include "clusterobserver.h"
#include "patronisettings.h"

#include <QJsonDocument>

ClusterSettingsTarget ClusterSettingsChange::Outcome::restoreTarget() const
{
    ClusterSettingsTarget target;
    if (patroniTouched && !patroni.unchanged) {
        for (const auto& [path, value] : PatroniSettings::flatten(patroni.patch)) {
            const QJsonValue old = PatroniSettings::valueAt(patroni.before, path);
            target.patroni << path + u'='
                    + (old.isUndefined() || old.isNull() ? QStringLiteral("null")
                       : old.isObject() || old.isArray()  ? QString::fromUtf8(QJsonDocument(old.toObject()).toJson(QJsonDocument::Compact))
                                                          : PatroniSettings::valueText(old));
        }
    }
    if (haproxyTouched && !haproxy.unchanged) {
        target.haproxy = HaproxyCheckTiming::of(haproxy.before);
    }
    return target;
}

ClusterSettingsChange::ClusterSettingsChange(ClusterObserver* observer, const DockerCli& docker,
                                             const QString& haproxyContainer, BasicCredentials credentials, QObject* parent)
    : QObject(parent)
    , m_observer(observer)
    , m_docker(docker)
    , m_haproxyContainer(haproxyContainer)
    , m_credentials(std::move(credentials))
{
}

void ClusterSettingsChange::start(const ClusterSettingsTarget& target)
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_target = target;
    m_outcome.refusedBeforeChanging = true;
    QString refusal;
    if (target.isEmpty()) {
        refusal = tr("Name at least one setting as KEY=VALUE, e.g. ttl=20 or haproxy.inter=1s.");
    } else if (!target.haproxy.isEmpty() && m_haproxyContainer.isEmpty()) {
        refusal = tr("This cluster has no HAProxy container, so haproxy.* settings cannot be changed.");
    } else if (const QStringList problems = target.haproxy.violations(); !problems.isEmpty()) {
        refusal = problems.join(QStringLiteral("; ")) + u'.';
    } else if (!m_observer) {
        refusal = tr("No cluster is observed.");
    }
    if (!refusal.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, refusal] { finish(refusal); }, Qt::QueuedConnection);
        return;
    }
    if (target.patroni.isEmpty()) {
        QMetaObject::invokeMethod(this, &ClusterSettingsChange::startHaproxy, Qt::QueuedConnection);
        return;
    }
    m_outcome.patroniTouched = true;
    auto* change = new PatroniSettingsChange(m_observer, m_credentials, this);
    connect(change, &PatroniSettingsChange::finished, this, [this, change](const PatroniSettingsChange::Outcome& outcome) {
        change->deleteLater();
        m_outcome.patroni = outcome;
        m_outcome.refusedBeforeChanging = outcome.refusedBeforeSending;
        if (!outcome.ok()) {
            finish(outcome.error);
            return;
        }
        startHaproxy();
    });
    // PatroniSettingsChange may answer at once (no cluster): after start() has returned, like the rest.
    QMetaObject::invokeMethod(this, [change, assignments = target.patroni] { change->start(assignments); }, Qt::QueuedConnection);
}

void ClusterSettingsChange::startHaproxy()
{
    if (m_target.haproxy.isEmpty()) {
        m_outcome.refusedBeforeChanging = false;
        finish();
        return;
    }
    m_outcome.haproxyTouched = true;
    auto* change = new HaproxyCheckChange(m_haproxyContainer, m_docker, this);
    connect(change, &HaproxyCheckChange::finished, this, [this, change](const HaproxyCheckChange::Outcome& outcome) {
        change->deleteLater();
        m_outcome.haproxy = outcome;
        m_outcome.refusedBeforeChanging = m_outcome.refusedBeforeChanging && outcome.refusedBeforeWriting
            && (!m_outcome.patroniTouched || m_outcome.patroni.unchanged);
        finish(outcome.ok() ? QString() : outcome.error);
    });
    change->start(m_target.haproxy);
}

void ClusterSettingsChange::finish(const QString& error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_outcome.error = error;
    emit finished(m_outcome);
}
