// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"

#include <QCommandLineParser>

#include "dockerruntime.h"
#include "faults/nodefaults.h"

namespace {

const QList<QStringList>& knownCommands()
{
    static const QList<QStringList> commands{
        {QStringLiteral("lab"), QStringLiteral("up")},
        {QStringLiteral("lab"), QStringLiteral("down")},
        {QStringLiteral("lab"), QStringLiteral("status")},
        {QStringLiteral("lab"), QStringLiteral("image")},
        {QStringLiteral("status")},
        {QStringLiteral("watch")},
        {QStringLiteral("heal")},
        {QStringLiteral("traffic")},
        {QStringLiteral("runs")},
        {QStringLiteral("scenarios")},
    };
    return commands;
}

std::optional<int> positiveNumber(const QString& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 ? std::optional<int>(value) : std::nullopt;
}

} // namespace

QString CliRequest::usage()
{
    return QStringLiteral(
        "Usage: patroni-lab-cli COMMAND [options]\n"
        "\n"
        "Commands:\n"
        "  lab up       build the node image if needed, start the lab and wait until it is healthy\n"
        "  lab down     remove the lab's containers and network\n"
        "  lab status   show containers, Patroni members, etcd health and HAProxy routing\n"
        "  lab image    build the node image only (lab up does it too): the fault helpers run it, also against\n"
        "               clusters the app did not create\n"
        "  status       patronictl-like member table plus etcd and HAProxy tables of any cluster\n"
        "  watch        stream the cluster's change events (leader, timeline, etcd quorum, HAProxy, containers)\n"
        "  traffic --duration S\n"
        "               the lab report's traffic generator (INSERT once a second, read check every 2nd insert) plus a\n"
        "               100/s probe stream; stores the run in the journal and prints its outage analysis\n"
        "  runs         list the runs stored in the journal\n"
        "  compare RUN|DIR... --out DIR\n"
        "               runs side by side: settings that differ, write outages per group (median, range), every\n"
        "               figure; compare.md, compare.json and compare.png (a strip per group and the runs on one\n"
        "               time axis from their first fault). DIR: a bundle of 'run' or 'report', or a 'run --repeat'\n"
        "               folder (one group of its runs); RUN: a run number of the journal\n"
        "  report RUN --out DIR\n"
        "               write operations.csv, events.csv, faults.csv, windows.csv, summary.json and timeline.png of a\n"
        "               stored run (the figure is drawn offscreen: no display needed)\n"
        "  scenarios    list the built-in scenarios (id and title)\n"
        "  run SCENARIO --out DIR [--repeat N]\n"
        "               run a scenario (a built-in id from 'scenarios', or a scenario file) against the lab: check\n"
        "               that it is healthy, start traffic, perform the steps, heal, and write report.md,\n"
        "               summary.json, timeline.png and the CSV files into DIR (with --repeat: DIR/run-1 ... and\n"
        "               the minimum, median and maximum of each figure in DIR). Exit code 0: as expected,\n"
        "               4: ran but differs from the expectation, 1: did not complete (the report says why)\n"
        "  node ACTION CONTAINER\n"
        "               ACTION is stop, start, restart, kill, pause, unpause, disconnect or connect; a full container\n"
        "               name (lab2-patroni2) finds its own cluster, a service name (patroni2) is looked up in --project\n"
        "               Inside a running container (a short-lived helper container joins its namespaces):\n"
        "  node impair CONTAINER [delay MS [JITTER]] [loss PCT] [duplicate PCT] [corrupt PCT] [rate KBIT]\n"
        "               network quality of what it sends (netem; on a kernel without netem, loss is a random\n"
        "               nftables drop and rate a tbf qdisc, and delay, duplicate, corrupt are refused); node clear\n"
        "               CONTAINER removes it\n"
        "  node partition CONTAINER --from PEER[,PEER...]\n"
        "               drop its traffic to and from those peers only, both directions; node unpartition CONTAINER\n"
        "  node kill-postgres | freeze-postgres | thaw-postgres | kill-patroni CONTAINER\n"
        "               PostgreSQL's postmaster killed (Patroni restarts it in place), all its processes stopped or\n"
        "               continued; the Patroni daemon killed while PostgreSQL keeps running\n"
        "  node limit-cpu CONTAINER CPUS | limit-memory CONTAINER SIZE | unlimit CONTAINER\n"
        "               docker update --cpus 0.2, --memory 96m (and as much swap), or lift both\n"
        "  heal         undo what experiments did to the cluster (unpause, reconnect, start: the window's Heal all),\n"
        "               then wait until it is healthy; prints every docker command. Exit code 0: healthy, 1: not\n"
        "               healthy within --timeout (the remaining problems are printed)\n"
        "  settings show\n"
        "               Patroni's dynamic configuration (GET /config): the HA settings with what each means, then\n"
        "               every other key; HAProxy's check timing; the traffic generator's client timeouts\n"
        "  settings set KEY=VALUE...\n"
        "               change it (ttl=20 loop_wait=2 synchronous_mode=on postgresql.parameters.max_connections=300;\n"
        "               null resets a key): checked against Patroni's rules first (nothing is sent when one breaks),\n"
        "               sent as PATCH /config, then waited for until every member shows it; names members that\n"
        "               need a restart. haproxy.inter=500ms haproxy.fall=2 haproxy.rise=1 haproxy.shutdown_sessions=on\n"
        "               change HAProxy's checks of both listeners: checked with haproxy -c, reloaded without\n"
        "               dropping connections. Exit code 0: applied, 1: refused or not applied by every member\n"
        "  settings apply PROFILE\n"
        "               set every key of a profile: demo, fast-failover, synchronous, synchronous-strict, or a JSON\n"
        "               file {\"patroni\": {...}, \"haproxy\": {...}}\n"
        "  settings reset\n"
        "               settings apply demo: the lab's defaults\n"
        "  settings profiles\n"
        "               the profiles and what each sets\n"
        "\n"
        "Options:\n"
        "  --project NAME    compose project and container prefix (default: demo)\n"
        "  --port-base B     host ports B..B+32 on 127.0.0.1 (default: 5500)\n"
        "  --timeout S       how long 'lab up' and 'heal' wait for a healthy cluster (default: 240)\n"
        "  --rest-user U, --rest-password P\n"
        "                    settings set: Patroni's REST API credentials (default: admin / admin, the lab's and\n"
        "                    the Patroni demo's)\n"
        "  --publish WHAT    lab up: all (default) or haproxy-only (like Patroni's demo: REST, etcd and stats\n"
        "                    ports stay inside Docker and are reached through a relay container or docker exec)\n"
        "  --json            machine-readable output (status, lab status, watch: one JSON object per line)\n"
        "  --transport T     status/watch: auto (published ports, else a relay container, else docker exec),\n"
        "                    http or exec\n"
        "  --no-relay        status, watch, heal, traffic, run: read unpublished ports with docker exec instead of\n"
        "                    starting a relay container on the cluster's network\n"
        "  --period MS       status/watch: observer period in milliseconds (default: 500)\n"
        "  --duration S      watch: stop after S seconds (default: until Ctrl+C)\n"
        "  --grace S         node stop/restart: seconds before docker sends SIGKILL (default: 10)\n"
        "  --signal SIG      node kill: the signal (default: KILL)\n"
        "  --rate R          traffic: workload operations per second, 0 = as fast as possible (default: 1)\n"
        "  --connections N   traffic: workload connections, 1-64 (default: 1)\n"
        "  --probe-rate P    traffic: the service probe's writes and reads per second each, 0 = off (default: 100)\n"
        "  --deadline-ms MS  traffic: client-side deadline per operation (default: 2000)\n"
        "  --read-every N    traffic: a read of the last 3 ids after every Nth insert, 0 = none (default: 2)\n"
        "  --backoff-ms MS   traffic: pause before a workload connection retries (default: 250)\n"
        "  --target T        traffic: primary (port B), replicas (port B+1) or a libpq connection string\n"
        "  --paths LIST      traffic: client paths side by side in one run, from haproxy (HAProxy's writes port),\n"
        "                    multihost (libpq over every node, target_session_attrs=read-write) and pinned (the\n"
        "                    node that leads when the run starts); the first gets the probe (lab only)\n"
        "  --quiet           traffic: no report-style line per operation\n"
        "  --journal PATH    traffic, runs, report: the journal file (default: the app's data folder)\n"
        "  --out DIR         report, run: the folder to write\n"
        "  --repeat N        run: run the scenario N times (default: 1)\n"
        "  --grace S         run: docker stop's grace period for stop steps (default: 10)\n"
        "  --language L      scenarios, run: en (default) or ru\n"
        "  -h, --help        this text\n"
        "  -v, --version     the version\n");
}

