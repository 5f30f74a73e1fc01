// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxyconfig.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <cmath>

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

namespace {

// Where a '#' that HAProxy takes for a comment starts (outside quotes), or the line's length.
qsizetype commentStart(const QString& line)
{
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\') {
            ++i;
        } else if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'#') {
            return i;
        }
    }
    return line.size();
}

// The line without its timing keywords (and their values); appended (if any) goes before a trailing comment.
QString withTiming(const QString& line, const QString& appended)
{
    static const QRegularExpression timingKeyword(QStringLiteral("\\s+(?:inter|fall|rise|on-marked-down)\\s+[^\\s#]+"));
    const qsizetype comment = commentStart(line);
    QString code = line.left(comment);
    code.replace(timingKeyword, QString());
    while (!code.isEmpty() && code.back().isSpace()) {
        code.chop(1);
    }
    if (!appended.isEmpty()) {
        code += u' ' + appended;
    }
    return comment < line.size() ? code + u' ' + line.mid(comment) : code;
}

QString indentation(const QString& line)
{
    qsizetype i = 0;
    while (i < line.size() && line.at(i).isSpace()) {
        ++i;
    }
    return line.left(i);
}

} // namespace

QString HaproxyCheckTiming::timeText(double seconds)
{
    const qint64 milliseconds = std::llround(seconds * 1000);
    return milliseconds % 1000 == 0 ? QStringLiteral("%1s").arg(milliseconds / 1000) : QStringLiteral("%1ms").arg(milliseconds);
}

HaproxyStateKeeping HaproxyStateKeeping::of(const QByteArray& cfgText)
{
    HaproxyStateKeeping keeping;
    QString socket;
    QString stateFile;
    bool loads = false;
    QString section;
    for (const QByteArray& rawLine : cfgText.split('\n')) {
        const QStringList words = HaproxyConfigText::words(QString::fromUtf8(rawLine));
        if (words.isEmpty()) {
            continue;
        }
        if (HaproxyConfigText::isSectionKeyword(words.first())) {
            section = words.first();
            continue;
        }
        if (section == QLatin1StringView("global")) {
            if (words.value(0) == QLatin1StringView("stats") && words.value(1) == QLatin1StringView("socket")
                && words.contains(QLatin1StringView("admin")) && words.value(2).startsWith(u'/')) {
                socket = words.value(2);
            } else if (words.value(0) == QLatin1StringView("server-state-file") && words.value(1).startsWith(u'/')) {
                stateFile = words.value(1);
            }
        } else if (words.value(0) == QLatin1StringView("load-server-state-from-file")
                   && words.value(1) == QLatin1StringView("global")) {
            loads = true;
        }
    }
    if (!socket.isEmpty() && !stateFile.isEmpty() && loads) {
        keeping.adminSocket = socket;
        keeping.stateFile = stateFile;
    }
    return keeping;
}

HaproxyCheckTiming HaproxyCheckTiming::of(const HaproxyCheckSettings& settings)
{
    HaproxyCheckTiming timing;
    timing.interSeconds = settings.interSeconds;
    timing.fall = settings.fall;
    timing.rise = settings.rise;
    timing.shutdownSessions = settings.shutdownSessions;
    return timing;
}

QStringList HaproxyCheckTiming::keys()
{
    return {QStringLiteral("inter"), QStringLiteral("fall"), QStringLiteral("rise"), QStringLiteral("shutdown_sessions")};
}

HaproxyCheckSettings HaproxyCheckTiming::appliedTo(const HaproxyCheckSettings& current) const
{
    HaproxyCheckSettings result = current;
    result.interSeconds = interSeconds.value_or(current.interSeconds);
    result.fall = fall.value_or(current.fall);
    result.rise = rise.value_or(current.rise);
    result.shutdownSessions = shutdownSessions.value_or(current.shutdownSessions);
    return result;
}

QStringList HaproxyCheckTiming::violations() const
{
    QStringList problems;
    if (interSeconds && (*interSeconds < 0.1 || *interSeconds > 60)) {
        problems << tr("HAProxy's check interval (inter) must be between 100ms and 60s, got %1").arg(timeText(*interSeconds));
    }
    if (fall && (*fall < 1 || *fall > 100)) {
        problems << tr("fall (failed checks before a server is marked DOWN) must be between 1 and 100, got %1").arg(*fall);
    }
    if (rise && (*rise < 1 || *rise > 100)) {
        problems << tr("rise (good checks before a server is marked UP) must be between 1 and 100, got %1").arg(*rise);
    }
    return problems;
}

