// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterdiscovery.h"

#include "observationrelay.h"

#include <QCoreApplication>

#include <algorithm>

using namespace std::chrono_literals;

namespace {

constexpr auto DockerTimeout = 20s;

QString prefixOf(const QString& name)
{
    return name + u'-';
}

} // namespace

QList<const ContainerDetails*> DiscoveredCluster::components(ContainerInfo::Component component) const
{
    QList<const ContainerDetails*> result;
    for (const ContainerDetails& container : containers) {
        if (container.info.component() == component) {
            result.append(&container);
        }
    }
    std::sort(result.begin(), result.end(), [](auto* a, auto* b) { return a->info.name < b->info.name; });
    return result;
}

QString DiscoveredCluster::haproxyContainer() const
{
    const QList<const ContainerDetails*> haproxies = components(ContainerInfo::Component::Haproxy);
    return haproxies.isEmpty() ? QString() : haproxies.first()->info.name;
}

const ContainerDetails* DiscoveredCluster::find(const QString& nameOrService) const
{
    for (const ContainerDetails& container : containers) {
        if (container.info.name == nameOrService || container.info.composeService() == nameOrService
            || container.info.name == prefixOf(name) + nameOrService) {
            return &container;
        }
    }
    return nullptr;
}

QStringList DiscoveredCluster::containerNames() const
{
    QStringList names;
    for (const ContainerDetails& container : containers) {
        names << container.info.name;
    }
    names.sort();
    return names;
}

QString DiscoveredCluster::sharedNetwork() const
{
    for (const ContainerDetails& container : containers) {
        for (const NetworkAttachment& network : container.networks) {
            if (network.network != QLatin1StringView("bridge") && network.network != QLatin1StringView("host")) {
                return network.network;
            }
        }
    }
    return {};
}

QStringList DiscoveredCluster::aliasesFor(const ContainerDetails& container) const
{
    QStringList aliases;
    for (const QString& alias : {container.info.composeService(), container.hostname}) {
        if (!alias.isEmpty() && !aliases.contains(alias)) {
            aliases << alias;
        }
    }
    return aliases;
}

QString DiscoveredCluster::fixedAddressFor(const ContainerDetails& container)
{
    return container.info.labels.value(QStringLiteral("org.patroni-lab.ipv4"));
}

NodeActionRequest DiscoveredCluster::actionRequest(NodeAction action, const ContainerDetails& container) const
{
    NodeActionRequest request;
    request.action = action;
    request.container = container.info.name;
    request.network = sharedNetwork();
    request.aliases = aliasesFor(container);
    request.ipv4Address = fixedAddressFor(container);
    return request;
}

QStringList DiscoveredCluster::psFilterArguments() const
{
    if (byComposeLabel) {
        return {QStringLiteral("--filter"), QStringLiteral("label=com.docker.compose.project=") + name};
    }
    return {QStringLiteral("--filter"), QStringLiteral("name=") + prefixOf(name)};
}

bool DiscoveredCluster::belongs(const ContainerInfo& container) const
{
    // The app's own relay is named CLUSTER-patroni-lab-relay-…: never a member, though its name has the prefix.
    if (ObservationRelay::isRelay(container)) {
        return false;
    }
    return byComposeLabel ? container.composeProject() == name : container.name.startsWith(prefixOf(name));
}

