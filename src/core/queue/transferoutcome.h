// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace SoulSpot {

// How one attempt at a transfer ended.
struct TransferOutcome
{
    enum class Kind
    {
        Completed,
        Failed,
        Stopped
    };
    Kind kind = Kind::Failed;
    bool retriable = false; // for Failed: a network error, timeout, stall, truncation, 5xx, 408, 429
    QString error;          // for Failed: a sentence for the user
    QString filePath;       // for Completed: the final file; otherwise the partial file, if any
    qint64 bytesDownloaded = 0;
    qint64 totalBytes = -1;

    static TransferOutcome completed(const QString &filePath, qint64 bytes)
    {
        return {Kind::Completed, false, {}, filePath, bytes, bytes};
    }
    static TransferOutcome failed(const QString &error, bool retriable)
    {
        return {Kind::Failed, retriable, error, {}, 0, -1};
    }
    static TransferOutcome stopped() { return {Kind::Stopped, false, {}, {}, 0, -1}; }
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::TransferOutcome)
