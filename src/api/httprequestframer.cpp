// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestframer.h"

#include "httplimits.h"

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
    {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

ApiError badRequest(const QString &detail)
{
    return ApiError{HttpStatus::BadRequest, detail};
}

// Whitespace between requests (a CRLF after a body, RFC 9112 2.2) is skipped.
bool isInterRequestSpace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

ApiResult<RequestHead> parseRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return badRequest(u"the request line is malformed"_s);
    RequestHead head;
    head.method = line.first(firstSpace).toByteArray();
    head.target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1).toByteArray();
    head.version = line.sliced(lastSpace + 1).toByteArray();
    if (!isToken(head.method) || head.method.size() > 20)
        return badRequest(u"the request method is malformed"_s);
    if (head.target.size() > HttpRequestFramer::maxTargetBytes)
        return ApiError{HttpStatus::UriTooLong, u"the request target is too long"_s};
    if (!head.target.startsWith('/'))
        return badRequest(u"the request target must be a path starting with /"_s);
    for (char c : std::as_const(head.target))
    {
        if (c <= 0x20 || c >= 0x7f)
            return badRequest(u"the request target contains a character that must be percent-encoded"_s);
    }
    // Any other version is a client error here (a 4xx, like every refused request).
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0")
        return badRequest(u"the request line is malformed: only HTTP/1.0 and HTTP/1.1 are spoken here"_s);
    return head;
}

std::optional<ApiError> parseHeaderLine(QByteArrayView line, HeaderList &headers)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return badRequest(u"a header line is malformed"_s);
    QByteArrayView value = line.sliced(colon + 1);
    for (char c : value)
    {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7f)
            return badRequest(u"a header value contains a control character"_s);
    }
    headers.emplaceBack(line.first(colon).toByteArray(), value.trimmed().toByteArray());
    return std::nullopt;
}

std::optional<ApiError> readFraming(RequestHead &head)
{
    if (headerCount(head.headers, "transfer-encoding") > 0)
        return ApiError{HttpStatus::LengthRequired, u"send the body with a Content-Length, not chunked"_s};
    const int lengths = headerCount(head.headers, "content-length");
    if (lengths > 1)
        return badRequest(u"the Content-Length header is given more than once"_s);
    if (lengths == 1)
    {
        const QByteArray text = headerValue(head.headers, "content-length");
        bool ok = !text.isEmpty() && text.size() <= 18;
        for (char c : text)
            ok = ok && c >= '0' && c <= '9';
        if (!ok)
            return badRequest(u"the Content-Length header is not a number"_s);
        head.contentLength = text.toLongLong();
    }
    head.expectContinue =
        headerValue(head.headers, "expect").compare("100-continue", Qt::CaseInsensitive) == 0;
    head.webSocketUpgrade = isWebSocketUpgrade(head.headers);
    return std::nullopt;
}

} // namespace

HttpRequestFramer::HttpRequestFramer(bool collectBodies)
    : m_collectBodies(collectBodies)
{
}

ApiResult<RequestHead> HttpRequestFramer::parseHead(QByteArrayView head)
{
    // Every line must end in CRLF: a lone CR or LF is where parsers disagree.
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < head.size(); ++i)
    {
        const char c = head[i];
        if (c == '\r' && i + 1 < head.size() && head[i + 1] == '\n')
        {
            lines.append(head.sliced(start, i - start));
            start = i + 2;
            ++i;
        }
        else if (c == '\r' || c == '\n' || c == '\0')
        {
            return badRequest(u"the request head contains a bare CR, LF or NUL"_s);
        }
    }
    lines.append(head.sliced(start));
    if (lines.size() - 1 > maxHeaderCount)
        return ApiError{HttpStatus::HeaderFieldsTooLarge, u"too many header lines"_s};

    ApiResult<RequestHead> parsed = parseRequestLine(lines.first());
    if (!parsed)
        return parsed;
    RequestHead result = *parsed;
    for (qsizetype i = 1; i < lines.size(); ++i)
    {
        if (std::optional<ApiError> error = parseHeaderLine(lines.at(i), result.headers))
            return *error;
    }
    if (std::optional<ApiError> error = readFraming(result))
        return *error;
    return result;
}

