// SPDX-License-Identifier: GPL-3.0-or-later
// Claiming the queue from the database (QueueClaims), on an SQLite file and then on a throwaway
// PostgreSQL cluster: the order of the claims, the lease each one records, that two connections
// claiming at the same moment never take the same row, and the numbering of new rows by several
// connections at once.

#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"
#include "storage/trackrepository.h"
#include "storage/workerregistry.h"
#include "support/storagesuite.h"
#include "support/storagetestsupport.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QSemaphore>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

Download queuedDownload(int priority)
{
    Download download;
    download.trackId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    download.priority = priority;
    download.sourceUrl = u"http://127.0.0.1/file.flac"_s;
    return download;
}

// Inserts one download per priority given, in that order, one insert each; their ids.
QStringList insertQueued(DownloadRepository &repository, const QList<int> &priorities)
{
    QStringList ids;
    for (int priority : priorities)
    {
        const Result<QList<Download>> stored = repository.insert({queuedDownload(priority)});
        if (!stored)
            qFatal("cannot insert: %s", qPrintable(stored.error().message));
        ids << stored->first().id;
    }
    return ids;
}

QStringList claimAll(QueueClaims &claims, bool byPriority)
{
    QStringList ids;
    while (true)
    {
        const Result<std::optional<ClaimedDownload>> next = claims.claimNext(byPriority);
        if (!next)
            qFatal("cannot claim: %s", qPrintable(next.error().message));
        if (!next->has_value())
            return ids;
        ids << (*next)->download.id;
    }
}

QVariantList rowValues(const Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database.connection());
    if (!query.prepare(sql))
        qFatal("cannot prepare %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        qFatal("cannot run %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    QVariantList row;
    if (query.next())
    {
        for (int i = 0; i < query.record().count(); ++i)
            row << query.value(i);
    }
    return row;
}

// The row's lease_owner and lease_expires_at.
QVariantList leaseOf(const Database &database, const QString &downloadId)
{
    return rowValues(database, u"SELECT lease_owner, lease_expires_at FROM downloads WHERE id = ?"_s,
                     {downloadId});
}

// Every stored column of the two rows is the same (the live values, such as the speed, are not
// stored). Like any helper of QCOMPARE, it returns at the first difference; the test then fails.
void expectSameRow(const Download &claimed, const Download &stored)
{
    QCOMPARE(claimed.id, stored.id);
    QCOMPARE(claimed.trackId, stored.trackId);
    QCOMPARE(toString(claimed.status), toString(stored.status));
    QCOMPARE(claimed.priority, stored.priority);
    QCOMPARE(claimed.sourceUrl, stored.sourceUrl);
    QCOMPARE(claimed.sourceInfo, stored.sourceInfo);
    QCOMPARE(claimed.targetPath, stored.targetPath);
    QCOMPARE(claimed.progressPercent, stored.progressPercent);
    QCOMPARE(claimed.bytesDownloaded, stored.bytesDownloaded);
    QCOMPARE(claimed.totalBytes, stored.totalBytes);
    QCOMPARE(claimed.errorMessage, stored.errorMessage);
    QCOMPARE(claimed.completedAt, stored.completedAt);
    QCOMPARE(claimed.attempts, stored.attempts);
    QCOMPARE(claimed.maxRetries, stored.maxRetries);
    QCOMPARE(claimed.startedAt, stored.startedAt);
    QCOMPARE(claimed.createdAt, stored.createdAt);
    QCOMPARE(claimed.updatedAt, stored.updatedAt);
    QCOMPARE(claimed.sequence, stored.sequence);
    QCOMPARE(claimed.queuePosition, stored.queuePosition);
    QCOMPARE(claimed.resumeValidator, stored.resumeValidator);
    QCOMPARE(claimed.resumeTotalBytes, stored.resumeTotalBytes);
    QCOMPARE(claimed.doneRanges, stored.doneRanges);
    QCOMPARE(claimed.worker, stored.worker);
    QCOMPARE(claimed.downloadDirectory, stored.downloadDirectory);
}

void run(const Database &database, const QString &sql, const QVariantList &values = {})
{
    rowValues(database, sql, values);
}

// A figure of PostgreSQL's statistics that includes what this connection did: its pending
// statistics are written when it next idles.
qint64 statistic(const Database &database, const QString &sql)
{
    QSqlQuery stats(database.connection());
    if (!stats.exec(u"SELECT pg_stat_force_next_flush()"_s) || !stats.exec(sql) || !stats.next())
        qFatal("cannot read the statistics: %s", qPrintable(stats.lastError().text()));
    return stats.value(0).toLongLong();
}

QString isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

