// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequesthead.h"

namespace SoulSpot::Api {

namespace {

// The target without a fragment (clients do not send one; a proxy might).
QByteArrayView withoutFragment(const QByteArray &target)
{
    const qsizetype hash = target.indexOf('#');
    return hash < 0 ? QByteArrayView(target) : QByteArrayView(target).first(hash);
}

} // namespace

QByteArray RequestHead::path() const
{
    const QByteArrayView whole = withoutFragment(target);
    const qsizetype question = whole.indexOf('?');
    return (question < 0 ? whole : whole.first(question)).toByteArray();
}

QByteArray RequestHead::query() const
{
    const QByteArrayView whole = withoutFragment(target);
    const qsizetype question = whole.indexOf('?');
    return question < 0 ? QByteArray() : whole.sliced(question + 1).toByteArray();
}

ApiRequest RequestHead::toRequest(const QByteArray &body, const QHostAddress &localAddress) const
{
    ApiRequest request;
    request.method = method;
    request.path = path();
    request.query = query();
    request.headers = headers;
    request.body = body;
    request.localAddress = localAddress;
    return request;
}

bool RequestHead::wantsClose() const
{
    const QByteArray connection = headerValue(headers, "connection").toLower();
    if (version == "HTTP/1.0")
        return !connection.contains("keep-alive");
    return connection.contains("close");
}

} // namespace SoulSpot::Api
