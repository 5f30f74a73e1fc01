// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockercli.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

// An HTTP service inside a lab container: reached on its published 127.0.0.1 port when there is one, otherwise
// through `docker exec CONTAINER curl` (Docker Desktop, the Patroni repository's demo, unpublished ports).
struct Endpoint
{
    QString container;
    QString service;       // compose service or hostname: the Patroni member / etcd member name
    int containerPort = 0;
    int loopbackPort = 0;  // 0: not published on loopback
};

// HTTP basic credentials for the methods a service protects (Patroni's POST /switchover, /restart ...).
struct BasicCredentials
{
    QString user;
    QString password;
    bool isEmpty() const { return user.isEmpty(); }
    // The Authorization header's value: "Basic " + base64(user:password).
    QByteArray authorizationHeader() const;
};

struct EndpointReply
{
    int httpStatus = 0; // 0: no HTTP answer at all
    QByteArray body;
    QString error;      // why there was no answer
    bool answered() const { return httpStatus > 0; }
};

class EndpointClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointClient)
public:
    enum class Transport { Auto, Http, DockerExec };
    using Callback = std::function<void(const EndpointReply&)>;

    EndpointClient(QNetworkAccessManager* network, const DockerCli& docker, Transport transport, QObject* parent = nullptr);

    bool usesExec(const Endpoint& endpoint) const;
    void request(const Endpoint& endpoint, const QByteArray& method, const QString& path, const QByteArray& body,
                 std::chrono::milliseconds timeout, const Callback& done);
    // The same with basic authentication, sent by both transports.
    void request(const Endpoint& endpoint, const QByteArray& method, const QString& path, const QByteArray& body,
                 std::chrono::milliseconds timeout, const BasicCredentials& credentials, const Callback& done);

    // docker exec arguments that make curl print the body, a newline and the HTTP status code.
    static QStringList execArguments(const Endpoint& endpoint, const QByteArray& method, const QString& path,
                                     const QByteArray& body, std::chrono::milliseconds timeout,
                                     const BasicCredentials& credentials = {});
    static EndpointReply parseExecOutput(const ProcessResult& result);

private:
    void httpRequest(const Endpoint& endpoint, const QByteArray& method, const QString& path, const QByteArray& body,
                     std::chrono::milliseconds timeout, const BasicCredentials& credentials, const Callback& done);
    void execRequest(const Endpoint& endpoint, const QByteArray& method, const QString& path, const QByteArray& body,
                     std::chrono::milliseconds timeout, const BasicCredentials& credentials, const Callback& done);

    QNetworkAccessManager* m_network;
    DockerCli m_docker;
    Transport m_transport;
};
