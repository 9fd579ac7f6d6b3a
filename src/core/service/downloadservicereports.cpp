// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, its second half: what the JobQueue reports about running downloads, stored and
// told to the listeners. The use cases are in downloadservice.cpp.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "service/downloadfiles.h"
#include "service/liveprogress.h"
#include "service/queuepause.h"
#include "service/statuscounters.h"
#include "storage/downloadrepository.h"
#include "storage/errorhistory.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

// ---- Running downloads --------------------------------------------------------------------

// A run ended (however): the row with the run's last live values, which are dropped now, or
// nullopt when the download no longer exists.
std::optional<Download> DownloadService::endRun(const QString &downloadId)
{
    if (std::optional<Download> last = m_live->end(downloadId))
        return last;
    // Stopped by an action, which has stored the row and dropped the live values already.
    std::optional<Download> found = m_downloads->find(downloadId);
    if (found)
    {
        found->speedBytesPerSecond = 0;
        found->transferNote.clear();
    }
    return found;
}

// A job returned: endRun(), or nullopt when the download was removed while it ran (its files go
// now that nothing writes to them).
std::optional<Download> DownloadService::endRun(const QString &downloadId, const TransferOutcome &outcome)
{
    if (m_files->jobEnded(downloadId, outcome))
        return std::nullopt;
    return endRun(downloadId);
}

// The bytes a run reports at its end are the truth about the partial file.
void DownloadService::takeProgress(Download &download, const TransferOutcome &outcome)
{
    download.bytesDownloaded = outcome.bytesDownloaded;
    download.totalBytes = outcome.totalBytes;
    download.progressPercent = percentOf(outcome.bytesDownloaded, outcome.totalBytes);
}

void DownloadService::handleJobStarted(const QString &downloadId, int attempt)
{
    Q_UNUSED(attempt);
    // The claim wrote the start (QueueClaims: `downloading`, started_at) and moved the counters
    // (downloadClaimed): the row is told as the claim returned it, not written again.
    std::optional<Download> found;
    if (const auto claimed = m_claimedRows.constFind(downloadId); claimed != m_claimedRows.constEnd())
    {
        found = claimed->download;
        m_claimedRows.erase(claimed);
    }
    else
    {
        found = m_downloads->find(downloadId);
    }
    if (!found)
        return;
    m_live->begin(*found);
    Q_EMIT downloadChanged(m_live->withLiveValues(*found));
    emitStatsChanged();
}

// The reports of a running transfer are told from the rows in memory: no read per report.
void DownloadService::handleJobProgressed(const QString &downloadId, qint64 bytes, qint64 total)
{
    // Nothing when paused or cancelled meanwhile: the row is already final.
    if (const std::optional<Download> live = m_live->progressed(downloadId, bytes, total))
        Q_EMIT downloadChanged(*live);
}

void DownloadService::handleJobSegments(const QString &downloadId, const QString &validator, qint64 total,
                                        const QString &doneRanges, int connections)
{
    // Told with the progress report that follows at once.
    m_live->segmentsChanged(downloadId, validator, total, doneRanges, connections);
}

void DownloadService::handleJobNote(const QString &downloadId, const QString &note)
{
    if (const std::optional<Download> live = m_live->noteChanged(downloadId, note))
        Q_EMIT downloadChanged(*live);
}

void DownloadService::handleJobTargetPath(const QString &downloadId, const QString &path)
{
    // The job stored the path itself (TransferRequest::persistTargetPath); tell the listeners. A
    // transfer stopped meanwhile is no longer in memory: its row is read (rare). One removed
    // meanwhile has no row; its files wait for the job's end under this name.
    m_files->targetPathChosen(downloadId, path);
    std::optional<Download> row = m_live->targetPathChosen(downloadId, path);
    if (!row)
        row = m_downloads->find(downloadId);
    if (row)
        Q_EMIT downloadChanged(*row);
}

void DownloadService::handleJobSourceInfo(const QString &downloadId, const QString &info)
{
    std::optional<Download> found = m_downloads->find(downloadId);
    if (!found)
        return;
    Download after = *found;
    after.sourceInfo = info;
    store(*found, after);
}

