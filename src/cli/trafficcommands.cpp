// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficcommands.h"

#include <QJsonArray>

#include "journal.h"
#include "labclock.h"
#include "labcontroller.h"
#include "runexport.h"
#include "studiedrun.h"
#include "texttable.h"
#include "timelineview.h"
#include "trafficrun.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

namespace {

QString seconds(qint64 ns)
{
    return QString::number(ns / 1e9, 'f', 3) + QStringLiteral(" s");
}

QString milliseconds(qint64 ns)
{
    return QString::number(ns / 1e6, 'f', 1) + QStringLiteral(" ms");
}

QString percent(const std::optional<double>& value)
{
    return value ? QString::number(*value, 'f', 2) + QStringLiteral(" %") : QStringLiteral("n/a");
}

QString windowLine(const UnavailabilityWindow& window, const QList<FaultAction>& faults, const QList<ClusterEvent>& events)
{
    QStringList why;
    for (auto it = window.errorClasses.cbegin(); it != window.errorClasses.cend(); ++it) {
        why << QStringLiteral("%1 ×%2").arg(OperationRecord::errorClassName(it.key())).arg(it.value());
    }
    why.sort();
    QString line = QStringLiteral("%1%2 (%3 failed, %4 indeterminate: %5)")
                       .arg(seconds(window.durationNs()), window.openAtEnd ? QStringLiteral(" and still open") : QString())
                       .arg(window.failedOperations)
                       .arg(window.indeterminateOperations)
                       .arg(why.join(QStringLiteral(", ")));
    if (window.faultIndex && *window.faultIndex < faults.size()) {
        line += QStringLiteral(" after `%1`").arg(faults.at(*window.faultIndex).commandLine);
    }
    for (int index : window.eventIndexes) {
        if (index < events.size()) {
            line += QStringLiteral("; ") + events.at(index).describe();
        }
    }
    if (const QString balanced = RunAnalyzer::describeBalanced(window); !balanced.isEmpty()) {
        line += QStringLiteral("; ") + balanced;
    }
    return line;
}

QString auditFigures(const WriteAudit& audit)
{
    return QStringLiteral("%1 acknowledged, %2 lost, %3 ghost (%4 of them indeterminate), %5 duplicates")
        .arg(audit.acknowledged)
        .arg(audit.lost)
        .arg(audit.ghost)
        .arg(audit.ghostIndeterminate)
        .arg(audit.duplicates);
}

} // namespace

TrafficCommands::TrafficCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
{
}

TrafficCommands::~TrafficCommands()
{
    // The run appends to the journal: it must go first.
    delete m_run;
}

bool TrafficCommands::openJournal()
{
    auto journal = Journal::open(m_request.journalPath.isEmpty() ? Journal::defaultPath() : m_request.journalPath);
    if (!journal.ok()) {
        m_err << QStringLiteral("error: ") << journal.error() << Qt::endl;
        return false;
    }
    m_journal = std::move(journal.value());
    // The journal retries every second: say it once, and again when it recovers.
    connect(m_journal.get(), &Journal::writeFailed, this, [this](const QString& message) {
        if (!m_journalFailing) {
            m_err << QStringLiteral("error: the journal cannot be written: ") << message << Qt::endl;
        }
        m_journalFailing = true;
    });
    connect(m_journal.get(), &Journal::writeRecovered, this, [this] {
        m_journalFailing = false;
        m_err << QStringLiteral("the journal is written again; nothing was lost") << Qt::endl;
    });
    return true;
}

void TrafficCommands::start()
{
    if (!openJournal()) {
        emit finished(LabController::Failed);
        return;
    }
    const QString command = m_request.command.first();
    if (command == QLatin1StringView("traffic")) {
        runTraffic();
    } else if (command == QLatin1StringView("runs")) {
        listRuns();
    } else {
        writeReport();
    }
}

QString TrafficCommands::conninfo() const
{
    if (m_request.target == QLatin1StringView("primary")) {
        return m_request.lab.libpqConninfo(m_request.lab.primaryPort());
    }
    if (m_request.target == QLatin1StringView("replicas")) {
        return m_request.lab.libpqConninfo(m_request.lab.replicasPort());
    }
    return m_request.target;
}

