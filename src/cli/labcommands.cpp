// SPDX-License-Identifier: GPL-3.0-or-later
#include "labcommands.h"

#include "clustercommands.h"
#include "labcontroller.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>

LabCommands::LabCommands(CliRequest request, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_out(out)
    , m_err(err)
{
}

void LabCommands::start()
{
    const QString action = m_request.command.value(1);
    if (action == QLatin1StringView("status")) {
        runLabStatus();
    } else {
        runLabUpOrDown(action == QLatin1StringView("up"));
    }
}

void LabCommands::runLabUpOrDown(bool up)
{
    auto* controller = new LabController(m_request.lab, this);
    controller->setReadyTimeout(m_request.timeout);
    connect(controller, &LabController::progress, this, [this](const QString& message) {
        m_out << u'[' << QTime::currentTime().toString(QStringLiteral("HH:mm:ss")) << QStringLiteral("] ") << message
              << Qt::endl;
    });
    connect(controller, &LabController::finished, this, [this](const LabController::Outcome& outcome) {
        if (outcome.ok()) {
            m_out << outcome.message << Qt::endl;
        } else {
            m_err << QStringLiteral("error: ") << outcome.message << Qt::endl;
        }
        emit finished(outcome.exitCode);
    });
    if (m_request.command.value(1) == QLatin1StringView("image")) {
        controller->buildImage();
    } else if (up) {
        controller->up();
    } else {
        controller->down();
    }
}

void LabCommands::runLabStatus()
{
    auto* probe = new LabProbe(m_request.lab, this);
    connect(probe, &LabProbe::finished, this, [this](const LabStatus& status) {
        if (m_request.json) {
            m_out << QJsonDocument(status.toJson()).toJson(QJsonDocument::Indented);
        } else {
            m_out << renderStatus(status);
        }
        m_out.flush();
        if (!status.dockerError.isEmpty()) {
            m_err << QStringLiteral("error: ") << status.dockerError << Qt::endl;
            emit finished(LabController::DockerUnavailable);
            return;
        }
        emit finished(status.isHealthy() ? LabController::Success : LabController::Failed);
    });
    probe->start();
}

QString LabCommands::renderStatus(const LabStatus& status)
{
    const LabDefinition& lab = status.lab;
    QString text = QStringLiteral("Lab '%1' (127.0.0.1 ports %2-%3)\n\n")
                       .arg(lab.project)
                       .arg(lab.primaryPort())
                       .arg(lab.postgresPort(LabDefinition::NodesPerKind));
    if (!status.dockerError.isEmpty() || !status.discoveryError.isEmpty()) {
        return text + status.dockerError + status.discoveryError + u'\n';
    }
    TextTable containers({QStringLiteral("Container"), QStringLiteral("State"), QStringLiteral("Status")});
    for (const QString& service : LabDefinition::allServices()) {
        const ContainerInfo* info = status.container(service);
        containers.addRow({lab.containerName(service),
                           info ? ContainerInfo::stateName(info->state) : QStringLiteral("missing"),
                           info ? info->statusText : QString()});
    }
    text += containers.render(QStringLiteral("Containers")) + u'\n';
    text += ClusterCommands::renderStatus(status.state);

    const QList<LabProblem> problems = status.problems();
    if (problems.isEmpty()) {
        text += QStringLiteral("\nHealthy: one leader, two streaming replicas, etcd 3/3, HAProxy routes to the leader.\n");
    } else {
        text += QStringLiteral("\nNot healthy:\n");
        for (const LabProblem& problem : problems) {
            text += QStringLiteral("  - ") + problem.text + u'\n';
        }
    }
    return text;
}
