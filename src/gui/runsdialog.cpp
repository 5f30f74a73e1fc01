// SPDX-License-Identifier: GPL-3.0-or-later
#include "runsdialog.h"

#include "journal.h"
#include "runlistmodel.h"
#include "ui_runsdialog.h"

#include <QFutureWatcher>
#include <QItemSelectionModel>
#include <QHeaderView>
#include <QPushButton>
#include <QtConcurrent>

#include <algorithm>

RunsDialog::RunsDialog(Journal* journal, QWidget* parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::RunsDialog>())
    , m_journal(journal)
    , m_model(new RunListModel(this))
{
    ui->setupUi(this);
    ui->runTable->setModel(m_model);
    ui->runTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui->runTable->horizontalHeader()->setStretchLastSection(true);
    ui->buttonBox->button(QDialogButtonBox::Open)->setEnabled(false);
    m_compareButton = ui->buttonBox->addButton(tr("Compare…"), QDialogButtonBox::ActionRole);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setToolTip(tr("Select two or more runs (Ctrl+click, Shift+click) to see them side by side: the settings "
                                   "that differ, their write outages, and their timelines from the first fault."));
    m_compareButton->setEnabled(false);
    connect(m_compareButton, &QPushButton::clicked, this, &RunsDialog::compareSelected);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &RunsDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(ui->runTable, &QAbstractItemView::doubleClicked, this, &RunsDialog::accept);
    load();
}

RunsDialog::~RunsDialog() = default;

void RunsDialog::load()
{
    if (!m_journal) {
        ui->journalLabel->setText(tr("The run journal could not be opened, so there are no runs to show. The log says why."));
        QMetaObject::invokeMethod(this, &RunsDialog::loaded, Qt::QueuedConnection);
        return;
    }
    ui->journalLabel->setText(tr("Reading the runs in %1…").arg(m_journal->path()));
    auto* watcher = new QFutureWatcher<Result<QList<RunInfo>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<QList<RunInfo>> runs = watcher->result();
        if (!runs.ok()) {
            ui->journalLabel->setText(tr("Could not read the runs: %1").arg(runs.error()));
        } else {
            m_model->setRuns(runs.value());
            ui->journalLabel->setText(runs.value().isEmpty()
                                          ? tr("No runs yet in %1. Start the traffic generator to record one.").arg(m_journal->path())
                                          : tr("Runs in %1. Double-click one to study it; no Docker is needed.").arg(m_journal->path()));
            if (!runs.value().isEmpty()) {
                ui->runTable->selectRow(0);
            }
            connect(ui->runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsDialog::updateButtons,
                    Qt::UniqueConnection);
            updateButtons();
        }
        emit loaded();
    });
    Journal* journal = m_journal;
    watcher->setFuture(QtConcurrent::run([journal] { return journal->runs(); }));
}

QList<qint64> RunsDialog::selectedRunIds() const
{
    QList<qint64> ids;
    if (!ui->runTable->selectionModel()) {
        return ids;
    }
    QModelIndexList rows = ui->runTable->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : std::as_const(rows)) {
        if (const auto run = m_model->runAt(index)) {
            ids << run->id;
        }
    }
    return ids;
}

void RunsDialog::updateButtons()
{
    const qsizetype selected = selectedRunIds().size();
    ui->buttonBox->button(QDialogButtonBox::Open)->setEnabled(selected == 1);
    m_compareButton->setEnabled(selected >= 2);
}

void RunsDialog::compareSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() < 2) {
        return;
    }
    m_runsToCompare = ids;
    m_chosenRunId = 0;
    QDialog::accept();
}

void RunsDialog::accept()
{
    if (selectedRunIds().size() != 1) {
        return; // Open (and double-click, Enter) study one run; several are compared
    }
    const auto run = m_model->runAt(ui->runTable->currentIndex());
    if (!run) {
        return;
    }
    m_chosenRunId = run->id;
    QDialog::accept();
}
