// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/track.h"

#include <QString>

#include <functional>

namespace SoulSpot {

// How far one download may be split over several connections to its server (segmented HTTP).
struct SegmentLimits
{
    int connections = 1;                      // 1: one stream
    qint64 minSegmentBytes = 4 * 1024 * 1024; // smaller files take one stream
};

// Everything a source needs to make one attempt at a download. Built by the service in the main
// thread from the database; the job then runs in a pool thread with its own copy.
struct TransferRequest
{
    Download download;
    Track track;
    QString downloadDirectory; // absolute; the final file must land inside it
    SegmentLimits segments;
    // Persists the chosen target path before the first byte is written, from the job's own
    // thread, so that a crash right after still finds the partial file. Returns false on failure.
    std::function<bool(const QString &targetPath)> persistTargetPath;
    // Persists Download::resumeValidator and resumeTotalBytes, from the job's thread, before the
    // bytes they describe reach the partial file. Returns false on failure.
    std::function<bool(const QString &validator, qint64 totalBytes)> persistResumeState;
    // persistTargetPath and persistResumeState in one write, for when both are known at once (the
    // first answer of an HTTP download names the file and tells its version); may be empty.
    std::function<bool(const QString &targetPath, const QString &validator, qint64 totalBytes)>
        persistTargetPathAndResumeState;
    // Persists Download::doneRanges from the job's thread: before a partial file is laid out for
    // segments (sized to the whole file), after it is truncated, and when a try ends. Returns
    // false on failure. (While the try runs, the ranges go with the batched progress.)
    std::function<bool(const QString &doneRanges)> persistDoneRanges;
    // Several workers (empty for one alone, which holds no leases): asked from the job's thread
    // right before it makes its result final (renames the finished file). Records the file's
    // version, as persistResumeState does, in the same statement that confirms that this worker
    // still holds the download's lease and that it still runs (see QueueClaims::confirmLease), and
    // only then. false (not held, or the database failed, which confirms nothing): nothing was
    // written, the job stops with StopReason::LeaseLost instead and leaves the row alone; another
    // worker finishes the download (or whoever paused or cancelled it has its way).
    std::function<bool(const QString &validator, qint64 totalBytes)> persistResumeStateUnderLease;
    // The same for Soulseek's hand-over, with the path the finished file moves to (as
    // persistTargetPath), before it moves.
    std::function<bool(const QString &targetPath)> persistTargetPathUnderLease;
};

} // namespace SoulSpot
