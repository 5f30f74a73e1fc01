// SPDX-License-Identifier: GPL-3.0-or-later
#include "labcontroller.h"

#include "labassets.h"
#include "labclock.h"
#include "labnetwork.h"
#include "observationrelay.h"

#include <QFile>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QtConcurrent>

using namespace std::chrono_literals;

namespace {

constexpr auto ProbeTimeout = 20s;
constexpr auto BuildTimeout = 30min;
constexpr auto ComposeTimeout = 5min;
constexpr int LogLinesOnFailure = 15;

bool isBuildProgressLine(const QString& line)
{
    // Legacy builder: "Step 3/9 : RUN ..."; BuildKit: "#7 [2/4] RUN ...".
    static const QRegularExpression buildKitStep(QStringLiteral("^#\\d+ \\[.*\\d+/\\d+\\]"));
    return line.startsWith(QLatin1StringView("Step ")) || buildKitStep.match(line).hasMatch();
}

} // namespace

LabController::LabController(const LabDefinition& lab, QObject* parent)
    : QObject(parent)
    , m_lab(lab)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &LabController::pollReadiness);
}

LabController::~LabController() = default;

bool LabController::begin()
{
    if (m_busy) {
        emit finished({Failed, QStringLiteral("another lab operation is still running")});
        return false;
    }
    const QString invalid = m_lab.validationError();
    if (!invalid.isEmpty()) {
        emit finished({InvalidInput, invalid});
        return false;
    }
    m_busy = true;
    ++m_generation;
    return true;
}

void LabController::up()
{
    if (!begin()) {
        return;
    }
    prepare([this] { ensureImage([this] { replaceOutdated([this] { chooseNetwork([this] { composeUp(); }); }); }); });
}

void LabController::buildImage()
{
    if (!begin()) {
        return;
    }
    prepare([this] {
        ensureImage([this] {
            finish(Success, QStringLiteral("Node image %1 is ready (the lab's nodes and the fault helpers run it)")
                                .arg(LabAssets::imageTag()));
        });
    });
}

void LabController::down()
{
    if (!begin()) {
        return;
    }
    prepare([this] { composeDown(); });
}

void LabController::cancel()
{
    if (!m_busy) {
        return;
    }
    m_pollTimer.stop();
    if (m_currentJob) {
        m_currentJob->disconnect(this);
        m_currentJob->cancel();
    }
    finish(Failed, QStringLiteral("cancelled"));
}

void LabController::prepare(const Step& next)
{
    emit progress(QStringLiteral("Checking Docker (%1)").arg(m_docker.executable()));
    runDocker(m_docker.executable(), {QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("{{.Server.Version}}")},
              ProbeTimeout, [this, next](const ProcessResult& result) {
                  emit progress(QStringLiteral("Docker engine %1").arg(QString::fromUtf8(result.standardOutput.trimmed())));
                  detectCompose(0, [this, next] {
                      auto assets = LabAssets::extract();
                      if (!assets.ok()) {
                          finish(Failed, assets.error());
                          return;
                      }
                      m_assetsDirectory = assets.value();
                      next();
                  });
              });
}

void LabController::detectCompose(int candidate, const Step& next)
{
    const QList<ComposeCommand> candidates = m_docker.composeCandidates();
    if (candidate >= candidates.size()) {
        finish(DockerUnavailable,
               QStringLiteral("neither 'docker compose' (v2) nor 'docker-compose' (v1) works: install the compose "
                              "plugin (Debian/Ubuntu: sudo apt-get install docker-compose-plugin or docker-compose; it "
                              "comes with Docker Desktop)"));
        return;
    }
    const ComposeCommand compose = candidates.at(candidate);
    auto* job = new ProcessJob(compose.program, compose.leadingArguments + DockerCli::composeVersionArguments(), this);
    job->setTimeout(ProbeTimeout);
    const quint64 generation = m_generation;
    connect(job, &ProcessJob::finished, this, [this, job, compose, candidate, next, generation](const ProcessResult& result) {
        job->deleteLater();
        if (generation != m_generation) {
            return;
        }
        if (result.succeeded()) {
            m_compose = compose;
            emit progress(QStringLiteral("Using %1").arg(compose.displayName()));
            next();
        } else {
            detectCompose(candidate + 1, next);
        }
    });
    m_currentJob = job;
    job->start();
}

