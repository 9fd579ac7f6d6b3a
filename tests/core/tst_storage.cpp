// SPDX-License-Identifier: GPL-3.0-or-later
// The storage layer against a real SQLite file, then against a real PostgreSQL server (a throwaway
// cluster, see support/storagedrivers.h): schema and migrations, the repositories' SQL,
// transactions, per-thread connections and bulk inserts. What only SQLite has (the seed's files,
// pragmas, the WAL file) is skipped on PostgreSQL with the reason.

#include "domain/isotime.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/enginestate.h"
#include "storage/errorhistory.h"
#include "storage/queueclaims.h"
#include "storage/reusedquery.h"
#include "storage/trackrepository.h"
#include "storage/transaction.h"
#include "support/storagesuite.h"
#include "support/storagetestsupport.h"

#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

// The seed's DDL, character for character, as a file of the seed's era has it (version 1).
const QString seedDownloadsDdl = uR"(CREATE TABLE downloads (
    id TEXT PRIMARY KEY,
    track_id TEXT NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,  -- 0=P0 (high), 1=P1 (medium), 2=P2 (low)
    target_path TEXT,
    source_url TEXT,
    progress_percent REAL DEFAULT 0.0,
    error_message TEXT,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
))"_s;
const QString seedIndexDdl =
    u"CREATE INDEX ix_downloads_priority_created ON downloads (priority, created_at)"_s;
const QString version1TracksDdl =
    u"CREATE TABLE tracks (id TEXT PRIMARY KEY, title TEXT, artist TEXT, album TEXT, "
    "source_url TEXT, created_at TIMESTAMP NOT NULL)"_s;

const QDateTime baseTime(QDate(2026, 11, 25), QTime(9, 0, 0, 123), QTimeZone::utc());

// Collects warnings from every thread while alive (Qt Test's own checks are for the test thread).
class WarningCollector
{
public:
    WarningCollector() { s_previous = qInstallMessageHandler(&WarningCollector::handle); }
    ~WarningCollector() { qInstallMessageHandler(s_previous); }

    static QStringList warnings()
    {
        const QMutexLocker locker(&s_mutex);
        return s_warnings;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type == QtWarningMsg || type == QtCriticalMsg)
        {
            const QMutexLocker locker(&s_mutex);
            s_warnings << message;
        }
        s_previous(type, context, message);
    }

    static inline QMutex s_mutex;
    static inline QStringList s_warnings;
    static inline QtMessageHandler s_previous = nullptr;
};

Download makeDownload(int priority, const QDateTime &createdAt,
                      DownloadStatus status = DownloadStatus::Queued)
{
    Download download;
    download.trackId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    download.priority = priority;
    download.createdAt = createdAt;
    download.status = status;
    download.sourceUrl = u"http://127.0.0.1/file.flac"_s;
    return download;
}

QStringList idsOf(const QList<Download> &downloads)
{
    QStringList ids;
    for (const Download &download : downloads)
        ids << download.id;
    return ids;
}

// Runs one statement in the test thread's connection and returns the first column of the first row.
QVariant scalar(const Database &database, const QString &sql, const QVariantList &values = {})
{
    return Test::sqlValue(database, sql, values);
}

QStringList columnsOf(const Database &database, const QString &table)
{
    QSqlQuery query(database.connection());
    if (database.isPostgreSql())
        query.exec(u"SELECT column_name FROM information_schema.columns WHERE table_name = '%1' "
                   "ORDER BY ordinal_position"_s.arg(table));
    else
        query.exec(u"SELECT name FROM pragma_table_info('%1')"_s.arg(table));
    QStringList columns;
    while (query.next())
        columns << query.value(0).toString();
    return columns;
}

// Statements run as they are (PostgreSQL prepares no DDL), on the test thread's connection.
void runOnServer(const Database &database, const QStringList &statements)
{
    for (const QString &statement : statements)
    {
        QSqlQuery query(database.connection());
        QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + u" in "_s + statement));
    }
}

// How many tables (or indexes) of that name the database holds.
int countSchemaObjects(const Database &database, const QString &type, const QString &name)
{
    if (!database.isPostgreSql())
        return scalar(database, u"SELECT COUNT(*) FROM sqlite_master WHERE type = ? AND name = ?"_s,
                      {type, name})
            .toInt();
    const QString sql = type == u"index"_s
                            ? u"SELECT COUNT(*) FROM pg_indexes WHERE indexname = ?"_s
                            : u"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?"_s;
    return scalar(database, sql, {name}).toInt();
}

