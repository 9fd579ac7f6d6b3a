// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/bandwidthlimiter.h"
#include "queue/stopreason.h"
#include "queue/transferoutcome.h"
#include "queue/waitinglist.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class QThreadPool;
class QTimer;

namespace SoulSpot {

class TransferContext;
class TransferJob;

// Decides what runs: the next waiting entry (its WaitingList's order) when a slot is free, at most
// maxConcurrent() at once, nothing new while paused, and retries with exponential backoff. It
// holds only the running jobs and the retry timers; the waiting entries are its WaitingList's (in
// the program the database's, see SharedQueue). The transfers themselves run on a QThreadPool;
// the queue lives in one thread (the main thread) and is not thread-safe.
//
// The queue knows nothing of SQL or HTTP: a factory makes the TransferJob for an id when a slot is
// free, and the queue reports what happened through signals; the service stores it.
class JobQueue : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobQueue)

public:
    using JobFactory = std::function<std::unique_ptr<TransferJob>(const QString &downloadId)>;

    // With its waiting entries in memory (MemoryWaitingList).
    explicit JobQueue(JobFactory factory, QObject *parent = nullptr);
    JobQueue(JobFactory factory, std::unique_ptr<WaitingList> waiting, QObject *parent = nullptr);
    ~JobQueue() override; // stops every running job (Shutdown) and waits for them

    // 1..10. Raising it starts more at once; lowering it lets running jobs finish.
    void setMaxConcurrent(int maxConcurrent);
    int maxConcurrent() const { return m_maxConcurrent; }

    // false: first come, first served, priorities ignored for ordering.
    void setPriorityEnabled(bool enabled);
    bool isPriorityEnabled() const { return m_priorityEnabled; }

    // The download speed limit the running jobs share, in bytes per second; 0 = none. Changes the
    // pace of running jobs at once (see BandwidthLimiter).
    void setSpeedLimit(qint64 bytesPerSecond) { m_bandwidth.setLimit(bytesPerSecond); }
    qint64 speedLimit() const { return m_bandwidth.limit(); }

    // The first retry waits `base`, then 2*base, 4*base ... (1 s in production).
    void setBackoffBase(std::chrono::milliseconds base) { m_backoffBase = base; }
    std::chrono::milliseconds backoffBase() const { return m_backoffBase; }
    // The delay before retry number `retry` (1-based): base * 2^(retry-1).
    std::chrono::milliseconds backoffDelay(int retry) const;

    // Adds a waiting download; it starts when its turn comes. An id already known is updated: a
    // waiting one takes its new place, one waiting for a retry still waits out its backoff, and a
    // running one that is being stopped waits again once its job has returned (never two jobs for
    // one id).
    void enqueue(const QueueEntry &entry);
    void enqueue(const QList<QueueEntry> &entries);
    // The waiting list may hold entries the queue was not told of (the database at start, another
    // worker's enqueues): starts what the free slots allow.
    void wake();
    // Takes the download out of the queue: a waiting one is dropped (no signal), a running one is
    // stopped (synchronously for its writes, see TransferContext) and reported with jobStopped()
    // with this reason when its job returns; it holds its slot until then.
    void remove(const QString &downloadId, StopReason reason);
    // Starts this waiting download now, even at the concurrency limit and while the queue is
    // paused (qBittorrent's "force start"): the user asked for this one. It then counts as running
    // like any other (no further start until the running ones are below the limit again), and a
    // later pause() stops it too. One waiting for a retry starts without the rest of its backoff.
    // false when it does not wait here (running already, unknown, or another worker's).
    bool startNow(const QString &downloadId);
    // Changes the order of a waiting download; no effect on a running one.
    void setPriority(const QString &downloadId, int priority);

    // Global pause: nothing new starts, and running jobs are stopped (QueuePaused) and wait again
    // in their place. Resume starts them as slots allow.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    // Stops every running job (Shutdown) and waits up to `timeout` for them to return.
    bool shutdown(std::chrono::milliseconds timeout);

    bool contains(const QString &downloadId) const;
    bool isRunning(const QString &downloadId) const;
    bool isWaitingForRetry(const QString &downloadId) const;
    int runningCount() const { return int(m_running.size()); }
    // Waiting now or waiting for a retry.
    int waitingCount() const;
    QStringList runningIds() const;
    // Waiting ids in the order they would start (retries not yet due are left out).
    QStringList waitingIds() const;