Result<CliRequest> CliRequest::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption projectOption(QStringLiteral("project"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption portBaseOption(QStringLiteral("port-base"), QString(), QStringLiteral("B"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), QString(), QStringLiteral("S"));
    const QCommandLineOption jsonOption(QStringLiteral("json"));
    const QCommandLineOption transportOption(QStringLiteral("transport"), QString(), QStringLiteral("T"));
    const QCommandLineOption periodOption(QStringLiteral("period"), QString(), QStringLiteral("MS"));
    const QCommandLineOption durationOption(QStringLiteral("duration"), QString(), QStringLiteral("S"));
    const QCommandLineOption graceOption(QStringLiteral("grace"), QString(), QStringLiteral("S"));
    const QCommandLineOption signalOption(QStringLiteral("signal"), QString(), QStringLiteral("SIG"));
    const QCommandLineOption publishOption(QStringLiteral("publish"), QString(), QStringLiteral("WHAT"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QString(), QStringLiteral("R"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QString(), QStringLiteral("N"));
    const QCommandLineOption probeRateOption(QStringLiteral("probe-rate"), QString(), QStringLiteral("P"));
    const QCommandLineOption deadlineOption(QStringLiteral("deadline-ms"), QString(), QStringLiteral("MS"));
    const QCommandLineOption targetOption(QStringLiteral("target"), QString(), QStringLiteral("T"));
    const QCommandLineOption pathsOption(QStringLiteral("paths"), QString(), QStringLiteral("LIST"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"));
    const QCommandLineOption readEveryOption(QStringLiteral("read-every"), QString(), QStringLiteral("N"));
    const QCommandLineOption backoffOption(QStringLiteral("backoff-ms"), QString(), QStringLiteral("MS"));
    const QCommandLineOption journalOption(QStringLiteral("journal"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption restUserOption(QStringLiteral("rest-user"), QString(), QStringLiteral("USER"));
    const QCommandLineOption restPasswordOption(QStringLiteral("rest-password"), QString(), QStringLiteral("PASSWORD"));
    const QCommandLineOption outOption(QStringLiteral("out"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption languageOption(QStringLiteral("language"), QString(), QStringLiteral("L"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QString(), QStringLiteral("N"));
    const QCommandLineOption noRelayOption(QStringLiteral("no-relay"));
    const QCommandLineOption fromOption(QStringLiteral("from"), QString(), QStringLiteral("PEERS"));
    parser.addOptions({fromOption, projectOption, portBaseOption, timeoutOption, jsonOption, transportOption, periodOption,
                       durationOption, graceOption, signalOption, publishOption, rateOption, connectionsOption,
                       probeRateOption, deadlineOption, targetOption, quietOption, journalOption, outOption,
                       readEveryOption, backoffOption, languageOption, repeatOption, noRelayOption, restUserOption,
                       restPasswordOption, pathsOption});
    if (!parser.parse(arguments)) {
        return Result<CliRequest>::failure(parser.errorText() + QStringLiteral(" (see patroni-lab-cli --help)"));
    }

    CliRequest request;
    request.command = parser.positionalArguments();
    if (request.command.value(0) == QLatin1StringView("node")) {
        const auto action = NodeActions::fromName(request.command.value(1));
        const bool takesParameters = action == NodeAction::Impair || action == NodeAction::LimitCpu
            || action == NodeAction::LimitMemory;
        if (request.command.size() < 3 || !action || (request.command.size() > 3 && !takesParameters)) {
            return Result<CliRequest>::failure(QStringLiteral("usage: patroni-lab-cli node ACTION CONTAINER [PARAMETERS], "
                                                              "where ACTION is one of %1 (for example: node stop "
                                                              "demo-patroni1, node impair patroni1 delay 100 20, node "
                                                              "partition patroni1 --from etcd1,etcd2,etcd3)")
                                                   .arg(NodeActions::names().join(QStringLiteral(", "))));
        }
        request.nodeAction = request.command.at(1);
        request.container = request.command.at(2);
        request.nodeParameters = request.command.mid(3);
        for (const QString& peers : parser.values(fromOption)) {
            request.partitionPeers += peers.split(u',', Qt::SkipEmptyParts);
        }
        if ((action == NodeAction::Partition) != !request.partitionPeers.isEmpty()) {
            return Result<CliRequest>::failure(action == NodeAction::Partition
                    ? QStringLiteral("node partition needs --from PEER[,PEER...] (e.g. --from etcd1,etcd2,etcd3)")
                    : QStringLiteral("--from is for node partition only"));
        }
        QString parameterError;
        if (action == NodeAction::Impair) {
            parameterError = NodeFaults::impairmentError(request.nodeParameters);
        } else if (takesParameters && request.nodeParameters.size() != 1) {
            parameterError = QStringLiteral("node %1 needs one value (e.g. %2)")
                                 .arg(request.nodeAction, action == NodeAction::LimitCpu ? QStringLiteral("0.2") : QStringLiteral("96m"));
        }
        if (!parameterError.isEmpty()) {
            return Result<CliRequest>::failure(parameterError);
        }
        request.command = {QStringLiteral("node")};
    } else if (request.command.value(0) == QLatin1StringView("report")) {
        bool ok = false;
        request.runId = request.command.value(1).toLongLong(&ok);
        if (request.command.size() != 2 || !ok || request.runId <= 0 || !parser.isSet(outOption)) {
            return Result<CliRequest>::failure(
                QStringLiteral("usage: patroni-lab-cli report RUN --out DIR, where RUN is a number from 'patroni-lab-cli runs'"));
        }
        request.outputDirectory = parser.value(outOption);
        request.command = {QStringLiteral("report")};
    } else if (request.command.value(0) == QLatin1StringView("compare")) {
        if (request.command.size() < 2 || !parser.isSet(outOption)) {
            return Result<CliRequest>::failure(
                QStringLiteral("usage: patroni-lab-cli compare RUN|DIR... --out DIR, where each RUN|DIR is a run number "
                               "from 'patroni-lab-cli runs' or a folder written by 'run' or 'report' (a --repeat folder "
                               "is one group)"));
        }
        request.compareInputs = request.command.mid(1);
        request.outputDirectory = parser.value(outOption);
        request.command = {QStringLiteral("compare")};
    } else if (request.command.value(0) == QLatin1StringView("run")) {
        if (request.command.size() != 2 || !parser.isSet(outOption)) {
            return Result<CliRequest>::failure(
                QStringLiteral("usage: patroni-lab-cli run SCENARIO --out DIR [--repeat N], where SCENARIO is an id from "
                               "'patroni-lab-cli scenarios' or the path of a scenario file (docs/scenarios.md)"));
        }
        request.scenario = request.command.at(1);
        request.outputDirectory = parser.value(outOption);
        if (parser.isSet(repeatOption)) {
            const auto repeat = positiveNumber(parser.value(repeatOption));
            if (!repeat || *repeat > 100) {
                return Result<CliRequest>::failure(
                    QStringLiteral("--repeat must be a whole number from 1 to 100, got '%1'").arg(parser.value(repeatOption)));
            }
            request.repeat = *repeat;
        }
        request.command = {QStringLiteral("run")};
    } else if (request.command.value(0) == QLatin1StringView("settings")) {
        const QString action = request.command.value(1);
        const qsizetype words = request.command.size();
        if (!(((action == QLatin1StringView("show") || action == QLatin1StringView("reset")
                || action == QLatin1StringView("profiles")) && words == 2)
              || (action == QLatin1StringView("set") && words >= 3) || (action == QLatin1StringView("apply") && words == 3))) {
            return Result<CliRequest>::failure(
                QStringLiteral("usage: patroni-lab-cli settings show | set KEY=VALUE... | apply PROFILE | reset | profiles "
                               "(for example: settings set ttl=20 loop_wait=2 retry_timeout=5 haproxy.inter=1s, "
                               "settings apply fast-failover)"));
        }
        request.settingsAssignments = request.command.mid(2);
        request.command = {QStringLiteral("settings"), action};
    } else if (!knownCommands().contains(request.command)) {
        return Result<CliRequest>::failure(
            request.command.isEmpty()
                ? QStringLiteral("no command given: try 'patroni-lab-cli lab up' (see patroni-lab-cli --help)")
                : QStringLiteral("unknown command '%1': known commands are 'lab up', 'lab down', 'lab status', "
                                 "'status', 'watch', 'node ACTION CONTAINER', 'heal', 'traffic', 'runs', "
                                 "'report RUN', 'compare RUN|DIR...', 'scenarios', 'run SCENARIO', 'settings show', "
                                 "'settings set KEY=VALUE...', 'settings apply PROFILE', 'settings reset', 'settings profiles'")
                      .arg(request.command.join(u' ')));
    }
    if (parser.isSet(projectOption)) {
        request.lab.project = parser.value(projectOption);
        request.projectGiven = true;
    }
    if (parser.isSet(portBaseOption)) {
        bool ok = false;
        request.lab.portBase = parser.value(portBaseOption).toInt(&ok);
        if (!ok) {
            return Result<CliRequest>::failure(
                QStringLiteral("--port-base must be a whole number, got '%1' (for example: --port-base 5500)")
                    .arg(parser.value(portBaseOption)));
        }
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const int seconds = parser.value(timeoutOption).toInt(&ok);
        if (!ok || seconds <= 0) {
            return Result<CliRequest>::failure(
                QStringLiteral("--timeout must be a positive number of seconds, got '%1'").arg(parser.value(timeoutOption)));
        }
        request.timeout = std::chrono::seconds(seconds);
    }
    request.json = parser.isSet(jsonOption);
    request.relay = !parser.isSet(noRelayOption);
    if (parser.isSet(transportOption)) {
        request.transport = parser.value(transportOption);
        if (!QStringList{QStringLiteral("auto"), QStringLiteral("http"), QStringLiteral("exec")}.contains(request.transport)) {
            return Result<CliRequest>::failure(
                QStringLiteral("--transport must be auto, http or exec, got '%1'").arg(request.transport));
        }
    }
    const auto numberOption = [&parser](const QCommandLineOption& option, const char* what) -> Result<int> {
        const auto value = positiveNumber(parser.value(option));
        if (!value) {
            return Result<int>::failure(QStringLiteral("--%1 must be a positive number of %2, got '%3'")
                                            .arg(option.names().first(), QLatin1StringView(what), parser.value(option)));
        }
        return Result<int>::success(*value);
    };
    if (parser.isSet(periodOption)) {
        const auto period = numberOption(periodOption, "milliseconds");
        if (!period.ok()) {
            return Result<CliRequest>::failure(period.error());
        }
        request.period = std::chrono::milliseconds(std::max(100, period.value()));
    }
    if (parser.isSet(durationOption)) {
        const auto duration = numberOption(durationOption, "seconds");
        if (!duration.ok()) {
            return Result<CliRequest>::failure(duration.error());
        }
        request.duration = std::chrono::seconds(duration.value());
    }
    if (parser.isSet(graceOption)) {
        bool ok = false;
        request.graceSeconds = parser.value(graceOption).toInt(&ok);
        if (!ok || request.graceSeconds < 0) {
            return Result<CliRequest>::failure(
                QStringLiteral("--grace must be 0 or more seconds, got '%1'").arg(parser.value(graceOption)));
        }
    }
    if (parser.isSet(publishOption)) {
        const QString publish = parser.value(publishOption);
        if (publish == QLatin1StringView("haproxy-only")) {
            request.lab.publish = LabDefinition::Publish::HaproxyOnly;
        } else if (publish != QLatin1StringView("all")) {
            return Result<CliRequest>::failure(QStringLiteral("--publish must be all or haproxy-only, got '%1'").arg(publish));
        }
    }
    if (request.command.first() == QLatin1StringView("traffic") && !parser.isSet(durationOption)) {
        return Result<CliRequest>::failure(QStringLiteral("traffic needs --duration S (for example: --duration 60)"));
    }
    const auto decimalOption = [&parser](const QCommandLineOption& option, double minimum, double& target) -> QString {
        if (!parser.isSet(option)) {
            return {};
        }
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value < minimum) {
            return QStringLiteral("--%1 must be a number of at least %2, got '%3'").arg(option.names().first()).arg(minimum).arg(parser.value(option));
        }
        target = value;
        return {};
    };
    double connections = request.connections;
    double deadline = request.deadlineMs;
    double readEvery = request.readEvery;
    double backoff = request.backoffMs;
    for (const QString& problem : {decimalOption(rateOption, 0, request.rate), decimalOption(probeRateOption, 0, request.probeRate),
                                   decimalOption(connectionsOption, 1, connections), decimalOption(deadlineOption, 100, deadline),
                                   decimalOption(readEveryOption, 0, readEvery), decimalOption(backoffOption, 0, backoff)}) {
        if (!problem.isEmpty()) {
            return Result<CliRequest>::failure(problem);
        }
    }
    request.connections = static_cast<int>(connections);
    request.deadlineMs = static_cast<int>(deadline);
    request.readEvery = static_cast<int>(readEvery);
    request.backoffMs = static_cast<int>(backoff);
    if (request.connections > 64) {
        return Result<CliRequest>::failure(QStringLiteral("--connections must be between 1 and 64, got %1").arg(request.connections));
    }
    if (parser.isSet(targetOption)) {
        request.target = parser.value(targetOption);
    }
    if (parser.isSet(pathsOption)) {
        if (parser.isSet(targetOption)) {
            return Result<CliRequest>::failure(QStringLiteral("--paths and --target do not go together: the paths are "
                                                              "connection strings into the lab (--project, --port-base)"));
        }
        const auto paths = ClientPaths::parse(parser.value(pathsOption));
        if (!paths.ok()) {
            return Result<CliRequest>::failure(QStringLiteral("--paths: ") + paths.error());
        }
        request.paths = paths.value();
    }
    request.quiet = parser.isSet(quietOption);
    request.journalPath = parser.value(journalOption);
    if (parser.isSet(restUserOption)) {
        request.restCredentials.user = parser.value(restUserOption);
    }
    if (parser.isSet(restPasswordOption)) {
        request.restCredentials.password = parser.value(restPasswordOption);
    }
    if (parser.isSet(signalOption)) {
        request.signal = parser.value(signalOption);
    }
    if (parser.isSet(languageOption)) {
        request.language = parser.value(languageOption);
        if (request.language != QLatin1StringView("en") && request.language != QLatin1StringView("ru")) {
            return Result<CliRequest>::failure(
                QStringLiteral("--language must be en or ru, got '%1'").arg(request.language));
        }
    }
    const QString invalid = request.lab.validationError();
    if (!invalid.isEmpty()) {
        return Result<CliRequest>::failure(invalid);
    }
    return Result<CliRequest>::success(request);
}
