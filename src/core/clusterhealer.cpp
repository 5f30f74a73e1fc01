// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterhealer.h"

#include "labassets.h"

ClusterHealer::ClusterHealer(const DiscoveredCluster& cluster, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_cluster(cluster)
    , m_network(cluster.sharedNetwork())
    , m_docker(docker)
    , m_runtime(new DockerRuntime(docker, this))
{
    connect(m_runtime, &DockerRuntime::actionFinished, this, [this](const NodeActionRequest& request, const ProcessResult& result) {
        const QString what = NodeActions::describe(request) + u' ' + request.container;
        if (result.succeeded()) {
            m_done << what;
        } else {
            m_failed << what + QStringLiteral(" (") + DockerCli::explainFailure(result) + u')';
        }
        emit actionFinished(request, result);
        runNext();
    });
}

QList<NodeActionRequest> ClusterHealer::plan(const DiscoveredCluster& current, const QString& network,
                                             const QList<HaproxyBackendState>& haproxyServers,
                                             const QHash<QString, FaultSurvey>& surveys, const HostResources& host)
{
    QList<NodeActionRequest> inside;
    QList<NodeActionRequest> restartOrphaned;
    for (const ContainerDetails& container : current.containers) {
        const auto survey = surveys.constFind(container.info.name);
        for (const NodeActionRequest& request :
             NodeFaults::healActions(container, survey == surveys.cend() ? nullptr : &*survey, host)) {
            (request.action == NodeAction::Restart ? restartOrphaned : inside) << request;
        }
    }
    QList<NodeActionRequest> unpause;
    QList<NodeActionRequest> start;
    QList<NodeActionRequest> reconnect;
    QList<NodeActionRequest> haproxy;
    for (const ContainerDetails& container : current.containers) {
        NodeActionRequest request;
        request.container = container.info.name;
        switch (container.info.state) {
        case ContainerInfo::State::Paused:
            request.action = NodeAction::Unpause;
            unpause << request;
            break;
        case ContainerInfo::State::Exited:
        case ContainerInfo::State::Created:
        case ContainerInfo::State::Dead:
            request.action = NodeAction::Start;
            start << request;
            break;
        default:
            break;
        }
        const auto attachment = std::find_if(container.networks.cbegin(), container.networks.cend(),
                                             [&network](const NetworkAttachment& attached) { return attached.network == network; });
        NodeActionRequest connect = current.actionRequest(NodeAction::Connect, container);
        connect.network = network;
        // A stopped container keeps its network attachment; one that was cut off has none to come back to.
        if (attachment == container.networks.cend() && !network.isEmpty()) {
            reconnect << connect;
        } else if (attachment != container.networks.cend() && !connect.ipv4Address.isEmpty()
                   && !attachment->ipAddress.isEmpty() && attachment->ipAddress != connect.ipv4Address) {
            // Reconnected by hand without --ip: Docker gave it another address, where HAProxy does not look.
            NodeActionRequest disconnect = connect;
            disconnect.action = NodeAction::Disconnect;
            reconnect << disconnect << connect;
        }
    }
    // An HAProxy that resolved names while Docker handed two nodes each other's addresses keeps checking one node's
    // server at the other's address; it resolves them again when it restarts.
    QHash<QString, QString> memberAtAddress;
    for (const ContainerDetails& container : current.containers) {
        for (const NetworkAttachment& attachment : container.networks) {
            if (attachment.network == network && !attachment.ipAddress.isEmpty()) {
                memberAtAddress.insert(attachment.ipAddress, container.info.composeService().isEmpty() ? container.hostname
                                                                                                      : container.info.composeService());
            }
        }
    }
    const auto confused = std::any_of(haproxyServers.cbegin(), haproxyServers.cend(), [&](const HaproxyBackendState& server) {
        const QString member = memberAtAddress.value(server.address.section(u':', 0, 0));
        return !member.isEmpty() && member != server.server;
    });
    const QList<const ContainerDetails*> proxies = current.components(ContainerInfo::Component::Haproxy);
    if (confused && !proxies.isEmpty() && proxies.first()->info.state == ContainerInfo::State::Running) {
        NodeActionRequest restart;
        restart.action = NodeAction::Restart;
        restart.container = proxies.first()->info.name;
        haproxy << restart;
    }
    // Reconnect before starting: a node that starts without its network would come up partitioned. The faults
    // inside a container go before its network returns, so a node comes back as it was, not impaired.
    return unpause + inside + reconnect + start + restartOrphaned + haproxy;
}

void ClusterHealer::start()
{
    auto* discovery = new ClusterDiscovery(m_cluster.name, m_docker, this);
    connect(discovery, &ClusterDiscovery::finished, this, [this, discovery](const Result<DiscoveredCluster>& current) {
        discovery->deleteLater();
        if (!current.ok()) {
            emit finished(false, current.error());
            return;
        }
        auto* surveyor = new FaultSurveyor(m_docker, LabAssets::imageTag(), this);
        connect(surveyor, &FaultSurveyor::finished, this,
                [this, surveyor, cluster = current.value()](const QHash<QString, FaultSurvey>& surveys,
                                                            const HostResources& host, const QStringList& errors) {
                    surveyor->deleteLater();
                    // A container that could not be looked into is healed from docker's view; the summary says so,
                    // once per reason (a missing helper image is the same sentence for every container).
                    QMap<QString, QStringList> containersByReason;
                    for (const QString& error : errors) {
                        containersByReason[error.section(QStringLiteral(": "), 1)] << error.section(QStringLiteral(": "), 0, 0);
                    }
                    for (auto it = containersByReason.cbegin(); it != containersByReason.cend(); ++it) {
                        m_notes << QStringLiteral("could not look inside %1: %2").arg(it.value().join(QStringLiteral(", ")), it.key());
                    }
                    m_plan = plan(cluster, m_network, m_haproxyServers, surveys, host);
                    runNext();
                });
        surveyor->start(current.value().containers);
    });
    discovery->start();
}

void ClusterHealer::runNext()
{
    if (!m_plan.isEmpty()) {
        m_runtime->run(m_plan.takeFirst());
        return;
    }
    const QString notes = m_notes.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_notes.join(QStringLiteral("; ")));
    if (!m_failed.isEmpty()) {
        emit finished(false, QStringLiteral("healing failed: %1").arg(m_failed.join(QStringLiteral("; "))) + notes);
    } else if (m_done.isEmpty()) {
        emit finished(true, QStringLiteral("nothing to heal: every container runs, is connected and has no fault "
                                           "injected")
                                + notes);
    } else {
        emit finished(true, QStringLiteral("healed: %1").arg(m_done.join(QStringLiteral(", "))) + notes);
    }
}
