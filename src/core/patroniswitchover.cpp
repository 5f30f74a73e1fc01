// SPDX-License-Identifier: GPL-3.0-or-later
#include "patroniswitchover.h"

#include "labdefinition.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <memory>

namespace {

constexpr int PatroniRestPort = 8008;

} // namespace

QByteArray SwitchoverRequest::body() const
{
    return QJsonDocument(
        QJsonObject { { QStringLiteral("leader"), leader }, { QStringLiteral("candidate"), candidate } })
        .toJson(QJsonDocument::Compact);
}

QString SwitchoverRequest::curlCommand(bool viaDockerExec) const
{
    QStringList words;
    int port = leaderApi.loopbackPort;
    QString host = LabDefinition::host();
    if (viaDockerExec) {
        // Inside the container the REST API listens on its own port; no published port is needed.
        words << QStringLiteral("docker") << QStringLiteral("exec") << ProcessResult::shellQuoted(leaderApi.container);
        port = leaderApi.containerPort;
        host = QStringLiteral("127.0.0.1");
    }
    words << QStringLiteral("curl") << QStringLiteral("-s");
    if (!credentials.isEmpty()) {
        words << QStringLiteral("-u") << ProcessResult::shellQuoted(credentials.user + u':' + credentials.password);
    }
    words << QStringLiteral("-XPOST") << QStringLiteral("http://%1:%2/switchover").arg(host).arg(port)
          << QStringLiteral("-d") << ProcessResult::shellQuoted(QString::fromUtf8(body()));
    return words.join(u' ');
}

QString SwitchoverRequest::patronictlCommand() const
{
    // The lab's image keeps its configuration in /etc/patroni/lab.yml (packaging/lab/node/Dockerfile).
    return QStringLiteral(
        "docker exec -it %1 patronictl -c /etc/patroni/lab.yml switchover --leader %2 --candidate %3 --force")
        .arg(ProcessResult::shellQuoted(leaderApi.container), ProcessResult::shellQuoted(leader), ProcessResult::shellQuoted(candidate));
}

Result<SwitchoverRequest> SwitchoverRequest::forCandidate(
    const ClusterState& state, const DiscoveredCluster& cluster, const QString& candidate)
{
    using R = Result<SwitchoverRequest>;
    if (candidate.isEmpty()) {
        return R::failure(QStringLiteral("no candidate was given"));
    }
    const MemberState* leader = state.leader();
    if (!leader) {
        return R::failure(
            QStringLiteral("the cluster has no leader right now, so there is nobody to hand over from "
                           "(Patroni elects one by itself when it can: that is a failover, not a switchover)"));
    }
    const ContainerDetails* container = cluster.find(leader->container.isEmpty() ? leader->name : leader->container);
    if (!container) {
        return R::failure(QStringLiteral("the leader %1 has no known container, so its REST API cannot be reached")
                              .arg(leader->name));
    }
    SwitchoverRequest request;
    request.leader = leader->name;
    request.candidate = candidate;
    request.leaderApi.container = container->info.name;
    request.leaderApi.service
        = container->info.composeService().isEmpty() ? container->hostname : container->info.composeService();
    request.leaderApi.containerPort = PatroniRestPort;
    request.leaderApi.loopbackPort = container->info.loopbackPort(PatroniRestPort);
    return R::success(request);
}

QString SwitchoverResult::describe() const
{
    const QString answerText = answer.isEmpty() ? QString() : QStringLiteral(" — Patroni: “%1”").arg(answer);
    if (ok()) {
        return QStringLiteral("switchover %1 → %2 done in %3 ms (HTTP %4)%5")
            .arg(request.leader, request.candidate)
            .arg(durationMs)
            .arg(httpStatus)
            .arg(answerText);
    }
    const QString status = httpStatus > 0 ? QStringLiteral("HTTP %1").arg(httpStatus) : QStringLiteral("no answer");
    return QStringLiteral("switchover %1 → %2 failed (%3, %4 ms): %5%6")
        .arg(request.leader, request.candidate, status)
        .arg(durationMs)
        .arg(error, answerText);
}

PatroniSwitchover::PatroniSwitchover(const DockerCli& docker, EndpointClient::Transport transport, QObject* parent)
    : QObject(parent)
    , m_client(new EndpointClient(new QNetworkAccessManager(this), docker, transport, this))
{
}

QString PatroniSwitchover::commandLine(const SwitchoverRequest& request) const
{
    return request.curlCommand(m_client->usesExec(request.leaderApi));
}

