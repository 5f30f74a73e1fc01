// SPDX-License-Identifier: GPL-3.0-or-later
#include "observationrelay.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

using namespace std::chrono_literals;

namespace {

constexpr auto DockerTimeout = 20s;
// docker run of an image that is present: about a second here, several on a busy 2-core machine.
constexpr auto StartTimeout = 30s;

QHash<QString, std::weak_ptr<ObservationRelay>>& relaysInThisProcess()
{
    static QHash<QString, std::weak_ptr<ObservationRelay>> relays;
    return relays;
}

} // namespace

QStringList RelayPlan::runArguments() const
{
    QStringList arguments{QStringLiteral("run"), QStringLiteral("-i"), QStringLiteral("--rm"), QStringLiteral("--pull"),
                          QStringLiteral("never"), QStringLiteral("--name"), containerName,
                          QStringLiteral("--label"), ObservationRelay::clusterLabel() + u'=' + cluster,
                          QStringLiteral("--label"), ObservationRelay::ownerLabel() + u'=' + owner,
                          QStringLiteral("--network"), network};
    for (const RelayTarget& target : targets) {
        // An empty host port: Docker picks a free one, so several relays and labs never collide.
        arguments << QStringLiteral("-p") << QStringLiteral("127.0.0.1::%1").arg(target.relayPort);
    }
    arguments << QStringLiteral("--entrypoint") << QStringLiteral("python3") << image << QStringLiteral("-c")
              << ObservationRelay::forwarderScript();
    for (const RelayTarget& target : targets) {
        arguments << QStringLiteral("%1,%2,%3,%4").arg(target.relayPort).arg(target.container).arg(target.containerPort).arg(target.address);
    }
    return arguments;
}

Result<RelayPlan> RelayPlan::make(const DiscoveredCluster& cluster, const QList<Endpoint>& services, const QString& owner,
                                  int sequence)
{
    RelayPlan plan;
    plan.cluster = cluster.name;
    plan.owner = owner;
    plan.network = cluster.sharedNetwork();
    if (plan.network.isEmpty()) {
        return Result<RelayPlan>::failure(
            QCoreApplication::translate("ObservationRelay", "the cluster's containers share no network of their own for a relay to join"));
    }
    for (const ContainerDetails* patroni : cluster.components(ContainerInfo::Component::Patroni)) {
        plan.image = patroni->imageId.isEmpty() ? patroni->info.image : patroni->imageId;
        if (!plan.image.isEmpty()) {
            break;
        }
    }
    if (plan.image.isEmpty()) {
        return Result<RelayPlan>::failure(
            QCoreApplication::translate("ObservationRelay", "the cluster has no Patroni container whose image could run the relay"));
    }
    const QString pid = owner.section(u'/', -1);
    plan.containerName = QStringLiteral("%1-patroni-lab-relay-%2").arg(cluster.name, pid);
    if (sequence > 1) {
        plan.containerName += u'-' + QString::number(sequence);
    }
    for (const Endpoint& service : services) {
        const bool known = std::any_of(plan.targets.cbegin(), plan.targets.cend(), [&service](const RelayTarget& target) {
            return target.container == service.container && target.containerPort == service.containerPort;
        });
        if (known) {
            continue;
        }
        RelayTarget target;
        target.container = service.container;
        target.containerPort = service.containerPort;
        target.relayPort = RelayPlan::FirstRelayPort + int(plan.targets.size());
        if (const ContainerDetails* details = cluster.find(service.container)) {
            for (const NetworkAttachment& attachment : details->networks) {
                if (attachment.network == plan.network) {
                    target.address = attachment.ipAddress;
                }
            }
        }
        plan.targets << target;
    }
    if (plan.targets.isEmpty()) {
        return Result<RelayPlan>::failure(QCoreApplication::translate("ObservationRelay", "every service is published already"));
    }
    return Result<RelayPlan>::success(plan);
}