class TestQueueClaims : public Test::StorageSuite
{
    Q_OBJECT

public:
    using StorageSuite::StorageSuite;

private Q_SLOTS:
    void claimsInQueueOrder();
    void claimRecordsTheLease();
    void claimReadsOnlyWaitingRows();
    void claimOfSeveralRowsIsOneStatement();
    void completionsOfOnePassAreOneWriteOfOwnRuns();
    void batchedWritesOfRunningRowsFindThemById();
    void progressSkipsARowAnotherTransactionHolds();
    void batchedWriteWaitingForARowStillFindsIt();
    void leaseRenewalsAreHotUpdates();
    void releaseKeepsTheOwner();
    void lastWriteOfARunEndsTheLease();
    void giveBackTakesOnlyOwnRunningRows();
    void liveLeaseIsNobodyElses();
    void retryWaitHoldsTheRow();
    void onlyWaitingOrAbandonedRowsAreClaimed();
    void concurrentClaimsNeverShareARow();
    void concurrentInsertsNumberApart();
    void requeueLeavesOtherWorkersAlone();
    void renewalKeepsOnlyLiveLeases();
    void expiredRunningRowsAreRescued();
    void rescueRunsWhenDue();
    void workerNameIsOneLiveProcess();
};

void TestQueueClaims::claimsInQueueOrder()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {2, 0, 1, 0, 2, 1});

    QueueClaims claims(*database, u"worker-1"_s, 30);
    // Priority first (P0 first), first come first served within one.
    QCOMPARE(claimAll(claims, true), (QStringList{ids[1], ids[3], ids[2], ids[5], ids[0], ids[4]}));

    run(*database, u"UPDATE downloads SET status = 'queued', lease_expires_at = NULL"_s);
    // enable_priority_queue off: first come, first served.
    QCOMPARE(claimAll(claims, false), ids);

    // A move in the queue rewrites queue_position alone: the last P0 goes before the first.
    run(*database, u"UPDATE downloads SET status = 'queued', lease_expires_at = NULL"_s);
    run(*database, u"UPDATE downloads SET queue_position = ? WHERE id = ?"_s,
        {rowValues(*database, u"SELECT MIN(queue_position) FROM downloads"_s).value(0).toLongLong() - 1,
         ids[3]});
    QCOMPARE(claimAll(claims, true).mid(0, 2), (QStringList{ids[3], ids[1]}));
}

void TestQueueClaims::claimRecordsTheLease()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1});
    // A row with a history (a try that failed mid-body), so that every column the claim returns is
    // compared with a value of its own.
    run(*database,
        u"UPDATE downloads SET target_path = '/music/a.flac', progress_percent = 40, "
        "bytes_downloaded = 400, total_bytes = 1000, attempts = 1, error_message = 'closed mid-body', "
        "source_info = 'peer/a.flac', resume_validator = '\"v1\"', resume_total_bytes = 1000, "
        "done_ranges = '0-399', download_dir = '/music' WHERE id = ?"_s,
        {ids[0]});
    const Download before = *repository.find(ids[0]);

    QueueClaims claims(*database, u"worker-1"_s, 30);
    const QString earliest = isoIn(29);
    const Result<std::optional<ClaimedDownload>> claimed = claims.claimNext(true);
    const QString latest = isoIn(31);
    QVERIFY(claimed && claimed->has_value());
    QCOMPARE((*claimed)->download.id, ids[0]);
    QCOMPARE((*claimed)->download.sequence, before.sequence);
    // The claim returns the row as it left it, whole: nobody needs to read it again.
    const Download stored = *repository.find(ids[0]);
    QCOMPARE(toString(stored.status), toString(DownloadStatus::Downloading));
    expectSameRow((*claimed)->download, stored);

    const QVariantList lease = rowValues(
        *database, u"SELECT lease_owner, lease_expires_at, status FROM downloads WHERE id = ?"_s, {ids[0]});
    QCOMPARE(lease.value(0).toString(), u"worker-1"_s);
    // By the database's clock, in the stored form; this machine's clock is the same one here.
    const QString expires = lease.value(1).toString();
    QVERIFY2(expires >= earliest && expires <= latest, qPrintable(expires));
    QVERIFY2(expires.endsWith(u'Z') && expires.size() == earliest.size(), qPrintable(expires));
    // The claim is the start too: one write, the first start's time kept.
    QCOMPARE(lease.value(2).toString(), u"downloading"_s);
    const QString started = rowValues(*database, u"SELECT started_at FROM downloads WHERE id = ?"_s, {ids[0]})
                                .value(0)
                                .toString();
    QVERIFY2(started >= isoIn(-1) && started <= isoIn(1), qPrintable(started));
    QVERIFY(!claims.claimNext(true)->has_value());

    run(*database, u"UPDATE downloads SET status = 'queued', lease_expires_at = NULL"_s);
    QTest::qWait(5); // a later claim's time differs from the first start's
    QVERIFY(claims.claimThis(ids[0])->has_value());
    QCOMPARE(rowValues(*database, u"SELECT started_at, status FROM downloads WHERE id = ?"_s, {ids[0]}),
             (QVariantList{started, u"downloading"_s}));
}

