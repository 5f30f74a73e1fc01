// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// HAProxy's configuration as text: what its health checks are set to (HaproxyCheckSettings), and what a lab
// experiment changes in it (HaproxyCheckTiming). Pure functions, no process: HaproxyCheckReader reads the file out
// of a container, HaproxyCheckChange writes it back.

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

// Whether a configuration lets a reload keep its servers' states: an admin `stats socket` to save them from and a
// `server-state-file` (absolute) that `load-server-state-from-file` reads them back from. Empty fields: it does not.
struct HaproxyStateKeeping
{
    QString adminSocket;
    QString stateFile;
    static HaproxyStateKeeping of(const QByteArray& cfgText);
};

// haproxy.cfg read the way HAProxy splits it, for the parser and the rewrite.
namespace HaproxyConfigText {
// One line split into words: blanks separate words, '#' outside quotes starts a comment, a backslash escapes the
// next character, double and single quotes group words.
QStringList words(const QString& line);
// global, defaults, listen, frontend, backend, ...: a word that starts a section.
bool isSectionKeyword(const QString& word);
} // namespace HaproxyConfigText

// The health-check timing a lab experiment turns: how often HAProxy checks each Patroni node (inter), how many
// failed checks mark it DOWN (fall), how many good ones bring it back (rise), and whether marking it DOWN closes
// its sessions at once (on-marked-down shutdown-sessions). Unset fields keep what the configuration has.
struct HaproxyCheckTiming
{
    Q_DECLARE_TR_FUNCTIONS(HaproxyCheckTiming)
public:
    std::optional<double> interSeconds;
    std::optional<int> fall;
    std::optional<int> rise;
    std::optional<bool> shutdownSessions;

    bool isEmpty() const { return !interSeconds && !fall && !rise && !shutdownSessions; }
    // Every field set to what `settings` has.
    static HaproxyCheckTiming of(const HaproxyCheckSettings& settings);
    // This timing over the current one.
    HaproxyCheckSettings appliedTo(const HaproxyCheckSettings& current) const;
    // One sentence per value HAProxy would take but the lab refuses (inter 0.1–60 s, fall and rise 1–100).
    QStringList violations() const;
    // "haproxy.inter=500ms" and friends (the prefix is the caller's): false when the key is not one of these.
    // The value error, if any, goes to error.
    bool assign(const QString& key, const QString& value, QString* error);
    static QStringList keys(); // inter, fall, rise, shutdown_sessions

    // haproxy.cfg with this timing on every listen/backend section that health-checks its servers (the writes and
    // the reads listeners): each such section's default-server lines get the values (one is added before the
    // first server when there is none), and the same keywords are removed from its server lines so that nothing
    // overrides them. Every other byte stays as it was. Fails when no section health-checks its servers.
    Result<QByteArray> rewrite(const QByteArray& cfgText, const HaproxyCheckSettings& current) const;

    // "3s", "500ms": how the rewrite writes an interval.
    static QString timeText(double seconds);
};
