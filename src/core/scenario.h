// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerruntime.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A text in the languages the lab speaks. Scenario files must give both, so a lecturer switching the window to
// Russian never meets an English-only card.
struct LocalizedText
{
    QString en;
    QString ru;

    // "ru" gives the Russian text, anything else the English one.
    QString text(const QString& language) const;
};

// Who a step acts on. Roles (leader, replica, …) are resolved when the step runs, not when the file is read:
// after a failover "leader" is another node than at the start.
struct ScenarioTarget
{
    enum class Kind {
        None, // heal_all, and waits without a target
        Leader, // the leader when the step runs
        OldLeader, // the leader when the scenario started
        Replica, // one replica, chosen the first time and remembered, so later steps can say "replica" again
        Replicas, // each replica
        Patroni, // a named node: patroni1..3
        Etcd, // etcd1..3
        Haproxy,
    };

    Kind kind = Kind::None;
    QString service; // the compose service for Patroni and Etcd ("patroni2", "etcd1"), "haproxy" for Haproxy

    static std::optional<ScenarioTarget> fromName(const QString& name);
    static QStringList names();
    QString name() const;
    // A Patroni node (role or named), as opposed to etcd or HAProxy.
    bool isPatroni() const;
    bool operator==(const ScenarioTarget&) const = default;
};

// Which formula of the live configuration bounds the expected write outage (docs/scenarios.md).
enum class ScenarioBand {
    None, // no write outage
    LockReleased, // the leader lets go of its key: docker stop, switchover
    Ttl, // the key must expire: kill, pause, network cut
    RetryTimeout, // etcd quorum lost: the leader demotes itself
    FaultDuration, // nothing takes over: the outage lasts as long as the fault (HAProxy)
    // Commits block at the fault (no synchronous standby answers) and stay blocked until a standby is promoted,
    // a ttl after the next fault (the leader's kill): the gap between the two faults plus the Ttl band.
    BlockedThenTtl,
    // The leader's Patroni is gone but its PostgreSQL answers: writes stop only when HAProxy's REST check has failed
    // `fall` times, and resume when the key has expired and the new leader's check passed (kill_patroni).
    ChecksThenTtl,
    // PostgreSQL died under a living Patroni that keeps the key: restarted in place within loop_wait, then crash
    // recovery and HAProxy's rise (kill_postgres).
    RestartInPlace,
    // The leader cannot reach etcd but answers clients: writes stop when it demotes itself (retry_timeout after a
    // renewal fails) and resume when its key has expired and a replica is promoted (partition from etcd).
    RetryThenTtl,
    // Nothing fails over and nothing is down: the service degrades (lost packets, a starved CPU) and any write
    // outage ends before the command that lifts the fault (impair, limit_cpu).
    Degraded,
    // Nobody takes over (no replica may be promoted): writes return when the killed leader is started again, its
    // PostgreSQL has recovered and its Patroni has taken the key back (replica-lag).
    LeaderRestarted,
};

struct ScenarioStep
{
    enum class Kind { Action, Wait };
    enum class Action {
        Stop, Start, Restart, Kill, Pause, Unpause, Disconnect, Connect, Switchover, HealAll,
        // Inside the target container (faults/nodefaults.h); their parameters are faultParameters and peers.
        Impair, Clear, Partition, Unpartition, KillPostgres, FreezePostgres, ThawPostgres, KillPatroni, LimitCpu,
        LimitMemory, Unlimit
    };
    enum class Condition {
        Seconds, // a fixed pause
        NewLeader, // a leader other than the one when the wait began is writable
        MemberStreaming, // the target is a replica in state streaming
        QuorumLost, // etcd has no quorum
        QuorumRestored, // etcd has quorum again
        WritesOk, // `count` consecutive successful writes
        WritesFailing, // a write failed
        ClusterHealthy, // one leader, every other member streaming, every etcd healthy, HAProxy routing
    };

