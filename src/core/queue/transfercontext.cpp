// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/transfercontext.h"

#include <QFileDevice>
#include <QIODevice>
#include <QMutexLocker>

#include <utility>

namespace SoulSpot {

TransferContext::TransferContext(QString downloadId, BandwidthLimiter *bandwidth, QObject *parent)
    : QObject(parent)
    , m_downloadId(std::move(downloadId))
    , m_bandwidth(bandwidth)
{
}

void TransferContext::requestStop(StopReason reason)
{
    {
        // Taking the write mutex waits for a write() in progress to end; once we hold it and have
        // set the flag, no later write() can reach the device. This is the "synchronous" stop.
        QMutexLocker locker(&m_writeMutex);
        if (m_stopRequested.load())
            return;
        m_stopReason.store(int(reason));
        m_stopRequested.store(true);
    }
    Q_EMIT stopRequested();
}

StopReason TransferContext::stopReason() const
{
    return StopReason(m_stopReason.load());
}

qint64 TransferContext::write(QIODevice &device, const char *data, qint64 size)
{
    QMutexLocker locker(&m_writeMutex);
    if (m_stopRequested.load())
        return 0;
    return device.write(data, size);
}

qint64 TransferContext::writeAt(QFileDevice &file, qint64 offset, const char *data, qint64 size)
{
    QMutexLocker locker(&m_writeMutex);
    if (m_stopRequested.load())
        return 0;
    if (!file.seek(offset))
        return -1;
    return file.write(data, size);
}

void TransferContext::setSegments(const QString &validator, qint64 total, const QString &doneRanges,
                                  int connections)
{
    if (validator == m_segmentValidator && total == m_segmentTotal && doneRanges == m_doneRanges &&
        connections == m_connections)
        return;
    m_segmentValidator = validator;
    m_segmentTotal = total;
    m_doneRanges = doneRanges;
    m_connections = connections;
    m_segmentsChanged = true;
}

void TransferContext::reportProgress(qint64 bytesDownloaded, qint64 totalBytes, bool force)
{
    // Only the job's thread touches m_sinceLastProgress, so it needs no lock.
    if (!force && m_sinceLastProgress.isValid() && m_sinceLastProgress.elapsed() < progressIntervalMs)
        return;
    m_sinceLastProgress.start();
    if (m_segmentsChanged)
    {
        m_segmentsChanged = false;
        Q_EMIT segmentsChanged(m_downloadId, m_segmentValidator, m_segmentTotal, m_doneRanges, m_connections);
    }
    Q_EMIT progressed(m_downloadId, bytesDownloaded, totalBytes);
}

void TransferContext::reportNote(const QString &note)
{
    Q_EMIT noteChanged(m_downloadId, note);
}

void TransferContext::reportTargetPath(const QString &path)
{
    Q_EMIT targetPathChosen(m_downloadId, path);
}

void TransferContext::reportSourceInfo(const QString &info)
{
    Q_EMIT sourceInfoChanged(m_downloadId, info);
}

} // namespace SoulSpot
