// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QVariant>

#include <initializer_list>

#include <optional>

class QSqlQuery;

namespace SoulSpot {

class Database;
class DownloadRowSink;

// The progress of one running download, written in bulk a few times a second.
struct ProgressUpdate
{
    QString id;
    qint64 bytesDownloaded = 0;
    qint64 totalBytes = -1;
    double progressPercent = 0.0;
};

// What a job learnt of its download's file: where it goes and which version of the server's file
// it holds (Download::resumeValidator and resumeTotalBytes; -1: size unknown).
struct JobFileState
{
    QString downloadId;
    QString targetPath;
    QString validator;
    qint64 totalBytes = -1;
};

// A segmented download's done ranges (Download::doneRanges) with the version of the file they
// belong to: stored only while the row still names that version (resume_validator and
// resume_total_bytes), so that ranges reported before the file changed on the server never land
// beside the new version's bytes.
struct DoneRangesUpdate
{
    QString id;
    QString doneRanges;
    QString validator;
    qint64 total = -1;
};

// All SQL about the `downloads` table. Uses the calling thread's connection of the Database.
// Every write that changes several rows is one transaction (a savepoint, so it joins a caller's
// Transaction). Writes, read() and listPage() return the SQL error as ErrorKind::Storage (a
// damaged page included); the other reads log it and return nothing.
class DownloadRepository
{
public:
    explicit DownloadRepository(const Database &database);

    // The columns of a whole row, in the order fromRow() reads them: for a statement of storage/
    // that returns rows it wrote (the claim's RETURNING), so that nobody reads them again.
    static const QString &columns();
    // How many they are: where the columns a statement selects after them start.
    static int columnCount();
    static Download fromRow(const QSqlQuery &row);

    // Inserts the rows in one transaction, all or none. Assigns `sequence` (continuing the highest
    // stored), an id (UUID) when empty, and createdAt/updatedAt (now) when invalid. Returns the rows
    // as stored: timestamps in UTC, cut to the milliseconds kept.
    Result<QList<Download>> insert(QList<Download> downloads);

    // nullopt when no row has this id; an error when the row cannot be read.
    Result<std::optional<Download>> read(const QString &id) const;
    // read() with an error logged and taken as "no row".
    std::optional<Download> find(const QString &id) const;

    // Ordered by priority, queue_position, id (the queue order), optionally of one status. A
    // negative limit means no limit; a negative skip is 0. (The service keeps the counts itself.)
    Result<QList<Download>> listPage(std::optional<DownloadStatus> status, qint64 skip, qint64 limit) const;
    // The next `limit` rows after `after` in queue order (keyset paging): an index seek, so a deep
    // page costs what the first one does.
    Result<QList<Download>> listAfter(std::optional<DownloadStatus> status, const QueuePosition &after,
                                      qint64 limit) const;
    // The rows with these ids, unknown ids left out, in one read (chunked IN lists); any order.
    QList<Download> findMany(const QStringList &ids) const;
    // The page listPage() or listAfter() reads (by start.after when given), handed to `sink` one
    // row at a time: on SQLite as the database's own text (DownloadRowText), read through
    // SQLite's API without a QVariant per cell; on PostgreSQL as Downloads read as listPage() does.
    Status visitPage(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit,
                     DownloadRowSink &sink) const;
    // Every download in one status, in queue order (used at start to fill the queue).
    QList<Download> listByStatus(DownloadStatus status) const;

    // Writes every column of the row (matched by id) and sets updated_at to now, which it returns
    // (so a caller knows the row as stored without reading it back). id, created_at and sequence
    // are never rewritten: they are the row's identity and its place in the queue. An unknown id
    // is ErrorKind::NotFound. `endingLeaseOf` names the worker whose run of the download this write
    // ends: when it holds the row's lease, the lease ends in the same statement (as
    // QueueClaims::release, one statement fewer per download); empty leaves leases alone.
    Result<QDateTime> update(const Download &download, const QString &endingLeaseOf = {});
    // update() of what `after` changed from `before` (a read of the row): the status and the other
    // columns where they differ, and the progress always (the writer's values are the newest it
    // knows). A change made from an older read keeps what others wrote since: a job's target path
    // or Soulseek hand-over, another worker's pause; writing them back as read lost the target
    // path of a download cancelled elsewhere, and with it its partial file.
    Result<QDateTime> writeChanges(const Download &before, const Download &after,
                                   const QString &endingLeaseOf = {});
    // The runs of these downloads completed on `worker`: each row becomes `completed` with its
    // attempts, target path, size and completion time as given, its error cleared and its lease
    // ended, in one statement for all of them, at `updatedAt`. Only rows still `downloading` under
    // this worker's name: one another worker took over, or that a user paused or cancelled
    // meanwhile, is left as it is. Returns the ids of the rows written.
    Result<QSet<QString>> completeRuns(const QList<Download> &completed, const QString &worker,
                                       const QDateTime &updatedAt);
    // The status a batched write of running rows (completeRuns(),
    // QueueClaims::confirmLeasesStoringVersions()) matches, bound with each row rather than
    // written as a constant: with `status = 'downloading'` PostgreSQL could prove the partial index
    // ix_downloads_running usable and walked it for several rows (every running row of every
    // worker, and the entries of every run since the last vacuum: 160-330 blocks a statement
    // with three workers, and a new plan at each call) instead of finding each row by its id.
    static QString runningStatusPerRow();
    // Deletes the row (the track stays: it is a resource of its own). An unknown id is
    // ErrorKind::NotFound.
    Status remove(const QString &id);
    // The progress columns (and updated_at) of many rows in one transaction. Ids that match no row
    // are skipped. With them, in the same transaction, the done ranges of segmented downloads.
    Status updateProgress(const QList<ProgressUpdate> &updates, const QList<DoneRangesUpdate> &ranges = {});
    // Only target_path: safe to call from a worker thread (uses that thread's connection, which the
    // thread releases with Database::releaseThreadConnection()).
    Status setTargetPath(const QString &id, const QString &targetPath);
    // Only resume_validator and resume_total_bytes (see Download::resumeValidator), from a worker
    // thread like setTargetPath(). update() never writes them: only the transfer knows them.
    Status setResumeState(const QString &id, const QString &validator, qint64 totalBytes);
    // Both of the above, for several downloads at once (the first answers of several jobs,
    // JobWriteBatcher), in one statement. Returns the ids of the rows written (a row that no
    // longer exists is left out).
    Result<QSet<QString>> setTargetPathsAndResumeStates(const QList<JobFileState> &states);
    // Only done_ranges (see Download::doneRanges), from a worker thread like setTargetPath().
    // update() never writes it.
    Status setDoneRanges(const QString &id, const QString &doneRanges);

    // Number of rows per status, one GROUP BY. Every status is in the hash, 0 when none.
    QHash<DownloadStatus, qint64> countByStatus() const;

private:
    Result<QList<Download>> readPage(std::optional<DownloadStatus> status, const PageStart &start,
                                     qint64 limit) const;
    // update() of some columns: `columns` has one bit per column the update may write, in the
    // order of the repository's column list.
    Result<QDateTime> writeColumns(const Download &download, quint32 columns, const QString &endingLeaseOf);
    Status updateColumns(const QString &sql, std::initializer_list<QVariant> values, QStringView what,
                         const QString &id);
    // A write that found no row of this id (ErrorKind::NotFound).
    static Error unknownDownload(const QString &id);

    const Database &m_database;
};

} // namespace SoulSpot
