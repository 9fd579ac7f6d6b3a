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
    // Persists Download::doneRanges from the job's thread: before a partial file is laid out for
    // segments (sized to the whole file), after it is truncated, and when a try ends. Returns
    // false on failure. (While the try runs, the ranges go with the batched progress.)
    std::function<bool(const QString &doneRanges)> persistDoneRanges;
    // Asked from the job's thread right before it makes its result final (renames the finished
    // file): whether this worker still holds the download's lease (see QueueClaims). false: the
    // job stops with StopReason::LeaseLost instead, and another worker finishes the download.
    std::function<bool()> confirmLease;
};

} // namespace SoulSpot
