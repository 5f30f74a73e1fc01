// SPDX-License-Identifier: GPL-3.0-or-later
#include "runsdialog.h"

#include "journal.h"
#include "runlistmodel.h"
#include "ui_runsdialog.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QPushButton>
#include <QtConcurrent>

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
                ui->buttonBox->button(QDialogButtonBox::Open)->setEnabled(true);
            }
        }
        emit loaded();
    });
    Journal* journal = m_journal;
    watcher->setFuture(QtConcurrent::run([journal] { return journal->runs(); }));
}

void RunsDialog::accept()
{
    const auto run = m_model->runAt(ui->runTable->currentIndex());
    if (!run) {
        return;
    }
    m_chosenRunId = run->id;
    QDialog::accept();
}
