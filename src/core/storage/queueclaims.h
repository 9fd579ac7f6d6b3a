// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "downloadrepository.h"

#include "domain/download.h"
#include "domain/result.h"
#include "domain/track.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace SoulSpot {

class Database;

// What a claim hands the worker: the row as the claim left it (leased to this worker,
// `downloading`), returned by the claim's own statement, and its track, so that neither the job
// nor the listeners need to read them again.
struct ClaimedDownload
{
    Download download;
    // nullopt when the track no longer exists. On PostgreSQL joined to the claim's statement; on
    // SQLite read right after it (in the process: no round trip to save).
    std::optional<Track> track;
    // SQLite only: the track could not be read (a damaged page). The row is claimed all the same;
    // whoever starts it reads the track again and pauses the download saying why.
    bool trackUnread = false;
    // Taken over from a worker whose lease expired (it was `downloading` already), not from the
    // waiting rows.
    bool rescued = false;
};

// All SQL of taking downloads from the queue that the database holds, so that several workers
// (processes on one PostgreSQL database) share it and each download runs on one of them.
//
// A claim takes the first waiting row in queue order (priority unless priorities are off, then
// queue_position, then id) in one statement and records a lease on it: the worker's name and
// when the lease ends, by the database's clock. A row whose lease is live is nobody else's; a
// failed try's row waits until its retry_at. On PostgreSQL the row is picked `FOR UPDATE SKIP
// LOCKED`, so workers claiming at the same moment pass each other's rows by; on SQLite the claim
// is one BEGIN IMMEDIATE transaction (one writer at a time).
//
// Uses the calling thread's connection of the Database.
class QueueClaims
{
public:
    QueueClaims(const Database &database, QString workerName, int leaseSeconds);

    const QString &workerName() const { return m_workerName; }
    int leaseSeconds() const { return m_leaseSeconds; }

    // The next download to run, now leased to this worker and `downloading`; nullopt when none is
    // free. When a rescue is due, first a `downloading` row whose worker's lease expired (the
    // rescue: that worker is gone, the download continues here), then the next waiting one.
    // `byPriority` false: first come, first served (enable_priority_queue off).
    Result<std::optional<ClaimedDownload>> claimNext(bool byPriority);
    // The next `count` downloads (fewer when fewer are free) in queue order, rescued ones first, as
    // claimNext() would take them one by one, in one statement (two when a rescue is due): a
    // worker with several free slots fills them at once. Claim only as many as will start now: a
    // claimed row's lease keeps every other worker off it.
    Result<QList<ClaimedDownload>> claimUpTo(bool byPriority, int count);
    // The rescue is one statement more per claim, and leases expire seldom: it is due at the
    // first claim, after each rescue that found a row, and when this is called (the service's
    // heartbeat, every third of a lease), not before every claim.
    void scheduleRescue() { m_rescueDue = true; }
    // This waiting download, now leased to this worker and `downloading`, whatever its place and retry wait
    // (Start now); nullopt when it is not queued or another worker holds a live lease on it.
    Result<std::optional<ClaimedDownload>> claimThis(const QString &downloadId);
    // The heartbeat: every lease this worker still holds lasts another lease from now. Returns the
    // ids of those downloads; a lease that expired meanwhile is not renewed (another worker may
    // have taken the download over).
    Result<QStringList> renewLeases();
    // Whether this worker still holds the lease on the download and it still runs (no other
    // worker paused, cancelled or removed it); renews the lease when so. Any thread
    // (its own connection): a job asks before it makes its result final.
    bool confirmLease(const QString &downloadId) const;
    // confirmLease() for several downloads in one statement and, in it and only for the rows whose
    // lease is held, each file's version (DownloadRepository::setResumeState's columns): the
    // completions of several jobs (JobWriteBatcher) are one round trip, and a worker that lost a
    // download never writes its row. Returns the ids whose lease is held (and was renewed).
    Result<QSet<QString>> confirmLeasesStoringVersions(const QList<JobFileState> &versions) const;
    // The same with the target path (DownloadRepository::setTargetPath's columns): Soulseek's
    // hand-over records where the file goes as it confirms the lease.
    bool confirmLeaseStoringTargetPath(const QString &downloadId, const QString &targetPath) const;
    // The run of a claimed download ended: its lease ends now. The owner's name stays (the worker
    // that last held it); a lease that passed to another worker meanwhile is left alone.
    Status release(const QString &downloadId);
    // A run of this worker ended, yet the row is still `downloading` under this worker: the write
    // of the run's end failed (a database error), or this worker claimed it again while the run
    // stopped (its lease had expired). Nothing runs it, so it goes back to `queued` with its lease
    // ended, for the next claim of any worker; a release alone left it `downloading` without a
    // lease until a rescue. Returns whether the row was given back.
    Result<bool> giveBack(const QString &downloadId);
    // A failed try's wait is over: the row may be claimed at once (the worker's own timer, which
    // started a moment before the row's retry_at was written, says so).
    Status endRetryWait(const QString &downloadId);

    // At start: the downloads this worker was running when it stopped (a crash) wait again, and
    // its leases end. On SQLite this process is the only one (the file lock), so every such row
    // is its own; on PostgreSQL also rows whose lease has expired or that no worker ever held.
    // Returns how many rows went back to `queued`.
    Result<int> requeueInterrupted();

private:
    // `update`: the claim's UPDATE (leaseAssignment and its WHERE), which binds `values` after the
    // lease's own; its rows are returned with their tracks in queue order. `rescue`: it takes
    // over running rows whose lease expired (rescueSql).
    void readTracks(QList<ClaimedDownload> &claimed) const;
    Result<QList<ClaimedDownload>> runClaim(const QString &update, const QVariantList &values, bool rescue,
                                            bool byPriority);
    // The lease check of confirmLease(), also setting `assignments` ("column = ?, ...", or empty)
    // to `values`.
    bool confirmLeaseSetting(const QString &downloadId, const QString &assignments,
                             const QVariantList &values) const;

    const Database &m_database;
    QString m_workerName;
    int m_leaseSeconds;
    bool m_rescueDue = true;
};

} // namespace SoulSpot