// After a large import PostgreSQL's statistics say that every row waits. The claim then walked the
// other index of the queue order, the one without the status (ix_downloads_queue_place), past
// every finished row: each claim slower than the last (1.8 ms each in claims_bench). Schema
// version 14's index holds the waiting rows alone.
void TestQueueClaims::claimReadsOnlyWaitingRows()
{
    if (!m_driver.isPostgreSql())
        QSKIP("PostgreSQL's planner and its statistics");
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> import;
    for (int i = 0; i < 400; ++i)
        import << queuedDownload(2);
    QVERIFY(repository.insert(import));
    QSqlQuery query(database->connection());
    QVERIFY(query.exec(u"ANALYZE downloads"_s));
    run(*database, u"UPDATE downloads SET status = 'completed' WHERE queue_position < "
                   "(SELECT MIN(queue_position) + 350 FROM downloads)"_s);
    // The finished rows' old index entries go, the statistics stay those of the import.
    QVERIFY(query.exec(u"VACUUM downloads"_s));

    const QString entriesRead =
        u"SELECT SUM(idx_tup_read) FROM pg_stat_user_indexes WHERE relname = 'downloads'"_s;
    const qint64 before = statistic(*database, entriesRead);
    QueueClaims claims(*database, u"worker-1"_s, 30);
    claims.claimNext(true); // the first claim also looks for expired leases
    QVERIFY(claims.claimNext(true)->has_value());
    const qint64 read = statistic(*database, entriesRead) - before;
    QVERIFY2(read < 20, qPrintable(u"%1 index entries read by two claims"_s.arg(read)));
}

// A worker with several free slots fills them with one claim: the rows in queue order, each with
// its track (on PostgreSQL joined to the claim, so that nobody reads it by id afterwards), in one
// statement that walks the queue order's index. Right after an import, before PostgreSQL's
// autovacuum has analyzed the table, the planner believed the new rows were not there and sorted
// every waiting row to pick three: the import now refreshes the statistics.
void TestQueueClaims::claimOfSeveralRowsIsOneStatement()
{
    const auto database = openDatabase();
    QVERIFY(database);
    const int imported = 3000;
    const Result<QList<Track>> tracks = TrackRepository(*database).insert(QList<TrackInput>(
        imported, TrackInput{u"Title"_s, u"Artist"_s, u"Album"_s, u"http://127.0.0.1/a.flac"_s, 61}));
    QVERIFY(tracks);
    QList<Download> import;
    for (int i = 0; i < imported; ++i)
    {
        Download download = queuedDownload(i % 3 == 0 ? 0 : 2);
        download.trackId = tracks->at(i).id;
        import << download;
    }
    DownloadRepository repository(*database);
    const Result<QList<Download>> stored = repository.insert(import);
    QVERIFY(stored);
    // One whose track is gone.
    const QString orphan = insertQueued(repository, {0}).first();
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QVERIFY(claims.claimUpTo(true, 1)); // the first claim also looks for expired leases

    const QString entriesRead =
        u"SELECT SUM(idx_tup_read) FROM pg_stat_user_indexes WHERE relname = 'downloads'"_s;
    const qint64 before = m_driver.isPostgreSql() ? statistic(*database, entriesRead) : 0;
    const Result<QList<ClaimedDownload>> claimed = claims.claimUpTo(true, 3);
    QVERIFY(claimed);
    QCOMPARE(claimed->size(), 3);
    if (m_driver.isPostgreSql())
    {
        const qint64 read = statistic(*database, entriesRead) - before;
        QVERIFY2(read < 20, qPrintable(u"%1 index entries read by a claim of three"_s.arg(read)));
        // One statement outside a transaction is one transaction: every row it wrote has its id.
        QCOMPARE(
            rowValues(*database, u"SELECT COUNT(DISTINCT xmin::text) FROM downloads WHERE id IN (?, ?, ?)"_s,
                      {claimed->at(0).download.id, claimed->at(1).download.id, claimed->at(2).download.id})
                .value(0)
                .toInt(),
            1);
    }
    // The P0 rows in insertion order: the first went to the first claim.
    for (int i = 0; i < 3; ++i)
    {
        QCOMPARE(claimed->at(i).download.id, stored->at(3 * (i + 1)).id);
        QCOMPARE(toString(claimed->at(i).download.status), toString(DownloadStatus::Downloading));
        QVERIFY(claimed->at(i).track.has_value());
        QCOMPARE(claimed->at(i).track->id, tracks->at(3 * (i + 1)).id);
        QCOMPARE(claimed->at(i).track->sourceUrl, u"http://127.0.0.1/a.flac"_s);
        QCOMPARE(claimed->at(i).track->durationSeconds, 61);
    }
    // Never more than asked for, however many wait; a row without its track comes without one.
    run(*database, u"UPDATE downloads SET priority = 2 WHERE status = 'queued' AND id <> ?"_s, {orphan});
    const Result<QList<ClaimedDownload>> next = claims.claimUpTo(true, 2);
    QVERIFY(next);
    QCOMPARE(next->size(), 2);
    QCOMPARE(next->at(0).download.id, orphan);
    QVERIFY(!next->at(0).track.has_value());
    QCOMPARE(rowValues(*database, u"SELECT COUNT(*) FROM downloads WHERE status = 'downloading'"_s)
                 .value(0)
                 .toInt(),
             6);
}

