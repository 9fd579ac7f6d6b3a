// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "httprequesthead.h"

#include <QHostAddress>

#include <optional>

namespace SoulSpot::Api {

// What the transport (HttpConnection) asks of the layer above it, and all it knows of it. The
// transport frames the bytes; the layer above decides and answers.
class HttpRequestHandler
{
public:
    virtual ~HttpRequestHandler() = default;

    // The one decision on a request, from its head alone, before any byte of its body is read:
    // nullopt admits it, otherwise the answer it gets (the connection is then closed). An
    // admitted WebSocket upgrade is handed to the WebSocket server.
    virtual std::optional<ApiResponse> admit(const RequestHead &head,
                                             const QHostAddress &localAddress) const = 0;
    // The answer to a request that admit() let through, once its body is complete.
    virtual ApiResponse respond(const ApiRequest &request) const = 0;
    // The same answer for a connection, which can wait for it without holding up the thread:
    // what respond() gives, or a response to come (worked out on another thread). The connection
    // answers the requests that follow on it only after it.
    virtual ApiAnswer answer(const ApiRequest &request) const { return respond(request); }
};

} // namespace SoulSpot::Api
