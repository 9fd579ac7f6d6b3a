// SPDX-License-Identifier: GPL-3.0-or-later
#include "apihandler.h"

#include "httplimits.h"
#include "requestguard.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

ApiHandler::ApiHandler(DownloadService &service, const RequestGuard &guard, PageCache *pages,
                       SettingsStore *settings, PageReaders *readers)
    : m_guard(guard)
    , m_downloads(service, pages, readers)
    , m_tracks(service)
    , m_settings(service, settings)
    , m_workers(service)
    , m_router(m_downloads.routes() + m_tracks.routes() + m_settings.routes() + m_workers.routes() +
               documentRoutes())
{
}

QByteArray ApiHandler::openApiDocument()
{
    static const QByteArray document = [] {
        QFile file(u":/soulspot/api/openapi.json"_s);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

QList<Route> ApiHandler::documentRoutes()
{
    const auto document = [](const ApiRequest &, const QString &) {
        ApiResponse response;
        response.body = openApiDocument();
        return response;
    };
    // A plain GET: the WebSocket handshake itself is admitted and handed over, never answered here.
    const auto events = [](const ApiRequest &, const QString &) {
        ApiResponse response =
            ApiResponse::error(HttpStatus::UpgradeRequired,
                               u"/api/events is a WebSocket: connect with ws://HOST:PORT/api/events"_s);
        response.headers.emplaceBack("Upgrade", "websocket");
        return response;
    };
    return {{"GET", u"/api/openapi.json"_s, document}, {"GET", u"/api/events"_s, events, true}};
}

std::optional<ApiResponse> ApiHandler::admit(const RequestHead &head, const QHostAddress &localAddress) const
{
    std::optional<ApiResponse> refusal;
    if (std::optional<ApiError> refused = m_guard.check(head.method, head.headers, localAddress))
    {
        refusal = ApiResponse::error(*refused);
        if (refused->status == HttpStatus::Unauthorized)
            refusal->headers.emplaceBack("WWW-Authenticate", "Bearer");
    }
    else if (head.contentLength > HttpLimits::maxBodyBytes)
    {
        refusal = ApiResponse::error(HttpStatus::PayloadTooLarge,
                                     u"the body is larger than %1 bytes"_s.arg(HttpLimits::maxBodyBytes));
    }
    else if (head.webSocketUpgrade)
    {
        const RouteMatch match = m_router.match(head.method, head.path());
        if (match.kind != RouteMatch::Kind::Found || !match.route->webSocket || head.contentLength > 0)
        {
            refusal = ApiResponse::error(HttpStatus::BadRequest,
                                         u"a WebSocket can only be opened with GET /api/events"_s);
        }
    }
    if (refusal)
        refusal->closeConnection = true;
    return refusal;
}

ApiResponse ApiHandler::respond(const ApiRequest &request) const
{
    return respondMatched(request, m_router.match(request.method, request.path));
}

ApiAnswer ApiHandler::answer(const ApiRequest &request) const
{
    const RouteMatch match = m_router.match(request.method, request.path);
    if (match.kind == RouteMatch::Kind::Found && match.route->onConnection)
        return match.route->onConnection(request);
    return respondMatched(request, match);
}

ApiResponse ApiHandler::respondMatched(const ApiRequest &request, const RouteMatch &match) const
{
    if (match.kind == RouteMatch::Kind::NotFound)
    {
        return ApiResponse::error(HttpStatus::NotFound,
                                  u"no such endpoint: %1"_s.arg(QString::fromUtf8(request.path.left(200))));
    }
    if (match.kind == RouteMatch::Kind::MethodNotAllowed)
    {
        ApiResponse response = ApiResponse::error(
            HttpStatus::MethodNotAllowed,
            u"method %1 is not allowed here; use %2"_s.arg(QString::fromLatin1(request.method.left(20)),
                                                           QString::fromLatin1(match.allowed.join(", "))));
        response.headers.emplaceBack("Allow", match.allowed.join(", "));
        return response;
    }
    return match.route->handler(request, match.parameter);
}

} // namespace SoulSpot::Api
