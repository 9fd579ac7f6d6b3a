// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuscounters.h"

#include "storage/downloadrepository.h"

namespace SoulSpot {

void StatusCounters::recount(const Database &database)
{
    m_counts = DownloadRepository(database).countByStatus();
}

void StatusCounters::added(DownloadStatus status, qint64 count)
{
    m_counts[status] += count;
}

void StatusCounters::moved(DownloadStatus from, DownloadStatus to)
{
    if (from == to)
        return;
    m_counts[from] = qMax<qint64>(0, m_counts.value(from) - 1);
    m_counts[to] += 1;
}

void StatusCounters::removed(DownloadStatus status)
{
    m_counts[status] = qMax<qint64>(0, m_counts.value(status) - 1);
}

qint64 StatusCounters::total() const
{
    qint64 total = 0;
    for (const qint64 count : m_counts)
        total += count;
    return total;
}

bool StatusCounters::hasPendingWork() const
{
    return count(DownloadStatus::Queued) + count(DownloadStatus::Downloading) > 0;
}

QueueStats StatusCounters::stats(bool queuePaused, int maxConcurrent, qint64 totalSpeed) const
{
    QueueStats stats;
    stats.paused = queuePaused;
    stats.maxConcurrentDownloads = maxConcurrent;
    stats.activeDownloads = count(DownloadStatus::Downloading);
    stats.queuedDownloads = count(DownloadStatus::Queued);
    stats.pausedDownloads = count(DownloadStatus::Paused);
    stats.completed = count(DownloadStatus::Completed);
    stats.failed = count(DownloadStatus::Failed);
    stats.cancelled = count(DownloadStatus::Cancelled);
    stats.totalJobs = stats.activeDownloads + stats.queuedDownloads + stats.pausedDownloads +
                      stats.completed + stats.failed + stats.cancelled;
    stats.totalSpeedBytesPerSecond = totalSpeed;
    return stats;
}

} // namespace SoulSpot
