// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, its queue: the JobQueue takes its waiting downloads from the database, claim by
// claim (SharedQueue below), so nothing waiting is held in memory and every worker on the same
// database takes from the one queue. The use cases are in downloadservice.cpp.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "queue/transferjob.h"
#include "queue/transferrequest.h"
#include "service/sourceregistry.h"
#include "service/statuscounters.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"
#include "storage/workerregistry.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace SoulSpot {

namespace {

// What the service hears of the claims, and tells of the runs' ends.
struct ClaimHooks
{
    // Every row claimed, before the JobQueue starts it.
    std::function<void(const ClaimedDownload &)> claimed;
    // A run ended and its end is stored (or is about to be, for a completion).
    std::function<void(const QString &downloadId)> runEnded;
};

// The waiting list of the service's JobQueue. What the queue adds, removes or reorders is
// already in the rows (the service wrote them), so those are no-ops here; a start is a claim.

class SharedQueue : public WaitingList
{
public:
    // Nothing is claimed while `started` is false (the JobQueue asks as soon as it is set up).
    SharedQueue(QueueClaims &claims, const bool &started, ClaimHooks hooks);

    void add(const QueueEntry &entry) override;
    void retryDue(const QueueEntry &entry) override;
    std::optional<QueueEntry> takeNext() override;
    QList<QueueEntry> takeUpTo(int count) override;
    std::optional<QueueEntry> take(const QString &downloadId) override;
    void runEnded(const QString &downloadId) override;
    bool remove(const QString &downloadId) override;
    void setPriority(const QString &downloadId, int priority) override;
    void setPriorityEnabled(bool enabled) override { m_byPriority = enabled; }

    bool contains(const QString &downloadId) const override;
    // True once a claim found fewer rows than it asked for, until something is added again.
    bool isEmpty() const override { return m_exhausted; }
    qsizetype size() const override { return 0; }
    QStringList ids() const override { return {}; }

private:
    std::optional<QueueEntry> claimed(const Result<std::optional<ClaimedDownload>> &claim);

    QueueClaims &m_claims;
    const bool &m_started;
    ClaimHooks m_hooks;
    bool m_byPriority = true;
    bool m_exhausted = false;
};

QueueEntry entryOf(const Download &row)
{
    return QueueEntry{row.id,       row.priority, row.createdAt.toMSecsSinceEpoch(),
                      row.sequence, row.attempts, row.maxRetries};
}

SharedQueue::SharedQueue(QueueClaims &claims, const bool &started, ClaimHooks hooks)
    : m_claims(claims)
    , m_started(started)
    , m_hooks(std::move(hooks))
{
}

// A failed claim starts nothing now; the next end, enqueue or retry asks again.
std::optional<QueueEntry> SharedQueue::claimed(const Result<std::optional<ClaimedDownload>> &claim)
{
    if (!claim)
    {
        qCWarning(lcStorage) << claim.error().message;
        return std::nullopt;
    }
    if (!claim->has_value())
        return std::nullopt;
    m_hooks.claimed(**claim);
    return entryOf((*claim)->download);
}

void SharedQueue::add(const QueueEntry &entry)
{
    Q_UNUSED(entry);
    m_exhausted = false;
}

void SharedQueue::retryDue(const QueueEntry &entry)
{
    if (Status ended = m_claims.endRetryWait(entry.id); !ended)
        qCWarning(lcStorage) << ended.error().message;
    m_exhausted = false;
}

std::optional<QueueEntry> SharedQueue::takeNext()
{
    const QList<QueueEntry> taken = takeUpTo(1);
    if (taken.isEmpty())
        return std::nullopt;
    return taken.constFirst();
}

// One claim for all the slots the queue has free.
QList<QueueEntry> SharedQueue::takeUpTo(int count)
{
    QList<QueueEntry> taken;
    if (!m_started)
        return taken;
    const Result<QList<ClaimedDownload>> claim = m_claims.claimUpTo(m_byPriority, count);
    if (!claim)
    {
        // A failed claim starts nothing now; the next end, enqueue or retry asks again.
        qCWarning(lcStorage) << claim.error().message;
        return taken;
    }
    // Fewer than asked for: none waits beyond them now.
    m_exhausted = claim->size() < count;
    for (const ClaimedDownload &row : *claim)
    {
        m_hooks.claimed(row);
        taken.append(entryOf(row.download));
    }
    return taken;
}

std::optional<QueueEntry> SharedQueue::take(const QString &downloadId)
{
    if (!m_started)
        return std::nullopt;
    return claimed(m_claims.claimThis(downloadId));
}

void SharedQueue::runEnded(const QString &downloadId)
{
    m_hooks.runEnded(downloadId);
}

bool SharedQueue::remove(const QString &downloadId)
{
    // The row's new status (paused, cancelled, removed) already keeps it from being claimed.
    Q_UNUSED(downloadId);
    return false;
}

void SharedQueue::setPriority(const QString &downloadId, int priority)
{
    // The row's priority is the order; the service writes it.
    Q_UNUSED(downloadId);
    Q_UNUSED(priority);
}

bool SharedQueue::contains(const QString &downloadId) const
{
    Q_UNUSED(downloadId);
    return false;
}

} // namespace

