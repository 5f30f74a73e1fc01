// SPDX-License-Identifier: GPL-3.0-or-later
// The Cluster settings panel without a lab: the built-in profiles and what they are for, KEY=VALUE input that must be
// refused before anything is sent, the panel with no cluster and with one not looked at yet, the settings model
// (QAbstractItemModelTester) and the dock in the main window. Changing a real cluster's settings is the CLI's
// `settings` command against the lab (tst_clisettings).
#include "appsettings.h"
#include "clusterobserver.h"
#include "clustersettings.h"
#include "clustersettingsmodel.h"
#include "clustersettingspanel.h"
#include "mainwindow.h"
#include "patronisettings.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestClusterSettingsPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_directory;

    template <typename T> static T* child(const QWidget& parent, const char* name)
    {
        auto* found = parent.findChild<T*>(QString::fromLatin1(name));
        if (!found) {
            qFatal("no child %s", name);
        }
        return found;
    }

    // Applying must have started nothing: no change object, no log line, the buttons as they were.
    static void verifyNothingStarted(const ClusterSettingsPanel& panel, const QSignalSpy& logLines)
    {
        QVERIFY(!panel.isChanging());
        QVERIFY(panel.findChildren<ClusterSettingsChange*>().isEmpty());
        QCOMPARE(logLines.count(), 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        qputenv("PATRONI_LAB_JOURNAL", m_directory.filePath(QStringLiteral("journal.sqlite")).toUtf8());
        // Nothing here may reach a real docker.
        qputenv("PATRONI_LAB_DOCKER", "/nonexistent/bin/docker");
    }

    void profileComboListsTheBuiltIns()
    {
        ClusterSettingsPanel panel;
        auto* combo = child<QComboBox>(panel, "profileCombo");
        auto* description = child<QLabel>(panel, "profileDescriptionLabel");
        const QList<ClusterSettingsProfile> builtIn = ClusterSettingsProfile::builtIn();
        QStringList names;
        for (int item = 0; item < combo->count(); ++item) {
            names << combo->itemText(item);
        }
        QCOMPARE(names,
            (QStringList { QStringLiteral("demo"), QStringLiteral("fast-failover"), QStringLiteral("synchronous"),
                QStringLiteral("synchronous-strict") }));
        QCOMPARE(combo->currentText(), ClusterSettingsProfile::defaultProfileName());
        for (const ClusterSettingsProfile& profile : builtIn) {
            combo->setCurrentIndex(combo->findText(profile.name));
            QVERIFY(!profile.description.isEmpty());
            QCOMPARE(combo->itemData(combo->currentIndex(), Qt::ToolTipRole).toString(), profile.description);
            QVERIFY2(description->text().contains(profile.description), qPrintable(description->text()));
            QVERIFY2(
                description->text().contains(profile.target.assignments().join(u' ')), qPrintable(description->text()));
        }
    }

    void invalidInputIsRefusedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("nothing") << QString() << QStringLiteral("Type at least one setting as KEY=VALUE");
        QTest::newRow("bad time") << QStringLiteral("ttl=20 haproxy.inter=soon")
                                  << QStringLiteral("haproxy.inter takes a time");
        QTest::newRow("unknown haproxy key")
            << QStringLiteral("haproxy.timeout=1s") << QStringLiteral("HAProxy has no lab setting 'timeout'");
        QTest::newRow("fall out of range")
            << QStringLiteral("haproxy.fall=0")
            << QStringLiteral("fall (failed checks before a server is marked DOWN) must be between 1 and 100");
        QTest::newRow("inter too short") << QStringLiteral("haproxy.inter=10ms")
                                         << QStringLiteral("must be between 100ms and 60s");
        QTest::newRow("not an assignment") << QStringLiteral("ttl") << QStringLiteral("'ttl' is not KEY=VALUE");
        QTest::newRow("ttl below Patroni's minimum") << QStringLiteral("ttl=5") << QStringLiteral("ttl must be");
        QTest::newRow("client setting") << QStringLiteral("client.deadline=500") << QStringLiteral("Traffic panel");
    }

    void invalidInputIsRefusedBeforeAnythingIsSent()
    {
        QFETCH(QString, input);
        QFETCH(QString, error);
        ClusterSettingsPanel panel;
        QSignalSpy logLines(&panel, &ClusterSettingsPanel::logLine);
        child<QLineEdit>(panel, "assignmentsEdit")->setText(input);
        QVERIFY(!panel.applyAssignments());
        QVERIFY2(panel.statusText().contains(error), qPrintable(panel.statusText()));
        QVERIFY2(panel.statusText().endsWith(QStringLiteral("Nothing was changed.")), qPrintable(panel.statusText()));
        QCOMPARE(child<QLabel>(panel, "statusLabel")->text(), panel.statusText());
        verifyNothingStarted(panel, logLines);
    }

    void withoutAClusterTheControlsSayWhy()
    {
        ClusterSettingsPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy logLines(&panel, &ClusterSettingsPanel::logLine);
        auto* availability = child<QLabel>(panel, "availabilityLabel");
        QVERIFY(availability->isVisible());
        QVERIFY2(availability->text().startsWith(QStringLiteral("Connect to a cluster first")),
            qPrintable(availability->text()));
        QVERIFY(!child<QWidget>(panel, "settingsControls")->isEnabled());
        for (const char* name : { "refreshButton", "applyProfileButton", "restoreDefaultsButton", "applyButton" }) {
            QVERIFY2(!child<QPushButton>(panel, name)->isEnabled(), name);
        }
        QVERIFY(!child<QLineEdit>(panel, "assignmentsEdit")->isEnabled());

        // Valid input without a cluster: the same line says why nothing happens.
        child<QLineEdit>(panel, "assignmentsEdit")->setText(QStringLiteral("ttl=20 loop_wait=2 haproxy.inter=1s"));
        QVERIFY(!panel.applyAssignments());
        QVERIFY2(panel.statusText().startsWith(QStringLiteral("Connect to a cluster first")),
            qPrintable(panel.statusText()));
        QVERIFY(!panel.applySelectedProfile());
        QVERIFY(!panel.restoreDefaults());
        verifyNothingStarted(panel, logLines);
    }

    // An observer that has not looked at its cluster yet (never started here): the panel waits for its first round,
    // and goes back to "connect first" when the window deletes it.
    void waitsForTheObserversFirstRound()
    {
        ClusterSettingsPanel panel;
        DiscoveredCluster cluster;
        cluster.name = QStringLiteral("plabnone");
        auto* observer = new ClusterObserver(cluster, DockerCli(), ClusterObserver::Options(), &panel);
        panel.setObserver(observer);
        QVERIFY(child<QWidget>(panel, "settingsControls")->isEnabled());
        QVERIFY(!child<QPushButton>(panel, "applyButton")->isEnabled());
        QVERIFY(child<QLineEdit>(panel, "assignmentsEdit")->isEnabled());
        QVERIFY2(panel.availabilityText().contains(
                     QStringLiteral("Waiting for the first complete look at cluster plabnone")),
            qPrintable(panel.availabilityText()));

        // A cluster without HAProxy cannot take haproxy.* settings: refused here, not by the change.
        QSignalSpy logLines(&panel, &ClusterSettingsPanel::logLine);
        child<QLineEdit>(panel, "assignmentsEdit")->setText(QStringLiteral("haproxy.inter=1s"));
        QVERIFY(!panel.applyAssignments());
        QVERIFY2(panel.statusText().contains(QStringLiteral("no HAProxy container")), qPrintable(panel.statusText()));
        verifyNothingStarted(panel, logLines);

        delete observer;
        QVERIFY(!child<QWidget>(panel, "settingsControls")->isEnabled());
        QVERIFY(panel.availabilityText().startsWith(QStringLiteral("Connect to a cluster first")));
    }

    void modelShowsEverySettingWithItsMeaning()
    {
        ClusterSettingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const auto value = [&model](const char* setting) { return model.valueOf(QString::fromLatin1(setting)); };
        QCOMPARE(value("ttl"), QStringLiteral("(not read)"));
        QCOMPARE(value("haproxy.fall"), QStringLiteral("3 (not read)"));

        model.setPatroniConfig(
            QJsonObject { { QStringLiteral("ttl"), 20 },
                { QStringLiteral("postgresql"),
                    QJsonObject { { QStringLiteral("parameters"),
                        QJsonObject { { QStringLiteral("wal_level"), QStringLiteral("replica") } } } } } },
            400);
        QCOMPARE(value("ttl"), QStringLiteral("20"));
        QVERIFY2(value("loop_wait").startsWith(QStringLiteral("(default: ")), qPrintable(value("loop_wait")));
        QVERIFY(model.index(model.rowOf(QStringLiteral("loop_wait")), ClusterSettingsModel::ValueColumn)
                    .data(ClusterSettingsModel::IsDefaultRole)
                    .toBool());
        QCOMPARE(value("postgresql.parameters.wal_level"), QStringLiteral("replica"));
        for (const PatroniSettings::Key& key : PatroniSettings::knownKeys(400)) {
            const int row = model.rowOf(key.path);
            QVERIFY2(row >= 0, qPrintable(key.path));
            QCOMPARE(model.index(row, ClusterSettingsModel::MeaningColumn).data().toString(), key.meaning);
            QCOMPARE(
                model.index(row, ClusterSettingsModel::SettingColumn).data(Qt::ToolTipRole).toString(), key.meaning);
        }

        HaproxyCheckSettings haproxy;
        haproxy.interSeconds = 0.5;
        haproxy.fall = 2;
        haproxy.rise = 1;
        haproxy.shutdownSessions = true;
        haproxy.fromConfig = true;
        model.setHaproxy(haproxy);
        QCOMPARE(value("haproxy.inter"), QStringLiteral("500ms"));
        QCOMPARE(value("haproxy.fall"), QStringLiteral("2"));
        QCOMPARE(value("haproxy.rise"), QStringLiteral("1"));
        QCOMPARE(value("haproxy.shutdown_sessions"), QStringLiteral("on"));
        model.setHaproxy(std::nullopt, QStringLiteral("(no HAProxy container)"));
        QCOMPARE(value("haproxy.inter"), QStringLiteral("(no HAProxy container)"));

        TrafficConfig client;
        client.conninfo = QStringLiteral("host=127.0.0.1 port=5000 connect_timeout=3 application_name=patroni-lab");
        client.deadline = std::chrono::milliseconds(1500);
        model.setClient(client);
        QCOMPARE(value("client.deadline"), QStringLiteral("1500 ms"));
        QCOMPARE(value("client.connect_timeout"), QStringLiteral("3 s"));
        QCOMPARE(value("client.reconnect_backoff"), QStringLiteral("250 ms"));
        QCOMPARE(model.headerData(ClusterSettingsModel::MeaningColumn, Qt::Horizontal).toString(),
            QStringLiteral("What it does"));

        model.setPatroniConfig(std::nullopt);
        QCOMPARE(model.rowOf(QStringLiteral("postgresql.parameters.wal_level")), -1);
    }

    void mainWindowHasTheDock()
    {
        ClusterChoice nowhere;
        nowhere.lab.project = QStringLiteral("plabnone");
        nowhere.lab.portBase = 29700;
        AppSettings settings(m_directory.filePath(QStringLiteral("window.ini")));
        MainWindow window(nowhere, settings);
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("clusterSettingsDock"));
        QVERIFY(dock);
        QCOMPARE(dock, window.clusterSettingsDock());
        QCOMPARE(dock->windowTitle(), QStringLiteral("Cluster settings"));
        QVERIFY(dock->isAncestorOf(window.clusterSettingsPanel()));
        QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
        QVERIFY(
            window.tabifiedDockWidgets(dock).contains(window.findChild<QDockWidget*>(QStringLiteral("trafficDock"))));
        auto* toggle = window.findChild<QAction*>(QStringLiteral("actionClusterSettingsPanel"));
        QVERIFY(toggle);
        QCOMPARE(toggle->text(), QStringLiteral("Cluster settings panel"));
        QVERIFY(window.findChild<QMenu*>(QStringLiteral("menuView"))->actions().contains(toggle));
        // No cluster has been found: the panel says so, and shows the client the Traffic panel would start.
        ClusterSettingsPanel* panel = window.clusterSettingsPanel();
        QVERIFY(panel->availabilityText().startsWith(QStringLiteral("Connect to a cluster first")));
        QCOMPARE(panel->model()->valueOf(QStringLiteral("client.connect_timeout")),
            QStringLiteral("%1 s").arg(ClusterSettingsModel::connectTimeoutSeconds(nowhere.lab.libpqConninfo(29700))));
    }
};

QTEST_MAIN(TestClusterSettingsPanel)
#include "tst_clustersettingspanel.moc"
