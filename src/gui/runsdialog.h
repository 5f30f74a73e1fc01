// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class Journal;
class RunListModel;

namespace Ui {
class RunsDialog;
}

// Lists the journal's runs (read on a worker thread) and lets the user pick one to study, or several (Ctrl/Shift+click)
// to compare. Needs no Docker.
class RunsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsDialog)
public:
    explicit RunsDialog(Journal* journal, QWidget* parent = nullptr);
    ~RunsDialog() override;

    qint64 chosenRunId() const { return m_chosenRunId; }
    // After Compare: the selected runs, in the list's order; empty after Open.
    const QList<qint64>& runsToCompare() const { return m_runsToCompare; }
    QList<qint64> selectedRunIds() const;
    void compareSelected();
    RunListModel* model() const { return m_model; }

signals:
    // The list has been read (or failed to be: the label says why).
    void loaded();

private:
    void load();
    void accept() override;
    void updateButtons();

    std::unique_ptr<Ui::RunsDialog> ui;
    Journal* m_journal;
    RunListModel* m_model;
    qint64 m_chosenRunId = 0;
    QList<qint64> m_runsToCompare;
    class QPushButton* m_compareButton = nullptr;
};
