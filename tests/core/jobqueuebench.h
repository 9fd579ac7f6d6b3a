// SPDX-License-Identifier: GPL-3.0-or-later
// Fake transfer jobs and a queue that watches them, for tst_jobqueue.
#pragma once

#include "queue/jobqueue.h"
#include "queue/transfercontext.h"
#include "queue/transferjob.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>

namespace SoulSpot::Test {

using namespace Qt::StringLiterals;

inline QString reasonName(StopReason reason)
{
    switch (reason)
    {
    case StopReason::Paused:
        return u"Paused"_s;
    case StopReason::QueuePaused:
        return u"QueuePaused"_s;
    case StopReason::Cancelled:
        return u"Cancelled"_s;
    case StopReason::Shutdown:
        return u"Shutdown"_s;
    case StopReason::LeaseLost:
        return u"LeaseLost"_s;
    }
    return u"?"_s;
}

// How the fake jobs of one download id behave, try after try.
struct Script
{
    QList<TransferOutcome> outcomes{TransferOutcome::completed(u"/music/song.flac"_s, 100)}; // last repeats
    int heldTries = 0;            // the first N tries wait for JobLab::release() or a stop
    int workMs = 0;               // otherwise a try works this long
    int windDownMs = 0;           // how long honouring a stop takes
    bool failWhenStopped = false; // a stop ends the try with a network-like error, not Stopped
    bool report = false;          // report a path, a source, a note and progress first
};

// Makes the fake jobs and watches them from the pool threads: how many run at once, in which
// order they started, and whether two ever ran for one id.
class JobLab
{
public:
    void setScript(const QString &id, const Script &script)
    {
        QMutexLocker locker(&m_mutex);
        m_scripts.insert(id, script);
    }
    void release(const QString &id) { semaphore(id)->release(); }
    QStringList startOrder() const
    {
        QMutexLocker locker(&m_mutex);
        return m_startOrder;
    }
    int running() const { return m_running.load(); }
    int maxRunning() const { return m_maxRunning.load(); }
    int overLimit() const { return m_overLimit.load(); }
    int sameIdOverlaps() const { return m_sameIdOverlaps.load(); }

    std::atomic<int> limit{10}; // what the jobs must never exceed together

    std::unique_ptr<TransferJob> make(const QString &id);
    TransferOutcome play(const QString &id, TransferContext &context);

private:
    std::shared_ptr<QSemaphore> semaphore(const QString &id)
    {
        QMutexLocker locker(&m_mutex);
        auto &semaphore = m_releases[id];
        if (!semaphore)
            semaphore = std::make_shared<QSemaphore>();
        return semaphore;
    }
    void begin(const QString &id);
    void end(const QString &id);

    mutable QMutex m_mutex;
    QHash<QString, Script> m_scripts;
    QHash<QString, std::shared_ptr<QSemaphore>> m_releases;
    QHash<QString, int> m_tries;
    QHash<QString, int> m_runningPerId;
    QStringList m_startOrder;
    std::atomic<int> m_running{0};
    std::atomic<int> m_maxRunning{0};
    std::atomic<int> m_overLimit{0};
    std::atomic<int> m_sameIdOverlaps{0};
};

class FakeJob final : public TransferJob
{
public:
    FakeJob(JobLab &lab, QString id)
        : m_lab(lab)
        , m_id(std::move(id))
    {
    }
    TransferOutcome run(TransferContext &context) override { return m_lab.play(m_id, context); }

private:
    JobLab &m_lab;
    const QString m_id;
};

inline std::unique_ptr<TransferJob> JobLab::make(const QString &id)
{
    return std::make_unique<FakeJob>(*this, id);
}

inline void JobLab::begin(const QString &id)
{
    const int now = ++m_running;
    int seen = m_maxRunning.load();
    while (now > seen && !m_maxRunning.compare_exchange_weak(seen, now))
    {
    }
    if (now > limit.load())
        ++m_overLimit;
    QMutexLocker locker(&m_mutex);
    if (++m_runningPerId[id] > 1)
        ++m_sameIdOverlaps;
    m_startOrder.append(id);
}

inline void JobLab::end(const QString &id)
{
    {
        QMutexLocker locker(&m_mutex);
        --m_runningPerId[id];
    }
    --m_running; // before run() returns: the queue may only free the slot after this
}

inline void report(TransferContext &context)
{
    context.reportTargetPath(u"/music/song.flac"_s);
    context.reportSourceInfo(u"peer/song.flac"_s);
    context.reportNote(u"in the peer's queue"_s);
    context.reportProgress(50, 100, true);
    context.reportProgress(100, 100, true);
}

inline TransferOutcome JobLab::play(const QString &id, TransferContext &context)
{
    begin(id);
    Script script;
    int tryIndex = 0;
    {
        QMutexLocker locker(&m_mutex);
        script = m_scripts.value(id);
        tryIndex = m_tries[id]++;
    }
    const std::shared_ptr<QSemaphore> releases = semaphore(id);
    if (script.report)
        report(context);
    const bool held = tryIndex < script.heldTries;
    const QDeadlineTimer work(script.workMs);
    TransferOutcome outcome = script.outcomes.value(std::min(tryIndex, int(script.outcomes.size()) - 1));
    for (;;)
    {
        if (context.isStopRequested())
        {
            QThread::msleep(script.windDownMs);
            outcome = script.failWhenStopped ? TransferOutcome::failed(u"Operation canceled"_s, true)
                                             : TransferOutcome::stopped();
            break;
        }
        if (held ? releases->tryAcquire(1, 5) : work.hasExpired())
            break;
        if (!held)
            QThread::msleep(1);
    }
    end(id);
    return outcome;
}

// What the queue said, in the main thread.
struct Events
{
    QStringList log; // every signal but progress and counts, in order: "started a#1", ...
    QStringList started;
    QStringList stopped;
    QStringList retries; // "id#attempts@delayMs"
    QHash<QString, int> completed;
    QHash<QString, int> failed;
    QHash<QString, QList<qint64>> startNs; // when each try started
    QStringList reports;
    int drained = 0;
    int startsOverLimit = 0;
};

// One queue with its fake jobs. The lab and the events outlive the queue, whose destructor still
// runs jobs and emits.
struct Bench
{
    JobLab lab;
    Events events;
    QElapsedTimer clock;
    JobQueue queue{[this](const QString &id) { return lab.make(id); }};
    qint64 nextSequence = 0;

