// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsontextwriter.h"

#include "domain/download.h"
#include "domain/downloadrowtext.h"
#include "domain/page.h"
#include "domain/track.h"
#include "domain/workerinfo.h"
#include "service/queuestats.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace SoulSpot::Api {

// The JSON shapes of API.md. Timestamps are ISO 8601 UTC with milliseconds
// ("2026-11-25T09:00:00.123Z"); values that are not known are null.
namespace JsonRender {

QJsonValue timestamp(const QDateTime &time);
// The sixteen fields of API.md, plus source_info, speed_bytes_per_second, transfer_note, retry_at,
// connections and worker.
QJsonObject download(const Download &download);
QJsonObject track(const Track &track);
// A page of GET /api/downloads as JSON text (DownloadPageWriter).
QByteArray downloadPage(const Page<Download> &page, qint64 skip, qint64 limit, const QString &nextCursor);

// Writes a page of GET /api/downloads as JSON text, straight from the rows as
// DownloadService::visitDownloads hands them over (see JsonTextWriter): {"items": [...],
// "total", "skip", "limit", "next_cursor"}. A row that comes as the database's text is written
// from it, byte for byte what the same row as a Download gives.
class DownloadPageWriter final : public DownloadRowSink
{
public:
    explicit DownloadPageWriter(qint64 expectedRows);

    void row(const DownloadRowText &row) override;
    void row(const Download &row) override;

    qsizetype rows() const { return m_rows; }
    // The place of the last row written (for the next page's cursor); only when rows() > 0.
    QueuePosition lastPosition() const;
    // Ends the text; an empty `nextCursor` is null.
    QByteArray finish(qint64 total, qint64 skip, qint64 limit, const QString &nextCursor);

private:
    JsonTextWriter m_out;
    qsizetype m_rows = 0;
    QueuePosition m_last;
    QByteArray m_lastIdText; // the last row's id when it came as text
};
// A list answer: {"items": [...], "total", "skip", "limit"}.
template <typename T>
QJsonObject page(const Page<T> &page, qint64 skip, qint64 limit, QJsonObject (*render)(const T &))
{
    QJsonArray items;
    for (const T &item : page.items)
        items.append(render(item));
    return {{QStringLiteral("items"), items},
            {QStringLiteral("total"), page.total},
            {QStringLiteral("skip"), skip},
            {QStringLiteral("limit"), limit}};
}
// The seed's eight fields plus paused_downloads.
QJsonObject queueStats(const QueueStats &stats);
// GET /api/workers: the live workers sharing the database, as given (name order).
QJsonObject workers(const QList<WorkerInfo> &workers);

} // namespace JsonRender

} // namespace SoulSpot::Api