// A plain connection for building files by hand, removed before the Database opens them.
void runOnFile(const QString &path, const QStringList &statements)
{
    const QString name = u"by-hand"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements)
        {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + u" in "_s + statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class TestStorage : public Test::StorageSuite
{
    Q_OBJECT

public:
    using StorageSuite::StorageSuite;

private Q_SLOTS:
    void openCreatesSchema();
    void connectionSettings();
    void leaseRenewalSearchesAnIndex();
    void upgradesSeedVersion1();
    void adoptsSeedFileWithoutVersion();
    void refusesNewerVersion();
    void insertAndFind();
    void insertIsAllOrNothing();
    void findManyHandlesThousands();
    void listOrder();
    void listPagesAndFilter();
    void listByStatusInQueueOrder();
    void updates();
    void writeChangesKeepsWhatOthersWroteSince();
    void updateUnknownIsNotFound();
    void errorIsStoredAsKindAndValues();
    void ownFolderIsStored();
    void writesFromWorkerThread();
    void forgottenThreadConnectionIsDropped();
    void reusedStatements();
    void destructorClosesConnection();
    void connectionClosedByServerIsOpenedAgain();
    void transactionOfAClosedConnectionFails();
    void requeueInterrupted();
    void countByStatus();
    void nestedTransactionRollback();
    void innerRollbackKeepsOuterWork();
    void timestampsRoundTrip();
    void isoTimeAgreesWithQt();
    void tracks();
    void bulkInsertKeepsEveryRowInOrder();
    void engineStateKeepsOneValuePerKey();
    void serverUrlIsDecodedAndNeverShown();

private:
    QString path(const QString &name = u"soulspot.db"_s) const { return StorageSuite::path(name); }
};

// What only an SQLite file has (its pragmas, its WAL file, files the seed's tools wrote).
#define SQLITE_ONLY(why)                                                                                     \
    if (m_driver.isPostgreSql())                                                                             \
    QSKIP("SQLite only: " why)
// What only a server has (its connections, its processes).
#define POSTGRESQL_ONLY(why)                                                                                 \
    if (!m_driver.isPostgreSql())                                                                            \
    QSKIP("PostgreSQL only: " why)

void TestStorage::openCreatesSchema()
{
    const QString file =
        m_driver.isPostgreSql() ? location() : m_dir->filePath(u"not/yet/there/soulspot.db"_s);
    {
        Database database(file);
        const Status opened = database.open();
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QVERIFY(m_driver.isPostgreSql() || QFileInfo::exists(file));
        QCOMPARE(Database::currentSchemaVersion(), 14);
        QCOMPARE(database.schemaVersion(), 14);

        const QStringList downloadColumns{u"id"_s,
                                          u"track_id"_s,
                                          u"status"_s,
                                          u"priority"_s,
                                          u"target_path"_s,
                                          u"source_url"_s,
                                          u"progress_percent"_s,
                                          u"error_message"_s,
                                          u"started_at"_s,
                                          u"completed_at"_s,
                                          u"created_at"_s,
                                          u"updated_at"_s,
                                          u"attempts"_s,
                                          u"max_retries"_s,
                                          u"bytes_downloaded"_s,
                                          u"total_bytes"_s,
                                          u"source_info"_s,
                                          u"sequence"_s,
                                          u"resume_validator"_s,
                                          u"resume_total_bytes"_s,
                                          u"queue_position"_s,
                                          u"lease_owner"_s,
                                          u"lease_expires_at"_s,
                                          u"retry_at"_s,
                                          u"done_ranges"_s,
                                          u"error_detail"_s,
                                          u"download_dir"_s};
        QCOMPARE(columnsOf(database, u"downloads"_s), downloadColumns);
        const QStringList trackColumns{
            u"id"_s,         u"title"_s,      u"artist"_s,           u"album"_s,
            u"source_url"_s, u"created_at"_s, u"duration_seconds"_s, u"sequence"_s};
        QCOMPARE(columnsOf(database, u"tracks"_s), trackColumns);
        QCOMPARE(columnsOf(database, u"engine_state"_s), (QStringList{u"key"_s, u"value"_s}));
        QCOMPARE(columnsOf(database, u"download_errors"_s),
                 (QStringList{u"download_id"_s, u"occurred_at"_s, u"detail"_s, u"message"_s}));
        QCOMPARE(columnsOf(database, u"workers"_s),
                 (QStringList{u"name"_s, u"host"_s, u"pid"_s, u"started_at"_s, u"last_heartbeat"_s,
                              u"alive_until"_s, u"running_downloads"_s, u"max_concurrent_downloads"_s}));

        for (const QString &index : {u"ix_downloads_queue_place"_s, u"ix_downloads_claim"_s,
                                     u"ix_downloads_claim_fifo"_s, u"ix_downloads_running"_s})
        {
            QVERIFY2(countSchemaObjects(database, u"index"_s, index) == 1, qPrintable(index));
        }
        // PostgreSQL's claim only (see TestQueueClaims::claimReadsOnlyWaitingRows).
        QCOMPARE(countSchemaObjects(database, u"index"_s, u"ix_downloads_waiting"_s),
                 m_driver.isPostgreSql() ? 1 : 0);
        // Gone: an index costs an entry at every write of a row that is not a HOT update.
        for (const QString &index : {u"ix_downloads_priority_created"_s, u"ix_downloads_lease"_s})
            QVERIFY2(countSchemaObjects(database, u"index"_s, index) == 0, qPrintable(index));
    }
    // Opening again is a no-op migration.
    Database again(file);
    QVERIFY(again.open());
    QCOMPARE(again.schemaVersion(), 14);
}

// The heartbeat renews this worker's leases every few seconds on the main thread
// (QueueClaims::renewLeases): with 100,000 downloads a read of every row blocked the window for
// 20-30 ms. Its condition must be an index search among the few leased rows.
void TestStorage::leaseRenewalSearchesAnIndex()
{
    SQLITE_ONLY("SQLite's query plan");
    const auto database = openDatabase();
    QVERIFY(database);
    QSqlQuery plan(database->connection());
    QVERIFY(
        plan.exec(u"EXPLAIN QUERY PLAN UPDATE downloads SET lease_expires_at = 'later' "
                  "WHERE lease_owner = 'worker' AND status = 'downloading' AND lease_expires_at IS NOT NULL "
                  "AND lease_expires_at >= 'now' RETURNING id"_s));
    QStringList steps;
    while (plan.next())
        steps << plan.value(3).toString();
    QVERIFY2(steps.join(u'\n').contains(u"SEARCH downloads USING INDEX ix_downloads_running"_s),
             qPrintable(steps.join(u'\n')));
}

void TestStorage::connectionSettings()
{
    SQLITE_ONLY("the connection pragmas and the WAL file");
    const auto database = openDatabase();
    QVERIFY(database);
    const auto check = [&database] {
        QCOMPARE(scalar(*database, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(*database, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(scalar(*database, u"PRAGMA foreign_keys"_s).toInt(), 1);
        // How it waits for a lock (SqliteWriteWait replaces the busy timeout): tst_sqlitewritewait.
    };
    check();
    if (QTest::currentTestFailed())
        return;

    // A worker thread's own connection gets the same settings.
    bool workerChecked = false;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        workerChecked = scalar(*database, u"PRAGMA journal_mode"_s).toString() == u"wal"_s &&
                        scalar(*database, u"PRAGMA synchronous"_s).toInt() == 1 &&
                        scalar(*database, u"PRAGMA foreign_keys"_s).toInt() == 1;
        database->releaseThreadConnection();
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QVERIFY(workerChecked);

    // WAL is on for real: a write goes to the -wal file next to the database.
    DownloadRepository repository(*database);
    QVERIFY(repository.insert({makeDownload(1, baseTime)}));
    QVERIFY(QFileInfo::exists(path() + u"-wal"_s));
}

void TestStorage::upgradesSeedVersion1()
{
    SQLITE_ONLY("a file the seed's tools wrote");
    const QString insertRow =
        u"INSERT INTO downloads (id, track_id, status, priority, created_at, updated_at) "
        "VALUES ('%1', 'track-%1', '%2', %3, '%4', '%4')"_s;
    runOnFile(path(), {seedDownloadsDdl, seedIndexDdl, version1TracksDdl,
                       // Inserted in the order b, a, c: rowid order, not id order, is first come.
                       insertRow.arg(u"b"_s, u"queued"_s, u"1"_s, u"2026-11-25T09:00:00.123Z"_s),
                       insertRow.arg(u"a"_s, u"QUEUED"_s, u"1"_s, u"2026-11-25T09:00:00.123Z"_s),
                       insertRow.arg(u"c"_s, u"pending"_s, u"0"_s, u"2026-11-25 08:00:00.500000"_s),
                       u"INSERT INTO tracks VALUES ('t1', 'Song', 'Artist', 'Album', NULL, "
                       "'2026-11-25T07:00:00.000Z')"_s,
                       u"PRAGMA user_version = 1"_s});
    if (QTest::currentTestFailed())
        return;

    const auto database = openDatabase();
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), Database::currentSchemaVersion());

    DownloadRepository downloads(*database);
    const QList<Download> queue = downloads.listByStatus(DownloadStatus::Queued);
    QCOMPARE(idsOf(queue), (QStringList{u"c"_s, u"b"_s, u"a"_s}));
    // The claim's queue_position keeps that order (created_at, then first come), priorities aside.
    QueueClaims claims(*database, u"worker-1"_s, 30);
    QStringList claimed;
    while (const auto next = claims.claimNext(false).value())
        claimed << next->download.id;
    QCOMPARE(claimed, (QStringList{u"c"_s, u"b"_s, u"a"_s}));
    const auto b = downloads.find(u"b"_s);
    const auto a = downloads.find(u"a"_s);
    const auto c = downloads.find(u"c"_s);
    QVERIFY(a && b && c);
    QVERIFY(b->sequence < a->sequence);
    QVERIFY(a->sequence < c->sequence);
    QCOMPARE(a->trackId, u"track-a"_s);
    QCOMPARE(toString(a->status), toString(DownloadStatus::Downloading)); // the claim is the start
    QCOMPARE(a->attempts, 0);
    QCOMPARE(a->maxRetries, 3);
    QCOMPARE(a->bytesDownloaded, 0);
    QCOMPARE(a->totalBytes, -1);
    QVERIFY(a->sourceInfo.isEmpty());
    QCOMPARE(a->createdAt, baseTime);
    // The seed's own timestamp format is rewritten into ours, read as UTC.
    QCOMPARE(scalar(*database, u"SELECT created_at FROM downloads WHERE id = 'c'"_s).toString(),
             u"2026-11-25T08:00:00.500Z"_s);
    QCOMPARE(c->createdAt, QDateTime(QDate(2026, 11, 25), QTime(8, 0, 0, 500), QTimeZone::utc()));

    // New rows continue after the backfilled ones.
    const auto inserted = downloads.insert({makeDownload(1, baseTime)});
    QVERIFY(inserted);
    QVERIFY(inserted->first().sequence > c->sequence);

    TrackRepository tracks(*database);
    const auto track = tracks.find(u"t1"_s);
    QVERIFY(track);
    QCOMPARE(track->title, u"Song"_s);
    QCOMPARE(track->durationSeconds, -1);
}

void TestStorage::adoptsSeedFileWithoutVersion()
{
    SQLITE_ONLY("a file the seed's tools wrote");
    runOnFile(path(), {seedDownloadsDdl, seedIndexDdl,
                       u"INSERT INTO downloads (id, track_id, status, priority, created_at, updated_at) "
                       "VALUES ('seed-row', 't', 'failed', 2, '2026-11-25T09:00:00.123Z', "
                       "'2026-11-25T09:00:00.123Z')"_s});
    if (QTest::currentTestFailed())
        return;
    const auto database = openDatabase();
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), Database::currentSchemaVersion());
    const auto row = DownloadRepository(*database).find(u"seed-row"_s);
    QVERIFY(row);
    QCOMPARE(toString(row->status), toString(DownloadStatus::Failed));
    QCOMPARE(row->priority, 2);
    QVERIFY(TrackRepository(*database).insert({TrackInput{u"Song"_s, {}, {}, {}, 180}}));
}

