// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace SoulSpot::Api {

// One endpoint, declared by the class that answers it (DownloadsEndpoints::routes() ...): the
// method and path pattern as written in resources/openapi.json, and the function that answers.
struct Route
{
    using Handler = std::function<ApiResponse(const ApiRequest &request, const QString &parameter)>;

    QByteArray method;
    QString pattern; // "/api/downloads/{download_id}/cancel": one {..._id} segment at most
    Handler handler;
    bool webSocket = false; // the endpoint also takes a WebSocket handshake
    // Answers instead of `handler` on a connection (HttpRequestHandler::answer), where the answer
    // may come later; empty for most routes.
    std::function<ApiAnswer(const ApiRequest &request)> onConnection = {};
};

// A Route::Handler calling `answer` on `endpoints`, with the path parameter or without.
template <typename Endpoints>
Route::Handler answeredBy(const Endpoints *endpoints,
                          ApiResponse (Endpoints::*answer)(const ApiRequest &) const)
{
    return [endpoints, answer](const ApiRequest &request, const QString &) {
        return (endpoints->*answer)(request);
    };
}

template <typename Endpoints>
Route::Handler answeredBy(const Endpoints *endpoints,
                          ApiResponse (Endpoints::*answer)(const ApiRequest &, const QString &) const)
{
    return [endpoints, answer](const ApiRequest &request, const QString &parameter) {
        return (endpoints->*answer)(request, parameter);
    };
}

struct RouteMatch
{
    enum class Kind
    {
        Found,
        NotFound,
        MethodNotAllowed
    };
    Kind kind = Kind::NotFound;
    const Route *route = nullptr; // for Found
    QString parameter;            // the {..._id} segment, percent-decoded
    QByteArrayList allowed;       // for MethodNotAllowed
};

// Finds the route of a request among the declared ones. A literal segment always beats a
// parameter, whatever the method: "/api/downloads/status" and "/api/downloads/pause" are never
// download ids (GET on /api/downloads/pause is 405, not "download pause not found").
class Router final
{
public:
    explicit Router(QList<Route> routes);

    const QList<Route> &routes() const { return m_routes; }
    RouteMatch match(QByteArrayView method, QByteArrayView encodedPath) const;

private:
    struct Pattern
    {
        QStringList segments; // "{x}" for a parameter
        int parameters = 0;
    };

    RouteMatch matchLiteral(QByteArrayView method, const QList<qsizetype> &candidates) const;
    // Counts `route` among the candidates of `result`; the first with the method is the match.
    static void consider(RouteMatch &result, const Route &route, QByteArrayView method,
                         const QString &parameter = {});
    RouteMatch matchSegments(QByteArrayView method, QByteArrayView encodedPath) const;

    QList<Route> m_routes;
    QList<Pattern> m_patterns;                     // m_patterns[i] is m_routes[i]'s
    QHash<QByteArray, QList<qsizetype>> m_literal; // whole paths without parameters -> routes
};

} // namespace SoulSpot::Api
