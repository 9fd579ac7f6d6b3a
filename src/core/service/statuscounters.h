// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloadstatus.h"
#include "service/queuestats.h"

#include <QHash>

namespace SoulSpot {

class Database;

// How many downloads are in each status, kept in memory so that the status counters and the
// totals of a listing need no table scan: counted from the table once, then moved along with
// every change the service stores.
class StatusCounters final
{
public:
    // Counts the table (one GROUP BY): at start, and after a write that may have failed halfway.
    void recount(const Database &database);

    void added(DownloadStatus status, qint64 count);
    void moved(DownloadStatus from, DownloadStatus to);
    void removed(DownloadStatus status); // one row of this status was deleted

    qint64 count(DownloadStatus status) const { return m_counts.value(status); }
    qint64 total() const;
    // Whether anything is queued or running (paused downloads do not count).
    bool hasPendingWork() const;

    // The counters of GET /api/downloads/status; the queue's state comes from the caller.
    QueueStats stats(bool queuePaused, int maxConcurrent, qint64 totalSpeed) const;

private:
    QHash<DownloadStatus, qint64> m_counts;
};

} // namespace SoulSpot
