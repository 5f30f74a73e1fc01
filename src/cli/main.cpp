// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"
#include "labcommands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
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
    LabCommands commands(request.value(), out, err);
    QObject::connect(&commands, &LabCommands::finished, &app, [](int exitCode) { QCoreApplication::exit(exitCode); },
                     Qt::QueuedConnection);
    commands.start();
    return app.exec();
}
