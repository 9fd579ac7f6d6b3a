// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include "httprequesthandler.h"

#include <QPointer>
#include <QTcpSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpRequestHandler &handler,
                               const HttpLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_handler(handler)
    , m_limits(limits)
    , m_framer(true)
{
    m_sinceLastByte.start();
    m_sinceRequestStart.start();
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::readIncoming);
}

void HttpConnection::readIncoming()
{
    if (m_state != State::Open)
    {
        if (m_state == State::Closing)
            discardInput();
        return;
    }
    if (m_awaited)
        return; // what comes meanwhile waits in the socket's buffer: read once the answer is out
    m_sinceLastByte.restart();
    if (!m_framer.inRequest())
        m_sinceRequestStart.restart();
    // The bytes of an unfinished head stay in the socket's buffer (a WebSocket handshake must
    // still be there when it is handed over); everything else is taken out once framed.
    const QByteArray unread = m_socket->peek(m_socket->bytesAvailable());
    const qsizetype seen = qsizetype(m_fed - m_consumed);
    const QList<HttpRequestFramer::Event> events = m_framer.feed(QByteArrayView(unread).sliced(seen));
    m_fed += unread.size() - seen;
    for (const HttpRequestFramer::Event &event : events)
    {
        if (!handle(event))
            return;
    }
    consumeHandled();
}

void HttpConnection::consumeHandled()
{
    const qint64 headStart = m_framer.pendingHeadStart();
    qint64 keepFrom = headStart < 0 ? m_fed : headStart;
    if (!m_held.isEmpty())
        keepFrom = qMin(keepFrom, m_held.constFirst().streamOffset);
    m_consumed += m_socket->skip(keepFrom - m_consumed);
}

bool HttpConnection::handle(const HttpRequestFramer::Event &event)
{
    // Answers go out in the order of the requests: nothing is decided on a request before the
    // answer to the one before it is out.
    if (m_awaited)
    {
        m_held.append(event);
        return true;
    }
    switch (event.kind)
    {
    case HttpRequestFramer::Event::Kind::Error:
        refuse(ApiResponse::error(event.error), {});
        return false;
    case HttpRequestFramer::Event::Kind::RequestComplete:
        return answer(event);
    case HttpRequestFramer::Event::Kind::Head:
        break;
    }
    if (std::optional<ApiResponse> refusal = m_handler.admit(event.head, m_socket->localAddress()))
    {
        refuse(*refusal, event.head.method);
        return false;
    }
    if (event.head.webSocketUpgrade)
    {
        handOver(event.streamOffset);
        return false;
    }
    if (event.head.expectContinue && event.head.contentLength > 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
}

bool HttpConnection::answer(const HttpRequestFramer::Event &event)
{
    const RequestHead &head = event.head;
    m_sinceRequestStart.restart(); // the clock of the next head, which may follow in this read
    ++m_answered;
    ApiAnswer answer = m_handler.answer(head.toRequest(event.body, m_socket->localAddress()));
    const Shape shape{head.method != "HEAD", head.wantsClose()};
    if (DeferredResponse *later = std::get_if<DeferredResponse>(&answer))
    {
        m_awaited = shape;
        // The connection may be gone (the client closed) by the time the answer comes.
        (*later)([connection = QPointer<HttpConnection>(this)](ApiResponse response) {
            if (connection)
                connection->receive(std::move(response));
        });
        return true;
    }
    return send(std::get<ApiResponse>(std::move(answer)), shape);
}

void HttpConnection::receive(ApiResponse response)
{
    const Shape shape = *m_awaited;
    m_awaited.reset();
    if (m_state != State::Open || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (!send(std::move(response), shape))
        return;
    // The requests that came behind it, in order, until one is awaited in its turn.
    while (!m_held.isEmpty() && !m_awaited)
    {
        if (!handle(m_held.takeFirst()))
            return;
    }
    consumeHandled();
    if (!m_awaited && m_socket->bytesAvailable() > m_fed - m_consumed)
        readIncoming();
}

bool HttpConnection::send(ApiResponse response, Shape shape)
{
    response.closeConnection = response.closeConnection || shape.closeAfter;
    m_socket->write(response.serialize(shape.withBody));
    if (response.closeConnection)
    {
        startClosing();
        return false;
    }
    // Hand the answer to the kernel now rather than on the next turn of the event loop (which
    // costs a wake-up and a poll per request); what is left is what the client has not taken.
    m_socket->flush();
    // A client that reset the connection is found out by that write: the socket is closed now.
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (m_socket->bytesToWrite() > m_limits.maxUnsentBytes)
    {
        m_socket->abort();
        return false;
    }
    return true;
}

void HttpConnection::refuse(ApiResponse response, const QByteArray &method)
{
    response.closeConnection = true;
    m_socket->write(response.serialize(method != "HEAD"));
    startClosing();
}

void HttpConnection::startClosing()
{
    m_state = State::Closing;
    m_sinceClosing.start();
    discardInput();
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::finishSending);
    m_socket->flush();
    finishSending();
}

// Once the last answer is out, stop sending: the client reads it and sees the end.
void HttpConnection::finishSending()
{
    if (m_socket->bytesToWrite() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    disconnect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::finishSending);
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::handOver(qint64 headStart)
{
    m_state = State::HandedOver;
    m_consumed += m_socket->skip(headStart - m_consumed); // requests before it were answered
    disconnect(m_socket, nullptr, this, nullptr);
    Q_EMIT webSocketRequested(m_socket);
}

void HttpConnection::discardInput()
{
    m_consumed += m_socket->skip(m_socket->bytesAvailable());
    m_fed = m_consumed;
}

std::optional<std::pair<int, qint64>> HttpConnection::evictionRank() const
{
    if (m_state != State::Open || m_framer.inBody() || m_awaited)
        return std::nullopt;
    if (m_answered > 0 && !m_framer.inRequest())
        return std::pair(2, m_sinceLastByte.nsecsElapsed());
    if (m_framer.inRequest())
        return std::pair(1, m_sinceRequestStart.nsecsElapsed());
    // Nothing read yet: a client whose request is still on its way gets a second to send it.
    if (m_sinceRequestStart.elapsed() < 1000)
        return std::nullopt;
    return std::pair(0, m_sinceRequestStart.nsecsElapsed());
}

void HttpConnection::evict()
{
    m_state = State::Closing;
    if (m_framer.inRequest() || m_answered == 0)
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
}

void HttpConnection::checkTimeouts()
{
    switch (m_state)
    {
    case State::HandedOver:
        return;
    case State::Closing:
        if (m_sinceClosing.elapsed() >= m_limits.lingerTime.count())
            m_socket->abort();
        return;
    case State::Open:
        break;
    }
    if (m_awaited)
        return; // the wait is the server's, not the client's
    if (m_socket->bytesToWrite() > m_limits.maxUnsentBytes)
    {
        m_socket->abort();
        return;
    }
    const bool slowHead = m_framer.inRequest() && !m_framer.inBody() &&
                          m_sinceRequestStart.elapsed() > m_limits.headTimeout.count();
    const bool stalledBody =
        m_framer.inBody() && m_sinceLastByte.elapsed() > m_limits.bodyIdleTimeout.count();
    if (slowHead || stalledBody)
    {
        refuse(ApiResponse::error(HttpStatus::RequestTimeout,
                                  slowHead ? u"the request head did not arrive in time"_s
                                           : u"the request body stalled"_s),
               {});
        return;
    }
    if (!m_framer.inRequest() && m_sinceLastByte.elapsed() > m_limits.keepAliveTimeout.count())
        m_socket->disconnectFromHost();
}

} // namespace SoulSpot::Api
