// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

class Journal;

// One run as a comparison sees it: its summary.json (a `patroni-lab-cli report` or `run` bundle, or the same built
// from the journal), the fault actions' start times, and what is read from them.
struct ComparedRun
{
    QString label;  // "leader-kill 3/5", "run 12"
    QString source; // the folder, or "journal run 12"
    QJsonObject summary;
    QList<double> faultTimesS; // since the run's start

    // Since the first fault: the write outages as [start, end) seconds, the faults; empty when the run had none.
    QList<std::pair<double, double>> writeWindowsFromFirstFault() const;
    QList<double> faultsFromFirstFault() const;
    std::optional<double> firstFaultS() const;
    double longestWriteOutageS() const;
    std::optional<double> firstWriteOutageS() const; // the first window after the first fault
    int lostWrites() const;
    int acknowledgedWrites() const;
    // The settings the run had, by name: ttl, loop_wait, retry_timeout, synchronous_mode, synchronous_mode_strict,
    // haproxy.inter/fall/rise (when the bundle knows them), profile.
    QMap<QString, QString> settings() const;
};

struct ComparedGroup
{
    QString label; // the folder's name, or "run 12"
    QList<ComparedRun> runs;

    // Of the runs' longest write outages (runs without one count as 0).
    double medianLongestOutageS() const;
    double minimumLongestOutageS() const;
    double maximumLongestOutageS() const;
};

// Runs side by side: which settings differ, the write outages of each group as a distribution, every figure.
// Pure functions over the bundles' files; the figure is drawn by CompareFigure (labgui).
class RunComparison
{
    Q_DECLARE_TR_FUNCTIONS(RunComparison)
public:
    QList<ComparedGroup> groups;

    // A folder with summary.json is one run; a folder whose run-1, run-2, … subfolders have one (a `run --repeat`
    // bundle) is a group of them. The error says which folder holds neither.
    static Result<ComparedGroup> loadFolder(const QString& folder);
    // A run of the journal as a group of one: the summary RunExport writes for it, and its faults. Reads and analyses
    // the run on the calling thread (a worker thread in the window).
    static Result<ComparedGroup> loadJournalRun(const Journal& journal, qint64 runId);
    // faults.csv's start_ns column, relative to runStartNs (seconds).
    static QList<double> faultTimesFromCsv(const QByteArray& csv, qint64 runStartNs);

    // The settings whose value is not the same in every run, in a stable order; then the others.
    QStringList differingSettings() const;
    QStringList commonSettings() const;
    QString markdown(const QString& figureFile) const;
    QJsonObject toJson() const;
    int runCount() const;
};
