// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadsendpoints.h"

#include "fieldreader.h"
#include "jsonrender.h"
#include "pagecache.h"
#include "pagecursor.h"

#include "domain/priority.h"
#include "service/downloadservice.h"

#include <QJsonArray>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

QString statusNames()
{
    QStringList names;
    for (DownloadStatus status : allDownloadStatuses)
        names.append(toString(status));
    return names.join(u", "_s);
}

// The position after which a keyset page starts, from `cursor`; nullopt without one. With a
// cursor `skip` makes no sense: a page starts at one or the other.
ApiResult<std::optional<QueuePosition>> cursorOf(const QueryReader &query)
{
    const std::optional<QString> text = query.value(u"cursor"_s);
    if (!text)
        return std::optional<QueuePosition>();
    if (query.value(u"skip"_s))
        return ApiError{HttpStatus::UnprocessableEntity,
                        u"query parameters \"cursor\" and \"skip\" cannot be used together"_s};
    const std::optional<QueuePosition> position = PageCursor::decode(*text);
    if (!position)
        return ApiError{HttpStatus::UnprocessableEntity,
                        u"query parameter \"cursor\" must be the next_cursor of a page, not \"%1\""_s.arg(
                            text->left(40))};
    return position;
}

QString messageFor(DownloadAction action)
{
    switch (action)
    {
    case DownloadAction::Pause:
        return u"Download paused"_s;
    case DownloadAction::Resume:
        return u"Download resumed"_s;
    case DownloadAction::Cancel:
        return u"Download cancelled"_s;
    case DownloadAction::Retry:
        return u"Download retry queued"_s;
    case DownloadAction::SetPriority:
        return u"Priority updated"_s;
    case DownloadAction::Remove:
        return u"Download removed"_s;
    }
    return {};
}

// API.md's batch-action takes these actions (not retry: the seed's shape).
constexpr std::array batchActions{DownloadAction::Pause, DownloadAction::Resume, DownloadAction::Cancel,
                                  DownloadAction::SetPriority, DownloadAction::Remove};

std::optional<DownloadAction> batchActionNamed(QStringView name)
{
    const std::optional<DownloadAction> action = actionFromName(name);
    if (action && std::find(batchActions.cbegin(), batchActions.cend(), *action) != batchActions.cend())
        return action;
    return std::nullopt;
}

QString batchActionNames()
{
    QStringList names;
    for (DownloadAction action : batchActions)
        names.append(actionName(action));
    return names.join(u", "_s);
}

// For endpoints that take neither a body nor query parameters.
std::optional<ApiError> expectNoBodyNorQuery(const ApiRequest &request)
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return bodyError;
    if (!request.query.isEmpty())
        return ApiError{HttpStatus::UnprocessableEntity, u"this endpoint takes no query parameters"_s};
    return std::nullopt;
}

} // namespace

DownloadsEndpoints::DownloadsEndpoints(DownloadService &service, PageCache *pages)
    : m_service(service)
    , m_pages(pages)
{
}

QList<Route> DownloadsEndpoints::routes() const
{
    const auto acting = [this](DownloadAction action) -> Route::Handler {
        return
            [this, action](const ApiRequest &request, const QString &id) { return act(request, id, action); };
    };
    return {
        {"GET", u"/api/downloads"_s, answeredBy(this, &DownloadsEndpoints::list)},
        {"GET", u"/api/downloads/status"_s, answeredBy(this, &DownloadsEndpoints::status)},
        {"POST", u"/api/downloads/pause"_s, answeredBy(this, &DownloadsEndpoints::pauseQueue)},
        {"POST", u"/api/downloads/resume"_s, answeredBy(this, &DownloadsEndpoints::resumeQueue)},
        {"POST", u"/api/downloads/batch"_s, answeredBy(this, &DownloadsEndpoints::batch)},
        {"POST", u"/api/downloads/batch-action"_s, answeredBy(this, &DownloadsEndpoints::batchAction)},
        {"POST", u"/api/downloads/clear-partial-files"_s,
         answeredBy(this, &DownloadsEndpoints::clearPartialFiles)},
        {"GET", u"/api/downloads/{download_id}"_s, answeredBy(this, &DownloadsEndpoints::get)},
        {"DELETE", u"/api/downloads/{download_id}"_s, answeredBy(this, &DownloadsEndpoints::remove)},
        {"POST", u"/api/downloads/{download_id}/cancel"_s, acting(DownloadAction::Cancel)},
        {"POST", u"/api/downloads/{download_id}/retry"_s, acting(DownloadAction::Retry)},
        {"POST", u"/api/downloads/{download_id}/priority"_s,
         answeredBy(this, &DownloadsEndpoints::setPriority)},
        {"POST", u"/api/downloads/{download_id}/move"_s, answeredBy(this, &DownloadsEndpoints::move)},
        {"POST", u"/api/downloads/{download_id}/pause"_s, acting(DownloadAction::Pause)},
        {"POST", u"/api/downloads/{download_id}/resume"_s, acting(DownloadAction::Resume)},
    };
}

