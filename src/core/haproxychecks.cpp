// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxychecks.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr auto DockerTimeout = 20s;

} // namespace

HaproxyCheckReader::HaproxyCheckReader(const QString& container, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_container(container)
    , m_docker(docker)
{
}

QStringList HaproxyCheckReader::fallbackConfigPaths()
{
    return { QStringLiteral("/etc/haproxy/lab.cfg"), QStringLiteral("/usr/local/etc/haproxy/haproxy.cfg"),
        QStringLiteral("/etc/haproxy/haproxy.cfg") };
}

QStringList HaproxyCheckReader::configPathsFromCommand(const QStringList& words)
{
    // An exec-form word is one argument; a word with blanks is a shell script (sh -c "haproxy -f ...").
    static const QRegularExpression blanks(QStringLiteral("\\s+"));
    QStringList tokens;
    for (const QString& word : words) {
        if (word.contains(blanks)) {
            tokens += word.split(blanks, Qt::SkipEmptyParts);
        } else {
            tokens << word;
        }
    }
    static const QStringList shellSeparators { QStringLiteral(";"), QStringLiteral("&&"), QStringLiteral("||"),
        QStringLiteral("|"), QStringLiteral("&") };
    QStringList paths;
    // Only -f options of a haproxy command count: `tail -f` or `confd ... -f` elsewhere in a script do not.
    bool inHaproxyCommand = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString& token = tokens.at(i);
        if (shellSeparators.contains(token)) {
            inHaproxyCommand = false;
        } else if (token.section(u'/', -1).startsWith(QLatin1StringView("haproxy"))) {
            inHaproxyCommand = true;
        } else if (inHaproxyCommand && token == QLatin1StringView("-f") && i + 1 < tokens.size()) {
            QString path = tokens.at(++i);
            if (path.endsWith(u';')) {
                path.chop(1);
                inHaproxyCommand = false;
            }
            for (const QChar quote : { u'"', u'\'' }) {
                if (path.size() >= 2 && path.startsWith(quote) && path.endsWith(quote)) {
                    path = path.mid(1, path.size() - 2);
                }
            }
            if (!path.isEmpty() && !paths.contains(path)) {
                paths << path;
            }
        }
    }
    return paths;
}

QStringList HaproxyCheckReader::configPathsFromInspect(const QByteArray& json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.trimmed()).object();
    const auto words = [&object](QLatin1StringView key) {
        QStringList result;
        const QJsonArray array = object.value(key).toArray();
        for (const QJsonValue& value : array) {
            result << value.toString();
        }
        return result;
    };
    // Entrypoint + Cmd is what docker runs; Args repeats it without the program, so it only adds paths when the
    // other two are missing.
    QStringList paths
        = configPathsFromCommand(words(QLatin1StringView("entrypoint")) + words(QLatin1StringView("cmd")));
    for (const QString& path :
        configPathsFromCommand(QStringList { QStringLiteral("haproxy") } + words(QLatin1StringView("args")))) {
        if (!paths.contains(path)) {
            paths << path;
        }
    }
    return paths;
}

void HaproxyCheckReader::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    inspectCommand();
}

void HaproxyCheckReader::runDocker(
    const QStringList& arguments, const std::function<void(const ProcessResult&)>& onFinished)
{
    ProcessJob* job = m_docker.job(arguments, this, DockerTimeout);
    connect(job, &ProcessJob::finished, this, [job, onFinished](const ProcessResult& result) {
        job->deleteLater();
        onFinished(result);
    });
    job->start();
}

void HaproxyCheckReader::inspectCommand()
{
    // One JSON object, so that blanks inside the command's words cannot confuse the split.
    const QString format = QStringLiteral(
        R"({"cmd":{{json .Config.Cmd}},"entrypoint":{{json .Config.Entrypoint}},"args":{{json .Args}}})");
    runDocker({ QStringLiteral("inspect"), QStringLiteral("--type"), QStringLiteral("container"),
                  QStringLiteral("--format"), format, m_container },
        [this](const ProcessResult& result) {
            if (!result.succeeded()) {
                finishWithDefaults(
                    QCoreApplication::translate("HaproxyCheckReader", "could not inspect container %1: %2")
                        .arg(m_container, DockerCli::explainFailure(result)));
                return;
            }
            const QStringList paths = configPathsFromInspect(result.standardOutput);
            if (paths.isEmpty()) {
                readProcessCommandLine();
                return;
            }
            m_candidates = { paths };
            tryNextCandidate();
        });
}

