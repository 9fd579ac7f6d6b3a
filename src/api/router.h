// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QString>
#include <QStringList>

namespace SoulSpot::Api {

// Every endpoint of the API, one value each.
enum class RouteId
{
    ListDownloads,
    GetDownload,
    CancelDownload,
    RetryDownload,
    SetDownloadPriority,
    PauseDownload,
    ResumeDownload,
    PauseQueue,
    ResumeQueue,
    QueueStatus,
    BatchDownload,
    BatchAction,
    CreateTracks,
    ListTracks,
    GetTrack,
    OpenApi,
    Events
};

struct Route
{
    QByteArray method;
    QString pattern; // "/api/downloads/{download_id}/cancel", as in the OpenAPI document
    RouteId id;
};

struct RouteMatch
{
    enum class Kind
    {
        Found,
        NotFound,
        MethodNotAllowed
    };
    Kind kind = Kind::NotFound;
    RouteId id = RouteId::OpenApi;
    QString parameter;      // the {..._id} segment, percent-decoded
    QByteArrayList allowed; // for MethodNotAllowed
};

// The one table of routes: the dispatcher, the 404/405 answers, the OpenAPI consistency test and
// the fuzzer all read it. A literal segment always beats a parameter, whatever the method:
// "/api/downloads/status" and "/api/downloads/pause" are never download ids (GET on
// /api/downloads/pause is 405, not "download pause not found").
class Router
{
public:
    static const QList<Route> &routes();
    static RouteMatch match(QByteArrayView method, QByteArrayView encodedPath);
};

} // namespace SoulSpot::Api
