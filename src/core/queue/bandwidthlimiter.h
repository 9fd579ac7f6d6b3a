// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <map>

namespace SoulSpot {

// The global download speed limit, shared by every connection of every running transfer (one
// HTTP reply today; each segment of a segmented download later). Thread-safe: the connections
// read in their own pool threads, the limit is changed from the main thread at any time.
//
// A token bucket per connection: the limit's bytes flow in at `limit / connections` each, so
// that connections share it fairly; what a connection cannot use (its server is slower than its
// share) spills into a common pool the others draw from. Buckets start empty and hold at most a
// tenth of a second, so the bytes granted never exceed limit x time.
//
// Without a limit, take() grants everything after one atomic read: no lock on the fast path.
class BandwidthLimiter final
{
    Q_DISABLE_COPY_MOVE(BandwidthLimiter)

public:
    BandwidthLimiter() = default;

    // 0: no limit. Takes effect at the next take() of every connection.
    void setLimit(qint64 bytesPerSecond);
    qint64 limit() const { return m_limit.load(std::memory_order_relaxed); }
    bool isLimited() const { return limit() > 0; }

    // What take() answers: the bytes that may be read now, or when to ask again.
    struct Grant
    {
        qint64 bytes = 0;
        std::chrono::milliseconds retryIn{0}; // when bytes == 0
    };

    // One connection's share of the limit, for as long as it lives. Any thread, but one at a time.
    class Connection
    {
        Q_DISABLE_COPY_MOVE(Connection)

    public:
        explicit Connection(BandwidthLimiter *limiter); // null: never limited
        ~Connection();

        bool isLimited() const { return m_limiter && m_limiter->isLimited(); }
        qint64 limit() const { return m_limiter ? m_limiter->limit() : 0; }
        // Up to `wanted` bytes; 0 bytes and a wait when the share is used up for now.
        Grant take(qint64 wanted);

    private:
        BandwidthLimiter *m_limiter;
        quint64 m_id = 0;
    };

    // The longest take() asks a connection to wait, so that a raised limit is felt soon.
    static constexpr std::chrono::milliseconds maxWait{100};

private:
    using Clock = std::chrono::steady_clock;

    quint64 join();
    void leave(quint64 id);
    Grant take(quint64 id, qint64 wanted);
    void refill(Clock::time_point now); // with m_mutex held

    std::atomic<qint64> m_limit{0};
    QMutex m_mutex;
    std::map<quint64, double> m_buckets; // connection -> bytes it may read
    double m_spare = 0;                  // spilled by connections that did not use their share
    Clock::time_point m_lastRefill = Clock::now();
    quint64 m_nextId = 1;
};

} // namespace SoulSpot
