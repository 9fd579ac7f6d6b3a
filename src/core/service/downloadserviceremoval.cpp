// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, its third part: downloads leaving the list (the Remove action) and the files
// they leave behind. Which files may go, and when, is DownloadFiles' business.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "service/liveprogress.h"
#include "service/sourceregistry.h"
#include "service/statuscounters.h"
#include "storage/downloadrepository.h"

#include <utility>

namespace SoulSpot {

Result<Download> DownloadService::remove(const QString &downloadId, bool deleteFile)
{
    return singleOutcome(apply({downloadId}, DownloadAction::Remove, ActionOptions{{}, deleteFile}));
}

// One row of a Remove, inside apply()'s transaction: the transfer stopped (its writes end before
// JobQueue::remove() returns), the row deleted. The files and the listeners wait for the commit.
BatchItemResult DownloadService::removeDownload(const Download &before)
{
    BatchItemResult item;
    item.id = before.id;
    m_queue->remove(before.id, StopReason::Cancelled);
    const Download last = m_live->end(before.id).value_or(before);
    if (Status deleted = m_downloads->remove(before.id); !deleted)
    {
        item.error = deleted.error();
        return item;
    }
    m_counters->removed(before.status);
    m_removing.append(last);
    item.ok = true;
    item.download = last;
    return item;
}

void DownloadService::finishRemovals(bool deleteFiles)
{
    if (m_removing.isEmpty())
        return;
    const QList<Download> removed = std::exchange(m_removing, {});
    QStringList ids;
    ids.reserve(removed.size());
    for (const Download &download : removed)
    {
        // A job that still runs has stopped writing but may still hold its file: the files go
        // when it has returned (handleJobStopped).
        if (m_queue->isRunning(download.id))
            m_files->removeAfterJob(download, deleteFiles);
        else
            m_files->removeFiles(download, deleteFiles);
        m_sources->downloadLeftQueue(download); // e.g. a transfer slskd still holds
        ids.append(download.id);
    }
    Q_EMIT downloadsRemoved(ids);
    emitStatsChanged();
}

Result<FreedSpace> DownloadService::clearPartialFiles()
{
    const Result<QList<Download>> failed = m_downloads->listPage(DownloadStatus::Failed, 0, -1);
    if (!failed)
        return failed.error();
    FreedSpace freed;
    for (const Download &download : *failed)
    {
        // A failed download runs no job; a retry queues it first (then it is no longer failed).
        if (!m_queue->contains(download.id))
            freed += m_files->removePartial(download);
    }
    return freed;
}

} // namespace SoulSpot
