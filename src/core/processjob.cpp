// SPDX-License-Identifier: GPL-3.0-or-later
#include "processjob.h"

#include "labclock.h"

#include <QRegularExpression>

QString ProcessResult::shellQuoted(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QStringList ProcessResult::shellWords(const QString& commandLine)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote; // '\'' or '"' while inside quotes
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine.at(i);
        if (quote == u'\'') {
            if (c == u'\'') {
                quote = QChar();
            } else {
                word += c;
            }
        } else if (c == u'\\' && i + 1 < commandLine.size()) {
            word += commandLine.at(++i);
            inWord = true;
        } else if (quote == u'"') {
            if (c == u'"') {
                quote = QChar();
            } else {
                word += c;
            }
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord) {
                words << word;
                word.clear();
                inWord = false;
            }
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) {
        words << word;
    }
    return words;
}

QString ProcessResult::commandLine() const
{
    QStringList words{shellQuoted(program)};
    for (const QString& argument : arguments) {
        words << shellQuoted(argument);
    }
    return words.join(u' ');
}

QString ProcessResult::lastErrorLine() const
{
    for (const QByteArray* stream : {&standardError, &standardOutput}) {
        const QList<QByteArray> lines = stream->trimmed().split('\n');
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            const QString line = QString::fromUtf8(it->trimmed());
            if (!line.isEmpty()) {
                return line;
            }
        }
    }
    return {};
}

ProcessJob::ProcessJob(QString program, QStringList arguments, QObject* parent)
    : QObject(parent)
{
    m_result.program = std::move(program);
    m_result.arguments = std::move(arguments);
    m_result.timeout = DefaultTimeout;
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] { stopProcess(ProcessResult::Status::TimedOut); });
}

ProcessJob::~ProcessJob()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        // Never leave a docker command behind when its owner goes away.
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

bool ProcessJob::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void ProcessJob::start()
{
    Q_ASSERT(!m_process && !m_finished);
    m_process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    const QStringList extraKeys = m_extraEnvironment.keys();
    for (const QString& key : extraKeys) {
        environment.insert(key, m_extraEnvironment.value(key));
    }
    m_process->setProcessEnvironment(environment);
    if (!m_workingDirectory.isEmpty()) {
        m_process->setWorkingDirectory(m_workingDirectory);
    }
    if (!m_keepStandardInputOpen) {
        m_process->setStandardInputFile(QProcess::nullDevice());
    }

    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QByteArray chunk = m_process->readAllStandardOutput();
        drainLines(m_pendingOut, chunk, m_result.standardOutput);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray chunk = m_process->readAllStandardError();
        drainLines(m_pendingErr, chunk, m_result.standardError);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_result.errorString = m_process->errorString();
            finish(ProcessResult::Status::FailedToStart);
        }
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus exitStatus) {
        m_result.exitCode = exitCode;
        drainLines(m_pendingOut, m_process->readAllStandardOutput(), m_result.standardOutput);
        drainLines(m_pendingErr, m_process->readAllStandardError(), m_result.standardError);
        for (QByteArray* pending : {&m_pendingOut, &m_pendingErr}) {
            if (!pending->isEmpty()) {
                emit outputLine(QString::fromUtf8(*pending));
                pending->clear();
            }
        }
        if (m_stopReason != ProcessResult::Status::NotStarted) {
            finish(m_stopReason);
        } else {
            finish(exitStatus == QProcess::NormalExit ? ProcessResult::Status::Finished
                                                      : ProcessResult::Status::Crashed);
        }
    });

    m_result.startedNs = LabClock::nowNs();
    if (m_result.timeout.count() > 0) {
        m_timeoutTimer.start(m_result.timeout);
    }
    m_process->start(m_result.program, m_result.arguments);
}

void ProcessJob::cancel()
{
    if (!m_process) {
        m_result.startedNs = LabClock::nowNs();
        finish(ProcessResult::Status::Cancelled);
        return;
    }
    stopProcess(ProcessResult::Status::Cancelled);
}

void ProcessJob::closeStandardInput()
{
    if (isRunning()) {
        m_process->closeWriteChannel();
    }
}

void ProcessJob::stopProcess(ProcessResult::Status reason)
{
    if (!isRunning() || m_stopReason != ProcessResult::Status::NotStarted) {
        return;
    }
    m_stopReason = reason;
    m_process->terminate();
    // A CLI that ignores SIGTERM gets SIGKILL two seconds later.
    QTimer::singleShot(2000, m_process, [process = m_process] {
        if (process && process->state() != QProcess::NotRunning) {
            process->kill();
        }
    });
}

void ProcessJob::drainLines(QByteArray& pending, const QByteArray& chunk, QByteArray& keep)
{
    keep += chunk;
    pending += chunk;
    qsizetype newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        const QByteArray line = pending.left(newline);
        pending.remove(0, newline + 1);
        emit outputLine(QString::fromUtf8(line).trimmed());
    }
}

void ProcessJob::finish(ProcessResult::Status status)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timeoutTimer.stop();
    m_result.status = status;
    m_result.finishedNs = LabClock::nowNs();
    emit finished(m_result);
}
