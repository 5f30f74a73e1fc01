// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "haproxyconfig.h"
#include "trafficgenerator.h"

#include <QAbstractTableModel>
#include <QJsonObject>

#include <optional>

// What a cluster's HA behaviour is set to right now, one setting a row, as `patroni-lab-cli settings show` prints
// it: Patroni's known keys (value, or Patroni's default when unset) and any other key its configuration sets,
// HAProxy's check timing (haproxy.inter ...: the names the KEY=VALUE field takes), and the traffic generator's
// client timeouts (client.deadline ..., read-only). Each row says what the setting does, in its own column and as the
// tooltip.
class ClusterSettingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSettingsModel)
public:
    enum Column { SettingColumn, ValueColumn, MeaningColumn, ColumnCount };
    enum class Group { Patroni, Haproxy, Client };
    enum Role { GroupRole = Qt::UserRole, IsDefaultRole };

    explicit ClusterSettingsModel(QObject* parent = nullptr);

    // nullopt: not read (yet); the rows stay, their values say so.
    void setPatroniConfig(const std::optional<QJsonObject>& config, int patroniMajorMinor = 400);
    // nullopt: not read (yet), or, with whyNone ("(no HAProxy container)"), nothing to read.
    void setHaproxy(const std::optional<HaproxyCheckSettings>& settings, const QString& whyNone = {});
    void setClient(const TrafficConfig& client);
    const std::optional<QJsonObject>& patroniConfig() const { return m_config; }
    int patroniMajorMinor() const { return m_patroniMajorMinor; }

    // The row of a setting by the name in its first column ("ttl", "haproxy.inter", "client.deadline"), or -1.
    int rowOf(const QString& setting) const;
    QString valueOf(const QString& setting) const;

    // connect_timeout=N of a libpq connection string (seconds), or 0 when it sets none (libpq waits forever).
    static int connectTimeoutSeconds(const QString& conninfo);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Group group = Group::Patroni;
        QString setting;
        QString value;
        QString meaning;
        bool isDefault = false; // Patroni's or HAProxy's default: the configuration does not set it
    };

    void rebuild();
    QList<Row> patroniRows() const;
    QList<Row> haproxyRows() const;
    QList<Row> clientRows() const;

    std::optional<QJsonObject> m_config;
    int m_patroniMajorMinor = 400;
    std::optional<HaproxyCheckSettings> m_haproxy;
    QString m_haproxyMissing;
    TrafficConfig m_client;
    QList<Row> m_rows;
};
