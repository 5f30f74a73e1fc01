// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxychecks.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr auto DockerTimeout = 20s;

} // namespace

QStringList HaproxyConfigText::words(const QString& line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == u'\\' && quote == u'"' && i + 1 < line.size()) {
                word += line.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c == u'#') {
            break;
        }
        if (c.isSpace()) {
            if (inWord) {
                words << word;
                word.clear();
                inWord = false;
            }
            continue;
        }
        inWord = true;
        if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'\\' && i + 1 < line.size()) {
            word += line.at(++i);
        } else {
            word += c;
        }
    }
    if (inWord) {
        words << word;
    }
    return words;
}

namespace {

std::optional<int> positiveCount(const QString& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value <= 0) {
        return std::nullopt;
    }
    return value;
}

// The health-check parameters a server or default-server line sets; unset ones are inherited.
struct CheckParameters
{
    std::optional<double> interSeconds;
    std::optional<int> fall;
    std::optional<int> rise;
    std::optional<bool> check;
    std::optional<bool> shutdownSessions;

    void read(const QStringList& words, qsizetype first)
    {
        for (qsizetype i = first; i < words.size(); ++i) {
            const QString& keyword = words.at(i);
            const bool hasValue = i + 1 < words.size();
            if (keyword == QLatin1StringView("check")) {
                check = true;
            } else if (keyword == QLatin1StringView("no-check")) {
                check = false;
            } else if (keyword == QLatin1StringView("inter") && hasValue) {
                if (auto seconds = HaproxyCheckSettings::parseTimeSeconds(words.at(++i))) {
                    interSeconds = seconds;
                }
            } else if (keyword == QLatin1StringView("fall") && hasValue) {
                if (auto count = positiveCount(words.at(++i))) {
                    fall = count;
                }
            } else if (keyword == QLatin1StringView("on-marked-down") && hasValue) {
                shutdownSessions = words.at(++i) == QLatin1StringView("shutdown-sessions");
            } else if (keyword == QLatin1StringView("rise") && hasValue) {
                if (auto count = positiveCount(words.at(++i))) {
                    rise = count;
                }
            }
        }
    }
};

struct DefaultsSection
{
    CheckParameters defaultServer;
    QStringList checkRequests; // words of `option httpchk` and `http-check send` lines
};

struct ProxySection
{
    QString kind; // listen, frontend, backend
    QString name;
    CheckParameters defaultServer;
    QStringList checkRequests;
    bool ownHttpchk = false;
    QString defaultBackend;
    std::optional<CheckParameters> firstCheckedServer;

    bool hasCheckedServer() const { return firstCheckedServer.has_value(); }
    QString title() const { return kind + u' ' + name; }
};

// `defaults [NAME] [from PARENT]`, `backend NAME [from DEFAULTS]`: the named defaults section, if any.
QString fromName(const QStringList& words)
{
    const qsizetype from = words.indexOf(QStringLiteral("from"));
    return from > 0 && from + 1 < words.size() ? words.at(from + 1) : QString();
}

} // namespace

bool HaproxyConfigText::isSectionKeyword(const QString& word)
{
    static const QStringList keywords { QStringLiteral("global"), QStringLiteral("defaults"), QStringLiteral("listen"),
        QStringLiteral("frontend"), QStringLiteral("backend"), QStringLiteral("resolvers"), QStringLiteral("peers"),
        QStringLiteral("userlist"), QStringLiteral("mailers"), QStringLiteral("program"), QStringLiteral("http-errors"),
        QStringLiteral("ring"), QStringLiteral("cache"), QStringLiteral("fcgi-app"), QStringLiteral("log-forward"),
        QStringLiteral("crt-store"), QStringLiteral("traces"), QStringLiteral("acme") };
    return keywords.contains(word);
}

