// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/stopreason.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>

class QFileDevice;
class QIODevice;

namespace SoulSpot {

class BandwidthLimiter;

// The line between one running TransferJob (in a pool thread) and the rest of the engine (in the
// main thread). Thread-safe.
//
// Stopping is synchronous with writing: a job writes its bytes through write(), and once
// requestStop() has returned no write() writes anything. That is what lets "pause" promise that
// no more bytes reach the disk after the call returns.
class TransferContext : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferContext)

public:
    // `bandwidth`: the speed limit the job's connections share (see BandwidthLimiter); null for
    // none. It outlives the job.
    explicit TransferContext(QString downloadId, BandwidthLimiter *bandwidth = nullptr,
                             QObject *parent = nullptr);

    QString downloadId() const { return m_downloadId; }
    BandwidthLimiter *bandwidth() const { return m_bandwidth; }

    // Any thread. Idempotent: the first reason wins. Emits stopRequested() (connect to it from the
    // job's thread to abort the network request; it arrives queued there).
    void requestStop(StopReason reason);
    bool isStopRequested() const { return m_stopRequested.load(); }
    StopReason stopReason() const;

    // Job thread. Writes `size` bytes unless a stop was requested; returns the bytes written, 0
    // after a stop, -1 on a write error.
    qint64 write(QIODevice &device, const char *data, qint64 size);
    // Job thread. The same at `offset` in `file` (the segments of one download write into one
    // partial file, each at its own place).
    qint64 writeAt(QFileDevice &file, qint64 offset, const char *data, qint64 size);

    // Job thread. Emits progressed() at most every `interval` ms (and always when `force`).
    void reportProgress(qint64 bytesDownloaded, qint64 totalBytes, bool force = false);
    // Job thread. The state of a segmented download, sent with the next progressed(): the ranges
    // its partial file holds (ByteRanges text), of the file's version `validator` and `total`, and
    // how many connections fetch it now. The engine stores the ranges with the batched progress.
    void setSegments(const QString &validator, qint64 total, const QString &doneRanges, int connections);
    // Job thread. A human note about the transfer, e.g. "in the peer's queue (position 3)".
    void reportNote(const QString &note);
    // Job thread. Emitted when the job has chosen the final file path (before it writes bytes).
    void reportTargetPath(const QString &path);
    // Job thread. Where the bytes come from when that is not the URL (e.g. Soulseek user and file).
    void reportSourceInfo(const QString &info);

    static constexpr int progressIntervalMs = 250;

Q_SIGNALS:
    void stopRequested();
    void progressed(const QString &downloadId, qint64 bytesDownloaded, qint64 totalBytes);
    // Right before a progressed() when the segments changed since the last one (see setSegments()).
    void segmentsChanged(const QString &downloadId, const QString &validator, qint64 total,
                         const QString &doneRanges, int connections);
    void noteChanged(const QString &downloadId, const QString &note);
    void targetPathChosen(const QString &downloadId, const QString &path);
    void sourceInfoChanged(const QString &downloadId, const QString &info);

private:
    const QString m_downloadId;
    BandwidthLimiter *const m_bandwidth;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<int> m_stopReason{0};
    QMutex m_writeMutex;
    QElapsedTimer m_sinceLastProgress;
    // Job thread only, like m_sinceLastProgress.
    QString m_segmentValidator;
    qint64 m_segmentTotal = -1;
    QString m_doneRanges;
    int m_connections = 0;
    bool m_segmentsChanged = false;
};

} // namespace SoulSpot
