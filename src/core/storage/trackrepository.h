// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/page.h"
#include "domain/result.h"
#include "domain/track.h"

#include <QList>
#include <QStringList>

class QSqlQuery;

#include <optional>

namespace SoulSpot {

class Database;

// All SQL about the `tracks` table.
class TrackRepository
{
public:
    explicit TrackRepository(const Database &database);

    // The columns of a whole row, each named `table.column`, in the order fromRow() reads them:
    // for a statement of storage/ that reads a track beside other columns (a join).
    static QString columns(const QString &table);
    // The track whose columns start at `first`; nullopt when its id is NULL (an outer join found
    // no track).
    static std::optional<Track> fromRow(const QSqlQuery &row, int first);

    // Inserts in one transaction; fills id (UUID) and createdAt. Returns the rows as stored.
    Result<QList<Track>> insert(const QList<TrackInput> &tracks);

    // nullopt when no row has this id; an error when the row cannot be read (a damaged page).
    Result<std::optional<Track>> read(const QString &id) const;
    // read() with an error logged and taken as "no row".
    std::optional<Track> find(const QString &id) const;
    // The tracks with these ids, in no particular order; unknown ids are left out.
    QList<Track> findMany(const QStringList &ids) const;
    // Ordered by created_at, then insertion order. A negative limit means no limit.
    Page<Track> list(qint64 skip, qint64 limit) const;

private:
    const Database &m_database;
};

} // namespace SoulSpot
