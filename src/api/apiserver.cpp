// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiserver.h"

#include "apihandler.h"
#include "eventshub.h"
#include "gatedtcpserver.h"
#include "pagecache.h"
#include "requestguard.h"

#include "config/settings.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QWebSocket>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method)
    {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

std::optional<QHostAddress> addressOf(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(host))
        return std::nullopt;
    return address;
}

} // namespace

ApiOptions ApiOptions::fromSettings(const Settings &settings)
{
    ApiOptions options;
    options.host = settings.apiHost();
    options.port = quint16(settings.apiPort());
    options.token = settings.apiToken();
    options.allowedHosts = settings.apiAllowedHosts();
    return options;
}

ApiServer::ApiServer(DownloadService &service, ApiOptions options, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_options(std::move(options))
    , m_guard(std::make_unique<RequestGuard>(
          GuardConfig{m_options.token, m_options.allowedHosts, m_options.host, m_options.port}))
    , m_pages(new PageCache(service, this))
    , m_handler(std::make_unique<ApiHandler>(service, *m_guard, m_pages))
    , m_http(new QHttpServer(this))
    , m_events(new EventsHub(service, *m_guard, this))
{
    // The WebSocket needs a route of its own: QHttpServer 6.4 upgrades a connection only when a
    // route takes the handshake request (and writes nothing to it).
    m_http->route(u"/api/events"_s, QHttpServerRequest::Method::Get,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      if (!ApiHandler::isWebSocketUpgrade(request.headers()))
                          respond(request, std::move(responder));
                  });
    // Every other request goes through the one route table of ApiHandler (404 and 405 included).
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        respond(request, std::move(responder));
    });
    connect(m_http, &QHttpServer::newWebSocketConnection, this, &ApiServer::acceptWebSockets);
}

ApiServer::~ApiServer()
{
    // The servers (with their connections) and the hub refer to the guard and the handler,
    // which are members: they go first.
    delete m_events;
    delete m_http; // owns the bound GatedTcpServer
    delete m_pages;
}

bool ApiServer::isLoopback(const QString &host)
{
    const std::optional<QHostAddress> address = addressOf(host);
    return address && address->isLoopback();
}

Result<quint16> ApiServer::listen()
{
    const std::optional<QHostAddress> address = addressOf(m_options.host);
    if (!address)
    {
        return Error{ErrorKind::InvalidArgument,
                     u"the API host must be an IP address or localhost, not \"%1\""_s.arg(m_options.host)};
    }
    if (!address->isLoopback() && m_options.token.isEmpty())
    {
        return Error{
            ErrorKind::InvalidArgument,
            u"the REST API may listen on %1 only with a token (--api-token or SOULSPOT_API_TOKEN)"_s.arg(
                m_options.host)};
    }
    auto *tcp = new GatedTcpServer(*m_guard, m_options.limits, this);
    if (!tcp->listen(*address, m_options.port))
    {
        const QString reason = tcp->errorString();
        delete tcp;
        return Error{ErrorKind::Unavailable, u"the REST API cannot listen on %1 port %2: %3"_s.arg(
                                                 m_options.host, QString::number(m_options.port), reason)};
    }
    m_tcp = tcp;
    m_tcp->setHttpServer(m_http);
    m_http->bind(m_tcp);
    m_guard->setPort(m_tcp->serverPort());
    return m_tcp->serverPort();
}

quint16 ApiServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QString ApiServer::url() const
{
    const std::optional<QHostAddress> address = addressOf(m_options.host);
    QString host = m_options.host;
    if (address && address->protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + address->toString() + u']';
    return u"http://%1:%2"_s.arg(host).arg(port());
}

int ApiServer::connectionCount() const
{
    return m_tcp ? m_tcp->connectionCount() : 0;
}

int ApiServer::eventClientCount() const
{
    return m_events->clientCount();
}

void ApiServer::respond(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QTcpSocket *socket = responder.socket();
    ApiRequest apiRequest;
    apiRequest.method = methodName(request.method());
    const QUrl url = request.url();
    apiRequest.path = url.path(QUrl::FullyEncoded).toUtf8();
    apiRequest.query = url.query(QUrl::FullyEncoded).toUtf8();
    apiRequest.headers = request.headers();
    apiRequest.body = request.body();
    apiRequest.localAddress = socket->localAddress();
    const ApiResponse response = m_handler->handle(apiRequest);
    socket->write(response.serialize(apiRequest.method != "HEAD"));
    if (response.closeConnection)
        socket->disconnectFromHost();
}

void ApiServer::acceptWebSockets()
{
    while (m_http->hasPendingWebSocketConnections())
        m_events->addClient(m_http->nextPendingWebSocketConnection());
}

Result<std::unique_ptr<ApiServer>> startApi(DownloadService &service, const Settings &settings)
{
    if (!settings.apiEnabled())
        return std::unique_ptr<ApiServer>();
    auto server = std::make_unique<ApiServer>(service, ApiOptions::fromSettings(settings));
    const Result<quint16> port = server->listen();
    if (!port)
        return port.error();
    std::printf("API listening on %s\n", qPrintable(server->url()));
    std::fflush(stdout);
    return server;
}

} // namespace SoulSpot::Api
