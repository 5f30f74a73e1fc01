// SPDX-License-Identifier: GPL-3.0-or-later
// `patroni-lab-cli settings show | set` against the real lab. A change reaches every member, read back from each
// member's own REST API on its published port; a value Patroni does not accept, a combination that breaks its
// rules and wrong REST credentials are refused with the configuration unchanged. maximum_lag_on_failover is the
// key changed: it does not alter the timing the other integration tests measure, and it is restored at the end.
#include "testlab.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace TestSupport;

namespace {

const QString RestoredValue = QStringLiteral("maximum_lag_on_failover=1048576"); // the lab's patroni.yml

QStringList settingsArguments(const QStringList& words)
{
    return QStringList{QStringLiteral("settings")} + words
        + QStringList{QStringLiteral("--project"), testLab().project, QStringLiteral("--port-base"),
                      QString::number(testLab().portBase)};
}

// GET /config of each member on its published port: what that member itself says.
QList<QJsonObject> configOfEachMember()
{
    QNetworkAccessManager network;
    QList<QJsonObject> configs;
    for (int member = 1; member <= 3; ++member) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/config").arg(testLab().patroniRestPort(member))));
        request.setTransferTimeout(5'000);
        QNetworkReply* reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished()) {
            done.wait(6'000);
        }
        configs << QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
    }
    return configs;
}

qint64 maximumLag(const QJsonObject& config)
{
    return config.value(QLatin1StringView("maximum_lag_on_failover")).toInteger(-1);
}

} // namespace