QList<HttpRequestFramer::Event> HttpRequestFramer::feed(QByteArrayView data)
{
    QList<Event> events;
    qsizetype position = 0;
    while (position < data.size() && m_state != State::Stopped)
    {
        const QByteArrayView rest = data.sliced(position);
        const qsizetype used = m_state == State::Head ? feedHead(rest, events) : feedBody(rest, events);
        position += used;
        m_streamPos += used;
    }
    return events;
}

qsizetype HttpRequestFramer::feedHead(QByteArrayView data, QList<Event> &events)
{
    qsizetype used = 0;
    if (m_head.isEmpty())
    {
        while (used < data.size() && isInterRequestSpace(data[used]))
            ++used;
        if (used == data.size())
            return used;
        m_headStart = m_streamPos + used;
    }
    const qsizetype searchFrom = qMax<qsizetype>(0, m_head.size() - 3);
    const qsizetype take = qMin(data.size() - used, maxHeadBytes + 4 - m_head.size());
    const qsizetype oldSize = m_head.size();
    m_head.append(data.sliced(used, take));
    const qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
    if (hasBareLineEnd(qMax<qsizetype>(1, oldSize), end < 0 ? m_head.size() : end + 4))
    {
        stop(events, {HttpStatus::BadRequest, u"the request head contains a bare CR or LF"_s});
        return used + take;
    }
    if (end < 0)
    {
        if (m_head.size() > maxHeadBytes)
            stop(events, {HttpStatus::HeaderFieldsTooLarge, u"the request head is too large"_s});
        return used + take;
    }
    // Bytes after the empty line belong to the body or the next request.
    const qsizetype headBytesInData = take - (m_head.size() - (end + 4));
    startRequest(end, m_streamPos + used + headBytesInData, events);
    return used + headBytesInData;
}

bool HttpRequestFramer::hasBareLineEnd(qsizetype from, qsizetype to) const
{
    // A line that ends in a bare LF (or a CR without LF) is refused at once: other parsers
    // accept it as a line end, so a proxy in front could see a different request.
    for (qsizetype i = from; i < to; ++i)
    {
        if ((m_head[i] == '\n' && m_head[i - 1] != '\r') || (m_head[i - 1] == '\r' && m_head[i] != '\n'))
            return true;
    }
    return false;
}

void HttpRequestFramer::startRequest(qsizetype headEnd, qint64 bodyStart, QList<Event> &events)
{
    ApiResult<RequestHead> head = parseHead(QByteArrayView(m_head).first(headEnd));
    m_head.clear();
    if (!head)
    {
        stop(events, head.error());
        return;
    }
    m_current = *head;
    m_body.clear();
    m_remaining = m_current.contentLength;
    events.append({Event::Kind::Head, m_current, {}, {}, m_headStart});
    if (m_current.webSocketUpgrade)
    {
        m_state = State::Stopped; // what follows belongs to the WebSocket
        return;
    }
    m_state = State::Body;
    if (m_remaining == 0)
    {
        events.append({Event::Kind::RequestComplete, m_current, {}, {}, bodyStart});
        m_state = State::Head;
    }
}

void HttpRequestFramer::stop(QList<Event> &events, const ApiError &error)
{
    m_state = State::Stopped;
    events.append({Event::Kind::Error, {}, {}, error, m_headStart});
}

qsizetype HttpRequestFramer::feedBody(QByteArrayView data, QList<Event> &events)
{
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size()));
    if (m_collectBodies)
        m_body.append(data.first(take));
    m_remaining -= take;
    if (m_remaining == 0)
    {
        events.append({Event::Kind::RequestComplete, m_current, m_body, {}, m_streamPos + take});
        m_body.clear();
        m_state = State::Head;
    }
    return take;
}

} // namespace SoulSpot::Api
