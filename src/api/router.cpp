// SPDX-License-Identifier: GPL-3.0-or-later
#include "router.h"

#include <QHash>

#include <limits>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

struct CompiledRoute
{
    const Route *route = nullptr;
    QStringList segments; // "{x}" for a parameter
    int parameters = 0;
};

QList<CompiledRoute> compile()
{
    QList<CompiledRoute> compiled;
    for (const Route &route : Router::routes())
    {
        CompiledRoute entry;
        entry.route = &route;
        entry.segments = route.pattern.split(u'/');
        for (const QString &segment : std::as_const(entry.segments))
        {
            if (segment.startsWith(u'{'))
                ++entry.parameters;
        }
        compiled.append(entry);
    }
    return compiled;
}

// Whether the decoded segments fit the route; fills `parameter`.
bool fits(const CompiledRoute &entry, const QStringList &segments, QString *parameter)
{
    if (entry.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i)
    {
        const QString &expected = entry.segments.at(i);
        if (expected.startsWith(u'{'))
        {
            if (segments.at(i).isEmpty())
                return false;
            *parameter = segments.at(i);
        }
        else if (expected != segments.at(i))
        {
            return false;
        }
    }
    return true;
}

} // namespace

const QList<Route> &Router::routes()
{
    static const QList<Route> table{
        {"GET", u"/api/downloads"_s, RouteId::ListDownloads},
        {"GET", u"/api/downloads/status"_s, RouteId::QueueStatus},
        {"POST", u"/api/downloads/pause"_s, RouteId::PauseQueue},
        {"POST", u"/api/downloads/resume"_s, RouteId::ResumeQueue},
        {"POST", u"/api/downloads/batch"_s, RouteId::BatchDownload},
        {"POST", u"/api/downloads/batch-action"_s, RouteId::BatchAction},
        {"GET", u"/api/downloads/{download_id}"_s, RouteId::GetDownload},
        {"POST", u"/api/downloads/{download_id}/cancel"_s, RouteId::CancelDownload},
        {"POST", u"/api/downloads/{download_id}/retry"_s, RouteId::RetryDownload},
        {"POST", u"/api/downloads/{download_id}/priority"_s, RouteId::SetDownloadPriority},
        {"POST", u"/api/downloads/{download_id}/pause"_s, RouteId::PauseDownload},
        {"POST", u"/api/downloads/{download_id}/resume"_s, RouteId::ResumeDownload},
        {"GET", u"/api/tracks"_s, RouteId::ListTracks},
        {"POST", u"/api/tracks"_s, RouteId::CreateTracks},
        {"GET", u"/api/tracks/{track_id}"_s, RouteId::GetTrack},
        {"GET", u"/api/openapi.json"_s, RouteId::OpenApi},
        {"GET", u"/api/events"_s, RouteId::Events},
    };
    return table;
}

RouteMatch Router::match(QByteArrayView method, QByteArrayView encodedPath)
{
    static const QList<CompiledRoute> compiled = compile();
    // Paths without parameters are looked up whole: the common polls skip the segment walk.
    static const QHash<QByteArray, QList<const Route *>> literal = [] {
        QHash<QByteArray, QList<const Route *>> table;
        for (const Route &route : routes())
        {
            if (!route.pattern.contains(u'{'))
                table[route.pattern.toLatin1()].append(&route);
        }
        return table;
    }();
    RouteMatch result;
    if (!encodedPath.startsWith('/') || encodedPath.size() > 2048)
        return result;
    const auto exact = literal.constFind(QByteArray::fromRawData(encodedPath.data(), encodedPath.size()));
    if (exact != literal.constEnd())
    {
        result.kind = RouteMatch::Kind::MethodNotAllowed;
        for (const Route *route : *exact)
        {
            result.allowed.append(route->method);
            if (route->method == method && result.kind != RouteMatch::Kind::Found)
            {
                result.kind = RouteMatch::Kind::Found;
                result.id = route->id;
            }
        }
        if (result.kind == RouteMatch::Kind::MethodNotAllowed)
            result.id = exact->first()->id;
        return result;
    }
    QStringList segments;
    for (const QByteArray &raw : encodedPath.toByteArray().split('/'))
        segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(raw)));

    // The most specific pattern (fewest parameters) that fits decides, whatever the method.
    int best = std::numeric_limits<int>::max();
    for (const CompiledRoute &entry : compiled)
    {
        QString parameter;
        if (entry.parameters > best || !fits(entry, segments, &parameter))
            continue;
        if (entry.parameters < best)
        {
            best = entry.parameters;
            result = RouteMatch{RouteMatch::Kind::MethodNotAllowed, entry.route->id, {}, {}};
        }
        result.allowed.append(entry.route->method);
        if (entry.route->method == method && result.kind != RouteMatch::Kind::Found)
        {
            result.kind = RouteMatch::Kind::Found;
            result.id = entry.route->id;
            result.parameter = parameter;
        }
    }
    return result;
}

} // namespace SoulSpot::Api
