// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustersettingsmodel.h"

#include "patronisettings.h"

#include <QFont>
#include <QRegularExpression>

ClusterSettingsModel::ClusterSettingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    rebuild();
}

void ClusterSettingsModel::setPatroniConfig(const std::optional<QJsonObject>& config, int patroniMajorMinor)
{
    m_config = config;
    m_patroniMajorMinor = patroniMajorMinor > 0 ? patroniMajorMinor : 400;
    rebuild();
}

void ClusterSettingsModel::setHaproxy(const std::optional<HaproxyCheckSettings>& settings, const QString& whyNone)
{
    m_haproxy = settings;
    m_haproxyMissing = settings ? QString() : whyNone;
    rebuild();
}

void ClusterSettingsModel::setClient(const TrafficConfig& client)
{
    m_client = client;
    rebuild();
}

int ClusterSettingsModel::connectTimeoutSeconds(const QString& conninfo)
{
    TrafficConfig client;
    client.conninfo = conninfo;
    return client.connectTimeoutSeconds();
}

QList<ClusterSettingsModel::Row> ClusterSettingsModel::patroniRows() const
{
    QList<Row> rows;
    QStringList knownPaths;
    for (const PatroniSettings::Key& key : PatroniSettings::knownKeys(m_patroniMajorMinor)) {
        Row row { Group::Patroni, key.path, {}, key.meaning };
        if (!m_config) {
            row.value = tr("(not read)");
        } else if (const QJsonValue value = PatroniSettings::valueAt(*m_config, key.path); value.isUndefined()) {
            row.value = tr("(default: %1)").arg(key.defaultValue);
            row.isDefault = true;
        } else {
            row.value = PatroniSettings::valueText(value);
        }
        rows << row;
        knownPaths << key.path;
    }
    if (m_config) {
        for (const auto& [path, value] : PatroniSettings::flatten(*m_config)) {
            if (!knownPaths.contains(path)) {
                rows << Row { Group::Patroni, path, PatroniSettings::valueText(value),
                    tr("Set in Patroni's dynamic configuration; the lab does not explain this key.") };
            }
        }
    }
    return rows;
}

QList<ClusterSettingsModel::Row> ClusterSettingsModel::haproxyRows() const
{
    // HAProxy's defaults stand in while nothing was read, marked so: the rows keep their place in the table.
    const HaproxyCheckSettings settings = m_haproxy.value_or(HaproxyCheckSettings());
    const bool isDefault = !m_haproxy || !settings.fromConfig;
    const QString origin = !m_haproxy ? tr(" (not read)") : isDefault ? tr(" (HAProxy's default)") : QString();
    const auto value = [this, &origin](const QString& text) {
        return m_haproxyMissing.isEmpty() ? text + origin : m_haproxyMissing;
    };
    return {
        { Group::Haproxy, QStringLiteral("haproxy.inter"), value(HaproxyCheckTiming::timeText(settings.interSeconds)),
            tr("How often HAProxy asks each node's Patroni REST API whether it is the primary."), isDefault },
        { Group::Haproxy, QStringLiteral("haproxy.fall"), value(QString::number(settings.fall)),
            tr("Failed checks in a row before a node is marked DOWN and no longer gets connections."), isDefault },
        { Group::Haproxy, QStringLiteral("haproxy.rise"), value(QString::number(settings.rise)),
            tr("Good checks in a row before a node (the new leader) is marked UP again."), isDefault },
        { Group::Haproxy, QStringLiteral("haproxy.shutdown_sessions"),
            value(settings.shutdownSessions ? tr("on") : tr("off")),
            tr("on-marked-down shutdown-sessions: close a DOWN node's client connections at once."), isDefault },
    };
}

QList<ClusterSettingsModel::Row> ClusterSettingsModel::clientRows() const
{
    const int connectTimeout = connectTimeoutSeconds(m_client.conninfo);
    return {
        { Group::Client, QStringLiteral("client.deadline"), tr("%1 ms").arg(m_client.deadline.count()),
            tr("The traffic generator's client: a connect or an operation without an answer by then counts as failed. "
               "Read-only here: the Traffic panel sets it.") },
        { Group::Client, QStringLiteral("client.connect_timeout"),
            connectTimeout > 0 ? tr("%1 s").arg(connectTimeout) : tr("none"),
            tr("libpq's own limit for a connection attempt (the deadline above is shorter).") },
        { Group::Client, QStringLiteral("client.reconnect_backoff"), tr("%1 ms").arg(m_client.reconnectBackoff.count()),
            tr("The workload's pause after a failed connect, before the next attempt.") },
        { Group::Client, QStringLiteral("client.probe_rate"), tr("%1/s").arg(m_client.probeRate),
            tr("Writes and reads per second each that measure the service's outages.") },
    };
}

void ClusterSettingsModel::rebuild()
{
    const QList<Row> rows = patroniRows() + haproxyRows() + clientRows();
    const auto names = [](const QList<Row>& list) {
        QStringList settings;
        for (const Row& row : list) {
            settings << row.setting;
        }
        return settings;
    };
    if (names(rows) != names(m_rows)) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    // The same settings with new values: the view keeps its selection and scroll position.
    m_rows = rows;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int ClusterSettingsModel::rowOf(const QString& setting) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).setting == setting) {
            return row;
        }
    }
    return -1;
}

QString ClusterSettingsModel::valueOf(const QString& setting) const
{
    const int row = rowOf(setting);
    return row < 0 ? QString() : m_rows.at(row).value;
}

int ClusterSettingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClusterSettingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterSettingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SettingColumn:
            return row.setting;
        case ValueColumn:
            return row.value;
        case MeaningColumn:
            return row.meaning;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return row.meaning;
    case Qt::FontRole:
        if (index.column() == ValueColumn && row.isDefault) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case GroupRole:
        return static_cast<int>(row.group);
    case IsDefaultRole:
        return row.isDefault;
    default:
        return {};
    }
}

QVariant ClusterSettingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_rows.size()) {
            return {};
        }
        switch (m_rows.at(section).group) {
        case Group::Patroni:
            return tr("Patroni");
        case Group::Haproxy:
            return tr("HAProxy");
        case Group::Client:
            return tr("Client");
        }
        return {};
    }
    switch (section) {
    case SettingColumn:
        return tr("Setting");
    case ValueColumn:
        return tr("Value");
    case MeaningColumn:
        return tr("What it does");
    default:
        return {};
    }
}