void TrafficCommands::runTraffic()
{
    TrafficConfig config;
    config.conninfo = conninfo();
    QJsonArray pathNames;
    if (!m_request.paths.isEmpty()) {
        // The pinned path keeps the node that accepts writes now: libpq's multi-host connect says which (a blocking
        // connect of a few milliseconds, before anything runs).
        int pinnedPort = 0;
        if (m_request.paths.contains(ClientPath::Pinned)) {
            const auto leader = ClientPaths::leaderPort(m_request.lab);
            if (!leader.ok()) {
                m_err << QStringLiteral("error: the pinned path needs the leader's port: ") << leader.error() << Qt::endl;
                emit finished(LabController::Failed);
                return;
            }
            pinnedPort = leader.value();
        }
        for (qsizetype i = 0; i < m_request.paths.size(); ++i) {
            const ClientPath path = m_request.paths.at(i);
            const QString text = ClientPaths::conninfo(path, m_request.lab, pinnedPort);
            if (i == 0) {
                config.conninfo = text;
                config.mainPathName = ClientPaths::name(path);
            } else {
                config.extraPaths.append({ClientPaths::name(path), text});
            }
            pathNames.append(path == ClientPath::Pinned ? QStringLiteral("pinned:%1").arg(pinnedPort) : ClientPaths::name(path));
        }
    }
    config.rate = m_request.rate;
    config.connections = m_request.connections;
    config.probeRate = m_request.probeRate;
    config.deadline = std::chrono::milliseconds(m_request.deadlineMs);
    config.readCheckEvery = m_request.readEvery;
    config.logOperations = !m_request.quiet;
    config.reconnectBackoff = std::chrono::milliseconds(m_request.backoffMs);
    const QJsonObject settings{{QStringLiteral("target"), m_request.target},
                               {QStringLiteral("project"), m_request.lab.project},
                               {QStringLiteral("port_base"), m_request.lab.portBase},
                               {QStringLiteral("rate"), config.rate},
                               {QStringLiteral("connections"), config.connections},
                               {QStringLiteral("probe_rate"), config.probeRate},
                               {QStringLiteral("deadline_ms"), m_request.deadlineMs},
                               {QStringLiteral("read_every"), m_request.readEvery},
                               {QStringLiteral("backoff_ms"), m_request.backoffMs},
                               {QStringLiteral("duration_s"), static_cast<qint64>(m_request.duration->count())},
                               {QStringLiteral("paths"), pathNames}};
    m_run = new TrafficRun(m_journal.get(), this);
    connect(m_run, &TrafficRun::logLine, this, [this](const QString& line) {
        if (!m_request.quiet) {
            m_out << line << Qt::endl;
        }
    });
    connect(m_run, &TrafficRun::eventOccurred, this, [this](const ClusterEvent& event) {
        m_out << QStringLiteral("[%1] *** %2")
                     .arg(QDateTime::fromMSecsSinceEpoch(event.wallTimeMs).toString(QStringLiteral("HH:mm:ss")), event.describe())
              << Qt::endl;
    });
    connect(m_run, &TrafficRun::progress, this, [this](const QString& message) { m_out << message << Qt::endl; });
    connect(m_run, &TrafficRun::finished, this, [this](const RunAnalysis& analysis) {
        m_out << Qt::endl << renderAnalysis(analysis, m_run->faults(), m_run->events());
        for (const TrafficRun::PathAnalysis& path : m_run->pathAnalyses()) {
            m_out << renderPath(path, m_run->faults(), m_run->events());
        }
        const QJsonObject versions = m_run->clusterInfo().value(QStringLiteral("versions")).toObject();
        const QJsonObject patroni = m_run->clusterInfo().value(QStringLiteral("patroni_config")).toObject();
        if (!versions.isEmpty()) {
            m_out << QStringLiteral("Cluster: Patroni %1, PostgreSQL %2, etcd %3; ttl %4 s, loop_wait %5 s, retry_timeout %6 s\n")
                         .arg(versions.value(QStringLiteral("patroni")).toString(), versions.value(QStringLiteral("postgresql")).toString(),
                              versions.value(QStringLiteral("etcd")).toString())
                         .arg(patroni.value(QStringLiteral("ttl")).toInt())
                         .arg(patroni.value(QStringLiteral("loop_wait")).toInt())
                         .arg(patroni.value(QStringLiteral("retry_timeout")).toInt());
        }
        if (!analysis.summary.audit.performed) {
            m_out << QStringLiteral("Write audit: not performed (%1)\n").arg(m_run->auditError());
        }
        m_out << QStringLiteral("Stored as run %1 in %2 (patroni-lab-cli report %1 --out DIR)\n")
                     .arg(m_run->runId())
                     .arg(m_journal->path());
        m_out.flush();
        emit finished(LabController::Success);
    });
    auto started = m_run->start(config, m_request.lab.project, settings);
    if (!started.ok()) {
        m_err << QStringLiteral("error: ") << started.error() << Qt::endl;
        emit finished(LabController::InvalidInput);
        return;
    }
    QTimer::singleShot(*m_request.duration, this, &TrafficCommands::interrupt);
}

