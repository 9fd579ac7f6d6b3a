// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace SoulSpot {

// One worker sharing the database (issue #11): a process that claims downloads, alive while its
// last heartbeat is younger than its lease. GET /api/workers lists the live ones.
struct WorkerInfo
{
    QString name;
    QString host;
    qint64 pid = 0;
    QDateTime lastHeartbeat;
    int runningDownloads = 0;
    int maxConcurrentDownloads = 0;
};

} // namespace SoulSpot
