// SPDX-License-Identifier: GPL-3.0-or-later
#include "httplistener.h"

#include "httpconnection.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

HttpListener::HttpListener(const HttpRequestHandler &handler, HttpLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_webSockets(new QWebSocketServer(u"SoulSpot Bridge"_s, QWebSocketServer::NonSecureMode, this))
{
    m_sweepTimer.setInterval(std::chrono::milliseconds(250));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpListener::sweep);
    m_sweepTimer.start();
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &HttpListener::newWebSocketConnection);
}

bool HttpListener::hasPendingWebSocketConnections() const
{
    return m_webSockets->hasPendingConnections();
}

std::unique_ptr<QWebSocket> HttpListener::nextPendingWebSocketConnection()
{
    return std::unique_ptr<QWebSocket>(m_webSockets->nextPendingConnection());
}

void HttpListener::incomingConnection(qintptr handle)
{
    if (m_connections.size() >= m_limits.maxConnections)
    {
        refuseConnection(handle);
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle))
    {
        delete socket;
        return;
    }
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    auto *connection = new HttpConnection(socket, m_handler, m_limits);
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_connections.remove(connection); });
    // QWebSocketServer reads the handshake from the socket's buffer and answers it.
    connect(connection, &HttpConnection::webSocketRequested, m_webSockets,
            &QWebSocketServer::handleConnection);
}

void HttpListener::refuseConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle))
    {
        delete socket;
        return;
    }
    ApiResponse response = ApiResponse::error(
        HttpStatus::ServiceUnavailable, u"too many connections: %1 are open"_s.arg(m_limits.maxConnections));
    response.closeConnection = true;
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response.serialize());
    socket->disconnectFromHost();
}

void HttpListener::sweep()
{
    // A connection may abort its socket, which deletes it later: the set does not change here.
    for (HttpConnection *connection : std::as_const(m_connections))
        connection->checkTimeouts();
}

} // namespace SoulSpot::Api
