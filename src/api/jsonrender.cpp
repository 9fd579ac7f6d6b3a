// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonrender.h"

#include "jsontextwriter.h"

#include "domain/isotime.h"

#include <algorithm>
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
    return IsoTime::format(time);
}

namespace {

// Takes the calls JsonTextWriter takes and builds a QJsonObject, so that each shape is written
// once (writeDownload) for both the object and the text.
class JsonObjectBuilder
{
public:
    void string(QLatin1StringView key, QStringView value) { m_object.insert(key, value.toString()); }
    void stringOrNull(QLatin1StringView key, QStringView value)
    {
        m_object.insert(key, textOrNull(value.toString()));
    }
    void integer(QLatin1StringView key, qint64 value) { m_object.insert(key, value); }
    void integerOrNull(QLatin1StringView key, qint64 value)
    {
        m_object.insert(key, value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value));
    }
    void real(QLatin1StringView key, double value) { m_object.insert(key, value); }
    void time(QLatin1StringView key, const QDateTime &value) { m_object.insert(key, timestamp(value)); }

    QJsonObject take() { return std::move(m_object); }

private:
    QJsonObject m_object;
};

// The sixteen fields of API.md, then ours, in that order. `Row` is a Download or a stored row's
// text (DownloadRowText, whose members have the same names).
template <typename Out, typename Row> void writeDownload(Out &out, const Row &download)
{
    // Two decimals are plenty for a percentage and keep the numbers readable.
    const double percent = std::round(download.progressPercent * 100.0) / 100.0;
    out.string("id"_L1, download.id);
    out.string("track_id"_L1, download.trackId);
    out.string("status"_L1, toString(download.status));
    out.integer("priority"_L1, download.priority);
    out.stringOrNull("target_path"_L1, download.targetPath);
    out.stringOrNull("source_url"_L1, download.sourceUrl);
    out.real("progress_percent"_L1, percent);
    out.integer("bytes_downloaded"_L1, download.bytesDownloaded);
    out.integerOrNull("total_bytes"_L1, download.totalBytes);
    out.integer("attempts"_L1, download.attempts);
    out.integer("max_retries"_L1, download.maxRetries);
    out.stringOrNull("error_message"_L1, download.errorMessage);
    out.time("started_at"_L1, download.startedAt);
    out.time("completed_at"_L1, download.completedAt);
    out.time("created_at"_L1, download.createdAt);
    out.time("updated_at"_L1, download.updatedAt);
    out.stringOrNull("source_info"_L1, download.sourceInfo);
    out.integer("speed_bytes_per_second"_L1, download.speedBytesPerSecond);
    out.stringOrNull("transfer_note"_L1, download.transferNote);
    out.time("retry_at"_L1, download.retryAt);
    out.integer("connections"_L1, download.connections);
    out.stringOrNull("worker"_L1, download.worker);
    out.stringOrNull("download_dir"_L1, download.downloadDirectory);
}

} // namespace

QJsonObject download(const Download &download)
{
    JsonObjectBuilder object;
    writeDownload(object, download);
    return object.take();
}

DownloadPageWriter::DownloadPageWriter(qint64 expectedRows)
    : m_out(1024 + expectedRows * 640)
{
    m_out.beginObject();
    m_out.beginArray("items"_L1);
}

void DownloadPageWriter::row(const DownloadRowText &row)
{
    m_out.beginObject();
    writeDownload(m_out, row);
    m_out.endObject();
    ++m_rows;
    m_last = {row.priority, row.queuePosition, {}};
    // Made a QString only for the last row (the cursor); a view does not outlive this call.
    m_lastIdText.resize(row.id.size());
    std::copy(row.id.begin(), row.id.end(), m_lastIdText.begin());
}

void DownloadPageWriter::row(const Download &row)
{
    m_out.beginObject();
    writeDownload(m_out, row);
    m_out.endObject();
    ++m_rows;
    m_last = queuePositionOf(row);
    m_lastIdText.clear();
}

QueuePosition DownloadPageWriter::lastPosition() const
{
    QueuePosition last = m_last;
    if (!m_lastIdText.isEmpty())
        last.id = QString::fromUtf8(m_lastIdText);
    return last;
}

QByteArray DownloadPageWriter::finish(qint64 total, qint64 skip, qint64 limit, const QString &nextCursor)
{
    m_out.endArray();
    m_out.integer("total"_L1, total);
    m_out.integer("skip"_L1, skip);
    m_out.integer("limit"_L1, limit);
    m_out.stringOrNull("next_cursor"_L1, nextCursor);
    m_out.endObject();
    return m_out.take();
}

QByteArray downloadPage(const Page<Download> &page, qint64 skip, qint64 limit, const QString &nextCursor)
{
    DownloadPageWriter writer(page.items.size());
    for (const Download &download : page.items)
        writer.row(download);
    return writer.finish(page.total, skip, limit, nextCursor);
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

QJsonObject workers(const QList<WorkerInfo> &workers)
{
    QJsonArray items;
    for (const WorkerInfo &worker : workers)
    {
        items.append(QJsonObject{{u"name"_s, worker.name},
                                 {u"last_heartbeat"_s, timestamp(worker.lastHeartbeat)},
                                 {u"running_downloads"_s, worker.runningDownloads},
                                 {u"max_concurrent_downloads"_s, worker.maxConcurrentDownloads}});
    }
    return {{u"items"_s, items}, {u"total"_s, workers.size()}};
}

} // namespace SoulSpot::Api::JsonRender
