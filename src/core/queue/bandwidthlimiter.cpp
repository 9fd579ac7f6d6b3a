// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/bandwidthlimiter.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace SoulSpot {

namespace {

// A bucket holds at most this long of its share: a connection that waited a while gets a short
// burst, never enough to push the average over the limit.
constexpr double burstSeconds = 0.1;

// The smallest grant worth a read: about 20 ms of the share, within sensible bounds. Waiting for
// it instead of reading a few bytes at a time keeps the wake-ups to a few dozen a second.
double quantum(double share)
{
    return std::clamp(share * 0.02, 256.0, 64.0 * 1024.0);
}

} // namespace

void BandwidthLimiter::setLimit(qint64 bytesPerSecond)
{
    QMutexLocker locker(&m_mutex);
    // The time so far counts at the old limit.
    refill(Clock::now());
    m_limit.store(qMax<qint64>(0, bytesPerSecond), std::memory_order_relaxed);
}

quint64 BandwidthLimiter::join()
{
    QMutexLocker locker(&m_mutex);
    refill(Clock::now()); // the time so far was shared among the connections before this one
    const quint64 id = m_nextId++;
    m_buckets.emplace(id, 0.0);
    return id;
}

void BandwidthLimiter::leave(quint64 id)
{
    QMutexLocker locker(&m_mutex);
    refill(Clock::now());
    m_buckets.erase(id);
    if (m_buckets.empty())
        m_spare = 0; // the next connection starts from nothing, like the first
}

void BandwidthLimiter::refill(Clock::time_point now)
{
    const double seconds = std::chrono::duration<double>(now - m_lastRefill).count();
    m_lastRefill = now;
    const qint64 rate = limit();
    if (rate <= 0 || m_buckets.empty() || seconds <= 0)
        return;
    const double share = double(rate) / double(m_buckets.size());
    const double cap = std::max(share * burstSeconds, quantum(share));
    for (auto &[id, tokens] : m_buckets)
    {
        tokens += share * seconds;
        if (tokens > cap)
        {
            m_spare += tokens - cap;
            tokens = cap;
        }
    }
    m_spare = std::min(m_spare, std::max(double(rate) * burstSeconds, cap));
}

BandwidthLimiter::Grant BandwidthLimiter::take(quint64 id, qint64 wanted)
{
    QMutexLocker locker(&m_mutex);
    refill(Clock::now());
    const qint64 rate = limit();
    const auto bucket = m_buckets.find(id);
    if (rate <= 0 || bucket == m_buckets.end() || wanted <= 0)
        return {wanted, {}};
    double &own = bucket->second;
    const double share = double(rate) / double(m_buckets.size());
    const double needed = std::min(double(wanted), quantum(share));
    const double available = own + m_spare;
    if (available < needed)
    {
        const double waitMs = std::ceil((needed - available) * 1000.0 / share);
        return {0, std::chrono::milliseconds(std::clamp<qint64>(qint64(waitMs), 1, maxWait.count()))};
    }
    const qint64 granted = std::min(wanted, qint64(std::floor(available)));
    const double fromOwn = std::min(own, double(granted));
    own -= fromOwn;
    m_spare = std::max(0.0, m_spare - (double(granted) - fromOwn));
    return {granted, {}};
}

BandwidthLimiter::Connection::Connection(BandwidthLimiter *limiter)
    : m_limiter(limiter)
    , m_id(limiter ? limiter->join() : 0)
{
}

BandwidthLimiter::Connection::~Connection()
{
    if (m_limiter)
        m_limiter->leave(m_id);
}

BandwidthLimiter::Grant BandwidthLimiter::Connection::take(qint64 wanted)
{
    // The fast path: no limit, no lock.
    if (!isLimited())
        return {wanted, {}};
    return m_limiter->take(m_id, wanted);
}

} // namespace SoulSpot
