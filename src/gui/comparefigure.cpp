// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparefigure.h"

#include "runexport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QFileInfo>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace {

// Drawn at 80 % of the image's pixels and scaled up 1.25× (1280×720 → 1600×900 exactly): text and lines big enough
// for a projector.
constexpr double Scale = 1.25;

QColor groupColor(qsizetype index)
{
    static const QList<QColor> palette{QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                       QColor(0x94, 0x67, 0xbd), QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b)};
    return palette.at(index % palette.size());
}

void build(QCustomPlot& plot, const RunComparison& comparison)
{
    plot.plotLayout()->clear();
    QFont font = plot.font();
    font.setPointSizeF(11);
    plot.setFont(font);

    auto* title = new QCPTextElement(&plot, CompareFigure::tr("Write outages compared"), QFont(font.family(), 14, QFont::Bold));
    plot.plotLayout()->addElement(0, 0, title);

    // Top: one column per group, a dot per run's longest write outage, a bar at the median.
    auto* strip = new QCPAxisRect(&plot);
    plot.plotLayout()->addElement(1, 0, strip);
    auto groupTicks = QSharedPointer<QCPAxisTickerText>::create();
    double highest = 1;
    for (qsizetype g = 0; g < comparison.groups.size(); ++g) {
        const ComparedGroup& group = comparison.groups.at(g);
        groupTicks->addTick(double(g + 1), QStringLiteral("%1\n%2").arg(group.label, CompareFigure::tr("median %1 s").arg(group.medianLongestOutageS(), 0, 'f', 1)));
        auto* dots = plot.addGraph(strip->axis(QCPAxis::atBottom), strip->axis(QCPAxis::atLeft));
        dots->setLineStyle(QCPGraph::lsNone);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, groupColor(g), 9));
        const qsizetype count = group.runs.size();
        for (qsizetype r = 0; r < count; ++r) {
            // Spread the dots a little sideways, so that equal values stay visible.
            const double offset = count > 1 ? (double(r) / double(count - 1) - 0.5) * 0.25 : 0;
            const double value = group.runs.at(r).longestWriteOutageS();
            dots->addData(double(g + 1) + offset, value);
            highest = std::max(highest, value);
        }
        auto* median = new QCPItemLine(&plot);
        median->setClipAxisRect(strip);
        median->start->setAxes(strip->axis(QCPAxis::atBottom), strip->axis(QCPAxis::atLeft));
        median->end->setAxes(strip->axis(QCPAxis::atBottom), strip->axis(QCPAxis::atLeft));
        median->start->setCoords(double(g + 1) - 0.25, group.medianLongestOutageS());
        median->end->setCoords(double(g + 1) + 0.25, group.medianLongestOutageS());
        median->setPen(QPen(groupColor(g).darker(130), 3));
    }
    strip->axis(QCPAxis::atBottom)->setTicker(groupTicks);
    strip->axis(QCPAxis::atBottom)->setRange(0.5, double(comparison.groups.size()) + 0.5);
    strip->axis(QCPAxis::atLeft)->setRange(0, highest * 1.15);
    strip->axis(QCPAxis::atLeft)->setLabel(CompareFigure::tr("Longest write outage, s"));

    // Bottom: a lane per run, from its first fault.
    auto* lanes = new QCPAxisRect(&plot);
    plot.plotLayout()->addElement(2, 0, lanes);
    auto laneTicks = QSharedPointer<QCPAxisTickerText>::create();
    double lane = 0;
    double latest = 10;
    double earliest = 0;
    for (qsizetype g = 0; g < comparison.groups.size(); ++g) {
        for (const ComparedRun& run : comparison.groups.at(g).runs) {
            lane += 1;
            laneTicks->addTick(lane, run.label);
            for (const auto& [start, end] : run.writeWindowsFromFirstFault()) {
                auto* window = new QCPItemRect(&plot);
                window->setClipAxisRect(lanes);
                window->topLeft->setAxes(lanes->axis(QCPAxis::atBottom), lanes->axis(QCPAxis::atLeft));
                window->bottomRight->setAxes(lanes->axis(QCPAxis::atBottom), lanes->axis(QCPAxis::atLeft));
                window->topLeft->setCoords(start, lane + 0.35);
                window->bottomRight->setCoords(end, lane - 0.35);
                QColor fill = groupColor(g);
                fill.setAlpha(150);
                window->setBrush(fill);
                window->setPen(QPen(groupColor(g).darker(130), 1));
                latest = std::max(latest, end);
                earliest = std::min(earliest, start);
            }
            for (const double fault : run.faultsFromFirstFault()) {
                auto* mark = new QCPItemLine(&plot);
                mark->setClipAxisRect(lanes);
                mark->start->setAxes(lanes->axis(QCPAxis::atBottom), lanes->axis(QCPAxis::atLeft));
                mark->end->setAxes(lanes->axis(QCPAxis::atBottom), lanes->axis(QCPAxis::atLeft));
                mark->start->setCoords(fault, lane - 0.45);
                mark->end->setCoords(fault, lane + 0.45);
                mark->setPen(QPen(Qt::black, 1.5));
                latest = std::max(latest, fault);
            }
        }
    }
    lanes->axis(QCPAxis::atLeft)->setTicker(laneTicks);
    lanes->axis(QCPAxis::atLeft)->setRange(0.4, lane + 0.6);
    lanes->axis(QCPAxis::atLeft)->setRangeReversed(true); // the first run on top
    lanes->axis(QCPAxis::atBottom)->setRange(std::min(-2.0, earliest - 1), latest + 3);
    lanes->axis(QCPAxis::atBottom)->setLabel(CompareFigure::tr("Seconds since the run's first fault (black marks: fault actions; bars: write outages)"));
    plot.plotLayout()->setRowStretchFactor(1, 1);
    plot.plotLayout()->setRowStretchFactor(2, std::max(1.0, lane / 4));
    // Lanes and strip share the left margin, so that labels line up.
    auto* margins = new QCPMarginGroup(&plot);
    strip->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    lanes->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
}

} // namespace

