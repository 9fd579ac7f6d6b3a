// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackrepository.h"

#include "database.h"
#include "sqlsupport.h"
#include "transaction.h"

#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The columns of a row; Column below must follow their order.
const QStringList rowColumns{
    u"id"_s, u"title"_s, u"artist"_s, u"album"_s, u"source_url"_s, u"duration_seconds"_s, u"created_at"_s};
const QString selectColumns = u"SELECT "_s + rowColumns.join(u", "_s) + u" FROM tracks"_s;

enum Column
{
    Id,
    Title,
    Artist,
    Album,
    SourceUrl,
    DurationSeconds,
    CreatedAt
};

const QString insertSql = u"INSERT INTO tracks (id, title, artist, album, source_url, duration_seconds, "
                          "created_at, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s;

// `first`: where the track's columns start in the row.
Track readTrackAt(const QSqlQuery &row, int first)
{
    Track track;
    track.id = row.value(first + Id).toString();
    track.title = row.value(first + Title).toString();
    track.artist = row.value(first + Artist).toString();
    track.album = row.value(first + Album).toString();
    track.sourceUrl = row.value(first + SourceUrl).toString();
    track.durationSeconds = int(Sql::integerOr(row.value(first + DurationSeconds), -1));
    track.createdAt = Sql::toDateTime(row.value(first + CreatedAt));
    return track;
}

Track readTrack(const QSqlQuery &row)
{
    return readTrackAt(row, 0);
}

Track trackFrom(const TrackInput &input, const QDateTime &now)
{
    Track track;
    track.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    track.title = input.title;
    track.artist = input.artist;
    track.album = input.album;
    track.sourceUrl = input.sourceUrl;
    track.durationSeconds = input.durationSeconds < 0 ? -1 : input.durationSeconds;
    track.createdAt = now;
    return track;
}

// Runs a prepared SELECT of selectColumns and reads every row.
Result<QList<Track>> readAll(QSqlQuery &query, const QString &what)
{
    return Sql::execAndRead(query, what, readTrack);
}

qint64 countTracks(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    if (!query.exec(u"SELECT COUNT(*) FROM tracks"_s) || !query.next())
    {
        qCWarning(lcStorage) << Sql::storageError(query, u"Counting tracks"_s).message;
        return 0;
    }
    return query.value(0).toLongLong();
}

} // namespace

TrackRepository::TrackRepository(const Database &database)
    : m_database(database)
{
}

QString TrackRepository::columns(const QString &table)
{
    QStringList qualified;
    for (const QString &column : rowColumns)
        qualified << table + u'.' + column;
    return qualified.join(u", "_s);
}

std::optional<Track> TrackRepository::fromRow(const QSqlQuery &row, int first)
{
    if (row.value(first + Id).isNull())
        return std::nullopt;
    return readTrackAt(row, first);
}

Result<QList<Track>> TrackRepository::insert(const QList<TrackInput> &inputs)
{
    QList<Track> tracks;
    if (inputs.isEmpty())
        return tracks;
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return Sql::storageError(u"Beginning to insert tracks"_s, transaction.errorText());
    const QSqlDatabase db = m_database.connection();
    const Result<QList<qint64>> sequences =
        m_database.dialect().nextSequences(db, u"tracks"_s, inputs.size());
    if (!sequences)
        return sequences.error();

    QSqlQuery query(db);
    if (Status prepared = Sql::prepare(query, insertSql); !prepared)
        return prepared.error();
    const QDateTime now = Sql::nowUtc();
    tracks.reserve(inputs.size());
    for (const TrackInput &input : inputs)
    {
        const Track track = trackFrom(input, now);
        const qint64 sequence = sequences->at(tracks.size());
        Sql::bindAll(query, {track.id, Sql::textOrNull(track.title), Sql::textOrNull(track.artist),
                             Sql::textOrNull(track.album), Sql::textOrNull(track.sourceUrl),
                             Sql::integerOrNull(track.durationSeconds), Sql::fromDateTime(track.createdAt),
                             sequence});
        if (Status ran = Sql::exec(query, u"Inserting track", track.id); !ran)
            return ran.error();
        tracks.append(track);
    }
    if (!transaction.commit())
        return Sql::storageError(u"Committing the new tracks"_s, transaction.errorText());
    return tracks;
}

Result<std::optional<Track>> TrackRepository::read(const QString &id) const
{
    return Sql::readById(m_database.connection(), selectColumns, id, u"Finding track %1"_s.arg(id),
                         readTrack);
}

std::optional<Track> TrackRepository::find(const QString &id) const
{
    return Sql::valueOrWarn(read(id));
}

QList<Track> TrackRepository::findMany(const QStringList &ids) const
{
    QList<Track> found;
    found.reserve(ids.size());
    const Status selected =
        Sql::selectByIds(m_database.connection(), selectColumns + u" WHERE id IN "_s, ids,
                         [&found](const QSqlQuery &row) { found.append(readTrack(row)); });
    if (!selected)
        qCWarning(lcStorage) << selected.error().message;
    return found;
}

Page<Track> TrackRepository::list(qint64 skip, qint64 limit) const
{
    // One snapshot for the count and the rows, so the total matches the page.
    Transaction snapshot(m_database, Transaction::Mode::Read);
    const QSqlDatabase db = m_database.connection();
    Page<Track> page;
    page.total = countTracks(db);

    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = selectColumns + u" ORDER BY created_at, sequence LIMIT ? OFFSET ?"_s;
    if (Status prepared = Sql::prepare(query, sql); !prepared)
    {
        qCWarning(lcStorage) << prepared.error().message;
        return page;
    }
    Sql::bindAll(query, {m_database.dialect().limit(limit), qMax<qint64>(skip, 0)});
    page.items = Sql::valueOrWarn(readAll(query, u"Listing tracks"_s));
    snapshot.commit();
    return page;
}

} // namespace SoulSpot
