// SPDX-License-Identifier: GPL-3.0-or-later
// Patroni's dynamic configuration as the lab changes it, on the /config answers captured from our lab (Patroni
// 4.0.7) and from Debian bookworm's Patroni 3.0.2 (tests/fixtures/*/config.json): KEY=VALUE assignments into the
// merge patch PATCH /config takes, the rules Patroni documents, and when a member shows a change applied.
#include "patronisettings.h"
#include "testsupport.h"

#include <QJsonDocument>
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
};

QTEST_GUILESS_MAIN(TestPatroniSettings)
#include "tst_patronisettings.moc"
