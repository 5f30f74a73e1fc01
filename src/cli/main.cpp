// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"
#include "clustercommands.h"
#include "comparecommand.h"
#include "clusterobserver.h"
#include "trafficcommands.h"
#include "labcommands.h"
#include "scenariocommands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <QTimer>

#include <atomic>
#include <memory>
#include <csignal>
#include <cstdio>

namespace {

std::atomic_bool interruptRequested{false};

// Ctrl+C ends `watch` cleanly: the handler only sets a flag; a timer on the event loop acts on it.
template<typename Commands>
void watchInterruptSignals(Commands* commands)
{
    std::signal(SIGINT, [](int) { interruptRequested = true; });
    std::signal(SIGTERM, [](int) { interruptRequested = true; });
    auto* poll = new QTimer(commands);
    QObject::connect(poll, &QTimer::timeout, commands, [commands] {
        if (interruptRequested.exchange(false)) {
            commands->interrupt();
        }
    });
    poll->start(100);
}

} // namespace

int main(int argc, char* argv[])
{
    // `report` draws the run's timeline (a QCustomPlot widget) into timeline.png: that needs a QApplication, which
    // the offscreen platform gives without a display. Every other command stays a plain QCoreApplication.
    const bool drawsFigures = argc > 1 && (qstrcmp(argv[1], "report") == 0 || qstrcmp(argv[1], "run") == 0
                                           || qstrcmp(argv[1], "compare") == 0);
    if (drawsFigures && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    const std::unique_ptr<QCoreApplication> application =
        drawsFigures ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("PatroniLab"));
    QCoreApplication::setApplicationName(QStringLiteral("patroni-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATRONI_LAB_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains(QStringLiteral("-h")) || arguments.contains(QStringLiteral("--help"))) {
        out << CliRequest::usage();
        return 0;
    }
    if (arguments.contains(QStringLiteral("-v")) || arguments.contains(QStringLiteral("--version"))) {
        out << "patroni-lab-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    auto request = CliRequest::parse(arguments);
    if (!request.ok()) {
        err << "error: " << request.error() << Qt::endl;
        return 2;
    }
    // Every observer of this run follows it: status and watch, and the ones of traffic and of a scenario's runner.
    ClusterObserver::setRelayByDefault(request.value().relay);
    const auto quit = [](int exitCode) { QCoreApplication::exit(exitCode); };
    const QString command = request.value().command.first();
    if (command == QLatin1StringView("scenarios")) {
        return ScenarioCommands::list(request.value(), out, err);
    }
    if (command == QLatin1StringView("compare")) {
        return CompareCommand::run(request.value(), out, err);
    }
    if (command == QLatin1StringView("run")) {
        auto* commands = new ScenarioRunCommand(request.value(), out, err, &app);
        QObject::connect(commands, &ScenarioRunCommand::finished, &app, quit, Qt::QueuedConnection);
        watchInterruptSignals(commands);
        commands->start();
    } else if (command == QLatin1StringView("traffic") || command == QLatin1StringView("runs") || command == QLatin1StringView("report")) {
        auto* commands = new TrafficCommands(request.value(), out, err, &app);
        QObject::connect(commands, &TrafficCommands::finished, &app, quit, Qt::QueuedConnection);
        watchInterruptSignals(commands);
        commands->start();
    } else if (command == QLatin1StringView("lab")) {
        auto* commands = new LabCommands(request.value(), out, err, &app);
        QObject::connect(commands, &LabCommands::finished, &app, quit, Qt::QueuedConnection);
        commands->start();
    } else {
        auto* commands = new ClusterCommands(request.value(), out, err, &app);
        QObject::connect(commands, &ClusterCommands::finished, &app, quit, Qt::QueuedConnection);
        watchInterruptSignals(commands);
        commands->start();
    }
    return app.exec();
}
