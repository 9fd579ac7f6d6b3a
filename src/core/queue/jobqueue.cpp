// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/jobqueue.h"

#include "queue/memorywaitinglist.h"
#include "queue/transfercontext.h"
#include "queue/transferjob.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <limits>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

Q_LOGGING_CATEGORY(lcQueue, "soulspot.queue")

constexpr int minConcurrent = 1;
constexpr int maxConcurrentLimit = 10;
// Stopped jobs hold their slot until they return, so the pool never needs more threads than the
// highest limit; two spare ones cover a thread that has posted its end but not yet gone idle.
constexpr int poolThreads = maxConcurrentLimit + 2;
// Keep idle threads for a while: most downloads are followed by another one.
constexpr int threadExpiryMs = 60'000;
constexpr std::chrono::seconds destructorShutdownTimeout{5};

// Runs in a pool thread. An exception must not escape into the pool: the slot would never be freed.
TransferOutcome runJob(TransferJob &job, TransferContext &context)
{
    try
    {
        return job.run(context);
    }
    catch (const std::exception &error)
    {
        return TransferOutcome::failed(QString::fromLocal8Bit(error.what()), false);
    }
    catch (...)
    {
        return TransferOutcome::failed(u"The transfer failed with an unknown error"_s, false);
    }
}

// What the queue acts on. A job that was asked to stop may fail instead (its aborted request looks
// like a network error): that try was still stopped and must not use up a retry. A job that
// reports Stopped on its own has broken its contract; trying again is the safe answer.
TransferOutcome effectiveOutcome(const TransferContext &context, TransferOutcome outcome)
{
    const bool failed = outcome.kind == TransferOutcome::Kind::Failed ||
                        outcome.kind == TransferOutcome::Kind::FolderUnusable;
    if (context.isStopRequested() && failed)
    {
        // The stop ended the try, so its failure (a request the stop aborted, a link that went
        // down as the queue paused, the folder) is no reason of this download's: a stop with a
        // reason leaves the download paused on its own (StorageFailureJob), which would keep it
        // behind when the queue resumes.
        outcome.error.clear();
        outcome.detail = {};
        outcome.kind = TransferOutcome::Kind::Stopped;
        outcome.retriable = false;
    }
    else if (!context.isStopRequested() && outcome.kind == TransferOutcome::Kind::Stopped)
    {
        outcome.kind = TransferOutcome::Kind::Failed;
        outcome.retriable = true;
        outcome.error = u"The transfer stopped without being asked to"_s;
    }
    return outcome;
}

} // namespace

struct JobQueue::Running
{
    QueueEntry entry;
    std::unique_ptr<TransferContext> context;
    // Set by remove(): the entry leaves the queue when the job returns, reported with this reason
    // (the last remove wins; it is what the user asked for last).
    std::optional<StopReason> removedWith;
    // Set by enqueue() while the job is stopping: the entry waits again once the job has returned.
    std::optional<QueueEntry> requeue;
};

JobQueue::JobQueue(JobFactory factory, QObject *parent)
    : JobQueue(std::move(factory), std::make_unique<MemoryWaitingList>(), parent)
{
}

