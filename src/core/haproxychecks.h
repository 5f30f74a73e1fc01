// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// How often HAProxy checks the servers of the writes listener and how many results flip a server's state. The
// expected failover bands (docs/scenarios.md, "Expected bands") are built from these: a dead leader is marked DOWN
// after about fall × inter, a new leader is routed to after rise successful checks.
struct HaproxyCheckSettings
{
    // HAProxy's own defaults, used when a server sets nothing and when the configuration cannot be read.
    double interSeconds = 2;
    int fall = 3;
    int rise = 2;
    // on-marked-down shutdown-sessions: HAProxy closes the sessions of a server the moment it marks it DOWN (without
    // it, clients connected to a dead server wait for their own timeouts).
    bool shutdownSessions = false;
    bool fromConfig = false; // false: the figures are HAProxy's defaults because no configuration could be read
    QString source; // where the figures came from (a path inside a container), or why defaults are used
    QString listener; // the listen/backend section whose checks these are
    QStringList configFiles; // the files read (HaproxyCheckReader), in HAProxy's order
    QByteArray configText;   // their text, joined

    QJsonObject toJson() const;
    // "inter 3 s, fall 3, rise 2 (listener primary; /etc/haproxy/lab.cfg in container demo-haproxy)".
    QString describe() const;

    // Reads haproxy.cfg text and picks the writes listener: the listen/backend named listenerHint (a frontend
    // named so leads to its default_backend), else the one whose health check asks Patroni for /primary, /master
    // or /leader, else the first listen/backend with a checked server. The first checked server of that section
    // gives inter/fall/rise (its own values over its section's default-server over the defaults section's).
    // Tolerant like a reader, not a validator: unknown keywords and values that are not valid times or counts are
    // skipped. Fails only when no section has a server with health checks. `source` is left empty.
    static Result<HaproxyCheckSettings> parse(const QByteArray& cfgText, const QString& listenerHint);
    // "3s", "3000" (milliseconds), "500ms", "1m", "100us", "1h", "1d" in seconds; nullopt for anything else or 0.
    static std::optional<double> parseTimeSeconds(const QString& text);
};

// haproxy.cfg read the way HAProxy splits it, for the reader above and HaproxyCheckChange.
namespace HaproxyConfigText {
// One line split into words: blanks separate words, '#' outside quotes starts a comment, a backslash escapes the
// next character, double and single quotes group words.
QStringList words(const QString& line);
// global, defaults, listen, frontend, backend, ...: a word that starts a section.
bool isSectionKeyword(const QString& word);
} // namespace HaproxyConfigText

// Reads the HAProxy configuration out of a running container and emits the writes listener's check settings.
// Never blocks: every docker call is a ProcessJob. Always finishes, exactly once: when the configuration cannot be
// found, read or understood, it emits HAProxy's defaults with `source` saying why.
//
// The configuration path is the `-f` argument of the haproxy command: first from the container's command
// (docker inspect), then from the command line of its PID 1 (our lab's entrypoint script execs
// `haproxy -f /etc/haproxy/lab.cfg`); failing both, the usual places are tried in turn.
class HaproxyCheckReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HaproxyCheckReader)
public:
    HaproxyCheckReader(const QString& container, const DockerCli& docker, QObject* parent = nullptr);

    // Our lab image, the official haproxy image, Debian's package (and Patroni's Docker demo).
    static QStringList fallbackConfigPaths();
    // The paths after `-f` in a haproxy command given as words (a word may be a whole `sh -c` script).
    static QStringList configPathsFromCommand(const QStringList& words);
    // The same from the JSON that start() asks docker inspect for ({"cmd": [...], "entrypoint": [...], "args": [...]}).
    static QStringList configPathsFromInspect(const QByteArray& json);

    void setListenerHint(const QString& listenerHint) { m_listenerHint = listenerHint; }
    void start();

signals:
    void finished(const HaproxyCheckSettings& settings);

private:
    void runDocker(const QStringList& arguments, const std::function<void(const ProcessResult&)>& onFinished);
    void inspectCommand();
    void readProcessCommandLine();
    void tryNextCandidate();
    void readFile(int index);
    void finishWith(const HaproxyCheckSettings& settings);
    void finishWithDefaults(const QString& reason);

    QString m_container;
    DockerCli m_docker;
    QString m_listenerHint = QStringLiteral("primary");
    // Each candidate is the list of files HAProxy would load together (several -f options make one configuration).
    QList<QStringList> m_candidates;
    QStringList m_currentFiles;
    QByteArray m_currentText;
    QStringList m_rejected; // "path: why" for every candidate tried so far
    bool m_started = false;
    bool m_finished = false;
};