void LabController::ensureImage(const Step& next)
{
    const QString image = LabAssets::imageTag();
    auto* inspect = m_docker.job({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                                  QStringLiteral("{{.Id}}"), image},
                                 this, ProbeTimeout);
    const quint64 generation = m_generation;
    connect(inspect, &ProcessJob::finished, this, [this, inspect, image, next, generation](const ProcessResult& result) {
        inspect->deleteLater();
        if (generation != m_generation) {
            return;
        }
        emit commandFinished(result);
        if (result.succeeded()) {
            emit progress(QStringLiteral("Node image %1 is present").arg(image));
            next();
            return;
        }
        if (DockerCli::isDockerUnavailable(result)) {
            finish(DockerUnavailable, DockerCli::explainFailure(result));
            return;
        }
        emit progress(QStringLiteral("Building the node image %1 (Debian trixie: PostgreSQL 17, Patroni, etcd, "
                                     "HAProxy); this takes a minute or two the first time")
                          .arg(image));
        runDocker(m_docker.executable(),
                  {QStringLiteral("build"), QStringLiteral("--tag"), image, QStringLiteral("--label"),
                   QStringLiteral("org.patroni-lab.assets=") + QString::fromLatin1(LabAssets::contentHash()),
                   m_assetsDirectory + QStringLiteral("/node")},
                  BuildTimeout, [this, next](const ProcessResult&) { next(); }, true);
    });
    m_currentJob = inspect;
    inspect->start();
}

void LabController::queryDocker(const QStringList& arguments, const std::function<void(const ProcessResult&)>& done)
{
    auto* job = m_docker.job(arguments, this, ProbeTimeout);
    const quint64 generation = m_generation;
    connect(job, &ProcessJob::finished, this, [this, job, done, generation](const ProcessResult& result) {
        job->deleteLater();
        if (generation == m_generation) {
            done(result);
        }
    });
    m_currentJob = job;
    job->start();
}

void LabController::replaceOutdated(const Step& next)
{
    const QString label = QStringLiteral("label=com.docker.compose.project=") + m_lab.project;
    queryDocker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"), label, QStringLiteral("--format"),
                 QStringLiteral("{{.Image}}")},
                [this, next](const ProcessResult& images) {
        const QStringList used = QString::fromUtf8(images.standardOutput).split(u'\n', Qt::SkipEmptyParts);
        const bool outdated = std::any_of(used.cbegin(), used.cend(), [](const QString& image) { return image != LabAssets::imageTag(); });
        if (!images.succeeded() || !outdated) {
            next();
            return;
        }
        // Compose would replace the containers one at a time, and an etcd member made afresh next to members that
        // remember the old cluster refuses to start ("member has already been bootstrapped"): make it all again.
        emit progress(QStringLiteral("Lab '%1' was made from another version of the lab files: removing it to make it again")
                          .arg(m_lab.project));
        removeLab(next);
    });
}