// The downloads apply() made wait again (resumed, retried) go to the queue only now that its
// transaction has committed: a start claims at once, and a claim made inside the transaction was
// invisible to every other connection until the commit, the job's own lease check included (it
// found the row as before and stopped the job as if its lease were lost).
void DownloadService::queueAfterCommit()
{
    const QList<Download> waiting = std::exchange(m_queueing, {});
    if (!m_started || waiting.isEmpty())
        return;
    QList<QueueEntry> entries;
    entries.reserve(waiting.size());
    for (const Download &download : waiting)
        entries.append(entryOf(download));
    m_queue->enqueue(entries);
}

// Enters this process in the workers table (refused while a live worker has the name), and
// starts the heartbeat that keeps it and its leases alive: every third of the lease, so that two
// beats may be missed before a lease ends.
Status DownloadService::joinWorkers()
{
    const QString &name = m_claims->workerName();
    const int leaseSeconds = m_claims->leaseSeconds();
    m_workers = std::make_unique<WorkerRegistry>(m_database, name, leaseSeconds);
    if (Status joined = m_workers->join(QSysInfo::machineHostName(), QCoreApplication::applicationPid());
        !joined)
        return joined;
    // The limit at once, not a third of a lease later: GET /api/workers lists it.
    if (Status beat = m_workers->heartbeat(0, m_options.maxConcurrentDownloads); !beat)
        qCWarning(lcStorage) << beat.error().message;
    m_sources->setLease(name, leaseSeconds);
    if (!m_heartbeat)
    {
        m_heartbeat = new QTimer(this);
        connect(m_heartbeat, &QTimer::timeout, this, &DownloadService::heartbeat);
    }
    m_heartbeat->start(std::chrono::milliseconds(leaseSeconds * 1000 / 3));
    m_sinceRenewal.start();
    return Done{};
}

// Renews the worker and its leases. A running download whose lease could not be renewed is no
// longer this worker's (it expired, and another worker may run it now): its transfer stops at
// once and never completes here. When the database cannot be reached, every transfer stops once
// a whole lease has passed without a renewal.
void DownloadService::heartbeat()
{
    if (!m_started)
        return;
    if (Status beat = m_workers->heartbeat(m_queue->runningCount(), m_options.maxConcurrentDownloads); !beat)
        qCWarning(lcStorage) << beat.error().message;
    const Result<QStringList> held = m_claims->renewLeases();
    if (held)
        m_sinceRenewal.restart();
    else
        qCWarning(lcStorage) << held.error().message;
    // Leases of dead workers are looked for at the next claim, not before every claim.
    m_claims->scheduleRescue();
    const bool allLost = !held && m_sinceRenewal.hasExpired(qint64(m_claims->leaseSeconds()) * 1000);
    for (const QString &id : m_queue->runningIds())
    {
        if (allLost || (held && !held->contains(id)))
        {
            qCWarning(lcStorage) << "Lost the lease of download" << id << "- its transfer stops here";
            m_queue->remove(id, StopReason::LeaseLost);
        }
    }
    if (held)
        giveBackUnrun(*held);
}