class TestCliSettings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        const QString problem = healLab(testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const CommandOutput restore = runCli(settingsArguments({QStringLiteral("set"), RestoredValue}), 120'000);
        QVERIFY2(restore.exitCode == 0, qPrintable(restore.out + restore.err));
    }

    void cleanupTestCase()
    {
        runCli(settingsArguments({QStringLiteral("set"), RestoredValue}), 120'000);
        runCli(settingsArguments({QStringLiteral("reset")}), 120'000);
    }

    void listsTheProfiles()
    {
        const CommandOutput output = runCli({QStringLiteral("settings"), QStringLiteral("profiles")}, 30'000);
        QCOMPARE(output.exitCode, 0);
        for (const char* expected : {"demo: ", "fast-failover: ", "synchronous: ", "synchronous-strict: ", "haproxy.inter=500ms"}) {
            QVERIFY2(output.out.contains(QLatin1StringView(expected)), qPrintable(output.out));
        }
    }

    // Invalid before any cluster is asked: exit code 2 (invalid input), one sentence, nothing changed.
    void invalidInputRefusedAtOnce_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("haproxy fall 0") << QStringList{QStringLiteral("set"), QStringLiteral("haproxy.fall=0")}
                                        << QStringLiteral("fall (failed checks before a server is marked DOWN) must be between 1 and 100, got 0. Nothing was changed.");
        QTest::newRow("unknown haproxy key") << QStringList{QStringLiteral("set"), QStringLiteral("haproxy.slowstart=1s")}
                                             << QStringLiteral("HAProxy has no lab setting 'slowstart'");
        QTest::newRow("unknown profile") << QStringList{QStringLiteral("apply"), QStringLiteral("fastest")}
                                         << QStringLiteral("No settings profile 'fastest': the built-in ones are demo, fast-failover");
    }
    void invalidInputRefusedAtOnce()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        const CommandOutput output = runCli(settingsArguments(words), 60'000);
        QCOMPARE(output.exitCode, 2);
        QVERIFY2(output.err.contains(error), qPrintable(output.err));
    }

    // A profile sets Patroni's keys and HAProxy's checks together; every member and the HAProxy configuration read
    // it back; reset brings back the lab's defaults.
    void profileAppliedAndReset()
    {
        const CommandOutput applied = runCli(settingsArguments({QStringLiteral("apply"), QStringLiteral("fast-failover"), QStringLiteral("--json")}), 120'000);
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.out + applied.err));
        const QJsonObject result = QJsonDocument::fromJson(applied.out.toUtf8()).object();
        QCOMPARE(result.value(QLatin1StringView("profile")).toString(), QStringLiteral("fast-failover"));
        QCOMPARE(result.value(QLatin1StringView("haproxy")).toObject().value(QLatin1StringView("after")).toObject()
                     .value(QLatin1StringView("inter_s")).toDouble(), 0.5);
        const QJsonObject appliedAfter = result.value(QLatin1StringView("applied_after_s")).toObject();
        for (auto it = appliedAfter.constBegin(); it != appliedAfter.constEnd(); ++it) {
            qInfo("fast-failover: %s applied it after %.1f s", qPrintable(it.key()), it.value().toDouble());
        }
        for (const QJsonObject& config : configOfEachMember()) {
            QCOMPARE(config.value(QLatin1StringView("ttl")).toInt(), 20);
            QCOMPARE(config.value(QLatin1StringView("loop_wait")).toInt(), 1);
            QCOMPARE(config.value(QLatin1StringView("retry_timeout")).toInt(), 5);
        }
        const CommandOutput shown = runCli(settingsArguments({QStringLiteral("show"), QStringLiteral("--json")}), 60'000);
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        const QJsonObject show = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        const QJsonObject haproxy = show.value(QLatin1StringView("haproxy")).toObject();
        QCOMPARE(haproxy.value(QLatin1StringView("inter_s")).toDouble(), 0.5);
        QCOMPARE(haproxy.value(QLatin1StringView("fall")).toInt(), 2);
        QCOMPARE(haproxy.value(QLatin1StringView("rise")).toInt(), 1);
        QCOMPARE(show.value(QLatin1StringView("client")).toObject().value(QLatin1StringView("deadline_ms")).toInt(), 2000);

        const CommandOutput reset = runCli(settingsArguments({QStringLiteral("reset")}), 120'000);
        QVERIFY2(reset.exitCode == 0, qPrintable(reset.out + reset.err));
        QVERIFY2(reset.out.contains(QLatin1StringView("Profile demo:")), qPrintable(reset.out));
        QVERIFY2(reset.out.contains(QLatin1StringView("HAProxy reloaded")), qPrintable(reset.out));
        for (const QJsonObject& config : configOfEachMember()) {
            QCOMPARE(config.value(QLatin1StringView("ttl")).toInt(), 30);
            QCOMPARE(config.value(QLatin1StringView("loop_wait")).toInt(), 10);
            QCOMPARE(config.value(QLatin1StringView("retry_timeout")).toInt(), 10);
        }
        const CommandOutput text = runCli(settingsArguments({QStringLiteral("show")}), 60'000);
        QVERIFY2(text.out.contains(QLatin1StringView("| haproxy.inter             | 3s ")), qPrintable(text.out));
    }

    void showsTheConfiguration()
    {
        const CommandOutput json = runCli(settingsArguments({QStringLiteral("show"), QStringLiteral("--json")}), 60'000);
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject shown = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonObject config = shown.value(QLatin1StringView("config")).toObject();
        QCOMPARE(config, configOfEachMember().first());
        QCOMPARE(config.value(QLatin1StringView("ttl")).toInt(), 30);
        const CommandOutput text = runCli(settingsArguments({QStringLiteral("show")}), 60'000);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        for (const char* expected : {"Patroni dynamic configuration", "| ttl", "| 30", "synchronous_mode",
                                     "postgresql.parameters.max_connections"}) {
            QVERIFY2(text.out.contains(QLatin1StringView(expected)), qPrintable(text.out));
        }
    }

    void refusedWithNothingChanged_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("ttl below Patroni's minimum")
            << QStringList{QStringLiteral("set"), QStringLiteral("ttl=10"), QStringLiteral("maximum_lag_on_failover=5")}
            << QStringLiteral("ttl must be a whole number of seconds of at least 20");
        QTest::newRow("ttl too short for loop_wait and retry_timeout")
            << QStringList{QStringLiteral("set"), QStringLiteral("ttl=20"), QStringLiteral("maximum_lag_on_failover=5")}
            << QStringLiteral("loop_wait + 2 × retry_timeout must not exceed ttl: 10 + 2 × 10 = 30 > 20");
        QTest::newRow("not on or off") << QStringList{QStringLiteral("set"), QStringLiteral("failsafe_mode=maybe")}
                                       << QStringLiteral("failsafe_mode is on or off, got 'maybe'");
        QTest::newRow("wrong REST password")
            << QStringList{QStringLiteral("set"), QStringLiteral("maximum_lag_on_failover=5"),
                           QStringLiteral("--rest-password"), QStringLiteral("wrong")}
            << QStringLiteral("HTTP 401");
    }

    void refusedWithNothingChanged()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        const CommandOutput output = runCli(settingsArguments(words), 60'000);
        QCOMPARE(output.exitCode, 1);
        QVERIFY2(output.err.contains(error), qPrintable(output.err));
        for (const QJsonObject& config : configOfEachMember()) {
            QCOMPARE(config.value(QLatin1StringView("ttl")).toInt(), 30);
            QCOMPARE(maximumLag(config), 1048576);
        }
    }

    void appliedByEveryMember()
    {
        const CommandOutput output = runCli(
            settingsArguments({QStringLiteral("set"), QStringLiteral("maximum_lag_on_failover=2097152"), QStringLiteral("--json")}),
            120'000);
        QVERIFY2(output.exitCode == 0, qPrintable(output.out + output.err));
        const QJsonObject result = QJsonDocument::fromJson(output.out.toUtf8()).object();
        QVERIFY(result.value(QLatin1StringView("changed")).toBool());
        const QJsonObject applied = result.value(QLatin1StringView("applied_after_s")).toObject();
        QCOMPARE(applied.keys(), (QStringList{QStringLiteral("patroni1"), QStringLiteral("patroni2"), QStringLiteral("patroni3")}));
        for (auto it = applied.constBegin(); it != applied.constEnd(); ++it) {
            qInfo("%s applied the change after %.1f s", qPrintable(it.key()), it.value().toDouble());
            QVERIFY(it.value().toDouble() < 60);
        }
        // Each member says so itself; nothing else moved.
        for (const QJsonObject& config : configOfEachMember()) {
            QCOMPARE(maximumLag(config), 2097152);
            QCOMPARE(config.value(QLatin1StringView("ttl")).toInt(), 30);
        }
        // The same value again: nothing to send.
        const CommandOutput again
            = runCli(settingsArguments({QStringLiteral("set"), QStringLiteral("maximum_lag_on_failover=2097152")}), 60'000);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QStringLiteral("Nothing to change")), qPrintable(again.out));

        const CommandOutput restored = runCli(settingsArguments({QStringLiteral("set"), RestoredValue}), 120'000);
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.out + restored.err));
        QVERIFY2(restored.out.contains(QStringLiteral("every member applied it")), qPrintable(restored.out));
        for (const QJsonObject& config : configOfEachMember()) {
            QCOMPARE(maximumLag(config), 1048576);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSettings)
#include "tst_clisettings.moc"
