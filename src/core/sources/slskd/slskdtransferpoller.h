// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "slskdclient.h"
#include "slskdtypes.h"

#include <QHash>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <chrono>
#include <optional>

namespace SoulSpot {

// Follows every running Soulseek download with ONE request per interval, whatever their number:
// GET /transfers/downloads lists them all. A transfer that should end before the next poll (by
// its bytes left and average speed) brings that poll forward to its predicted end, so that its
// end is noticed at once rather than half an interval later on average. Jobs (in pool threads)
// follow a transfer id and wait for the next poll; the polling runs in a thread of its own, so a
// busy main thread or a blocked job never delays it. Thread-safe.
class SlskdTransferPoller final
{
    Q_DISABLE_COPY_MOVE(SlskdTransferPoller)

public:
    SlskdTransferPoller(SlskdConnection connection, std::chrono::milliseconds interval);
    ~SlskdTransferPoller();

    void follow(const QString &transferId);
    void unfollow(const QString &transferId);

    // What the poll with number `generation` said about one transfer.
    struct Update
    {
        quint64 generation = 0;
        SlskdReply failure; // when the poll itself failed (status or network)
        bool pollFailed = false;
        std::optional<SlskdTransfer> transfer; // absent when the list did not hold it
    };
    // Waits up to `timeoutMs` for a poll newer than `afterGeneration`. On timeout the returned
    // generation equals `afterGeneration`.
    Update waitForUpdate(const QString &transferId, quint64 afterGeneration, int timeoutMs);

    // Cancels a transfer in slskd, then hides it once slskd calls it completed; in the poller's
    // thread, so nobody waits. For downloads paused, cancelled or failed while no job ran them.
    void discard(const QString &username, const QString &transferId);

    // Polls made so far (for tests and the benchmark), and how many of them were brought
    // forward to a predicted end.
    quint64 pollCount() const;
    quint64 earlyPollCount() const;

private:
    class Worker;
    friend class Worker;

    QStringList followedIds() const;
    void publish(const SlskdReply &reply, QHash<QString, SlskdTransfer> transfers);
    void countEarlyPoll();

    QThread m_thread;
    Worker *m_worker = nullptr;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    QHash<QString, int> m_followed; // id -> how many followers
    QHash<QString, SlskdTransfer> m_latest;
    SlskdReply m_lastFailure;
    bool m_lastFailed = false;
    quint64 m_generation = 0;
    quint64 m_earlyPolls = 0;
};

} // namespace SoulSpot
