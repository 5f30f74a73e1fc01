// SPDX-License-Identifier: GPL-3.0-or-later
#include "labstatus.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace {

QUrl loopbackUrl(int port, const QString& path)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(LabDefinition::host());
    url.setPort(port);
    url.setPath(path);
    return url;
}

QNetworkReply* getWithTimeout(QNetworkAccessManager* network, const QUrl& url, std::chrono::milliseconds timeout)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    return network->get(request);
}

int httpStatusOf(QNetworkReply* reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

const ContainerInfo* LabStatus::container(const QString& service) const
{
    for (const ContainerInfo& info : containers) {
        if (info.composeService() == service || info.name == lab.containerName(service)) {
            return &info;
        }
    }
    return nullptr;
}

int LabStatus::healthyEtcdCount() const
{
    return static_cast<int>(std::count_if(etcd.cbegin(), etcd.cend(), [](const auto& m) { return m.healthy; }));
}

QStringList LabStatus::writeRouting() const
{
    return haproxy ? haproxy->upServers(QStringLiteral("primary")) : QStringList{};
}

QList<LabProblem> LabStatus::problems() const
{
    if (!dockerError.isEmpty()) {
        return {{QString(), dockerError}};
    }
    QList<LabProblem> problems;
    if (!containersError.isEmpty()) {
        problems.append({QString(), containersError});
    }
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = container(service);
        if (!info) {
            problems.append({service, QStringLiteral("container %1 does not exist").arg(lab.containerName(service))});
        } else if (info->state != ContainerInfo::State::Running) {
            problems.append({service, QStringLiteral("container %1 is %2 (%3)")
                                          .arg(info->name, ContainerInfo::stateName(info->state), info->statusText)});
        }
    }
    if (!cluster) {
        problems.append({LabDefinition::patroniServices().first(), clusterError});
    } else {
        if (cluster->leaderCount() != 1) {
            problems.append({QString(), QStringLiteral("Patroni reports %1 leaders, expected 1").arg(cluster->leaderCount())});
        }
        for (const QString& service : LabDefinition::patroniServices()) {
            const PatroniMember* member = cluster->member(service);
            if (!member) {
                problems.append({service, QStringLiteral("%1 is not registered in Patroni's cluster").arg(service)});
            } else if (!member->isLeader() && !member->isStreaming()) {
                problems.append({service, QStringLiteral("%1 is a %2 in state '%3', not streaming")
                                              .arg(service, member->displayRole().toLower(), member->state)});
            }
        }
    }
    for (const EtcdMemberStatus& member : etcd) {
        if (!member.healthy) {
            problems.append({member.name, QStringLiteral("etcd member %1 (127.0.0.1:%2) is unhealthy: %3")
                                              .arg(member.name)
                                              .arg(member.port)
                                              .arg(member.error)});
        }
    }
    if (!haproxy) {
        problems.append({LabDefinition::haproxyService(), haproxyError});
    } else if (cluster && cluster->leader()) {
        const QStringList routing = writeRouting();
        if (routing != QStringList{cluster->leader()->name}) {
            problems.append({LabDefinition::haproxyService(),
                             QStringLiteral("HAProxy routes writes to [%1] but the Patroni leader is %2")
                                 .arg(routing.join(QStringLiteral(", ")), cluster->leader()->name)});
        }
        QStringList replicas;
        for (const PatroniMember& member : cluster->members) {
            if (member.isStreaming()) {
                replicas << member.name;
            }
        }
        QStringList readRouting = haproxy->upServers(QStringLiteral("replicas"));
        readRouting.sort();
        replicas.sort();
        if (readRouting != replicas) {
            problems.append({LabDefinition::haproxyService(),
                             QStringLiteral("HAProxy balances reads (port %1) over [%2] but the streaming replicas are [%3]")
                                 .arg(lab.replicasPort())
                                 .arg(readRouting.join(QStringLiteral(", ")), replicas.join(QStringLiteral(", ")))});
        }
    }
    return problems;
}

QJsonObject LabStatus::toJson() const
{
    QJsonArray containerArray;
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = container(service);
        containerArray.append(QJsonObject{
            {QStringLiteral("service"), service},
            {QStringLiteral("name"), lab.containerName(service)},
            {QStringLiteral("state"), info ? ContainerInfo::stateName(info->state) : QStringLiteral("missing")},
            {QStringLiteral("status"), info ? info->statusText : QString()},
        });
    }
    QJsonArray memberArray;
    if (cluster) {
        for (const PatroniMember& member : cluster->members) {
            QJsonObject object{{QStringLiteral("name"), member.name},
                               {QStringLiteral("role"), member.displayRole()},
                               {QStringLiteral("state"), member.state},
                               {QStringLiteral("host"), member.host}};
            if (member.timeline) {
                object.insert(QStringLiteral("timeline"), *member.timeline);
            }
            if (member.lagBytes) {
                object.insert(QStringLiteral("lag_bytes"), *member.lagBytes);
            }
            memberArray.append(object);
        }
    }
    QJsonArray etcdArray;
    for (const EtcdMemberStatus& member : etcd) {
        etcdArray.append(QJsonObject{{QStringLiteral("name"), member.name},
                                     {QStringLiteral("port"), member.port},
                                     {QStringLiteral("healthy"), member.healthy},
                                     {QStringLiteral("error"), member.error}});
    }
    QJsonArray problemArray;
    for (const LabProblem& problem : problems()) {
        problemArray.append(problem.text);
    }
    return QJsonObject{
        {QStringLiteral("project"), lab.project},
        {QStringLiteral("port_base"), lab.portBase},
        {QStringLiteral("healthy"), problemArray.isEmpty()},
        {QStringLiteral("problems"), problemArray},
        {QStringLiteral("containers"), containerArray},
        {QStringLiteral("leader"), cluster && cluster->leader() ? cluster->leader()->name : QString()},
        {QStringLiteral("members"), memberArray},
        {QStringLiteral("etcd"), etcdArray},
        {QStringLiteral("etcd_healthy"), healthyEtcdCount()},
        {QStringLiteral("haproxy_write_routing"), QJsonArray::fromStringList(writeRouting())},
    };
}

