// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

#include <utility>

// The HTTP/1.1 that TestHttpServer reads and writes, as plain functions (testhttpserver.cpp).
namespace SoulSpot::Test {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

QByteArray reasonPhrase(int status);

struct ParsedRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent, percent-encoded
    QByteArray version;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    qint64 contentLength = 0;
};

// Parses one request head ("GET / HTTP/1.1\r\nName: value\r\n..."), without the blank line.
ParsedRequest parseRequestHead(const QByteArray &head);

// A byte range [first, last] of a body of `size` bytes; `valid` false when the header is
// malformed (then it is ignored), `satisfiable` false for a 416.
struct ByteRange
{
    bool valid = false;
    bool satisfiable = false;
    qint64 first = 0;
    qint64 last = 0;
};

ByteRange parseRange(const QByteArray &header, qint64 size);

} // namespace SoulSpot::Test
