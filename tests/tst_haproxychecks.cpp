// SPDX-License-Identifier: GPL-3.0-or-later
// HAProxy health-check timing of the writes listener, read from haproxy.cfg: the lab's own file, Patroni's demo and
// quickstart forms (tests/fixtures/haproxy-cfg/README.md), units, inheritance, listener choice and the one error.
#include "haproxyconfig.h"
#include "haproxychecks.h"
#include "labassets.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using TestSupport::fixture;

namespace {

QByteArray lines(std::initializer_list<const char*> text)
{
    QByteArray joined;
    for (const char* line : text) {
        joined += QByteArray(line) + '\n';
    }
    return joined;
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts) {
        list << QString::fromUtf8(text);
    }
    return list;
}

HaproxyCheckSettings parsedOrFail(const QByteArray& text, const QString& hint)
{
    const auto parsed = HaproxyCheckSettings::parse(text, hint);
    if (!parsed.ok()) {
        qWarning("parse failed: %s", qPrintable(parsed.error()));
        return {};
    }
    return parsed.value();
}

} // namespace

class TestHaproxyChecks : public QObject
{
    Q_OBJECT
private slots:
    // The file `lab up` deploys (compiled into labcore from packaging/lab/node/haproxy.cfg) and its fixture copy.
    void labConfiguration_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("compiled-in lab file") << LabAssets::content(QStringLiteral("node/haproxy.cfg"));
        QTest::newRow("fixture copy") << fixture(QStringLiteral("haproxy-cfg/lab.cfg"));
    }
    void labConfiguration()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!text.isEmpty());
        const auto parsed = HaproxyCheckSettings::parse(text, QStringLiteral("primary"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        const HaproxyCheckSettings& settings = parsed.value();
        QCOMPARE(settings.interSeconds, 3.0);
        QCOMPARE(settings.fall, 3);
        QCOMPARE(settings.rise, 2);
        QVERIFY(settings.fromConfig);
        QCOMPARE(settings.listener, QStringLiteral("primary"));
        QVERIFY(settings.source.isEmpty());
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("listener");
        QTest::addColumn<double>("inter");
        QTest::addColumn<int>("fall");
        QTest::addColumn<int>("rise");
        QTest::newRow("lab, hint primary") << "lab.cfg"
                                           << "primary"
                                           << "primary" << 3.0 << 3 << 2;
        QTest::newRow("lab, no hint: /primary check") << "lab.cfg"
                                                      << ""
                                                      << "primary" << 3.0 << 3 << 2;
        QTest::newRow("lab, unknown hint") << "lab.cfg"
                                           << "writes"
                                           << "primary" << 3.0 << 3 << 2;
        QTest::newRow("lab, hint replicas") << "lab.cfg"
                                            << "replicas"
                                            << "replicas" << 3.0 << 3 << 2;
        QTest::newRow("patroni demo") << "patroni-demo.cfg"
                                      << "primary"
                                      << "primary" << 3.0 << 3 << 2;
        QTest::newRow("OPTIONS /master after replicas") << "master-after-replicas.cfg"
                                                        << "primary"
                                                        << "master" << 3.0 << 3 << 2;
        QTest::newRow("replicas by hint") << "master-after-replicas.cfg"
                                          << "replicas"
                                          << "replicas" << 1.0 << 2 << 1;
        QTest::newRow("quickstart backend, HAProxy defaults") << "quickstart-frontend-backend.cfg"
                                                              << "primary"
                                                              << "bk_db" << 2.0 << 3 << 2;
        QTest::newRow("hint names the frontend") << "quickstart-frontend-backend.cfg"
                                                 << "ft_postgresql"
                                                 << "bk_db" << 2.0 << 3 << 2;
        QTest::newRow("quickstart listen batman") << "quickstart-listen.cfg"
                                                  << "primary"
                                                  << "batman" << 3.0 << 3 << 2;
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(QString, hint);
        const auto parsed = HaproxyCheckSettings::parse(fixture(QStringLiteral("haproxy-cfg/") + file), hint);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QTEST(parsed.value().listener, "listener");
        QTEST(parsed.value().interSeconds, "inter");
        QTEST(parsed.value().fall, "fall");
        QTEST(parsed.value().rise, "rise");
        QVERIFY(parsed.value().fromConfig);
    }

    // HAProxy's time format: a whole number with an optional unit, milliseconds without one. -1: not a valid inter.
    void units_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("seconds");
        QTest::newRow("3s") << "3s" << 3.0;
        QTest::newRow("2s") << "2s" << 2.0;
        QTest::newRow("3000 (ms)") << "3000" << 3.0;
        QTest::newRow("500ms") << "500ms" << 0.5;
        QTest::newRow("1m") << "1m" << 60.0;
        QTest::newRow("1h") << "1h" << 3600.0;
        QTest::newRow("1d") << "1d" << 86400.0;
        QTest::newRow("250000us") << "250000us" << 0.25;
        QTest::newRow("zero") << "0" << -1.0;
        QTest::newRow("0s") << "0s" << -1.0;
        QTest::newRow("fraction") << "1.5s" << -1.0;
        QTest::newRow("upper-case unit") << "3S" << -1.0;
        QTest::newRow("negative") << "-3s" << -1.0;
        QTest::newRow("unit only") << "s" << -1.0;
        QTest::newRow("unknown unit") << "3x" << -1.0;
    }
    void units()
    {
        QFETCH(QString, value);
        QFETCH(double, seconds);
        const std::optional<double> parsed = HaproxyCheckSettings::parseTimeSeconds(value);
        if (seconds < 0) {
            QVERIFY(!parsed.has_value());
        } else {
            QVERIFY(parsed.has_value());
            QCOMPARE(*parsed, seconds);
        }
        // In a server line: an invalid value is skipped and the inherited (here HAProxy's default 2 s) stays.
        const QByteArray config = "listen primary\n    server a 10.0.0.1:5432 check inter " + value.toUtf8() + '\n';
        QCOMPARE(parsedOrFail(config, QStringLiteral("primary")).interSeconds, seconds < 0 ? 2.0 : seconds);
    }

    void inheritance_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<double>("inter");
        QTest::addColumn<int>("fall");
        QTest::addColumn<int>("rise");
        QTest::newRow("server line overrides both default-servers")
            << lines({ "defaults", "  default-server inter 10s fall 5 rise 4", "listen primary",
                   "  default-server inter 3s fall 3", "  server a 10.0.0.1:5432 check inter 500ms rise 1" })
            << 0.5 << 3 << 1;
        QTest::newRow("default-server of defaults section") << lines({ "defaults",
            "  default-server inter 4s fall 6 rise 5", "listen primary", "  server a 10.0.0.1:5432 check" })
                                                            << 4.0 << 6 << 5;
        QTest::newRow("a new defaults section starts afresh") << lines({ "defaults", "  default-server inter 4s fall 6",
            "defaults", "  mode tcp", "listen primary", "  server a 10.0.0.1:5432 check" })
                                                              << 2.0 << 3 << 2;
        QTest::newRow("named defaults by from") << lines({ "defaults slow", "  default-server inter 7s", "defaults",
            "  default-server inter 1s", "backend primary from slow", "  server a 10.0.0.1:5432 check" })
                                                << 7.0 << 3 << 2;
        QTest::newRow("first server with check") << lines({ "listen primary", "  server a 10.0.0.1:5432 inter 9s",
            "  server b 10.0.0.2:5432 check inter 5s", "  server c 10.0.0.3:5432 check inter 6s" })
                                                 << 5.0 << 3 << 2;
        QTest::newRow("default-server below the server does not apply")
            << lines({ "listen primary", "  server a 10.0.0.1:5432 check", "  default-server inter 8s fall 8" }) << 2.0
            << 3 << 2;
        QTest::newRow("check from default-server, no-check on a server") << lines(
            { "listen primary", "  default-server check inter 4s", "  server a 10.0.0.1:5432 no-check inter 9s",
                "  server b 10.0.0.2:5432 inter 6s" }) << 6.0 << 3 << 2;
        QTest::newRow("comments, tabs and quotes")
            << lines({ "# listen primary", "#   server z 10.0.0.9:5432 check inter 7s", "listen\tprimary # writes",
                   "\tserver a \"10.0.0.1:5432\" check inter 3s fall 4 # inter 9s rise 9",
                   "\tserver b 10.0.0.2:5432 check inter 8s" })
            << 3.0 << 4 << 2;
        QTest::newRow("keywords are case-sensitive")
            << lines({ "listen primary", "  server a 10.0.0.1:5432 check INTER 9s Fall 5 RISE 4" }) << 2.0 << 3 << 2;
        QTest::newRow("server-template") << lines(
            { "backend primary", "  server-template pg 3 patroni:5432 check inter 4s rise 3" })
                                         << 4.0 << 3 << 3;
        QTest::newRow("zero and garbage counts are skipped") << lines(
            { "listen primary", "  default-server fall 4 rise 3", "  server a 10.0.0.1:5432 check fall 0 rise x" })
                                                             << 2.0 << 4 << 3;
    }
    void inheritance()
    {
        QFETCH(QByteArray, config);
        const auto parsed = HaproxyCheckSettings::parse(config, QStringLiteral("primary"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QTEST(parsed.value().interSeconds, "inter");
        QTEST(parsed.value().fall, "fall");
        QTEST(parsed.value().rise, "rise");
    }

    void listenerSelection_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("listener");
        QTest::newRow("hinted section without checked servers is passed over")
            << lines({ "listen primary", "  server a 10.0.0.1:5432", "listen other", "  server a 10.0.0.1:5432 check",
                   "listen writes", "  option httpchk HEAD /primary", "  server a 10.0.0.1:5432 check" })
            << "primary"
            << "writes";
        QTest::newRow("/leader") << lines(
            { "listen one", "  option httpchk GET /replica", "  server a 10.0.0.1:5432 check", "listen two",
                "  option httpchk GET /leader", "  server a 10.0.0.1:5432 check" })
                                 << ""
                                 << "two";
        QTest::newRow("/standby-leader is not a writes check")
            << lines({ "listen one", "  option httpchk GET /standby-leader", "  server a 10.0.0.1:5432 check",
                   "listen two", "  option httpchk OPTIONS /read-write", "  server a 10.0.0.1:5432 check" })
            << ""
            << "two";
        QTest::newRow("query string") << lines(
            { "listen one", "  option httpchk GET /replica?lag=1MB", "  server a 10.0.0.1:5432 check", "listen two",
                "  option httpchk GET /primary?lag=1MB", "  server a 10.0.0.1:5432 check" })
                                      << ""
                                      << "two";
        QTest::newRow("http-check send") << lines({ "backend r", "  option httpchk",
            "  http-check send meth HEAD uri /replica", "  server a 10.0.0.1:5432 check", "backend w",
            "  option httpchk", "  http-check send meth HEAD uri /primary", "  server a 10.0.0.1:5432 check" })
                                         << ""
                                         << "w";
        QTest::newRow("httpchk inherited from defaults")
            << lines({ "defaults", "  option httpchk HEAD /primary", "listen r", "  option httpchk HEAD /replica",
                   "  server a 10.0.0.1:5432 check", "listen w", "  server a 10.0.0.1:5432 check" })
            << ""
            << "w";
        QTest::newRow("frontend hint follows default_backend") << lines({ "frontend writes", "  default_backend be_w",
            "backend be_r", "  server a 10.0.0.1:5432 check", "backend be_w", "  server a 10.0.0.1:5432 check" })
                                                               << "writes"
                                                               << "be_w";
        QTest::newRow("first checked listen or backend")
            << lines({ "listen stats", "  stats enable", "frontend f", "  default_backend b", "backend b",
                   "  server a 10.0.0.1:5432 check", "listen c", "  server a 10.0.0.1:5432 check" })
            << ""
            << "b";
        QTest::newRow("sections end at the next section keyword, indented or not")
            << lines({ "listen primary", "  server a 10.0.0.1:5432", "  resolvers docker",
                   "  server b 10.0.0.2:5432 check", "listen two", "  server a 10.0.0.1:5432 check" })
            << "primary"
            << "two";
    }
    void listenerSelection()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, hint);
        const auto parsed = HaproxyCheckSettings::parse(config, hint);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QTEST(parsed.value().listener, "listener");
    }

    void noCheckedServer_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("sections");
        QTest::newRow("servers without check") << fixture(QStringLiteral("haproxy-cfg/no-checks.cfg"))
                                               << "frontend ft_postgresql, backend primary, listen replicas";
        QTest::newRow("empty") << QByteArray() << "none";
        QTest::newRow("comments only") << lines({ "# listen primary", "#  server a 10.0.0.1:5432 check" }) << "none";
        QTest::newRow("server line outside a proxy")
            << lines({ "global", "  server a 10.0.0.1:5432 check", "frontend f", "  bind *:5000" }) << "frontend f";
    }
    void noCheckedServer()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, sections);
        const auto parsed = HaproxyCheckSettings::parse(config, QStringLiteral("primary"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(QLatin1StringView("no health-checked server")), qPrintable(parsed.error()));
        QVERIFY2(parsed.error().contains(QLatin1StringView("add it to the servers of the writes listener")),
            qPrintable(parsed.error()));
        QVERIFY2(parsed.error().contains(QStringLiteral("sections: ") + sections), qPrintable(parsed.error()));
    }

    void jsonAndDescription()
    {
        HaproxyCheckSettings settings = parsedOrFail(
            fixture(QStringLiteral("haproxy-cfg/master-after-replicas.cfg")), QStringLiteral("replicas"));
        settings.source = QStringLiteral("/etc/haproxy/haproxy.cfg in container demo-haproxy");
        const QJsonObject json = settings.toJson();
        QCOMPARE(json.value(QLatin1StringView("inter_s")).toDouble(), 1.0);
        QCOMPARE(json.value(QLatin1StringView("fall")).toInt(), 2);
        QCOMPARE(json.value(QLatin1StringView("rise")).toInt(), 1);
        QCOMPARE(json.value(QLatin1StringView("shutdown_sessions")).toBool(), true);
        QCOMPARE(json.value(QLatin1StringView("from_config")).toBool(), true);
        QCOMPARE(json.value(QLatin1StringView("listener")).toString(), QStringLiteral("replicas"));
        QCOMPARE(json.value(QLatin1StringView("source")).toString(), settings.source);
        QCOMPARE(settings.describe(),
            QStringLiteral("inter 1 s, fall 2, rise 1, on-marked-down shutdown-sessions (listener replicas; "
                           "/etc/haproxy/haproxy.cfg in container demo-haproxy)"));

        HaproxyCheckSettings defaults;
        defaults.source = QStringLiteral("HAProxy defaults: container gone");
        QCOMPARE(defaults.describe(), QStringLiteral("inter 2 s, fall 3, rise 2 (HAProxy defaults: container gone)"));
        QCOMPARE(defaults.toJson().value(QLatin1StringView("from_config")).toBool(), false);
        QCOMPARE(defaults.toJson().value(QLatin1StringView("inter_s")).toDouble(), 2.0);

        const HaproxyCheckSettings fast
            = parsedOrFail(lines({ "listen p", "  server a 10.0.0.1:5432 check inter 500ms" }), {});
        QCOMPARE(fast.describe(), QStringLiteral("inter 0.5 s, fall 3, rise 2 (listener p)"));
    }

    void configPathsFromCommand_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("paths");
        QTest::newRow("lab PID 1 (entrypoint exec)")
            << strings({ "haproxy", "-W", "-db", "-f", "/etc/haproxy/lab.cfg" }) << strings({ "/etc/haproxy/lab.cfg" });
        QTest::newRow("official image") << strings(
            { "docker-entrypoint.sh", "haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg" })
                                        << strings({ "/usr/local/etc/haproxy/haproxy.cfg" });
        QTest::newRow("full path, several files") << strings(
            { "/usr/sbin/haproxy", "-f", "/etc/haproxy/a.cfg", "-f", "/etc/haproxy/b.cfg", "-p", "/run/h.pid" })
                                                  << strings({ "/etc/haproxy/a.cfg", "/etc/haproxy/b.cfg" });
        QTest::newRow("sh -c script") << strings(
            { "sh", "-c", "tail -f /var/log/x & haproxy -D -f '/etc/haproxy/x.cfg' && tail -f /dev/null" })
                                      << strings({ "/etc/haproxy/x.cfg" });
        QTest::newRow("lab entrypoint + cmd: no -f")
            << strings({ "/usr/local/bin/lab-node", "haproxy" }) << QStringList {};
        QTest::newRow("etcd") << strings({ "etcd", "--name", "etcd1", "-f", "x" }) << QStringList {};
        QTest::newRow("-f without a path") << strings({ "haproxy", "-f" }) << QStringList {};
    }
    void configPathsFromCommand()
    {
        QFETCH(QStringList, words);
        QTEST(HaproxyCheckReader::configPathsFromCommand(words), "paths");
    }

    void configPathsFromInspect_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("paths");
        QTest::newRow("lab image") << QByteArray(
            R"({"cmd":["haproxy"],"entrypoint":["/usr/local/bin/lab-node"],"args":["haproxy"]})")
                                   << QStringList {};
        QTest::newRow("official image") << QByteArray(
            R"({"cmd":["haproxy","-f","/usr/local/etc/haproxy/haproxy.cfg"],)"
            R"("entrypoint":["docker-entrypoint.sh"],)"
            R"("args":["haproxy","-f","/usr/local/etc/haproxy/haproxy.cfg"]})")
                                        << strings({ "/usr/local/etc/haproxy/haproxy.cfg" });
        QTest::newRow("no entrypoint, args only")
            << QByteArray(R"({"cmd":null,"entrypoint":null,"args":["-f","/etc/haproxy/h.cfg"]})")
            << strings({ "/etc/haproxy/h.cfg" });
        QTest::newRow("not JSON") << QByteArray("Error: No such object") << QStringList {};
    }
    void configPathsFromInspect()
    {
        QFETCH(QByteArray, json);
        QTEST(HaproxyCheckReader::configPathsFromInspect(json), "paths");
    }

    // The timing rewrite on every fixture: each health-checked listener reads back the new values, a server's own
    // inter/fall/rise is gone (nothing overrides the section's), and every line without those keywords is unchanged.
    void rewriteTiming_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("listeners");
        QTest::addColumn<bool>("shutdownSessions");
        QTest::newRow("lab, fast") << "lab.cfg" << strings({"primary", "replicas"}) << true;
        QTest::newRow("lab, sessions kept") << "lab.cfg" << strings({"primary", "replicas"}) << false;
        QTest::newRow("patroni demo (tabs)") << "patroni-demo.cfg" << strings({"primary", "replicas"}) << true;
        QTest::newRow("two timings made one") << "master-after-replicas.cfg" << strings({"master", "replicas"}) << false;
        QTest::newRow("no default-server: one is added") << "quickstart-frontend-backend.cfg" << strings({"bk_db"}) << true;
        QTest::newRow("quickstart listen") << "quickstart-listen.cfg" << strings({"batman"}) << true;
    }
    void rewriteTiming()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, listeners);
        QFETCH(bool, shutdownSessions);
        const QByteArray original = fixture(QStringLiteral("haproxy-cfg/") + file);
        const HaproxyCheckSettings current = parsedOrFail(original, listeners.first());
        HaproxyCheckTiming timing;
        timing.interSeconds = 0.5;
        timing.fall = 2;
        timing.rise = 1;
        timing.shutdownSessions = shutdownSessions;
        const auto rewritten = timing.rewrite(original, current);
        QVERIFY2(rewritten.ok(), qPrintable(rewritten.error()));
        for (const QString& listener : std::as_const(listeners)) {
            const HaproxyCheckSettings after = parsedOrFail(rewritten.value(), listener);
            QCOMPARE(after.listener, listener);
            QCOMPARE(after.interSeconds, 0.5);
            QCOMPARE(after.fall, 2);
            QCOMPARE(after.rise, 1);
            QCOMPARE(after.shutdownSessions, shutdownSessions);
        }
        QVERIFY(rewritten.value().contains("inter 500ms fall 2 rise 1"));
        // Lines that carry no timing keyword are byte for byte the same, in the same order.
        const auto withoutTiming = [](const QByteArray& text) {
            QList<QByteArray> kept;
            for (const QByteArray& line : text.split('\n')) {
                if (!line.contains("default-server") && !line.contains(" server ") && !line.trimmed().startsWith("server ")) {
                    kept << line;
                }
            }
            return kept;
        };
        QCOMPARE(withoutTiming(rewritten.value()), withoutTiming(original));
        // Applying the same timing again changes nothing (HaproxyCheckChange then reports "unchanged").
        const auto again = timing.rewrite(rewritten.value(), parsedOrFail(rewritten.value(), listeners.first()));
        QVERIFY(again.ok());
        QCOMPARE(again.value(), rewritten.value());
    }

    void rewriteKeepsServerParametersAndComments()
    {
        const QByteArray text = lines({"listen primary",
                                       "    bind *:5000",
                                       "    server a \"${IP_A}:5432\" inter 10s maxconn 100 check port 8008 fall 9 # node a",
                                       "    server b 10.0.0.2:5432 check"});
        HaproxyCheckTiming timing;
        timing.fall = 4;
        const auto rewritten = timing.rewrite(text, parsedOrFail(text, QString()));
        QVERIFY2(rewritten.ok(), qPrintable(rewritten.error()));
        QCOMPARE(rewritten.value(), lines({"listen primary",
                                           "    bind *:5000",
                                           "    default-server inter 10s fall 4 rise 2",
                                           "    server a \"${IP_A}:5432\" maxconn 100 check port 8008 # node a",
                                           "    server b 10.0.0.2:5432 check"}));
    }

    void timingInput_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("known");
        QTest::addColumn<QString>("error"); // a part of it; empty: accepted
        QTest::newRow("inter ms") << "inter" << "500ms" << true << "";
        QTest::newRow("inter bad") << "inter" << "fast" << true << "takes a time such as 500ms";
        QTest::newRow("fall") << "fall" << "2" << true << "";
        QTest::newRow("rise words") << "rise" << "two" << true << "whole number";
        QTest::newRow("shutdown on") << "shutdown_sessions" << "on" << true << "";
        QTest::newRow("shutdown maybe") << "shutdown_sessions" << "maybe" << true << "takes on or off";
        QTest::newRow("unknown") << "slowstart" << "1s" << false << "";
    }
    void timingInput()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, error);
        HaproxyCheckTiming timing;
        QString message;
        QTEST(timing.assign(key, value, &message), "known");
        QVERIFY2(error.isEmpty() ? message.isEmpty() : message.contains(error), qPrintable(message));
    }

    void timingLimits()
    {
        HaproxyCheckTiming timing;
        timing.interSeconds = 0.05;
        timing.fall = 0;
        timing.rise = 101;
        const QStringList problems = timing.violations();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.first().contains(QLatin1StringView("between 100ms and 60s, got 50ms")), qPrintable(problems.first()));
        timing = {};
        timing.interSeconds = 0.1;
        QVERIFY(timing.violations().isEmpty());
    }

    // Without a usable docker executable the reader still finishes, once, with defaults that say why.
    void readerWithoutDocker()
    {
        const QString missingDocker = QStringLiteral("/nonexistent/docker-for-tst_haproxychecks");
        HaproxyCheckReader reader(QStringLiteral("demo-haproxy"), DockerCli(missingDocker));
        QSignalSpy finished(&reader, &HaproxyCheckReader::finished);
        reader.start();
        QVERIFY(finished.wait(10'000));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        const auto settings = finished.first().first().value<HaproxyCheckSettings>();
        QVERIFY(!settings.fromConfig);
        QCOMPARE(settings.interSeconds, 2.0);
        QCOMPARE(settings.fall, 3);
        QCOMPARE(settings.rise, 2);
        QVERIFY2(
            settings.source.startsWith(QLatin1StringView("HAProxy defaults: could not inspect container demo-haproxy")),
            qPrintable(settings.source));
        QVERIFY2(settings.source.contains(missingDocker), qPrintable(settings.source));
    }
};

QTEST_GUILESS_MAIN(TestHaproxyChecks)
#include "tst_haproxychecks.moc"