JobQueue::JobQueue(JobFactory factory, std::unique_ptr<WaitingList> waiting, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_pool(new QThreadPool(this))
    , m_waiting(std::move(waiting))
{
    qRegisterMetaType<SoulSpot::TransferOutcome>();
    qRegisterMetaType<SoulSpot::StopReason>();
    m_pool->setMaxThreadCount(poolThreads);
    m_pool->setExpiryTimeout(threadExpiryMs);
}

JobQueue::~JobQueue()
{
    if (!m_shutDown)
        shutdown(destructorShutdownTimeout);
    // A job that overran the timeout still posts its end to `this` when it returns, so it must
    // return before our members go. (The pool's own destructor would wait too, but too late.)
    m_pool->waitForDone();
}

void JobQueue::setMaxConcurrent(int maxConcurrent)
{
    if (maxConcurrent < minConcurrent || maxConcurrent > maxConcurrentLimit)
    {
        qCWarning(lcQueue) << "Ignoring a concurrency limit out of range:" << maxConcurrent;
        return;
    }
    m_maxConcurrent = maxConcurrent;
    scheduleStarts();
}

void JobQueue::setPriorityEnabled(bool enabled)
{
    if (m_priorityEnabled == enabled)
        return;
    m_priorityEnabled = enabled;
    m_waiting->setPriorityEnabled(enabled);
}

std::chrono::milliseconds JobQueue::backoffDelay(int retry) const
{
    // 2^30 times any sane base is already years; the clamp only keeps the shift defined.
    const int exponent = std::clamp(retry, 1, 31) - 1;
    return m_backoffBase * (qint64(1) << exponent);
}

void JobQueue::enqueue(const QueueEntry &entry)
{
    enqueueOne(entry);
    scheduleStarts();
}

void JobQueue::enqueue(const QList<QueueEntry> &entries)
{
    for (const QueueEntry &entry : entries)
        enqueueOne(entry);
    scheduleStarts();
}

void JobQueue::wake()
{
    scheduleStarts();
}

void JobQueue::enqueueOne(const QueueEntry &entry)
{
    if (const auto it = m_running.find(entry.id); it != m_running.end())
    {
        Running &running = *it->second;
        // A stopping job may still write: the new try waits for it to return.
        if (running.context->isStopRequested())
            running.requeue = entry;
        else
            running.entry = entry;
        return;
    }
    if (m_retrying.contains(entry.id))
    {
        // Updated, but it still waits out its backoff.
        m_retrying.insert(entry.id, entry);
        return;
    }
    m_waiting->add(entry);
}

void JobQueue::remove(const QString &downloadId, StopReason reason)
{
    if (const auto it = m_running.find(downloadId); it != m_running.end())
    {
        Running &running = *it->second;
        running.removedWith = reason;
        running.requeue.reset();
        running.context->requestStop(reason);
        return; // jobStopped() and drained() follow when the job returns
    }
    if (!m_waiting->remove(downloadId) && !removeRetrying(downloadId))
        return;
    checkDrained();
}

bool JobQueue::startNow(const QString &downloadId)
{
    if (m_shutDown || isRunning(downloadId))
        return false;
    if (m_retrying.contains(downloadId))
    {
        const QueueEntry entry = m_retrying.value(downloadId);
        removeRetrying(downloadId);
        m_waiting->retryDue(entry);
    }
    const std::optional<QueueEntry> entry = m_waiting->take(downloadId);
    if (!entry)
        return false;
    // Beyond the limit the pool's spare threads run it; never let it wait for a thread.
    m_pool->setMaxThreadCount(std::max(poolThreads, runningCount() + 2));
    startJob(*entry);
    return true;
}

void JobQueue::setPriority(const QString &downloadId, int priority)
{
    if (m_waiting->contains(downloadId))
    {
        m_waiting->setPriority(downloadId, priority);
    }
    else if (const auto retrying = m_retrying.find(downloadId); retrying != m_retrying.end())
    {
        retrying->priority = priority;
    }
    else if (const auto running = m_running.find(downloadId); running != m_running.end())
    {
        // Kept for when it waits again (queue paused, re-enqueued).
        running->second->entry.priority = priority;
        if (running->second->requeue)
            running->second->requeue->priority = priority;
    }
}

void JobQueue::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    stopAllRunning(StopReason::QueuePaused);
}

void JobQueue::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    scheduleStarts();
}

bool JobQueue::shutdown(std::chrono::milliseconds timeout)
{
    m_shutDown = true;
    stopAllRunning(StopReason::Shutdown);
    const auto timeoutMs = std::clamp<qint64>(timeout.count(), 0, std::numeric_limits<int>::max());
    const bool allReturned = m_pool->waitForDone(int(timeoutMs));
    // The jobs that returned have posted their ends (after their last progress) to this thread;
    // deliver them now, so that each one is reported with jobStopped() before we return.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    return allReturned && m_running.empty();
}

bool JobQueue::contains(const QString &downloadId) const
{
    return m_waiting->contains(downloadId) || m_retrying.contains(downloadId) || isRunning(downloadId);
}

bool JobQueue::isRunning(const QString &downloadId) const
{
    return m_running.find(downloadId) != m_running.end();
}

bool JobQueue::isWaitingForRetry(const QString &downloadId) const
{
    return m_retrying.contains(downloadId);
}

int JobQueue::waitingCount() const
{
    return int(m_waiting->size()) + int(m_retrying.size());
}

QStringList JobQueue::runningIds() const
{
    QStringList ids;
    ids.reserve(runningCount());
    for (const auto &item : m_running)
        ids.append(item.first);
    return ids;
}

QStringList JobQueue::waitingIds() const
{
    return m_waiting->ids();
}

