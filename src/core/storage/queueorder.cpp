// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueorder.h"

#include "database.h"
#include "sqlsupport.h"
#include "transaction.h"

#include "domain/downloadstatus.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace SoulSpot {

struct QueueOrder::Row
{
    QString id;
    int priority = 1;
    qint64 position = 0;
    bool waiting = false;
};

namespace {

// Waiting rows: those the claim may take, and the paused ones that keep their place.
const QString waiting = u"status IN (?, ?)"_s;

// A row before another in claim order within a priority: (queue_position, id) is smaller.
const QString earlier = u"(queue_position < ? OR (queue_position = ? AND id < ?))"_s;
const QString later = u"(queue_position > ? OR (queue_position = ? AND id > ?))"_s;

void bindWaiting(QSqlQuery &query)
{
    query.addBindValue(toString(DownloadStatus::Queued));
    query.addBindValue(toString(DownloadStatus::Paused));
}

void bindPlace(QSqlQuery &query, qint64 position, const QString &id)
{
    query.addBindValue(position);
    query.addBindValue(position);
    query.addBindValue(id);
}

// A row of "SELECT id, priority, queue_position ...".
QueueOrder::Row rowOf(const QSqlQuery &found, bool waiting)
{
    return {found.value(0).toString(), found.value(1).toInt(), found.value(2).toLongLong(), waiting};
}

bool inClaimOrder(const QueueOrder::Row &a, const QueueOrder::Row &b)
{
    if (a.priority != b.priority)
        return a.priority < b.priority;
    if (a.position != b.position)
        return a.position < b.position;
    return a.id < b.id;
}

} // namespace

QueueOrder::QueueOrder(const Database &database)
    : m_database(database)
{
}

Result<QStringList> QueueOrder::move(const QStringList &ids, QueueMove to)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return Sql::storageError(u"Beginning to move downloads in the queue"_s, transaction.errorText());
    // PostgreSQL's rows are locked only as they are written: without this, two workers moving at
    // once could both read the same smallest position or swap with the same neighbour.
    if (const QString lock = m_database.dialect().queueOrderLock(); !lock.isEmpty())
    {
        if (Status locked = Sql::execDirect(m_database.connection(), lock); !locked)
            return locked.error();
    }
    Result<QStringList> changed = moveEach(ids, to);
    if (!changed)
        return changed;
    if (!transaction.commit())
        return Sql::storageError(u"Committing the queue order"_s, transaction.errorText());
    return changed;
}

// Top and down go from the last of the selection to the first, up and bottom from the first: so
// each one's move never passes another of the selection, and their relative order stays.
Result<QStringList> QueueOrder::moveEach(const QStringList &ids, QueueMove to)
{
    const Result<QList<Row>> rows = waitingRows(ids);
    if (!rows)
        return rows.error();
    QList<Row> ordered = *rows;
    QSet<QString> selected;
    for (const Row &row : ordered)
        selected.insert(row.id);
    if (to == QueueMove::Top || to == QueueMove::Down)
        std::reverse(ordered.begin(), ordered.end());
    QStringList changed;
    for (const Row &listed : std::as_const(ordered))
    {
        // Read again: an earlier step may have set rows apart.
        const Result<std::optional<Row>> current = readRow(listed.id);
        if (!current)
            return current.error();
        if (!current->has_value())
            continue; // removed by another worker meanwhile
        const Result<QStringList> moved = to == QueueMove::Top || to == QueueMove::Bottom
                                              ? moveToEdge(**current, to == QueueMove::Top)
                                              : swapWithNeighbour(**current, to == QueueMove::Up, selected);
        if (!moved)
            return moved;
        changed << *moved;
    }
    changed.removeDuplicates();
    return changed;
}

Result<QStringList> QueueOrder::moveToEdge(const Row &row, bool top)
{
    const Result<std::optional<qint64>> edge = edgePosition(row.id, top);
    if (!edge)
        return edge.error();
    // Alone in the queue, or before (after) every other waiting download already.
    if (!edge->has_value() || (top ? row.position < **edge : row.position > **edge))
        return QStringList();
    if (Status set = setPosition(row.id, top ? **edge - 1 : **edge + 1); !set)
        return set.error();
    return QStringList{row.id};
}

// Up or down one place within the priority. Not past one of the selection: that one is at its
// edge already (or behind another that is), and the block stays as it is.
Result<QStringList> QueueOrder::swapWithNeighbour(const Row &row, bool up, const QSet<QString> &selected)
{
    const Result<std::optional<Row>> next = neighbour(row, up);
    if (!next)
        return next.error();
    if (!next->has_value() || selected.contains((*next)->id))
        return QStringList();
    Row other = **next;
    Row mine = row;
    if (other.position == mine.position)
    {
        // Equal places, ordered by id: make room after the first of the two.
        Row &first = up ? other : mine;
        Row &second = up ? mine : other;
        if (Status apart = setApart(first); !apart)
            return apart.error();
        second.position += 1;
    }
    if (Status set = setPosition(mine.id, other.position); !set)
        return set.error();
    if (Status set = setPosition(other.id, mine.position); !set)
        return set.error();
    return QStringList{mine.id, other.id};
}

