// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The few places where SQLite and PostgreSQL need different SQL, in one class, so that the
// repositories and the migrations keep one text of every statement. Internal to storage/.

#include "databaselocation.h"

#include "domain/result.h"

#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlDatabase;

namespace SoulSpot {

class SqlDialect
{
public:
    // How long an SQLite connection waits for another's write lock before it reports "database
    // is locked".
    static constexpr int SqliteBusyTimeoutMs = 5000;

    explicit SqlDialect(DatabaseLocation::Driver driver)
        : m_driver(driver)
    {
    }

    bool isPostgreSql() const { return m_driver == DatabaseLocation::Driver::PostgreSql; }
    // The Qt driver's name: QSQLITE or QPSQL.
    QString qtDriver() const;

    // Run on every new connection: SQLite's per-connection pragmas; PostgreSQL's session settings.
    const QStringList &sessionSetup() const;

    // The outermost transaction. SQLite's IMMEDIATE takes the write lock up front (see
    // Transaction); PostgreSQL locks rows as it writes them, so a plain BEGIN. A read snapshot on
    // PostgreSQL needs REPEATABLE READ (its default gives every statement its own snapshot).
    QString beginWrite() const;
    QString beginRead() const;

    // The value bound to `LIMIT ?` for "no limit": SQLite reads a negative one so, PostgreSQL NULL.
    QVariant limit(qint64 limit) const;
    // A column that names a row and is indexed: SQLite's rowid, PostgreSQL's primary key.
    QString rowKey() const;

    // An SQL expression for the database's own clock plus `offsetSeconds`, as stored times are
    // written (ISO 8601 text, see Sql::fromDateTime). Leases are measured by the one clock all
    // workers share, never by each machine's own.
    QString clockPlus(int offsetSeconds = 0) const;
    // The end of a claim's SELECT: PostgreSQL locks the row it picks and skips rows other workers
    // hold locked; SQLite has one writer (BEGIN IMMEDIATE), so nothing.
    QString lockSkippingLocked() const;
    // A condition that `id` is one of the ids `subquery` selects. PostgreSQL's `IN (subquery)` may
    // be planned as a join that scans the whole table for a handful of ids; `= ANY(ARRAY(...))`
    // runs the subquery once and looks each id up in the primary key.
    QString idAmong(const QString &subquery) const;
    // The first statement of a transaction that rewrites the queue order (QueueOrder): on
    // PostgreSQL a transaction-scoped advisory lock, so that moves of two workers never
    // interleave; empty on SQLite, whose BEGIN IMMEDIATE already admits one writer.
    QString queueOrderLock() const;
    // `count` new values of `table`'s insertion order, increasing: PostgreSQL draws them from the
    // table's sequence object (never the same for two workers); SQLite continues the highest
    // stored (under the caller's write lock).
    Result<QList<qint64>> nextSequences(const QSqlDatabase &connection, const QString &table,
                                        qsizetype count) const;

    // A migration statement as this database runs it; an empty text means "skip it". See
    // Migrations::sqliteOnly() and the type names in migrations.cpp.
    QString migrationStatement(const QString &statement) const;

    // The schema version: PRAGMA user_version on SQLite, a one-row table on PostgreSQL (which has
    // no such field). prepareSchemaVersion() creates the table once (no-op on SQLite).
    Status prepareSchemaVersion(const QSqlDatabase &connection) const;
    int readSchemaVersion(const QSqlDatabase &connection) const;
    Status writeSchemaVersion(const QSqlDatabase &connection, int version) const;
    // Begins a migration step that no other process can run at the same time: BEGIN IMMEDIATE on
    // SQLite; on PostgreSQL BEGIN plus a transaction-scoped advisory lock, released by COMMIT.
    Status beginMigration(const QSqlDatabase &connection) const;

private:
    DatabaseLocation::Driver m_driver;
};

} // namespace SoulSpot
