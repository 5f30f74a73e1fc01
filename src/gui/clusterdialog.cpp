// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterdialog.h"

#include "ui_clusterdialog.h"

#include <QPushButton>
#include <QRegularExpression>

ClusterDialog::ClusterDialog(const ClusterChoice& current, QWidget* parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::ClusterDialog>())
{
    ui->setupUi(this);
    ui->portBaseSpin->setMaximum(65535 - LabDefinition::LastPortOffset);
    const bool existing = current.kind == ClusterChoice::Kind::Existing;
    (existing ? ui->existingRadio : ui->ourLabRadio)->setChecked(true);
    ui->projectEdit->setText(existing ? LabDefinition::defaultProject() : current.lab.project);
    ui->portBaseSpin->setValue(current.lab.portBase);
    ui->existingEdit->setText(existing ? current.lab.project : QString());
    ui->relayCheck->setChecked(current.relay);
    for (QObject* input : {static_cast<QObject*>(ui->ourLabRadio), static_cast<QObject*>(ui->existingRadio)}) {
        connect(static_cast<QRadioButton*>(input), &QRadioButton::toggled, this, &ClusterDialog::validate);
    }
    connect(ui->projectEdit, &QLineEdit::textChanged, this, &ClusterDialog::validate);
    connect(ui->existingEdit, &QLineEdit::textChanged, this, &ClusterDialog::validate);
    connect(ui->portBaseSpin, &QSpinBox::valueChanged, this, &ClusterDialog::validate);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

ClusterDialog::~ClusterDialog() = default;

ClusterChoice ClusterDialog::choice() const
{
    ClusterChoice choice;
    if (ui->existingRadio->isChecked()) {
        choice.kind = ClusterChoice::Kind::Existing;
        choice.lab.project = ui->existingEdit->text().trimmed();
    } else {
        choice.lab.project = ui->projectEdit->text().trimmed();
    }
    choice.lab.portBase = ui->portBaseSpin->value();
    choice.relay = ui->relayCheck->isChecked();
    return choice;
}

QString ClusterDialog::validationError() const
{
    const ClusterChoice chosen = choice();
    if (chosen.kind == ClusterChoice::Kind::Existing) {
        // The name goes into docker's filters and container names: the characters docker allows in names.
        static const QRegularExpression dockerName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
        if (chosen.lab.project.isEmpty()) {
            return tr("Type the compose project or the container-name prefix of the cluster, e.g. demo.");
        }
        if (!dockerName.match(chosen.lab.project).hasMatch()) {
            return tr("“%1” cannot be a container name: use letters, digits, '_', '.' and '-' only.").arg(chosen.lab.project);
        }
        return {};
    }
    return chosen.lab.validationError();
}

void ClusterDialog::validate()
{
    const bool ourLab = ui->ourLabRadio->isChecked();
    ui->projectEdit->setEnabled(ourLab);
    ui->portBaseSpin->setEnabled(ourLab);
    ui->existingEdit->setEnabled(!ourLab);
    const QString error = validationError();
    ui->errorLabel->setText(error);
    ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}