void DownloadService::handleJobRetryScheduled(const QString &downloadId, int attempts, qint64 delayMs,
                                              const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Queued;
    after.attempts = attempts;
    // The error as it is; when the next try comes is the row's retryAt, counted down where shown.
    after.setError(outcome.errorDetail());
    // Also in the row: no worker claims it before then (the queue's own timer ends the wait).
    after.retryAt = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
    m_live->retryScheduled(downloadId, after.retryAt);
    if (store(*last, after))
        recordError(after);
}

void DownloadService::handleJobCompleted(const QString &downloadId, int attempts,
                                         const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId, outcome);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Completed;
    after.attempts = attempts;
    after.targetPath = outcome.filePath;
    after.bytesDownloaded = outcome.bytesDownloaded;
    after.totalBytes = outcome.bytesDownloaded;
    after.progressPercent = 100.0;
    after.setError({});
    after.completedAt = QDateTime::currentDateTimeUtc();
    // Written with the other completions of this event-loop pass, after them; that write ends
    // this worker's lease (the run's end leaves it alone: endLease), or storeCompletions gives
    // the row back or releases it.
    m_endedLeases.insert(downloadId);
    if (m_completions.isEmpty())
        QMetaObject::invokeMethod(this, &DownloadService::storeCompletions, Qt::QueuedConnection);
    m_completions.append({*last, after});
}

// One statement for every completion of the pass (writeCompletions). A row that is no longer
// this worker's running one (another worker took it over, or a user paused or cancelled it since
// the job confirmed its lease) keeps what it says; the listeners hear it as it is. One still
// running here whose write the database refused waits again (giveBackOrRelease), and its next
// run completes it with the finished file; refused a second time in a row, it fails
// (failRefusedCompletion). A pause wins over the completion: its answer said `paused`, and
// API.md's answers tell the status a download has after the call. The resume completes it with
// the finished file, which the row names (HttpAttempt's openKnownTarget and
// SlskdHandover::finishedTarget take it): no second download.
void DownloadService::storeCompletions()
{
    if (m_completions.isEmpty())
        return;
    const QList<Completion> completions = std::exchange(m_completions, {});
    const QDateTime now = Sql::nowUtc();
    const CompletionWrites writes = writeCompletions(completions, now);
    for (const Completion &completion : completions)
    {
        const QString &id = completion.after.id;
        if (writes.written.contains(id))
        {
            m_refusedCompletions.remove(id);
            Q_EMIT downloadFinished(tellStored(completion.before, completion.after, now));
            continue;
        }
        const auto refused = writes.refused.constFind(id);
        if (refused != writes.refused.constEnd())
        {
            if (m_refusedCompletions.contains(id) && failRefusedCompletion(completion, *refused))
                continue;
            m_refusedCompletions.insert(id);
        }
        if (giveBackOrRelease(id))
            continue;
        if (std::optional<Download> found = m_downloads->find(id))
            Q_EMIT downloadChanged(*found);
    }
}

// One statement for all. When the database refuses it, each row alone: one row it will not take
// (a constraint, a trigger) holds back no other, and a connection that dropped since the last
// statement (the first statement on it fails) is open again for the second try.
DownloadService::CompletionWrites DownloadService::writeCompletions(const QList<Completion> &completions,
                                                                    const QDateTime &now)
{
    QList<Download> rows;
    rows.reserve(completions.size());
    for (const Completion &completion : completions)
        rows.append(completion.after);
    CompletionWrites writes;
    const Result<QSet<QString>> all = m_downloads->completeRuns(rows, m_claims->workerName(), now);
    if (all)
    {
        writes.written = *all;
        return writes;
    }
    qCWarning(lcStorage) << all.error().message;
    for (const Download &row : std::as_const(rows))
    {
        const Result<QSet<QString>> one = m_downloads->completeRuns({row}, m_claims->workerName(), now);
        if (one)
        {
            writes.written.unite(*one);
            continue;
        }
        qCWarning(lcStorage) << one.error().message;
        // Its first line: PostgreSQL adds the context (a trigger, a statement) on lines of their own.
        writes.refused.insert(row.id, one.error().message.section(u'\n', 0, 0));
    }
    return writes;
}