// The completions of one event-loop pass are one write, and it completes only runs that are still
// this worker's: a row another worker took over, or that a user paused, keeps what it says.
void TestQueueClaims::completionsOfOnePassAreOneWriteOfOwnRuns()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1, 1, 1, 1});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claims.claimUpTo(true, 4)->size(), 4);
    run(*database, u"UPDATE downloads SET lease_owner = 'worker-2' WHERE id = ?"_s, {ids[1]});
    run(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids[2]});
    run(*database, u"UPDATE downloads SET error_message = 'an old error' WHERE id = ?"_s, {ids[3]});

    QList<Download> completed;
    for (const QString &id : ids)
    {
        Download row = *repository.find(id);
        row.status = DownloadStatus::Completed;
        row.attempts = 2;
        row.targetPath = u"/music/"_s + id + u".flac"_s;
        row.bytesDownloaded = 2048;
        row.completedAt = QDateTime::currentDateTimeUtc();
        completed << row;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<QSet<QString>> written = repository.completeRuns(completed, u"worker-1"_s, now);
    QVERIFY(written);
    QCOMPARE(*written, (QSet<QString>{ids[0], ids[3]}));
    const QString columns = u"SELECT status, attempts, target_path, bytes_downloaded, total_bytes, "
                            "progress_percent, error_message, lease_owner, lease_expires_at IS NULL "
                            "FROM downloads WHERE id = ?"_s;
    for (const QString &id : {ids[0], ids[3]})
    {
        const QVariantList row = rowValues(*database, columns, {id});
        QCOMPARE(row.value(0).toString(), u"completed"_s);
        QCOMPARE(row.value(1).toInt(), 2);
        QCOMPARE(row.value(2).toString(), u"/music/"_s + id + u".flac"_s);
        QCOMPARE(row.value(3).toLongLong(), 2048);
        QCOMPARE(row.value(4).toLongLong(), 2048);
        QCOMPARE(row.value(5).toDouble(), 100.0);
        QVERIFY(row.value(6).isNull());
        QCOMPARE(row.value(7).toString(), u"worker-1"_s); // the worker that completed it
        QVERIFY(row.value(8).toBool());                   // its lease ended
        const Download stored = *repository.find(id);
        QCOMPARE(stored.completedAt, Sql::normalized(completed.at(ids.indexOf(id)).completedAt));
        QCOMPARE(stored.updatedAt, Sql::normalized(now));
    }
    const QVariantList takenOver = rowValues(*database, columns, {ids[1]});
    QCOMPARE(takenOver.value(0).toString(), u"downloading"_s);
    QCOMPARE(takenOver.value(7).toString(), u"worker-2"_s);
    QVERIFY(takenOver.value(2).isNull());
    const QVariantList paused = rowValues(*database, columns, {ids[2]});
    QCOMPARE(paused.value(0).toString(), u"paused"_s);
    QCOMPARE(paused.value(1).toInt(), 0);
    QVERIFY(!paused.value(8).toBool()); // its lease is the caller's to end (QueueClaims::release)
}

// The batched writes of running rows (a pass's completions, the jobs' lease checks) find each row
// by its id. With the status to match written as a constant, PostgreSQL proved the partial index of
// running rows usable and walked every running row of every worker for a few rows (and, in a long
// run, the entries of every run since the last vacuum), with a new plan at each call.
void TestQueueClaims::batchedWritesOfRunningRowsFindThemById()
{
    if (!m_driver.isPostgreSql())
        QSKIP("PostgreSQL's planner and statistics");
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    // 600 rows: the insert analyzes the table (all waiting then), as after an import.
    const QStringList ids = Test::insertQueued(repository, QList<int>(600, 1));
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claims.claimUpTo(true, 60)->size(), 60);

    const QString entriesRead =
        u"SELECT SUM(idx_tup_read) FROM pg_stat_user_indexes WHERE relname = 'downloads'"_s;
    QList<JobFileState> versions;
    QList<Download> completed;
    for (int i = 0; i < 3; ++i)
    {
        versions << JobFileState{ids.at(i), {}, u"\"v\""_s, 2048};
        Download row = *repository.find(ids.at(i));
        row.attempts = 1;
        row.bytesDownloaded = 2048;
        row.completedAt = QDateTime::currentDateTimeUtc();
        completed << row;
    }
    // A few entries per row (its id's versions); before, every running row's (60 here). Each
    // statement several times: PostgreSQL plans a prepared statement anew for its first runs.
    for (int round = 0; round < 6; ++round)
    {
        const qint64 before = statistic(*database, entriesRead);
        const Result<QSet<QString>> held = claims.confirmLeasesStoringVersions(versions);
        QVERIFY(held);
        QCOMPARE(held->size(), 3);
        const qint64 read = statistic(*database, entriesRead) - before;
        QVERIFY2(read < 20, qPrintable(u"%1 index entries read to confirm three leases"_s.arg(read)));
    }
    const qint64 before = statistic(*database, entriesRead);
    const Result<QSet<QString>> written =
        repository.completeRuns(completed, u"worker-1"_s, QDateTime::currentDateTimeUtc());
    QVERIFY(written);
    QCOMPARE(written->size(), 3);
    const qint64 read = statistic(*database, entriesRead) - before;
    QVERIFY2(read < 20, qPrintable(u"%1 index entries read to complete three runs"_s.arg(read)));
}

