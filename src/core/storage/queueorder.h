// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/queuemove.h"
#include "domain/result.h"

#include <QSet>
#include <QStringList>

#include <optional>

namespace SoulSpot {

class Database;

// The order of the waiting (queued and paused) downloads within a priority: the queue_position
// column, which the claim (QueueClaims) and the listings follow. A move rewrites queue_position
// only, in one transaction that no other worker's move interleaves with (SQLite's write lock; on
// PostgreSQL a transaction-scoped advisory lock), so two workers moving at once both land.
//
// Top takes the smallest position of the other waiting rows minus one, bottom the largest plus
// one (of every priority: the claim orders by priority first anyway, and with the priority queue
// off the download is then first or last of all); up and down swap positions with the neighbour in claim
// order. Two rows that share a position (an old database, a retried row) are first set apart by moving every
// row after the first one place on, which keeps the order.
//
// Uses the calling thread's connection of the Database.
class QueueOrder
{
public:
    explicit QueueOrder(const Database &database);

    // Moves each waiting download of `ids` within its priority, keeping the relative order of the
    // ones moved (a block moved up stays a block; the first one at the top stays there). Ids that
    // are unknown or not waiting are left out. Returns the ids whose position changed: the moved
    // downloads and the neighbours they passed.
    Result<QStringList> move(const QStringList &ids, QueueMove to);
    // The place of a waiting download among all waiting ones, from 1 in the order the queue starts
    // them (by priority first unless `byPriority` is false); 0 when it is not waiting or unknown.
    Result<qint64> placeOf(const QString &id, bool byPriority) const;

    // One row's place (internal; public for the helpers of the .cpp).
    struct Row;

private:
    Result<QStringList> moveEach(const QStringList &ids, QueueMove to);
    Result<QStringList> moveToEdge(const Row &row, bool top);
    Result<QStringList> swapWithNeighbour(const Row &row, bool up, const QSet<QString> &selected);
    Result<QList<Row>> waitingRows(const QStringList &ids) const;
    Result<std::optional<Row>> readRow(const QString &id) const;
    Result<std::optional<Row>> neighbour(const Row &row, bool before) const;
    Result<std::optional<qint64>> edgePosition(const QString &id, bool first) const;
    Status setPosition(const QString &id, qint64 position);
    Status setApart(const Row &first);

    const Database &m_database;
};

} // namespace SoulSpot
