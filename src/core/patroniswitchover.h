// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clusterdiscovery.h"
#include "clusterstate.h"
#include "endpointclient.h"
#include "processjob.h"

#include <QObject>

#include <chrono>

// A planned switchover: the leader hands over to a healthy replica of the student's choice, on a new timeline.
struct SwitchoverRequest
{
    QString leader; // Patroni member name of the current leader: Patroni refuses when it is not the leader
    QString candidate; // member that should take over
    Endpoint leaderApi; // the leader's REST API (port 8008): only the leader accepts an immediate switchover
    BasicCredentials credentials { QStringLiteral("admin"), QStringLiteral("admin") }; // packaging/lab/node/patroni.yml
    // Patroni answers only once the candidate has taken over or it gave up waiting (about 15 s after demoting).
    std::chrono::milliseconds timeout { 45'000 };

    QByteArray body() const;
    // What a student would type for the same request: curl on the published port, or docker exec … curl.
    QString curlCommand(bool viaDockerExec) const;
    QString patronictlCommand() const;

    // The request to hand the leadership of `state`'s cluster to `candidate`, or why there can be none (no leader,
    // candidate unknown or already the leader, the leader's container not found).
    static Result<SwitchoverRequest> forCandidate(
        const ClusterState& state, const DiscoveredCluster& cluster, const QString& candidate);
};

struct SwitchoverResult
{
    SwitchoverRequest request;
    QString commandLine; // the equivalent curl command, for the log
    int httpStatus = 0; // 0: no HTTP answer
    QString answer; // Patroni's own words ("Successfully switched over to \"patroni2\"")
    QString error; // plain-language reason when it did not happen; empty on success
    qint64 durationMs = 0; // from the request to Patroni's answer

    bool ok() const { return error.isEmpty() && httpStatus >= 200 && httpStatus < 300; }
    // One line for the log: the outcome, then Patroni's answer.
    QString describe() const;
    // The request as a fault action of a run, like a docker command: it marks the timeline and the report with
    // the equivalent curl command. finishedNs: when the answer came (LabClock).
    ProcessResult asProcessResult(qint64 finishedNs) const;
};

// Sends POST /switchover to the leader over either transport and reports the outcome; never blocks.
class PatroniSwitchover final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PatroniSwitchover)
public:
    PatroniSwitchover(const DockerCli& docker, EndpointClient::Transport transport, QObject* parent = nullptr);

    // One switchover at a time per object; finished() follows, also for a request that cannot be sent.
    void start(const SwitchoverRequest& request);
    bool isRunning() const { return m_running; }
    QString commandLine(const SwitchoverRequest& request) const;

    // What an HTTP status and Patroni's answer mean for a student.
    static QString explain(int httpStatus, const QString& answer, const SwitchoverRequest& request);

signals:
    void finished(const SwitchoverResult& result);

private:
    EndpointClient* m_client;
    bool m_running = false;
};
