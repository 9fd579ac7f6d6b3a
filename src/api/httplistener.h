// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httplimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <memory>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace SoulSpot::Api {

class HttpConnection;
class HttpRequestHandler;

// The REST API's listening socket. Each accepted connection becomes an HttpConnection that
// serves it with `handler`. When all places are taken, the connection most ready to give its
// place up makes room (HttpConnection::evictionRank: idle keep-alive first, then slow heads);
// only when none can, the newcomer gets 503 (and is drained and closed like any refusal). A sweep a few times
// a second enforces the connections' timeouts.
//
// An admitted WebSocket upgrade leaves the HTTP places: it is handed to a QWebSocketServer
// (which answers the handshake) within a limit of its own, and comes out as a pending WebSocket
// connection, as with QWebSocketServer itself. Open WebSockets are pinged when they say nothing
// and closed when not even a pong comes back in time.
class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)

public:
    // `handler` must outlive the listener.
    HttpListener(const HttpRequestHandler &handler, HttpLimits limits, QObject *parent = nullptr);

    int connectionCount() const { return int(m_connections.size()); }

    bool hasPendingWebSocketConnections() const;
    // The next opened WebSocket; the caller owns it.
    std::unique_ptr<QWebSocket> nextPendingWebSocketConnection();

Q_SIGNALS:
    void newWebSocketConnection();

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Liveness
    {
        QElapsedTimer sinceHeard;
        QElapsedTimer sincePing;
    };

    bool makeRoom();
    void upgrade(HttpConnection *connection, QTcpSocket *socket);
    void watch(QWebSocket *socket);
    void sweep();
    void sweepWebSockets();
    // Answers `detail` with 503 and closes.
    static void refuse(QTcpSocket *socket, const QString &detail);
    void turnAway(QTcpSocket *socket);

    const HttpRequestHandler &m_handler;
    HttpLimits m_limits;
    QTimer m_sweepTimer;
    QSet<HttpConnection *> m_connections;
    QSet<HttpConnection *> m_turnedAway; // answered 503 for want of a place, closing
    QWebSocketServer *m_webSockets;
    int m_webSocketCount = 0;            // handed over, from the handshake to the socket's end
    QHash<QObject *, Liveness> m_opened; // the QWebSockets handed out
};

} // namespace SoulSpot::Api
