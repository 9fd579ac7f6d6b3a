// SPDX-License-Identifier: GPL-3.0-or-later
#include "apihandler.h"

#include "httplimits.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

ApiHandler::ApiHandler(DownloadService &service, const RequestGuard &guard, PageCache *pages)
    : m_guard(guard)
    , m_downloads(service, pages)
    , m_tracks(service)
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

std::optional<ApiResponse> ApiHandler::admit(const RequestHead &head, const QHostAddress &localAddress) const
{
    std::optional<ApiResponse> refusal;
    if (std::optional<ApiError> refused = m_guard.check(head.headers, localAddress))
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
        const RouteMatch match = Router::match(head.method, head.path());
        if (match.kind != RouteMatch::Kind::Found || match.id != RouteId::Events || head.contentLength > 0)
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
    const RouteMatch match = Router::match(request.method, request.path);
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
    return dispatch(request, match);
}

ApiResponse ApiHandler::dispatch(const ApiRequest &request, const RouteMatch &match) const
{
    switch (match.id)
    {
    case RouteId::ListDownloads:
        return m_downloads.list(request);
    case RouteId::GetDownload:
        return m_downloads.get(request, match.parameter);
    case RouteId::CancelDownload:
        return m_downloads.act(request, match.parameter, DownloadAction::Cancel);
    case RouteId::RetryDownload:
        return m_downloads.act(request, match.parameter, DownloadAction::Retry);
    case RouteId::PauseDownload:
        return m_downloads.act(request, match.parameter, DownloadAction::Pause);
    case RouteId::ResumeDownload:
        return m_downloads.act(request, match.parameter, DownloadAction::Resume);
    case RouteId::SetDownloadPriority:
        return m_downloads.setPriority(request, match.parameter);
    case RouteId::PauseQueue:
        return m_downloads.pauseQueue(request);
    case RouteId::ResumeQueue:
        return m_downloads.resumeQueue(request);
    case RouteId::QueueStatus:
        return m_downloads.status(request);
    case RouteId::BatchDownload:
        return m_downloads.batch(request);
    case RouteId::BatchAction:
        return m_downloads.batchAction(request);
    case RouteId::CreateTracks:
        return m_tracks.create(request);
    case RouteId::ListTracks:
        return m_tracks.list(request);
    case RouteId::GetTrack:
        return m_tracks.get(request, match.parameter);
    case RouteId::OpenApi: {
        ApiResponse response;
        response.body = openApiDocument();
        return response;
    }
    case RouteId::Events: {
        // A plain GET: the WebSocket handshake itself never reaches here.
        ApiResponse response =
            ApiResponse::error(HttpStatus::UpgradeRequired,
                               u"/api/events is a WebSocket: connect with ws://HOST:PORT/api/events"_s);
        response.headers.emplaceBack("Upgrade", "websocket");
        return response;
    }
    }
    return ApiResponse::error(HttpStatus::NotFound, u"no such endpoint"_s);
}

} // namespace SoulSpot::Api