void LabController::chooseNetwork(const Step& next)
{
    const QString subnetFormat = QStringLiteral("{{range .IPAM.Config}}{{.Subnet}} {{end}}");
    queryDocker({QStringLiteral("network"), QStringLiteral("inspect"), QStringLiteral("--format"), subnetFormat, m_lab.networkName()},
                [this, next, subnetFormat](const ProcessResult& existing) {
        const auto chooseFree = [this, next, subnetFormat] {
            queryDocker({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("--quiet")},
                        [this, next, subnetFormat](const ProcessResult& ids) {
                QStringList arguments{QStringLiteral("network"), QStringLiteral("inspect"), QStringLiteral("--format"), subnetFormat};
                arguments += QString::fromUtf8(ids.standardOutput).split(u'\n', Qt::SkipEmptyParts);
                queryDocker(arguments, [this, next](const ProcessResult& subnets) {
                    if (DockerCli::isDockerUnavailable(subnets)) {
                        finish(DockerUnavailable, DockerCli::explainFailure(subnets));
                        return;
                    }
                    QStringList used = QString::fromUtf8(subnets.standardOutput).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
                    QFile routes(QStringLiteral("/proc/net/route"));
                    if (routes.open(QIODevice::ReadOnly)) {
                        used += LabNetwork::routesFromProcNetRoute(routes.readAll());
                    }
                    const auto subnet = LabNetwork::chooseSubnet(m_lab.portBase, used);
                    if (!subnet.ok()) {
                        finish(Failed, subnet.error());
                        return;
                    }
                    m_subnet = subnet.value();
                    emit progress(QStringLiteral("Lab network %1: subnet %2, every node at a fixed address")
                                      .arg(m_lab.networkName(), m_subnet));
                    next();
                });
            });
        };
        if (!existing.succeeded()) {
            chooseFree(); // no such network yet
            return;
        }
        const QStringList subnets = QString::fromUtf8(existing.standardOutput).split(u' ', Qt::SkipEmptyParts);
        for (const QString& subnet : subnets) {
            if (LabNetwork::isLabSubnet(subnet.trimmed())) {
                m_subnet = subnet.trimmed();
                emit progress(QStringLiteral("Lab network %1 exists: subnet %2").arg(m_lab.networkName(), m_subnet));
                next();
                return;
            }
        }
        // Compose refuses to change a network's addresses in place: the lab is made again (its data is a lab's).
        emit progress(QStringLiteral("Lab network %1 has no fixed node addresses (made by an older version): removing the "
                                     "lab to make it again with them")
                          .arg(m_lab.networkName()));
        removeLab(chooseFree);
    });
}

QStringList LabController::composeArguments(const QStringList& arguments) const
{
    const bool haproxyOnly = m_lab.publish == LabDefinition::Publish::HaproxyOnly;
    return m_compose.argumentsFor(m_lab.project, m_assetsDirectory + u'/' + LabAssets::composeFile(haproxyOnly), arguments);
}

void LabController::composeUp()
{
    if (m_lab.publish == LabDefinition::Publish::HaproxyOnly) {
        emit progress(QStringLiteral("Starting lab '%1' with only HAProxy published (127.0.0.1:%2 and %3), like the "
                                     "Patroni demo: the cluster is observed through a relay container (or docker exec with --no-relay)")
                          .arg(m_lab.project)
                          .arg(m_lab.primaryPort())
                          .arg(m_lab.replicasPort()));
    } else {
        emit progress(QStringLiteral("Starting lab '%1' (ports %2-%3 on 127.0.0.1)")
                          .arg(m_lab.project)
                          .arg(m_lab.primaryPort())
                          .arg(m_lab.postgresPort(LabDefinition::NodesPerKind)));
    }
    runDocker(m_compose.program, composeArguments({QStringLiteral("up"), QStringLiteral("-d")}), ComposeTimeout,
              [this](const ProcessResult&) {
                  emit progress(QStringLiteral("Waiting until Patroni reports one leader and two streaming replicas "
                                               "(up to %1 s)")
                                    .arg(m_readyTimeout.count()));
                  m_deadlineMs = LabClock::nowMs() + std::chrono::milliseconds(m_readyTimeout).count();
                  m_lastWaitMessage.clear();
                  m_lastWriteError.clear();
                  pollReadiness();
              });
}

void LabController::pollReadiness()
{
    auto* probe = new LabProbe(m_lab, this);
    const quint64 generation = m_generation;
    connect(probe, &LabProbe::finished, this, [this, probe, generation](const LabStatus& status) {
        probe->deleteLater();
        if (generation == m_generation && m_busy) {
            onStatus(status);
        }
    });
    probe->start();
}

