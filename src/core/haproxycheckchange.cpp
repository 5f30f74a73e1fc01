// SPDX-License-Identifier: GPL-3.0-or-later
#include "haproxycheckchange.h"

#include <QRegularExpression>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr auto InstallTimeout = 30s; // haproxy -c, the file, SIGUSR2 and up to 10 s for the new worker

// Runs inside the HAProxy container as `sh -c SCRIPT sh PATH TEXT`. Exit codes: 3 PID 1 is not HAProxy, 4 not in
// master-worker mode, 5 the file could not be written, 6 haproxy -c refused the text, 7 the signal failed, 8 no new
// worker. Only POSIX sh, tr and sleep: it runs in Debian, Alpine (busybox) and distroless-with-shell images alike.
const char* const InstallScript = R"SH(
set -u
cmd=$(tr '\0' ' ' < /proc/1/cmdline)
case "$cmd" in
*haproxy*) ;;
*) echo "PID 1 of the container is not HAProxy but: $cmd" >&2; exit 3 ;;
esac
case " $cmd " in
*" -W "*|*" -Ws "*) ;;
*) grep -qs '^[[:space:]]*master-worker' "$1" || { echo "HAProxy runs without master-worker mode (no -W in: $cmd)" >&2; exit 4; } ;;
esac
new="$1.patroni-lab-new"
printf '%s' "$2" > "$new" || exit 5
if ! out=$(haproxy -c -f "$new" 2>&1); then rm -f "$new"; echo "$out" >&2; exit 6; fi
workers() {
    for p in /proc/[0-9]*; do
        n=${p#/proc/}
        [ "$n" = 1 ] && continue
        c=$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null) || continue
        case "$c" in haproxy\ *|*/haproxy\ *) echo "$n" ;; esac
    done
}
before=" $(workers | tr '\n' ' ') "
cat "$new" > "$1" || exit 5
rm -f "$new"
kill -USR2 1 || exit 7
i=0
while [ $i -lt 100 ]; do
    for n in $(workers); do
        case "$before" in *" $n "*) ;; *) echo "new worker $n after $i"; exit 0 ;; esac
    done
    sleep 0.1
    i=$((i + 1))
done
echo "no new HAProxy worker within 10 s of SIGUSR2: see docker logs of the container" >&2
exit 8
)SH";

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

HaproxyCheckChange::HaproxyCheckChange(const QString& container, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_container(container)
    , m_docker(docker)
{
}

void HaproxyCheckChange::start(const HaproxyCheckTiming& timing)
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_timing = timing;
    const QStringList problems = timing.violations();
    if (!problems.isEmpty()) {
        m_outcome.refusedBeforeWriting = true;
        // Like every other outcome, after start() has returned.
        QMetaObject::invokeMethod(this, [this, problems] { finish(problems.join(QStringLiteral("; ")) + u'.'); },
                                  Qt::QueuedConnection);
        return;
    }
    auto* reader = new HaproxyCheckReader(m_container, m_docker, this);
    connect(reader, &HaproxyCheckReader::finished, this, [this, reader](const HaproxyCheckSettings& current) {
        reader->deleteLater();
        onCurrent(current);
    });
    reader->start();
}

void HaproxyCheckChange::onCurrent(const HaproxyCheckSettings& current)
{
    m_outcome.before = current;
    m_outcome.refusedBeforeWriting = true; // until the install script has replaced the file
    if (!current.fromConfig) {
        finish(tr("Could not read HAProxy's configuration in container %1 (%2).").arg(m_container, current.source));
        return;
    }
    if (current.configFiles.size() != 1) {
        finish(tr("HAProxy in container %1 loads several configuration files (%2); the lab changes only a single file: "
                  "change the check timing in them by hand.")
                   .arg(m_container, current.configFiles.join(QStringLiteral(", "))));
        return;
    }
    // The reader joins files with a newline after each; one file: drop it again so that the bytes stay the same.
    QByteArray text = current.configText;
    text.chop(1);
    const auto rewritten = m_timing.rewrite(text, current);
    if (!rewritten.ok()) {
        finish(rewritten.error() + u'.');
        return;
    }
    if (rewritten.value() == text) {
        m_outcome.unchanged = true;
        m_outcome.refusedBeforeWriting = false;
        m_outcome.after = current;
        finish();
        return;
    }
    install(rewritten.value());
}

void HaproxyCheckChange::install(const QByteArray& text)
{
    const QString path = m_outcome.before.configFiles.first();
    ProcessJob* job = m_docker.job({QStringLiteral("exec"), m_container, QStringLiteral("sh"), QStringLiteral("-c"),
                                    QString::fromLatin1(InstallScript), QStringLiteral("sh"), path, QString::fromUtf8(text)},
                                   this, InstallTimeout);
    QElapsedTimer* sinceStart = new QElapsedTimer;
    sinceStart->start();
    connect(job, &ProcessJob::finished, this, [this, job, path, sinceStart](const ProcessResult& result) {
        job->deleteLater();
        std::unique_ptr<QElapsedTimer> owned(sinceStart);
        if (result.succeeded()) {
            // "new worker N after I": I tenths of a second of waiting after the signal.
            const QList<QByteArray> words = result.standardOutput.trimmed().split(' ');
            m_outcome.reloadSeconds = words.value(words.size() - 1).toDouble() / 10.0;
            m_outcome.refusedBeforeWriting = false;
            readBack();
            return;
        }
        const QString detail = QString::fromUtf8(result.standardError).trimmed();
        if (result.status != ProcessResult::Status::Finished) {
            finish(tr("Could not change HAProxy's configuration in container %1: %2").arg(m_container, DockerCli::explainFailure(result)));
            return;
        }
        switch (result.exitCode) {
        case 3:
        case 4:
            finish(tr("HAProxy in container %1 cannot be reloaded by the lab (%2): the lab reloads HAProxy by signalling its "
                      "master process, which must be the container's PID 1 started with -W (as in the lab and the official "
                      "haproxy image). Nothing was changed.")
                       .arg(m_container, detail));
            return;
        case 6:
            finish(tr("HAProxy refused the new configuration (haproxy -c: %1). Nothing was changed.").arg(detail));
            return;
        case 5:
            finish(tr("Could not write %1 in container %2 (%3). Nothing was changed.").arg(path, m_container, detail));
            return;
        default:
            m_outcome.refusedBeforeWriting = false;
            finish(tr("%1 in container %2 has the new timing, but HAProxy did not reload: %3").arg(path, m_container, detail));
        }
    });
    job->start();
}

void HaproxyCheckChange::readBack()
{
    auto* reader = new HaproxyCheckReader(m_container, m_docker, this);
    reader->setListenerHint(m_outcome.before.listener);
    connect(reader, &HaproxyCheckReader::finished, this, [this, reader](const HaproxyCheckSettings& after) {
        reader->deleteLater();
        m_outcome.after = after;
        const HaproxyCheckSettings expected = m_timing.appliedTo(m_outcome.before);
        if (!after.fromConfig || std::abs(after.interSeconds - expected.interSeconds) > 1e-6 || after.fall != expected.fall
            || after.rise != expected.rise || after.shutdownSessions != expected.shutdownSessions) {
            finish(tr("HAProxy reloaded, but its configuration reads back as %1 instead of %2.").arg(after.describe(), expected.describe()));
            return;
        }
        finish();
    });
    reader->start();
}

void HaproxyCheckChange::finish(const QString& error)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_outcome.error = error;
    emit finished(m_outcome);
}
