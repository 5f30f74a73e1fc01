// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// The settings facade: what is stored comes back typed, and hand-edited nonsense falls back to the defaults
// instead of reaching a docker command line or a spin box.
class TestAppSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString file(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void defaultsOnAnEmptyFile()
    {
        AppSettings settings(file("empty.ini"));
        QCOMPARE(settings.cluster().kind, ClusterChoice::Kind::OurLab);
        QCOMPARE(settings.cluster().lab.project, LabDefinition::defaultProject());
        QCOMPARE(settings.cluster().lab.portBase, int(LabDefinition::DefaultPortBase));
        QVERIFY(settings.cluster().relay);
        QCOMPARE(settings.language(), QString());
        QCOMPARE(settings.traffic(), TrafficPreferences{});
        QCOMPARE(settings.exportPreferences().sizePx, QSize(1600, 900));
        QCOMPARE(settings.exportPreferences().dpi, 150);
        QVERIFY(!settings.presentationMode());
        QVERIFY(settings.allLanes());
        QVERIFY(settings.windowGeometry().isEmpty());
    }

    void roundTrip()
    {
        const QString path = file("roundtrip.ini");
        ClusterChoice choice;
        choice.kind = ClusterChoice::Kind::Existing;
        choice.lab.project = QStringLiteral("demo");
        choice.lab.portBase = 27500;
        choice.relay = false;
        TrafficPreferences traffic;
        traffic.rate = 50;
        traffic.connections = 4;
        traffic.deadlineMs = 1500;
        traffic.readCheckEvery = 0;
        traffic.target = TrafficPreferences::Target::Replicas;
        ExportPreferences exportPreferences;
        exportPreferences.sizePx = QSize(2000, 1000);
        exportPreferences.dpi = 300;
        exportPreferences.lastDirectory = m_dir.path();
        {
            AppSettings settings(path);
            settings.setCluster(choice);
            settings.setLanguage(QStringLiteral("ru"));
            settings.setTraffic(traffic);
            settings.setExportPreferences(exportPreferences);
            settings.setPresentationMode(true);
            settings.setAllLanes(false);
            settings.setWindowGeometry("geometry");
            settings.setWindowState(false, "desk");
            settings.setWindowState(true, "lecture");
            settings.sync();
        }
        AppSettings reread(path);
        QCOMPARE(reread.cluster(), choice);
        QCOMPARE(reread.language(), QStringLiteral("ru"));
        QCOMPARE(reread.traffic(), traffic);
        QCOMPARE(reread.exportPreferences(), exportPreferences);
        QVERIFY(reread.presentationMode());
        QVERIFY(!reread.allLanes());
        QCOMPARE(reread.windowGeometry(), QByteArray("geometry"));
        QCOMPARE(reread.windowState(false), QByteArray("desk"));
        QCOMPARE(reread.windowState(true), QByteArray("lecture"));
    }

    void garbledValuesFallBack_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("port base not a number") << "cluster/portBase" << "55oo";
        QTest::newRow("port base too high") << "cluster/portBase" << "65530";
        QTest::newRow("port base privileged") << "cluster/portBase" << "80";
        QTest::newRow("project with a space") << "cluster/project" << "my lab";
        QTest::newRow("project with a shell character") << "cluster/project" << "lab;rm";
        QTest::newRow("relay not a boolean") << "cluster/relay" << "perhaps";
        QTest::newRow("rate negative") << "traffic/rate" << "-1";
        QTest::newRow("connections zero") << "traffic/connections" << "0";
        QTest::newRow("connections too many") << "traffic/connections" << "65";
        QTest::newRow("deadline not a number") << "traffic/deadlineMs" << "soon";
        QTest::newRow("dpi zero") << "export/dpi" << "0";
        QTest::newRow("width huge") << "export/width" << "100000";
    }

    void garbledValuesFallBack()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const QString path = file("garbled.ini");
        QFile::remove(path);
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(key, value);
        }
        AppSettings settings(path);
        const AppSettings defaults(file("defaults.ini"));
        QCOMPARE(settings.cluster(), defaults.cluster());
        QCOMPARE(settings.traffic(), defaults.traffic());
        QCOMPARE(settings.exportPreferences(), defaults.exportPreferences());
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
