// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "downloaderror.h"
#include "downloadstatus.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace SoulSpot {

// One row of the `downloads` table, plus values only the running engine knows.
struct Download
{
    QString id; // UUID without braces
    QString trackId;
    DownloadStatus status = DownloadStatus::Queued;
    int priority = 1;
    QString targetPath; // final file path once chosen; the partial file is targetPath + ".part"
    // The folder this download was given when it was added (the Add dialog, "download_dir" of the
    // API): absolute, checked then. Empty: the download folder of the settings when it starts.
    QString downloadDirectory;
    QString sourceUrl;
    double progressPercent = 0.0;
    qint64 bytesDownloaded = 0;
    qint64 totalBytes = -1; // -1 when unknown
    int attempts = 0;       // tries that ran to an end (success or error); stopped tries do not count
    int maxRetries = 3;
    QString errorMessage;  // error.english(): what the API says and the seed's column holds
    DownloadError error;   // the same as a kind and values, worded by each front end
    QString sourceInfo;    // where the bytes come from when it is not the URL (e.g. the Soulseek user/file)
    QDateTime startedAt;   // invalid = null
    QDateTime completedAt; // invalid = null
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 sequence = 0; // insertion order; breaks created_at ties (first come, first served)
    // The place within its priority (the claim's order; see QueueOrder): the sequence at first, a
    // move rewrites it. Read only: update() never writes it.
    qint64 queuePosition = 0;
    // Which version of the file the partial file's bytes belong to, written only by the transfer
    // (DownloadRepository::setResumeState): the strong ETag or Last-Modified the server sent with
    // them (empty: unknown, so nothing is resumed), and that version's whole size (-1: unknown).
    QString resumeValidator;
    qint64 resumeTotalBytes = -1;
    // For a segmented download, the ranges of that version its partial file holds (the text of
    // ByteRanges, src/core/sources/byteranges.h: "TOTAL/FIRST-END,..."); then the partial file
    // has the whole file's size and only these bytes count. Empty: the partial file is a plain
    // prefix of the file.
    QString doneRanges;
    // The worker that holds the download's lease or held it last (for a completed download, the
    // one that completed it); empty before the first claim. Written only by the claims.
    QString worker;

    void setError(const DownloadError &newError)
    {
        error = newError;
        errorMessage = newError.english();
    }

    // Runtime only, never stored: bytes per second over the last seconds, and a note such as
    // "in the peer's queue (position 3)".
    qint64 speedBytesPerSecond = 0;
    QString transferNote;
    // Runtime only: the connections fetching a running segmented download (0: one stream).
    int connections = 0;
    // Runtime only: when a download that waits after a failed try is tried again (invalid: it
    // does not wait for a retry). Its error stays in errorMessage, without the countdown.
    QDateTime retryAt;
};

// A place in the queue order (priority, then queue_position, then id: the claim's order): where a
// keyset page of the list starts. Unlike a row count, it stays right while rows are added or
// removed before it.
struct QueuePosition
{
    int priority = 0;
    qint64 position = 0; // Download::queuePosition
    QString id;
};

inline QueuePosition queuePositionOf(const Download &download)
{
    return {download.priority, download.queuePosition, download.id};
}

// Where a page of the list starts: after `skip` rows, or, with `after`, right after that place
// in the queue (keyset paging).
struct PageStart
{
    qint64 skip = 0;
    std::optional<QueuePosition> after;
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::Download)