void HaproxyCheckReader::readProcessCommandLine()
{
    // An entrypoint script (ours, or a wrapper) may exec haproxy: then PID 1's own command line has the -f.
    runDocker({ QStringLiteral("exec"), m_container, QStringLiteral("cat"), QStringLiteral("/proc/1/cmdline") },
        [this](const ProcessResult& result) {
            if (!result.succeeded()) {
                finishWithDefaults(QCoreApplication::translate(
                    "HaproxyCheckReader", "could not read the configuration from container %1: %2")
                                       .arg(m_container, DockerCli::explainFailure(result)));
                return;
            }
            QStringList words;
            for (const QByteArray& argument : result.standardOutput.split('\0')) {
                if (!argument.isEmpty()) {
                    words << QString::fromUtf8(argument);
                }
            }
            const QStringList paths = configPathsFromCommand(words);
            if (!paths.isEmpty()) {
                m_candidates = { paths };
            } else {
                for (const QString& path : fallbackConfigPaths()) {
                    m_candidates.append(QStringList { path });
                }
            }
            tryNextCandidate();
        });
}

void HaproxyCheckReader::tryNextCandidate()
{
    if (m_candidates.isEmpty()) {
        finishWithDefaults(QCoreApplication::translate(
            "HaproxyCheckReader", "no HAProxy configuration with health-checked servers found in container %1 (%2)")
                               .arg(m_container, m_rejected.join(QStringLiteral("; "))));
        return;
    }
    m_currentFiles = m_candidates.takeFirst();
    m_currentText.clear();
    readFile(0);
}

void HaproxyCheckReader::readFile(int index)
{
    const QString files = m_currentFiles.join(QStringLiteral(" + "));
    if (index == m_currentFiles.size()) {
        auto parsed = HaproxyCheckSettings::parse(m_currentText, m_listenerHint);
        if (!parsed.ok()) {
            m_rejected << files + QStringLiteral(": ") + parsed.error();
            tryNextCandidate();
            return;
        }
        HaproxyCheckSettings settings = parsed.value();
        settings.configFiles = m_currentFiles;
        settings.configText = m_currentText;
        settings.source
            = QCoreApplication::translate("HaproxyCheckReader", "%1 in container %2").arg(files, m_container);
        finishWith(settings);
        return;
    }
    const QString path = m_currentFiles.at(index);
    runDocker({ QStringLiteral("exec"), m_container, QStringLiteral("cat"), path },
        [this, index, path](const ProcessResult& result) {
            if (result.succeeded()) {
                // Several -f files make one configuration, read in order.
                m_currentText += result.standardOutput + '\n';
                readFile(index + 1);
                return;
            }
            const QString error = QString::fromUtf8(result.standardError);
            const bool missing = result.status == ProcessResult::Status::Finished
                && error.contains(QLatin1StringView("No such file or directory"));
            const bool directory = result.status == ProcessResult::Status::Finished
                && error.contains(QLatin1StringView("Is a directory"));
            if (missing || directory) {
                m_rejected << path + QStringLiteral(": ")
                        + (missing ? QCoreApplication::translate("HaproxyCheckReader", "not found")
                                   : QCoreApplication::translate(
                                       "HaproxyCheckReader", "a directory (configuration directories are not read)"));
                tryNextCandidate();
                return;
            }
            finishWithDefaults(
                QCoreApplication::translate("HaproxyCheckReader", "could not read %1 from container %2: %3")
                    .arg(path, m_container, DockerCli::explainFailure(result)));
        });
}

void HaproxyCheckReader::finishWithDefaults(const QString& reason)
{
    HaproxyCheckSettings settings;
    settings.source = QCoreApplication::translate("HaproxyCheckReader", "HAProxy defaults: %1").arg(reason);
    finishWith(settings);
}

void HaproxyCheckReader::finishWith(const HaproxyCheckSettings& settings)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    emit finished(settings);
}
