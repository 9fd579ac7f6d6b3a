// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqldialect.h"

#include "migrations.h"
#include "sqlsupport.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// Any constant works, as long as it is always the same: every process migrating the same
// PostgreSQL database waits for this one lock.
const QString migrationLock = u"SELECT pg_advisory_xact_lock(7301946205516817501)"_s;

// Another key than the migrations': a move waits for a move, not for a migration's lock.
const QString queueOrderLockSql = u"SELECT pg_advisory_xact_lock(7301946205516817502)"_s;

const QString versionTable = u"soulspot_schema_version"_s;

// PostgreSQL's INTEGER is 32 bits and its REAL 32-bit float, where SQLite's are 64 bits; times
// stay ISO 8601 text, so that both sort and read them the same (see Sql::fromDateTime).
QString withPostgreSqlTypes(QString statement)
{
    static const QRegularExpression integer(u"\\bINTEGER\\b"_s);
    static const QRegularExpression real(u"\\bREAL\\b"_s);
    static const QRegularExpression timestamp(u"\\bTIMESTAMP\\b"_s);
    statement.replace(integer, u"BIGINT"_s);
    statement.replace(real, u"DOUBLE PRECISION"_s);
    statement.replace(timestamp, u"TEXT"_s);
    return statement;
}

} // namespace

QString SqlDialect::qtDriver() const
{
    return isPostgreSql() ? u"QPSQL"_s : u"QSQLITE"_s;
}

const QStringList &SqlDialect::sessionSetup() const
{
    // SQLite: per connection, not stored in the file (WAL is stored, but asking costs nothing and
    // repairs a file another tool switched back).
    static const QStringList sqlite{
        u"PRAGMA busy_timeout = %1"_s.arg(
            SqliteBusyTimeoutMs), // first, so the pragmas below may wait for a lock too
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA synchronous = NORMAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
    };
    // libpq prints the server's notices ("relation already exists, skipping") to stderr.
    static const QStringList postgreSql{
        u"SET client_min_messages TO WARNING"_s,
        u"SET TIME ZONE 'UTC'"_s,
    };
    return isPostgreSql() ? postgreSql : sqlite;
}

QString SqlDialect::beginWrite() const
{
    return isPostgreSql() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s;
}

QString SqlDialect::beginRead() const
{
    return isPostgreSql() ? u"BEGIN ISOLATION LEVEL REPEATABLE READ"_s : u"BEGIN"_s;
}

QVariant SqlDialect::limit(qint64 limit) const
{
    if (limit >= 0)
        return limit;
    return isPostgreSql() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(qint64(-1));
}

QString SqlDialect::rowKey() const
{
    return isPostgreSql() ? u"id"_s : u"rowid"_s;
}

QString SqlDialect::clockPlus(int offsetSeconds) const
{
    // The offset is our own integer, never input. Both forms give "2026-11-25T09:00:00.123Z".
    if (isPostgreSql())
    {
        return u"to_char((clock_timestamp() AT TIME ZONE 'UTC') + interval '%1 seconds', "
               "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"_s.arg(offsetSeconds);
    }
    return u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '%1 seconds')"_s.arg(
        offsetSeconds < 0 ? QString::number(offsetSeconds) : u"+"_s + QString::number(offsetSeconds));
}

QString SqlDialect::lockSkippingLocked() const
{
    return isPostgreSql() ? u" FOR UPDATE SKIP LOCKED"_s : QString();
}

QString SqlDialect::idAmong(const QString &subquery) const
{
    return (isPostgreSql() ? u"id = ANY(ARRAY(%1))"_s : u"id IN (%1)"_s).arg(subquery);
}

Result<QList<qint64>> SqlDialect::nextSequences(const QSqlDatabase &connection, const QString &table,
                                                qsizetype count) const
{
    QList<qint64> values;
    values.reserve(count);
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    // The table's name is ours (downloads, tracks), never input.
    const QString sql =
        isPostgreSql() ? u"SELECT nextval('%1_sequence') FROM generate_series(1, %2)"_s.arg(table).arg(count)
                       : u"SELECT COALESCE(MAX(sequence), 0) FROM %1"_s.arg(table);
    if (!query.exec(sql))
        return Sql::storageError(query, u"Numbering new rows of %1"_s.arg(table));
    while (query.next())
        values.append(query.value(0).toLongLong());
    if (!isPostgreSql())
    {
        const qint64 highest = values.value(0);
        values.clear();
        for (qsizetype i = 1; i <= count; ++i)
            values.append(highest + i);
    }
    if (values.size() != count)
        return Sql::storageError(u"Numbering new rows of %1"_s.arg(table), u"too few values"_s);
    std::sort(values.begin(), values.end());
    return values;
}

QString SqlDialect::migrationStatement(const QString &statement) const
{
    const std::optional<QString> sqliteOnly = Migrations::sqliteOnlyStatement(statement);
    if (sqliteOnly)
        return isPostgreSql() ? QString() : *sqliteOnly;
    const std::optional<QString> postgreSqlOnly = Migrations::postgreSqlOnlyStatement(statement);
    if (postgreSqlOnly)
        return isPostgreSql() ? *postgreSqlOnly : QString();
    return isPostgreSql() ? withPostgreSqlTypes(statement) : statement;
}

Status SqlDialect::prepareSchemaVersion(const QSqlDatabase &connection) const
{
    if (!isPostgreSql())
        return Done{};
    // Under the migration lock: two processes starting together on an empty database would
    // otherwise both create the table.
    const QStringList statements{
        u"BEGIN"_s,
        migrationLock,
        u"CREATE TABLE IF NOT EXISTS %1 (version INTEGER NOT NULL)"_s.arg(versionTable),
        u"INSERT INTO %1 (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM %1)"_s.arg(versionTable),
        u"COMMIT"_s,
    };
    for (const QString &statement : statements)
    {
        if (Status ran = Sql::execDirect(connection, statement); !ran)
        {
            Sql::execDirect(connection, u"ROLLBACK"_s);
            return ran;
        }
    }
    return Done{};
}

int SqlDialect::readSchemaVersion(const QSqlDatabase &connection) const
{
    QSqlQuery query(connection);
    const QString sql =
        isPostgreSql() ? u"SELECT version FROM %1"_s.arg(versionTable) : u"PRAGMA user_version"_s;
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

Status SqlDialect::writeSchemaVersion(const QSqlDatabase &connection, int version) const
{
    // PRAGMA takes no bound values; the version is our own integer, not input.
    const QString sql = isPostgreSql() ? u"UPDATE %1 SET version = %2"_s.arg(versionTable).arg(version)
                                       : u"PRAGMA user_version = %1"_s.arg(version);
    return Sql::execDirect(connection, sql);
}

QString SqlDialect::queueOrderLock() const
{
    return isPostgreSql() ? queueOrderLockSql : QString();
}

Status SqlDialect::beginMigration(const QSqlDatabase &connection) const
{
    if (Status begun = Sql::execDirect(connection, beginWrite()); !begun)
        return begun;
    if (!isPostgreSql())
        return Done{};
    if (Status locked = Sql::execDirect(connection, migrationLock); !locked)
    {
        Sql::execDirect(connection, u"ROLLBACK"_s);
        return locked;
    }
    return Done{};
}

} // namespace SoulSpot
