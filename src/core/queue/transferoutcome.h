// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloaderror.h"

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
        Stopped,
        // The download folder cannot be created or written (gone, read-only, full): no download
        // could do better, so it is no download's failure. `error` is the OS's reason.
        FolderUnusable
    };
    Kind kind = Kind::Failed;
    bool retriable = false; // for Failed: a network error, timeout, stall, truncation, 5xx, 408, 429
    QString error;          // for Failed: a sentence for the user; for FolderUnusable: the OS's reason
    QString filePath;       // for Completed: the final file; otherwise the partial file, if any
    qint64 bytesDownloaded = 0;
    qint64 totalBytes = -1;
    qint64 retryAfterMs = -1; // for a retriable Failed: the wait the source asked for; -1: the backoff
    QString folder;           // for FolderUnusable: the folder that cannot be written
    DownloadError detail;     // for Failed: `error` as a kind and values, when the source gave one

    // The error as a kind and values: `detail` while it still says `error`, else `error` as text.
    DownloadError errorDetail() const
    {
        if (!detail.isNull() && detail.english() == error)
            return detail;
        return DownloadError::text(error);
    }

    static TransferOutcome completed(const QString &filePath, qint64 bytes)
    {
        return {Kind::Completed, false, {}, filePath, bytes, bytes, -1, {}, {}};
    }
    static TransferOutcome failed(const QString &error, bool retriable)
    {
        return {Kind::Failed, retriable, error, {}, 0, -1, -1, {}, {}};
    }
    static TransferOutcome failed(const DownloadError &error, bool retriable)
    {
        TransferOutcome outcome = failed(error.english(), retriable);
        outcome.detail = error;
        return outcome;
    }
    static TransferOutcome stopped() { return {Kind::Stopped, false, {}, {}, 0, -1, -1, {}, {}}; }
    static TransferOutcome folderUnusable(const QString &folder, const QString &reason)
    {
        return {Kind::FolderUnusable, false, reason, {}, 0, -1, -1, folder, {}};
    }
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::TransferOutcome)
