// SPDX-License-Identifier: GPL-3.0-or-later
#include "labdefinition.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PatroniLab"));
    QApplication::setApplicationName(QStringLiteral("patroni-lab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Patroni HA Lab"));
    QApplication::setApplicationVersion(QStringLiteral(PATRONI_LAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.patronilab.PatroniLab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run high-availability experiments on a Patroni cluster"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("Compose project name (default: demo)."),
                                           QStringLiteral("NAME"), LabDefinition::defaultProject());
    const QCommandLineOption portBaseOption(QStringLiteral("port-base"), QStringLiteral("Host port base B (default: 5500)."),
                                            QStringLiteral("B"), QString::number(LabDefinition::DefaultPortBase));
    parser.addOptions({projectOption, portBaseOption});
    parser.process(app);

    LabDefinition lab;
    lab.project = parser.value(projectOption);
    bool portOk = false;
    lab.portBase = parser.value(portBaseOption).toInt(&portOk);
    const QString invalid = portOk ? lab.validationError()
                                   : QStringLiteral("--port-base must be a whole number, got '%1'").arg(parser.value(portBaseOption));
    if (!invalid.isEmpty()) {
        QMessageBox::critical(nullptr, QStringLiteral("Patroni HA Lab"), invalid);
        return 2;
    }

    MainWindow window(lab);
    window.show();
    return app.exec();
}