// The progress of running downloads is flushed from the main thread a few times a second; a row
// that another transaction holds (the worker's own job writes on their connection, another worker's
// bulk action) is left for the next flush instead of stopping the main thread until it is free.
void TestQueueClaims::progressSkipsARowAnotherTransactionHolds()
{
    if (!m_driver.isPostgreSql())
        QSKIP("SQLite has one writer: no row is held by another transaction");
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claims.claimUpTo(true, 2)->size(), 2);

    // Another connection holds the first row until it is told to let go (at most 10 s).
    QSemaphore holding;
    QSemaphore letGo;
    std::atomic<bool> released = false;
    bool locked = false;
    std::unique_ptr<QThread> holder(QThread::create([&] {
        {
            QSqlDatabase connection = database->connection();
            QSqlQuery lock(connection);
            locked = connection.transaction() &&
                     lock.exec(u"SELECT id FROM downloads WHERE id = '%1' FOR UPDATE"_s.arg(ids.first())) &&
                     lock.next();
            holding.release();
            letGo.tryAcquire(1, 10000);
            released = true;
            connection.commit();
        }
        database->releaseThreadConnection();
    }));
    holder->start();
    QVERIFY(holding.tryAcquire(1, 10000));
    QVERIFY(locked);

    const Status stored =
        repository.updateProgress({{ids.first(), 100, 2048, 4.9}, {ids.last(), 200, 2048, 9.8}});
    const bool returnedWhileHeld = !released;
    letGo.release();
    holder->wait();
    QVERIFY(stored);
    QVERIFY2(returnedWhileHeld, "the flush waited for the row another transaction held");
    QCOMPARE(repository.find(ids.last())->bytesDownloaded, 200);
    QCOMPARE(repository.find(ids.first())->bytesDownloaded, 0); // left for the next flush
}

// A batched lease check that waits for a row another transaction updates (the worker's progress
// flush) still finds that row when the other commits. PostgreSQL's recheck of the join with the
// statement's list passed it over (on a table large enough to find each row by its id; failed in 3
// of 3 runs before): the job heard "lease lost" for a lease it held, stopped, and the download
// waited for the next rescue (a straggler of 7-10 s in about every second claims_bench round).
void TestQueueClaims::batchedWriteWaitingForARowStillFindsIt()
{
    if (!m_driver.isPostgreSql())
        QSKIP("SQLite has one writer: no statement waits for a row");
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    // 600 rows, analyzed: the plan of a large table (each row found by its id).
    const QStringList ids = Test::insertQueued(repository, QList<int>(600, 1)).mid(0, 2);
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claims.claimUpTo(true, 2)->size(), 2);

    // The other transaction updates the second row, then commits once the check waits for it.
    QSemaphore updated;
    bool sawTheWait = false;
    std::unique_ptr<QThread> other(QThread::create([&] {
        {
            QSqlDatabase connection = database->connection();
            QSqlQuery query(connection);
            connection.transaction();
            query.exec(u"UPDATE downloads SET bytes_downloaded = 1 WHERE id = '%1'"_s.arg(ids.last()));
            updated.release();
            QDeadlineTimer deadline(10000);
            while (!sawTheWait && !deadline.hasExpired())
            {
                QThread::msleep(20);
                sawTheWait = query.exec(u"SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"_s) &&
                             query.next();
            }
            connection.commit();
        }
        database->releaseThreadConnection();
    }));
    other->start();
    QVERIFY(updated.tryAcquire(1, 10000));

    const Result<QSet<QString>> held = claims.confirmLeasesStoringVersions(
        {{ids.first(), {}, u"\"a\""_s, 2048}, {ids.last(), {}, u"\"b\""_s, 2048}});
    other->wait();
    QVERIFY(sawTheWait);
    QVERIFY(held);
    QCOMPARE(*held, (QSet<QString>{ids.first(), ids.last()}));
    QCOMPARE(repository.find(ids.last())->resumeTotalBytes, 2048);
}

// A renewal of a lease (the heartbeat's, the job's before its rename) writes only the expiry, which
// no index names: PostgreSQL keeps the new version on the row's page with no new index entries.
// Schema version 13's index of the leased rows named it in its condition (WHERE lease_expires_at
// IS NOT NULL), which made every renewal write an entry into every index of the table.
void TestQueueClaims::leaseRenewalsAreHotUpdates()
{
    if (!m_driver.isPostgreSql())
        QSKIP("PostgreSQL's heap-only tuples");
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QString id = insertQueued(repository, {1}).first();
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QVERIFY(claims.claimNext(true)->has_value());

    const QString hot = u"SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'downloads'"_s;
    const qint64 before = statistic(*database, hot);
    QCOMPARE(claims.renewLeases().value(), QStringList{id});
    QVERIFY(claims.confirmLease(id));
    QCOMPARE(statistic(*database, hot) - before, 2);
}

void TestQueueClaims::releaseKeepsTheOwner()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1});
    QueueClaims mine(*database, u"worker-1"_s, 30);
    QueueClaims other(*database, u"worker-2"_s, 30);
    QVERIFY(mine.claimNext(true)->has_value());

    // Another worker's release does not end my lease.
    QVERIFY(other.release(ids[0]));
    QVERIFY(!other.claimNext(true)->has_value());

    QVERIFY(mine.release(ids[0]));
    // As the service stores the run's end before the lease ends: back in the queue.
    run(*database, u"UPDATE downloads SET status = 'queued' WHERE id = ?"_s, {ids[0]});
    const QVariantList lease = leaseOf(*database, ids[0]);
    QCOMPARE(lease.value(0).toString(), u"worker-1"_s); // the worker that last held it
    QVERIFY(lease.value(1).isNull());
    const auto taken = other.claimNext(true);
    QVERIFY(taken && taken->has_value());
    QCOMPARE((*taken)->download.id, ids[0]);
}

