// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhttpprotocol.h"

namespace SoulSpot::Test {

QByteArray reasonPhrase(int status)
{
    switch (status)
    {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

ParsedRequest parseRequestHead(const QByteArray &head)
{
    ParsedRequest request;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    request.version = requestLine.value(2);
    for (qsizetype i = 1; i < lines.size(); ++i)
    {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    request.contentLength = request.headers.value("content-length").toLongLong();
    return request;
}

ByteRange parseRange(const QByteArray &header, qint64 size)
{
    ByteRange range;
    if (!header.startsWith("bytes=") || header.contains(','))
        return range;
    const QByteArray spec = header.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    bool firstOk = false;
    bool lastOk = false;
    const qint64 first = spec.left(dash).toLongLong(&firstOk);
    const qint64 last = spec.mid(dash + 1).toLongLong(&lastOk);
    if (dash < 0 || (!firstOk && !lastOk))
        return range;
    range.valid = true;
    if (!firstOk) // "bytes=-N": the last N bytes
    {
        range.first = qMax<qint64>(0, size - last);
        range.last = size - 1;
        range.satisfiable = last > 0 && size > 0;
        return range;
    }
    if (lastOk && last < first)
        return ByteRange{};
    range.first = first;
    range.last = lastOk ? qMin(last, size - 1) : size - 1;
    range.satisfiable = first < size;
    return range;
}

} // namespace SoulSpot::Test
