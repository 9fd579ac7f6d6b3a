// SPDX-License-Identifier: GPL-3.0-or-later
#include "httplistener.h"

#include "httpconnection.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

// Lets the process open a descriptor for every connection the limits allow: the usual soft
// limit of 1024 would be reached before them.
void ensureDescriptors(rlim_t needed)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed)
        return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? needed : qMin(needed, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
}

} // namespace

HttpListener::HttpListener(const HttpRequestHandler &handler, HttpLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_webSockets(new QWebSocketServer(u"SoulSpot Bridge"_s, QWebSocketServer::NonSecureMode, this))
{
    ensureDescriptors(rlim_t(m_limits.maxConnections + m_limits.maxWebSockets + 512));
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
    QWebSocket *socket = m_webSockets->nextPendingConnection();
    if (socket)
        watch(socket);
    return std::unique_ptr<QWebSocket>(socket);
}

void HttpListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle))
    {
        delete socket;
        return;
    }
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (m_connections.size() >= m_limits.maxConnections && !makeRoom())
    {
        turnAway(socket);
        return;
    }
    auto *connection = new HttpConnection(socket, m_handler, m_limits);
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_connections.remove(connection); });
    connect(connection, &HttpConnection::webSocketRequested, this,
            [this, connection](QTcpSocket *upgraded) { upgrade(connection, upgraded); });
}

void HttpListener::turnAway(QTcpSocket *socket)
{
    auto *connection = new HttpConnection(socket, m_handler, m_limits);
    m_turnedAway.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_turnedAway.remove(connection); });
    connection->turnAway(ApiResponse::error(
        HttpStatus::ServiceUnavailable, u"too many connections: %1 are open"_s.arg(m_limits.maxConnections)));
}

bool HttpListener::makeRoom()
{
    HttpConnection *victim = nullptr;
    std::pair<int, qint64> highest{-1, -1};
    for (HttpConnection *connection : std::as_const(m_connections))
    {
        const std::optional<std::pair<int, qint64>> rank = connection->evictionRank();
        if (rank && *rank > highest)
        {
            highest = *rank;
            victim = connection;
        }
    }
    if (!victim)
        return false;
    m_connections.remove(victim);
    victim->evict();
    return true;
}

void HttpListener::upgrade(HttpConnection *connection, QTcpSocket *socket)
{
    m_connections.remove(connection); // no longer an HTTP connection
    connection->deleteLater();
    if (m_webSocketCount >= m_limits.maxWebSockets)
    {
        refuse(socket, u"too many WebSockets: %1 are open"_s.arg(m_limits.maxWebSockets));
        return;
    }
    ++m_webSocketCount;
    connect(socket, &QObject::destroyed, this, [this] { --m_webSocketCount; });
    // QWebSocketServer reads the handshake from the socket's buffer and answers it.
    m_webSockets->handleConnection(socket);
}

void HttpListener::watch(QWebSocket *socket)
{
    Liveness &liveness = m_opened[socket];
    liveness.sinceHeard.start();
    liveness.sincePing.start();
    const auto heard = [this, socket] { m_opened[socket].sinceHeard.restart(); };
    connect(socket, &QWebSocket::pong, this, heard);
    connect(socket, &QWebSocket::textMessageReceived, this, heard);
    connect(socket, &QWebSocket::binaryMessageReceived, this, heard);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_opened.remove(socket); });
}

void HttpListener::refuse(QTcpSocket *socket, const QString &detail)
{
    ApiResponse response = ApiResponse::error(HttpStatus::ServiceUnavailable, detail);
    response.closeConnection = true;
    socket->skip(socket->bytesAvailable());
    socket->write(response.serialize());
    socket->disconnectFromHost();
}

void HttpListener::sweep()
{
    // A connection may abort its socket, which deletes it later: the set does not change here.
    for (HttpConnection *connection : std::as_const(m_connections))
        connection->checkTimeouts();
    for (HttpConnection *connection : std::as_const(m_turnedAway))
        connection->checkTimeouts();
    sweepWebSockets();
}

void HttpListener::sweepWebSockets()
{
    const QList<QObject *> opened = m_opened.keys();
    for (QObject *object : opened)
    {
        auto *socket = static_cast<QWebSocket *>(object);
        Liveness &liveness = m_opened[object];
        if (liveness.sinceHeard.elapsed() > m_limits.webSocketIdleTimeout.count())
        {
            socket->abort();
        }
        else if (liveness.sinceHeard.elapsed() > m_limits.webSocketPingInterval.count() &&
                 liveness.sincePing.elapsed() > m_limits.webSocketPingInterval.count())
        {
            socket->ping();
            liveness.sincePing.restart();
        }
    }
}

} // namespace SoulSpot::Api
