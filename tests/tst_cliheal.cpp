// SPDX-License-Identifier: GPL-3.0-or-later
// `patroni-lab-cli heal` and `node ACTION CONTAINER` without --project, against the real lab (whose project is
// not "demo", the default): a full container name finds its own cluster; heal undoes a stopped replica and a
// paused etcd member and waits until the cluster is healthy.
#include "testlab.h"
#include "testsupport.h"

#include <QTest>

using namespace TestSupport;

class TestCliHeal : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        REQUIRE_DOCKER();
        QVERIFY2(testLab().project != LabDefinition::defaultProject(), "the test lab must not be the default project");
        const QString problem = healLab(testLab());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void healUndoesWhatNodeActionsDid()
    {
        const QString problem = breakAndHealWithCliReported(testLab(), QStringLiteral("break and heal with the CLI"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void unknownNamesAreBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        const QString project = testLab().project;
        QTest::newRow("unknown container") << QStringList{QStringLiteral("node"), QStringLiteral("stop"), project + QStringLiteral("-patroni9")}
                                           << 2 << QStringLiteral("error: no container named '%1-patroni9'").arg(project);
        QTest::newRow("unknown container of a named cluster")
            << QStringList{QStringLiteral("node"), QStringLiteral("stop"), QStringLiteral("patroni9"), QStringLiteral("--project"), project}
            << 2 << QStringLiteral("error: unknown container 'patroni9': cluster '%1' has").arg(project);
        QTest::newRow("heal of no cluster") << QStringList{QStringLiteral("heal"), QStringLiteral("--project"), QStringLiteral("nosuchlab")}
                                            << 1 << QStringLiteral("error: no containers of cluster 'nosuchlab' found");
    }
    void unknownNamesAreBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        const CommandOutput output = runCli(arguments, 60'000);
        QCOMPARE(output.exitCode, exitCode);
        QVERIFY2(output.err.startsWith(error), qPrintable(output.err));
    }
};

QTEST_GUILESS_MAIN(TestCliHeal)
#include "tst_cliheal.moc"
