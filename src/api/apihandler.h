// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "downloadscontroller.h"
#include "httprequesthandler.h"
#include "requestguard.h"
#include "router.h"
#include "trackscontroller.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class PageCache;

// The REST API above the transport. admit() is the one decision on a request, taken from its
// head before the body is read: Host and Origin (403), token (401), body size (413), and a
// WebSocket only on GET /api/events (400). respond() answers an admitted request and trusts that
// decision: the route (404, 405), then the controller (400, 422, 404, 409 ...). Pure, no
// sockets: HttpConnection, the tests and the fuzzer all call the same two functions.
class ApiHandler final : public HttpRequestHandler
{
    Q_DISABLE_COPY_MOVE(ApiHandler)

public:
    // `pages` caches rendered download listings (may be null).
    ApiHandler(DownloadService &service, const RequestGuard &guard, PageCache *pages = nullptr);

    std::optional<ApiResponse> admit(const RequestHead &head,
                                     const QHostAddress &localAddress) const override;
    ApiResponse respond(const ApiRequest &request) const override;

    // The OpenAPI document served at /api/openapi.json (from the Qt resource system).
    static QByteArray openApiDocument();

private:
    ApiResponse dispatch(const ApiRequest &request, const RouteMatch &match) const;

    const RequestGuard &m_guard;
    DownloadsController m_downloads;
    TracksController m_tracks;
};

} // namespace SoulSpot::Api