void LabController::onStatus(const LabStatus& status)
{
    if (!status.dockerError.isEmpty()) {
        finish(DockerUnavailable, status.dockerError);
        return;
    }
    // Lab containers have no restart policy: one that exited during start-up will not come back by itself.
    for (const ContainerInfo& container : status.state.containers.value_or(QList<ContainerInfo>{})) {
        if (container.state == ContainerInfo::State::Exited || container.state == ContainerInfo::State::Dead) {
            failWithLogs(QStringLiteral("container %1 stopped while the lab was starting (%2)")
                             .arg(container.name, container.statusText),
                         {container.composeService()});
            return;
        }
    }
    const QList<LabProblem> problems = status.problems();
    if (problems.isEmpty()) {
        checkWrite(status);
        return;
    }
    const QString waitMessage = QStringLiteral("  waiting: %1%2")
                                    .arg(problems.first().text)
                                    .arg(problems.size() > 1 ? QStringLiteral(" (+%1 more)").arg(problems.size() - 1)
                                                             : QString());
    if (waitMessage != m_lastWaitMessage) {
        m_lastWaitMessage = waitMessage;
        emit progress(waitMessage);
    }
    if (LabClock::nowMs() > m_deadlineMs) {
        QStringList lines;
        QStringList services;
        for (const LabProblem& problem : problems) {
            lines << QStringLiteral("  - ") + problem.text;
            if (!problem.service.isEmpty() && !services.contains(problem.service)) {
                services << problem.service;
            }
        }
        failWithLogs(QStringLiteral("lab '%1' did not become healthy within %2 s:\n%3")
                         .arg(m_lab.project)
                         .arg(m_readyTimeout.count())
                         .arg(lines.join(u'\n')),
                     services);
        return;
    }
    m_pollTimer.start(1s);
}

void LabController::checkWrite(const LabStatus& status)
{
    const QString leader = status.state.leader()->name;
    auto* watcher = new QFutureWatcher<WriteCheckResult>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<WriteCheckResult>::finished, this, [this, watcher, leader, generation] {
        watcher->deleteLater();
        if (generation != m_generation || !m_busy) {
            return;
        }
        const WriteCheckResult write = watcher->result();
        if (write.ok && !write.serverInRecovery) {
            finish(Success, QStringLiteral("Lab '%1' is up: leader %2, two streaming replicas, etcd 3/3 healthy; a "
                                           "write through 127.0.0.1:%3 reached the primary (%4) in %5 ms")
                                .arg(m_lab.project, leader)
                                .arg(m_lab.primaryPort())
                                .arg(write.serverAddress)
                                .arg(write.durationMs));
            return;
        }
        m_lastWriteError = write.ok ? QStringLiteral("the write landed on a server in recovery") : write.error;
        if (LabClock::nowMs() > m_deadlineMs) {
            failWithLogs(QStringLiteral("lab '%1' looks healthy but a write through 127.0.0.1:%2 fails: %3")
                             .arg(m_lab.project)
                             .arg(m_lab.primaryPort())
                             .arg(m_lastWriteError),
                         {LabDefinition::haproxyService(), leader});
            return;
        }
        emit progress(QStringLiteral("  waiting: write through port %1 failed: %2").arg(m_lab.primaryPort()).arg(m_lastWriteError));
        m_pollTimer.start(1s);
    });
    const QString conninfo = m_lab.libpqConninfo(m_lab.primaryPort());
    watcher->setFuture(QtConcurrent::run([conninfo] { return PgWriteCheck::run(conninfo); }));
}

void LabController::failWithLogs(const QString& message, QStringList services)
{
    services.removeAll(QString());
    if (services.isEmpty()) {
        finish(Failed, message);
        return;
    }
    const QString service = services.takeFirst();
    const QString container = m_lab.containerName(service);
    auto* logs = m_docker.job({QStringLiteral("logs"), QStringLiteral("--tail"), QString::number(LogLinesOnFailure), container},
                              this, ProbeTimeout);
    connect(logs, &ProcessJob::finished, this, [this, logs, message, services, container](const ProcessResult& result) {
        logs->deleteLater();
        // docker logs writes the container's stderr to its own stderr: show both streams.
        QString text = QString::fromUtf8(result.standardOutput + result.standardError).trimmed();
        if (text.isEmpty()) {
            text = result.succeeded() ? QStringLiteral("(no output)") : DockerCli::explainFailure(result);
        }
        text.replace(u'\n', QStringLiteral("\n    "));
        failWithLogs(message + QStringLiteral("\n  last log lines of %1:\n    %2").arg(container, text), services);
    });
    logs->start();
}

void LabController::composeDown()
{
    emit progress(QStringLiteral("Removing lab '%1'").arg(m_lab.project));
    removeLab([this] { verifyRemoved(); });
}