void TestQueueClaims::lastWriteOfARunEndsTheLease()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QString id = insertQueued(repository, {1}).first();
    QVERIFY(QueueClaims(*database, u"worker-1"_s, 30).claimNext(true)->has_value());

    // A write of the running row, or one that names another worker, leaves the lease alone.
    Download row = *repository.find(id);
    QVERIFY(repository.update(row));
    QVERIFY(repository.update(row, u"worker-2"_s));
    QVERIFY(!leaseOf(*database, id).value(1).isNull());
    QVERIFY(QueueClaims(*database, u"worker-1"_s, 30).confirmLease(id));

    // The completion names the worker whose run it ends: one write, the release folded in.
    row.status = DownloadStatus::Completed;
    QVERIFY(repository.update(row, u"worker-1"_s));
    const QVariantList lease = leaseOf(*database, id);
    QCOMPARE(lease.value(0).toString(), u"worker-1"_s); // the worker that completed it
    QVERIFY(lease.value(1).isNull());
}

// Only a row still running under the caller's name goes back to the queue, free at once; another
// worker's run and a row an action changed stay as they are.
void TestQueueClaims::giveBackTakesOnlyOwnRunningRows()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1, 1, 1});
    QueueClaims mine(*database, u"worker-1"_s, 30);
    QueueClaims other(*database, u"worker-2"_s, 30);
    QCOMPARE(mine.claimUpTo(true, 2)->size(), 2);
    QVERIFY(other.claimNext(true)->has_value());
    run(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids[1]});

    const auto statusOf = [&](const QString &id) {
        return rowValues(*database, u"SELECT status FROM downloads WHERE id = ?"_s, {id}).value(0).toString();
    };

    QCOMPARE(mine.giveBack(ids[2]).value(), false); // worker-2 runs it
    QCOMPARE(mine.giveBack(ids[1]).value(), false); // paused meanwhile
    QCOMPARE(statusOf(ids[2]), u"downloading"_s);
    QCOMPARE(statusOf(ids[1]), u"paused"_s);

    QCOMPARE(mine.giveBack(ids[0]).value(), true);
    QCOMPARE(statusOf(ids[0]), u"queued"_s);
    QVERIFY(leaseOf(*database, ids[0]).value(1).isNull());
    const auto taken = other.claimNext(true);
    QVERIFY(taken && taken->has_value());
    QCOMPARE((*taken)->download.id, ids[0]);
}

void TestQueueClaims::liveLeaseIsNobodyElses()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {0, 1});
    run(*database, u"UPDATE downloads SET lease_owner = 'gone', lease_expires_at = ? WHERE id = ?"_s,
        {isoIn(60), ids[0]});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claimAll(claims, true), QStringList{ids[1]});

    // An expired lease frees the row (its worker is gone).
    run(*database, u"UPDATE downloads SET lease_expires_at = ? WHERE id = ?"_s, {isoIn(-1), ids[0]});
    QCOMPARE(claimAll(claims, true), QStringList{ids[0]});
}

void TestQueueClaims::retryWaitHoldsTheRow()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {0, 1});
    Download waiting = *repository.find(ids[0]);
    waiting.retryAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(repository.update(waiting)); // as the service stores a scheduled retry

    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claimAll(claims, true), QStringList{ids[1]});
    // Another write of the queued row keeps the wait.
    waiting = *repository.find(ids[0]);
    waiting.priority = 2;
    QVERIFY(repository.update(waiting));
    QCOMPARE(claimAll(claims, true), QStringList{});

    QVERIFY(claims.endRetryWait(ids[0]));
    QCOMPARE(claimAll(claims, true), QStringList{ids[0]});
    QVERIFY(
        rowValues(*database, u"SELECT retry_at FROM downloads WHERE id = ?"_s, {ids[0]}).value(0).isNull());

    // Leaving the queue (paused) ends a wait too.
    const QStringList more = insertQueued(repository, {1});
    Download paused = *repository.find(more[0]);
    paused.retryAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(repository.update(paused));
    paused.retryAt = {};
    paused.status = DownloadStatus::Paused;
    QVERIFY(repository.update(paused));
    QVERIFY(
        rowValues(*database, u"SELECT retry_at FROM downloads WHERE id = ?"_s, {more[0]}).value(0).isNull());
}

void TestQueueClaims::onlyWaitingOrAbandonedRowsAreClaimed()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> rows;
    for (DownloadStatus status : allDownloadStatuses)
    {
        Download download = queuedDownload(1);
        download.status = status;
        rows << download;
    }
    const Result<QList<Download>> stored = repository.insert(rows);
    QVERIFY(stored);
    QString queuedId;
    QString runningId;
    for (const Download &download : *stored)
    {
        if (download.status == DownloadStatus::Queued)
            queuedId = download.id;
        if (download.status == DownloadStatus::Downloading)
            runningId = download.id;
    }
    QueueClaims claims(*database, u"worker-1"_s, 30);
    // A running row that no worker holds a lease on is abandoned: it is rescued first.
    QCOMPARE(claimAll(claims, true), (QStringList{runningId, queuedId}));
}

