// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

using namespace Qt::StringLiterals;

namespace SoulSpot::Migrations {

namespace {

const QString sqliteOnlyMarker = u"-- SQLite only\n"_s;
const QString postgreSqlOnlyMarker = u"-- PostgreSQL only\n"_s;

// Version 1: the seed's `downloads` table and index, column for column, and the tracks it points
// to. IF NOT EXISTS: a file that already holds the seed's table but never set user_version (the
// seed's own tools leave it at 0) is taken over and upgraded instead of refused.
QStringList version1()
{
    return {
        uR"(CREATE TABLE IF NOT EXISTS downloads (
    id TEXT PRIMARY KEY,
    track_id TEXT NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    target_path TEXT,
    source_url TEXT,
    progress_percent REAL DEFAULT 0.0,
    error_message TEXT,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
))"_s,
        u"CREATE INDEX IF NOT EXISTS ix_downloads_priority_created ON downloads (priority, created_at)"_s,
        uR"(CREATE TABLE IF NOT EXISTS tracks (
    id TEXT PRIMARY KEY,
    title TEXT,
    artist TEXT,
    album TEXT,
    source_url TEXT,
    created_at TIMESTAMP NOT NULL
))"_s,
    };
}

// Rewrites a timestamp column into this project's form ("2026-11-25T09:00:00.123Z"), so text order
// is time order even for rows written by other tools ("2026-11-25 09:00:00.123456"). A value
// SQLite cannot read as a time is left alone.
QString normalizeTimestamps(const QString &table, const QStringList &columns)
{
    QStringList assignments;
    for (const QString &column : columns)
        assignments << u"%1 = COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', %1), %1)"_s.arg(column);
    return sqliteOnly(u"UPDATE %1 SET %2"_s.arg(table, assignments.join(u", "_s)));
}

// Version 2: what the engine needs beyond the seed. `sequence` is the insertion order that breaks
// created_at ties; rows already there keep their rowid order.
QStringList version2()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE downloads ADD COLUMN max_retries INTEGER NOT NULL DEFAULT 3"_s,
        u"ALTER TABLE downloads ADD COLUMN bytes_downloaded INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE downloads ADD COLUMN total_bytes INTEGER"_s,
        u"ALTER TABLE downloads ADD COLUMN source_info TEXT"_s,
        u"ALTER TABLE downloads ADD COLUMN sequence INTEGER"_s,
        sqliteOnly(u"UPDATE downloads SET sequence = rowid"_s),
        // The seed's tools may have stored enum names ("QUEUED") or their "pending" status.
        u"UPDATE downloads SET status = lower(status)"_s,
        u"UPDATE downloads SET status = 'queued' WHERE status = 'pending'"_s,
        normalizeTimestamps(u"downloads"_s,
                            {u"started_at"_s, u"completed_at"_s, u"created_at"_s, u"updated_at"_s}),
        u"ALTER TABLE tracks ADD COLUMN duration_seconds INTEGER"_s,
        u"ALTER TABLE tracks ADD COLUMN sequence INTEGER"_s,
        sqliteOnly(u"UPDATE tracks SET sequence = rowid"_s),
        normalizeTimestamps(u"tracks"_s, {u"created_at"_s}),
        u"CREATE INDEX ix_downloads_status ON downloads (status)"_s,
        u"CREATE INDEX ix_downloads_queue_order ON downloads (priority, created_at, sequence)"_s,
        // Unique: the order must be total. Also makes MAX(sequence) at every insert a lookup.
        u"CREATE UNIQUE INDEX ix_downloads_sequence ON downloads (sequence)"_s,
        u"CREATE UNIQUE INDEX ix_tracks_sequence ON tracks (sequence)"_s,
        u"CREATE INDEX ix_tracks_created_sequence ON tracks (created_at, sequence)"_s,
    };
}