void TestStorage::refusesNewerVersion()
{
    const int future = Database::currentSchemaVersion() + 1;
    Database database(location());
    if (m_driver.isPostgreSql())
    {
        runOnServer(database, {u"CREATE TABLE future (x INTEGER)"_s,
                               u"CREATE TABLE soulspot_schema_version (version INTEGER NOT NULL)"_s,
                               u"INSERT INTO soulspot_schema_version VALUES (%1)"_s.arg(future)});
    }
    else
    {
        runOnFile(path(), {u"CREATE TABLE future (x)"_s, u"PRAGMA user_version = %1"_s.arg(future)});
    }
    if (QTest::currentTestFailed())
        return;
    const Status opened = database.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind, ErrorKind::Storage);
    QVERIFY2(opened.error().message.contains(u"newer version"_s), qPrintable(opened.error().message));
    // Nothing was touched.
    QCOMPARE(database.schemaVersion(), future);
    QCOMPARE(countSchemaObjects(database, u"table"_s, u"downloads"_s), 0);
}

void TestStorage::insertAndFind()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);

    Download full = makeDownload(0, baseTime, DownloadStatus::Failed);
    full.targetPath = u"/music/a.flac"_s;
    full.progressPercent = 42.5;
    full.bytesDownloaded = 4200;
    full.totalBytes = 10000;
    full.attempts = 2;
    full.maxRetries = 5;
    full.errorMessage = u"HTTP 503"_s;
    full.sourceInfo = u"user/file.flac"_s;
    full.startedAt = baseTime.addSecs(1);
    full.completedAt = baseTime.addSecs(2);
    Download bare;
    bare.trackId = u"track-bare"_s;

    const auto inserted = repository.insert({full, bare});
    QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message));
    QCOMPARE(inserted->size(), 2);
    const Download storedFull = inserted->at(0);
    const Download storedBare = inserted->at(1);
    QCOMPARE(storedFull.id.size(), 36); // a UUID without braces
    QVERIFY(!storedFull.id.contains(u'{'));
    QVERIFY(storedFull.id != storedBare.id);
    QCOMPARE(storedBare.sequence, storedFull.sequence + 1);
    QVERIFY(storedBare.createdAt.isValid());
    QVERIFY(storedBare.updatedAt.isValid());

    const auto found = repository.find(storedFull.id);
    QVERIFY(found);
    QCOMPARE(found->trackId, full.trackId);
    QCOMPARE(toString(found->status), toString(DownloadStatus::Failed));
    QCOMPARE(found->priority, 0);
    QCOMPARE(found->targetPath, full.targetPath);
    QCOMPARE(found->sourceUrl, full.sourceUrl);
    QCOMPARE(found->progressPercent, 42.5);
    QCOMPARE(found->bytesDownloaded, 4200);
    QCOMPARE(found->totalBytes, 10000);
    QCOMPARE(found->attempts, 2);
    QCOMPARE(found->maxRetries, 5);
    QCOMPARE(found->errorMessage, full.errorMessage);
    QCOMPARE(found->sourceInfo, full.sourceInfo);
    QCOMPARE(found->startedAt, full.startedAt);
    QCOMPARE(found->completedAt, full.completedAt);
    QCOMPARE(found->createdAt, baseTime);
    QCOMPARE(found->sequence, storedFull.sequence);

    const auto foundBare = repository.find(storedBare.id);
    QVERIFY(foundBare);
    QCOMPARE(foundBare->createdAt, storedBare.createdAt);
    QCOMPARE(foundBare->updatedAt, storedBare.updatedAt);
    QCOMPARE(foundBare->totalBytes, -1);
    QVERIFY(!foundBare->startedAt.isValid());

    QVERIFY(!repository.find(u"no-such-id"_s));
}

void TestStorage::insertIsAllOrNothing()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const auto first = repository.insert({makeDownload(1, baseTime)});
    QVERIFY(first);

    Download clash = makeDownload(1, baseTime);
    clash.id = first->first().id;
    const auto refused = repository.insert({makeDownload(1, baseTime), clash});
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::Storage);
    QVERIFY2(refused.error().message.contains(u"unique"_s, Qt::CaseInsensitive),
             qPrintable(refused.error().message));
    QCOMPARE(Test::listDownloads(repository, std::nullopt, 0, 100).total, 1);
    // SQLite: the sequence of a rolled back batch is free again. PostgreSQL's sequence object never
    // hands a number out twice, rolled back or not (so two workers never draw the same one).
    const auto next = repository.insert({makeDownload(1, baseTime)});
    QVERIFY(next);
    if (m_driver.isPostgreSql())
        QVERIFY(next->first().sequence > first->first().sequence);
    else
        QCOMPARE(next->first().sequence, first->first().sequence + 1);
}

