// SPDX-License-Identifier: GPL-3.0-or-later
#include "membertablemodel.h"

#include "displaytext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace {

QString lagInMegabytes(const std::optional<qint64>& bytes)
{
    return bytes ? QString::number(qRound64(*bytes / 1048576.0)) : QString();
}

} // namespace

MemberTableModel::MemberTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MemberTableModel::setMembers(const QList<MemberState>& members)
{
    QStringList oldNames;
    for (const MemberState& member : std::as_const(m_members)) {
        oldNames << member.name;
    }
    QStringList newNames;
    for (const MemberState& member : members) {
        newNames << member.name;
    }
    if (oldNames != newNames) {
        // A member appeared or vanished: the rows themselves change.
        beginResetModel();
        m_members = members;
        endResetModel();
        return;
    }
    for (int row = 0; row < members.size(); ++row) {
        if (!(members.at(row) == m_members.at(row))) {
            m_members[row] = members.at(row);
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

int MemberTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_members.size());
}

int MemberTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const MemberState& member = m_members.at(index.row());
    const bool unknown = member.lagUnknown && member.receiveLsn.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MemberColumn: return member.name;
        case HostColumn: return member.host;
        case RoleColumn: return DisplayText::role(member);
        case StateColumn: return member.state;
        case TimelineColumn: return member.timeline ? QVariant(*member.timeline) : QVariant();
        case ReceiveLsnColumn: return unknown ? tr("unknown") : member.receiveLsn;
        case ReceiveLagColumn: return lagInMegabytes(member.receiveLagBytes);
        case ReplayLsnColumn: return unknown ? tr("unknown") : member.replayLsn;
        case ReplayLagColumn: return lagInMegabytes(member.replayLagBytes);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ReceiveLagColumn: return member.receiveLagBytes ? QVariant(*member.receiveLagBytes) : QVariant(-1);
        case ReplayLagColumn: return member.replayLagBytes ? QVariant(*member.replayLagBytes) : QVariant(-1);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == ReceiveLagColumn && member.receiveLagBytes) {
            return tr("%n byte(s) behind the leader", nullptr, static_cast<int>(std::min<qint64>(*member.receiveLagBytes, INT_MAX)));
        }
        if (index.column() == ReplayLagColumn && member.replayLagBytes) {
            return tr("%n byte(s) behind the leader", nullptr, static_cast<int>(std::min<qint64>(*member.replayLagBytes, INT_MAX)));
        }
        if (index.column() == StateColumn && !member.isLeader()) {
            // Patroni 3.0 calls a streaming replica "running": say what the state alone does not.
            return member.streaming ? tr("Receives WAL from the leader (streaming)")
                                    : tr("Does not receive WAL from the leader now (not streaming)");
        }
        if (!member.apiReachable) {
            return tr("Its own REST API does not answer (container %1)").arg(member.container);
        }
        return tr("Patroni %1, container %2").arg(member.patroniVersion, member.container);
    case Qt::FontRole:
        if (member.isLeader()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && member.state != QLatin1StringView("running")
            && member.state != QLatin1StringView("streaming")) {
            return QBrush(QColor(0xb0, 0x30, 0x20));
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimelineColumn || index.column() == ReceiveLagColumn || index.column() == ReplayLagColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case IsLeaderRole:
        return member.isLeader();
    default:
        break;
    }
    return {};
}

QVariant MemberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case MemberColumn: return tr("Member");
    case HostColumn: return tr("Host");
    case RoleColumn: return tr("Role");
    case StateColumn: return tr("State");
    case TimelineColumn: return tr("TL");
    case ReceiveLsnColumn: return tr("Receive LSN");
    case ReceiveLagColumn: return tr("Lag");
    case ReplayLsnColumn: return tr("Replay LSN");
    case ReplayLagColumn: return tr("Lag");
    }
    return {};
}
