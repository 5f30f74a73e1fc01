// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario.h"
#include "scenariocatalogue.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString stepsBody = QStringLiteral(R"(
    {"wait": {"seconds": 1}},
    {"action": "stop", "target": "leader"},
    {"wait": {"until": "new_leader", "timeout_s": 60}},
    {"action": "heal_all"}
  )");

// A valid document; each invalid row changes one piece of it.
QString validDocument()
{
    return QStringLiteral(R"({
  "format": "patroni-lab-scenario/1",
  "id": "test",
  "title": {"en": "Test", "ru": "Тест"},
  "explanation": {"en": "Explained", "ru": "Объяснение"},
  "traffic": {"rate": 1, "deadline_ms": 2000},
  "steps": [%1],
  "expect": {"failover": true, "write_outage": true, "band": "lock_released"}
}
)")
        .arg(stepsBody);
}

const QString resourceSource = QStringLiteral(LAB_FIXTURES_DIR "/../../resources/scenarios");

// "LINE:COLUMN" of the first occurrence of needle, counted the way an editor counts (from 1, in characters).
QString positionOf(const QString& document, const QString& needle)
{
    const qsizetype offset = document.indexOf(needle);
    Q_ASSERT(offset >= 0);
    const qsizetype lineStart = offset == 0 ? 0 : document.lastIndexOf(u'\n', offset - 1) + 1;
    return QStringLiteral("%1:%2").arg(document.left(offset).count(u'\n') + 1).arg(offset - lineStart + 1);
}

