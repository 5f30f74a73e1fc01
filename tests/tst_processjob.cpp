// SPDX-License-Identifier: GPL-3.0-or-later
#include "processjob.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

class TestProcessJob : public QObject
{
    Q_OBJECT
private:
    static ProcessResult runToEnd(ProcessJob& job, int waitMs = 10'000)
    {
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start();
        if (finished.isEmpty()) {
            [&] { QVERIFY(finished.wait(waitMs)); }();
        }
        [&] { QCOMPARE(finished.size(), 1); }();
        return finished.isEmpty() ? ProcessResult{} : finished.first().first().value<ProcessResult>();
    }

private slots:
    void successCapturesOutputAndLines()
    {
        ProcessJob job(QStringLiteral("printf"), {QStringLiteral("one\\ntwo\\nthree")});
        QSignalSpy lines(&job, &ProcessJob::outputLine);
        const ProcessResult result = runToEnd(job);
        QVERIFY(result.succeeded());
        QCOMPARE(result.standardOutput, QByteArray("one\ntwo\nthree"));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(2).first().toString(), QStringLiteral("three"));
        QVERIFY(result.finishedNs >= result.startedNs);
    }

    void nonZeroExitKeepsStandardError()
    {
        ProcessJob job(QStringLiteral("ls"), {QStringLiteral("/definitely/not/here")});
        const ProcessResult result = runToEnd(job);
        QCOMPARE(result.status, ProcessResult::Status::Finished);
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.lastErrorLine().contains(QStringLiteral("/definitely/not/here")), qPrintable(result.lastErrorLine()));
    }

    void missingProgramFailsToStart()
    {
        ProcessJob job(QStringLiteral("/nonexistent/docker"), {QStringLiteral("ps")});
        const ProcessResult result = runToEnd(job);
        QCOMPARE(result.status, ProcessResult::Status::FailedToStart);
        QVERIFY(!result.succeeded());
        QVERIFY(!result.errorString.isEmpty());
    }

    void timeoutStopsTheProcess()
    {
        ProcessJob job(QStringLiteral("sleep"), {QStringLiteral("30")});
        job.setTimeout(300ms);
        const ProcessResult result = runToEnd(job, 5000);
        QCOMPARE(result.status, ProcessResult::Status::TimedOut);
        QVERIFY2(result.durationMs() < 3000, qPrintable(QString::number(result.durationMs())));
    }

    void cancelStopsTheProcess()
    {
        ProcessJob job(QStringLiteral("sleep"), {QStringLiteral("30")});
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start();
        QTRY_VERIFY(job.isRunning());
        job.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<ProcessResult>().status, ProcessResult::Status::Cancelled);
    }

    // The relay's lifeline: a program that reads its standard input runs until the job closes it (by default it
    // reads the null device and ends at once).
    void standardInputStaysOpenUntilClosed_data()
    {
        QTest::addColumn<bool>("keepOpen");
        QTest::newRow("null device") << false;
        QTest::newRow("kept open") << true;
    }
    void standardInputStaysOpenUntilClosed()
    {
        QFETCH(bool, keepOpen);
        ProcessJob job(QStringLiteral("cat"), {});
        job.setTimeout(0ms);
        job.setKeepStandardInputOpen(keepOpen);
        QSignalSpy finished(&job, &ProcessJob::finished);
        job.start();
        if (keepOpen) {
            QVERIFY(!finished.wait(500));
            QVERIFY(job.isRunning());
            job.closeStandardInput();
        }
        QVERIFY(finished.size() == 1 || finished.wait(5000));
        QVERIFY(finished.first().first().value<ProcessResult>().succeeded());
    }

    void environmentIsCLocale()
    {
        ProcessJob job(QStringLiteral("env"), {});
        QProcessEnvironment extra;
        extra.insert(QStringLiteral("LAB_PROJECT"), QStringLiteral("x"));
        job.setExtraEnvironment(extra);
        const QString output = QString::fromUtf8(runToEnd(job).standardOutput);
        QVERIFY(output.contains(QStringLiteral("\nLANG=C\n")) || output.startsWith(QStringLiteral("LANG=C\n")));
        QVERIFY(output.contains(QStringLiteral("LC_ALL=C")));
        QVERIFY(output.contains(QStringLiteral("LAB_PROJECT=x")));
    }

    void argumentsAreNotInterpretedByAShell()
    {
        ProcessJob job(QStringLiteral("echo"), {QStringLiteral("$HOME; rm -rf /tmp/x `id`")});
        QCOMPARE(runToEnd(job).standardOutput, QByteArray("$HOME; rm -rf /tmp/x `id`\n"));
    }

    void commandLine_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("docker") << QStringList{QStringLiteral("stop"), QStringLiteral("demo-patroni1")}
                               << QStringLiteral("docker stop demo-patroni1");
        QTest::newRow("go template") << QStringLiteral("docker")
                                     << QStringList{QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("{{json .}}")}
                                     << QStringLiteral("docker ps --format '{{json .}}'");
        QTest::newRow("single quote") << QStringLiteral("echo") << QStringList{QStringLiteral("it's")}
                                      << QStringLiteral("echo 'it'\\''s'");
        QTest::newRow("empty argument") << QStringLiteral("docker") << QStringList{QString()} << QStringLiteral("docker ''");
        QTest::newRow("label filter") << QStringLiteral("docker")
                                      << QStringList{QStringLiteral("--filter"), QStringLiteral("label=com.docker.compose.project=demo")}
                                      << QStringLiteral("docker --filter label=com.docker.compose.project=demo");
    }
    void commandLine()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        ProcessResult result;
        result.program = program;
        result.arguments = arguments;
        QCOMPARE(result.commandLine(), expected);
        // Read back (a run's faults keep only the line), the words are the program and its arguments again.
        QCOMPARE(ProcessResult::shellWords(expected), QStringList{program} + arguments);
    }

    void shellWordsAsAShellSplitsThem()
    {
        QCOMPARE(ProcessResult::shellWords(QStringLiteral("  a  \"b c\" d\\ e 'f''g' \"\" ")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b c"), QStringLiteral("d e"), QStringLiteral("fg"), QString()}));
        QVERIFY(ProcessResult::shellWords(QStringLiteral("   ")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProcessJob)
#include "tst_processjob.moc"
