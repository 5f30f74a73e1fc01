// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "ui_exportdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QStandardPaths>

ExportDialog::ExportDialog(const ExportPreferences& preferences, const QString& title, QWidget* parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::ExportDialog>())
{
    ui->setupUi(this);
    ui->widthSpin->setValue(preferences.sizePx.width());
    ui->heightSpin->setValue(preferences.sizePx.height());
    ui->dpiSpin->setValue(preferences.dpi);
    ui->titleEdit->setText(title);
    QString directory = preferences.lastDirectory;
    if (directory.isEmpty() || !QFileInfo(directory).isDir()) {
        directory = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    }
    if (directory.isEmpty()) {
        directory = QDir::homePath();
    }
    ui->pathEdit->setText(QDir(directory).filePath(QStringLiteral("timeline.png")));
    connect(ui->pathEdit, &QLineEdit::textChanged, this, &ExportDialog::validate);
    connect(ui->browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

ExportDialog::~ExportDialog() = default;

QStringList ExportDialog::supportedSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("svg"), QStringLiteral("pdf")};
}

QString ExportDialog::path() const
{
    return ui->pathEdit->text().trimmed();
}

void ExportDialog::setPath(const QString& path)
{
    ui->pathEdit->setText(path);
}

TimelineView::ExportOptions ExportDialog::options() const
{
    TimelineView::ExportOptions options;
    options.sizePx = QSize(ui->widthSpin->value(), ui->heightSpin->value());
    options.dpi = ui->dpiSpin->value();
    options.title = ui->titleEdit->text();
    options.legend = ui->legendCheck->isChecked();
    options.frameExperiment = ui->frameCheck->isChecked();
    return options;
}

QString ExportDialog::validationError() const
{
    const QFileInfo file(path());
    if (path().isEmpty()) {
        return tr("Choose a file name.");
    }
    if (!supportedSuffixes().contains(file.suffix().toLower())) {
        return tr("End the file name with .png, .jpg, .svg or .pdf: the suffix chooses the format.");
    }
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir()) {
        return tr("The folder %1 does not exist.").arg(folder.absoluteFilePath());
    }
    if (!folder.isWritable()) {
        return tr("The folder %1 is not writable: choose another one.").arg(folder.absoluteFilePath());
    }
    return {};
}

void ExportDialog::validate()
{
    const QString error = validationError();
    ui->errorLabel->setText(error);
    ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(error.isEmpty());
}

void ExportDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export the timeline"), path(),
                                                        tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!chosen.isEmpty()) {
        ui->pathEdit->setText(chosen);
    }
}