void LabController::removeLab(const Step& next)
{
    // A relay container (of a window or a watch that observes the lab) is attached to the lab's network, and compose
    // cannot remove a network that a container still uses: remove the relays first; their observers fall back to
    // docker exec until the lab is gone.
    const auto down = [this, next] {
        runDocker(m_compose.program, composeDownArguments(), ComposeTimeout, [next](const ProcessResult&) { next(); }, true);
    };
    runDocker(m_docker.executable(),
              {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
               QStringLiteral("label=") + ObservationRelay::clusterLabel() + u'=' + m_lab.project},
              ProbeTimeout, [this, down](const ProcessResult& relays) {
                  const QStringList ids = QString::fromUtf8(relays.standardOutput).split(u'\n', Qt::SkipEmptyParts);
                  if (ids.isEmpty()) {
                      down();
                      return;
                  }
                  emit progress(QStringLiteral("Removing the relay container(s) on the lab's network"));
                  runDocker(m_docker.executable(), QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + ids, ProbeTimeout,
                            [down](const ProcessResult&) { down(); });
              });
}

QStringList LabController::composeDownArguments() const
{
    return composeArguments({QStringLiteral("down"), QStringLiteral("--volumes"), QStringLiteral("--remove-orphans"),
                             QStringLiteral("--timeout"), QStringLiteral("5")});
}

void LabController::verifyRemoved()
{
    const QString label = QStringLiteral("label=com.docker.compose.project=") + m_lab.project;
    runDocker(m_docker.executable(), {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"), label},
              ProbeTimeout, [this, label](const ProcessResult& containers) {
                  runDocker(m_docker.executable(),
                            {QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"), label},
                            ProbeTimeout, [this, containers](const ProcessResult& networks) {
                                const QByteArray leftContainers = containers.standardOutput.trimmed();
                                const QByteArray leftNetworks = networks.standardOutput.trimmed();
                                if (!leftContainers.isEmpty() || !leftNetworks.isEmpty()) {
                                    finish(Failed, QStringLiteral("lab '%1' was not fully removed: containers [%2], "
                                                                  "networks [%3] remain; remove them with docker rm -f / "
                                                                  "docker network rm")
                                                       .arg(m_lab.project, QString::fromUtf8(leftContainers).simplified(),
                                                            QString::fromUtf8(leftNetworks).simplified()));
                                    return;
                                }
                                finish(Success, QStringLiteral("Lab '%1' is down: no container or network of it remains")
                                                    .arg(m_lab.project));
                            });
              });
}

void LabController::runDocker(const QString& program, const QStringList& arguments, std::chrono::milliseconds timeout,
                              const std::function<void(const ProcessResult&)>& onSuccess, bool showOutput)
{
    auto* job = new ProcessJob(program, arguments, this);
    job->setTimeout(timeout);
    job->setExtraEnvironment([this] {
        QProcessEnvironment environment;
        m_lab.addComposeVariables(environment, LabAssets::imageTag());
        LabNetwork::addComposeVariables(environment, m_subnet);
        return environment;
    }());
    if (showOutput) {
        connect(job, &ProcessJob::outputLine, this, [this, program](const QString& line) {
            // Build output is long: only its steps are progress; compose's lines are all worth showing.
            if (!line.isEmpty() && (program != m_docker.executable() || isBuildProgressLine(line))) {
                emit progress(QStringLiteral("  ") + line);
            }
        });
    }
    const quint64 generation = m_generation;
    connect(job, &ProcessJob::finished, this, [this, job, onSuccess, generation](const ProcessResult& result) {
        job->deleteLater();
        if (generation != m_generation) {
            return;
        }
        emit commandFinished(result);
        if (!result.succeeded()) {
            finish(DockerCli::isDockerUnavailable(result) ? DockerUnavailable : Failed, DockerCli::explainFailure(result));
            return;
        }
        onSuccess(result);
    });
    m_currentJob = job;
    job->start();
}

void LabController::finish(ExitCode code, const QString& message)
{
    if (!m_busy) {
        return;
    }
    m_busy = false;
    ++m_generation;
    m_pollTimer.stop();
    emit finished({code, message});
}