QString stepKey(const ScenarioStep& step)
{
    return ScenarioStep::actionName(step.action) + u':' + step.target.name();
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT
private slots:
    void validDocumentParses()
    {
        const auto scenario = Scenario::parse(validDocument().toUtf8(), QStringLiteral("test.json"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        const Scenario& value = scenario.value();
        QCOMPARE(value.id, QStringLiteral("test"));
        QCOMPARE(value.idLine, 3);
        QCOMPARE(value.title.text(QStringLiteral("ru")), QStringLiteral("Тест"));
        QCOMPARE(value.traffic.deadlineMs, 2000);
        QCOMPARE(value.traffic.connections, 1); // default
        QCOMPARE(value.steps.size(), 4);
        QCOMPARE(value.steps.at(0).condition, ScenarioStep::Condition::Seconds);
        QCOMPARE(value.steps.at(0).seconds, 1.0);
        QCOMPARE(value.steps.at(1).kind, ScenarioStep::Kind::Action);
        QCOMPARE(value.steps.at(1).nodeAction(), std::optional<NodeAction>(NodeAction::Stop));
        QCOMPARE(value.steps.at(1).target.kind, ScenarioTarget::Kind::Leader);
        const QString stopStep = QStringLiteral(R"({"action": "stop")");
        QCOMPARE(QString::number(value.steps.at(1).line), positionOf(validDocument(), stopStep).section(u':', 0, 0));
        QCOMPARE(value.steps.at(2).condition, ScenarioStep::Condition::NewLeader);
        QCOMPARE(value.steps.at(2).timeoutSeconds, 60.0);
        QCOMPARE(value.steps.at(3).action, ScenarioStep::Action::HealAll);
        QCOMPARE(value.steps.at(3).nodeAction(), std::nullopt);
        QCOMPARE(value.expect.band, ScenarioBand::LockReleased);
        QCOMPARE(value.expect.lostWrites, 0);
        QCOMPARE(value.steps.at(1).band, std::nullopt);

        QString withBand = validDocument();
        withBand.replace(QStringLiteral(R"("target": "leader")"), QStringLiteral(R"("target": "leader", "band": "ttl")"));
        const auto banded = Scenario::parse(withBand.toUtf8(), QStringLiteral("test.json"));
        QVERIFY2(banded.ok(), qPrintable(banded.error()));
        QCOMPARE(banded.value().steps.at(1).band, std::optional<ScenarioBand>(ScenarioBand::Ttl));
    }

    // The full example in docs/scenarios.md is a valid scenario.
    void documentedExampleParses()
    {
        QFile file(QStringLiteral(LAB_FIXTURES_DIR "/../../docs/scenarios.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const qsizetype start = text.indexOf(QStringLiteral("```json\n"));
        QVERIFY(start >= 0);
        const qsizetype end = text.indexOf(QStringLiteral("```"), start + 8);
        const auto example = Scenario::parse(text.mid(start + 8, end - start - 8).toUtf8(), QStringLiteral("docs"));
        QVERIFY2(example.ok(), qPrintable(example.error()));
        QCOMPARE(example.value().steps.at(1).note.ru, QStringLiteral("Останавливаем лидера"));
        QCOMPARE(example.value().expect.maxWriteOutageSeconds, std::optional<double>(30));
    }

    void nodeActionsMapOneToOne()
    {
        // Every docker action of NodeActions has a scenario action of the same name (in a file's spelling:
        // kill-postgres is kill_postgres, as heal_all and old_leader).
        for (const QString& name : NodeActions::names()) {
            const auto action = ScenarioStep::actionFromName(QString(name).replace(u'-', u'_'));
            QVERIFY2(action, qPrintable(name));
            ScenarioStep step;
            step.kind = ScenarioStep::Kind::Action;
            step.action = *action;
            QCOMPARE(step.nodeAction(), NodeActions::fromName(name));
        }
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("needle"); // where the error must point: its first occurrence
        QTest::addColumn<QString>("expected"); // after "bad.json:LINE:COLUMN: "
        const QString valid = validDocument();
        const auto replaced = [&valid](const QString& from, const QString& to) {
            Q_ASSERT(valid.count(from) == 1);
            return QString(valid).replace(from, to);
        };
        QTest::newRow("syntax: missing comma")
            << replaced(QStringLiteral(R"("id": "test",)"), QStringLiteral(R"("id": "test")")) << R"("title")"
            << "syntax error: expected ',' or '}' after the value of \"id\", found '\"'";
        QTest::newRow("syntax: trailing comma")
            << replaced(QStringLiteral(R"({"action": "heal_all"})"), QStringLiteral(R"({"action": "heal_all",})"))
            << QStringLiteral("}\n  ],") << "syntax error: a comma before '}' is not allowed in JSON";
        QTest::newRow("syntax: string not closed")
            << replaced(QStringLiteral("\"lock_released\"}"), QStringLiteral("\"lock_released}")) << "\"lock_released}"
            << "syntax error: the string that starts here is not closed before the end of the line";
        QTest::newRow("syntax: a missing quote shifts the strings")
            << replaced(QStringLiteral("\"Explained\""), QStringLiteral("\"Explained")) << "ru\": \"Объяснение"
            << "syntax error: expected ',' or '}' after the value of \"en\", found 'r'";
        QTest::newRow("unknown action")
            << replaced(QStringLiteral(R"("action": "stop")"), QStringLiteral(R"("action": "stp")")) << R"("stp")"
            << R"(steps[1].action: unknown action "stp" (expected one of: stop, start, restart, kill, pause, unpause, )"
               R"(disconnect, connect, switchover, heal_all, impair, clear, partition, unpartition, kill_postgres, )"
               R"(freeze_postgres, thaw_postgres, kill_patroni, limit_cpu, limit_memory, unlimit))";
        QTest::newRow("step band none")
            << replaced(QStringLiteral(R"("action": "stop", "target": "leader")"),
                   QStringLiteral(R"("action": "stop", "target": "leader", "band": "none")"))
            << R"("none")"
            << R"(steps[1].band: a step's band names the write outage it causes: one of lock_released, ttl, )"
               R"(retry_timeout, fault_duration, blocked_then_ttl, checks_then_ttl, restart_in_place, retry_then_ttl, degraded, leader_restarted, got "none")";
        QTest::newRow("band on heal_all")
            << replaced(QStringLiteral(R"({"action": "heal_all"})"), QStringLiteral(R"({"action": "heal_all", "band": "ttl"})"))
            << R"("ttl")" << R"(steps[3].band: heal_all ends faults: it causes no write outage to bound)";
        QTest::newRow("band on a wait")
            << replaced(QStringLiteral(R"({"until": "new_leader", "timeout_s": 60})"),
                   QStringLiteral(R"({"until": "new_leader", "timeout_s": 60}, "band": "ttl")"))
            << R"("band")" << R"(steps[2].band: unknown key "band")";
        QTest::newRow("unknown target")
            << replaced(QStringLiteral(R"("target": "leader")"), QStringLiteral(R"("target": "patroni4")"))
            << R"("patroni4")"
            << R"(steps[1].target: unknown target "patroni4" (expected one of: leader, old_leader)";
        QTest::newRow("missing timeout") << replaced(
            QStringLiteral(R"({"until": "new_leader", "timeout_s": 60})"), QStringLiteral(R"({"until": "new_leader"})"))
                                         << R"({"until")"
                                         << R"(steps[2].wait: missing "timeout_s")";
        QTest::newRow("unknown condition")
            << replaced(QStringLiteral(R"("new_leader")"), QStringLiteral(R"("leader_new")")) << R"("leader_new")"
            << R"(steps[2].wait.until: unknown condition "leader_new" (expected one of: new_leader, member_streaming)";
        QTest::newRow("switchover to the leader")
            << replaced(QStringLiteral(R"("action": "stop")"), QStringLiteral(R"("action": "switchover")"))
            << R"("leader"})"
            << R"(steps[1].target: switchover needs the replica that becomes the leader)";
        QTest::newRow("wrong type") << replaced(QStringLiteral(R"("seconds": 1)"), QStringLiteral(R"("seconds": "1")"))
                                    << R"("1")"
                                    << "steps[0].wait.seconds: expected a number, got a string";
        QTest::newRow("wrong type, whole number")
            << replaced(QStringLiteral(R"("deadline_ms": 2000)"), QStringLiteral(R"("deadline_ms": 2000.5)"))
            << "2000.5"
            << "traffic.deadline_ms: expected a whole number, got 2000.5";
        QTest::newRow("unknown key") << replaced(
            QStringLiteral(R"("band": "lock_released")"), QStringLiteral(R"("band": "lock_released", "falover": true)"))
                                     << R"("falover")"
                                     << R"(expect.falover: unknown key "falover" (expected one of: failover, )";
        QTest::newRow("unknown key after Cyrillic text counts characters")
            << replaced(QStringLiteral(R"("ru": "Объяснение"})"), QStringLiteral(R"("ru": "Объяснение", "de": "X"})"))
            << R"("de")"
            << R"(explanation.de: unknown key "de" (expected one of: en, ru))";
        QTest::newRow("duplicate key") << replaced(
            QStringLiteral(R"("id": "test",)"), QStringLiteral(R"("id": "test", "id": "again",)"))
                                       << R"("id": "again")"
                                       << R"(id: duplicate key "id" (first given on line 3))";
        QTest::newRow("empty steps") << replaced(QStringLiteral("[") + stepsBody + u']', QStringLiteral("[]")) << "[]"
                                     << "steps: a scenario needs at least one step";
        QTest::newRow("heal_all with a target")
            << replaced(QStringLiteral(R"({"action": "heal_all"})"),
                   QStringLiteral(R"({"action": "heal_all", "target": "haproxy"})"))
            << R"("haproxy")"
            << "steps[3].target: heal_all acts on every container and takes no target";
        QTest::newRow("band contradicts the outage")
            << replaced(QStringLiteral(R"("band": "lock_released")"), QStringLiteral(R"("band": "none")"))
            << R"("none")"
            << R"(expect.band: a write outage is expected, so the band must name)";
        QTest::newRow("settings: unknown profile")
            << replaced(QStringLiteral(R"("traffic": {)"), QStringLiteral(R"("settings": {"profile": "fastest"}, "traffic": {)"))
            << R"("fastest")"
            << "settings.profile: No settings profile 'fastest': the built-in ones are demo, fast-failover";
        QTest::newRow("settings: unknown key")
            << replaced(QStringLiteral(R"("traffic": {)"), QStringLiteral(R"("settings": {"ttl": 20}, "traffic": {)"))
            << R"("ttl")"
            << R"(settings.ttl: unknown key "ttl" (expected one of: profile, patroni, haproxy))";
        QTest::newRow("settings: HAProxy value out of range")
            << replaced(QStringLiteral(R"("traffic": {)"), QStringLiteral(R"("settings": {"haproxy": {"fall": 0}}, "traffic": {)"))
            << R"({"haproxy")"
            << "settings.haproxy: fall (failed checks before a server is marked DOWN) must be between 1 and 100, got 0";
        QTest::newRow("settings: Patroni value of the wrong kind")
            << replaced(QStringLiteral(R"("traffic": {)"), QStringLiteral(R"("settings": {"patroni": {"synchronous_mode": "maybe"}}, "traffic": {)"))
            << R"({"patroni")"
            << "settings.patroni: ";
        const QString stop = QStringLiteral(R"({"action": "stop", "target": "leader"})");
        QTest::newRow("impair without values")
            << replaced(stop, QStringLiteral(R"({"action": "impair", "target": "leader"})")) << R"({"action": "impair")"
            << R"(steps[1]: the action "impair" needs "impair")";
        QTest::newRow("impair loss out of range")
            << replaced(stop, QStringLiteral(R"({"action": "impair", "target": "leader", "impair": {"loss": 120}})"))
            << R"({"loss")" << "steps[1].impair: loss must be a percentage above 0 and at most 100, not '120'";
        QTest::newRow("impair unknown key")
            << replaced(stop, QStringLiteral(R"({"action": "impair", "target": "leader", "impair": {"reorder": 5}})"))
            << R"("reorder")" << R"(steps[1].impair.reorder: unknown key)";
        QTest::newRow("from on stop")
            << replaced(stop, QStringLiteral(R"({"action": "stop", "target": "leader", "from": ["etcd"]})"))
            << R"(["etcd"])" << R"(steps[1].from: "from" belongs to the action "partition", not "stop")";
        QTest::newRow("partition from nobody")
            << replaced(stop, QStringLiteral(R"({"action": "partition", "target": "leader", "from": []})")) << "[]"
            << "steps[1].from: expected a list of peers";
        QTest::newRow("partition from unknown")
            << replaced(stop, QStringLiteral(R"({"action": "partition", "target": "leader", "from": ["etcd7"]})"))
            << R"("etcd7")" << R"(steps[1].from[0]: unknown target "etcd7")";
        QTest::newRow("memory too small")
            << replaced(stop, QStringLiteral(R"({"action": "limit_memory", "target": "leader", "memory": "1m"})"))
            << R"("1m")" << "steps[1].memory: --memory must be at least 6m";
        QTest::newRow("cpus zero")
            << replaced(stop, QStringLiteral(R"({"action": "limit_cpu", "target": "leader", "cpus": 0.001})")) << "0.001"
            << "steps[1].cpus: 0.001 is out of range (expected at least 0.01 and at most 64)";
        QTest::newRow("missing title") << replaced(
            QStringLiteral("  \"title\": {\"en\": \"Test\", \"ru\": \"Тест\"},\n"), QString())
                                       << "{"
                                       << R"((document): missing required key "title")";
    }
    void invalid()
    {
        QFETCH(QString, document);
        QFETCH(QString, needle);
        QFETCH(QString, expected);
        QVERIFY2(document.contains(needle), qPrintable(needle));
        const auto scenario = Scenario::parse(document.toUtf8(), QStringLiteral("bad.json"));
        QVERIFY(!scenario.ok());
        const QString prefix = QStringLiteral("bad.json:") + positionOf(document, needle) + QStringLiteral(": ");
        QVERIFY2(scenario.error().contains(prefix + expected),
            qPrintable(QStringLiteral("expected: %1%2\ngot:      %3").arg(prefix, expected, scenario.error())));
    }

    // The faults inside a container: their parameters become the CLI's words, "etcd" every etcd member.
    void faultSteps()
    {
        QString document = validDocument();
        document.replace(QStringLiteral(R"({"action": "stop", "target": "leader"})"),
                         QStringLiteral(R"({"action": "impair", "target": "leader", "impair": {"delay_ms": 100, "jitter_ms": 20, "loss": 5}},
    {"action": "partition", "target": "replica", "from": ["etcd", "leader"]},
    {"action": "limit_cpu", "target": "replicas", "cpus": 0.2},
    {"action": "limit_memory", "target": "patroni2", "memory": "96m"},
    {"action": "kill_patroni", "target": "leader"})"));
        const auto scenario = Scenario::parse(document.toUtf8(), QStringLiteral("faults.json"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        const QList<ScenarioStep>& steps = scenario.value().steps;
        QCOMPARE(steps.at(1).nodeAction(), std::optional<NodeAction>(NodeAction::Impair));
        QCOMPARE(steps.at(1).faultParameters, (QStringList{QStringLiteral("delay"), QStringLiteral("100"), QStringLiteral("20"),
                                                           QStringLiteral("loss"), QStringLiteral("5")}));
        QCOMPARE(steps.at(1).describe(), QStringLiteral("impair leader delay 100 ms ±20 ms, loss 5 %"));
        QCOMPARE(steps.at(2).peers.size(), 4);
        QCOMPARE(steps.at(2).describe(), QStringLiteral("partition replica from etcd1 etcd2 etcd3 leader"));
        QCOMPARE(steps.at(3).faultParameters, QStringList{QStringLiteral("0.2")});
        QCOMPARE(steps.at(4).faultParameters, QStringList{QStringLiteral("96m")});
        QCOMPARE(steps.at(5).nodeAction(), std::optional<NodeAction>(NodeAction::KillPatroni));
    }

    // A profile, then explicit keys over it (the profile's ttl is replaced in place of being added twice).
    void settingsProfileAndKeys()
    {
        QString document = validDocument();
        document.replace(QStringLiteral(R"("traffic": {)"),
                         QStringLiteral(R"("settings": {"profile": "fast-failover", "patroni": {"ttl": 25}, "haproxy": {"rise": 2}}, "traffic": {)"));
        const auto scenario = Scenario::parse(document.toUtf8(), QStringLiteral("settings.json"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        QCOMPARE(scenario.value().settingsProfile, QStringLiteral("fast-failover"));
        const QStringList& words = scenario.value().settingsAssignments;
        QCOMPARE(words.filter(QStringLiteral("ttl=")), QStringList{QStringLiteral("ttl=25")});
        QCOMPARE(words.filter(QStringLiteral("haproxy.rise=")), QStringList{QStringLiteral("haproxy.rise=2")});
        QVERIFY(words.contains(QStringLiteral("loop_wait=1")));
        QVERIFY(words.contains(QStringLiteral("haproxy.inter=500ms")));
        QVERIFY(Scenario::parse(validDocument().toUtf8(), QStringLiteral("plain.json")).value().settingsAssignments.isEmpty());
    }

    void everyErrorIsReported()
    {
        QString document = validDocument();
        document.replace(QStringLiteral(R"("action": "stop")"), QStringLiteral(R"("action": "stp")"));
        document.replace(QStringLiteral(R"("seconds": 1)"), QStringLiteral(R"("seconds": -1)"));
        const auto scenario = Scenario::parse(document.toUtf8(), QStringLiteral("two.json"));
        QVERIFY(!scenario.ok());
        QCOMPARE(scenario.error().split(u'\n').size(), 2);
        QVERIFY2(scenario.error().contains(QStringLiteral("two.json:") + positionOf(document, QStringLiteral("-1"))
                     + QStringLiteral(": steps[0].wait.seconds: -1 is out of range")),
            qPrintable(scenario.error()));
        QVERIFY2(scenario.error().contains(QStringLiteral("two.json:") + positionOf(document, QStringLiteral("\"stp\""))
                     + QStringLiteral(": steps[1].action: unknown action")),
            qPrintable(scenario.error()));
    }

    void builtInsParse()
    {
        const auto scenarios = ScenarioCatalogue::builtIns();
        QVERIFY2(scenarios.ok(), qPrintable(scenarios.error()));
        // Every file in resources/scenarios is compiled in, and nothing else.
        QStringList files = QDir(resourceSource).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        QStringList ids;
        for (const Scenario& scenario : scenarios.value()) {
            ids << scenario.id + QStringLiteral(".json");
        }
        QCOMPARE(ids, files);
        for (const char* expectedId :
            { "leader-stop", "old-leader-returns", "replica-stop", "etcd-one-down", "etcd-quorum-loss", "haproxy-down",
                "leader-kill", "leader-pause", "leader-partition", "switchover", "lab-report", "fast-failover",
                "async-lost-writes", "sync-lost-writes", "strict-lost-writes" }) {
            QVERIFY2(ids.contains(QLatin1StringView(expectedId) + QStringLiteral(".json")), expectedId);
        }
        static const QRegularExpression cyrillic(QStringLiteral("[а-яА-ЯёЁ]"));
        for (const Scenario& scenario : scenarios.value()) {
            const char* id = qPrintable(scenario.id);
            QVERIFY2(!scenario.title.en.isEmpty() && !scenario.explanation.en.isEmpty(), id);
            QVERIFY2(scenario.title.ru.contains(cyrillic) && scenario.explanation.ru.contains(cyrillic), id);
            QVERIFY2(!scenario.steps.isEmpty(), id);
            // The file is honest about healing: the last action heals everything, only waits follow it.
            qsizetype lastAction = -1;
            for (qsizetype i = 0; i < scenario.steps.size(); ++i) {
                if (scenario.steps.at(i).kind == ScenarioStep::Kind::Action) {
                    lastAction = i;
                }
                const ScenarioStep& step = scenario.steps.at(i);
                if (step.kind == ScenarioStep::Kind::Wait && step.condition != ScenarioStep::Condition::Seconds) {
                    QVERIFY2(step.timeoutSeconds > 0, id);
                }
            }
            QVERIFY2(lastAction >= 0 && scenario.steps.at(lastAction).action == ScenarioStep::Action::HealAll, id);
            QCOMPARE(scenario.expect.writeOutage, scenario.expect.band != ScenarioBand::None);
        }
    }

    void builtInsPredictTheReport()
    {
        QHash<QString, Scenario> byId;
        const auto scenarios = ScenarioCatalogue::builtIns();
        QVERIFY2(scenarios.ok(), qPrintable(scenarios.error()));
        for (const Scenario& scenario : scenarios.value()) {
            byId.insert(scenario.id, scenario);
        }
        QVERIFY(byId.value(QStringLiteral("leader-stop")).expect.failover);
        QVERIFY(!byId.value(QStringLiteral("replica-stop")).expect.writeOutage);
        QVERIFY(!byId.value(QStringLiteral("etcd-one-down")).expect.writeOutage);
        QVERIFY(byId.value(QStringLiteral("etcd-quorum-loss")).expect.readOnlyErrors);
        QVERIFY(byId.value(QStringLiteral("haproxy-down")).expect.totalOutage);
        QCOMPARE(byId.value(QStringLiteral("leader-kill")).expect.band, ScenarioBand::Ttl);
        QVERIFY(byId.value(QStringLiteral("leader-pause")).expect.deadlineErrors);
        QCOMPARE(byId.value(QStringLiteral("switchover")).expect.lostWrites, 0);
        QCOMPARE(byId.value(QStringLiteral("switchover")).steps.at(1).action, ScenarioStep::Action::Switchover);
    }

    void labReportKeepsTheReportsOrder()
    {
        const auto scenario = ScenarioCatalogue::resolve(QStringLiteral("lab-report"));
        QVERIFY2(scenario.ok(), qPrintable(scenario.error()));
        QStringList actions;
        for (const ScenarioStep& step : scenario.value().steps) {
            if (step.kind == ScenarioStep::Kind::Action) {
                actions << stepKey(step);
            }
        }
        const QStringList report {
            QStringLiteral("stop:leader"),
            QStringLiteral("start:old_leader"),
            QStringLiteral("stop:replica"),
            QStringLiteral("start:replica"),
            QStringLiteral("stop:etcd1"),
            QStringLiteral("stop:etcd2"),
            QStringLiteral("start:etcd2"),
            QStringLiteral("stop:haproxy"),
            QStringLiteral("heal_all:"),
        };
        QCOMPARE(actions, report);
    }

    void duplicateIdsAreRefused()
    {
        const QByteArray document = validDocument().toUtf8();
        const auto catalogue = ScenarioCatalogue::fromDocuments(
            { { QStringLiteral("a.json"), document }, { QStringLiteral("b.json"), document } });
        QVERIFY(!catalogue.ok());
        QCOMPARE(catalogue.error(), QStringLiteral("b.json:3: id: duplicate id \"test\" (already used by a.json:3)"));
    }

    void resolveIdOrFile()
    {
        QVERIFY(ScenarioCatalogue::resolve(QStringLiteral("leader-stop")).ok());
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(QStringLiteral("mine.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(validDocument().toUtf8());
        file.close();
        const auto own = ScenarioCatalogue::resolve(path);
        QVERIFY2(own.ok(), qPrintable(own.error()));
        QCOMPARE(own.value().id, QStringLiteral("test"));
        QCOMPARE(own.value().sourceName, path);
        const auto unknown = ScenarioCatalogue::resolve(QStringLiteral("leader-stopp"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QStringLiteral("leader-stop, ")), qPrintable(unknown.error()));
    }

    void cliListsScenarios()
    {
        const QStringList ids = ScenarioCatalogue::builtInIds();
        QVERIFY(!ids.isEmpty());
        const auto english = TestSupport::runCli({ QStringLiteral("scenarios") }, 30'000);
        QCOMPARE(english.exitCode, 0);
        const QStringList lines = english.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i) {
            QVERIFY2(lines.at(i).startsWith(ids.at(i) + u' '), qPrintable(lines.at(i)));
        }
        QVERIFY(english.out.contains(QStringLiteral("Leader stop: failover")));

        const auto russian = TestSupport::runCli(
            { QStringLiteral("scenarios"), QStringLiteral("--language"), QStringLiteral("ru") }, 30'000);
        QCOMPARE(russian.exitCode, 0);
        QVERIFY2(russian.out.contains(QStringLiteral("Остановка лидера")), qPrintable(russian.out));

        const auto json = TestSupport::runCli({ QStringLiteral("scenarios"), QStringLiteral("--json") }, 30'000);
        QCOMPARE(json.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.out.toUtf8(), &error);
        QVERIFY2(document.isArray(), qPrintable(error.errorString()));
        QStringList listed;
        for (const QJsonValue& value : document.array()) {
            const QJsonObject object = value.toObject();
            listed << object.value(QStringLiteral("id")).toString();
            QVERIFY(!object.value(QStringLiteral("title")).toString().isEmpty());
            QVERIFY(!object.value(QStringLiteral("explanation")).toString().isEmpty());
            QVERIFY(object.value(QStringLiteral("step_count")).toInt() > 0);
            QVERIFY(object.value(QStringLiteral("expect")).toObject().contains(QStringLiteral("band")));
        }
        QCOMPARE(listed, ids);

        const auto wrong = TestSupport::runCli(
            { QStringLiteral("scenarios"), QStringLiteral("--language"), QStringLiteral("de") }, 30'000);
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(QStringLiteral("--language must be en or ru")), qPrintable(wrong.err));
    }

    // `run` refuses a bad scenario before it touches Docker: the same file:line:column errors, exit code 2, and no
    // report folder left behind.
    void cliRunRejectsBadScenarios_data()
    {
        QTest::addColumn<QByteArray>("document"); // empty: the scenario argument is an unknown id, not a file
        QTest::addColumn<QStringList>("extraArguments");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("typo in an action") << QByteArray(R"({"format": "patroni-lab-scenario/1", "id": "x",
  "title": {"en": "T", "ru": "Т"}, "explanation": {"en": "E", "ru": "Е"},
  "steps": [{"action": "stp", "target": "leader"}],
  "expect": {"failover": true, "write_outage": true, "band": "lock_released"}})")
                                           << QStringList() << QStringLiteral("bad.json:3:24: steps[0].action: unknown action \"stp\"");
        QTest::newRow("wait without timeout") << QByteArray(R"({"format": "patroni-lab-scenario/1", "id": "x",
  "title": {"en": "T", "ru": "Т"}, "explanation": {"en": "E", "ru": "Е"},
  "steps": [{"wait": {"until": "new_leader"}}],
  "expect": {"failover": true, "write_outage": true, "read_only_errors": "maybe", "band": "lock_released"}})")
                                              << QStringList()
                                              << QStringLiteral("bad.json:3:22: steps[0].wait: missing \"timeout_s\"");
        QTest::newRow("occurrence neither bool nor possible") << QByteArray(R"({"format": "patroni-lab-scenario/1", "id": "x",
  "title": {"en": "T", "ru": "Т"}, "explanation": {"en": "E", "ru": "Е"},
  "steps": [{"wait": {"seconds": 1}}],
  "expect": {"failover": true, "write_outage": true, "read_only_errors": "maybe", "band": "lock_released"}})")
                                                              << QStringList()
                                                              << QStringLiteral("bad.json:4:74: expect.read_only_errors: expected true, false or \"possible\", got \"maybe\"");
        QTest::newRow("unknown id") << QByteArray() << QStringList() << QStringLiteral("no built-in scenario is called \"leader-stpo\"");
        QTest::newRow("no --out") << QByteArray() << QStringList{QStringLiteral("--no-out")} << QStringLiteral("usage: patroni-lab-cli run SCENARIO --out DIR");
        QTest::newRow("repeat 0") << QByteArray() << QStringList{QStringLiteral("--repeat"), QStringLiteral("0")}
                                  << QStringLiteral("--repeat must be a whole number from 1 to 100");
    }

    void cliRunRejectsBadScenarios()
    {
        QFETCH(QByteArray, document);
        QFETCH(QStringList, extraArguments);
        QFETCH(QString, expectedError);
        QTemporaryDir dir;
        QString scenario = QStringLiteral("leader-stpo");
        if (!document.isEmpty()) {
            scenario = dir.filePath(QStringLiteral("bad.json"));
            QFile file(scenario);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(document);
        }
        QStringList arguments{QStringLiteral("run"), scenario};
        if (!extraArguments.contains(QStringLiteral("--no-out"))) {
            arguments << QStringLiteral("--out") << dir.filePath(QStringLiteral("out"));
        }
        arguments << extraArguments.filter(QRegularExpression(QStringLiteral("^(?!--no-out)")));
        // A port nothing listens on and a project nothing runs: the command must stop before it looks for them.
        arguments << QStringLiteral("--project") << QStringLiteral("no-such-lab") << QStringLiteral("--journal")
                  << dir.filePath(QStringLiteral("journal.sqlite"));
        const auto run = TestSupport::runCli(arguments, 30'000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expectedError), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
