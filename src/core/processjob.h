// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>

#include <chrono>

// What one external command did: enough to show it, retype it, and explain its failure.
struct ProcessResult
{
    enum class Status { NotStarted, Finished, FailedToStart, Crashed, TimedOut, Cancelled };

    QString program;
    QStringList arguments;
    Status status = Status::NotStarted;
    int exitCode = -1;
    QString errorString;
    QByteArray standardOutput;
    QByteArray standardError;
    qint64 startedNs = 0;  // LabClock
    qint64 finishedNs = 0; // LabClock
    std::chrono::milliseconds timeout{0};

    bool succeeded() const { return status == Status::Finished && exitCode == 0; }
    qint64 durationMs() const { return (finishedNs - startedNs) / 1'000'000; }
    // The command as a student would type it in a POSIX shell.
    QString commandLine() const;
    // One word as a POSIX shell needs it: as is when safe, else in single quotes.
    static QString shellQuoted(const QString& word);
    // The words of a command line as commandLine() writes it (POSIX shell quoting: '…', "…", backslashes).
    static QStringList shellWords(const QString& commandLine);
    // The last non-empty line of standard error (or output), trimmed: the usual one-line reason.
    QString lastErrorLine() const;
};

// Runs one program with an argument list (never through a shell) without blocking the calling thread.
// Every job has a timeout and can be cancelled; LANG/LC_ALL are C so that output can be parsed.
class ProcessJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessJob)
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{60'000};

    ProcessJob(QString program, QStringList arguments, QObject* parent = nullptr);
    ~ProcessJob() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_result.timeout = timeout; }
    // Extra variables on top of the caller's environment (DOCKER_HOST and docker contexts are inherited).
    void setExtraEnvironment(const QProcessEnvironment& extra) { m_extraEnvironment = extra; }
    void setWorkingDirectory(const QString& directory) { m_workingDirectory = directory; }
    // Gives the program a standard input that stays open until closeStandardInput() or this job's end (by default
    // it reads the null device): a long-lived `docker run -i` then ends when its owner does, even after a crash.
    void setKeepStandardInputOpen(bool keep) { m_keepStandardInputOpen = keep; }
    void closeStandardInput();

    void start();
    void cancel();
    bool isRunning() const;
    const ProcessResult& result() const { return m_result; }

signals:
    // One complete line of output as it arrives (for progress display).
    void outputLine(const QString& line);
    // Emitted exactly once, also for failures to start, time-outs and cancellation.
    void finished(const ProcessResult& result);

private:
    void stopProcess(ProcessResult::Status reason);
    void drainLines(QByteArray& pending, const QByteArray& chunk, QByteArray& keep);
    void finish(ProcessResult::Status status);

    QPointer<QProcess> m_process;
    QTimer m_timeoutTimer;
    QProcessEnvironment m_extraEnvironment;
    QString m_workingDirectory;
    bool m_keepStandardInputOpen = false;
    ProcessResult m_result;
    ProcessResult::Status m_stopReason = ProcessResult::Status::NotStarted;
    QByteArray m_pendingOut;
    QByteArray m_pendingErr;
    bool m_finished = false;
};
