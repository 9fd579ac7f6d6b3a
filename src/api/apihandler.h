// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "downloadsendpoints.h"
#include "httprequesthandler.h"
#include "router.h"
#include "settingsendpoints.h"
#include "tracksendpoints.h"
#include "workersendpoints.h"

namespace SoulSpot {
class DownloadService;
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Api {

class PageCache;
class PageReaders;
class RequestGuard;

// The REST API above the transport. admit() is the one decision on a request, taken from its
// head before the body is read: Host and Origin (403), token (401), body size (413), and a
// WebSocket only where a route takes one (400). respond() answers an admitted request and trusts
// that decision: the route (404, 405), then the endpoint (400, 422, 404, 409 ...). Pure, no
// sockets: HttpConnection, the tests and the fuzzer all call the same two functions.
//
// The routes are those the endpoint classes declare (DownloadsEndpoints::routes() ...), plus the
// OpenAPI document and the plain-GET answer of /api/events declared here.
class ApiHandler final : public HttpRequestHandler
{
    Q_DISABLE_COPY_MOVE(ApiHandler)

public:
    // `pages` caches rendered download listings (may be null). `settings`: what /api/settings
    // reads and changes (null: it answers 503). `readers` render the pages not cached on
    // threads of their own for answer() (null: on the calling thread).
    ApiHandler(DownloadService &service, const RequestGuard &guard, PageCache *pages = nullptr,
               SettingsStore *settings = nullptr, PageReaders *readers = nullptr);

    std::optional<ApiResponse> admit(const RequestHead &head,
                                     const QHostAddress &localAddress) const override;
    ApiResponse respond(const ApiRequest &request) const override;
    // As respond(), but a cold page of downloads is rendered by the PageReaders when given.
    ApiAnswer answer(const ApiRequest &request) const override;

    // Every route served, for the OpenAPI consistency test.
    const QList<Route> &routes() const { return m_router.routes(); }

    // The OpenAPI document served at /api/openapi.json (from the Qt resource system).
    static QByteArray openApiDocument();

private:
    static QList<Route> documentRoutes();
    // The route's answer, or why there is none (404, 405).
    ApiResponse respondMatched(const ApiRequest &request, const RouteMatch &match) const;

    const RequestGuard &m_guard;
    DownloadsEndpoints m_downloads;
    TracksEndpoints m_tracks;
    SettingsEndpoints m_settings;
    WorkersEndpoints m_workers;
    Router m_router;
};

} // namespace SoulSpot::Api
