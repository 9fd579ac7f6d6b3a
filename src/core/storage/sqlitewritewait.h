// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QWaitCondition>

class QSqlDatabase;
struct sqlite3;

namespace SoulSpot {

// How a connection waits for SQLite's write lock while another connection of this process holds
// it. SQLite's own busy handler sleeps 1, 2, 5, 10, ... up to 100 ms between tries, although our
// writes hold the lock for well under a millisecond: with the queue's thread, the transfer threads
// (target paths, versions, done ranges, lease checks) and the API all writing to one file, those
// sleeps cost a pool thread about a millisecond per small file and stalled the main thread's event
// loop. Here every connection of the file shares one wait: a commit or rollback on any of them wakes
// the waiters at once. A lock held by another process (the backup tool, sqlite3) is polled every
// few milliseconds instead, up to the same busy timeout as before.
//
// One wait serves every SQLite connection of the process (a commit to another file only makes a
// waiter try once more), and it is never destroyed: a connection may outlive any owner of ours.
class SqliteWriteWait
{
    Q_DISABLE_COPY_MOVE(SqliteWriteWait)

public:
    // Replaces the open connection's busy handler (giving up after `timeoutMs`, as SQLite's own
    // busy timeout does) and watches its commits and rollbacks. False if it is not SQLite.
    static bool install(const QSqlDatabase &connection, int timeoutMs);

private:
    SqliteWriteWait() = default;
    static SqliteWriteWait &instance();
    static int onBusy(void *timeoutMs, int attempt);
    static int onCommitted(void *self, sqlite3 *db, const char *schema, int walPages);
    static void onRolledBack(void *self);

    void waitForRelease();
    void released();

    QMutex m_mutex;
    QWaitCondition m_released;
};

} // namespace SoulSpot