std::shared_ptr<ObservationRelay> ObservationRelay::acquire(const DiscoveredCluster& cluster, const QList<Endpoint>& services,
                                                            const DockerCli& docker)
{
    static int sequence = 0;
    const QString key = docker.executable() + u'\n' + cluster.name;
    if (std::shared_ptr<ObservationRelay> shared = relaysInThisProcess().value(key).lock();
        shared && shared->state() != State::Unavailable) {
        return shared;
    }
    const auto plan = RelayPlan::make(cluster, services, thisOwner(), ++sequence);
    // Deleted later: the last owner may let go inside one of the relay's own signals.
    std::shared_ptr<ObservationRelay> relay(new ObservationRelay(plan.ok() ? plan.value() : RelayPlan{}, docker),
                                            [](ObservationRelay* gone) {
                                                gone->shutdown();
                                                gone->deleteLater();
                                            });
    if (!plan.ok()) {
        relay->m_state = State::Unavailable;
        relay->m_reason = plan.error();
        return relay;
    }
    relaysInThisProcess().insert(key, relay);
    relay->start();
    return relay;
}

ObservationRelay::ObservationRelay(RelayPlan plan, const DockerCli& docker)
    : m_plan(std::move(plan))
    , m_docker(docker)
{
    m_startDeadline.setSingleShot(true);
    m_startDeadline.setInterval(StartTimeout);
    connect(&m_startDeadline, &QTimer::timeout, this, [this] {
        fail(tr("the relay container did not start within %1 s").arg(std::chrono::seconds(StartTimeout).count()));
    });
}

ObservationRelay::~ObservationRelay()
{
    shutdown();
}

QString ObservationRelay::thisOwner()
{
    return QSysInfo::machineHostName() + u'/' + QString::number(QCoreApplication::applicationPid());
}

int ObservationRelay::hostPort(const QString& container, int containerPort) const
{
    if (m_state != State::Ready) {
        return 0;
    }
    for (const RelayTarget& target : m_plan.targets) {
        if (target.container == container && target.containerPort == containerPort) {
            return m_hostPorts.value(target.relayPort);
        }
    }
    return 0;
}

QString ObservationRelay::forwarderScript()
{
    // Python 3.6+ and its standard library only. A name is resolved at each new connection, so a restarted or
    // reconnected node is found at its new address; the discovered address is used only while the network has never
    // resolved the name (a network without DNS), never after, when it may belong to another container by now.
    // Half-closes are passed on (HTTP clients may shut down their sending side). RELAY_LISTEN (tests only) binds
    // another address than the container's 0.0.0.0.
    return QStringLiteral(R"(import asyncio, os, signal, socket, sys, threading
async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except Exception:
        writer.close()
def forward(name, port, address):
    resolved = [False]
    async def handle(client_reader, client_writer):
        try:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(name, port), 5)
                resolved[0] = True
            except socket.gaierror:
                if resolved[0] or not address:
                    raise
                reader, writer = await asyncio.wait_for(asyncio.open_connection(address, port), 5)
        except Exception:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, writer), pipe(reader, client_writer))
        writer.close()
        client_writer.close()
    return handle
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
signal.signal(signal.SIGINT, signal.SIG_IGN)
threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
for target in sys.argv[1:]:
    listen, name, port, address = target.split(',')
    server = asyncio.start_server(forward(name, int(port), address), os.environ.get('RELAY_LISTEN', '0.0.0.0'), int(listen))
    loop.run_until_complete(server)
print('ready', flush=True)
loop.run_forever()
)");
}

Result<QHash<int, int>> ObservationRelay::parsePortOutput(const QByteArray& output)
{
    static const QRegularExpression line(QStringLiteral(R"(^(\d+)/tcp\s*->\s*(\S+):(\d+)$)"));
    QHash<int, int> ports;
    const QStringList lines = QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& text : lines) {
        const QRegularExpressionMatch match = line.match(text.trimmed());
        if (!match.hasMatch()) {
            return Result<QHash<int, int>>::failure(
                QStringLiteral("docker port printed '%1', not 'PORT/tcp -> ADDRESS:PORT'").arg(text.trimmed()));
        }
        ports.insert(match.captured(1).toInt(), match.captured(3).toInt());
    }
    return Result<QHash<int, int>>::success(ports);
}

QStringList ObservationRelay::staleRelays(const QList<ContainerInfo>& relays, const QString& thisHost,
                                          const std::function<bool(qint64)>& processAlive)
{
    QStringList stale;
    for (const ContainerInfo& relay : relays) {
        if (!isRelay(relay)) {
            continue;
        }
        if (relay.state != ContainerInfo::State::Running) {
            stale << relay.name;
            continue;
        }
        const QString owner = relay.labels.value(ownerLabel());
        const QString host = owner.section(u'/', 0, -2);
        bool numeric = false;
        const qint64 pid = owner.section(u'/', -1).toLongLong(&numeric);
        if (host == thisHost && numeric && pid > 0 && !processAlive(pid)) {
            stale << relay.name;
        }
    }
    return stale;
}

