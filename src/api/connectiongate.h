// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "httprequestframer.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <optional>

class QTcpSocket;

namespace SoulSpot::Api {

class GatedTcpServer;
class RequestGuard;

// Limits that keep one client from hurting the others.
struct GateLimits
{
    int maxConnections = 128;
    std::chrono::milliseconds headTimeout{10000};      // from a request's first byte to its empty line
    std::chrono::milliseconds bodyIdleTimeout{10000};  // no body byte for this long
    std::chrono::milliseconds keepAliveTimeout{60000}; // an idle connection between requests
    std::chrono::milliseconds lingerTime{2000};        // draining after a refusal, before closing
    qint64 maxUnsentBytes = 8 * 1024 * 1024;           // a client that does not read its answers
};

// Watches one connection in front of QHttpServer 6.4, which reads every body whole into memory
// and has no limits or timeouts of its own. Its slot on readyRead runs before QHttpServer's and
// peeks at the new bytes (nothing is consumed), frames each request with HttpRequestFramer and
// judges its head before QHttpServer reads the body: foreign Host or Origin (403), token (401),
// Content-Length over 1 MiB (413), malformed framing (400, 411, 414, 431, 505). A refused
// request is answered here, the connection is drained for a moment (so the client reads the
// answer rather than a reset) and closed; QHttpServer never sees it. A second slot, after
// QHttpServer's, notes how many peeked bytes are still unread, so each byte is judged once.
class ConnectionGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGate)

public:
    // Becomes a child of `socket`; call attachAfterHttpServer() once QHttpServer has connected.
    ConnectionGate(QTcpSocket *socket, GatedTcpServer *server);
    ~ConnectionGate() override;

    void attachAfterHttpServer();
    // Called about once a second by the server: slow heads, stalled bodies, idle connections.
    void checkTimeouts(qint64 nowMs);

    // The decision on one head: nullopt lets it through, otherwise the answer. Pure.
    static std::optional<ApiResponse> admit(const RequestHead &head, const RequestGuard &guard,
                                            const QHostAddress &localAddress);

private:
    void beforeHttpServer();
    void afterHttpServer();
    void handleEvents(const QList<HttpRequestFramer::Event> &events);
    void refuse(const ApiResponse &response);
    // A refused request waits until QHttpServer has answered the requests before it (pipelining).
    void refuseWhenItsTurn();
    void finishRefusal();
    void discardInput();

    QTcpSocket *m_socket;
    QPointer<GatedTcpServer> m_server;
    HttpRequestFramer m_framer;
    qint64 m_unreadSeen = 0;     // unread bytes already judged (left by QHttpServer for later)
    qint64 m_judged = 0;         // bytes of the stream fed to the framer
    qint64 m_lastRequestEnd = 0; // stream offset where the last admitted request ends
    std::optional<ApiResponse> m_pendingRefusal;
    qint64 m_requestStartMs = -1;
    qint64 m_lastByteMs = 0;
    qint64 m_lingerUntilMs = -1;
    bool m_refused = false;
    bool m_handedOver = false; // upgraded to a WebSocket: no longer ours to watch
};

} // namespace SoulSpot::Api
