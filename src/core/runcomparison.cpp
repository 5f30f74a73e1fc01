// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcomparison.h"

#include "journal.h"
#include "runexport.h"
#include "studiedrun.h"
#include "texttable.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace {

constexpr double NsPerSecond = 1e9;

Result<QJsonObject> readSummary(const QString& folder)
{
    QFile file(QDir(folder).filePath(QStringLiteral("summary.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QJsonObject>::failure(file.errorString());
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        return Result<QJsonObject>::failure(RunComparison::tr("%1 is not a JSON object (%2)").arg(file.fileName(), error.errorString()));
    }
    return Result<QJsonObject>::success(document.object());
}

double runStartNs(const QJsonObject& summary)
{
    return summary.value(QLatin1StringView("run")).toObject().value(QLatin1StringView("start_ns")).toDouble();
}

double median(QList<double> values)
{
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

QString secondsText(double seconds)
{
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 2 : 1);
}

using MarkdownTable::row;
using MarkdownTable::separator;

} // namespace

std::optional<double> ComparedRun::firstFaultS() const
{
    if (faultTimesS.isEmpty()) {
        return std::nullopt;
    }
    return *std::min_element(faultTimesS.cbegin(), faultTimesS.cend());
}

QList<std::pair<double, double>> ComparedRun::writeWindowsFromFirstFault() const
{
    const double origin = firstFaultS().value_or(0);
    const double start = runStartNs(summary);
    QList<std::pair<double, double>> windows;
    for (const QJsonValue& value : summary.value(QLatin1StringView("windows")).toArray()) {
        const QJsonObject window = value.toObject();
        if (window.value(QLatin1StringView("kind")).toString() != QLatin1StringView("write")) {
            continue;
        }
        windows.append({(window.value(QLatin1StringView("start_ns")).toDouble() - start) / NsPerSecond - origin,
                        (window.value(QLatin1StringView("end_ns")).toDouble() - start) / NsPerSecond - origin});
    }
    return windows;
}

QList<double> ComparedRun::faultsFromFirstFault() const
{
    const double origin = firstFaultS().value_or(0);
    QList<double> faults;
    for (const double time : faultTimesS) {
        faults << time - origin;
    }
    return faults;
}

double ComparedRun::longestWriteOutageS() const
{
    double longest = 0;
    for (const auto& [start, end] : writeWindowsFromFirstFault()) {
        longest = std::max(longest, end - start);
    }
    return longest;
}

std::optional<double> ComparedRun::firstWriteOutageS() const
{
    for (const auto& [start, end] : writeWindowsFromFirstFault()) {
        if (end >= 0) {
            return end - start;
        }
    }
    return std::nullopt;
}

int ComparedRun::lostWrites() const
{
    return summary.value(QLatin1StringView("audit")).toObject().value(QLatin1StringView("lost")).toInt();
}

int ComparedRun::acknowledgedWrites() const
{
    return summary.value(QLatin1StringView("audit")).toObject().value(QLatin1StringView("acknowledged")).toInt();
}

QMap<QString, QString> ComparedRun::settings() const
{
    QMap<QString, QString> values;
    const QJsonObject context = summary.value(QLatin1StringView("context")).toObject();
    // What the run's traffic read from GET /config when it started: after a scenario's settings were applied.
    const QJsonObject patroni = context.value(QLatin1StringView("patroni_config")).toObject();
    const auto text = [](const QJsonValue& value) {
        return value.isBool() ? (value.toBool() ? QStringLiteral("on") : QStringLiteral("off"))
               : value.isDouble() ? QString::number(value.toDouble(), 'g', 15)
               : value.isUndefined() || value.isNull() ? QStringLiteral("(default)")
                                                       : value.toVariant().toString();
    };
    for (const char* key : {"ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover", "synchronous_mode", "synchronous_mode_strict"}) {
        if (!patroni.isEmpty()) {
            values.insert(QLatin1StringView(key), text(patroni.value(QLatin1StringView(key))));
        }
    }
    const QJsonObject haproxy = summary.value(QLatin1StringView("timings")).toObject().value(QLatin1StringView("haproxy")).toObject();
    if (haproxy.value(QLatin1StringView("from_config")).toBool()) {
        values.insert(QStringLiteral("haproxy.inter"), secondsText(haproxy.value(QLatin1StringView("inter_s")).toDouble()));
        values.insert(QStringLiteral("haproxy.fall"), text(haproxy.value(QLatin1StringView("fall"))));
        values.insert(QStringLiteral("haproxy.rise"), text(haproxy.value(QLatin1StringView("rise"))));
    }
    const QString profile = summary.value(QLatin1StringView("cluster_settings")).toObject().value(QLatin1StringView("profile")).toString();
    values.insert(QStringLiteral("profile"), profile.isEmpty() ? QStringLiteral("(none)") : profile);
    const QJsonObject traffic = context.value(QLatin1StringView("settings")).toObject();
    if (traffic.contains(QLatin1StringView("deadline_ms"))) {
        values.insert(QStringLiteral("client deadline"), QStringLiteral("%1 ms").arg(traffic.value(QLatin1StringView("deadline_ms")).toInt()));
    }
    return values;
}

namespace {
QList<double> longestOutages(const ComparedGroup& group)
{
    QList<double> values;
    for (const ComparedRun& run : group.runs) {
        values << run.longestWriteOutageS();
    }
    return values;
}
} // namespace

double ComparedGroup::medianLongestOutageS() const
{
    return median(longestOutages(*this));
}

double ComparedGroup::minimumLongestOutageS() const
{
    const QList<double> values = longestOutages(*this);
    return values.isEmpty() ? 0 : *std::min_element(values.cbegin(), values.cend());
}

double ComparedGroup::maximumLongestOutageS() const
{
    const QList<double> values = longestOutages(*this);
    return values.isEmpty() ? 0 : *std::max_element(values.cbegin(), values.cend());
}

Result<ComparedGroup> RunComparison::loadJournalRun(const Journal& journal, qint64 runId)
{
    const auto studied = StudiedRun::load(journal, runId);
    if (!studied.ok()) {
        return Result<ComparedGroup>::failure(studied.error());
    }
    const StudiedRun& run = studied.value();
    ComparedRun compared;
    compared.label = tr("run %1").arg(runId);
    compared.source = tr("journal run %1").arg(runId);
    compared.summary = RunExport::summaryJson({run.run.operations, run.run.strings, run.run.faults, run.run.events,
                                               run.analysis, run.context, {}});
    for (const FaultAction& fault : run.run.faults) {
        compared.faultTimesS << (fault.startNs - run.run.info.startNs) / NsPerSecond;
    }
    ComparedGroup group;
    group.label = compared.label;
    group.runs << compared;
    return Result<ComparedGroup>::success(group);
}

QList<double> RunComparison::faultTimesFromCsv(const QByteArray& csv, qint64 runStartNs)
{
    QList<double> times;
    const QList<QByteArray> lines = csv.split('\n');
    const QList<QByteArray> header = lines.value(0).trimmed().split(',');
    const qsizetype column = header.indexOf("start_ns");
    if (column < 0) {
        return times;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).split(',');
        if (fields.size() > column && !fields.at(column).isEmpty()) {
            times << (fields.at(column).toLongLong() - runStartNs) / NsPerSecond;
        }
    }
    return times;
}