LabProbe::LabProbe(const LabDefinition& lab, QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{
    m_status.lab = lab;
}

void LabProbe::start()
{
    // docker ps, Patroni, 3 etcd members, HAProxy.
    m_pendingParts = 3 + LabDefinition::NodesPerKind;
    ProcessJob* ps = m_docker.job({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"),
                                   QStringLiteral("label=com.docker.compose.project=") + m_status.lab.project,
                                   QStringLiteral("--format"), QStringLiteral("{{json .}}")},
                                  this, std::chrono::seconds(20));
    connect(ps, &ProcessJob::finished, this, [this, ps](const ProcessResult& result) {
        ps->deleteLater();
        if (!result.succeeded()) {
            if (DockerCli::isDockerUnavailable(result)) {
                m_status.dockerError = DockerCli::explainFailure(result);
            }
            m_status.containersError = DockerCli::explainFailure(result);
        } else {
            auto parsed = DockerPs::parse(result.standardOutput);
            if (parsed.ok()) {
                m_status.containers = parsed.value();
            } else {
                m_status.containersError = parsed.error();
            }
        }
        partDone();
    });
    ps->start();
    askPatroni(1);
    for (int member = 1; member <= LabDefinition::NodesPerKind; ++member) {
        EtcdMemberStatus status;
        status.name = LabDefinition::etcdServices().at(member - 1);
        status.port = m_status.lab.etcdClientPort(member);
        m_status.etcd.append(status);
        askEtcd(member);
    }
    askHaproxy();
}

void LabProbe::askPatroni(int memberIndex)
{
    const int port = m_status.lab.patroniRestPort(memberIndex);
    QNetworkReply* reply = getWithTimeout(m_network, loopbackUrl(port, QStringLiteral("/cluster")), m_httpTimeout);
    connect(reply, &QNetworkReply::finished, this, [this, reply, memberIndex, port] {
        reply->deleteLater();
        if (reply->error() == QNetworkReply::NoError) {
            auto parsed = PatroniApi::parseCluster(reply->readAll());
            if (parsed.ok()) {
                m_status.cluster = parsed.value();
                m_status.clusterPort = port;
                partDone();
                return;
            }
            m_status.clusterError = parsed.error();
        } else if (m_status.clusterError.isEmpty() || memberIndex == 1) {
            m_status.clusterError = QStringLiteral("Patroni REST API on 127.0.0.1:%1-%2 does not answer (%3)")
                                        .arg(m_status.lab.patroniRestPort(1))
                                        .arg(m_status.lab.patroniRestPort(LabDefinition::NodesPerKind))
                                        .arg(reply->errorString());
        }
        // A stopped member must not hide the cluster: ask the next one.
        if (memberIndex < LabDefinition::NodesPerKind) {
            askPatroni(memberIndex + 1);
        } else {
            partDone();
        }
    });
}

void LabProbe::askEtcd(int memberIndex)
{
    const int port = m_status.lab.etcdClientPort(memberIndex);
    QNetworkReply* reply = getWithTimeout(m_network, loopbackUrl(port, QStringLiteral("/health")), m_httpTimeout);
    connect(reply, &QNetworkReply::finished, this, [this, reply, memberIndex] {
        reply->deleteLater();
        EtcdMemberStatus& member = m_status.etcd[memberIndex - 1];
        member.httpStatus = httpStatusOf(reply);
        const QByteArray body = reply->readAll();
        if (member.httpStatus == 0) {
            member.error = QStringLiteral("no answer (%1)").arg(reply->errorString());
        } else {
            member.reachable = true;
            auto health = EtcdApi::parseHealth(body);
            member.healthy = health.ok() && health.value().healthy && member.httpStatus == 200;
            if (!member.healthy) {
                member.error = health.ok() ? QStringLiteral("HTTP %1, %2")
                                                 .arg(member.httpStatus)
                                                 .arg(health.value().reason.isEmpty() ? QStringLiteral("no raft leader")
                                                                                      : health.value().reason)
                                           : health.error();
            }
        }
        partDone();
    });
}

void LabProbe::askHaproxy()
{
    QNetworkReply* reply = getWithTimeout(m_network, loopbackUrl(m_status.lab.haproxyStatsPort(), QStringLiteral("/;csv")),
                                          m_httpTimeout);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            m_status.haproxyError = QStringLiteral("HAProxy stats on 127.0.0.1:%1 do not answer (%2)")
                                        .arg(m_status.lab.haproxyStatsPort())
                                        .arg(reply->errorString());
        } else {
            auto parsed = HaproxyStatsParser::parse(reply->readAll());
            if (parsed.ok()) {
                m_status.haproxy = parsed.value();
            } else {
                m_status.haproxyError = parsed.error();
            }
        }
        partDone();
    });
}

void LabProbe::partDone()
{
    if (--m_pendingParts == 0) {
        emit finished(m_status);
    }
}
