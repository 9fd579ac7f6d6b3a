// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httplimits.h"

#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace SoulSpot::Api {

class HttpConnection;
class HttpRequestHandler;

// The REST API's listening socket. Each accepted connection becomes an HttpConnection that
// serves it with `handler`; connections beyond the limit get 503 and are closed at once; a sweep
// a few times a second enforces the connections' timeouts. An admitted WebSocket upgrade is
// handed to a QWebSocketServer (which answers the handshake) and comes out as a pending
// WebSocket connection, as with QWebSocketServer itself.
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
    void sweep();
    void refuseConnection(qintptr handle);

    const HttpRequestHandler &m_handler;
    HttpLimits m_limits;
    QTimer m_sweepTimer;
    QSet<HttpConnection *> m_connections;
    QWebSocketServer *m_webSockets;
};

} // namespace SoulSpot::Api
