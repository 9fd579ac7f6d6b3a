// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace SoulSpot {

// The counters of GET /api/downloads/status. The status counts add up to totalJobs.
struct QueueStats
{
    bool paused = false;
    int maxConcurrentDownloads = 3;
    qint64 activeDownloads = 0; // downloading
    qint64 queuedDownloads = 0;
    qint64 pausedDownloads = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    qint64 totalJobs = 0;
    qint64 totalSpeedBytesPerSecond = 0;
    // Why the program paused the queue itself (the download folder cannot be written), a sentence
    // naming the folder and the OS's reason; empty when it did not (running, or paused by a user).
    QString pausedReason;
    int speedLimitKib = 0; // the download speed limit, 0 = none

    bool operator==(const QueueStats &) const = default;
};

} // namespace SoulSpot
