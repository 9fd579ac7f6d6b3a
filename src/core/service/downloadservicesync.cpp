// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService in step with the other workers of a shared database (issue #11, QueueSync): the
// whole queue's pause, the counters of the whole queue, downloads that another worker paused,
// cancelled or removed while this one runs them, and the progress of the downloads the others
// run, for this worker's window and API. The use cases are in downloadservice.cpp.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "service/downloadfiles.h"
#include "service/liveprogress.h"
#include "service/queuepause.h"
#include "service/queuesync.h"
#include "service/statuscounters.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"

#include <QSet>

namespace SoulSpot {

// A poll, or another worker's notification: one read of the pause, one count of the table and
// one read of the running rows; then a claim when slots are free (another worker's enqueue or
// resume, or a dead worker's expired leases).
void DownloadService::syncWithOthers()
{
    if (!m_started)
        return;
    if (Status followed = m_pause->followStored(); !followed)
        qCWarning(lcStorage) << followed.error().message;
    const QueueStats before = stats();
    m_counters->recount(m_database);
    const QList<Download> running = m_downloads->listByStatus(DownloadStatus::Downloading);
    stopTransfersTakenElsewhere(running);
    tellRunningElsewhere(running);
    if (stats() != before)
        emitStatsChanged();
    m_queue->wake();
}

// A transfer of this worker whose row is no longer running under its name was paused, cancelled
// or removed by another worker (or taken over after a lost lease): it stops here and leaves the
// row as it is (StopReason::LeaseLost).
void DownloadService::stopTransfersTakenElsewhere(const QList<Download> &running)
{
    QSet<QString> mine;
    for (const Download &row : running)
    {
        if (row.worker == m_claims->workerName())
            mine.insert(row.id);
    }
    for (const QString &id : m_queue->runningIds())
    {
        // Not live: stopping already (a pause or cancel of this worker's own).
        if (!mine.contains(id) && m_live->isLive(id))
        {
            qCInfo(lcStorage) << "Download" << id << "was changed by another worker; its transfer stops here";
            m_queue->remove(id, StopReason::LeaseLost);
        }
    }
}

// A transfer stopped because its row is no longer this worker's: another worker took it over, or
// paused, cancelled or removed it. The row is left as it is; only our counts and what we last told
// were wrong. A cancelled or removed download's partial file goes now that nothing here writes to
// it (the other worker deleted it while this one still wrote, or before this one created it).
// A row still running under this worker's name (this worker claimed it again while the run
// stopped, or the lease check failed on a database error) is nobody's run: the run's end gives it
// back to the queue (endLease), and the claim that follows takes it again.
void DownloadService::endLostRun(const Download &last)
{
    m_counters->recount(m_database);
    const Result<std::optional<Download>> row = m_downloads->read(last.id);
    if (row && (!row->has_value() || (*row)->status == DownloadStatus::Cancelled))
        m_files->removePartial(row->value_or(last));
    if (row && row->has_value())
        Q_EMIT downloadChanged(**row);
    emitStatsChanged();
}

// The window of any worker shows every worker's downloads: the rows the others run are told when
// their progress moved, and once more when they stopped running there.
void DownloadService::tellRunningElsewhere(const QList<Download> &running)
{
    QList<Download> elsewhere;
    for (const Download &row : running)
    {
        if (row.worker != m_claims->workerName())
            elsewhere.append(row);
    }
    QStringList ended;
    for (const Download &row : m_sync->changedElsewhere(elsewhere, ended))
        Q_EMIT downloadChanged(row);
    if (!ended.isEmpty())
        tellAnnounced(QueueSync::changed(), ended);
}

// Another worker added, changed or removed these downloads: this worker's listeners hear of them
// as of their own.
void DownloadService::tellAnnounced(const QString &kind, const QStringList &ids)
{
    if (kind == QueueSync::removed())
    {
        Q_EMIT downloadsRemoved(ids);
        return;
    }
    QList<Download> rows = m_downloads->findMany(ids);
    if (kind == QueueSync::added())
    {
        if (!rows.isEmpty())
            Q_EMIT downloadsAdded(rows);
        return;
    }
    for (const Download &row : std::as_const(rows))
        Q_EMIT downloadChanged(m_live->withLiveValues(row));
}

} // namespace SoulSpot
