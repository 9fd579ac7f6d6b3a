// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectiongate.h"

#include "apihandler.h"
#include "gatedtcpserver.h"
#include "requestguard.h"
#include "router.h"

#include <QTcpSocket>

#include <utility>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

ConnectionGate::ConnectionGate(QTcpSocket *socket, GatedTcpServer *server)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
{
    m_lastByteMs = server->nowMs();
    server->registerGate(this);
    connect(socket, &QIODevice::readyRead, this, &ConnectionGate::beforeHttpServer);
}

ConnectionGate::~ConnectionGate()
{
    if (m_server)
        m_server->unregisterGate(this);
}

void ConnectionGate::attachAfterHttpServer()
{
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGate::afterHttpServer);
}

std::optional<ApiResponse> ConnectionGate::admit(const RequestHead &head, const RequestGuard &guard,
                                                 const QHostAddress &localAddress)
{
    std::optional<ApiResponse> refusal;
    if (std::optional<ApiError> refused = guard.check(head.headers, localAddress))
    {
        refusal = ApiResponse::error(*refused);
        if (refused->status == HttpStatus::Unauthorized)
            refusal->headers.emplaceBack("WWW-Authenticate", "Bearer");
    }
    else if (head.contentLength > ApiHandler::maxBodyBytes)
    {
        refusal = ApiResponse::error(HttpStatus::PayloadTooLarge,
                                     u"the body is larger than %1 bytes"_s.arg(ApiHandler::maxBodyBytes));
    }
    else if (head.webSocketUpgrade)
    {
        const RouteMatch match = Router::match(head.method, head.path());
        if (match.kind != RouteMatch::Kind::Found || match.id != RouteId::Events || head.contentLength > 0)
        {
            refusal = ApiResponse::error(HttpStatus::BadRequest,
                                         u"a WebSocket can only be opened with GET /api/events"_s);
        }
    }
    if (refusal)
        refusal->closeConnection = true;
    return refusal;
}

void ConnectionGate::beforeHttpServer()
{
    if (m_handedOver)
        return;
    if (m_refused)
    {
        discardInput();
        return;
    }
    const qint64 now = m_server ? m_server->nowMs() : 0;
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_unreadSeen;
    if (fresh > 0)
    {
        m_lastByteMs = now;
        m_judged += fresh;
        if (!m_pendingRefusal)
        {
            if (!m_framer.inRequest())
                m_requestStartMs = now;
            const QByteArray unread = m_socket->peek(available);
            handleEvents(m_framer.feed(QByteArrayView(unread).sliced(unread.size() - fresh)));
            if (!m_framer.inRequest())
                m_requestStartMs = -1;
        }
        m_unreadSeen = available;
    }
    if (m_pendingRefusal)
        refuseWhenItsTurn();
}

void ConnectionGate::afterHttpServer()
{
    if (m_handedOver || m_refused)
        return;
    m_unreadSeen = m_socket->bytesAvailable();
    if (m_pendingRefusal)
        refuseWhenItsTurn();
}

void ConnectionGate::refuseWhenItsTurn()
{
    // What QHttpServer has read: everything judged except what is still unread.
    const qint64 consumed = m_judged - m_socket->bytesAvailable();
    if (consumed >= m_lastRequestEnd)
        refuse(*std::exchange(m_pendingRefusal, std::nullopt));
}

void ConnectionGate::handleEvents(const QList<HttpRequestFramer::Event> &events)
{
    for (const HttpRequestFramer::Event &event : events)
    {
        switch (event.kind)
        {
        case HttpRequestFramer::Event::Kind::Error:
            m_pendingRefusal = ApiResponse::error(event.error);
            m_pendingRefusal->closeConnection = true;
            return;
        case HttpRequestFramer::Event::Kind::RequestComplete:
            m_lastRequestEnd = event.streamOffset;
            continue;
        case HttpRequestFramer::Event::Kind::Head:
            break;
        }
        if (std::optional<ApiResponse> refusal =
                admit(event.head, m_server->guard(), m_socket->localAddress()))
        {
            refusal->omitBody = event.head.method == "HEAD";
            m_pendingRefusal = refusal;
            return;
        }
        if (event.head.webSocketUpgrade)
        {
            // QHttpServer hands the socket to its WebSocket server; nothing more to watch.
            m_handedOver = true;
            disconnect(m_socket, nullptr, this, nullptr);
            return;
        }
        if (event.head.expectContinue && event.head.contentLength > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
}

void ConnectionGate::refuse(const ApiResponse &response)
{
    m_refused = true;
    if (m_server && m_server->httpServer())
        disconnect(m_socket, &QIODevice::readyRead, m_server->httpServer(), nullptr);
    discardInput();
    m_socket->write(response.serialize());
    m_lingerUntilMs = m_server ? m_server->nowMs() + m_server->limits().lingerTime.count() : 0;
    connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGate::finishRefusal);
    m_socket->flush();
    finishRefusal();
}

// Once the answer is out, stop sending (FIN) but keep reading for a moment: closing with unread
// input would reset the connection, and the client might lose the answer.
void ConnectionGate::finishRefusal()
{
    if (m_socket->bytesToWrite() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    disconnect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGate::finishRefusal);
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void ConnectionGate::discardInput()
{
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGate::checkTimeouts(qint64 nowMs)
{
    if (m_handedOver || !m_server)
        return;
    if (m_refused)
    {
        if (nowMs >= m_lingerUntilMs)
            m_socket->abort();
        return;
    }
    if (m_pendingRefusal)
    {
        refuseWhenItsTurn();
        // QHttpServer always finishes the requests before a refused one; if it ever did not,
        // the connection must not hang on.
        if (m_pendingRefusal && nowMs - m_lastByteMs > m_server->limits().headTimeout.count())
            m_socket->abort();
        return;
    }
    const GateLimits &limits = m_server->limits();
    if (m_socket->bytesToWrite() > limits.maxUnsentBytes)
    {
        m_socket->abort();
        return;
    }
    const bool slowHead = m_framer.inRequest() && !m_framer.inBody() && m_requestStartMs >= 0 &&
                          nowMs - m_requestStartMs > limits.headTimeout.count();
    const bool stalledBody = m_framer.inBody() && nowMs - m_lastByteMs > limits.bodyIdleTimeout.count();
    if (slowHead || stalledBody)
    {
        ApiResponse response = ApiResponse::error(HttpStatus::RequestTimeout,
                                                  slowHead ? u"the request head did not arrive in time"_s
                                                           : u"the request body stalled"_s);
        response.closeConnection = true;
        refuse(response);
        return;
    }
    if (!m_framer.inRequest() && nowMs - m_lastByteMs > limits.keepAliveTimeout.count())
        m_socket->disconnectFromHost();
}

} // namespace SoulSpot::Api