void TestStorage::findManyHandlesThousands()
{
    const auto database = openDatabase();
    QVERIFY(database);
    TrackRepository repository(*database);
    QList<TrackInput> batch;
    for (int i = 0; i < 2345; ++i)
        batch << TrackInput{u"Track %1"_s.arg(i), u"Artist"_s, {}, {}, -1};
    const auto inserted = repository.insert(batch);
    QVERIFY(inserted);
    QStringList expected;
    for (const Track &track : *inserted)
        expected << track.id;

    // More ids than SQLite binds in one statement (32766 by default, 250000 as Debian builds it),
    // most of them unknown, a few twice.
    QStringList ids = expected;
    for (int i = 0; i < 260000; ++i)
        ids << u"unknown-%1"_s.arg(i);
    ids << expected.first() << expected.last();

    QStringList foundIds;
    for (const Track &track : repository.findMany(ids))
        foundIds << track.id;
    foundIds.sort();
    expected.sort();
    QCOMPARE(foundIds, expected);
    QVERIFY(repository.findMany({}).isEmpty());
}

void TestStorage::listOrder()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);

    const auto named = [](const QString &id, int priority, const QDateTime &createdAt) {
        Download download = makeDownload(priority, createdAt);
        download.id = id;
        return download;
    };
    // One insert() each, in this order. Ids run against the expected order, so a sort by id fails;
    // created_at plays no part: the queue order is the claim's, priority then place in line.
    const QList<Download> inserts{
        named(u"d-low-oldest"_s, 2, baseTime.addSecs(-60)),
        named(u"c-one-ms-later"_s, 1, baseTime.addMSecs(1)),
        named(u"z-first-come"_s, 1, baseTime),
        named(u"y-urgent"_s, 0, baseTime.addSecs(60)),
        named(u"a-second-come"_s, 1, baseTime),
    };
    for (const Download &download : inserts)
        QVERIFY(repository.insert({download}));

    const QStringList expected{u"y-urgent"_s, u"c-one-ms-later"_s, u"z-first-come"_s, u"a-second-come"_s,
                               u"d-low-oldest"_s};
    const Page<Download> page = Test::listDownloads(repository, std::nullopt, 0, 50);
    QCOMPARE(page.total, 5);
    QCOMPARE(idsOf(page.items), expected);
    QCOMPARE(idsOf(repository.listByStatus(DownloadStatus::Queued)), expected);

    // Within one batch the list order is the order of enqueueing.
    QList<Download> batch;
    for (const QString &id : {u"batch-3"_s, u"batch-1"_s, u"batch-2"_s})
        batch << named(id, 2, baseTime.addSecs(120));
    QVERIFY(repository.insert(batch));
    QCOMPARE(idsOf(Test::listDownloads(repository, std::nullopt, 5, 50).items),
             (QStringList{u"batch-3"_s, u"batch-1"_s, u"batch-2"_s}));
}

void TestStorage::listPagesAndFilter()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> batch;
    for (int i = 0; i < 25; ++i)
    {
        const auto status = i % 5 == 0 ? DownloadStatus::Failed : DownloadStatus::Queued;
        batch << makeDownload(i % 3, baseTime.addSecs(i % 4), status);
    }
    QVERIFY(repository.insert(batch));

    const Page<Download> all = Test::listDownloads(repository, std::nullopt, 0, 100);
    QCOMPARE(all.total, 25);
    QCOMPARE(all.items.size(), 25);
    for (qsizetype i = 1; i < all.items.size(); ++i)
    {
        const Download &before = all.items.at(i - 1);
        const Download &after = all.items.at(i);
        const auto key = [](const Download &d) { return std::tuple(d.priority, d.queuePosition, d.id); };
        QVERIFY(key(before) < key(after));
    }

    QList<Download> paged;
    for (qint64 skip = 0; skip < 25; skip += 10)
    {
        const Page<Download> page = Test::listDownloads(repository, std::nullopt, skip, 10);
        QCOMPARE(page.total, 25);
        QCOMPARE(page.items.size(), qMin<qint64>(10, 25 - skip));
        paged << page.items;
    }
    QCOMPARE(idsOf(paged), idsOf(all.items));

    const Page<Download> failed = Test::listDownloads(repository, DownloadStatus::Failed, 0, 3);
    QCOMPARE(failed.total, 5);
    QCOMPARE(failed.items.size(), 3);
    QStringList expectedFailed;
    for (const Download &download : all.items)
    {
        if (download.status == DownloadStatus::Failed)
            expectedFailed << download.id;
    }
    QCOMPARE(idsOf(failed.items), expectedFailed.mid(0, 3));
    QCOMPARE(idsOf(Test::listDownloads(repository, DownloadStatus::Failed, 3, 3).items),
             expectedFailed.mid(3));

    const Page<Download> beyond = Test::listDownloads(repository, std::nullopt, 100, 10);
    QCOMPARE(beyond.total, 25);
    QVERIFY(beyond.items.isEmpty());
    QCOMPARE(Test::listDownloads(repository, DownloadStatus::Completed, 0, 10).total, 0);
}

void TestStorage::listByStatusInQueueOrder()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const auto inserted = repository.insert({makeDownload(2, baseTime, DownloadStatus::Paused),
                                             makeDownload(1, baseTime, DownloadStatus::Queued),
                                             makeDownload(0, baseTime, DownloadStatus::Paused),
                                             makeDownload(2, baseTime.addSecs(-5), DownloadStatus::Paused)});
    QVERIFY(inserted);
    const QStringList ids = idsOf(*inserted);
    QCOMPARE(idsOf(repository.listByStatus(DownloadStatus::Paused)), (QStringList{ids[2], ids[0], ids[3]}));
    QCOMPARE(idsOf(repository.listByStatus(DownloadStatus::Queued)), QStringList{ids[1]});
    QVERIFY(repository.listByStatus(DownloadStatus::Completed).isEmpty());
}

void TestStorage::updates()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    Download old = makeDownload(1, baseTime);
    old.updatedAt = baseTime.addYears(-10);
    const auto inserted = repository.insert({old, makeDownload(1, baseTime)});
    QVERIFY(inserted);
    QCOMPARE(inserted->at(0).updatedAt, old.updatedAt);

    Download changed = inserted->at(0);
    changed.status = DownloadStatus::Completed;
    changed.priority = 2;
    changed.attempts = 1;
    changed.completedAt = baseTime.addSecs(30);
    changed.createdAt = baseTime.addYears(1); // ignored: the place in line never changes
    changed.sequence = 999;
    const Result<QDateTime> written = repository.update(changed);
    QVERIFY(written);

    const auto found = repository.find(changed.id);
    QVERIFY(found);
    // The time update() returns is the one it stored: the service emits rows without reading them back.
    QCOMPARE(found->updatedAt, *written);
    QCOMPARE(toString(found->status), toString(DownloadStatus::Completed));
    QCOMPARE(found->priority, 2);
    QCOMPARE(found->attempts, 1);
    QCOMPARE(found->completedAt, baseTime.addSecs(30));
    QCOMPARE(found->createdAt, baseTime);
    QCOMPARE(found->sequence, inserted->at(0).sequence);
    // updated_at is now, whatever the caller held.
    QVERIFY(qAbs(found->updatedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    // The other row is untouched.
    QCOMPARE(toString(repository.find(inserted->at(1).id)->status), toString(DownloadStatus::Queued));
}

// A change made from an older read (a cancel by another worker, read before the job's first
// write) writes what it changed and the progress, and keeps what others wrote since: the job's
// target path and hand-over. update() of the whole row wrote them back as read (NULL), which lost
// the partial file of a download cancelled elsewhere.
void TestStorage::writeChangesKeepsWhatOthersWroteSince()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const auto inserted = repository.insert({makeDownload(1, baseTime, DownloadStatus::Downloading)});
    QVERIFY(inserted);
    const Download before = *repository.find(inserted->at(0).id);
    QVERIFY(before.targetPath.isEmpty());

    QVERIFY(repository.setTargetPath(before.id, u"/music/Jóga.mp3"_s));
    Download handedOver = *repository.find(before.id);
    handedOver.sourceInfo = u"slskd transfer 7"_s;
    QVERIFY(repository.update(handedOver));
    QVERIFY(repository.updateProgress({ProgressUpdate{before.id, 4096, 8192, 50.0}}));

    Download cancelled = before;
    cancelled.status = DownloadStatus::Cancelled;
    cancelled.attempts = 2;
    cancelled.bytesDownloaded = 0;
    cancelled.progressPercent = 0.0;
    const Result<QDateTime> written = repository.writeChanges(before, cancelled);
    QVERIFY(written);

    const auto found = repository.find(before.id);
    QVERIFY(found);
    QCOMPARE(found->updatedAt, *written);
    QCOMPARE(toString(found->status), toString(DownloadStatus::Cancelled));
    QCOMPARE(found->attempts, 2);
    QCOMPARE(found->bytesDownloaded, 0); // the progress is written even where the read said the same
    QCOMPARE(found->targetPath, u"/music/Jóga.mp3"_s);
    QCOMPARE(found->sourceInfo, u"slskd transfer 7"_s);

    // A column the change clears is cleared.
    Download cleared = *found;
    cleared.targetPath.clear();
    QVERIFY(repository.writeChanges(*found, cleared));
    QVERIFY(repository.find(before.id)->targetPath.isEmpty());
    QCOMPARE(repository.find(before.id)->sourceInfo, u"slskd transfer 7"_s);
}

