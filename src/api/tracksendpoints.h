// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "router.h"

#include "domain/track.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class FieldReader;

// The /api/tracks endpoints of the REST API, declared in routes(): create one track or many,
// list them, read one.
class TracksEndpoints final
{
    Q_DISABLE_COPY_MOVE(TracksEndpoints)

public:
    explicit TracksEndpoints(DownloadService &service);

    // The routes answered here; they refer to this object, which must outlive them.
    QList<Route> routes() const;

    static constexpr qsizetype maxTracks = 1000;
    static constexpr qsizetype maxTextLength = 1000;
    static constexpr qsizetype maxUrlLength = 4096;

private:
    ApiResponse create(const ApiRequest &request) const;
    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &trackId) const;
    static ApiResult<TrackInput> readTrack(const FieldReader &fields);

    DownloadService &m_service;
};

} // namespace SoulSpot::Api
