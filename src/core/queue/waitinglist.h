// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace SoulSpot {

// What the queue needs to know of a download to order it and to retry it.
struct QueueEntry
{
    QString id;
    int priority = 1;
    qint64 createdAtMs = 0; // ms since the epoch
    qint64 sequence = 0;    // insertion order, breaks ties
    int attempts = 0;       // tries already made (see Download::attempts)
    int maxRetries = 3;
};

// Where the downloads that wait for a slot are, and which one starts next. The JobQueue holds only
// what runs and what waits out a retry's backoff; everything waiting is asked of this list. The
// program's list is the database (the service's SharedQueue: a claim per start, nothing held in
// memory, shared by every worker); MemoryWaitingList keeps them in memory for a queue of its own.
class WaitingList
{
public:
    virtual ~WaitingList() = default;

    // The entry waits (new, resumed, or back after a stopped try). An id already here takes its
    // new place.
    virtual void add(const QueueEntry &entry) = 0;
    // A failed try's backoff is over: the entry may start again.
    virtual void retryDue(const QueueEntry &entry) { add(entry); }
    // Takes the next entry in queue order, which the queue starts now; nullopt when none waits.
    virtual std::optional<QueueEntry> takeNext() = 0;
    // Takes up to `count` entries in queue order, every one of which the queue starts now; fewer
    // (or none) when fewer wait. A shared list takes them all in one claim.
    virtual QList<QueueEntry> takeUpTo(int count)
    {
        QList<QueueEntry> taken;
        while (taken.size() < count)
        {
            std::optional<QueueEntry> next = takeNext();
            if (!next)
                break;
            taken.append(std::move(*next));
        }
        return taken;
    }
    // The run of a taken entry has ended, however (after its end was reported).
    virtual void runEnded(const QString &downloadId) { Q_UNUSED(downloadId); }
    // Takes this waiting entry, whatever its place, to start it now (Start now); nullopt when it
    // does not wait here (or, in a shared list, another worker holds it).
    virtual std::optional<QueueEntry> take(const QString &downloadId) = 0;
    // Drops a waiting entry; false when it was not here.
    virtual bool remove(const QString &downloadId) = 0;
    // A waiting entry's new priority; an unknown id is ignored.
    virtual void setPriority(const QString &downloadId, int priority) = 0;
    // false: first come, first served.
    virtual void setPriorityEnabled(bool enabled) = 0;

    // What is known here of the waiting entries (a shared list knows only whether the last look
    // found one).
    virtual bool contains(const QString &downloadId) const = 0;
    virtual bool isEmpty() const = 0;
    virtual qsizetype size() const = 0;
    // In the order they would start.
    virtual QStringList ids() const = 0;
};

} // namespace SoulSpot
