// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"
#include "scenariooutcome.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>
#include <QStringList>

// The steps of a scenario as a table: what each step does, its state (pending, running, done, failed, skipped) as
// a word and an icon, when it started relative to the run and how long it took, and what happened. The step
// running now is marked in bold and shaded, so it stands out without relying on colour.
class ScenarioStepModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioStepModel)

public:
    enum Column { StepColumn, StateColumn, TimeColumn, DetailColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole + 1, // ScenarioStepRecord::State as int
        CurrentRole, // bool: the step running now
    };

    explicit ScenarioStepModel(QObject* parent = nullptr);
    ~ScenarioStepModel() override;

    // The steps of a scenario that has not run yet, every one pending; notes are shown in `language`.
    void setScenario(const Scenario& scenario, const QString& language);
    // The records of a run (ScenarioRunner::steps()), replacing the current ones row by row.
    void setSteps(const QList<ScenarioStepRecord>& steps);
    void updateStep(int index, const ScenarioStepRecord& record);
    // Times are shown as seconds since this LabClock time: the traffic run's start, as on the timeline.
    void setTimeOrigin(qint64 originNs);
    qint64 timeOrigin() const { return m_originNs; }
    // -1: no step is running.
    void setCurrentStep(int index);
    int currentStep() const { return m_current; }
    const QList<ScenarioStepRecord>& steps() const { return m_steps; }

    static QString stateText(ScenarioStepRecord::State state);
    static QIcon stateIcon(ScenarioStepRecord::State state);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString timeText(const ScenarioStepRecord& record) const;
    void emitRowChanged(int row);

    QList<ScenarioStepRecord> m_steps;
    QStringList m_notes; // per step, in the UI language; may be empty
    qint64 m_originNs = 0;
    int m_current = -1;
};