// The error as a kind and its values (DownloadError), beside the English sentence of the API.
// Schema version 12: a download's own folder is kept (NULL: none), on both drivers; an update
// of the row leaves it as it was chosen.
void TestStorage::ownFolderIsStored()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    Download own = makeDownload(1, baseTime);
    own.downloadDirectory = u"/srv/music/Björk – Homogenic"_s;
    const auto inserted = repository.insert({own, makeDownload(2, baseTime)});
    QVERIFY(inserted);
    QCOMPARE(repository.find(inserted->at(0).id)->downloadDirectory, own.downloadDirectory);
    QVERIFY(repository.find(inserted->at(1).id)->downloadDirectory.isEmpty());
    Download changed = *repository.find(inserted->at(0).id);
    changed.status = DownloadStatus::Paused;
    changed.downloadDirectory.clear();
    QVERIFY(repository.update(changed));
    QCOMPARE(repository.find(changed.id)->downloadDirectory, own.downloadDirectory);
    const auto page = repository.listPage(std::nullopt, 0, 10);
    QVERIFY(page);
    QCOMPARE(page->first().downloadDirectory, own.downloadDirectory);
}

void TestStorage::errorIsStoredAsKindAndValues()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    Download failed = makeDownload(1, baseTime, DownloadStatus::Failed);
    const DownloadError error(DownloadError::Kind::CannotWrite, {u"/music/Jóga.mp3.part"_s, u"Disk full"_s});
    failed.setError(error);
    const auto inserted = repository.insert({failed});
    QVERIFY(inserted);
    const QString id = inserted->at(0).id; // insert() gives the id
    QVERIFY(repository.find(id));
    QCOMPARE(repository.find(id)->error, error);
    QCOMPARE(repository.find(id)->errorMessage, u"cannot write /music/Jóga.mp3.part: Disk full"_s);

    Download retried = *repository.find(id);
    retried.setError({});
    QVERIFY(repository.update(retried));
    QVERIFY(repository.find(id)->error.isNull());
    QVERIFY(repository.find(id)->errorMessage.isEmpty());

    // Every error with its time, oldest first; gone at the next start after the download.
    ErrorHistory history(*database);
    const DownloadError busy(DownloadError::Kind::HttpStatus, {u"503"_s, u"Service Unavailable"_s});
    QVERIFY(history.append(id, {baseTime.addSecs(5), busy}));
    QVERIFY(history.append(id, {baseTime, error}));
    const auto listed = history.list(id);
    QVERIFY(listed);
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).occurredAt, baseTime);
    QCOMPARE(listed->at(0).error, error);
    QCOMPARE(listed->at(1).error, busy);
    QVERIFY(history.removeOrphans());
    QCOMPARE(history.list(id)->size(), 2);
    QVERIFY(repository.remove(id));
    QVERIFY(history.removeOrphans());
    QVERIFY(history.list(id)->isEmpty());
}

void TestStorage::updateUnknownIsNotFound()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const auto inserted = repository.insert({makeDownload(1, baseTime)});
    QVERIFY(inserted);

    Download unknown = makeDownload(1, baseTime);
    unknown.id = u"no-such-id"_s;

    const Result<QDateTime> missing = repository.update(unknown);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QCOMPARE(Test::listDownloads(repository, std::nullopt, 0, 10).total, 1);

    const Status one = repository.setTargetPath(u"no-such-id"_s, u"/x"_s);
    QVERIFY(!one);
    QCOMPARE(one.error().kind, ErrorKind::NotFound);
    // Progress of a row that is gone is simply dropped.
    QVERIFY(repository.updateProgress({ProgressUpdate{u"no-such-id"_s, 1, 2, 50.0}}));
}

void TestStorage::writesFromWorkerThread()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const auto inserted =
        repository.insert({makeDownload(1, baseTime), makeDownload(1, baseTime), makeDownload(1, baseTime)});
    QVERIFY(inserted);
    const QList<Download> rows = *inserted;
    const QString mainConnection = database->connection().connectionName();

    QString workerConnection;
    QStringList workerErrors;
    const WarningCollector warnings;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        workerConnection = database->connection().connectionName();
        DownloadRepository workerRepository(*database);
        Download first = rows.at(0);
        first.status = DownloadStatus::Downloading;
        first.startedAt = baseTime.addSecs(5);
        Download second = rows.at(1);
        second.status = DownloadStatus::Paused;
        Download third = rows.at(2);
        third.errorMessage = u"timeout"_s;
        const auto updated = [&](const Download &row) -> Status {
            const Result<QDateTime> written = workerRepository.update(row);
            if (!written)
                return written.error();
            return Done{};
        };
        const QList<Status> results{
            updated(first),
            updated(second),
            updated(third),
            workerRepository.updateProgress(
                {ProgressUpdate{first.id, 512, 1024, 50.0}, ProgressUpdate{second.id, 10, -1, 0.0}}),
            workerRepository.setTargetPath(first.id, u"/music/first.flac"_s),
        };
        for (const Status &result : results)
        {
            if (!result)
                workerErrors << result.error().message;
        }
        database->releaseThreadConnection();
    }));
    worker->start();
    QVERIFY(worker->wait(10000));

    QCOMPARE(workerErrors, QStringList());
    QVERIFY(!workerConnection.isEmpty());
    QVERIFY(workerConnection != mainConnection);
    QVERIFY(!QSqlDatabase::contains(workerConnection));
    QVERIFY(QSqlDatabase::contains(mainConnection));
    for (const QString &warning : WarningCollector::warnings())
    {
        QVERIFY2(!warning.contains(u"still in use"_s), qPrintable(warning));
        QVERIFY2(!warning.contains(u"does not belong"_s), qPrintable(warning));
    }

    const auto first = repository.find(rows.at(0).id);
    QVERIFY(first);
    QCOMPARE(toString(first->status), toString(DownloadStatus::Downloading));
    QCOMPARE(first->startedAt, baseTime.addSecs(5));
    QCOMPARE(first->bytesDownloaded, 512);
    QCOMPARE(first->totalBytes, 1024);
    QCOMPARE(first->progressPercent, 50.0);
    QCOMPARE(first->targetPath, u"/music/first.flac"_s);
    const auto second = repository.find(rows.at(1).id);
    QCOMPARE(toString(second->status), toString(DownloadStatus::Paused));
    QCOMPARE(second->bytesDownloaded, 10);
    QCOMPARE(second->totalBytes, -1);
    QCOMPARE(repository.find(rows.at(2).id)->errorMessage, u"timeout"_s);
}