void PatroniSwitchover::start(const SwitchoverRequest& request)
{
    SwitchoverResult refused;
    refused.request = request;
    refused.commandLine = commandLine(request);
    if (m_running) {
        refused.error = QStringLiteral("another switchover is still waiting for Patroni's answer");
    } else if (request.leader.isEmpty() || request.candidate.isEmpty() || request.leaderApi.container.isEmpty()) {
        refused.error = QStringLiteral("the request names no leader, candidate or leader container");
    }
    if (!refused.error.isEmpty()) {
        // Queued, so the caller sees finished() after start() returns, as for a request that was sent.
        QTimer::singleShot(0, this, [this, refused] { emit finished(refused); });
        return;
    }
    m_running = true;
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    const QString command = commandLine(request);
    m_client->request(request.leaderApi, QByteArrayLiteral("POST"), QStringLiteral("/switchover"), request.body(),
        request.timeout, request.credentials,
        [self = QPointer<PatroniSwitchover>(this), request, command, elapsed](const EndpointReply& reply) {
            if (!self) {
                return;
            }
            SwitchoverResult result;
            result.request = request;
            result.commandLine = command;
            result.durationMs = elapsed->elapsed();
            result.httpStatus = reply.httpStatus;
            result.answer = QString::fromUtf8(reply.body).trimmed();
            if (!reply.answered()) {
                result.error = QStringLiteral("no answer from %1's REST API (%2): is the container "
                                              "running, unpaused and connected to the network?")
                                   .arg(request.leader, reply.error);
            } else if (reply.httpStatus < 200 || reply.httpStatus >= 300) {
                result.error = explain(reply.httpStatus, result.answer, request);
            }
            self->m_running = false;
            emit self->finished(result);
        });
}

QString PatroniSwitchover::explain(int httpStatus, const QString& answer, const SwitchoverRequest& request)
{
    const QString lower = answer.toLower();
    switch (httpStatus) {
    case 401:
        return QStringLiteral("the REST API did not accept the credentials (user “%1”): switchover is an unsafe "
                              "method and needs restapi.authentication from patroni.yml (admin/admin in this lab)")
            .arg(request.credentials.user);
    case 403:
        return QStringLiteral("the REST API does not accept switchover requests from this address (restapi.allowlist)");
    case 412:
        if (lower.contains(QLatin1StringView("candidate does not exist"))) {
            return QStringLiteral("there is no member called “%1” in the cluster").arg(request.candidate);
        }
        if (lower.contains(QLatin1StringView("leader name does not match"))) {
            return QStringLiteral("%1 is not the leader any more: the leadership has moved, look again and retry")
                .arg(request.leader);
        }
        if (lower.contains(QLatin1StringView("sync_standby"))) {
            return QStringLiteral("synchronous mode is on and %1 is not the synchronous standby")
                .arg(request.candidate);
        }
        if (lower.contains(QLatin1StringView("no good candidates"))) {
            return QStringLiteral("candidate %1 is not healthy: it must be a running, streaming replica whose REST "
                                  "API answers (and not tagged nofailover)")
                .arg(request.candidate);
        }
        return QStringLiteral("Patroni refused the switchover: a precondition does not hold");
    case 400:
        if (lower.contains(QLatin1StringView("same"))) {
            return QStringLiteral("%1 is already the leader").arg(request.candidate);
        }
        return QStringLiteral("Patroni rejected the request as malformed");
    case 503:
        return QStringLiteral("Patroni could not complete the switchover (the candidate did not take over in time, "
                              "or etcd is unavailable); the old leader stays or the cluster elects one itself");
    default:
        break;
    }
    if (httpStatus >= 500) {
        return QStringLiteral("the REST API failed (HTTP %1)").arg(httpStatus);
    }
    return QStringLiteral("unexpected answer (HTTP %1)").arg(httpStatus);
}

ProcessResult SwitchoverResult::asProcessResult(qint64 finishedNs) const
{
    ProcessResult asProcess;
    asProcess.program = QStringLiteral("curl");
    asProcess.arguments = QProcess::splitCommand(commandLine).mid(1);
    asProcess.status = ProcessResult::Status::Finished;
    asProcess.exitCode = ok() ? 0 : 1;
    asProcess.finishedNs = finishedNs;
    asProcess.startedNs = finishedNs - durationMs * 1'000'000;
    asProcess.standardError = ok() ? QByteArray() : error.toUtf8();
    return asProcess;
}
