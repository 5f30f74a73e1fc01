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
    return QCoreApplication::translate("DockerCli", "'%1' failed with exit code %2: %3").arg(command).arg(result.exitCode).arg(result.lastErrorLine());
}
