// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "trafficrun.h"

#include "clirequest.h"
#include "runanalysis.h"
#include "runrecords.h"

#include <QObject>

#include <memory>

class Journal;
class QTextStream;
class TrafficRun;

// patroni-lab-cli traffic | runs | report RUN --out DIR
class TrafficCommands final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficCommands)
public:
    TrafficCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent = nullptr);
    ~TrafficCommands() override;

    void start();
    // Ctrl+C during `traffic`: stop early, but still audit, analyse and store the run.
    void interrupt();

    static QString renderAnalysis(const RunAnalysis& analysis, const QList<FaultAction>& faults,
                                  const QList<ClusterEvent>& events);
    // One client path's figures (traffic --paths): outages, where its writes landed, its write audit.
    static QString renderPath(const TrafficRun::PathAnalysis& path, const QList<FaultAction>& faults,
                              const QList<ClusterEvent>& events);

signals:
    void finished(int exitCode);

private:
    bool openJournal();
    void runTraffic();
    void listRuns();
    void writeReport();
    QString conninfo() const;

    CliRequest m_request;
    QTextStream& m_out;
    QTextStream& m_err;
    std::unique_ptr<Journal> m_journal;
    TrafficRun* m_run = nullptr;
    bool m_journalFailing = false;
};