void TrafficCommands::interrupt()
{
    if (m_run && m_run->phase() == TrafficRun::Phase::Running) {
        m_run->stop();
    } else if (!m_run) {
        emit finished(LabController::Failed);
    }
}

QString TrafficCommands::renderAnalysis(const RunAnalysis& analysis, const QList<FaultAction>& faults,
                                        const QList<ClusterEvent>& events)
{
    const RunSummary& summary = analysis.summary;
    QString text;
    const auto kindBlock = [&](const char* title, const KindSummary& kind, const QList<UnavailabilityWindow>& windows) {
        text += QStringLiteral("%1: %2 ok, %3 failed, %4 indeterminate, %5 failed connects; availability %6; %7 outage(s), "
                               "total %8, longest %9; resolution %10\n")
                    .arg(QLatin1StringView(title))
                    .arg(kind.ok)
                    .arg(kind.failed)
                    .arg(kind.indeterminate)
                    .arg(kind.failedConnects)
                    .arg(percent(kind.availabilityPercent))
                    .arg(kind.outageCount)
                    .arg(seconds(kind.totalOutageNs), seconds(kind.longestOutageNs), milliseconds(kind.resolutionNs));
        if (kind.transientFailures > 0) {
            text += QStringLiteral("  %1 transient failure(s) shorter than the resolution, between successes of other connections\n")
                        .arg(kind.transientFailures);
        }
        for (int i = 0; i < windows.size(); ++i) {
            const auto client = RunAnalyzer::clientPerceived(analysis, windows.at(i));
            text += QStringLiteral("  #%1 at +%2: %3; client-perceived %4\n")
                        .arg(i + 1)
                        .arg(seconds(windows.at(i).startNs - summary.startNs), windowLine(windows.at(i), faults, events),
                             client ? seconds(client->durationNs()) : QStringLiteral("none"));
        }
    };
    text += QStringLiteral("Run of %1\n").arg(seconds(summary.durationNs()));
    kindBlock("Writes", summary.writes, analysis.writeWindows);
    kindBlock("Reads", summary.reads, analysis.readWindows);
    // What the report's own script would have seen: one connection, one attempt at a time.
    text += QStringLiteral("Client-perceived (the workload's connections, one attempt at a time): writes %1 outage(s), "
                           "longest %2; reads %3 outage(s), longest %4\n")
                .arg(summary.clientWrites.outageCount)
                .arg(seconds(summary.clientWrites.longestOutageNs))
                .arg(summary.clientReads.outageCount)
                .arg(seconds(summary.clientReads.longestOutageNs));
    const WriteAudit& audit = summary.audit;
    if (audit.performed) {
        text += QStringLiteral("Write audit: %1\n").arg(auditFigures(audit));
    }
    return text;
}

