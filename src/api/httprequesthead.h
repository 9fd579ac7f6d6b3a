// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include <QByteArray>

namespace SoulSpot::Api {

// The start line and headers of one request, as read off the wire by HttpRequestFramer: all
// that is known of a request when it is admitted or refused, before its body is read.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // origin-form: "/path?query"
    QByteArray version;
    HeaderList headers;
    qint64 contentLength = 0;
    bool expectContinue = false;
    bool webSocketUpgrade = false;

    QByteArray path() const;
    QByteArray query() const;
    // HTTP/1.0 without "Connection: keep-alive", or "Connection: close".
    bool wantsClose() const;
    // The whole request, once its body has arrived.
    ApiRequest toRequest(const QByteArray &body, const QHostAddress &localAddress) const;
};

} // namespace SoulSpot::Api
