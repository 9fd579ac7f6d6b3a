// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierror.h"
#include "httprequesthead.h"

#include <QByteArray>
#include <QList>

namespace SoulSpot::Api {

// Finds where each request of an HTTP/1.1 byte stream starts and ends, without buffering bodies,
// so that a request can be judged (Host, token, size) before its body is read. It is strict:
// anything it cannot frame without doubt (bare LF, folded or malformed header lines, two
// Content-Length headers, any Transfer-Encoding) is refused, so it can never disagree with
// the peer about where a request ends. Pure: no sockets; fed by HttpConnection, the tests and the
// fuzzer.
class HttpRequestFramer
{
public:
    static constexpr qsizetype maxHeadBytes = 16 * 1024;
    static constexpr qsizetype maxTargetBytes = 8 * 1024;
    static constexpr int maxHeaderCount = 100;

    struct Event
    {
        enum class Kind
        {
            Head,            // a request's head is complete; its body (contentLength bytes) follows
            RequestComplete, // the body has been seen too (body filled when collecting)
            Error            // the stream cannot be framed; nothing more is read
        };
        Kind kind = Kind::Head;
        RequestHead head;
        QByteArray body;
        ApiError error;
        // Where in the whole stream the request starts (Head, Error) or ends (RequestComplete).
        qint64 streamOffset = 0;
    };

    explicit HttpRequestFramer(bool collectBodies = false);

    // Reads the next bytes of the stream. After an Error, or after the head of a WebSocket
    // upgrade (what follows is no longer HTTP), everything is ignored.
    QList<Event> feed(QByteArrayView data);

    bool isStopped() const { return m_state == State::Stopped; }
    // Bytes of an unfinished head or body are pending.
    bool inRequest() const { return m_state == State::Body || !m_head.isEmpty(); }
    bool inBody() const { return m_state == State::Body; }
    // Where in the stream the unfinished head starts, or -1 when none is pending.
    qint64 pendingHeadStart() const { return m_head.isEmpty() ? -1 : m_headStart; }

    // Parses one complete head (without the final empty line). Public for tests.
    static ApiResult<RequestHead> parseHead(QByteArrayView head);

private:
    enum class State
    {
        Head,
        Body,
        Stopped
    };

    qsizetype feedHead(QByteArrayView data, QList<Event> &events);
    qsizetype feedBody(QByteArrayView data, QList<Event> &events);
    bool hasBareLineEnd(qsizetype from, qsizetype to) const;
    // The head is m_head up to `headEnd`; its body, if any, starts at stream position `bodyStart`.
    void startRequest(qsizetype headEnd, qint64 bodyStart, QList<Event> &events);
    // Refuses the stream: an Error event, and nothing more is read.
    void stop(QList<Event> &events, const ApiError &error);

    bool m_collectBodies = false;
    State m_state = State::Head;
    QByteArray m_head;
    RequestHead m_current;
    QByteArray m_body;
    qint64 m_remaining = 0;
    qint64 m_streamPos = 0; // bytes of the stream consumed so far
    qint64 m_headStart = 0;
};

} // namespace SoulSpot::Api
