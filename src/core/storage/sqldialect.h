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
