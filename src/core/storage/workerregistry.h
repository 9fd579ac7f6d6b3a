// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/workerinfo.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace SoulSpot {

class Database;

// All SQL of the `workers` table: the processes sharing one database, each alive while its last
// heartbeat is younger than its lease (`alive_until`, by the database's clock). A worker's name is
// its own while it is alive: a second process of the same name is refused.
class WorkerRegistry
{
public:
    WorkerRegistry(const Database &database, QString workerName, int leaseSeconds);

    // Enters this worker (host, pid) in the table. ErrorKind::Conflict, naming the worker and
    // where it runs, when a live worker holds the name. On SQLite the file lock already makes
    // this process the only one, so an old row of the name is always taken over.
    Status join(const QString &host, qint64 pid);
    // The heartbeat: alive for another lease, with what it runs. Not found when the row is no
    // longer this process's (another took the name over after this one's heartbeat had lapsed).
    Status heartbeat(int runningDownloads, int maxConcurrentDownloads);
    // At a clean exit: no longer alive, so a restart may take the name at once.
    Status leave();
    // The live workers, in name order.
    Result<QList<WorkerInfo>> liveWorkers() const;

private:
    const Database &m_database;
    QString m_workerName;
    int m_leaseSeconds;
    QString m_host;
    qint64 m_pid = 0;
};

} // namespace SoulSpot