namespace {

// Patroni answers 200 on these only on the node that takes writes (its REST API: /primary, /read-write; /master
// in Patroni before 3.0 and in older copies of its demo; /leader also on a standby cluster's leader).
bool asksForWritesNode(const QStringList& checkRequests)
{
    static const QStringList writesPaths { QStringLiteral("/primary"), QStringLiteral("/master"),
        QStringLiteral("/leader"), QStringLiteral("/read-write") };
    for (const QString& word : checkRequests) {
        const QString path = word.section(u'?', 0, 0);
        if (writesPaths.contains(path)) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<double> HaproxyCheckSettings::parseTimeSeconds(const QString& text)
{
    static const QRegularExpression timePattern(QStringLiteral("^([0-9]{1,12})(us|ms|s|m|h|d)?$"));
    const QRegularExpressionMatch match = timePattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const double number = match.captured(1).toDouble();
    if (number <= 0) {
        return std::nullopt;
    }
    const QString unit = match.captured(2);
    if (unit == QLatin1StringView("us")) {
        return number / 1'000'000;
    }
    if (unit.isEmpty() || unit == QLatin1StringView("ms")) {
        return number / 1000;
    }
    if (unit == QLatin1StringView("s")) {
        return number;
    }
    if (unit == QLatin1StringView("m")) {
        return number * 60;
    }
    if (unit == QLatin1StringView("h")) {
        return number * 3600;
    }
    return number * 86400;
}

Result<HaproxyCheckSettings> HaproxyCheckSettings::parse(const QByteArray& cfgText, const QString& listenerHint)
{
    QList<ProxySection> proxies;
    QHash<QString, DefaultsSection> namedDefaults;
    // HAProxy starts every defaults section afresh; a proxy takes the last one above it unless it names one.
    DefaultsSection currentDefaults;
    DefaultsSection* defaults = nullptr;
    ProxySection* proxy = nullptr;
    QString defaultsName;

    const QList<QByteArray> lines = cfgText.split('\n');
    for (const QByteArray& rawLine : lines) {
        const QStringList words = HaproxyConfigText::words(QString::fromUtf8(rawLine));
        if (words.isEmpty()) {
            continue;
        }
        const QString& keyword = words.first();
        if (HaproxyConfigText::isSectionKeyword(keyword)) {
            if (defaults && !defaultsName.isEmpty()) {
                namedDefaults.insert(defaultsName, *defaults);
            }
            defaults = nullptr;
            proxy = nullptr;
            defaultsName.clear();
            const QString parent = fromName(words);
            if (keyword == QLatin1StringView("defaults")) {
                currentDefaults = namedDefaults.value(parent);
                defaults = &currentDefaults;
                if (words.size() > 1 && words.at(1) != QLatin1StringView("from")) {
                    defaultsName = words.at(1);
                }
            } else if (keyword == QLatin1StringView("listen") || keyword == QLatin1StringView("frontend")
                || keyword == QLatin1StringView("backend")) {
                const DefaultsSection& base = parent.isEmpty() ? currentDefaults : namedDefaults[parent];
                ProxySection section;
                section.kind = keyword;
                section.name = words.value(1);
                section.defaultServer = base.defaultServer;
                section.checkRequests = base.checkRequests;
                proxies.append(section);
                proxy = &proxies.last();
            }
            continue;
        }
        if (!defaults && !proxy) {
            continue;
        }
        CheckParameters& defaultServer = proxy ? proxy->defaultServer : defaults->defaultServer;
        QStringList& checkRequests = proxy ? proxy->checkRequests : defaults->checkRequests;
        if (keyword == QLatin1StringView("default-server")) {
            defaultServer.read(words, 1);
        } else if (keyword == QLatin1StringView("option") && words.value(1) == QLatin1StringView("httpchk")) {
            // A proxy's own `option httpchk` replaces the one it inherited.
            if (proxy && !proxy->ownHttpchk) {
                checkRequests.clear();
                proxy->ownHttpchk = true;
            }
            checkRequests += words.mid(2);
        } else if (keyword == QLatin1StringView("http-check") && words.value(1) == QLatin1StringView("send")) {
            checkRequests += words.mid(2);
        } else if (proxy && keyword == QLatin1StringView("default_backend")) {
            proxy->defaultBackend = words.value(1);
        } else if (proxy && !proxy->firstCheckedServer
            && (keyword == QLatin1StringView("server") || keyword == QLatin1StringView("server-template"))) {
            // server NAME ADDRESS [params], server-template PREFIX COUNT ADDRESS [params]; HAProxy copies the
            // default-server settings in force at this line, later default-server lines do not change it.
            CheckParameters server = proxy->defaultServer;
            server.read(words, keyword == QLatin1StringView("server") ? 3 : 4);
            if (server.check.value_or(false)) {
                proxy->firstCheckedServer = server;
            }
        }
    }

    const ProxySection* chosen = nullptr;
    QStringList sectionTitles;
    QHash<QString, const ProxySection*> checkedByName;
    QList<const ProxySection*> checked;
    for (const ProxySection& section : std::as_const(proxies)) {
        sectionTitles << section.title();
        if (section.kind != QLatin1StringView("frontend") && section.hasCheckedServer()) {
            checked << &section;
            checkedByName.insert(section.name, &section);
        }
    }
    if (checked.isEmpty()) {
        return Result<HaproxyCheckSettings>::failure(
            QCoreApplication::translate("HaproxyCheckSettings",
                "the HAProxy configuration has no health-checked server (no 'server ... check' line in a "
                "listen or backend section; sections: %1): HAProxy's inter, fall and rise only apply to "
                "servers with 'check', so add it to the servers of the writes listener")
                .arg(sectionTitles.isEmpty() ? QCoreApplication::translate("HaproxyCheckSettings", "none")
                                             : sectionTitles.join(QStringLiteral(", "))));
    }
    if (!listenerHint.isEmpty()) {
        chosen = checkedByName.value(listenerHint);
        if (!chosen) {
            for (const ProxySection& section : std::as_const(proxies)) {
                if (section.kind == QLatin1StringView("frontend") && section.name == listenerHint) {
                    chosen = checkedByName.value(section.defaultBackend);
                }
            }
        }
    }
    for (qsizetype i = 0; !chosen && i < checked.size(); ++i) {
        if (asksForWritesNode(checked.at(i)->checkRequests)) {
            chosen = checked.at(i);
        }
    }
    if (!chosen) {
        chosen = checked.first();
    }

    HaproxyCheckSettings settings;
    const CheckParameters& server = *chosen->firstCheckedServer;
    settings.interSeconds = server.interSeconds.value_or(settings.interSeconds);
    settings.fall = server.fall.value_or(settings.fall);
    settings.rise = server.rise.value_or(settings.rise);
    settings.shutdownSessions = server.shutdownSessions.value_or(false);
    settings.fromConfig = true;
    settings.listener = chosen->name;
    return Result<HaproxyCheckSettings>::success(settings);
}

QJsonObject HaproxyCheckSettings::toJson() const
{
    return QJsonObject { { QStringLiteral("inter_s"), interSeconds }, { QStringLiteral("fall"), fall },
        { QStringLiteral("rise"), rise }, { QStringLiteral("shutdown_sessions"), shutdownSessions },
        { QStringLiteral("from_config"), fromConfig },
        { QStringLiteral("source"), source }, { QStringLiteral("listener"), listener } };
}

QString HaproxyCheckSettings::describe() const
{
    const QString figures = QCoreApplication::translate("HaproxyCheckSettings", "inter %1 s, fall %2, rise %3")
                                .arg(QString::number(interSeconds, 'g', 6))
                                .arg(fall)
                                .arg(rise)
        + (shutdownSessions ? QStringLiteral(", on-marked-down shutdown-sessions") : QString());
    QStringList origin;
    if (!listener.isEmpty()) {
        origin << QCoreApplication::translate("HaproxyCheckSettings", "listener %1").arg(listener);
    }
    if (!source.isEmpty()) {
        origin << source;
    }
    return origin.isEmpty() ? figures : figures + QStringLiteral(" (") + origin.join(QStringLiteral("; ")) + u')';
}

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
