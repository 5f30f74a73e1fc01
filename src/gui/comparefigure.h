// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "runcomparison.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

// compare.png: the runs of a RunComparison in one figure, readable on a projector. Top: each group's longest write
// outages as a strip (one dot per run) with its median. Bottom: every run as a lane on one time axis, aligned at its
// first fault action, its write outages shaded and its fault actions marked.
class CompareFigure
{
    Q_DECLARE_TR_FUNCTIONS(CompareFigure)
public:
    // .png (sizePx), .pdf or .svg (vectors of the same layout); the error names the path and what to do.
    static Result<bool> save(const RunComparison& comparison, const QString& path, QSize sizePx = {1600, 900});
    static QString figureFile() { return QStringLiteral("compare.png"); }
    // compare.png, compare.svg, compare.pdf, compare.md and compare.json into folder (created when missing); the
    // paths written.
    static Result<QStringList> writeBundle(const RunComparison& comparison, const QString& folder);
};
