// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariostepmodel.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QStyle>

namespace {

QString seconds(qint64 ns)
{
    return QLocale().toString(double(ns) / 1e9, 'f', 1);
}

QString oneLine(QString text)
{
    return text.replace(u'\n', QStringLiteral(" · "));
}

} // namespace

ScenarioStepModel::ScenarioStepModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ScenarioStepModel::~ScenarioStepModel() = default;

void ScenarioStepModel::setScenario(const Scenario& scenario, const QString& language)
{
    beginResetModel();
    m_steps.clear();
    m_notes.clear();
    for (const ScenarioStep& step : scenario.steps) {
        ScenarioStepRecord record;
        record.description = step.describe();
        m_steps.append(record);
        m_notes.append(step.note.text(language));
    }
    m_originNs = 0;
    m_current = -1;
    endResetModel();
}

void ScenarioStepModel::setSteps(const QList<ScenarioStepRecord>& steps)
{
    if (steps.size() != m_steps.size()) {
        beginResetModel();
        m_steps = steps;
        m_notes.resize(steps.size());
        if (m_current >= steps.size()) {
            m_current = -1;
        }
        endResetModel();
        return;
    }
    m_steps = steps;
    if (!m_steps.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void ScenarioStepModel::updateStep(int row, const ScenarioStepRecord& record)
{
    if (row < 0 || row >= m_steps.size()) {
        return;
    }
    m_steps[row] = record;
    emitRowChanged(row);
}

void ScenarioStepModel::setTimeOrigin(qint64 originNs)
{
    if (m_originNs == originNs) {
        return;
    }
    m_originNs = originNs;
    if (!m_steps.isEmpty()) {
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), { Qt::DisplayRole, Qt::ToolTipRole });
    }
}

void ScenarioStepModel::setCurrentStep(int row)
{
    if (row < -1 || row >= m_steps.size()) {
        row = -1;
    }
    if (row == m_current) {
        return;
    }
    const int previous = m_current;
    m_current = row;
    emitRowChanged(previous);
    emitRowChanged(m_current);
}

void ScenarioStepModel::emitRowChanged(int row)
{
    if (row >= 0 && row < m_steps.size()) {
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

QString ScenarioStepModel::stateText(ScenarioStepRecord::State state)
{
    switch (state) {
    case ScenarioStepRecord::State::Pending:
        return tr("pending");
    case ScenarioStepRecord::State::Running:
        return tr("running");
    case ScenarioStepRecord::State::Done:
        return tr("done");
    case ScenarioStepRecord::State::Failed:
        return tr("failed");
    case ScenarioStepRecord::State::Skipped:
        return tr("skipped");
    }
    return {};
}

QIcon ScenarioStepModel::stateIcon(ScenarioStepRecord::State state)
{
    const QStyle* style = QApplication::style();
    if (!style) {
        return {};
    }
    switch (state) {
    case ScenarioStepRecord::State::Pending:
        return {};
    case ScenarioStepRecord::State::Running:
        return style->standardIcon(QStyle::SP_MediaPlay);
    case ScenarioStepRecord::State::Done:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ScenarioStepRecord::State::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ScenarioStepRecord::State::Skipped:
        return style->standardIcon(QStyle::SP_MediaSkipForward);
    }
    return {};
}

QString ScenarioStepModel::timeText(const ScenarioStepRecord& record) const
{
    if (record.startedNs == 0) {
        return {};
    }
    QString text = m_originNs > 0 ? tr("+%1 s").arg(seconds(record.startedNs - m_originNs)) : QString();
    if (record.finishedNs > record.startedNs) {
        const QString duration = tr("%1 s").arg(seconds(record.finishedNs - record.startedNs));
        text = text.isEmpty() ? duration : tr("%1 (%2)").arg(text, duration);
    }
    return text;
}

int ScenarioStepModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_steps.size());
}

int ScenarioStepModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScenarioStepModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int row = index.row();
    const ScenarioStepRecord& record = m_steps.at(row);
    const bool current = row == m_current;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn:
            return QStringLiteral("%1. %2").arg(row + 1).arg(record.description);
        case StateColumn:
            return stateText(record.state);
        case TimeColumn:
            return timeText(record);
        case DetailColumn:
            return oneLine(record.detail);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StepColumn: {
            const QString note = m_notes.value(row);
            return note.isEmpty() ? record.description : QStringLiteral("%1\n%2").arg(record.description, note);
        }
        case StateColumn:
            return stateText(record.state);
        case TimeColumn:
            return record.startedNs == 0 ? QVariant() : tr("Start since the run began (duration)");
        case DetailColumn:
            return record.detail.isEmpty() ? QVariant() : record.detail;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StateColumn) {
            const QIcon icon = stateIcon(record.state);
            return icon.isNull() ? QVariant() : QVariant(icon);
        }
        break;
    case Qt::FontRole:
        if (current) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::BackgroundRole:
        if (current) {
            QColor shade = QGuiApplication::palette().color(QPalette::Highlight);
            shade.setAlpha(50);
            return shade;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case StateRole:
        return static_cast<int>(record.state);
    case CurrentRole:
        return current;
    default:
        break;
    }
    return {};
}

QVariant ScenarioStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StepColumn:
        return tr("Step");
    case StateColumn:
        return tr("State");
    case TimeColumn:
        return tr("Time");
    case DetailColumn:
        return tr("What happened");
    }
    return {};
}