// Version 3: pages of one status in queue order come straight from an index, with no sort.
QStringList version3()
{
    return {
        u"DROP INDEX IF EXISTS ix_downloads_status"_s,
        u"CREATE INDEX ix_downloads_status_queue_order ON downloads (status, priority, created_at, sequence)"_s,
    };
}

// Version 4: which version of the file a partial file holds, so that a resume never appends the
// bytes of a changed file to the old one's (see Download::resumeValidator).
QStringList version4()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN resume_validator TEXT"_s,
        u"ALTER TABLE downloads ADD COLUMN resume_total_bytes INTEGER"_s,
    };
}

// Version 5: the engine's own state that is no download's, as keys and values (today whether the
// user paused the queue, which must survive a restart and a crash).
QStringList version5()
{
    return {
        u"CREATE TABLE engine_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"_s,
    };
}

// Version 6: the queue is claimed from the database (issue #11), by whichever worker has a free
// slot. `queue_position` is the order within a priority (see QueueClaims); it starts as today's
// order (created_at, then sequence), and a move in the queue rewrites only it. A claim records a
// lease (`lease_owner`, `lease_expires_at`); a try that failed waits in the row until
// `retry_at`. On PostgreSQL `sequence` comes from a sequence object, so that workers inserting at
// the same time never draw the same number (SQLite has one writer).
QStringList version6()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN queue_position INTEGER"_s,
        u"ALTER TABLE downloads ADD COLUMN lease_owner TEXT"_s,
        u"ALTER TABLE downloads ADD COLUMN lease_expires_at TIMESTAMP"_s,
        u"ALTER TABLE downloads ADD COLUMN retry_at TIMESTAMP"_s,
        u"UPDATE downloads SET queue_position = ranked.position FROM (SELECT id, ROW_NUMBER() OVER "
        "(ORDER BY created_at, sequence) AS position FROM downloads) AS ranked WHERE downloads.id = ranked.id"_s,
        // The claim walks one of these in order and stops at the first free row.
        u"CREATE INDEX ix_downloads_claim ON downloads (status, priority, queue_position, id)"_s,
        u"CREATE INDEX ix_downloads_claim_fifo ON downloads (status, queue_position, id)"_s,
        postgreSqlOnly(u"CREATE SEQUENCE downloads_sequence"_s),
        postgreSqlOnly(
            u"SELECT setval('downloads_sequence', COALESCE(MAX(sequence), 0) + 1, false) FROM downloads"_s),
        postgreSqlOnly(u"CREATE SEQUENCE tracks_sequence"_s),
        postgreSqlOnly(
            u"SELECT setval('tracks_sequence', COALESCE(MAX(sequence), 0) + 1, false) FROM tracks"_s),
    };
}

// Version 7: which byte ranges the partial file of a segmented download holds (see
// Download::doneRanges), so that each segment continues where it was.
QStringList version7()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN done_ranges TEXT"_s,
    };
}

// Version 8: a download's error as a kind and its values (DownloadError::toStored()), worded by each
// front end; error_message keeps the English sentence. And every error a download met, with its
// time, for the window's details.
QStringList version8()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN error_detail TEXT"_s,
        uR"(CREATE TABLE download_errors (
    download_id TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    detail TEXT NOT NULL,
    message TEXT NOT NULL
))"_s,
        u"CREATE INDEX ix_download_errors_download ON download_errors (download_id, occurred_at)"_s,
    };
}

// Version 9: the workers sharing the database, each with its heartbeat (see WorkerRegistry). A
// worker is alive until `alive_until` (its last heartbeat plus its lease); its name is its own
// only while it is alive.
QStringList version9()
{
    return {
        uR"(CREATE TABLE workers (
    name TEXT PRIMARY KEY NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    last_heartbeat TIMESTAMP NOT NULL,
    alive_until TIMESTAMP NOT NULL,
    running_downloads INTEGER NOT NULL DEFAULT 0,
    max_concurrent_downloads INTEGER NOT NULL DEFAULT 0
))"_s,
    };
}

