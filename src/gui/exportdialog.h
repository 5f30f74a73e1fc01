// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"
#include "timelineview.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ExportDialog;
}

// Where and how to save the timeline for a report: file (the suffix picks PNG, JPG, SVG or PDF), pixel size, DPI,
// title, legend, and whether to frame the experiment (on) or keep the range the window shows. Save stays disabled while the choice cannot work, and the dialog says why.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)
public:
    ExportDialog(const ExportPreferences& preferences, const QString& title, QWidget* parent = nullptr);
    ~ExportDialog() override;

    QString path() const;
    TimelineView::ExportOptions options() const;
    void setPath(const QString& path);
    QString validationError() const;

    static QStringList supportedSuffixes();

private:
    void validate();
    void browse();

    std::unique_ptr<Ui::ExportDialog> ui;
};
