// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include "domain/track.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class FieldReader;

// The /api/tracks endpoints: create one track or many, list them, read one.
class TracksController final
{
    Q_DISABLE_COPY_MOVE(TracksController)

public:
    explicit TracksController(DownloadService &service);

    ApiResponse create(const ApiRequest &request) const;
    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &trackId) const;

    static constexpr qsizetype maxTracks = 1000;
    static constexpr qsizetype maxTextLength = 1000;
    static constexpr qsizetype maxUrlLength = 4096;

private:
    static ApiResult<TrackInput> readTrack(const FieldReader &fields);

    DownloadService &m_service;
};

} // namespace SoulSpot::Api