bool JobQueue::removeRetrying(const QString &downloadId)
{
    if (!m_retrying.remove(downloadId))
        return false;
    if (QTimer *timer = m_retryTimers.take(downloadId))
    {
        timer->stop();
        timer->deleteLater(); // we may be inside a slot of another timer's timeout: never delete now
    }
    return true;
}

void JobQueue::scheduleStarts()
{
    // A listener of jobStarted (or of a finish signal) may call back into the queue. The loop
    // re-checks the limit after every start, so a nested call has nothing to add, and starting
    // from inside it could report a start before the end that made room for it.
    if (m_scheduling || m_shutDown)
        return;
    m_scheduling = true;
    const auto resetFlag = qScopeGuard([this] { m_scheduling = false; });
    // All free slots in one take (a shared list claims them in one statement). The loop asks
    // again when an entry took no slot (its stopping job still runs, or no job could be made).
    while (!m_paused && !m_shutDown && runningCount() < m_maxConcurrent)
    {
        const QList<QueueEntry> entries = m_waiting->takeUpTo(m_maxConcurrent - runningCount());
        if (entries.isEmpty())
            break;
        for (const QueueEntry &entry : entries)
        {
            // Every taken entry starts, even when a listener of a start paused the queue or shut it
            // down meanwhile: a shared list has leased it to this worker, and the stop that
            // follows puts it back as the pause or shutdown does with every running one.
            startTaken(entry);
            if (m_paused || m_shutDown)
                stopAllRunning(m_shutDown ? StopReason::Shutdown : StopReason::QueuePaused);
        }
    }
}

// The ends that arrive together (posted by their jobs before this pass runs) free their slots
// first; then one pass fills them all, in one take, instead of one take per end.
void JobQueue::scheduleStartsAfterEnds()
{
    if (m_startsPosted)
        return;
    m_startsPosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_startsPosted = false;
            scheduleStarts();
            checkDrained();
        },
        Qt::QueuedConnection);
}

// A shared list may hand out an id this queue still knows: one whose stopped job has not returned
// yet (it runs again once it has, never two jobs for one id), or one whose retry timer has not
// fired yet (it starts now).
void JobQueue::startTaken(const QueueEntry &entry)
{
    if (const auto running = m_running.find(entry.id); running != m_running.end())
    {
        running->second->requeue = entry;
        return;
    }
    removeRetrying(entry.id);
    startJob(entry);
}

void JobQueue::startJob(const QueueEntry &entry)
{
    std::shared_ptr<TransferJob> job = m_factory(entry.id);
    if (!job)
    {
        qCWarning(lcQueue) << "No job could be made for" << entry.id;
        Q_EMIT jobFailed(entry.id, entry.attempts + 1,
                         TransferOutcome::failed(u"No source can download this"_s, false));
        // Taken, so its run ends too, after its report (a shared list's lease on it ends there).
        m_waiting->runEnded(entry.id);
        checkDrained();
        return;
    }

    auto running = std::make_unique<Running>();
    running->entry = entry;
    running->context = std::make_unique<TransferContext>(entry.id, &m_bandwidth);
    TransferContext *context = running->context.get();
    forwardReports(context);
    m_running.emplace(entry.id, std::move(running));
    Q_EMIT jobStarted(entry.id, entry.attempts + 1);

    // The context outlives the job: it is deleted only in handleJobFinished(), which the job posts
    // after it has returned and been destroyed in its own thread.
    m_pool->start([this, job = std::move(job), context]() mutable {
        const TransferOutcome outcome = runJob(*job, *context);
        job.reset();
        QMetaObject::invokeMethod(
            this, [this, id = context->downloadId(), outcome] { handleJobFinished(id, outcome); },
            Qt::QueuedConnection);
    });
}

void JobQueue::forwardReports(TransferContext *context)
{
    // Emitted in the job's thread, so they arrive queued, before the job's end (same receiver).
    connect(context, &TransferContext::progressed, this, &JobQueue::jobProgressed);
    connect(context, &TransferContext::segmentsChanged, this, &JobQueue::jobSegmentsChanged);
    connect(context, &TransferContext::noteChanged, this, &JobQueue::jobNoteChanged);
    connect(context, &TransferContext::targetPathChosen, this, &JobQueue::jobTargetPathChosen);
    connect(context, &TransferContext::sourceInfoChanged, this, &JobQueue::jobSourceInfoChanged);
}

