// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/readpacer.h"

#include <QNetworkReply>

namespace SoulSpot {

namespace {

// A quarter of a second at the limit, within bounds: enough to read smoothly between wake-ups,
// little enough that the connection really slows down.
qint64 limitedBufferBytes(qint64 limit, qint64 unlimitedBufferBytes)
{
    return qBound<qint64>(16 * 1024, limit / 4, qMax<qint64>(16 * 1024, unlimitedBufferBytes));
}

} // namespace

ReadPacer::ReadPacer(BandwidthLimiter *limiter, qint64 unlimitedBufferBytes, QObject *parent)
    : QObject(parent)
    , m_connection(limiter)
    , m_unlimitedBufferBytes(unlimitedBufferBytes)
{
    m_wakeUp.setSingleShot(true);
    m_wakeUp.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeUp, &QTimer::timeout, this, &ReadPacer::mayRead);
}

void ReadPacer::follow(QNetworkReply *reply)
{
    m_reply = reply;
    m_fittedLimit = -1;
    fitReadBuffer(m_connection.limit());
}

qint64 ReadPacer::allowance(qint64 wanted)
{
    if (wanted <= 0)
        return 0;
    const qint64 limit = m_connection.limit();
    if (limit != m_fittedLimit)
        fitReadBuffer(limit);
    const BandwidthLimiter::Grant grant = m_connection.take(wanted);
    if (grant.bytes == 0 && !m_wakeUp.isActive())
        m_wakeUp.start(grant.retryIn);
    return grant.bytes;
}

void ReadPacer::fitReadBuffer(qint64 limit)
{
    m_fittedLimit = limit;
    if (m_reply)
        m_reply->setReadBufferSize(limit > 0 ? limitedBufferBytes(limit, m_unlimitedBufferBytes)
                                             : m_unlimitedBufferBytes);
}

} // namespace SoulSpot
