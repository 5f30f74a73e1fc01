// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockercli.h"

#include <QCoreApplication>

namespace {

QString environmentOr(const char* name, const QString& fallback)
{
    const QString value = qEnvironmentVariable(name).trimmed();
    return value.isEmpty() ? fallback : value;
}

bool mentions(const ProcessResult& result, QLatin1StringView text)
{
    return QString::fromUtf8(result.standardError).contains(text, Qt::CaseInsensitive)
        || QString::fromUtf8(result.standardOutput).contains(text, Qt::CaseInsensitive);
}

// The docker CLI's words for "no daemon to talk to" (docker 20.10 to 28, Linux and Desktop).
bool daemonUnreachable(const ProcessResult& result)
{
    return mentions(result, QLatin1StringView("Cannot connect to the Docker daemon"))
        || mentions(result, QLatin1StringView("Is the docker daemon running"))
        || mentions(result, QLatin1StringView("error during connect"));
}

bool socketPermissionDenied(const ProcessResult& result)
{
    return mentions(result, QLatin1StringView("permission denied")) && mentions(result, QLatin1StringView(".sock"));
}

} // namespace

QString ComposeCommand::displayName() const
{
    switch (flavour) {
    case Flavour::V2Plugin:
        return program + QStringLiteral(" compose");
    case Flavour::V1Standalone:
        return program;
    case Flavour::Unknown:
        break;
    }
    return QStringLiteral("(no compose)");
}

QStringList ComposeCommand::argumentsFor(const QString& project, const QString& composeFile,
                                         const QStringList& arguments) const
{
    return leadingArguments + QStringList{QStringLiteral("-p"), project, QStringLiteral("-f"), composeFile} + arguments;
}

DockerCli::DockerCli()
    : m_executable(environmentOr("PATRONI_LAB_DOCKER", QStringLiteral("docker")))
{
}

ProcessJob* DockerCli::job(const QStringList& arguments, QObject* parent, std::chrono::milliseconds timeout) const
{
    auto* job = new ProcessJob(m_executable, arguments, parent);
    job->setTimeout(timeout);
    return job;
}

QList<ComposeCommand> DockerCli::composeCandidates() const
{
    const ComposeCommand plugin{ComposeCommand::Flavour::V2Plugin, m_executable, {QStringLiteral("compose")}};
    const ComposeCommand standalone{ComposeCommand::Flavour::V1Standalone, QStringLiteral("docker-compose"), {}};
    const QString forced = qEnvironmentVariable("PATRONI_LAB_COMPOSE").trimmed();
    if (forced == QLatin1StringView("docker-compose")) {
        return {standalone};
    }
    if (forced.endsWith(QLatin1StringView(" compose"))) {
        return {plugin};
    }
    return {plugin, standalone};
}

bool DockerCli::isDockerUnavailable(const ProcessResult& result)
{
    if (result.status == ProcessResult::Status::FailedToStart) {
        return true;
    }
    return daemonUnreachable(result) || socketPermissionDenied(result);
}

