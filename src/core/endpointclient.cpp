// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointclient.h"

#include "labdefinition.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

using namespace std::chrono_literals;

QByteArray BasicCredentials::authorizationHeader() const
{
    return QByteArrayLiteral("Basic ") + (user + u':' + password).toUtf8().toBase64();
}

EndpointClient::EndpointClient(QNetworkAccessManager* network, const DockerCli& docker, Transport transport, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_docker(docker)
    , m_transport(transport)
{
}

bool EndpointClient::usesExec(const Endpoint& endpoint) const
{
    switch (m_transport) {
    case Transport::Http:
        return false;
    case Transport::DockerExec:
        return true;
    case Transport::Auto:
        break;
    }
    return endpoint.loopbackPort == 0;
}

void EndpointClient::request(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                             const QByteArray& body, std::chrono::milliseconds timeout, const Callback& done)
{
    request(endpoint, method, path, body, timeout, BasicCredentials{}, done);
}

void EndpointClient::request(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                             const QByteArray& body, std::chrono::milliseconds timeout,
                             const BasicCredentials& credentials, const Callback& done)
{
    if (usesExec(endpoint)) {
        execRequest(endpoint, method, path, body, timeout, credentials, done);
    } else {
        httpRequest(endpoint, method, path, body, timeout, credentials, done);
    }
}

void EndpointClient::httpRequest(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                                 const QByteArray& body, std::chrono::milliseconds timeout,
                                 const BasicCredentials& credentials, const Callback& done)
{
    if (endpoint.loopbackPort == 0) {
        done({0, {}, QStringLiteral("port %1 of %2 is not published on 127.0.0.1").arg(endpoint.containerPort).arg(endpoint.container)});
        return;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(LabDefinition::host());
    url.setPort(endpoint.loopbackPort);
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!credentials.isEmpty()) {
        request.setRawHeader(QByteArrayLiteral("Authorization"), credentials.authorizationHeader());
    }
    QNetworkReply* reply = m_network->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done, timeout] {
        reply->deleteLater();
        EndpointReply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // An aborted (timed-out) reply is closed: reading it would only print a warning.
        if (reply->isOpen()) {
            result.body = reply->readAll();
        }
        if (!result.answered()) {
            // A transfer time-out surfaces as "Operation canceled": say what it means.
            result.error = reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("no answer within %1 ms").arg(timeout.count())
                : reply->errorString();
        }
        done(result);
    });
}

QStringList EndpointClient::execArguments(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                                          const QByteArray& body, std::chrono::milliseconds timeout,
                                          const BasicCredentials& credentials)
{
    // curl's own limit stays below the job's, so a hung service still yields curl's message, not a kill.
    const QString seconds = QString::number(std::max<qint64>(1, timeout.count() / 1000 - 1));
    QStringList arguments{QStringLiteral("exec"), endpoint.container, QStringLiteral("curl"), QStringLiteral("-sS"),
                          QStringLiteral("-m"), seconds, QStringLiteral("-X"), QString::fromLatin1(method)};
    if (!credentials.isEmpty()) {
        arguments << QStringLiteral("-u") << credentials.user + u':' + credentials.password;
    }
    if (!body.isEmpty()) {
        arguments << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json") << QStringLiteral("--data-binary")
                  << QString::fromUtf8(body);
    }
    arguments << QStringLiteral("-w") << QStringLiteral("\\n%{http_code}")
              << QStringLiteral("http://127.0.0.1:%1%2").arg(endpoint.containerPort).arg(path);
    return arguments;
}

EndpointReply EndpointClient::parseExecOutput(const ProcessResult& result)
{
    EndpointReply reply;
    const QByteArray output = result.standardOutput;
    const qsizetype newline = output.lastIndexOf('\n');
    const QByteArray statusText = output.mid(newline + 1).trimmed();
    bool numeric = false;
    const int status = statusText.toInt(&numeric);
    if (newline >= 0 && numeric && status > 0) {
        reply.httpStatus = status;
        reply.body = output.left(newline);
        return reply;
    }
    reply.error = result.lastErrorLine();
    if (reply.error.isEmpty()) {
        reply.error = DockerCli::explainFailure(result);
    }
    return reply;
}

void EndpointClient::execRequest(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                                 const QByteArray& body, std::chrono::milliseconds timeout,
                                 const BasicCredentials& credentials, const Callback& done)
{
    ProcessJob* job = m_docker.job(execArguments(endpoint, method, path, body, timeout, credentials), this, timeout + 2s);
    connect(job, &ProcessJob::finished, this, [job, done](const ProcessResult& result) {
        job->deleteLater();
        done(parseExecOutput(result));
    });
    job->start();
}