// Version 10: no change. The number was set aside for the shared queue's work (issue #11), which
// needed none; a database at 10 is the same as one at 9.
QStringList version10()
{
    return {};
}

// Version 11: the listings follow the queue order the claim takes (priority, queue_position, id),
// so that a download moved in the queue is listed at its new place; the index lets a page without
// a status filter start by an index seek (with one, ix_downloads_claim serves). The indexes of the
// old order (created_at, sequence) go. A row some tool wrote without a place gets its sequence.
QStringList version11()
{
    return {
        u"UPDATE downloads SET queue_position = sequence WHERE queue_position IS NULL"_s,
        u"CREATE INDEX ix_downloads_queue_place ON downloads (priority, queue_position, id)"_s,
        u"DROP INDEX IF EXISTS ix_downloads_queue_order"_s,
        u"DROP INDEX IF EXISTS ix_downloads_status_queue_order"_s,
    };
}

// Version 12: a download's own folder (Download::downloadDirectory); NULL: the download folder of
// the settings when it starts.
QStringList version12()
{
    return {
        u"ALTER TABLE downloads ADD COLUMN download_dir TEXT"_s,
    };
}

// Version 13: the heartbeat renews this worker's leases every few seconds (QueueClaims::renewLeases);
// without an index that read every row of the table, 20-30 ms of the main thread with 100,000
// downloads. Only the few rows holding a lease are in this one.
QStringList version13()
{
    return {
        u"CREATE INDEX ix_downloads_lease ON downloads (lease_owner) WHERE lease_expires_at IS NOT NULL"_s,
    };
}

// Version 14: the claim reads only waiting rows, and a lease's renewal leaves the indexes alone.
// The claim's walk in queue order (status, priority, queue_position) had a rival of the same
// order without the status, ix_downloads_queue_place; PostgreSQL took that one whenever its
// statistics said every row waits (after a large import), and then read past every finished row
// at each claim: slower with every download done. ix_downloads_waiting holds the waiting rows
// alone (PostgreSQL only: SQLite, which keeps no statistics here, walks ix_downloads_claim from
// the status). The running rows' index no longer names lease_expires_at: an update of columns no
// index names is a HOT update on PostgreSQL (the row's new version on the same page, no new index
// entries), which each renewal of a lease now is. ix_downloads_priority_created, the seed's index
// of an order nothing reads since version 11, cost every other write of a row an index entry.
QStringList version14()
{
    return {
        postgreSqlOnly(
            u"CREATE INDEX ix_downloads_waiting ON downloads (priority, queue_position, id) WHERE status = 'queued'"_s),
        u"DROP INDEX IF EXISTS ix_downloads_lease"_s,
        u"CREATE INDEX ix_downloads_running ON downloads (lease_owner) WHERE status = 'downloading'"_s,
        u"DROP INDEX IF EXISTS ix_downloads_priority_created"_s,
    };
}

} // namespace

QString sqliteOnly(const QString &statement)
{
    return sqliteOnlyMarker + statement;
}

std::optional<QString> sqliteOnlyStatement(const QString &marked)
{
    if (!marked.startsWith(sqliteOnlyMarker))
        return std::nullopt;
    return marked.mid(sqliteOnlyMarker.size());
}

QString postgreSqlOnly(const QString &statement)
{
    return postgreSqlOnlyMarker + statement;
}

std::optional<QString> postgreSqlOnlyStatement(const QString &marked)
{
    if (!marked.startsWith(postgreSqlOnlyMarker))
        return std::nullopt;
    return marked.mid(postgreSqlOnlyMarker.size());
}

const QList<QStringList> &steps()
{
    static const QList<QStringList> all{version1(),  version2(),  version3(),  version4(), version5(),
                                        version6(),  version7(),  version8(),  version9(), version10(),
                                        version11(), version12(), version13(), version14()};
    return all;
}

} // namespace SoulSpot::Migrations