// A statement that runs once per row of a batch is prepared once per connection (ReusedQuery):
// reused in turn, fresh for a nested use, prepared anew after a failure, and never holding a read
// snapshot that would hide another connection's commit.
void TestStorage::reusedStatements()
{
    const auto database = openDatabase();
    QVERIFY(database);
    const QSqlDatabase connection = database->connection();
    const QString sql = u"SELECT COUNT(*) FROM downloads WHERE priority = ?"_s;
    const QSqlQuery *firstUse = nullptr;
    {
        Sql::ReusedQuery outer(connection, sql);
        QVERIFY(outer.prepared());
        firstUse = &outer.query();
        Sql::ReusedQuery nested(connection, sql);
        QVERIFY(nested.prepared());
        QVERIFY(&nested.query() != firstUse);
    }
    {
        Sql::ReusedQuery again(connection, sql);
        QCOMPARE(&again.query(), firstUse);
    }

    DownloadRepository repository(*database);
    const auto inserted = repository.insert({makeDownload(1, baseTime)});
    QVERIFY(inserted);
    Download row = inserted->first();
    QCOMPARE(repository.find(row.id)->priority, 1);
    std::unique_ptr<QThread> writer(QThread::create([&] {
        Download changed = row;
        changed.priority = 2;
        QVERIFY(DownloadRepository(*database).update(changed));
        database->releaseThreadConnection();
    }));
    writer->start();
    QVERIFY(writer->wait(10000));
    QCOMPARE(repository.find(row.id)->priority, 2);

    // A failing exec drops the statement (a PostgreSQL statement in an aborted transaction stays
    // broken): the next use prepares a new one and keeps that. Without the drop, the failed one
    // would stay kept and come back at the third use.
    const QString insertTrack = u"INSERT INTO tracks (id, title, created_at) VALUES (?, 't', ?)"_s;
    const auto bindTrack = [](Sql::ReusedQuery &statement, const QString &id) {
        statement.query().bindValue(0, id);
        statement.query().bindValue(1, u"2026-01-01T00:00:00.000Z"_s);
    };
    const QString trackId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        Sql::ReusedQuery first(connection, insertTrack);
        bindTrack(first, trackId);
        QVERIFY(first.exec(u"Inserting a track"));
    }
    const QSqlQuery *replacement = nullptr;
    {
        Sql::ReusedQuery failing(connection, insertTrack);
        bindTrack(failing, trackId);
        QVERIFY(!failing.exec(u"Inserting a track twice"));
        Sql::ReusedQuery next(connection, insertTrack); // while the failed one still lives
        QVERIFY(next.prepared());
        QVERIFY(&next.query() != &failing.query());
        replacement = &next.query();
        bindTrack(next, QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY(next.exec(u"Inserting a new track"));
    }
    Sql::ReusedQuery third(connection, insertTrack);
    QCOMPARE(&third.query(), replacement);
}

void TestStorage::forgottenThreadConnectionIsDropped()
{
    const auto database = openDatabase();
    QVERIFY(database);
    QString workerConnection;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        DownloadRepository repository(*database);
        QVERIFY(repository.insert({makeDownload(1, baseTime)}));
        workerConnection = database->connection().connectionName();
        // No releaseThreadConnection(): the thread's end must clean up.
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QVERIFY(!workerConnection.isEmpty());
    QVERIFY(!QSqlDatabase::contains(workerConnection));
}

void TestStorage::destructorClosesConnection()
{
    const WarningCollector warnings;
    QString name;
    {
        const auto database = openDatabase();
        QVERIFY(database);
        DownloadRepository repository(*database);
        QVERIFY(repository.insert({makeDownload(1, baseTime)}));
        QCOMPARE(Test::listDownloads(repository, std::nullopt, 0, 10).total, 1);
        name = database->connection().connectionName();
        QVERIFY(QSqlDatabase::contains(name));
    }
    QVERIFY(!QSqlDatabase::contains(name));
    for (const QString &warning : WarningCollector::warnings())
        QVERIFY2(!warning.contains(u"still in use"_s), qPrintable(warning));
}

namespace {

// The server ends the backend `pid` (a restart, an administrator's pg_terminate_backend), as
// `administrator` sees it.
void closeByServer(const QVariant &pid, const Database &administrator)
{
    QCOMPARE(scalar(administrator, u"SELECT pg_terminate_backend(?)"_s, {pid}).toBool(), true);
    QTRY_COMPARE(
        scalar(administrator, u"SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"_s, {pid}).toInt(), 0);
    QTest::qWait(100); // the backend's socket closes as its process ends
}

} // namespace

// The server closed a connection while it was idle: the next use of the database, a write
// through a transaction or a read, runs on a new connection. That first statement failed before
// ("server closed the connection unexpectedly"): a user's action, a claim, a job's lease check.
void TestStorage::connectionClosedByServerIsOpenedAgain()
{
    POSTGRESQL_ONLY("a server's connection");
    const auto database = openDatabase();
    const auto administrator = openDatabase();
    QVERIFY(database && administrator);
    DownloadRepository repository(*database);
    QVERIFY(repository.insert({makeDownload(1, baseTime)}));

    closeByServer(scalar(*database, u"SELECT pg_backend_pid()"_s), *administrator);
    QVERIFY(!QTest::currentTestFailed());
    const Result<QList<Download>> written = repository.insert({makeDownload(2, baseTime)});
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    closeByServer(scalar(*database, u"SELECT pg_backend_pid()"_s), *administrator);
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(repository.countByStatus().value(DownloadStatus::Queued), 2);
}