Result<QList<QueueOrder::Row>> QueueOrder::waitingRows(const QStringList &ids) const
{
    // Sql::selectByIds binds only the ids: the statuses are written into the statement.
    const QString sql =
        u"SELECT id, priority, queue_position FROM downloads WHERE status IN ('%1', '%2') "
        "AND id IN "_s.arg(toString(DownloadStatus::Queued), toString(DownloadStatus::Paused));
    QList<Row> rows;
    if (Status read = Sql::selectByIds(m_database.connection(), sql, ids,
                                       [&](const QSqlQuery &found) { rows.append(rowOf(found, true)); });
        !read)
        return read.error();
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return inClaimOrder(a, b); });
    return rows;
}

Result<std::optional<QueueOrder::Row>> QueueOrder::readRow(const QString &id) const
{
    QSqlQuery query(m_database.connection());
    if (Status prepared =
            Sql::prepare(query, u"SELECT id, priority, queue_position, status FROM downloads WHERE id = ?"_s);
        !prepared)
        return prepared.error();
    query.addBindValue(id);
    std::optional<Row> row;
    if (Status ran = Sql::exec(query, u"Reading the queue place of download", id); !ran)
        return ran.error();
    if (Status read = Sql::readRows(query, u"Reading the queue place of download",
                                    [&](const QSqlQuery &found) {
                                        const QString status = found.value(3).toString();
                                        row = rowOf(found, status == toString(DownloadStatus::Queued) ||
                                                               status == toString(DownloadStatus::Paused));
                                    });
        !read)
        return read.error();
    return row;
}

// The waiting row of the same priority just before (or after) `row` in claim order.
Result<std::optional<QueueOrder::Row>> QueueOrder::neighbour(const Row &row, bool before) const
{
    const QString sql = u"SELECT id, priority, queue_position FROM downloads WHERE "_s + waiting +
                        u" AND priority = ? AND "_s + (before ? earlier : later) +
                        (before ? u" ORDER BY queue_position DESC, id DESC LIMIT 1"_s
                                : u" ORDER BY queue_position, id LIMIT 1"_s);
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, sql); !prepared)
        return prepared.error();
    bindWaiting(query);
    query.addBindValue(row.priority);
    bindPlace(query, row.position, row.id);
    std::optional<Row> found;
    if (Status ran = Sql::exec(query, u"Finding the neighbour in the queue of download", row.id); !ran)
        return ran.error();
    if (Status read = Sql::readRows(query, u"Finding a neighbour in the queue",
                                    [&](const QSqlQuery &next) { found = rowOf(next, true); });
        !read)
        return read.error();
    return found;
}

// The smallest (or largest) position of the other waiting rows, whatever their priority: so that
// a download moved to the top is also first when the priority queue is off (first come, first
// served by queue_position alone). nullopt when no other row waits.
Result<std::optional<qint64>> QueueOrder::edgePosition(const QString &id, bool first) const
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query, u"SELECT %1(queue_position) FROM downloads WHERE "_s.arg(first ? u"MIN"_s : u"MAX"_s) +
                       waiting + u" AND id <> ?"_s);
        !prepared)
        return prepared.error();
    bindWaiting(query);
    query.addBindValue(id);
    std::optional<qint64> edge;
    if (Status ran = Sql::exec(query, u"Finding the end of the queue"); !ran)
        return ran.error();
    if (Status read = Sql::readRows(query, u"Finding the end of the queue",
                                    [&](const QSqlQuery &row) {
                                        if (!row.value(0).isNull())
                                            edge = row.value(0).toLongLong();
                                    });
        !read)
        return read.error();
    return edge;
}

Status QueueOrder::setPosition(const QString &id, qint64 position)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"UPDATE downloads SET queue_position = ? WHERE id = ?"_s);
        !prepared)
        return prepared;
    Sql::bindAll(query, {position, id});
    return Sql::exec(query, u"Moving in the queue download", id);
}

// Every row of the priority after `first` one place on, so that the row right after it no longer
// shares its place. Their order, and the other priorities, stay as they were.
Status QueueOrder::setApart(const Row &first)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query,
            u"UPDATE downloads SET queue_position = queue_position + 1 WHERE priority = ? AND "_s + later);
        !prepared)
        return prepared;
    query.addBindValue(first.priority);
    bindPlace(query, first.position, first.id);
    return Sql::exec(query, u"Making room in the queue after download", first.id);
}

Result<qint64> QueueOrder::placeOf(const QString &id, bool byPriority) const
{
    const Result<std::optional<Row>> found = readRow(id);
    if (!found)
        return found.error();
    // A running or finished download has no place.
    if (!found->has_value() || !(*found)->waiting)
        return qint64(0);
    const QString sql =
        u"SELECT COUNT(*) FROM downloads WHERE "_s + waiting +
        (byPriority ? QString(u" AND (priority < ? OR (priority = ? AND "_s + earlier + u"))"_s)
                    : QString(u" AND "_s + earlier));
    const Row &row = **found;
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, sql); !prepared)
        return prepared.error();
    bindWaiting(query);
    if (byPriority)
    {
        query.addBindValue(row.priority);
        query.addBindValue(row.priority);
    }
    bindPlace(query, row.position, row.id);
    qint64 before = 0;
    if (Status ran = Sql::exec(query, u"Counting the downloads before", id); !ran)
        return ran.error();
    if (Status read =
            Sql::readRows(query, u"Counting the downloads before",
                          [&](const QSqlQuery &counted) { before = counted.value(0).toLongLong(); });
        !read)
        return read.error();
    return before + 1;
}

} // namespace SoulSpot