void TestQueueClaims::concurrentClaimsNeverShareARow()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> rows;
    for (int i = 0; i < 400; ++i)
        rows << queuedDownload(i % 3);
    QVERIFY(repository.insert(rows));

    // Two workers, each on its own connection (its own thread), claim until nothing is left.
    QueueClaims first(*database, u"worker-1"_s, 30);
    QueueClaims second(*database, u"worker-2"_s, 30);
    QStringList firstIds;
    QStringList secondIds;
    auto claimer = [&database](QueueClaims &claims, QStringList &ids) {
        return QThread::create([&database, &claims, &ids] {
            ids = claimAll(claims, true);
            database->releaseThreadConnection();
        });
    };
    std::unique_ptr<QThread> a(claimer(first, firstIds));
    std::unique_ptr<QThread> b(claimer(second, secondIds));
    a->start();
    b->start();
    QVERIFY(a->wait(120'000));
    QVERIFY(b->wait(120'000));

    const QSet<QString> firstSet(firstIds.cbegin(), firstIds.cend());
    const QSet<QString> secondSet(secondIds.cbegin(), secondIds.cend());
    QCOMPARE(firstSet.size(), firstIds.size());
    QCOMPARE(secondSet.size(), secondIds.size());
    QVERIFY(!firstSet.intersects(secondSet));
    QCOMPARE(firstIds.size() + secondIds.size(), 400);
    // Each row's lease names the worker that claimed it.
    for (const QString &id : firstIds)
        QCOMPARE(rowValues(*database, u"SELECT lease_owner FROM downloads WHERE id = ?"_s, {id})
                     .value(0)
                     .toString(),
                 u"worker-1"_s);
}

void TestQueueClaims::concurrentInsertsNumberApart()
{
    const auto database = openDatabase();
    QVERIFY(database);
    // Two workers enqueue at the same moment, each on its own connection.
    QList<qint64> sequences[2];
    auto inserter = [&database](QList<qint64> &into) {
        return QThread::create([&database, &into] {
            {
                DownloadRepository repository(*database);
                for (int batch = 0; batch < 20; ++batch)
                {
                    QList<Download> rows;
                    for (int i = 0; i < 10; ++i)
                        rows << queuedDownload(1);
                    const Result<QList<Download>> stored = repository.insert(rows);
                    if (!stored)
                        qFatal("insert failed: %s", qPrintable(stored.error().message));
                    for (const Download &download : *stored)
                        into << download.sequence;
                }
            }
            database->releaseThreadConnection();
        });
    };
    std::unique_ptr<QThread> a(inserter(sequences[0]));
    std::unique_ptr<QThread> b(inserter(sequences[1]));
    a->start();
    b->start();
    QVERIFY(a->wait(120'000));
    QVERIFY(b->wait(120'000));
    QSet<qint64> all;
    for (const QList<qint64> &list : sequences)
    {
        QCOMPARE(list.size(), 200);
        QVERIFY(std::is_sorted(list.cbegin(), list.cend()));
        all.unite(QSet<qint64>(list.cbegin(), list.cend()));
    }
    QCOMPARE(all.size(), 400);
}

void TestQueueClaims::requeueLeavesOtherWorkersAlone()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1, 1, 1});
    run(*database, u"UPDATE downloads SET status = 'downloading'"_s);
    run(*database, u"UPDATE downloads SET lease_owner = 'worker-1', lease_expires_at = ? WHERE id = ?"_s,
        {isoIn(60), ids[0]});
    run(*database, u"UPDATE downloads SET lease_owner = 'worker-2', lease_expires_at = ? WHERE id = ?"_s,
        {isoIn(60), ids[1]});
    run(*database, u"UPDATE downloads SET lease_owner = 'worker-3', lease_expires_at = ? WHERE id = ?"_s,
        {isoIn(-5), ids[2]});

    QueueClaims claims(*database, u"worker-1"_s, 30);
    const Result<int> requeued = claims.requeueInterrupted();
    QVERIFY(requeued);
    auto statusOf = [&](const QString &id) { return toString(repository.find(id)->status); };
    if (m_driver.isPostgreSql())
    {
        // Mine and the dead worker's go back; worker-2's live one is still its own.
        QCOMPARE(*requeued, 2);
        QCOMPARE(statusOf(ids[1]), u"downloading"_s);
        QCOMPARE(
            rowValues(*database, u"SELECT lease_owner FROM downloads WHERE lease_expires_at IS NOT NULL"_s)
                .value(0)
                .toString(),
            u"worker-2"_s);
    }
    else
    {
        // The file lock makes this process the only one: every interrupted row is its own.
        QCOMPARE(*requeued, 3);
        QCOMPARE(statusOf(ids[1]), u"queued"_s);
        QVERIFY(
            rowValues(*database, u"SELECT lease_owner FROM downloads WHERE lease_expires_at IS NOT NULL"_s)
                .isEmpty());
    }
    QCOMPARE(statusOf(ids[0]), u"queued"_s);
    QCOMPARE(statusOf(ids[2]), u"queued"_s);
}

void TestQueueClaims::renewalKeepsOnlyLiveLeases()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {1, 1, 1});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QCOMPARE(claimAll(claims, true), ids);
    // One lease ran out (the heartbeat came too late), one passed to another worker.
    run(*database, u"UPDATE downloads SET lease_expires_at = ? WHERE id = ?"_s, {isoIn(-1), ids[1]});
    run(*database, u"UPDATE downloads SET lease_owner = 'worker-2' WHERE id = ?"_s, {ids[2]});

    const QString earliest = isoIn(29);
    const Result<QStringList> held = claims.renewLeases();
    QVERIFY(held);
    QCOMPARE(*held, QStringList{ids[0]});
    QVERIFY(rowValues(*database, u"SELECT lease_expires_at FROM downloads WHERE id = ?"_s, {ids[0]})
                .value(0)
                .toString() >= earliest);
    // A job asks before it finishes: only the live lease says yes.
    QVERIFY(claims.confirmLease(ids[0]));
    QVERIFY(!claims.confirmLease(ids[1]));
    QVERIFY(!claims.confirmLease(ids[2]));
    // Another worker paused the download while this one ran it: not completed here either.
    run(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids[0]});
    QVERIFY(!claims.confirmLease(ids[0]));
}

void TestQueueClaims::expiredRunningRowsAreRescued()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {0, 2, 2, 1});
    // ids[1] runs on a worker that died; ids[2] on one that is alive; both before ids[3] in time.
    run(*database,
        u"UPDATE downloads SET status = 'downloading', lease_owner = 'dead', lease_expires_at = ? "
        "WHERE id = ?"_s,
        {isoIn(-1), ids[1]});
    run(*database,
        u"UPDATE downloads SET status = 'downloading', lease_owner = 'alive', lease_expires_at = ? "
        "WHERE id = ?"_s,
        {isoIn(60), ids[2]});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    // The dead worker's download first (it has bytes on disk), then the queue in order.
    QCOMPARE(claimAll(claims, true), (QStringList{ids[1], ids[0], ids[3]}));
    QCOMPARE(rowValues(*database, u"SELECT lease_owner FROM downloads WHERE id = ?"_s, {ids[1]})
                 .value(0)
                 .toString(),
             u"worker-1"_s);
    QCOMPARE(rowValues(*database, u"SELECT lease_owner FROM downloads WHERE id = ?"_s, {ids[2]})
                 .value(0)
                 .toString(),
             u"alive"_s);
}