Result<ComparedGroup> RunComparison::loadFolder(const QString& folder)
{
    const QFileInfo info(folder);
    if (!info.isDir()) {
        return Result<ComparedGroup>::failure(tr("%1 is not a folder: give a bundle folder of 'patroni-lab-cli run' or 'report', "
                                                 "or a run number from 'patroni-lab-cli runs'")
                                                  .arg(folder));
    }
    const auto loadRun = [](const QString& path, const QString& label) -> Result<ComparedRun> {
        const auto summary = readSummary(path);
        if (!summary.ok()) {
            return Result<ComparedRun>::failure(summary.error());
        }
        ComparedRun run;
        run.label = label;
        run.source = path;
        run.summary = summary.value();
        QFile faults(QDir(path).filePath(QStringLiteral("faults.csv")));
        if (faults.open(QIODevice::ReadOnly)) {
            run.faultTimesS = faultTimesFromCsv(faults.readAll(), qint64(runStartNs(run.summary)));
        }
        return Result<ComparedRun>::success(run);
    };
    ComparedGroup group;
    group.label = info.fileName();
    if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("summary.json")))
        && !QFileInfo::exists(QDir(folder).filePath(QStringLiteral("run-1/summary.json")))) {
        auto run = loadRun(folder, group.label);
        if (!run.ok()) {
            return Result<ComparedGroup>::failure(tr("%1: %2").arg(folder, run.error()));
        }
        group.runs << run.value();
        return Result<ComparedGroup>::success(group);
    }
    QStringList runFolders = QDir(folder).entryList({QStringLiteral("run-*")}, QDir::Dirs);
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(runFolders.begin(), runFolders.end(), collator);
    for (const QString& name : std::as_const(runFolders)) {
        auto run = loadRun(QDir(folder).filePath(name), QStringLiteral("%1 %2").arg(group.label, name));
        if (run.ok()) {
            group.runs << run.value();
        }
    }
    if (group.runs.isEmpty()) {
        return Result<ComparedGroup>::failure(
            tr("%1 has no summary.json, nor run-1, run-2, … folders with one: give the folder 'patroni-lab-cli run' or "
               "'report' wrote").arg(folder));
    }
    return Result<ComparedGroup>::success(group);
}

