// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"

#include <QCommandLineParser>

namespace {

const QList<QStringList>& knownCommands()
{
    static const QList<QStringList> commands{
        {QStringLiteral("lab"), QStringLiteral("up")},
        {QStringLiteral("lab"), QStringLiteral("down")},
        {QStringLiteral("lab"), QStringLiteral("status")},
    };
    return commands;
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
        "\n"
        "Options:\n"
        "  --project NAME    compose project and container prefix (default: demo)\n"
        "  --port-base B     host ports B..B+22 on 127.0.0.1 (default: 5500)\n"
        "  --timeout S       how long 'lab up' waits for a healthy cluster (default: 240)\n"
        "  --json            machine-readable output (lab status)\n"
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
    parser.addOptions({projectOption, portBaseOption, timeoutOption, jsonOption});
    if (!parser.parse(arguments)) {
        return Result<CliRequest>::failure(parser.errorText() + QStringLiteral(" (see patroni-lab-cli --help)"));
    }

    CliRequest request;
    request.command = parser.positionalArguments();
    if (!knownCommands().contains(request.command)) {
        return Result<CliRequest>::failure(
            request.command.isEmpty()
                ? QStringLiteral("no command given: try 'patroni-lab-cli lab up' (see patroni-lab-cli --help)")
                : QStringLiteral("unknown command '%1': known commands are 'lab up', 'lab down', 'lab status'")
                      .arg(request.command.join(u' ')));
    }
    if (parser.isSet(projectOption)) {
        request.lab.project = parser.value(projectOption);
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
    const QString invalid = request.lab.validationError();
    if (!invalid.isEmpty()) {
        return Result<CliRequest>::failure(invalid);
    }
    return Result<CliRequest>::success(request);
}
