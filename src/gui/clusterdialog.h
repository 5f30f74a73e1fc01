// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ClusterDialog;
}

// Which cluster the window watches: our lab (project, port base) or an existing one (compose project or
// container-name prefix). OK stays disabled while the input is invalid, and the dialog says why.
class ClusterDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterDialog)
public:
    explicit ClusterDialog(const ClusterChoice& current, QWidget* parent = nullptr);
    ~ClusterDialog() override;

    ClusterChoice choice() const;
    // Empty when the input can be used, else what to change.
    QString validationError() const;

private:
    void validate();

    std::unique_ptr<Ui::ClusterDialog> ui;
};
