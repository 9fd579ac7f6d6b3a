// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "databaselocation.h"
#include "sqldialect.h"

#include "domain/result.h"

#include <QHash>
#include <QMetaObject>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace SoulSpot {

// The database that is the single source of truth: an SQLite file (the default) or a PostgreSQL
// database on a server (see DatabaseLocation). Knows how to open it (SQLite: WAL, foreign keys,
// busy timeout) and how to bring its schema to the current version (SQLite: PRAGMA user_version;
// PostgreSQL: a table). Where the two differ in SQL, SqlDialect says how (dialect()).
//
// A QSqlDatabase connection may only be used by the thread that made it, so connection() hands
// out one connection per calling thread, named after the file and the thread. The main thread's
// connection lives as long as the Database; a worker thread that borrows one releases it with
// releaseThreadConnection() before the thread ends. (A thread that forgets is cleaned up when its
// QThread finishes, so a later thread at the same address never meets a stale connection.)
class Database
{
    Q_DISABLE_COPY_MOVE(Database)

public:
    // `location` as --database takes it: a file path, or a postgresql:// URL. A URL that cannot
    // be used is reported by open().
    explicit Database(const QString &location);
    // Closes the connection of the thread that destroys it (normally the owning thread).
    ~Database();

    // Creates the file and its folder if needed, checks the file (PRAGMA quick_check, read-only:
    // a damaged file is refused untouched), keeps a backup (before a schema upgrade, and when the
    // last one is older than a day: DatabaseBackup) and migrates the schema. Call once, from the
    // thread that owns the Database, before anything else.
    // On PostgreSQL: connects (one attempt, the URL's connect timeout) and migrates; the file's
    // check, backup and lock are SQLite's own (see openServer()).
    Status open();

    // The SQLite file's path (empty on PostgreSQL).
    QString filePath() const { return m_location.filePath; }
    // The path, or the URL without its password: for messages.
    QString displayName() const { return m_location.displayName(); }
    bool isPostgreSql() const { return m_location.isPostgreSql(); }
    const SqlDialect &dialect() const { return m_dialect; }

    // The connection of the calling thread, opened on first use.
    QSqlDatabase connection() const;
    // Has the calling thread's connection read the SQLite file through a memory map (PRAGMA
    // mmap_size): SQLite then reads a page where it lies instead of copying it in through a pread()
    // call, which a thread reading page after page of the list (the API's page readers) spends much
    // of its time in. Not on every connection: the mapped pages count in the process's resident
    // memory (a window showing 100,000 downloads would carry the whole file). Nothing on
    // PostgreSQL.
    Status mapFileIntoMemory() const;
    // Closes and removes the calling thread's connection. Every QSqlDatabase and QSqlQuery of it
    // that the thread holds must be gone by then.
    void releaseThreadConnection() const;

    // The schema version this build writes; older files are upgraded step by step by open().
    static int currentSchemaVersion();
    // -1 when it cannot be read.
    int schemaVersion() const;

private:
    QString connectionName() const;
    Result<QSqlDatabase> openedConnection() const;
    Status openConnection(QSqlDatabase &connection) const;
    void setConnectionTarget(QSqlDatabase &connection) const;
    Status openServer();
    Error cannotOpen(const QString &reason) const;
    Status backUpIfDue(const QSqlDatabase &connection) const;
    void watchThreadEnd(const QString &name) const;
    Status migrate();
    Status migrateTo(int version);

    DatabaseLocation m_location;
    std::optional<Error> m_locationError;
    SqlDialect m_dialect{DatabaseLocation::Driver::Sqlite};
    QString m_connectionPrefix;
    // The hooks that drop a worker thread's connection when its QThread finishes, by name.
    mutable QMutex m_hooksMutex;
    mutable QHash<QString, QMetaObject::Connection> m_threadEndHooks;
};

} // namespace SoulSpot