void TestQueueClaims::rescueRunsWhenDue()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = insertQueued(repository, {0, 1, 2, 2});
    QueueClaims claims(*database, u"worker-1"_s, 30);
    // The first claim looks for expired leases (none) and takes the queue's first.
    QCOMPARE((*claims.claimNext(true).value()).download.id, ids[0]);

    // Then a worker dies: its download waits for the next rescue, not for the next claim.
    run(*database,
        u"UPDATE downloads SET status = 'downloading', lease_owner = 'dead', lease_expires_at = ? "
        "WHERE id = ?"_s,
        {isoIn(-1), ids[3]});
    const ClaimedDownload next = *claims.claimNext(true).value();
    QCOMPARE(next.download.id, ids[1]);
    QVERIFY(!next.rescued);

    claims.scheduleRescue(); // the heartbeat
    const ClaimedDownload rescued = *claims.claimNext(true).value();
    QCOMPARE(rescued.download.id, ids[3]);
    QVERIFY(rescued.rescued);
    QCOMPARE(claimAll(claims, true), QStringList{ids[2]});
}

void TestQueueClaims::workerNameIsOneLiveProcess()
{
    const auto database = openDatabase();
    QVERIFY(database);
    WorkerRegistry first(*database, u"box"_s, 30);
    QVERIFY(first.join(u"host-a"_s, 111));
    QVERIFY(first.heartbeat(2, 3));
    WorkerRegistry other(*database, u"other"_s, 30);
    QVERIFY(other.join(u"host-b"_s, 222));

    WorkerRegistry second(*database, u"box"_s, 30);
    const Status refused = second.join(u"host-c"_s, 333);
    if (m_driver.isPostgreSql())
    {
        // Named: the worker, and where the live one runs.
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Conflict);
        for (const QString &part : {u"\"box\""_s, u"host-a"_s, u"pid 111"_s, u"--worker-name"_s})
            QVERIFY2(refused.error().message.contains(part), qPrintable(refused.error().message));
        const Result<QList<WorkerInfo>> live = first.liveWorkers();
        QVERIFY(live);
        QCOMPARE(live->size(), 2);
        QCOMPARE(live->at(0).name, u"box"_s);
        QCOMPARE(live->at(0).runningDownloads, 2);
        QCOMPARE(live->at(0).maxConcurrentDownloads, 3);
        QCOMPARE(live->at(1).name, u"other"_s);

        // Once the live one has left (or its heartbeat lapsed), the name is free.
        QVERIFY(first.leave());
        const Status joined = second.join(u"host-c"_s, 333);
        QVERIFY2(joined, joined ? "" : qPrintable(joined.error().message));
        // The old process's heartbeat no longer counts: the name is another's now.
        QCOMPARE(first.heartbeat(0, 3).error().kind, ErrorKind::NotFound);
    }
    else
    {
        // The file lock already makes this process the only one on the file.
        QVERIFY(refused);
    }
}

SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestQueueClaims)

#include "tst_queueclaims.moc"