ClusterDiscovery::ClusterDiscovery(QString name, const DockerCli& docker, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_docker(docker)
{
    m_cluster.name = m_name;
}

QString ClusterDiscovery::unknownContainerError(const QString& requested, const DiscoveredCluster& cluster)
{
    return QStringLiteral("unknown container '%1': cluster '%2' has %3")
        .arg(requested, cluster.name, cluster.containerNames().join(QStringLiteral(", ")));
}

Result<QString> ClusterDiscovery::clusterForContainer(const QList<ContainerInfo>& all, const QString& requested,
                                                     const QString& defaultCluster)
{
    const auto clusterOf = [](const ContainerInfo& container) {
        if (!container.composeProject().isEmpty()) {
            return container.composeProject();
        }
        const qsizetype dash = container.name.lastIndexOf(u'-');
        return dash > 0 ? container.name.left(dash) : QString();
    };
    // What the default cluster's discovery would find under this name (DiscoveredCluster::find).
    const ContainerInfo* inDefault = nullptr;
    const ContainerInfo* exact = nullptr;
    QList<const ContainerInfo*> services;
    for (const ContainerInfo& container : all) {
        const bool ofDefault = container.composeProject() == defaultCluster || container.name.startsWith(prefixOf(defaultCluster));
        if (container.name == requested) {
            exact = &container;
        }
        if (ofDefault && (container.composeService() == requested || container.name == prefixOf(defaultCluster) + requested)) {
            inDefault = &container;
        }
        if (container.composeService() == requested) {
            services << &container;
        }
    }
    if (exact) {
        if (inDefault && inDefault != exact) {
            return Result<QString>::failure(
                QStringLiteral("'%1' is ambiguous: it is the container %1 and also service %1 of cluster '%2' (container %3); "
                               "give --project to say which cluster you mean")
                    .arg(requested, defaultCluster, inDefault->name));
        }
        const QString cluster = clusterOf(*exact);
        if (cluster.isEmpty()) {
            return Result<QString>::failure(
                QStringLiteral("container '%1' belongs to no compose project and its name has no 'CLUSTER-' prefix: "
                               "give --project with the cluster's project or name prefix")
                    .arg(requested));
        }
        return Result<QString>::success(cluster);
    }
    if (inDefault) {
        return Result<QString>::success(defaultCluster);
    }
    if (services.size() == 1) {
        return Result<QString>::success(clusterOf(*services.first()));
    }
    if (services.size() > 1) {
        QStringList candidates;
        for (const ContainerInfo* container : std::as_const(services)) {
            candidates << container->name;
        }
        candidates.sort();
        return Result<QString>::failure(
            QStringLiteral("'%1' is a service of several clusters (%2): name the container in full, or give --project")
                .arg(requested, candidates.join(QStringLiteral(", "))));
    }
    return Result<QString>::failure(
        QStringLiteral("no container named '%1', and no cluster has a service '%1': name a container as 'docker ps -a' "
                       "lists it (for example %2-patroni1), or give --project")
            .arg(requested, defaultCluster));
}

void ClusterDiscovery::start()
{
    listByLabel();
}

void ClusterDiscovery::runDocker(const QStringList& arguments, const std::function<void(const QByteArray&)>& onOutput)
{
    ProcessJob* job = m_docker.job(arguments, this, DockerTimeout);
    connect(job, &ProcessJob::finished, this, [this, job, onOutput](const ProcessResult& result) {
        job->deleteLater();
        if (result.succeeded()) {
            onOutput(result.standardOutput);
        } else {
            fail(result);
        }
    });
    job->start();
}

void ClusterDiscovery::listByLabel()
{
    runDocker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
               QStringLiteral("label=com.docker.compose.project=") + m_name},
              [this](const QByteArray& output) {
                  const QStringList ids = QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts);
                  if (ids.isEmpty()) {
                      listByPrefix();
                      return;
                  }
                  m_cluster.byComposeLabel = true;
                  inspect(ids);
              });
}

void ClusterDiscovery::listByPrefix()
{
    runDocker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"), QStringLiteral("name=") + prefixOf(m_name),
               QStringLiteral("--format"), QStringLiteral("{{.ID}} {{.Names}}")},
              [this](const QByteArray& output) {
                  QStringList ids;
                  // docker's name filter matches anywhere in the name; only a true prefix counts.
                  const QStringList lines = QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts);
                  for (const QString& line : lines) {
                      const QStringList parts = line.split(u' ');
                      if (parts.size() == 2 && parts.at(1).startsWith(prefixOf(m_name))) {
                          ids << parts.at(0);
                      }
                  }
                  if (ids.isEmpty()) {
                      failNotFound();
                      return;
                  }
                  inspect(ids);
              });
}

void ClusterDiscovery::inspect(const QStringList& ids)
{
    runDocker(QStringList{QStringLiteral("inspect")} + ids, [this](const QByteArray& output) {
        auto parsed = DockerInspect::parse(output);
        if (!parsed.ok()) {
            emit finished(Result<DiscoveredCluster>::failure(parsed.error()));
            return;
        }
        m_cluster.containers.clear();
        for (const ContainerDetails& container : parsed.value()) {
            if (m_cluster.belongs(container.info)) {
                m_cluster.containers << container;
            }
        }
        if (m_cluster.containers.isEmpty()) {
            failNotFound();
            return;
        }
        emit finished(Result<DiscoveredCluster>::success(m_cluster));
    });
}

void ClusterDiscovery::failNotFound()
{
    emit finished(Result<DiscoveredCluster>::failure(
        QCoreApplication::translate("ClusterDiscovery", "no containers of cluster '%1' found (no compose project '%1', no container "
                                                        "named '%1-*'): start the lab with 'patroni-lab-cli lab up --project %1', or name "
                                                        "the right project or prefix")
            .arg(m_name)));
}

void ClusterDiscovery::fail(const ProcessResult& result)
{
    m_dockerUnavailable = DockerCli::isDockerUnavailable(result);
    emit finished(Result<DiscoveredCluster>::failure(DockerCli::explainFailure(result)));
}
