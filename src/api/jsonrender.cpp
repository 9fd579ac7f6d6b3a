// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonrender.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api::JsonRender {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonValue timestamp(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject download(const Download &download)
{
    // Two decimals are plenty for a percentage and keep the numbers readable.
    const double percent = std::round(download.progressPercent * 100.0) / 100.0;
    return QJsonObject{
        {u"id"_s, download.id},
        {u"track_id"_s, download.trackId},
        {u"status"_s, toString(download.status)},
        {u"priority"_s, download.priority},
        {u"target_path"_s, textOrNull(download.targetPath)},
        {u"source_url"_s, textOrNull(download.sourceUrl)},
        {u"progress_percent"_s, percent},
        {u"bytes_downloaded"_s, download.bytesDownloaded},
        {u"total_bytes"_s,
         download.totalBytes < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(download.totalBytes)},
        {u"attempts"_s, download.attempts},
        {u"max_retries"_s, download.maxRetries},
        {u"error_message"_s, textOrNull(download.errorMessage)},
        {u"started_at"_s, timestamp(download.startedAt)},
        {u"completed_at"_s, timestamp(download.completedAt)},
        {u"created_at"_s, timestamp(download.createdAt)},
        {u"updated_at"_s, timestamp(download.updatedAt)},
        {u"source_info"_s, textOrNull(download.sourceInfo)},
        {u"speed_bytes_per_second"_s, download.speedBytesPerSecond},
        {u"transfer_note"_s, textOrNull(download.transferNote)},
        {u"retry_at"_s, timestamp(download.retryAt)},
    };
}

QJsonObject track(const Track &track)
{
    return QJsonObject{
        {u"id"_s, track.id},
        {u"title"_s, textOrNull(track.title)},
        {u"artist"_s, textOrNull(track.artist)},
        {u"album"_s, textOrNull(track.album)},
        {u"source_url"_s, textOrNull(track.sourceUrl)},
        {u"duration_seconds"_s,
         track.durationSeconds < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(track.durationSeconds)},
        {u"created_at"_s, timestamp(track.createdAt)},
    };
}

QJsonObject queueStats(const QueueStats &stats)
{
    return QJsonObject{
        {u"paused"_s, stats.paused},
        {u"max_concurrent_downloads"_s, stats.maxConcurrentDownloads},
        {u"active_downloads"_s, stats.activeDownloads},
        {u"queued_downloads"_s, stats.queuedDownloads},
        {u"total_jobs"_s, stats.totalJobs},
        {u"completed"_s, stats.completed},
        {u"failed"_s, stats.failed},
        {u"cancelled"_s, stats.cancelled},
        {u"paused_downloads"_s, stats.pausedDownloads},
        {u"paused_reason"_s,
         stats.pausedReason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(stats.pausedReason)},
        {u"download_speed_limit_kib"_s, stats.speedLimitKib},
        {u"download_speed_bytes"_s, stats.totalSpeedBytesPerSecond},
    };
}

} // namespace SoulSpot::Api::JsonRender