QString DockerCli::explainFailure(const ProcessResult& result)
{
    const QString command = result.commandLine();
    switch (result.status) {
    case ProcessResult::Status::FailedToStart:
        return QCoreApplication::translate("DockerCli", "'%1' could not be started (%2): install Docker (Debian/Ubuntu: sudo apt-get install "
                              "docker.io; macOS/Windows: Docker Desktop) or set PATRONI_LAB_DOCKER to the docker "
                              "executable")
            .arg(result.program, result.errorString);
    case ProcessResult::Status::TimedOut:
        return QCoreApplication::translate("DockerCli", "'%1' did not finish within %2 s and was stopped: is the Docker daemon overloaded or "
                              "hung? Check 'docker info'")
            .arg(command)
            .arg(result.timeout.count() / 1000.0);
    case ProcessResult::Status::Cancelled:
        return QCoreApplication::translate("DockerCli", "'%1' was cancelled").arg(command);
    case ProcessResult::Status::Crashed:
        return QCoreApplication::translate("DockerCli", "'%1' crashed: %2").arg(command, result.errorString);
    case ProcessResult::Status::NotStarted:
        return QCoreApplication::translate("DockerCli", "'%1' was never started").arg(command);
    case ProcessResult::Status::Finished:
        break;
    }
    if (result.exitCode == 0) {
        return {};
    }
    if (socketPermissionDenied(result)) {
        return QCoreApplication::translate("DockerCli", "permission denied on the Docker socket: add yourself to the docker group "
                              "(sudo usermod -aG docker $USER, then log in again) or run as root");
    }
    if (daemonUnreachable(result)) {
        return QCoreApplication::translate("DockerCli", "the Docker daemon is not running or not reachable (%1): start it (sudo systemctl start "
                              "docker, or open Docker Desktop); on a machine without one run "
                              "packaging/lab/prepare-docker-host.sh as root")
            .arg(result.lastErrorLine());
    }
    const QString helperFailure = explainHelperFailure(result);
    if (!helperFailure.isEmpty()) {
        return helperFailure;
    }
    return QCoreApplication::translate("DockerCli", "'%1' failed with exit code %2: %3").arg(command).arg(result.exitCode).arg(result.lastErrorLine());
}

QString DockerCli::explainHelperFailure(const ProcessResult& result)
{
    const QStringList& arguments = result.arguments;
    const QString reason = result.lastErrorLine();
    if (arguments.value(0) == QLatin1StringView("update")) {
        const QString container = arguments.constLast();
        return QCoreApplication::translate("DockerCli", "docker refused to change %1's CPU or memory limit (%2): the "
                                           "host's cgroup setup may not allow it (see the warnings of 'docker info'; "
                                           "cgroup v1 without swap accounting, rootless Docker and some Docker "
                                           "Desktop setups limit what can be changed)")
            .arg(container, reason);
    }
    const qsizetype entrypoint = arguments.indexOf(QStringLiteral("--entrypoint"));
    if (arguments.value(0) != QLatin1StringView("run") || entrypoint < 0
        || !arguments.value(entrypoint + 1).endsWith(QLatin1StringView("lab-fault"))) {
        return {};
    }
    const QString image = arguments.value(entrypoint + 2);
    const QString verb = arguments.value(entrypoint + 3);
    const qsizetype network = arguments.indexOf(QStringLiteral("--network"));
    const QString container = arguments.value(network + 1).mid(10);
    const QString everything = QString::fromUtf8(result.standardError + result.standardOutput);
    if (everything.contains(QLatin1StringView("No such image")) || everything.contains(QLatin1StringView("Unable to find image"))
        || everything.contains(QLatin1StringView("image not known"))) {
        return QCoreApplication::translate("DockerCli", "the fault helper image %1 is not on this machine: build it "
                                           "with 'patroni-lab-cli lab image' (a minute or two the first time; "
                                           "'lab up' builds it too), then try again")
            .arg(image);
    }
    if (everything.contains(QLatin1StringView("non running container")) || everything.contains(QLatin1StringView("is not running"))
        || everything.contains(QLatin1StringView("No such container"))) {
        return QCoreApplication::translate("DockerCli", "%1 is not running: start it (or Heal all) before '%2', which "
                                           "acts inside the running container")
            .arg(container, verb);
    }
    if (everything.contains(QLatin1StringView("Operation not permitted")) && verb != QLatin1StringView("kill-postgres")
        && verb != QLatin1StringView("kill-patroni")) {
        return QCoreApplication::translate("DockerCli", "'%1' on %2 was not permitted (%3): this Docker does not give "
                                           "the helper container NET_ADMIN in %2's network (rootless Docker or a "
                                           "security policy); nothing was changed")
            .arg(verb, container, reason);
    }
    if (result.exitCode == 2 || result.exitCode == 3) {
        return QCoreApplication::translate("DockerCli", "'%1' on %2 refused: %3").arg(verb, container, reason);
    }
    return QCoreApplication::translate("DockerCli", "'%1' on %2 failed (exit code %3): %4")
        .arg(verb, container)
        .arg(result.exitCode)
        .arg(reason);
}