bool HaproxyCheckTiming::assign(const QString& key, const QString& value, QString* error)
{
    const QString text = value.trimmed();
    if (key == QLatin1StringView("inter")) {
        const auto seconds = HaproxyCheckSettings::parseTimeSeconds(text);
        if (!seconds) {
            *error = tr("haproxy.inter takes a time such as 500ms or 2s, got '%1'").arg(value);
        } else {
            interSeconds = seconds;
        }
        return true;
    }
    if (key == QLatin1StringView("fall") || key == QLatin1StringView("rise")) {
        bool ok = false;
        const int count = text.toInt(&ok);
        if (!ok) {
            *error = tr("haproxy.%1 takes a whole number of checks, got '%2'").arg(key, value);
        } else {
            (key == QLatin1StringView("fall") ? fall : rise) = count;
        }
        return true;
    }
    if (key == QLatin1StringView("shutdown_sessions")) {
        static const QStringList yes{QStringLiteral("on"), QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("1")};
        static const QStringList no{QStringLiteral("off"), QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("0")};
        if (yes.contains(text.toLower())) {
            shutdownSessions = true;
        } else if (no.contains(text.toLower())) {
            shutdownSessions = false;
        } else {
            *error = tr("haproxy.shutdown_sessions takes on or off, got '%1'").arg(value);
        }
        return true;
    }
    return false;
}

Result<QByteArray> HaproxyCheckTiming::rewrite(const QByteArray& cfgText, const HaproxyCheckSettings& current) const
{
    const HaproxyCheckSettings target = appliedTo(current);
    QString parameters = QStringLiteral("inter %1 fall %2 rise %3").arg(timeText(target.interSeconds)).arg(target.fall).arg(target.rise);
    if (target.shutdownSessions) {
        parameters += QStringLiteral(" on-marked-down shutdown-sessions");
    }

    struct Section
    {
        bool proxy = false; // listen or backend: where servers are
        bool checked = false;
        QList<qsizetype> defaultServers;
        QList<qsizetype> servers;
    };
    QStringList lines = QString::fromUtf8(cfgText).split(u'\n');
    QList<Section> sections;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringList words = HaproxyConfigText::words(lines.at(i));
        if (words.isEmpty()) {
            continue;
        }
        const QString& keyword = words.first();
        if (HaproxyConfigText::isSectionKeyword(keyword)) {
            Section section;
            section.proxy = keyword == QLatin1StringView("listen") || keyword == QLatin1StringView("backend");
            sections.append(section);
        } else if (!sections.isEmpty() && sections.last().proxy) {
            Section& section = sections.last();
            if (keyword == QLatin1StringView("default-server")) {
                section.defaultServers << i;
            } else if (keyword == QLatin1StringView("server") || keyword == QLatin1StringView("server-template")) {
                section.servers << i;
                section.checked = section.checked || words.contains(QLatin1StringView("check"));
            }
        }
    }
    QList<std::pair<qsizetype, QString>> insertions;
    int changedSections = 0;
    for (const Section& section : std::as_const(sections)) {
        if (!section.proxy || !section.checked) {
            continue;
        }
        ++changedSections;
        for (const qsizetype line : section.servers) {
            lines[line] = withTiming(lines.at(line), {});
        }
        for (const qsizetype line : section.defaultServers) {
            lines[line] = withTiming(lines.at(line), parameters);
        }
        // A default-server line only applies to the servers below it.
        const qsizetype firstServer = section.servers.first();
        if (section.defaultServers.isEmpty() || section.defaultServers.first() > firstServer) {
            insertions.append({firstServer, indentation(lines.at(firstServer)) + QStringLiteral("default-server ") + parameters});
        }
    }
    if (changedSections == 0) {
        return Result<QByteArray>::failure(
            tr("the HAProxy configuration has no listen or backend section with health-checked servers ('server ... check'), "
               "so there is no check timing to change"));
    }
    for (auto it = insertions.crbegin(); it != insertions.crend(); ++it) {
        lines.insert(it->first, it->second);
    }
    return Result<QByteArray>::success(lines.join(u'\n').toUtf8());
}
