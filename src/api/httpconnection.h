// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httplimits.h"
#include "httprequestframer.h"

#include <QElapsedTimer>
#include <QObject>

#include <optional>
#include <utility>

class QTcpSocket;

namespace SoulSpot::Api {

class HttpRequestHandler;

// One client connection of the REST API, HTTP/1.1 with keep-alive and pipelining. It reads the
// bytes, frames each request (HttpRequestFramer), asks the handler to admit it from its head
// before a byte of the body is read, collects the body of an admitted request, hands the whole
// request to the handler and writes the answers in order. An answer worked out on another
// thread (HttpRequestHandler::answer) is waited for without holding up the thread: the requests
// that follow on the connection are held, unread or framed, until it is out. It enforces the
// per-connection limits: a head that does not arrive in time or a body that stalls gets 408, an
// idle connection is closed, a client that does not read its answers is dropped.
//
// After a refusal, or an answer that ends the connection, it stops sending (FIN) but keeps
// reading for a moment: closing with unread input would reset the connection, and the client
// could lose the answer. An admitted WebSocket upgrade leaves the request in the socket's buffer
// and is announced with webSocketRequested(): from then on the socket is not read here.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    // Becomes a child of `socket`; `handler` must outlive it.
    HttpConnection(QTcpSocket *socket, const HttpRequestHandler &handler, const HttpLimits &limits);

    // Called a few times a second by the listener: slow heads, stalled bodies, idle connections,
    // the end of the lingering after a last answer.
    void checkTimeouts();

    // How readily the connection gives its place to a new one when all are taken (the listener
    // evicts the highest): first a keep-alive connection idle between requests, the longest idle
    // first; then one whose head is still arriving (a dribbling client), the longest waiting
    // first; then one that has sent nothing yet, the oldest first (the newest may be a client
    // whose request is on its way). Never one that is receiving a body or closing.
    std::optional<std::pair<int, qint64>> evictionRank() const;
    // Gives the place up: an idle connection is closed once its answers are out, a waiting one
    // at once.
    void evict();
    // Answers `response` to whatever comes and closes, as after a refused request.
    void turnAway(ApiResponse response) { refuse(std::move(response), {}); }

Q_SIGNALS:
    // An admitted WebSocket handshake waits unread at the front of the socket's buffer.
    void webSocketRequested(QTcpSocket *socket);

private:
    enum class State
    {
        Open,      // reading requests
        Closing,   // the last answer is written; draining the input until the client closes
        HandedOver // a WebSocket now
    };

    void readIncoming();
    // Acts on one framing event; false when nothing after it is to be read.
    bool handle(const HttpRequestFramer::Event &event);
    bool answer(const HttpRequestFramer::Event &event);
    // How an answer goes out: with its body (not for HEAD), and whether the connection ends.
    struct Shape
    {
        bool withBody = true;
        bool closeAfter = false;
    };
    // Writes it; false when nothing after it is to be read.
    bool send(ApiResponse response, Shape shape);
    // The awaited answer has come: out it goes, then the requests held behind it.
    void receive(ApiResponse response);
    // Takes what is handled out of the socket's buffer.
    void consumeHandled();
    void refuse(ApiResponse response, const QByteArray &method);
    void startClosing();
    void finishSending();
    void handOver(qint64 headStart);
    void discardInput();

    QTcpSocket *m_socket;
    const HttpRequestHandler &m_handler;
    const HttpLimits m_limits;
    HttpRequestFramer m_framer;
    State m_state = State::Open;
    qint64 m_consumed = 0; // bytes of the stream taken out of the socket's buffer
    qint64 m_fed = 0;      // bytes of the stream given to the framer (an unfinished head stays buffered)
    int m_answered = 0;
    std::optional<Shape> m_awaited;         // an answer is being worked out elsewhere
    QList<HttpRequestFramer::Event> m_held; // framed behind it, handled once it is out
    QElapsedTimer m_sinceLastByte;
    QElapsedTimer m_sinceRequestStart;
    QElapsedTimer m_sinceClosing;
};

} // namespace SoulSpot::Api
