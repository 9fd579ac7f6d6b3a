// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include <chrono>

namespace SoulSpot::Api {

// What one client may cost the server: the transport (HttpListener, HttpConnection) enforces
// these; the application layer only reads maxBodyBytes to refuse a body before it is read.
struct HttpLimits
{
    static constexpr qint64 maxBodyBytes = 1024 * 1024;

    int maxConnections = 128;                     // HTTP connections; WebSockets have a limit of their own
    std::chrono::milliseconds headTimeout{10000}; // from a request's first byte to its empty line
    std::chrono::milliseconds bodyIdleTimeout{10000};  // no body byte for this long
    std::chrono::milliseconds keepAliveTimeout{60000}; // an idle connection between requests
    std::chrono::milliseconds lingerTime{2000};        // draining after the last answer, before closing
    qint64 maxUnsentBytes = 8 * 1024 * 1024;           // a client that does not read its answers
    int maxWebSockets = 256;
    std::chrono::milliseconds webSocketPingInterval{30000}; // a ping to a WebSocket that said nothing
    std::chrono::milliseconds webSocketIdleTimeout{90000};  // closed when nothing, not even a pong, came
};

// Whether a request asks to become a WebSocket (RFC 6455: "Connection: Upgrade" among the
// connection options and "Upgrade: websocket").
inline bool isWebSocketUpgrade(const HeaderList &headers)
{
    return headerValue(headers, "connection").toLower().contains("upgrade") &&
           headerValue(headers, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

} // namespace SoulSpot::Api
