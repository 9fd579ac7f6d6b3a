// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, its fourth part: reading downloads and tracks for the front ends, with the live
// values of running transfers and the totals from the counters kept in memory.
#include "downloadservice.h"

#include "domain/downloadrowtext.h"
#include "service/liveprogress.h"
#include "service/queuepause.h"
#include "service/sourceregistry.h"
#include "service/statuscounters.h"
#include "sources/filenaming.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/trackrepository.h"
#include "storage/workerregistry.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot {

// ---- Tracks -------------------------------------------------------------------------------

Result<Track> DownloadService::track(const QString &trackId) const
{
    std::optional<Track> found = m_tracks->find(trackId);
    if (!found)
        return Error::notFound(u"Track"_s, trackId);
    return *found;
}

Result<Page<Track>> DownloadService::tracks(qint64 skip, qint64 limit) const
{
    if (skip < 0 || limit < 1)
        return Error{ErrorKind::InvalidArgument, u"skip must be >= 0 and limit >= 1"_s};
    return m_tracks->list(skip, limit);
}

// ---- Reading ------------------------------------------------------------------------------

Result<Download> DownloadService::download(const QString &downloadId) const
{
    const Result<std::optional<Download>> found = m_downloads->read(downloadId);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(u"Download"_s, downloadId);
    return m_live->withLiveValues(**found);
}

Result<Page<Download>> DownloadService::downloads(std::optional<DownloadStatus> status, qint64 skip,
                                                  qint64 limit) const
{
    if (skip < 0 || limit < 1)
        return Error{ErrorKind::InvalidArgument, u"skip must be >= 0 and limit >= 1"_s};
    return pageOf(m_downloads->listPage(status, skip, limit), status);
}

Result<Page<Download>> DownloadService::downloadsAfter(std::optional<DownloadStatus> status,
                                                       const QueuePosition &after, qint64 limit) const
{
    if (limit < 1)
        return Error{ErrorKind::InvalidArgument, u"limit must be >= 1"_s};
    return pageOf(m_downloads->listAfter(status, after, limit), status);
}

namespace {

// Hands the rows on; a row the engine has live values for goes as a Download with them.
class LiveRowSink final : public DownloadRowSink
{
public:
    LiveRowSink(const LiveProgress &live, DownloadRowSink &next)
        : m_live(live)
        , m_next(next)
    {
    }

    void row(const DownloadRowText &row) override
    {
        if (m_live.hasValuesFor(row.id))
            m_next.row(m_live.withLiveValues(row.toDownload()));
        else
            m_next.row(row);
    }
    void row(const Download &row) override { m_next.row(m_live.withLiveValues(row)); }

private:
    const LiveProgress &m_live;
    DownloadRowSink &m_next;
};

} // namespace

Result<qint64> DownloadService::visitDownloads(std::optional<DownloadStatus> status, const PageStart &start,
                                               qint64 limit, DownloadRowSink &sink) const
{
    if (start.skip < 0 || limit < 1)
        return Error{ErrorKind::InvalidArgument, u"skip must be >= 0 and limit >= 1"_s};
    LiveRowSink live(*m_live, sink);
    if (Status read = m_downloads->visitPage(status, start, limit, live); !read)
        return read.error();
    return status ? m_counters->count(*status) : m_counters->total();
}

Result<Page<Download>> DownloadService::pageOf(Result<QList<Download>> items,
                                               std::optional<DownloadStatus> status) const
{
    if (!items)
        return items.error();
    // The total comes from the counters kept in memory: counting 100,000 rows per page is the
    // slowest part of a deep page.
    Page<Download> page;
    page.items = std::move(items).value();
    page.total = status ? m_counters->count(*status) : m_counters->total();
    for (Download &download : page.items)
        download = m_live->withLiveValues(download);
    return page;
}

Result<QList<WorkerInfo>> DownloadService::workers() const
{
    // Before start() this worker has not joined: the others are still listed.
    if (m_workers)
        return m_workers->liveWorkers();
    return WorkerRegistry(m_database, workerName(), m_options.leaseSeconds).liveWorkers();
}

QString DownloadService::workerName() const
{
    return m_claims->workerName();
}

QueueStats DownloadService::stats() const
{
    QueueStats stats =
        m_counters->stats(m_pause->isPaused(), m_options.maxConcurrentDownloads, m_live->totalSpeed());
    stats.speedLimitKib = m_options.maxDownloadSpeedKib;
    stats.pausedReason = m_pause->reason();
    return stats;
}

bool DownloadService::hasPendingWork() const
{
    return m_counters->hasPendingWork();
}

void DownloadService::emitStatsChanged()
{
    Q_EMIT statsChanged(stats());
}

// ---- Reading for the window -----------------------------------------------------------------

QList<Track> DownloadService::tracksByIds(const QStringList &trackIds) const
{
    return m_tracks->findMany(trackIds);
}

QString DownloadService::sourceDescription(const QString &downloadId) const
{
    const Result<Download> found = download(downloadId);
    if (!found)
        return {};
    const std::optional<Track> track = m_tracks->find(found->trackId);
    return track ? m_sources->describe(*found, *track) : found->sourceUrl;
}

QList<qsizetype> DownloadService::filesAlreadyIn(const QList<TrackInput> &tracks, const QString &folder) const
{
    const QDir directory(folder.isEmpty() ? downloadDirectory() : folder);
    QList<qsizetype> found;
    for (qsizetype i = 0; i < tracks.size(); ++i)
    {
        const QString &url = tracks.at(i).sourceUrl;
        // Sanitized as the download would name it: "a:b.mp3" is saved as "a_b.mp3".
        const QString name = url.isEmpty() ? QString() : FileNaming::fromUrl(QUrl(url));
        if (!name.isEmpty() && QFileInfo(directory.filePath(name)).isFile())
            found.append(i);
    }
    return found;
}

} // namespace SoulSpot