// Leases this worker holds with nothing of its own behind them: the writes of a run's end all
// failed (the database was gone for a moment: the completion or the stop, then the give-back and
// the release). Renewed at every beat, such a row would stay `downloading` for as long as this
// worker lives, and no rescue would ever take it; it goes back to the queue instead.
void DownloadService::giveBackUnrun(const QStringList &held)
{
    for (const QString &id : held)
    {
        const bool completing = std::any_of(m_completions.cbegin(), m_completions.cend(),
                                            [&id](const Completion &done) { return done.after.id == id; });
        if (!completing && !m_queue->isRunning(id))
            giveBackOrRelease(id);
    }
}

void DownloadService::leaveWorkers()
{
    if (m_heartbeat)
        m_heartbeat->stop();
    if (!m_workers)
        return;
    if (Status left = m_workers->leave(); !left)
        qCWarning(lcStorage) << left.error().message;
}

JobQueue *DownloadService::makeQueue()
{
    return new JobQueue(
        [this](const QString &id) {
            const SegmentLimits segments{m_options.connectionsPerDownload,
                                         qint64(m_options.minSegmentSizeMib) * 1024 * 1024};
            if (const auto claimed = m_claimedRows.constFind(id);
                claimed != m_claimedRows.constEnd() && !claimed->trackUnread)
                return m_sources->createJob(claimed->download, claimed->track, m_options.downloadDirectory,
                                            segments);
            return m_sources->createJob(id, m_options.downloadDirectory, segments);
        },
        std::make_unique<SharedQueue>(*m_claims, m_started,
                                      ClaimHooks{[this](const ClaimedDownload &row) { downloadClaimed(row); },
                                                 [this](const QString &id) { endLease(id); }}),
        this);
}

// A run ended: its lease ends, unless its last write ended it (a completion, written with the
// others of its pass: storeCompletions). A row the run's end left `downloading` here (that write
// failed) goes back to the queue instead (giveBackOrRelease).
void DownloadService::endLease(const QString &downloadId)
{
    if (m_endedLeases.remove(downloadId))
        return;
    giveBackOrRelease(downloadId);
}

// Nothing of this worker runs the download any more. A row still `downloading` under its name
// (the write of the run's end failed: a dropped connection, a full disk) goes back to the queue,
// for the next claim of any worker, which continues it or completes it with the finished file the
// row names; any other row (paused, cancelled, taken over) keeps what it says, and this worker's
// lease on it ends. Returns whether the row went back.
bool DownloadService::giveBackOrRelease(const QString &downloadId)
{
    // A completion is written after its run's end: a new run of this worker may hold the row by
    // then (its lease had expired and this worker's claim rescued it). That run owns the row and
    // its lease; given back, another worker could run it at the same time.
    if (m_queue->isRunning(downloadId))
        return false;
    const Result<bool> givenBack = m_claims->giveBack(downloadId);
    if (!givenBack)
        qCWarning(lcStorage) << givenBack.error().message;
    if (!givenBack || !*givenBack)
    {
        if (Status released = m_claims->release(downloadId); !released)
            qCWarning(lcStorage) << released.error().message;
        return false;
    }
    qCInfo(lcStorage) << "Download" << downloadId << "was left running here; it waits again";
    m_counters->moved(DownloadStatus::Downloading, DownloadStatus::Queued);
    if (std::optional<Download> found = m_downloads->find(downloadId))
        Q_EMIT downloadChanged(*found);
    emitStatsChanged();
    return true;
}

// The claim made the row `downloading`; a rescued one was so already (on another worker). The row
// it returned serves the job and the start's report (handleJobStarted), which follow at once,
// unless a stopping job of this download still runs: its start then waits for that job's return,
// and the row may change before.
void DownloadService::downloadClaimed(const ClaimedDownload &claimed)
{
    if (!claimed.rescued)
        m_counters->moved(DownloadStatus::Queued, DownloadStatus::Downloading);
    if (!m_queue->isRunning(claimed.download.id))
        m_claimedRows.insert(claimed.download.id,
                             ClaimedRow{claimed.download, claimed.track, claimed.trackUnread});
}

} // namespace SoulSpot
