// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterhealer.h"

ClusterHealer::ClusterHealer(const DiscoveredCluster& cluster, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_cluster(cluster)
    , m_network(cluster.sharedNetwork())
    , m_docker(docker)
    , m_runtime(new DockerRuntime(docker, this))
{
    connect(m_runtime, &DockerRuntime::actionFinished, this, [this](const NodeActionRequest& request, const ProcessResult& result) {
        const QString what = NodeActions::name(request.action) + u' ' + request.container;
        if (result.succeeded()) {
            m_done << what;
        } else {
            m_failed << what + QStringLiteral(" (") + DockerCli::explainFailure(result) + u')';
        }
        emit actionFinished(request, result);
        runNext();
    });
}

QList<NodeActionRequest> ClusterHealer::plan(const DiscoveredCluster& current, const QString& network)
{
    QList<NodeActionRequest> unpause;
    QList<NodeActionRequest> start;
    QList<NodeActionRequest> reconnect;
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
        const bool attached = std::any_of(container.networks.cbegin(), container.networks.cend(),
                                          [&network](const NetworkAttachment& attachment) { return attachment.network == network; });
        // A stopped container keeps its network attachment; one that was cut off has none to come back to.
        if (!attached && !network.isEmpty()) {
            NodeActionRequest connect;
            connect.action = NodeAction::Connect;
            connect.container = container.info.name;
            connect.network = network;
            connect.aliases = current.aliasesFor(container);
            reconnect << connect;
        }
    }
    // Reconnect before starting: a node that starts without its network would come up partitioned.
    return unpause + reconnect + start;
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
        m_plan = plan(current.value(), m_network);
        runNext();
    });
    discovery->start();
}

void ClusterHealer::runNext()
{
    if (!m_plan.isEmpty()) {
        m_runtime->run(m_plan.takeFirst());
        return;
    }
    if (!m_failed.isEmpty()) {
        emit finished(false, QStringLiteral("healing failed: %1").arg(m_failed.join(QStringLiteral("; "))));
    } else if (m_done.isEmpty()) {
        emit finished(true, QStringLiteral("nothing to heal: every container runs and is connected"));
    } else {
        emit finished(true, QStringLiteral("healed: %1").arg(m_done.join(QStringLiteral(", "))));
    }
}
