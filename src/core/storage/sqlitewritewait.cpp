// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitewritewait.h"

#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace SoulSpot {

namespace {

// SQLite's default: a checkpoint once the write-ahead log holds this many pages. Our commit hook
// replaces the one that does it, so it does it itself.
constexpr int AutoCheckpointPages = 1000;
// How long one wait lasts when no commit wakes it: the lock may belong to another process, or the
// commit came between SQLite's failed try and this wait.
constexpr int PollMs = 2;

sqlite3 *handleOf(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// When the current wait for a lock gives up; per thread, as each connection is used by one.
thread_local QDeadlineTimer t_busyDeadline;

} // namespace

SqliteWriteWait &SqliteWriteWait::instance()
{
    static SqliteWriteWait *const wait = new SqliteWriteWait; // deliberately never destroyed
    return *wait;
}

bool SqliteWriteWait::install(const QSqlDatabase &connection, int timeoutMs)
{
    sqlite3 *db = handleOf(connection);
    if (!db)
        return false;
    // The timeout travels as the handler's argument (an integer, not a pointer to anything).
    sqlite3_busy_handler(db, &SqliteWriteWait::onBusy, reinterpret_cast<void *>(quintptr(timeoutMs)));
    sqlite3_wal_hook(db, &SqliteWriteWait::onCommitted, &instance());
    sqlite3_rollback_hook(db, &SqliteWriteWait::onRolledBack, &instance());
    return true;
}

int SqliteWriteWait::onBusy(void *timeoutMs, int attempt)
{
    // One connection belongs to one thread, and SQLite counts the tries of one lock from 0.
    if (attempt == 0)
        t_busyDeadline.setRemainingTime(int(reinterpret_cast<quintptr>(timeoutMs)));
    if (t_busyDeadline.hasExpired())
        return 0; // SQLITE_BUSY, as after SQLite's own busy timeout
    instance().waitForRelease();
    return 1;
}

int SqliteWriteWait::onCommitted(void *self, sqlite3 *db, const char *schema, int walPages)
{
    if (walPages >= AutoCheckpointPages)
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    static_cast<SqliteWriteWait *>(self)->released();
    return SQLITE_OK;
}

void SqliteWriteWait::onRolledBack(void *self)
{
    static_cast<SqliteWriteWait *>(self)->released();
}

void SqliteWriteWait::waitForRelease()
{
    QMutexLocker locker(&m_mutex);
    m_released.wait(&m_mutex, QDeadlineTimer(PollMs));
}

void SqliteWriteWait::released()
{
    // Called while the committing connection still runs its statement: only wake, never wait.
    const QMutexLocker locker(&m_mutex);
    m_released.wakeAll();
}

} // namespace SoulSpot