ApiResponse DownloadsEndpoints::list(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    if (m_pages)
    {
        ApiResponse cached;
        cached.body = m_pages->find(request.query);
        if (!cached.body.isNull())
            return cached;
    }
    ApiResult<QueryReader> query = QueryReader::parse(request.query);
    if (!query)
        return ApiResponse::error(query.error());
    if (std::optional<ApiError> unknown = query->rejectUnknown({u"status", u"skip", u"limit", u"cursor"}))
        return ApiResponse::error(*unknown);
    std::optional<DownloadStatus> status;
    if (const std::optional<QString> text = query->value(u"status"_s))
    {
        status = downloadStatusFromString(*text);
        if (!status)
        {
            return ApiResponse::error(HttpStatus::UnprocessableEntity,
                                      u"query parameter \"status\" must be one of %1, not \"%2\""_s.arg(
                                          statusNames(), text->left(40)));
        }
    }
    const ApiResult<Paging> paging = query->paging();
    if (!paging)
        return ApiResponse::error(paging.error());
    const qint64 skip = paging->skip;
    const qint64 limit = paging->limit;

    const ApiResult<std::optional<QueuePosition>> after = cursorOf(*query);
    if (!after)
        return ApiResponse::error(after.error());
    // Written as the rows come from the database, without a Download per row.
    JsonRender::DownloadPageWriter page(limit);
    const Result<qint64> total = m_service.visitDownloads(status, PageStart{skip, *after}, limit, page);
    if (!total)
        return ApiResponse::error(ApiError::fromCore(total.error()));
    // A full page may have a next one; a short page is the last.
    const QString nextCursor = page.rows() < limit ? QString() : PageCursor::encode(page.lastPosition());
    ApiResponse response;
    response.body = page.finish(*total, skip, limit, nextCursor);
    if (m_pages)
        m_pages->insert(request.query, response.body);
    return response;
}

ApiResponse DownloadsEndpoints::get(const ApiRequest &request, const QString &downloadId) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    return renderedOrError(m_service.download(downloadId), JsonRender::download);
}

ApiResponse DownloadsEndpoints::act(const ApiRequest &request, const QString &downloadId,
                                    DownloadAction action) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    return renderedOrError(singleOutcome(m_service.apply({downloadId}, action)), [&](const Download &done) {
        return QJsonObject{{u"message"_s, messageFor(action)},
                           {u"download_id"_s, done.id},
                           {u"status"_s, toString(done.status)}};
    });
}

ApiResponse DownloadsEndpoints::remove(const ApiRequest &request, const QString &downloadId) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    const ApiResult<QueryReader> query = QueryReader::parse(request.query);
    if (!query)
        return ApiResponse::error(query.error());
    if (std::optional<ApiError> unknown = query->rejectUnknown({u"delete_file"}))
        return ApiResponse::error(*unknown);
    const ApiResult<bool> deleteFile = query->boolean(u"delete_file"_s, false);
    if (!deleteFile)
        return ApiResponse::error(deleteFile.error());
    return renderedOrError(
        singleOutcome(m_service.apply({downloadId}, DownloadAction::Remove, ActionOptions{{}, *deleteFile})),
        [](const Download &done) {
            return QJsonObject{{u"message"_s, messageFor(DownloadAction::Remove)},
                               {u"download_id"_s, done.id}};
        });
}

