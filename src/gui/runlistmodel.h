// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal.h"

#include <QAbstractTableModel>

// The runs stored in the journal, newest first, for the "Open run" dialog.
class RunListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunListModel)
public:
    enum Column { IdColumn, NameColumn, StartedColumn, DurationColumn, StatusColumn, OperationsColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1 };

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(const QList<RunInfo>& runs);
    const QList<RunInfo>& runs() const { return m_runs; }
    std::optional<RunInfo> runAt(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString durationText(const RunInfo& run);
    static QString statusText(RunInfo::Status status);

private:
    QList<RunInfo> m_runs;
};