// The database refused this download's completion twice in a row here, with a run between: it
// would go on refusing, and the download would go round from the queue to a run and back without
// end. It fails instead, with the database's reason, which the window and the API show; the
// finished file stays where the row names it, and a retry completes it with that file once the
// database takes the write. False when even that write failed.
bool DownloadService::failRefusedCompletion(const Completion &completion, const QString &reason)
{
    Download failed = completion.after;
    failed.status = DownloadStatus::Failed;
    failed.completedAt = {};
    failed.setError(DownloadError::text(
        u"The file is complete, but the database refused to record it: %1"_s.arg(reason)));
    const Result<Download> stored = store(completion.before, failed, m_claims->workerName());
    if (!stored)
    {
        qCWarning(lcStorage) << stored.error().message;
        return false;
    }
    m_refusedCompletions.remove(failed.id);
    recordError(failed);
    Q_EMIT downloadFinished(*stored);
    return true;
}

void DownloadService::handleJobFailed(const QString &downloadId, int attempts, const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId, outcome);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Failed;
    after.attempts = attempts;
    if (outcome.bytesDownloaded > 0)
        takeProgress(after, outcome);
    after.setError(outcome.errorDetail());
    if (Result<Download> stored = store(*last, after))
    {
        recordError(after);
        Q_EMIT downloadFinished(*stored);
    }
}

void DownloadService::handleJobStopped(const QString &downloadId, StopReason reason,
                                       const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId, outcome);
    if (!last)
        return;
    Download after = *last;
    if (reason == StopReason::LeaseLost)
        return endLostRun(after);
    if (reason == StopReason::Cancelled)
    {
        // The row already says cancelled; the partial file goes now that nothing writes to it.
        if (after.status == DownloadStatus::Cancelled)
            m_files->removePartial(after);
        return;
    }
    // A job that stopped itself with a reason (StorageFailureJob) leaves the download paused.
    if (!outcome.error.isEmpty() && after.status == DownloadStatus::Downloading)
    {
        after.status = DownloadStatus::Paused;
        after.setError(outcome.errorDetail());
        recordError(after);
    }
    putBackInQueue(*last, after, outcome);
}

// The download folder could not be written: the queue waits for it (QueuePause), and the
// download waits as it was: queued, its try not counted, its partial file kept, no error.
void DownloadService::handleJobFolderUnusable(const QString &downloadId, const TransferOutcome &outcome)
{
    // First: the queue is paused before anything hears of this download.
    m_pause->folderFailed(outcome.folder, outcome.error);
    if (const std::optional<Download> last = endRun(downloadId))
        putBackInQueue(*last, *last, outcome);
}

// A try that ended without a result: its bytes are the truth about the partial file, and a stop
// keeps the status the user chose (paused, or queued again after a quick resume); only a running
// row goes back to the queue (global pause, shutdown, the folder).
void DownloadService::putBackInQueue(const Download &before, Download after, const TransferOutcome &outcome)
{
    if (outcome.bytesDownloaded > 0 || outcome.totalBytes > 0)
        takeProgress(after, outcome);
    if (after.status == DownloadStatus::Downloading)
        after.status = DownloadStatus::Queued;
    store(before, after);
}

void DownloadService::recordError(const Download &download)
{
    if (download.error.isNull())
        return;
    // A history that cannot be written costs the details a line, not the download its state.
    if (Status written =
            ErrorHistory(m_database).append(download.id, {QDateTime::currentDateTimeUtc(), download.error});
        !written)
        qWarning() << "Could not store an error of" << download.id << written.error().message;
}

Result<QList<DownloadErrorRecord>> DownloadService::errorHistory(const QString &downloadId) const
{
    return ErrorHistory(m_database).list(downloadId);
}

} // namespace SoulSpot
