// SPDX-License-Identifier: GPL-3.0-or-later
// Patroni's dynamic configuration as the lab changes it, on the /config answers captured from our lab (Patroni
// 4.0.7) and from Debian bookworm's Patroni 3.0.2 (tests/fixtures/*/config.json): KEY=VALUE assignments into the
// merge patch PATCH /config takes, the rules Patroni documents, and when a member shows a change applied.
#include "clustersettings.h"
#include "clustersettingschange.h"
#include "patronisettings.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using TestSupport::fixture;

namespace {

QJsonObject config(const char* folder)
{
    return QJsonDocument::fromJson(fixture(QLatin1StringView(folder) + QStringLiteral("/config.json"))).object();
}

QStringList words(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items) {
        list << QString::fromUtf8(item);
    }
    return list;
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestPatroniSettings : public QObject
{
    Q_OBJECT
private slots:
    void versions()
    {
        QCOMPARE(PatroniSettings::majorMinor(QStringLiteral("4.0.7")), 400);
        QCOMPARE(PatroniSettings::majorMinor(QStringLiteral("3.0.2")), 300);
        QCOMPARE(PatroniSettings::majorMinor(QString()), 0);
        // Patroni 3.0 still calls it master_start_timeout.
        QCOMPARE(PatroniSettings::knownKeys(300).last().path, QStringLiteral("master_start_timeout"));
        QCOMPARE(PatroniSettings::knownKeys(400).last().path, QStringLiteral("primary_start_timeout"));
    }

    void patches_data()
    {
        QTest::addColumn<QStringList>("assignments");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("patch"); // compact JSON, or "error: <part of the message>"
        QTest::newRow("fast failover timing") << words({"ttl=20", "loop_wait=2", "retry_timeout=5"}) << 400
                                              << QString::fromUtf8(R"({"loop_wait":2,"retry_timeout":5,"ttl":20})");
        QTest::newRow("synchronous words") << words({"synchronous_mode=on", "synchronous_mode_strict=off"}) << 400
                                           << QString::fromUtf8(R"({"synchronous_mode":true,"synchronous_mode_strict":false})");
        QTest::newRow("quorum on Patroni 4") << words({"synchronous_mode=quorum"}) << 400 << QString::fromUtf8(R"({"synchronous_mode":"quorum"})");
        QTest::newRow("quorum on Patroni 3") << words({"synchronous_mode=quorum"}) << 300 << QString::fromUtf8("error: Patroni 4.0");
        QTest::newRow("null resets to the default") << words({"failsafe_mode=null"}) << 400 << QString::fromUtf8(R"({"failsafe_mode":null})");
        QTest::newRow("nested key, JSON value") << words({"postgresql.parameters.max_connections=300"}) << 400
                                                << QString::fromUtf8(R"({"postgresql":{"parameters":{"max_connections":300}}})");
        QTest::newRow("two keys under one parent") << words({"postgresql.use_slots=false", "postgresql.parameters.wal_keep_size=256MB"}) << 400
                                                   << QString::fromUtf8(R"({"postgresql":{"parameters":{"wal_keep_size":"256MB"},"use_slots":false}})");
        QTest::newRow("ttl below 20") << words({"ttl=10"}) << 400 << QString::fromUtf8("error: ttl must be a whole number of seconds of at least 20");
        QTest::newRow("not a number") << words({"loop_wait=fast"}) << 400 << QString::fromUtf8("error: got 'fast'");
        QTest::newRow("not a boolean") << words({"failsafe_mode=maybe"}) << 400 << QString::fromUtf8("error: failsafe_mode is on or off");
        QTest::newRow("no equals sign") << words({"ttl"}) << 400 << QString::fromUtf8("error: is not KEY=VALUE");
        QTest::newRow("bad name") << words({"ttl value=3"}) << 400 << QString::fromUtf8("error: is not a setting name");
        QTest::newRow("old name on Patroni 4") << words({"master_start_timeout=10"}) << 400 << QString::fromUtf8("error: primary_start_timeout");
        QTest::newRow("new name on Patroni 3") << words({"primary_start_timeout=10"}) << 300 << QString::fromUtf8("error: master_start_timeout");
        QTest::newRow("nothing") << QStringList() << 400 << QString::fromUtf8("error: at least one");
    }

    void patches()
    {
        QFETCH(QStringList, assignments);
        QFETCH(int, version);
        QFETCH(QString, patch);
        const auto built = PatroniSettings::patchFrom(assignments, version);
        if (patch.startsWith(QLatin1StringView("error: "))) {
            QVERIFY(!built.ok());
            QVERIFY2(built.error().contains(patch.mid(7)), qPrintable(built.error()));
        } else {
            QVERIFY2(built.ok(), qPrintable(built.error()));
            QCOMPARE(compact(built.value()), patch);
        }
    }

    // The merged result is what the rules are checked on: a change that is fine alone can break them together with
    // what the cluster already has.
    void rulesOnTheMergedConfiguration_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("assignments");
        QTest::addColumn<QString>("violation"); // empty: none
        for (const char* folder : {"lab-patroni-4.0", "bookworm-patroni-3.0"}) {
            const QString name = QString::fromLatin1(folder);
            QTest::addRow("%s: the demo's own", folder) << name << words({"maximum_lag_on_failover=1048576"}) << QString();
            QTest::addRow("%s: fast failover", folder) << name << words({"ttl=20", "loop_wait=2", "retry_timeout=5"}) << QString();
            QTest::addRow("%s: ttl 20 with loop_wait 10, retry 10", folder)
                << name << words({"ttl=20"}) << QStringLiteral("loop_wait + 2 × retry_timeout must not exceed ttl: 10 + 2 × 10 = 30 > 20");
            QTest::addRow("%s: no synchronous standby", folder) << name << words({"synchronous_node_count=0"})
                                                              << QStringLiteral("error: at least 1");
        }
    }