void JobQueue::handleJobFinished(const QString &downloadId, const TransferOutcome &reported)
{
    const auto it = m_running.find(downloadId);
    if (it == m_running.end())
        return;
    const std::unique_ptr<Running> running = std::move(it->second);
    m_running.erase(it);
    const TransferOutcome outcome = effectiveOutcome(*running->context, reported);

    // The queue's state is final before each signal, and nothing starts until every listener has
    // seen this end.
    const bool wasScheduling = std::exchange(m_scheduling, true);
    switch (outcome.kind)
    {
    case TransferOutcome::Kind::Completed:
        // A re-enqueue that raced with the end is dropped: there is nothing left to transfer.
        Q_EMIT jobCompleted(downloadId, running->entry.attempts + 1, outcome);
        break;
    case TransferOutcome::Kind::Failed:
        handleFailed(running->entry, outcome);
        break;
    case TransferOutcome::Kind::Stopped:
        handleStopped(*running, outcome);
        break;
    case TransferOutcome::Kind::FolderUnusable:
        handleFolderUnusable(running->entry, outcome);
        break;
    }
    m_scheduling = wasScheduling;
    m_waiting->runEnded(downloadId);
    // drained() is told by that pass, once it has seen whether anything else waits.
    scheduleStartsAfterEnds();
}

void JobQueue::handleFailed(const QueueEntry &entry, const TransferOutcome &outcome)
{
    const int attempts = entry.attempts + 1;
    if (!outcome.retriable || attempts > entry.maxRetries)
    {
        Q_EMIT jobFailed(entry.id, attempts, outcome);
        return;
    }
    QueueEntry next = entry;
    next.attempts = attempts;
    // The source's own wait (an HTTP Retry-After) wins over the backoff; it still counts as a retry.
    const std::chrono::milliseconds delay =
        outcome.retryAfterMs >= 0 ? std::chrono::milliseconds(outcome.retryAfterMs) : backoffDelay(attempts);
    scheduleRetry(next, delay);
    Q_EMIT jobRetryScheduled(entry.id, attempts, delay.count(), outcome);
}

void JobQueue::handleStopped(const Running &running, const TransferOutcome &outcome)
{
    const StopReason reason = running.removedWith.value_or(running.context->stopReason());
    // A stopped try uses up no retry: the entry waits again with the attempts it had.
    if (running.requeue)
        m_waiting->add(*running.requeue);
    else if (!running.removedWith && reason == StopReason::QueuePaused)
        m_waiting->add(running.entry); // same key, so its old place
    Q_EMIT jobStopped(running.entry.id, reason, outcome);
}

// A stop was not requested (effectiveOutcome), so nothing else claims the entry.
void JobQueue::handleFolderUnusable(const QueueEntry &entry, const TransferOutcome &outcome)
{
    m_waiting->add(entry); // same key, so its old place; the try counts for nothing
    pause();
    Q_EMIT jobFolderUnusable(entry.id, outcome);
}

// `entry.attempts` already counts the try that failed.
void JobQueue::scheduleRetry(const QueueEntry &entry, std::chrono::milliseconds delay)
{
    m_retrying.insert(entry.id, entry);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the backoff is a promised minimum.
    timer->setTimerType(Qt::PreciseTimer);
    timer->setInterval(delay);
    connect(timer, &QTimer::timeout, this, [this, id = entry.id] { handleRetryDue(id); });
    m_retryTimers.insert(entry.id, timer);
    timer->start();
}

void JobQueue::handleRetryDue(const QString &downloadId)
{
    if (QTimer *timer = m_retryTimers.take(downloadId))
        timer->deleteLater();
    const auto it = m_retrying.constFind(downloadId);
    if (it == m_retrying.cend())
        return;
    const QueueEntry entry = *it;
    m_retrying.erase(it);
    m_waiting->retryDue(entry);
    scheduleStarts();
}

void JobQueue::stopAllRunning(StopReason reason)
{
    // requestStop() emits synchronously, and a listener could make a job's end be handled (a
    // nested event loop), deleting its context: hold guarded pointers, not iterators.
    QList<QPointer<TransferContext>> contexts;
    for (const auto &item : m_running)
        contexts.append(item.second->context.get());
    for (const QPointer<TransferContext> &context : std::as_const(contexts))
    {
        if (context)
            context->requestStop(reason);
    }
}

void JobQueue::checkDrained()
{
    if (m_running.empty() && m_waiting->isEmpty() && m_retrying.empty())
        Q_EMIT drained();
}

} // namespace SoulSpot
