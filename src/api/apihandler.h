// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "downloadscontroller.h"
#include "requestguard.h"
#include "router.h"
#include "trackscontroller.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class PageCache;

// Answers one request: the guard (403, 401), the body size (413), the route (404, 405), then the
// controller (400, 422, 404, 409 ...). Pure request -> response: the HTTP server, the tests and
// the fuzzer all call handle().
class ApiHandler final
{
    Q_DISABLE_COPY_MOVE(ApiHandler)

public:
    static constexpr qint64 maxBodyBytes = 1024 * 1024;

    // `pages` caches rendered download listings (may be null).
    ApiHandler(DownloadService &service, RequestGuard &guard, PageCache *pages = nullptr);

    ApiResponse handle(const ApiRequest &request) const;

    // The OpenAPI document served at /api/openapi.json (from the Qt resource system).
    static QByteArray openApiDocument();

    // Whether a request asks to become a WebSocket (the same test QHttpServer 6.4 makes).
    static bool isWebSocketUpgrade(const HeaderList &headers);

private:
    ApiResponse dispatch(const ApiRequest &request, const RouteMatch &match) const;

    RequestGuard &m_guard;
    DownloadsController m_downloads;
    TracksController m_tracks;
};

} // namespace SoulSpot::Api
