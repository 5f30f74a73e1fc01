// SPDX-License-Identifier: GPL-3.0-or-later
#include "runlistmodel.h"

#include <QLocale>

#include <algorithm>

RunListModel::RunListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RunListModel::setRuns(const QList<RunInfo>& runs)
{
    beginResetModel();
    m_runs = runs;
    std::sort(m_runs.begin(), m_runs.end(), [](const RunInfo& a, const RunInfo& b) { return a.id > b.id; });
    endResetModel();
}

std::optional<RunInfo> RunListModel::runAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.row() >= m_runs.size()) {
        return std::nullopt;
    }
    return m_runs.at(index.row());
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunListModel::durationText(const RunInfo& run)
{
    if (run.endNs <= run.startNs) {
        return QStringLiteral("—");
    }
    const qint64 totalSeconds = (run.endNs - run.startNs) / 1'000'000'000;
    return QStringLiteral("%1:%2").arg(totalSeconds / 60).arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
}

QString RunListModel::statusText(RunInfo::Status status)
{
    switch (status) {
    case RunInfo::Status::Running:
        return tr("running");
    case RunInfo::Status::Finished:
        return tr("finished");
    case RunInfo::Status::Interrupted:
        return tr("interrupted");
    }
    return {};
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RunInfo& run = m_runs.at(index.row());
    if (role == RunIdRole) {
        return run.id;
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == IdColumn || index.column() == DurationColumn || index.column() == OperationsColumn;
        return QVariant::fromValue(Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role == Qt::ToolTipRole && run.status == RunInfo::Status::Interrupted) {
        return tr("The program ended before this run was stopped; everything that reached the disk can still be studied.");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case IdColumn:
        return run.id;
    case NameColumn:
        return run.name;
    case StartedColumn:
        return QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
    case DurationColumn:
        return durationText(run);
    case StatusColumn:
        return statusText(run.status);
    case OperationsColumn:
        return QLocale().toString(run.operationCount);
    default:
        return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case IdColumn:
        return tr("Run");
    case NameColumn:
        return tr("Name");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case StatusColumn:
        return tr("Status");
    case OperationsColumn:
        return tr("Operations");
    default:
        return {};
    }
}
