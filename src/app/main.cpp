// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"
#include "labdefinition.h"
#include "mainwindow.h"
#include "translations.h"

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
    const QCommandLineOption projectOption(QStringLiteral("project"),
                                           QStringLiteral("Compose project of our lab (default: the last one used, else demo)."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption portBaseOption(QStringLiteral("port-base"),
                                            QStringLiteral("Host port base B of our lab (default: the last one used, else 5500)."),
                                            QStringLiteral("B"));
    const QCommandLineOption existingOption(QStringLiteral("existing"),
                                            QStringLiteral("Watch an existing cluster found by compose project or container-name "
                                                           "prefix (e.g. demo, the Patroni repository's demo)."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("Interface language: en or ru (default: the setting, else the system's)."),
                                            QStringLiteral("CODE"));
    const QCommandLineOption settingsOption(QStringLiteral("settings"),
                                            QStringLiteral("Keep the settings in this INI file instead of the user's."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption presentationOption(QStringLiteral("presentation"),
                                                QStringLiteral("Start in presentation mode (full screen, large fonts)."));
    const QCommandLineOption openRunOption(QStringLiteral("open-run"),
                                           QStringLiteral("Show this run of the journal on the timeline (ids: patroni-lab-cli runs)."),
                                           QStringLiteral("ID"));
    parser.addOptions({projectOption, portBaseOption, existingOption, languageOption, settingsOption, presentationOption,
                       openRunOption});
    parser.process(app);

    const std::unique_ptr<AppSettings> settings = parser.isSet(settingsOption)
                                                      ? std::make_unique<AppSettings>(parser.value(settingsOption))
                                                      : std::make_unique<AppSettings>();
    const QString language = parser.isSet(languageOption) ? parser.value(languageOption) : settings->language();
    Translations::install(app, Translations::resolve(language));

    // The command line wins over the remembered cluster, and becomes the remembered one.
    ClusterChoice choice = settings->cluster();
    if (parser.isSet(projectOption) || parser.isSet(portBaseOption)) {
        choice.kind = ClusterChoice::Kind::OurLab;
        if (parser.isSet(projectOption)) {
            choice.lab.project = parser.value(projectOption);
        }
        if (parser.isSet(portBaseOption)) {
            bool portOk = false;
            choice.lab.portBase = parser.value(portBaseOption).toInt(&portOk);
            if (!portOk) {
                QMessageBox::critical(nullptr, QStringLiteral("Patroni HA Lab"),
                                      QCoreApplication::translate("main", "--port-base must be a whole number, got '%1'")
                                          .arg(parser.value(portBaseOption)));
                return 2;
            }
        }
    }
    if (parser.isSet(existingOption)) {
        choice.kind = ClusterChoice::Kind::Existing;
        choice.lab.project = parser.value(existingOption);
    }
    const QString invalid = choice.lab.validationError();
    if (!invalid.isEmpty()) {
        QMessageBox::critical(nullptr, QStringLiteral("Patroni HA Lab"), invalid);
        return 2;
    }
    settings->setCluster(choice);
    if (parser.isSet(presentationOption)) {
        settings->setPresentationMode(true);
    }

    qint64 runToOpen = 0;
    if (parser.isSet(openRunOption)) {
        bool idOk = false;
        runToOpen = parser.value(openRunOption).toLongLong(&idOk);
        if (!idOk || runToOpen <= 0) {
            QMessageBox::critical(nullptr, QStringLiteral("Patroni HA Lab"),
                                  QCoreApplication::translate("main", "--open-run must be a run id such as 3 (see patroni-lab-cli runs), got '%1'")
                                      .arg(parser.value(openRunOption)));
            return 2;
        }
    }

    MainWindow window(choice, *settings);
    if (runToOpen > 0) {
        // The journal opens off the GUI thread; the run is read once it is there (a failure is in the log).
        QObject::connect(&window, &MainWindow::journalReady, &window, [&window, runToOpen](bool ok) {
            if (ok) {
                window.openRun(runToOpen);
            }
        }, Qt::SingleShotConnection);
    }
    window.show();
    return app.exec();
}