int RunComparison::runCount() const
{
    int count = 0;
    for (const ComparedGroup& group : groups) {
        count += int(group.runs.size());
    }
    return count;
}

QStringList RunComparison::differingSettings() const
{
    QStringList differing;
    QMap<QString, QSet<QString>> values;
    for (const ComparedGroup& group : groups) {
        for (const ComparedRun& run : group.runs) {
            const QMap<QString, QString> settings = run.settings();
            for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
                values[it.key()].insert(it.value());
            }
        }
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().size() > 1) {
            differing << it.key();
        }
    }
    return differing;
}

QStringList RunComparison::commonSettings() const
{
    QStringList common;
    const QStringList differing = differingSettings();
    if (groups.isEmpty() || groups.first().runs.isEmpty()) {
        return common;
    }
    for (const QString& key : groups.first().runs.first().settings().keys()) {
        if (!differing.contains(key)) {
            common << key;
        }
    }
    return common;
}

QString RunComparison::markdown(const QString& figureFile) const
{
    QString md = QStringLiteral("# %1\n\n").arg(tr("Runs compared"));
    md += tr("%n run(s) in %1 group(s).", nullptr, runCount()).arg(groups.size()) + QStringLiteral("\n\n");
    md += QStringLiteral("![%1](%2)\n\n").arg(tr("write outages of every run, and the runs on one time axis from their first fault"), figureFile);

    const QStringList differing = differingSettings();
    md += QStringLiteral("## %1\n\n").arg(tr("Settings that differ"));
    if (differing.isEmpty()) {
        md += tr("None: every run had the same settings.") + QStringLiteral("\n\n");
    } else {
        md += row(QStringList{tr("Group")} + differing) + separator(int(differing.size()) + 1);
        for (const ComparedGroup& group : groups) {
            const QMap<QString, QString> settings = group.runs.first().settings();
            QStringList cells{group.label};
            for (const QString& key : differing) {
                cells << settings.value(key, QStringLiteral("—"));
            }
            md += row(cells);
        }
        md += u'\n';
    }
    const QStringList common = commonSettings();
    if (!common.isEmpty() && !groups.isEmpty()) {
        const QMap<QString, QString> settings = groups.first().runs.first().settings();
        QStringList same;
        for (const QString& key : common) {
            same << QStringLiteral("%1 %2").arg(key, settings.value(key));
        }
        md += tr("The same in every run: %1.").arg(same.join(QStringLiteral(", "))) + QStringLiteral("\n\n");
    }

    md += QStringLiteral("## %1\n\n").arg(tr("Write outages by group"));
    md += row({tr("Group"), tr("Runs"), tr("Longest write outage: median"), tr("min … max"), tr("Lost writes")}) + separator(5);
    for (const ComparedGroup& group : groups) {
        int lost = 0;
        int acknowledged = 0;
        for (const ComparedRun& run : group.runs) {
            lost += run.lostWrites();
            acknowledged += run.acknowledgedWrites();
        }
        md += row({group.label, QString::number(group.runs.size()), secondsText(group.medianLongestOutageS()),
                   QStringLiteral("%1 … %2").arg(secondsText(group.minimumLongestOutageS()), secondsText(group.maximumLongestOutageS())),
                   tr("%1 of %2").arg(lost).arg(acknowledged)});
    }
    md += u'\n';

    md += QStringLiteral("## %1\n\n").arg(tr("Every run"));
    md += row({tr("Run"), tr("Verdict"), tr("First write outage"), tr("Longest"), tr("Lost / acknowledged"), tr("Source")}) + separator(6);
    for (const ComparedGroup& group : groups) {
        for (const ComparedRun& run : group.runs) {
            const auto first = run.firstWriteOutageS();
            md += row({run.label, run.summary.value(QLatin1StringView("verdict")).toString(QStringLiteral("—")),
                       first ? secondsText(*first) : tr("none"), secondsText(run.longestWriteOutageS()),
                       QStringLiteral("%1 / %2").arg(run.lostWrites()).arg(run.acknowledgedWrites()), run.source});
        }
    }
    md += u'\n' + tr("Write outages are measured by each run's service probe (about 10 ms); the figure aligns the runs at their "
                     "first fault action.")
          + u'\n';
    return md;
}