// The server closed the connection of an open transaction: its next statement fails and so does
// its commit; nothing of it is written. Run on a new connection, that statement would be written
// on its own, outside the transaction.
void TestStorage::transactionOfAClosedConnectionFails()
{
    POSTGRESQL_ONLY("a server's connection");
    const auto database = openDatabase();
    const auto administrator = openDatabase();
    QVERIFY(database && administrator);
    const QString insert =
        u"INSERT INTO tracks (id, title, created_at) VALUES (?, 't', '2026-01-01T00:00:00.000Z')"_s;
    const QVariant pid = scalar(*database, u"SELECT pg_backend_pid()"_s);
    {
        Transaction transaction(*database);
        QVERIFY(transaction.isActive());
        QSqlQuery first(database->connection());
        QVERIFY(first.prepare(insert));
        first.addBindValue(u"first"_s);
        QVERIFY2(first.exec(), qPrintable(first.lastError().text()));
        // A read as the repositories make them, its rows not all taken: libpq then says that a
        // statement is active, not that a transaction is open.
        QSqlQuery read(database->connection());
        read.setForwardOnly(true);
        QVERIFY(read.exec(u"SELECT id FROM tracks"_s) && read.next());
        closeByServer(pid, *administrator);
        QVERIFY(!QTest::currentTestFailed());
        QSqlQuery second(database->connection());
        const bool secondWritten =
            second.prepare(insert) && (second.addBindValue(u"second"_s), second.exec());
        QVERIFY(!secondWritten);
        QVERIFY(!transaction.commit());
    }
    QCOMPARE(scalar(*administrator, u"SELECT COUNT(*) FROM tracks"_s).toInt(), 0);
}

void TestStorage::requeueInterrupted()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QVERIFY(repository.insert({makeDownload(1, baseTime, DownloadStatus::Downloading),
                               makeDownload(1, baseTime, DownloadStatus::Queued),
                               makeDownload(1, baseTime, DownloadStatus::Downloading),
                               makeDownload(1, baseTime, DownloadStatus::Paused),
                               makeDownload(1, baseTime, DownloadStatus::Completed)}));

    QueueClaims claims(*database, u"worker-1"_s, 30);
    const Result<int> requeued = claims.requeueInterrupted();
    QVERIFY(requeued);
    QCOMPARE(*requeued, 2);
    QVERIFY(repository.listByStatus(DownloadStatus::Downloading).isEmpty());
    QCOMPARE(repository.listByStatus(DownloadStatus::Queued).size(), 3);
    QCOMPARE(repository.listByStatus(DownloadStatus::Paused).size(), 1);
    QCOMPARE(repository.listByStatus(DownloadStatus::Completed).size(), 1);
    QCOMPARE(*claims.requeueInterrupted(), 0);
}

void TestStorage::countByStatus()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> batch;
    const QList<std::pair<DownloadStatus, int>> wanted{{DownloadStatus::Queued, 4},
                                                       {DownloadStatus::Downloading, 2},
                                                       {DownloadStatus::Completed, 3},
                                                       {DownloadStatus::Cancelled, 1}};
    for (const auto &[status, count] : wanted)
    {
        for (int i = 0; i < count; ++i)
            batch << makeDownload(1, baseTime, status);
    }
    QVERIFY(repository.insert(batch));

    const QHash<DownloadStatus, qint64> counts = repository.countByStatus();
    QCOMPARE(counts.value(DownloadStatus::Queued), 4);
    QCOMPARE(counts.value(DownloadStatus::Downloading), 2);
    QCOMPARE(counts.value(DownloadStatus::Completed), 3);
    QCOMPARE(counts.value(DownloadStatus::Cancelled), 1);
    QCOMPARE(counts.value(DownloadStatus::Paused, -1), 0);
    QCOMPARE(counts.value(DownloadStatus::Failed, -1), 0);
}

void TestStorage::nestedTransactionRollback()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository downloads(*database);
    TrackRepository tracks(*database);
    {
        Transaction outer(*database);
        QVERIFY(outer.isActive());
        QVERIFY(tracks.insert({TrackInput{u"Song"_s, {}, {}, {}, -1}}));
        QVERIFY(downloads.insert({makeDownload(1, baseTime)})); // its own savepoint, released inside ours
        {
            Transaction inner(*database);
            QVERIFY(inner.isActive());
            QVERIFY(downloads.insert({makeDownload(1, baseTime)}));
            QCOMPARE(Test::listDownloads(downloads, std::nullopt, 0, 10).total, 2);
        } // inner rolled back by its destructor
        QCOMPARE(Test::listDownloads(downloads, std::nullopt, 0, 10).total, 1);
        outer.rollback();
        QVERIFY(!outer.isActive());
        QVERIFY(!outer.commit());
    }
    QCOMPARE(Test::listDownloads(downloads, std::nullopt, 0, 10).total, 0);
    QCOMPARE(tracks.list(0, 10).total, 0);
    // Nothing is left open: a plain write outside any scope is durable at once.
    QVERIFY(downloads.insert({makeDownload(1, baseTime)}));
    Database other(location());
    QCOMPARE(Test::listDownloads(DownloadRepository(other), std::nullopt, 0, 10).total, 1);
}

void TestStorage::innerRollbackKeepsOuterWork()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QString keptId;
    {
        Transaction outer(*database);
        const auto kept = repository.insert({makeDownload(1, baseTime)});
        QVERIFY(kept);
        keptId = kept->first().id;
        {
            Transaction inner(*database);
            QVERIFY(repository.insert({makeDownload(1, baseTime), makeDownload(1, baseTime)}));
            inner.rollback();
        }
        // Another connection sees nothing before the outer commit.
        Database other(location());
        QCOMPARE(Test::listDownloads(DownloadRepository(other), std::nullopt, 0, 10).total, 0);
        QVERIFY(outer.commit());
    }
    const Page<Download> page = Test::listDownloads(repository, std::nullopt, 0, 10);
    QCOMPARE(idsOf(page.items), QStringList{keptId});
}

void TestStorage::timestampsRoundTrip()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);

    // 10:00:00.123 at UTC+1 is 09:00:00.123 UTC.
    Download download =
        makeDownload(1, QDateTime(QDate(2026, 11, 25), QTime(10, 0, 0, 123), QTimeZone(3600)));
    download.completedAt = QDateTime(QDate(2026, 11, 25), QTime(9, 5, 0, 7), QTimeZone::utc());
    download.totalBytes = -1;
    const auto inserted = repository.insert({download});
    QVERIFY(inserted);
    const QString id = inserted->first().id;

    const auto raw = [&](const QString &column) {
        return scalar(*database, u"SELECT %1 FROM downloads WHERE id = ?"_s.arg(column), {id});
    };
    QCOMPARE(raw(u"created_at"_s).toString(), u"2026-11-25T09:00:00.123Z"_s);
    QCOMPARE(raw(u"completed_at"_s).toString(), u"2026-11-25T09:05:00.007Z"_s);
    QVERIFY(raw(u"started_at"_s).isNull());
    QVERIFY(raw(u"total_bytes"_s).isNull());
    QVERIFY(raw(u"target_path"_s).isNull());
    QVERIFY(raw(u"updated_at"_s).toString().endsWith(u'Z'));

    const auto found = repository.find(id);
    QVERIFY(found);
    QCOMPARE(found->createdAt, baseTime);
    QCOMPARE(found->createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(found->createdAt.time().msec(), 123);
    QCOMPARE(found->completedAt.time().msec(), 7);
    QVERIFY(!found->startedAt.isValid());
    QCOMPARE(found->totalBytes, -1);
    // What insert() returned is what a read returns.
    QCOMPARE(found->updatedAt, inserted->first().updatedAt);
    QCOMPARE(found->createdAt, inserted->first().createdAt);

    QVERIFY(repository.updateProgress({ProgressUpdate{id, 10, 5000000000LL, 0.0}}));
    QCOMPARE(repository.find(id)->totalBytes, 5000000000LL);
}