ApiResponse DownloadsEndpoints::clearPartialFiles(const ApiRequest &request) const
{
    if (std::optional<ApiError> refused = expectNoBodyNorQuery(request))
        return ApiResponse::error(*refused);
    return renderedOrError(m_service.clearPartialFiles(), [](const FreedSpace &freed) {
        return QJsonObject{{u"message"_s, u"Partial files of failed downloads cleared"_s},
                           {u"files"_s, freed.files},
                           {u"bytes"_s, freed.bytes}};
    });
}

ApiResponse DownloadsEndpoints::setPriority(const ApiRequest &request, const QString &downloadId) const
{
    const ApiResult<FieldReader> body = FieldReader::parseObject(request.body, {u"priority"});
    if (!body)
        return ApiResponse::error(body.error());
    const FieldReader &fields = *body;
    const ApiResult<qint64> priority = fields.integer(u"priority"_s, Priority::Highest, Priority::Lowest);
    if (!priority)
        return ApiResponse::error(priority.error());
    return renderedOrError(
        singleOutcome(m_service.apply({downloadId}, DownloadAction::SetPriority, int(*priority))),
        [](const Download &done) {
            return QJsonObject{{u"message"_s, messageFor(DownloadAction::SetPriority)},
                               {u"download_id"_s, done.id},
                               {u"priority"_s, done.priority}};
        });
}

ApiResponse DownloadsEndpoints::move(const ApiRequest &request, const QString &downloadId) const
{
    const ApiResult<FieldReader> body = FieldReader::parseObject(request.body, {u"to"});
    if (!body)
        return ApiResponse::error(body.error());
    const ApiResult<QString> to = body->string(u"to"_s, 40);
    if (!to)
        return ApiResponse::error(to.error());
    const std::optional<QueueMove> move = queueMoveFromName(*to);
    if (!move)
    {
        QStringList names;
        for (QueueMove each : allQueueMoves)
            names.append(queueMoveName(each));
        return ApiResponse::error(HttpStatus::UnprocessableEntity,
                                  u"field \"to\" must be one of %1"_s.arg(names.join(u", "_s)));
    }
    return renderedOrError(m_service.moveInQueue(downloadId, *move), [](const QueuePlace &moved) {
        return QJsonObject{{u"message"_s, u"Download moved"_s},
                           {u"download_id"_s, moved.download.id},
                           {u"position"_s, moved.position}};
    });
}

ApiResponse DownloadsEndpoints::pauseQueue(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    m_service.pauseQueue();
    return ApiResponse::json(
        {{u"message"_s, u"Download queue paused successfully"_s}, {u"status"_s, u"paused"_s}});
}

ApiResponse DownloadsEndpoints::resumeQueue(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    m_service.resumeQueue();
    return ApiResponse::json(
        {{u"message"_s, u"Download queue resumed successfully"_s}, {u"status"_s, u"active"_s}});
}

ApiResponse DownloadsEndpoints::status(const ApiRequest &request) const
{
    if (std::optional<ApiError> refused = expectNoBodyNorQuery(request))
        return ApiResponse::error(*refused);
    // The counters change only with a signal that empties the cache (a hot path for pollers).
    static const QByteArray statusKey = "\x01status";
    ApiResponse response;
    response.body = m_pages ? m_pages->find(statusKey) : QByteArray();
    if (response.body.isNull())
    {
        response = ApiResponse::json(JsonRender::queueStats(m_service.stats()));
        if (m_pages)
            m_pages->insert(statusKey, response.body);
    }
    return response;
}