    Kind kind = Kind::Wait;
    Action action = Action::Stop;
    Condition condition = Condition::Seconds;
    ScenarioTarget target;
    double seconds = 0; // Condition::Seconds
    double timeoutSeconds = 0; // every other condition: fail the run when it does not hold in time
    int count = 1; // Condition::WritesOk
    // Action steps: the band of the write outage this step causes, judged on its own (composite scenarios).
    std::optional<ScenarioBand> band;
    // impair: netem words ({"delay", "100", "20"}) from {"impair": {"delay_ms": 100, "jitter_ms": 20}};
    // limit_cpu: {"0.2"} from "cpus"; limit_memory: {"96m"} from "memory".
    QStringList faultParameters;
    QList<ScenarioTarget> peers; // partition: "from", each resolved when the step runs ("etcd" is etcd1..3)
    LocalizedText note; // optional, shown by the runner when the step starts
    int line = 0; // where the step starts in its file, for the runner's messages

    static QString actionName(Action action);
    static std::optional<Action> actionFromName(const QString& name);
    static QStringList actionNames();
    static QString conditionName(Condition condition);
    static std::optional<Condition> conditionFromName(const QString& name);
    static QStringList conditionNames(); // without "seconds", which is a key of its own
    // The docker action for stop … connect and the faults inside a container; nothing for switchover and heal_all.
    std::optional<NodeAction> nodeAction() const;
    // "stop leader", "wait until new_leader (60 s)": for logs and tests.
    QString describe() const;
};


struct ScenarioExpectation
{
    bool failover = false; // the leader changes (new timeline)
    bool writeOutage = false; // writes fail for a while
    // Whether a class of errors shows up. Possible: it depends on timing the lab does not control (which server
    // HAProxy's round robin picks in the second after a restart, whether a check falls before or after the change),
    // so the run reports it without judging.
    enum class Occurrence { No, Yes, Possible };
    static QString occurrenceName(Occurrence occurrence); // false, true, "possible" as in the file

    Occurrence readOnlyErrors = Occurrence::No; // some writes fail as read-only (25006, "session is read-only")
    Occurrence totalOutage = Occurrence::No; // HAProxy refuses connections
    int lostWrites = 0; // acknowledged writes missing afterwards: at most this many
    // At least this many: an experiment about losing acknowledged writes (asynchronous replication) expects some.
    // Given alone, lostWrites is unbounded.
    int minLostWrites = 0;
    Occurrence deadlineErrors = Occurrence::No; // operations hang until the client-side deadline
    std::optional<double> maxWriteOutageSeconds;
    ScenarioBand band = ScenarioBand::None; // of the first write outage

    static QString bandName(ScenarioBand band);
    static std::optional<ScenarioBand> bandFromName(const QString& name);
    static QStringList bandNames();
    QJsonObject toJson() const;
};

struct ScenarioTraffic
{
    double rate = 1.0;
    int connections = 1;
    double probeRate = 100.0;
    int deadlineMs = 2000;
};

// One experiment: what to do to the cluster, in order, and what the student should see. Read from a
// "patroni-lab-scenario/1" JSON file (docs/scenarios.md).
struct Scenario
{
    static QString formatName() { return QStringLiteral("patroni-lab-scenario/1"); }

    QString id;
    LocalizedText title;
    LocalizedText explanation;
    ScenarioTraffic traffic;
    // "settings": {"profile": "fast-failover"} and/or explicit {"patroni": {...}, "haproxy": {...}} (over the
    // profile's): applied and verified before the first step, put back afterwards (ScenarioRunner).
    QString settingsProfile;
    QStringList settingsAssignments; // KEY=VALUE words, haproxy.* for HAProxy (ClusterSettingsTarget)
    QList<ScenarioStep> steps;
    ScenarioExpectation expect;
    QString sourceName; // the file it came from, for messages
    int idLine = 0;

    // Every error names the source, line and column and the field path, one error per line:
    // "leader-stop.json:12:17: steps[3].action: unknown action "stp" (expected one of: stop, …)".
    static Result<Scenario> parse(const QByteArray& json, const QString& sourceName);
    static Result<Scenario> load(const QString& path);

    QJsonObject summaryJson(const QString& language) const;
};
