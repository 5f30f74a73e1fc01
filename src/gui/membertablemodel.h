// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterstate.h"

#include <QAbstractTableModel>

// The `patronictl list` view of the observed cluster: Member, Host, Role, State, TL, Receive LSN, Lag, Replay LSN,
// Lag (lag in MB, as patronictl prints it; the exact bytes are in the tooltip and SortRole).
class MemberTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberTableModel)
public:
    enum Column { MemberColumn, HostColumn, RoleColumn, StateColumn, TimelineColumn, ReceiveLsnColumn, ReceiveLagColumn,
                  ReplayLsnColumn, ReplayLagColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole, IsLeaderRole };

    explicit MemberTableModel(QObject* parent = nullptr);

    // Keeps rows that stay and only signals what changed, so selections and views survive the 500 ms updates.
    void setMembers(const QList<MemberState>& members);
    const QList<MemberState>& members() const { return m_members; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<MemberState> m_members;
};