QString TrafficCommands::renderPath(const TrafficRun::PathAnalysis& path, const QList<FaultAction>& faults,
                                    const QList<ClusterEvent>& events)
{
    // The client's view of each path (its workload, one attempt at a time): the same measure for every path.
    const RunSummary& summary = path.analysis.summary;
    const KindSummary& writes = path.analysis.summary.clientWrites;
    QString text = QStringLiteral("Path %1: writes %2 ok, %3 failed, %4 indeterminate; availability %5; %6 outage(s), "
                                  "longest %7\n")
                       .arg(path.name)
                       .arg(writes.ok)
                       .arg(writes.failed)
                       .arg(writes.indeterminate)
                       .arg(percent(writes.availabilityPercent))
                       .arg(writes.outageCount)
                       .arg(seconds(writes.longestOutageNs));
    const QList<UnavailabilityWindow>& windows = path.analysis.clientWriteWindows;
    for (int i = 0; i < windows.size(); ++i) {
        text += QStringLiteral("  #%1 at +%2: %3\n")
                    .arg(i + 1)
                    .arg(seconds(windows.at(i).startNs - summary.startNs), windowLine(windows.at(i), faults, events));
    }
    QStringList servers;
    for (const auto& [server, count] : path.writesByServer) {
        servers << QStringLiteral("%1 ×%2").arg(server).arg(count);
    }
    text += QStringLiteral("  writes landed on: %1\n").arg(servers.isEmpty() ? QStringLiteral("nothing") : servers.join(QStringLiteral(", ")));
    const WriteAudit& audit = summary.audit;
    if (audit.performed) {
        text += QStringLiteral("  write audit: %1\n").arg(auditFigures(audit));
    }
    return text;
}

void TrafficCommands::listRuns()
{
    const auto runs = m_journal->runs();
    if (!runs.ok()) {
        m_err << QStringLiteral("error: ") << runs.error() << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    TextTable table({QStringLiteral("Run"), QStringLiteral("Name"), QStringLiteral("Started"), QStringLiteral("Duration"),
                     QStringLiteral("Status"), QStringLiteral("Operations")});
    for (const RunInfo& run : runs.value()) {
        table.addRow({QString::number(run.id), run.name, run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      run.endNs > run.startNs ? seconds(run.endNs - run.startNs) : QString(), RunInfo::statusName(run.status),
                      QString::number(run.operationCount)});
    }
    m_out << table.render(QStringLiteral("Runs in ") + m_journal->path());
    emit finished(LabController::Success);
}

void TrafficCommands::writeReport()
{
    const auto loaded = StudiedRun::load(*m_journal, m_request.runId);
    if (!loaded.ok()) {
        m_err << QStringLiteral("error: ") << loaded.error() << Qt::endl;
        emit finished(LabController::InvalidInput);
        return;
    }
    const StudiedRun& studied = loaded.value();
    const StoredRun& run = studied.run;
    const RunAnalysis& analysis = studied.analysis;
    const auto written = RunExport::writeAll(m_request.outputDirectory,
                                             {run.operations, run.strings, run.faults, run.events, analysis, studied.context, {}});
    if (!written.ok()) {
        m_err << QStringLiteral("error: ") << written.error() << Qt::endl;
        emit finished(LabController::Failed);
        return;
    }
    QStringList files = written.value();
    // The figure for the report, when this process can draw (main() makes a QApplication for `report`).
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        TimelineView view;
        view.resize(1600, 900);
        view.setTitle(QStringLiteral("Run %1 — %2, %3")
                          .arg(run.info.id)
                          .arg(run.info.name, run.info.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        view.showRun(run, analysis);
        const QString png = QDir(m_request.outputDirectory).filePath(QStringLiteral("timeline.png"));
        const auto drawn = view.exportTo(png, TimelineView::ExportOptions{});
        if (!drawn.ok()) {
            m_err << QStringLiteral("error: ") << drawn.error() << Qt::endl;
            emit finished(LabController::Failed);
            return;
        }
        files << png;
    }
    m_out << renderAnalysis(analysis, run.faults, run.events);
    for (const QString& file : std::as_const(files)) {
        m_out << QStringLiteral("wrote ") << file << Qt::endl;
    }
    emit finished(LabController::Success);
}