ApiResponse DownloadsEndpoints::batch(const ApiRequest &request) const
{
    const ApiResult<FieldReader> body =
        FieldReader::parseObject(request.body, {u"track_ids", u"priority", u"download_dir"});
    if (!body)
        return ApiResponse::error(body.error());
    const FieldReader &fields = *body;
    const ApiResult<QStringList> trackIds = fields.stringList(u"track_ids"_s, 1, maxBatchSize, maxIdLength);
    if (!trackIds)
        return ApiResponse::error(trackIds.error());
    const ApiResult<std::optional<qint64>> priority =
        fields.optionalInteger(u"priority"_s, Priority::Highest, Priority::Lowest);
    if (!priority)
        return ApiResponse::error(priority.error());

    const ApiResult<QString> folder = fields.optionalString(u"download_dir"_s, maxFolderLength);
    if (!folder)
        return ApiResponse::error(folder.error());
    // "" is not "the settings' folder" (that is null or leaving it out): most likely a form whose
    // folder field was left blank by mistake.
    if (folder->isEmpty() && fields.isGiven(u"download_dir"_s))
        return ApiResponse::error(ApiError{HttpStatus::UnprocessableEntity,
                                           u"field \"download_dir\" must be an absolute path, or null for "
                                           u"the download folder of the settings"_s});

    const std::optional<int> chosen = *priority ? std::optional<int>(int(**priority)) : std::nullopt;
    const Result<QList<Download>> added = m_service.enqueueBatch(*trackIds, chosen, *folder);
    if (!added)
        return ApiResponse::error(ApiError::fromCore(added.error()));
    QJsonArray jobIds;
    for (const Download &download : *added)
        jobIds.append(download.id);
    return ApiResponse::json({{u"message"_s, u"Batch download initiated for %1 tracks"_s.arg(added->size())},
                              {u"job_ids"_s, jobIds},
                              {u"total_tracks"_s, added->size()}});
}

ApiResponse DownloadsEndpoints::batchAction(const ApiRequest &request) const
{
    const ApiResult<FieldReader> body =
        FieldReader::parseObject(request.body, {u"download_ids", u"action", u"priority", u"delete_file"});
    if (!body)
        return ApiResponse::error(body.error());
    const FieldReader &fields = *body;
    const ApiResult<QStringList> ids = fields.stringList(u"download_ids"_s, 1, maxBatchSize, maxIdLength);
    if (!ids)
        return ApiResponse::error(ids.error());
    const ApiResult<QString> actionName = fields.string(u"action"_s, 40);
    if (!actionName)
        return ApiResponse::error(actionName.error());
    const std::optional<DownloadAction> action = batchActionNamed(*actionName);
    if (!action)
    {
        return ApiResponse::error(HttpStatus::UnprocessableEntity,
                                  u"field \"action\" must be one of %1"_s.arg(batchActionNames()));
    }
    const ApiResult<std::optional<qint64>> priority =
        fields.optionalInteger(u"priority"_s, Priority::Highest, Priority::Lowest);
    if (!priority)
        return ApiResponse::error(priority.error());
    if (*action == DownloadAction::SetPriority && !*priority)
        return ApiResponse::error(HttpStatus::UnprocessableEntity,
                                  u"field \"priority\" is required for the priority action"_s);
    const ApiResult<std::optional<bool>> deleteFile = fields.optionalBoolean(u"delete_file"_s);
    if (!deleteFile)
        return ApiResponse::error(deleteFile.error());
    if (*deleteFile && *action != DownloadAction::Remove)
        return ApiResponse::error(HttpStatus::UnprocessableEntity,
                                  u"field \"delete_file\" is only for the remove action"_s);

    const std::optional<int> chosen = *priority ? std::optional<int>(int(**priority)) : std::nullopt;
    const Result<BatchActionResult> done =
        m_service.apply(*ids, *action, ActionOptions{chosen, deleteFile->value_or(false)});
    if (!done)
    {
        if (m_pages)
            m_pages->clear(); // a failed batch re-reads the counters without a signal
        return ApiResponse::error(ApiError::fromCore(done.error()));
    }
    QJsonArray results;
    QJsonArray errors;
    for (const BatchItemResult &item : done->results)
    {
        if (item.ok)
        {
            results.append(QJsonObject{{u"id"_s, item.id}, {u"status"_s, u"success"_s}});
            continue;
        }
        const QString reason = item.error->message;
        results.append(QJsonObject{{u"id"_s, item.id}, {u"status"_s, u"error"_s}, {u"error"_s, reason}});
        errors.append(QJsonObject{{u"id"_s, item.id}, {u"error"_s, reason}});
    }
    return ApiResponse::json({{u"message"_s, u"Batch action '%1' completed"_s.arg(*actionName)},
                              {u"total"_s, done->results.size()},
                              {u"successful"_s, done->successful()},
                              {u"failed"_s, done->failed()},
                              {u"results"_s, results},
                              {u"errors"_s, errors}});
}

} // namespace SoulSpot::Api