bool ObservationRelay::processAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
#else
    // Not known here: leave it; a relay ends by itself when its owner's standard input closes.
    Q_UNUSED(pid);
    return true;
#endif
}

void ObservationRelay::start()
{
    m_startDeadline.start();
    removeStaleRelays();
}

void ObservationRelay::removeStaleRelays()
{
    ProcessJob* list = m_docker.job({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"),
                                     QStringLiteral("label=") + clusterLabel() + u'=' + m_plan.cluster, QStringLiteral("--format"), QStringLiteral("{{json .}}")},
                                    this, DockerTimeout);
    connect(list, &ProcessJob::finished, this, [this, list](const ProcessResult& result) {
        list->deleteLater();
        if (m_state != State::Starting) {
            return;
        }
        const auto relays = result.succeeded() ? DockerPs::parse(result.standardOutput)
                                               : Result<QList<ContainerInfo>>::failure(DockerCli::explainFailure(result));
        if (!relays.ok()) {
            fail(relays.error());
            return;
        }
        const QStringList stale = staleRelays(relays.value(), QSysInfo::machineHostName(), &ObservationRelay::processAlive);
        if (stale.isEmpty()) {
            run();
            return;
        }
        ProcessJob* remove = m_docker.job(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + stale, this, DockerTimeout);
        connect(remove, &ProcessJob::finished, this, [this, remove, stale](const ProcessResult& removed) {
            remove->deleteLater();
            if (m_state != State::Starting) {
                return;
            }
            emit note(removed.succeeded()
                          ? tr("removed %1, a relay container whose process is gone").arg(stale.join(QStringLiteral(", ")))
                          : tr("could not remove the stale relay container %1: %2")
                                .arg(stale.join(QStringLiteral(", ")), DockerCli::explainFailure(removed)));
            run();
        });
        remove->start();
    });
    list->start();
}

void ObservationRelay::run()
{
    m_run = m_docker.job(m_plan.runArguments(), this, 0ms);
    m_run->setKeepStandardInputOpen(true);
    connect(m_run, &ProcessJob::outputLine, this, [this](const QString& line) {
        if (m_state == State::Starting && line == QLatin1StringView("ready")) {
            readPorts();
        }
    });
    connect(m_run, &ProcessJob::finished, this, [this](const ProcessResult& result) {
        const QString why = result.lastErrorLine().isEmpty() ? DockerCli::explainFailure(result) : result.lastErrorLine();
        if (m_state == State::Starting) {
            fail(tr("the relay container could not start: %1").arg(why));
        } else if (m_state == State::Ready) {
            fail(tr("the relay container %1 stopped: %2").arg(m_plan.containerName, why));
        }
    });
    m_run->start();
}

void ObservationRelay::readPorts()
{
    ProcessJob* job = m_docker.job({QStringLiteral("port"), m_plan.containerName}, this, DockerTimeout);
    connect(job, &ProcessJob::finished, this, [this, job](const ProcessResult& result) {
        job->deleteLater();
        if (m_state != State::Starting) {
            return;
        }
        const auto ports = result.succeeded() ? parsePortOutput(result.standardOutput)
                                              : Result<QHash<int, int>>::failure(DockerCli::explainFailure(result));
        if (!ports.ok()) {
            fail(tr("the relay's ports cannot be read: %1").arg(ports.error()));
            return;
        }
        for (const RelayTarget& target : std::as_const(m_plan.targets)) {
            if (ports.value().value(target.relayPort) <= 0) {
                fail(tr("the relay's port %1 is not published on 127.0.0.1").arg(target.relayPort));
                return;
            }
        }
        m_hostPorts = ports.value();
        m_startDeadline.stop();
        m_state = State::Ready;
        emit ready();
    });
    job->start();
}

void ObservationRelay::fail(const QString& reason)
{
    if (m_state == State::Unavailable) {
        return;
    }
    m_state = State::Unavailable;
    m_reason = reason;
    m_startDeadline.stop();
    shutdown();
    emit unavailable(reason);
}

void ObservationRelay::shutdown()
{
    if (m_run && m_run->isRunning()) {
        // The forwarder exits when its standard input ends, and --rm removes the container; the job's end (or
        // its destructor) kills the docker CLI as well, which ends the attachment all the same.
        m_run->disconnect(this);
        m_run->closeStandardInput();
        m_run->cancel();
    }
}
