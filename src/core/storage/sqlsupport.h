// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the repositories and the Database: how values travel between C++ and SQL.
// Internal to storage/; nothing outside it should need SQL types.

#include "reusedquery.h"

#include "domain/result.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <optional>

class QSqlDatabase;

namespace SoulSpot {

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace Sql {

// Timestamps are TEXT in ISO 8601 UTC with milliseconds ("2026-11-25T09:00:00.123Z"): they sort
// as text in time order, and they read the same in every tool. Invalid is NULL.
QVariant fromDateTime(const QDateTime &dateTime);
QDateTime toDateTime(const QVariant &value);
// Now, in UTC, cut to the milliseconds that are stored, so what a caller holds equals what a
// later read returns.
QDateTime nowUtc();
// The same instant, in UTC and cut to milliseconds; invalid stays invalid.
QDateTime normalized(const QDateTime &dateTime);

// Empty text is NULL in the database (the API shows unknown values as null).
QVariant textOrNull(const QString &text);
// -1 (unknown) is NULL.
QVariant integerOrNull(qint64 value);
qint64 integerOr(const QVariant &value, qint64 fallback);

// "?, ?, ?" for an IN list of `count` values; only placeholders, the values are bound.
QString placeholders(qsizetype count);

// A derived table of `count` rows of bound values, to join a batch to in one statement: one SELECT
// per row joined by UNION ALL (SQLite names no columns of a VALUES list), each value cast to its
// column's type (PostgreSQL would take the parameters as text). `columns`: name and SQL type, in
// the order the values of each row are bound.
struct BoundColumn
{
    QString name;
    QString type;
};
QString boundRows(const QList<BoundColumn> &columns, qsizetype count);

// Binds `values` to the positional placeholders of a prepared query, in order.
void bindAll(QSqlQuery &query, std::initializer_list<QVariant> values);

// Prepares `sql` or returns why it could not.
Status prepare(QSqlQuery &query, const QString &sql);
// Runs a prepared query; the error names what was being done (and to what) and carries SQLite's
// message. The text is only put together on failure: this runs once per row of a bulk write.
Status exec(QSqlQuery &query, QStringView what, QStringView subject = {});
// Runs one statement that binds nothing (DDL, PRAGMA, SAVEPOINT ...).
Status execDirect(const QSqlDatabase &connection, const QString &sql);

// Calls `readRow` on every row of an executed query. A row SQLite cannot read (a damaged page) is
// an error: QSqlQuery::next() returns false for it as for the end of the rows, so without this
// check a damaged table would read as an empty one.
Status readRows(QSqlQuery &query, QStringView what, const std::function<void(const QSqlQuery &row)> &readRow);

// A batched write: `sql`, whose text depends on the number of rows it takes (boundRows()), is
// prepared once per text and connection (ReusedQuery), run with `values` bound in order, and
// returns the ids of the rows it wrote (its `RETURNING id`).
Result<QSet<QString>> execBatchedWrite(const QSqlDatabase &connection, const QString &sql,
                                       const QVariantList &values, QStringView what);

// Runs `write`, a batched write of `rows` that returns the ids of the rows it wrote, and once more
// on the rows it passed over, if any. PostgreSQL can pass over a row that another transaction held
// while the statement waited for it: its recheck of the join with the statement's list of rows (a
// UNION ALL of SELECTs) found no match although the row still qualified (seen: a job's lease check
// answered "not held" for a lease held all along, right after the worker's progress flush let go
// of the row, and the download waited for the next rescue). A statement of its own takes a fresh
// look at the row. A row that does not qualify costs that one statement more.
// No rows: nothing is run.
template <typename Row, typename IdOf, typename Write>
Result<QSet<QString>> writeRecheckingPassedOver(const QList<Row> &rows, IdOf idOf, Write write)
{
    if (rows.isEmpty())
        return QSet<QString>{};
    Result<QSet<QString>> written = write(rows);
    if (!written || written->size() == rows.size())
        return written;
    QList<Row> passedOver;
    for (const Row &row : rows)
    {
        if (!written->contains(idOf(row)))
            passedOver << row;
    }
    const Result<QSet<QString>> again = write(passedOver);
    if (!again)
        return again.error();
    QSet<QString> all = *written;
    all.unite(*again);
    return all;
}

// Runs a prepared SELECT and turns every row into a `T` with `fromRow`.
template <typename T>
Result<QList<T>> execAndRead(QSqlQuery &query, const QString &what, T (*fromRow)(const QSqlQuery &))
{
    if (Status ran = exec(query, what); !ran)
        return ran.error();
    QList<T> items;
    if (Status read = readRows(query, what, [&](const QSqlQuery &row) { items.append(fromRow(row)); }); !read)
        return read.error();
    return items;
}

// The one row `selectColumns + " WHERE id = ?"` finds, or none.
template <typename T>
Result<std::optional<T>> readById(const QSqlDatabase &connection, const QString &selectColumns,
                                  const QString &id, const QString &what, T (*fromRow)(const QSqlQuery &))
{
    ReusedQuery statement(connection, selectColumns + QStringLiteral(" WHERE id = ?"));
    if (!statement.prepared())
        return statement.prepared().error();
    statement.query().bindValue(0, id);
    if (Status ran = statement.exec(what); !ran)
        return ran.error();
    std::optional<T> found;
    if (Status read = readRows(statement.query(), what, [&](const QSqlQuery &row) { found = fromRow(row); });
        !read)
        return read.error();
    return found;
}

// The value, or `T{}` with the error logged: for callers that have nobody to tell (the service's
// reactions to reports of a transfer).
template <typename T> T valueOrWarn(Result<T> result)
{
    if (!result)
    {
        qCWarning(lcStorage) << result.error().message;
        return T{};
    }
    return std::move(result).value();
}

Error storageError(const QSqlQuery &query, const QString &what);
Error storageError(const QString &what, const QString &sqlError);

// SQLite limits how many values one statement may bind (999 in older builds), so IN lists are cut
// into chunks this long.
inline constexpr qsizetype maxBoundListLength = 500;

// Runs `sqlBeforeList + "(?, ?, ...)"` for the ids, chunk by chunk, and calls `readRow` on every
// row found. Duplicate ids are asked for once.
Status selectByIds(const QSqlDatabase &connection, const QString &sqlBeforeList, const QStringList &ids,
                   const std::function<void(const QSqlQuery &row)> &readRow);

} // namespace Sql
} // namespace SoulSpot
