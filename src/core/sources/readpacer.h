// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/bandwidthlimiter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace SoulSpot {

// Paces the reads of one network connection by the shared speed limit (BandwidthLimiter): how
// much may be read now, and mayRead() when more may. While limited, the reply's read buffer is
// kept small, so that bytes left unread stop Qt from reading the socket: TCP then slows the
// server down, instead of the bytes piling up in memory at full speed. Lives in the job's thread.
class ReadPacer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadPacer)

public:
    // `unlimitedBufferBytes`: the reply's read buffer when there is no limit.
    ReadPacer(BandwidthLimiter *limiter, qint64 unlimitedBufferBytes, QObject *parent = nullptr);

    // The reply being read from now on; its read buffer is sized for the limit.
    void follow(QNetworkReply *reply);
    // Of `wanted` bytes, how many may be read now. 0: none; mayRead() follows when some may.
    qint64 allowance(qint64 wanted);

Q_SIGNALS:
    void mayRead();

private:
    void fitReadBuffer(qint64 limit);

    BandwidthLimiter::Connection m_connection;
    const qint64 m_unlimitedBufferBytes;
    QPointer<QNetworkReply> m_reply;
    qint64 m_fittedLimit = -1; // the limit the reply's buffer was sized for
    QTimer m_wakeUp;
};

} // namespace SoulSpot
