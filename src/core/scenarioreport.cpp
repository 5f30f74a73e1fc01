// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenarioreport.h"

#include "runexport.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace {

constexpr double NsPerSecond = 1e9;

QString number(double value)
{
    return QString::number(value, 'f', std::abs(value) < 10 ? 2 : 1);
}

// Counts stay whole numbers in the spread table; a median of two counts may end in .5.
QString figureNumber(double value)
{
    return value == std::floor(value) && std::abs(value) < 1e15 ? QString::number(static_cast<qint64>(value)) : number(value);
}

QString secondsText(double value)
{
    return ScenarioReport::tr("%1 s", "seconds").arg(number(value));
}

using MarkdownTable::row;
using MarkdownTable::separator;

QString stepStateText(ScenarioStepRecord::State state)
{
    switch (state) {
    case ScenarioStepRecord::State::Pending: return ScenarioReport::tr("pending");
    case ScenarioStepRecord::State::Running: return ScenarioReport::tr("running");
    case ScenarioStepRecord::State::Done: return ScenarioReport::tr("done");
    case ScenarioStepRecord::State::Failed: return ScenarioReport::tr("failed");
    case ScenarioStepRecord::State::Skipped: return ScenarioReport::tr("skipped");
    }
    return {};
}

QString versionsText(const QJsonObject& versions)
{
    if (versions.isEmpty()) {
        return ScenarioReport::tr("not known (the cluster was not observed long enough)");
    }
    return QStringLiteral("Patroni %1, PostgreSQL %2, etcd %3, libpq %4, Patroni HA Lab %5")
        .arg(versions.value(QStringLiteral("patroni")).toString(), versions.value(QStringLiteral("postgresql")).toString(),
             versions.value(QStringLiteral("etcd")).toString())
        .arg(versions.value(QStringLiteral("libpq")).toInt())
        .arg(versions.value(QStringLiteral("patroni_lab")).toString());
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

QString ScenarioReport::markdown(const ScenarioRunResult& result, const StudiedRun* run)
{
    const Scenario& scenario = result.scenario;
    const QString language = result.language;
    QString md;
    md += QStringLiteral("# %1\n\n").arg(scenario.title.text(language));
    md += QStringLiteral("**%1: %2**\n\n").arg(tr("Verdict"), ScenarioJudge::verdictText(result.verdict));
    if (!result.failure.isEmpty()) {
        md += QStringLiteral("> %1 %2\n\n").arg(result.aborted ? tr("The run was aborted:") : tr("The scenario did not complete:"), result.failure);
    }
    md += QStringLiteral("- %1: `%2`\n").arg(tr("Scenario"), scenario.id);
    md += QStringLiteral("- %1: %2\n")
              .arg(tr("Started"), QDateTime::fromMSecsSinceEpoch(result.startedWallMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (result.endedNs > result.startedNs) {
        md += QStringLiteral("- %1: %2\n").arg(tr("Duration"), secondsText((result.endedNs - result.startedNs) / NsPerSecond));
    }
    md += QStringLiteral("- %1: %2\n").arg(tr("Cluster"), result.clusterName);
    if (result.runId > 0) {
        md += QStringLiteral("- %1: %2 (`patroni-lab-cli report %2 --out DIR`)\n").arg(tr("Run in the journal")).arg(result.runId);
    }
    md += QStringLiteral("- %1: %2\n").arg(tr("Versions"), versionsText(result.versions));
    md += QStringLiteral("- %1: %2\n").arg(tr("Settings"), result.timings.describe());
    if (!result.settingsApplied.isEmpty() || !result.settingsProblem.isEmpty()) {
        md += QStringLiteral("- %1: %2%3; %4\n")
                  .arg(tr("Set for this run"),
                       result.settingsProfile.isEmpty() ? QString() : tr("profile %1: ").arg(result.settingsProfile),
                       QStringLiteral("`") + result.settingsApplied.join(u' ') + u'`',
                       result.settingsRestored ? tr("put back afterwards")
                                               : tr("not put back: %1").arg(result.settingsProblem.isEmpty() ? tr("not applied") : result.settingsProblem));
    }
    md += QStringLiteral("- %1: %2\n")
              .arg(tr("Traffic"),
                   tr("%1 writes/s on %2 connection(s), probes %3/s, client deadline %4 ms")
                       .arg(scenario.traffic.rate)
                       .arg(scenario.traffic.connections)
                       .arg(scenario.traffic.probeRate)
                       .arg(scenario.traffic.deadlineMs));
    md += QStringLiteral("- %1: %2\n\n")
              .arg(tr("Healed afterwards"), result.healed                 ? tr("yes, the cluster was healthy again")
                                           : result.healProblem.isEmpty() ? tr("not needed: the scenario did not act on the cluster")
                                                                          : tr("no: %1").arg(result.healProblem));

    md += QStringLiteral("## %1\n\n%2\n\n").arg(tr("What should happen"), scenario.explanation.text(language));

    md += QStringLiteral("## %1\n\n").arg(tr("Expected and measured"));
    if (result.checks.isEmpty()) {
        md += tr("Nothing was measured: the traffic did not run.") + QStringLiteral("\n\n");
    } else {
        md += row({tr("Check"), tr("Expected"), tr("Measured"), tr("Result")}) + separator(4);
        for (const ExpectationCheck& check : result.checks) {
            md += row({QStringLiteral("`%1`").arg(check.key), check.expected, check.measured, check.ok ? QStringLiteral("✔") : QStringLiteral("✘ %1").arg(check.explanation)});
        }
        md += u'\n';
    }

    md += QStringLiteral("## %1\n\n").arg(tr("Steps"));
    md += row({QStringLiteral("#"), tr("Step"), tr("At"), tr("Took"), tr("State"), tr("What happened")}) + separator(6);
    for (int i = 0; i < result.steps.size(); ++i) {
        const ScenarioStepRecord& step = result.steps.at(i);
        const bool started = step.startedNs != 0;
        md += row({QString::number(i + 1), step.description,
                   started ? secondsText((step.startedNs - result.startedNs) / NsPerSecond) : QString(),
                   started && step.finishedNs > step.startedNs ? secondsText((step.finishedNs - step.startedNs) / NsPerSecond) : QString(),
                   stepStateText(step.state), step.detail});
    }
    md += u'\n';
    QString replicas;
    for (int i = 0; i < result.steps.size(); ++i) {
        if (!result.steps.at(i).replicasAtStart.isEmpty()) {
            replicas += QStringLiteral("- %1: %2\n").arg(tr("step %1").arg(i + 1), result.steps.at(i).replicasAtStart);
        }
    }
    if (!replicas.isEmpty()) {
        md += tr("The replicas when each action started, as the observer last saw them (Patroni promotes no replica "
                 "whose lag exceeds maximum_lag_on_failover):")
              + QStringLiteral("\n\n") + replicas + u'\n';
    }

    if (run) {
        const RunSummary& summary = run->analysis.summary;
        md += QStringLiteral("## %1\n\n").arg(tr("Write outages"));
        if (run->analysis.writeWindows.isEmpty()) {
            md += tr("None: every write succeeded or failed only transiently.") + QStringLiteral("\n\n");
        } else {
            md += row({tr("Start"), tr("Duration"), tr("Client-perceived"), tr("After"), tr("Errors")}) + separator(5);
            for (const UnavailabilityWindow& window : run->analysis.writeWindows) {
                const QString after = window.faultIndex && *window.faultIndex < run->run.faults.size()
                                          ? QStringLiteral("`%1`").arg(run->run.faults.at(*window.faultIndex).commandLine)
                                          : QString();
                const auto client = RunAnalyzer::clientPerceived(run->analysis, window);
                md += row({secondsText((window.startNs - summary.startNs) / NsPerSecond), secondsText(window.durationNs() / NsPerSecond),
                           client ? secondsText(client->durationNs() / NsPerSecond) : tr("none"), after,
                           RunExport::errorClassesText(window.errorClasses)});
            }
            for (const UnavailabilityWindow& window : run->analysis.writeWindows) {
                if (const QString balanced = RunAnalyzer::describeBalanced(window); !balanced.isEmpty()) {
                    md += u'\n' + tr("The outage at %1 s: %2.").arg(secondsText((window.startNs - summary.startNs) / NsPerSecond), balanced)
                          + u'\n';
                }
            }
            md += u'\n' + tr("Duration: how long the service took no write, measured by the probe's connection attempts "
                             "to about 10 ms. Client-perceived: what the workload's client saw, retrying one connection "
                             "attempt at a time as the lab report's script did.")
                  + QStringLiteral("\n\n");
        }
        md += QStringLiteral("## %1\n\n").arg(tr("Figures"));
        md += QStringLiteral("- %1\n").arg(tr("Writes: %1 ok, %2 failed, %3 unknown outcome; availability %4")
                                            .arg(summary.writes.ok)
                                            .arg(summary.writes.failed + summary.writes.failedConnects)
                                            .arg(summary.writes.indeterminate)
                                            .arg(summary.writes.availabilityPercent ? QStringLiteral("%1 %").arg(*summary.writes.availabilityPercent, 0, 'f', 2) : QStringLiteral("—")));
        md += QStringLiteral("- %1\n").arg(summary.audit.performed
                                               ? tr("Write audit: %1 acknowledged, %2 lost, %3 duplicated")
                                                     .arg(summary.audit.acknowledged)
                                                     .arg(summary.audit.lost)
                                                     .arg(summary.audit.duplicates)
                                               : tr("Write audit: not performed"));
        md += QStringLiteral("- %1\n\n").arg(tr("Leaders: %1").arg(result.measured.leaders.join(QStringLiteral(" → "))));
        const QList<RunExport::LostWrite> lost = RunExport::lostWrites(run->run.operations, run->run.strings, summary.audit);
        if (!lost.isEmpty()) {
            md += QStringLiteral("## %1\n\n").arg(tr("Lost acknowledged writes"));
            md += tr("%n write(s) that the client saw commit are not in the table after the run (all in lost_writes.csv). "
                     "They were acknowledged between %1 and %2 after the start, by %3.", nullptr, int(lost.size()))
                      .arg(secondsText((lost.first().acknowledgedNs - summary.startNs) / NsPerSecond),
                           secondsText((lost.last().acknowledgedNs - summary.startNs) / NsPerSecond),
                           [&lost] {
                               QStringList servers;
                               for (const RunExport::LostWrite& write : lost) {
                                   if (!servers.contains(write.server)) {
                                       servers << write.server;
                                   }
                               }
                               return servers.join(QStringLiteral(", "));
                           }())
                  + QStringLiteral("\n\n");
            md += row({tr("Sequence"), tr("Acknowledged at"), tr("Stream"), tr("Server")}) + separator(4);
            constexpr int Shown = 10; // the first and the last five; the CSV has them all
            for (int i = 0; i < lost.size(); ++i) {
                if (lost.size() > Shown && i == Shown / 2) {
                    md += row({QStringLiteral("…"), tr("%n more", nullptr, int(lost.size()) - Shown), QString(), QString()});
                    i = int(lost.size()) - Shown / 2;
                }
                const RunExport::LostWrite& write = lost.at(i);
                md += row({QString::number(write.sequence), secondsText((write.acknowledgedNs - summary.startNs) / NsPerSecond),
                           write.stream == OperationRecord::Stream::Probe ? tr("probe") : tr("workload"), write.server});
            }
            md += u'\n';
        }
        md += QStringLiteral("## %1\n\n![%2](%3)\n\n").arg(tr("Timeline"), tr("timeline of the run"), timelineFile());
        md += tr("Files: operations.csv (every operation), events.csv (cluster events and fault actions), faults.csv, windows.csv, summary.json.")
              + u'\n';
    }
    return md;
}

Result<QStringList> ScenarioReport::writeBundle(const QString& folder, const ScenarioRunResult& result, const StudiedRun* run)
{
    QStringList written;
    const QJsonObject extra = result.toJson();
    if (run) {
        const auto files = RunExport::writeAll(folder, {run->run.operations, run->run.strings, run->run.faults, run->run.events,
                                                        run->analysis, run->context, extra});
        if (!files.ok()) {
            return files;
        }
        written = files.value();
    } else {
        const auto summary = RunExport::writeFile(folder, QStringLiteral("summary.json"), QJsonDocument(extra).toJson(QJsonDocument::Indented));
        if (!summary.ok()) {
            return Result<QStringList>::failure(summary.error());
        }
        written << summary.value();
    }
    const auto report = RunExport::writeFile(folder, QStringLiteral("report.md"), markdown(result, run).toUtf8());
    if (!report.ok()) {
        return Result<QStringList>::failure(report.error());
    }
    written << report.value();
    return Result<QStringList>::success(written);
}

QList<ScenarioReport::Figure> ScenarioReport::figures(const ScenarioRunResult& result)
{
    const ScenarioMeasurement& measured = result.measured;
    QList<Figure> list{
        {QStringLiteral("first_write_outage_s"), tr("first write outage (s)"), measured.firstWriteOutageSeconds},
        {QStringLiteral("longest_write_outage_s"), tr("longest write outage (s)"), measured.longestWriteOutageSeconds},
        {QStringLiteral("total_write_outage_s"), tr("total write outage (s)"), measured.totalWriteOutageSeconds},
        {QStringLiteral("client_longest_write_outage_s"), tr("client-perceived longest write outage (s)"),
         measured.clientLongestWriteOutageSeconds},
        {QStringLiteral("write_outages"), tr("write outages"), measured.writeOutages},
        {QStringLiteral("failed_writes"), tr("failed writes"), measured.failedWrites},
        {QStringLiteral("read_only_errors"), tr("read-only errors"), measured.readOnlyErrors},
        {QStringLiteral("connection_refused"), tr("connections refused"), measured.connectionRefused},
        {QStringLiteral("deadline_errors"), tr("deadline errors"), measured.deadlineErrors},
        {QStringLiteral("lost_writes"), tr("lost writes"),
         measured.auditPerformed ? std::optional<double>(measured.lostWrites) : std::nullopt},
    };
    for (int i = 0; i < result.bands.size(); ++i) {
        const BandCheck& band = result.bands.at(i);
        list.append({QStringLiteral("band_%1_s").arg(i + 1), QStringLiteral("%1 (s)").arg(band.quantity), band.measuredSeconds});
    }
    return list;
}

QList<ScenarioReport::Spread> ScenarioReport::spreads(const QList<ScenarioRunResult>& results)
{
    QList<Spread> list;
    if (results.isEmpty()) {
        return list;
    }
    const QList<Figure> first = figures(results.first());
    for (int f = 0; f < first.size(); ++f) {
        std::vector<double> values;
        for (const ScenarioRunResult& result : results) {
            const QList<Figure> own = figures(result);
            if (f < own.size() && own.at(f).value) {
                values.push_back(*own.at(f).value);
            }
        }
        Spread spread{first.at(f).key, first.at(f).label, static_cast<int>(values.size())};
        if (!values.empty()) {
            spread.minimum = *std::min_element(values.cbegin(), values.cend());
            spread.maximum = *std::max_element(values.cbegin(), values.cend());
            spread.median = median(values);
        }
        list.append(spread);
    }
    return list;
}

QString ScenarioReport::repeatMarkdown(const QList<ScenarioRunResult>& results, const QStringList& runFolders)
{
    if (results.isEmpty()) {
        return {};
    }
    const ScenarioRunResult& first = results.first();
    QString md = QStringLiteral("# %1 — %2\n\n").arg(first.scenario.title.text(first.language), tr("%n run(s)", nullptr, results.size()));
    md += QStringLiteral("- %1: `%2`\n").arg(tr("Scenario"), first.scenario.id);
    md += QStringLiteral("- %1: %2\n").arg(tr("Versions"), versionsText(first.versions));
    md += QStringLiteral("- %1: %2\n\n").arg(tr("Settings"), first.timings.describe());
    md += QStringLiteral("## %1\n\n").arg(tr("Runs"));
    md += row({QStringLiteral("#"), tr("Verdict"), tr("Report")}) + separator(3);
    for (int i = 0; i < results.size(); ++i) {
        md += row({QString::number(i + 1), ScenarioJudge::verdictText(results.at(i).verdict),
                   QStringLiteral("[%1/report.md](%1/report.md)").arg(runFolders.value(i))});
    }
    md += QStringLiteral("\n## %1\n\n").arg(tr("Measured figures over the runs"));
    md += row({tr("Figure"), tr("Runs"), tr("Minimum"), tr("Median"), tr("Maximum")}) + separator(5);
    for (const Spread& spread : spreads(results)) {
        if (spread.runs == 0) {
            md += row({spread.label, QStringLiteral("0"), QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—")});
        } else {
            md += row({spread.label, QString::number(spread.runs), figureNumber(spread.minimum), figureNumber(spread.median),
                       figureNumber(spread.maximum)});
        }
    }
    return md;
}

QJsonObject ScenarioReport::repeatJson(const QList<ScenarioRunResult>& results, const QStringList& runFolders)
{
    QJsonArray runs;
    for (int i = 0; i < results.size(); ++i) {
        runs.append(QJsonObject{{QStringLiteral("folder"), runFolders.value(i)},
                                {QStringLiteral("run_id"), results.at(i).runId},
                                {QStringLiteral("verdict"), ScenarioJudge::verdictName(results.at(i).verdict)}});
    }
    QJsonObject figuresJson;
    for (const Spread& spread : spreads(results)) {
        QJsonObject json{{QStringLiteral("label"), spread.label}, {QStringLiteral("runs"), spread.runs}};
        if (spread.runs > 0) {
            json.insert(QStringLiteral("min"), spread.minimum);
            json.insert(QStringLiteral("median"), spread.median);
            json.insert(QStringLiteral("max"), spread.maximum);
        }
        figuresJson.insert(spread.key, json);
    }
    const ScenarioRunResult* first = results.isEmpty() ? nullptr : &results.first();
    return {{QStringLiteral("format"), QStringLiteral("patroni-lab-scenario-repeat")},
            {QStringLiteral("format_version"), 1},
            {QStringLiteral("scenario"), first ? first->scenario.summaryJson(first->language) : QJsonObject()},
            {QStringLiteral("versions"), first ? first->versions : QJsonObject()},
            {QStringLiteral("timings"), first ? first->timings.toJson() : QJsonObject()},
            {QStringLiteral("runs"), runs},
            {QStringLiteral("figures"), figuresJson}};
}

Result<QStringList> ScenarioReport::writeRepeatBundle(const QString& folder, const QList<ScenarioRunResult>& results,
                                                      const QStringList& runFolders)
{
    const auto summary = RunExport::writeFile(folder, QStringLiteral("summary.json"),
                                              QJsonDocument(repeatJson(results, runFolders)).toJson(QJsonDocument::Indented));
    if (!summary.ok()) {
        return Result<QStringList>::failure(summary.error());
    }
    const auto report = RunExport::writeFile(folder, QStringLiteral("report.md"), repeatMarkdown(results, runFolders).toUtf8());
    if (!report.ok()) {
        return Result<QStringList>::failure(report.error());
    }
    return Result<QStringList>::success({summary.value(), report.value()});
}