// Timestamps are written and read by hand in their usual form (IsoTime); they must say exactly what
// QDateTime's own ISO conversion says, and fall back to it for every other form.
void TestStorage::isoTimeAgreesWithQt()
{
    QRandomGenerator random(20261205);
    for (int i = 0; i < 2000; ++i)
    {
        const qint64 ms = random.bounded(Q_INT64_C(0), Q_INT64_C(253402300799999)); // 1970 .. 9999
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        const QString text = IsoTime::format(time);
        QCOMPARE(text, time.toString(Qt::ISODateWithMs));
        char ascii[24];
        QVERIFY(IsoTime::formatAscii(time, ascii));
        QCOMPARE(QLatin1StringView(ascii, sizeof ascii), text);
        QCOMPARE(IsoTime::parse(text), time);
        QCOMPARE(IsoTime::parse(text).toMSecsSinceEpoch(), ms);
    }
    const QDateTime nineUtc(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);
    QCOMPARE(IsoTime::format(nineUtc.toOffsetFromUtc(3600)), u"2026-11-25T09:00:00.000Z"_s);
    QCOMPARE(IsoTime::parse(u"2026-11-25T10:00:00.000+01:00"), nineUtc);
    QCOMPARE(IsoTime::parse(u"2026-11-25T09:00:00"), nineUtc); // no offset: UTC, never local time
    QVERIFY(!IsoTime::parse(u"2026-02-31T09:00:00.000Z").isValid());
    QVERIFY(!IsoTime::parse(u"2026-11-25T09:00:0x.000Z").isValid());
    QVERIFY(!IsoTime::parse(u"").isValid());
    QCOMPARE(IsoTime::format(QDateTime()), QString());
    char ascii[24];
    QVERIFY(!IsoTime::formatAscii(QDateTime(), ascii));
    QVERIFY(!IsoTime::formatAscii(QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC), ascii));
}

void TestStorage::tracks()
{
    const auto database = openDatabase();
    QVERIFY(database);
    TrackRepository repository(*database);
    const auto inserted =
        repository.insert({TrackInput{u"B Song"_s, u"Artist"_s, u"Album"_s, u"http://127.0.0.1/b.mp3"_s, 215},
                           TrackInput{u"A Song"_s, {}, {}, {}, -1}});
    QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message));
    QCOMPARE(inserted->size(), 2);
    const Track first = inserted->at(0);
    QCOMPARE(first.id.size(), 36);
    QVERIFY(first.createdAt.isValid());

    const auto found = repository.find(first.id);
    QVERIFY(found);
    QCOMPARE(found->title, u"B Song"_s);
    QCOMPARE(found->artist, u"Artist"_s);
    QCOMPARE(found->album, u"Album"_s);
    QCOMPARE(found->sourceUrl, u"http://127.0.0.1/b.mp3"_s);
    QCOMPARE(found->durationSeconds, 215);
    QCOMPARE(found->createdAt, first.createdAt);
    QCOMPARE(repository.find(inserted->at(1).id)->durationSeconds, -1);
    QVERIFY(!repository.find(u"nope"_s));

    const auto more = repository.insert({TrackInput{u"C Song"_s, {}, {}, {}, -1}});
    QVERIFY(more);
    const Page<Track> page = repository.list(1, 5);
    QCOMPARE(page.total, 3);
    QCOMPARE(page.items.size(), 2);
    QCOMPARE(page.items.at(0).title, u"A Song"_s); // insertion order, not title order
    QCOMPARE(page.items.at(1).title, u"C Song"_s);
    QCOMPARE(repository.findMany({first.id, u"nope"_s, more->first().id}).size(), 2);
}

// 100 batches of 1000 rows (10 on PostgreSQL): every row stored once, in insertion order. (Its speed is for
// bench/, not for a unit test on a shared machine.)
void TestStorage::bulkInsertKeepsEveryRowInOrder()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<Download> batch;
    for (int i = 0; i < 1000; ++i)
        batch << makeDownload(2, baseTime);

    // Every row a round trip to the server on PostgreSQL: a tenth of them there keeps the suite
    // within its time on a busy machine and still crosses many batches.
    const int calls = m_driver.isPostgreSql() ? 10 : 100;
    for (int call = 0; call < calls; ++call)
    {
        const auto inserted = repository.insert(batch);
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message));
    }

    const int rows = calls * 1000;
    const Page<Download> last = Test::listDownloads(repository, std::nullopt, rows - 1, 10);
    QCOMPARE(last.total, rows);
    QCOMPARE(last.items.size(), 1);
    QCOMPARE(last.items.first().sequence, rows);
}

// The upsert of the engine's own state: a second value for a key replaces the first.
void TestStorage::engineStateKeepsOneValuePerKey()
{
    const auto database = openDatabase();
    QVERIFY(database);
    EngineState state(*database);
    QCOMPARE(state.value(u"paused"_s).value(), std::nullopt);
    QVERIFY(state.setValue(u"paused"_s, u"true"_s));
    QVERIFY(state.setValue(u"paused"_s, u"false"_s));
    QCOMPARE(state.value(u"paused"_s).value(), std::optional<QString>(u"false"_s));
    QCOMPARE(scalar(*database, u"SELECT COUNT(*) FROM engine_state"_s).toInt(), 1);
}

// The URL's parts are percent-decoded for the driver; what is shown of it never has the password.
void TestStorage::serverUrlIsDecodedAndNeverShown()
{
    const auto location = DatabaseLocation::parse(
        u"postgresql://sound%20man:p%40ss%2Fw%3Ard@db.example:5433/music?sslmode=verify-full"_s);
    QVERIFY(location);
    QVERIFY(location->isPostgreSql());
    QCOMPARE(location->user, u"sound man"_s);
    QCOMPARE(location->password, u"p@ss/w:rd"_s);
    QCOMPARE(location->host, u"db.example"_s);
    QCOMPARE(location->port, 5433);
    QCOMPARE(location->databaseName, u"music"_s);
    QCOMPARE(location->connectOptions(), u"connect_timeout=5;sslmode=verify-full"_s);
    QCOMPARE(location->displayName(), u"postgresql://sound%20man@db.example:5433/music"_s);
    QCOMPARE(DatabaseLocation::parse(u"postgres://u@h/d?connect_timeout=10"_s)->connectOptions(),
             u"connect_timeout=10"_s);
    QCOMPARE(DatabaseLocation::parse(u"/var/lib/soulspot.db"_s)->filePath, u"/var/lib/soulspot.db"_s);

    for (const QString &bad :
         {u"postgresql://u:hunter2@/d"_s, u"postgresql://:hunter2@h/d"_s, u"postgresql://u:hunter2@h/"_s,
          u"postgresql://u:hunter2@h/d?sslmode=maybe"_s, u"postgresql://u:hunter2@h/d?connect_timeout=60"_s,
          u"postgresql://u:hunter2@h/d?password=x"_s, u"postgresql://u:hunter2@h:0/d"_s})
    {
        const auto refused = DatabaseLocation::parse(bad);
        QVERIFY2(!refused, qPrintable(bad));
        QCOMPARE(refused.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(!refused.error().message.contains(u"hunter2"_s), qPrintable(refused.error().message));
        Database database(bad);
        const Status opened = database.open();
        QVERIFY(!opened);
        QVERIFY2(!opened.error().message.contains(u"hunter2"_s), qPrintable(opened.error().message));
    }
}

SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestStorage)
#include "tst_storage.moc"