    void rulesOnTheMergedConfiguration()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, assignments);
        QFETCH(QString, violation);
        const QJsonObject current = config(qPrintable(folder));
        QCOMPARE(current.value(QLatin1StringView("ttl")).toInt(), 30);
        QVERIFY(PatroniSettings::ruleViolations(current).isEmpty());
        const auto patch = PatroniSettings::patchFrom(assignments, folder.startsWith(u'b') ? 300 : 400);
        if (violation.startsWith(QLatin1StringView("error: "))) {
            QVERIFY(!patch.ok());
            QVERIFY2(patch.error().contains(violation.mid(7)), qPrintable(patch.error()));
            return;
        }
        QVERIFY2(patch.ok(), qPrintable(patch.error()));
        const QJsonObject after = PatroniSettings::merged(current, patch.value());
        const QStringList problems = PatroniSettings::ruleViolations(after);
        if (violation.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u' ')));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(violation), qPrintable(problems.first()));
        }
        // Untouched keys stay, nested ones included.
        QCOMPARE(PatroniSettings::valueAt(after, QStringLiteral("postgresql.parameters.max_connections")).toInt(), 200);
        QVERIFY(PatroniSettings::contains(after, patch.value()));
        QCOMPARE(PatroniSettings::contains(current, patch.value()),
                 PatroniSettings::merged(current, patch.value()) == current);
    }

    void nullRemovesAndIsAppliedWhenAbsent()
    {
        const QJsonObject current = config("lab-patroni-4.0");
        const QJsonObject patch = PatroniSettings::patchFrom({QStringLiteral("maximum_lag_on_failover=null")}).value();
        const QJsonObject after = PatroniSettings::merged(current, patch);
        QVERIFY(!after.contains(QLatin1StringView("maximum_lag_on_failover")));
        QVERIFY(PatroniSettings::contains(after, patch));
        QVERIFY(!PatroniSettings::contains(current, patch));
    }

    void flattenAndText()
    {
        const auto leaves = PatroniSettings::flatten(config("lab-patroni-4.0"));
        QStringList paths;
        for (const auto& [path, value] : leaves) {
            paths << path + u'=' + PatroniSettings::valueText(value);
        }
        QVERIFY2(paths.contains(QStringLiteral("ttl=30")), qPrintable(paths.join(u' ')));
        QVERIFY(paths.contains(QStringLiteral("postgresql.use_pg_rewind=true")));
        QVERIFY(paths.contains(QStringLiteral("postgresql.parameters.wal_keep_size=128MB")));
        QCOMPARE(paths.size(), 12);
    }

    // haproxy.* words go to HAProxy's timing, the rest to Patroni; the JSON form says the same.
    void targetFromAssignments()
    {
        const auto target = ClusterSettingsTarget::fromAssignments(
            words({"ttl=20", "haproxy.inter=500ms", "synchronous_mode=on", "haproxy.fall=2", "haproxy.shutdown_sessions=off"}));
        QVERIFY2(target.ok(), qPrintable(target.error()));
        QCOMPARE(target.value().patroni, words({"ttl=20", "synchronous_mode=on"}));
        QCOMPARE(*target.value().haproxy.interSeconds, 0.5);
        QCOMPARE(*target.value().haproxy.fall, 2);
        QVERIFY(!target.value().haproxy.rise);
        QCOMPARE(*target.value().haproxy.shutdownSessions, false);
        QCOMPARE(compact(target.value().toJson()),
                 QStringLiteral(R"({"haproxy":{"fall":2,"inter":"500ms","shutdown_sessions":false},"patroni":{"synchronous_mode":true,"ttl":20}})"));
        const auto back = ClusterSettingsTarget::fromJson(target.value().toJson());
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(compact(back.value().toJson()), compact(target.value().toJson()));

        QVERIFY(!ClusterSettingsTarget::fromAssignments(words({"haproxy.inter"})).ok());
        QVERIFY(ClusterSettingsTarget::fromAssignments(words({"haproxy.inter=soon"})).error().contains(QLatin1StringView("500ms or 2s")));
    }

    // Every built-in profile, applied on the lab's configuration, breaks none of Patroni's rules and sets what its
    // name says; demo gives back the lab's bootstrap values.
    void builtInProfiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<bool>("synchronous");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<double>("inter");
        QTest::newRow("demo") << "demo" << 30 << false << false << 3.0;
        QTest::newRow("fast-failover") << "fast-failover" << 20 << false << false << 0.5;
        QTest::newRow("synchronous") << "synchronous" << 30 << true << false << 3.0;
        QTest::newRow("synchronous-strict") << "synchronous-strict" << 30 << true << true << 3.0;
    }
    void builtInProfiles()
    {
        QFETCH(QString, name);
        const auto profile = ClusterSettingsProfile::find(name);
        QVERIFY2(profile.ok(), qPrintable(profile.error()));
        QVERIFY(!profile.value().description.isEmpty());
        const auto patch = PatroniSettings::patchFrom(profile.value().target.patroni);
        QVERIFY2(patch.ok(), qPrintable(patch.error()));
        const QJsonObject applied = PatroniSettings::merged(config("lab-patroni-4.0"), patch.value());
        QCOMPARE(PatroniSettings::ruleViolations(applied), QStringList());
        QTEST(applied.value(QLatin1StringView("ttl")).toInt(), "ttl");
        QTEST(applied.value(QLatin1StringView("synchronous_mode")).toBool(), "synchronous");
        QTEST(applied.value(QLatin1StringView("synchronous_mode_strict")).toBool(), "strict");
        QVERIFY(!applied.contains(QLatin1StringView("failsafe_mode")));
        QTEST(*profile.value().target.haproxy.interSeconds, "inter");
        QVERIFY(profile.value().target.haproxy.violations().isEmpty());
    }

    void profileFromFile()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("slow-checks.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"description": "slow", "patroni": {"ttl": 40}, "haproxy": {"inter": "5s", "rise": 3}})");
        file.close();
        const auto profile = ClusterSettingsProfile::find(path);
        QVERIFY2(profile.ok(), qPrintable(profile.error()));
        QCOMPARE(profile.value().name, QStringLiteral("slow-checks"));
        QCOMPARE(profile.value().target.assignments(), words({"ttl=40", "haproxy.inter=5s", "haproxy.rise=3"}));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"patroni": {"ttl": 40}, "haproxi": {}})");
        file.close();
        QVERIFY(ClusterSettingsProfile::find(path).error().contains(QLatin1StringView("unknown key 'haproxi'")));
        QVERIFY(ClusterSettingsProfile::find(QStringLiteral("fastest")).error().contains(QLatin1StringView("built-in ones are demo")));
    }

    // What a scenario puts back after its profile: the keys it changed as they were (null where absent).
    void restoreTarget()
    {
        ClusterSettingsChange::Outcome outcome;
        outcome.patroniTouched = true;
        outcome.patroni.before = config("lab-patroni-4.0");
        outcome.patroni.patch = PatroniSettings::patchFrom(words({"ttl=20", "failsafe_mode=true"})).value();
        outcome.haproxyTouched = true;
        outcome.haproxy.before.interSeconds = 3;
        outcome.haproxy.before.fall = 3;
        outcome.haproxy.before.rise = 2;
        outcome.haproxy.before.shutdownSessions = true;
        const ClusterSettingsTarget restore = outcome.restoreTarget();
        QCOMPARE(restore.assignments(), words({"failsafe_mode=null", "ttl=30", "haproxy.inter=3s", "haproxy.fall=3",
                                               "haproxy.rise=2", "haproxy.shutdown_sessions=on"}));
        outcome.haproxy.unchanged = true;
        outcome.patroni.unchanged = true;
        QVERIFY(outcome.restoreTarget().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPatroniSettings)
#include "tst_patronisettings.moc"