    Bench()
    {
        clock.start();
        watchLifecycle();
        watchResults();
    }

    QueueEntry entry(const QString &id, int priority = 1, int maxRetries = 3)
    {
        QueueEntry entry;
        entry.id = id;
        entry.priority = priority;
        entry.createdAtMs = 1'000;
        entry.sequence = ++nextSequence;
        entry.maxRetries = maxRetries;
        return entry;
    }

    void enqueueHeld(const QStringList &ids, int windDownMs = 0)
    {
        for (const QString &id : ids)
        {
            Script script;
            script.heldTries = 1'000;
            script.windDownMs = windDownMs;
            lab.setScript(id, script);
            queue.enqueue(entry(id));
        }
    }

    void releaseAll(const QStringList &ids)
    {
        for (const QString &id : ids)
            lab.release(id);
    }

private:
    void watchLifecycle();
    void watchResults();
};

inline void Bench::watchLifecycle()
{
    QObject::connect(&queue, &JobQueue::jobStarted, [this](const QString &id, int attempt) {
        const QString item = id + u'#' + QString::number(attempt);
        events.started.append(item);
        events.log.append(u"started "_s + item);
        events.startNs[id].append(clock.nsecsElapsed());
        if (queue.runningCount() > queue.maxConcurrent())
            ++events.startsOverLimit;
    });
    QObject::connect(&queue, &JobQueue::jobStopped,
                     [this](const QString &id, StopReason reason, const TransferOutcome &) {
                         const QString item = id + u':' + reasonName(reason);
                         events.stopped.append(item);
                         events.log.append(u"stopped "_s + item);
                     });
    QObject::connect(&queue, &JobQueue::drained, [this] { ++events.drained; });
}

inline void Bench::watchResults()
{
    QObject::connect(&queue, &JobQueue::jobCompleted, [this](const QString &id, int attempts) {
        events.completed.insert(id, attempts);
        events.log.append(u"completed %1#%2"_s.arg(id).arg(attempts));
    });
    QObject::connect(&queue, &JobQueue::jobFailed, [this](const QString &id, int attempts) {
        events.failed.insert(id, attempts);
        events.log.append(u"failed %1#%2"_s.arg(id).arg(attempts));
    });
    QObject::connect(&queue, &JobQueue::jobRetryScheduled,
                     [this](const QString &id, int attempts, qint64 delayMs) {
                         events.retries.append(u"%1#%2@%3"_s.arg(id).arg(attempts).arg(delayMs));
                     });
    QObject::connect(&queue, &JobQueue::jobProgressed, [this](const QString &id, qint64 done, qint64 total) {
        events.log.append(u"progress %1 %2/%3"_s.arg(id).arg(done).arg(total));
    });
    QObject::connect(&queue, &JobQueue::jobNoteChanged, [this](const QString &id, const QString &note) {
        events.reports.append(id + u" note "_s + note);
    });
    QObject::connect(&queue, &JobQueue::jobTargetPathChosen, [this](const QString &id, const QString &path) {
        events.reports.append(id + u" path "_s + path);
    });
    QObject::connect(&queue, &JobQueue::jobSourceInfoChanged, [this](const QString &id, const QString &info) {
        events.reports.append(id + u" source "_s + info);
    });
}

} // namespace SoulSpot::Test