QJsonObject RunComparison::toJson() const
{
    QJsonArray groupArray;
    for (const ComparedGroup& group : groups) {
        QJsonArray runs;
        for (const ComparedRun& run : group.runs) {
            QJsonObject settings;
            const QMap<QString, QString> values = run.settings();
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                settings.insert(it.key(), it.value());
            }
            const auto first = run.firstWriteOutageS();
            runs.append(QJsonObject{{QStringLiteral("label"), run.label},
                                    {QStringLiteral("source"), run.source},
                                    {QStringLiteral("verdict"), run.summary.value(QLatin1StringView("verdict"))},
                                    {QStringLiteral("first_write_outage_s"), first ? QJsonValue(*first) : QJsonValue()},
                                    {QStringLiteral("longest_write_outage_s"), run.longestWriteOutageS()},
                                    {QStringLiteral("lost_writes"), run.lostWrites()},
                                    {QStringLiteral("acknowledged_writes"), run.acknowledgedWrites()},
                                    {QStringLiteral("settings"), settings}});
        }
        groupArray.append(QJsonObject{{QStringLiteral("label"), group.label},
                                      {QStringLiteral("median_longest_write_outage_s"), group.medianLongestOutageS()},
                                      {QStringLiteral("min_longest_write_outage_s"), group.minimumLongestOutageS()},
                                      {QStringLiteral("max_longest_write_outage_s"), group.maximumLongestOutageS()},
                                      {QStringLiteral("runs"), runs}});
    }
    return {{QStringLiteral("format"), QStringLiteral("patroni-lab-compare/1")},
            {QStringLiteral("differing_settings"), QJsonArray::fromStringList(differingSettings())},
            {QStringLiteral("groups"), groupArray}};
}