Result<bool> CompareFigure::save(const RunComparison& comparison, const QString& path, QSize sizePx)
{
    if (comparison.groups.isEmpty()) {
        return Result<bool>::failure(tr("Cannot draw %1: no run to compare").arg(path));
    }
    QCustomPlot plot;
    const QSize logical(qRound(sizePx.width() / Scale), qRound(sizePx.height() / Scale));
    plot.resize(logical);
    build(plot, comparison);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool written = false;
    if (suffix == QLatin1StringView("png")) {
        written = plot.savePng(path, logical.width(), logical.height(), Scale);
    } else if (suffix == QLatin1StringView("pdf")) {
        written = plot.savePdf(path, logical.width(), logical.height());
    } else if (suffix == QLatin1StringView("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(logical);
        generator.setViewBox(QRect(QPoint(0, 0), logical));
        generator.setTitle(tr("Write outages compared"));
        QCPPainter painter;
        if (painter.begin(&generator)) {
            painter.fillRect(QRect(QPoint(0, 0), logical), Qt::white);
            plot.toPainter(&painter, logical.width(), logical.height());
            painter.end();
            written = true;
        }
    } else {
        return Result<bool>::failure(tr("Cannot export to %1: unknown format \"%2\" (use .png, .pdf or .svg)").arg(path, suffix));
    }
    if (!written) {
        return Result<bool>::failure(tr("Cannot write %1: check that its folder exists and is writable").arg(path));
    }
    return Result<bool>::success(true);
}

Result<QStringList> CompareFigure::writeBundle(const RunComparison& comparison, const QString& folder)
{
    if (!QDir().mkpath(folder)) {
        return Result<QStringList>::failure(tr("Cannot create %1: check the path and its permissions").arg(folder));
    }
    const QString figure = QDir(folder).filePath(figureFile());
    const auto drawn = save(comparison, figure);
    if (!drawn.ok()) {
        return Result<QStringList>::failure(drawn.error());
    }
    QStringList written{figure};
    // The same figure as vectors, for print and for slides that scale it.
    for (const QString& vector : {QStringLiteral("compare.svg"), QStringLiteral("compare.pdf")}) {
        const auto saved = save(comparison, QDir(folder).filePath(vector));
        if (!saved.ok()) {
            return Result<QStringList>::failure(saved.error());
        }
        written << QDir(folder).filePath(vector);
    }
    for (const auto& file : {RunExport::writeFile(folder, QStringLiteral("compare.md"), comparison.markdown(figureFile()).toUtf8()),
                             RunExport::writeFile(folder, QStringLiteral("compare.json"),
                                                  QJsonDocument(comparison.toJson()).toJson(QJsonDocument::Indented))}) {
        if (!file.ok()) {
            return Result<QStringList>::failure(file.error());
        }
        written << file.value();
    }
    return Result<QStringList>::success(written);
}