Q_SIGNALS:
    void jobStarted(const QString &downloadId, int attempt);
    void jobProgressed(const QString &downloadId, qint64 bytesDownloaded, qint64 totalBytes);
    // A segmented download's ranges and connections (TransferContext::segmentsChanged).
    void jobSegmentsChanged(const QString &downloadId, const QString &validator, qint64 total,
                            const QString &doneRanges, int connections);
    void jobNoteChanged(const QString &downloadId, const QString &note);
    void jobTargetPathChosen(const QString &downloadId, const QString &path);
    void jobSourceInfoChanged(const QString &downloadId, const QString &info);
    // A retriable failure: the download waits `delayMs` and runs again. `attempts` counts this try.
    void jobRetryScheduled(const QString &downloadId, int attempts, qint64 delayMs,
                           const SoulSpot::TransferOutcome &outcome);
    void jobCompleted(const QString &downloadId, int attempts, const SoulSpot::TransferOutcome &outcome);
    // A permanent failure, or retries used up.
    void jobFailed(const QString &downloadId, int attempts, const SoulSpot::TransferOutcome &outcome);
    // A stopped try, which uses up no retry. With QueuePaused the entry is already waiting again
    // when this is emitted; contains() also tells whether it was enqueued again meanwhile.
    void jobStopped(const QString &downloadId, SoulSpot::StopReason reason,
                    const SoulSpot::TransferOutcome &outcome);
    // The try could not write into the download folder (TransferOutcome::FolderUnusable). No other
    // try could either: the queue has paused (as pause()), and the entry waits again in its place
    // with the attempts it had. The listener decides when the queue resumes.
    void jobFolderUnusable(const QString &downloadId, const SoulSpot::TransferOutcome &outcome);
    // Nothing running and nothing waiting (retries included).
    void drained();

private:
    struct Running;

    void enqueueOne(const QueueEntry &entry);
    void startTaken(const QueueEntry &entry);
    bool removeRetrying(const QString &downloadId);
    void scheduleStarts();
    void scheduleStartsAfterEnds();
    void startJob(const QueueEntry &entry);
    void forwardReports(TransferContext *context);
    void handleJobFinished(const QString &downloadId, const SoulSpot::TransferOutcome &outcome);
    void handleFailed(const QueueEntry &entry, const SoulSpot::TransferOutcome &outcome);
    void handleStopped(const Running &running, const SoulSpot::TransferOutcome &outcome);
    void handleFolderUnusable(const QueueEntry &entry, const SoulSpot::TransferOutcome &outcome);
    void scheduleRetry(const QueueEntry &entry, std::chrono::milliseconds delay);
    void handleRetryDue(const QString &downloadId);
    void stopAllRunning(SoulSpot::StopReason reason);
    void checkDrained();

    JobFactory m_factory;
    QThreadPool *m_pool;
    int m_maxConcurrent = 3;
    bool m_priorityEnabled = true;
    bool m_paused = false;
    bool m_scheduling = false; // also set while finish signals are emitted, to hold back starts
    bool m_shutDown = false;
    bool m_startsPosted = false; // scheduleStartsAfterEnds() has posted its pass
    std::chrono::milliseconds m_backoffBase{1000};
    BandwidthLimiter m_bandwidth; // used by the jobs' threads; they end before it does

    std::unique_ptr<WaitingList> m_waiting; // ready to start
    QHash<QString, QueueEntry> m_retrying;  // waiting for their backoff to expire
    QHash<QString, QTimer *> m_retryTimers;
    // Every job whose run() has not returned yet, stopped ones winding down included: they all
    // hold a slot, and an id in here never gets a second job.
    std::map<QString, std::unique_ptr<Running>> m_running;
};

} // namespace SoulSpot
