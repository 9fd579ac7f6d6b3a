// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

#include <functional>
#include <variant>

class QJsonObject;

namespace SoulSpot::Api {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The first value of header `name` (case-insensitive), or a null QByteArray.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
// How many times header `name` appears.
int headerCount(const HeaderList &headers, QByteArrayView name);

// One HTTP request as the API layer sees it, independent of the server that parsed it (so the
// handler can be driven by HttpConnection, by tests and by the fuzzer alike).
struct ApiRequest
{
    QByteArray method; // "GET", "POST" ...
    QByteArray path;   // percent-encoded, without the query
    QByteArray query;  // percent-encoded, without '?'
    HeaderList headers;
    QByteArray body;
    QHostAddress localAddress; // the address the client connected to (null when unknown)

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

// One HTTP response: every body is JSON.
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    HeaderList headers; // besides Content-Type and Content-Length
    bool closeConnection = false;
    bool omitBody = false; // answering HEAD

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse error(const ApiError &error);
    static ApiResponse error(int status, const QString &detail);

    // The whole response as it goes on the wire (HTTP/1.1). The answer to a HEAD request has
    // the same head but no body (a body would be read as the next response).
    QByteArray serialize(bool withBody = true) const;
};

// A response worked out on another thread (a page of downloads not in the PageCache). Called once
// with the function that takes the response; that function is then called once, later, on the
// calling thread (from its event loop), or never when the API goes down first.
using ResponseReceiver = std::function<void(ApiResponse response)>;
using DeferredResponse = std::function<void(ResponseReceiver receive)>;
// What a request on a connection gets: its response now, or one to come.
using ApiAnswer = std::variant<ApiResponse, DeferredResponse>;

// The answer to a use case: 200 with the rendered value, or the core's error as its status and
// {"detail": ...}.
template <typename T, typename Render> ApiResponse renderedOrError(const Result<T> &result, Render render)
{
    if (!result)
        return ApiResponse::error(ApiError::fromCore(result.error()));
    return ApiResponse::json(render(*result));
}

// "OK", "Not Found" ... for the status line.
QByteArray reasonPhrase(int status);

} // namespace SoulSpot::Api
