// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirequest.h"
#include "testsupport.h"

#include <QTest>

class TestCliRequest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("errorFragment"); // empty: valid
        QTest::addColumn<QString>("project");
        QTest::addColumn<int>("portBase");
        const auto args = [](const char* text) { return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts); };
        QTest::newRow("lab up defaults") << args("cli lab up") << QString() << "demo" << 5500;
        QTest::newRow("second lab") << args("cli lab up --project x --port-base 16000") << QString() << "x" << 16000;
        QTest::newRow("options first") << args("cli --project x lab down") << QString() << "x" << 5500;
        QTest::newRow("status json") << args("cli lab status --json") << QString() << "demo" << 5500;
        QTest::newRow("no command") << args("cli") << "no command given" << "" << 0;
        QTest::newRow("unknown command") << args("cli lab explode") << "unknown command 'lab explode'" << "" << 0;
        QTest::newRow("unknown option") << args("cli lab up --colour") << "Unknown option" << "" << 0;
        QTest::newRow("port base text") << args("cli lab up --port-base high") << "--port-base must be a whole number"
                                        << "" << 0;
        QTest::newRow("port base range") << args("cli lab up --port-base 70000") << "invalid port base" << "" << 0;
        QTest::newRow("bad project") << args("cli lab up --project Big") << "invalid project name" << "" << 0;
        QTest::newRow("bad timeout") << args("cli lab up --timeout -3") << "--timeout must be a positive" << "" << 0;
        QTest::newRow("missing value") << args("cli lab up --project") << "Missing value" << "" << 0;
    }
    void parse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, errorFragment);
        QFETCH(QString, project);
        QFETCH(int, portBase);
        const auto request = CliRequest::parse(arguments);
        if (errorFragment.isEmpty()) {
            QVERIFY2(request.ok(), qPrintable(request.error()));
            QCOMPARE(request.value().lab.project, project);
            QCOMPARE(request.value().lab.portBase, portBase);
        } else {
            QVERIFY(!request.ok());
            QVERIFY2(request.error().contains(errorFragment), qPrintable(request.error()));
        }
    }

    // The real executable: usage errors exit with 2 and say what is wrong on stderr.
    void executableExitCodes()
    {
        const auto help = TestSupport::runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("lab up")));
        const auto wrong = TestSupport::runCli({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--port-base"),
                                                QStringLiteral("80")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.startsWith(QStringLiteral("error: invalid port base 80")), qPrintable(wrong.err));
    }
};

QTEST_APPLESS_MAIN(TestCliRequest)
#include "tst_clirequest.moc"
