// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlsupport.h"

#include "domain/isotime.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace SoulSpot {

Q_LOGGING_CATEGORY(lcStorage, "soulspot.storage")

namespace Sql {

QVariant fromDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return IsoTime::format(dateTime);
}

QDateTime toDateTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return IsoTime::parse(value.toString());
}

QDateTime nowUtc()
{
    return normalized(QDateTime::currentDateTimeUtc());
}

QDateTime normalized(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(dateTime.toMSecsSinceEpoch(), QTimeZone::utc());
}

QVariant textOrNull(const QString &text)
{
    if (text.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return text;
}

QVariant integerOrNull(qint64 value)
{
    if (value < 0)
        return QVariant(QMetaType::fromType<qint64>());
    return value;
}

qint64 integerOr(const QVariant &value, qint64 fallback)
{
    return value.isNull() ? fallback : value.toLongLong();
}

QString placeholders(qsizetype count)
{
    QString list;
    list.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        list += i == 0 ? u"?"_s : u", ?"_s;
    return list;
}

QString boundRows(const QList<BoundColumn> &columns, qsizetype count)
{
    QStringList values;
    for (const BoundColumn &column : columns)
        values << u"CAST(? AS %1) AS %2"_s.arg(column.type, column.name);
    const QString row = u"SELECT "_s + values.join(u", "_s);
    QStringList rows;
    for (qsizetype i = 0; i < count; ++i)
        rows << row;
    return rows.join(u" UNION ALL "_s);
}

void bindAll(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    int position = 0;
    for (const QVariant &value : values)
        query.bindValue(position++, value);
}

Error storageError(const QSqlQuery &query, const QString &what)
{
    return storageError(what, query.lastError().text());
}

Error storageError(const QString &what, const QString &sqlError)
{
    return Error{ErrorKind::Storage, u"%1 failed: %2"_s.arg(what, sqlError)};
}

Status prepare(QSqlQuery &query, const QString &sql)
{
    if (!query.prepare(sql))
        return storageError(query, u"Preparing \"%1\""_s.arg(sql));
    return Done{};
}

Status exec(QSqlQuery &query, QStringView what, QStringView subject)
{
    if (query.exec())
        return Done{};
    return storageError(query, subject.isEmpty() ? what.toString() : what + u' ' + subject);
}

Status execDirect(const QSqlDatabase &connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql))
        return storageError(query, u"\"%1\""_s.arg(sql));
    return Done{};
}

Status readRows(QSqlQuery &query, QStringView what, const std::function<void(const QSqlQuery &row)> &readRow)
{
    while (query.next())
        readRow(query);
    const bool failed = query.lastError().isValid();
    Status result = failed ? Status(storageError(query, what.toString())) : Status(Done{});
    query.finish();
    return result;
}

Result<QSet<QString>> execBatchedWrite(const QSqlDatabase &connection, const QString &sql,
                                       const QVariantList &values, QStringView what)
{
    ReusedQuery statement(connection, sql);
    if (!statement.prepared())
        return statement.prepared().error();
    for (int position = 0; position < values.size(); ++position)
        statement.query().bindValue(position, values.at(position));
    if (Status ran = statement.exec(what); !ran)
        return ran.error();
    QSet<QString> ids;
    if (Status read = readRows(statement.query(), what,
                               [&](const QSqlQuery &row) { ids.insert(row.value(0).toString()); });
        !read)
        return read.error();
    return ids;
}

namespace {

QStringList withoutDuplicates(const QStringList &ids)
{
    QStringList unique;
    unique.reserve(ids.size());
    QSet<QString> seen;
    seen.reserve(ids.size());
    for (const QString &id : ids)
    {
        if (!seen.contains(id))
        {
            seen.insert(id);
            unique.append(id);
        }
    }
    return unique;
}

Status selectChunk(QSqlQuery &query, const QStringList &chunk,
                   const std::function<void(const QSqlQuery &row)> &readRow)
{
    for (qsizetype i = 0; i < chunk.size(); ++i)
        query.bindValue(int(i), chunk.at(i));
    if (Status ran = exec(query, u"Selecting by id"); !ran)
        return ran;
    return readRows(query, u"Reading rows by id", readRow);
}

} // namespace

Status selectByIds(const QSqlDatabase &connection, const QString &sqlBeforeList, const QStringList &ids,
                   const std::function<void(const QSqlQuery &row)> &readRow)
{
    const QStringList unique = withoutDuplicates(ids);
    // Every full chunk reuses one prepared statement; only the shorter last one needs its own.
    QSqlQuery full(connection);
    full.setForwardOnly(true);
    bool fullPrepared = false;
    for (qsizetype start = 0; start < unique.size(); start += maxBoundListLength)
    {
        const QStringList chunk = unique.mid(start, maxBoundListLength);
        const QString sql = sqlBeforeList + u'(' + placeholders(chunk.size()) + u')';
        if (chunk.size() < maxBoundListLength)
        {
            QSqlQuery last(connection);
            last.setForwardOnly(true);
            if (Status prepared = prepare(last, sql); !prepared)
                return prepared;
            return selectChunk(last, chunk, readRow);
        }
        if (!fullPrepared)
        {
            if (Status prepared = prepare(full, sql); !prepared)
                return prepared;
            fullPrepared = true;
        }
        if (Status selected = selectChunk(full, chunk, readRow); !selected)
            return selected;
    }
    return Done{};
}

} // namespace Sql
} // namespace SoulSpot
