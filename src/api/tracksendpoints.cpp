// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracksendpoints.h"

#include "fieldreader.h"
#include "jsonrender.h"

#include "domain/sourceurl.h"
#include "service/downloadservice.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

TracksEndpoints::TracksEndpoints(DownloadService &service)
    : m_service(service)
{
}

QList<Route> TracksEndpoints::routes() const
{
    return {
        {"GET", u"/api/tracks"_s, answeredBy(this, &TracksEndpoints::list)},
        {"POST", u"/api/tracks"_s, answeredBy(this, &TracksEndpoints::create)},
        {"GET", u"/api/tracks/{track_id}"_s, answeredBy(this, &TracksEndpoints::get)},
    };
}

ApiResult<TrackInput> TracksEndpoints::readTrack(const FieldReader &fields)
{
    if (std::optional<ApiError> unknown =
            fields.rejectUnknown({u"title", u"artist", u"album", u"source_url", u"duration_seconds"}))
        return *unknown;
    TrackInput input;
    const std::pair<QString, QString *> texts[] = {
        {u"title"_s, &input.title}, {u"artist"_s, &input.artist}, {u"album"_s, &input.album}};
    for (const auto &[key, target] : texts)
    {
        ApiResult<QString> text = fields.optionalString(key, maxTextLength);
        if (!text)
            return text.error();
        *target = *text;
    }
    ApiResult<QString> url = fields.optionalString(u"source_url"_s, maxUrlLength);
    if (!url)
        return url.error();
    input.sourceUrl = *url;
    if (const std::optional<QString> problem = sourceUrlProblem(input.sourceUrl))
        return ApiError{HttpStatus::UnprocessableEntity,
                        u"field \"%1\" %2"_s.arg(fields.fieldName(u"source_url"_s), *problem)};
    ApiResult<std::optional<qint64>> duration =
        fields.optionalInteger(u"duration_seconds"_s, 0, 7 * 24 * 3600);
    if (!duration)
        return duration.error();
    input.durationSeconds = *duration ? int(**duration) : -1;
    if (input.title.trimmed().isEmpty() && input.sourceUrl.trimmed().isEmpty())
    {
        return ApiError{HttpStatus::UnprocessableEntity,
                        u"%1 needs a \"source_url\" or a \"title\" to search for"_s.arg(
                            fields.path().isEmpty() ? u"the track"_s : fields.path())};
    }
    return input;
}

ApiResponse TracksEndpoints::create(const ApiRequest &request) const
{
    const ApiResult<FieldReader> body = FieldReader::parseBody(request.body, true);
    if (!body)
        return ApiResponse::error(body.error());
    const FieldReader &fields = *body;
    if (!fields.has(u"tracks"_s))
    {
        const ApiResult<TrackInput> input = readTrack(fields);
        if (!input)
            return ApiResponse::error(input.error());
        const Result<Track> created = m_service.createTrack(*input);
        if (!created)
            return ApiResponse::error(ApiError::fromCore(created.error()));
        return ApiResponse::json(JsonRender::track(*created), HttpStatus::Created);
    }

    if (std::optional<ApiError> unknown = fields.rejectUnknown({u"tracks"}))
        return ApiResponse::error(*unknown);
    const ApiResult<QList<FieldReader>> objects = fields.objectList(u"tracks"_s, 1, maxTracks);
    if (!objects)
        return ApiResponse::error(objects.error());
    QList<TrackInput> inputs;
    inputs.reserve(objects->size());
    for (qsizetype i = 0; i < objects->size(); ++i)
    {
        const ApiResult<TrackInput> input = readTrack(objects->at(i));
        if (!input)
            return ApiResponse::error(input.error());
        inputs.append(*input);
    }
    const Result<QList<Track>> created = m_service.createTracks(inputs);
    if (!created)
        return ApiResponse::error(ApiError::fromCore(created.error()));
    QJsonArray tracks;
    for (const Track &track : *created)
        tracks.append(JsonRender::track(track));
    return ApiResponse::json({{u"tracks"_s, tracks}}, HttpStatus::Created);
}

ApiResponse TracksEndpoints::list(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    ApiResult<QueryReader> query = QueryReader::parse(request.query);
    if (!query)
        return ApiResponse::error(query.error());
    if (std::optional<ApiError> unknown = query->rejectUnknown({u"skip", u"limit"}))
        return ApiResponse::error(*unknown);
    const ApiResult<Paging> paging = query->paging();
    if (!paging)
        return ApiResponse::error(paging.error());
    const qint64 skip = paging->skip;
    const qint64 limit = paging->limit;
    return renderedOrError(m_service.tracks(skip, limit), [&](const Page<Track> &page) {
        return JsonRender::page(page, skip, limit, JsonRender::track);
    });
}

ApiResponse TracksEndpoints::get(const ApiRequest &request, const QString &trackId) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    return renderedOrError(m_service.track(trackId), JsonRender::track);
}

} // namespace SoulSpot::Api
