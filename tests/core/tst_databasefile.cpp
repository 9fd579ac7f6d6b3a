// SPDX-License-Identifier: GPL-3.0-or-later
// The database file as a whole, on real SQLite files: the backup beside it (before every schema
// upgrade, and once a day), the check that refuses a damaged file without changing a byte, and
// read errors of a damaged page surfacing as errors instead of empty answers.
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "storage/databasecheck.h"
#include "storage/downloadrepository.h"
#include "storage/migrations.h"
#include "storage/sqldialect.h"
#include "storage/sqlsupport.h"
#include "storage/trackrepository.h"
#include "support/databasedamage.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;

namespace {

// The seed's table as its own tools leave it: no user_version (0).
const QString seedDownloadsDdl =
    u"CREATE TABLE downloads (id TEXT PRIMARY KEY, track_id TEXT NOT NULL, status TEXT NOT NULL, "
    "priority INTEGER NOT NULL DEFAULT 0, target_path TEXT, source_url TEXT, progress_percent REAL "
    "DEFAULT 0.0, error_message TEXT, started_at TIMESTAMP, completed_at TIMESTAMP, created_at "
    "TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)"_s;

// Runs statements on a file through a connection of its own, as another tool would.
void runOnFile(const QString &path, const QStringList &statements)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements)
        {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement + u": "_s + query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// The user_version and the download ids of a file, read through a connection of its own.
struct FileContents
{
    int userVersion = -1;
    QStringList downloadIds;
};

FileContents readFile(const QString &path)
{
    const QString name = QUuid::createUuid().toString();
    FileContents contents;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open())
        {
            QSqlQuery query(db);
            if (query.exec(u"PRAGMA user_version"_s) && query.next())
                contents.userVersion = query.value(0).toInt();
            if (query.exec(u"SELECT id FROM downloads ORDER BY id"_s))
            {
                while (query.next())
                    contents.downloadIds << query.value(0).toString();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return contents;
}

QString insertSeedRow(int number)
{
    return u"INSERT INTO downloads (id, track_id, status, created_at, updated_at) VALUES ('row-%1', 't', "
           "'queued', '2026-11-25T09:00:00.000Z', '2026-11-25T09:00:00.000Z')"_s.arg(number);
}

QList<TrackInput> tracksAt(const QString &url, int count)
{
    QList<TrackInput> inputs;
    for (int i = 0; i < count; ++i)
        inputs.append(TrackInput{u"Song %1"_s.arg(i), u"Artist"_s, {}, u"%1/%2.mp3"_s.arg(url).arg(i), -1});
    return inputs;
}

} // namespace

class TestDatabaseFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void backupBeforeUpgrade_data();
    void backupBeforeUpgrade();
    void noBackupOfNewDatabase();
    void backupOnceADay();
    void damagedFileIsRefusedUntouched();
    void fullCheck();
    void fileThatIsNoDatabaseSaysWhy();
    void damagedPageIsAReadError();
    void damageMidwayEndsTheRowsWithAnError();
    void unreadableTrackPausesInsteadOfFailing();

private:
    QString path() const { return m_dir->filePath(u"soulspot.db"_s); }
    QString backupPath() const { return path() + u".bak"_s; }
    // A database at the current version with `count` queued downloads (and their tracks).
    void fillDatabase(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabaseFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabaseFile::cleanup()
{
    m_dir.reset();
}

void TestDatabaseFile::fillDatabase(int count)
{
    Database database(path());
    QVERIFY(database.open().ok());
    const Result<QList<Track>> tracks =
        TrackRepository(database).insert(tracksAt(u"http://127.0.0.1:9"_s, count));
    QVERIFY(tracks.ok());
    QList<Download> downloads;
    for (const Track &track : *tracks)
    {
        Download download;
        download.trackId = track.id;
        download.sourceUrl = track.sourceUrl;
        download.priority = 1;
        downloads.append(download);
    }
    QVERIFY(DownloadRepository(database).insert(downloads).ok());
}

void TestDatabaseFile::backupBeforeUpgrade_data()
{
    QTest::addColumn<int>("version");
    // 0: the seed's own file, taken over; then every released schema older than this build's.
    for (int version = 0; version < Database::currentSchemaVersion(); ++version)
        QTest::addRow("from version %d", version) << version;
}

void TestDatabaseFile::backupBeforeUpgrade()
{
    QFETCH(int, version);
    QStringList statements{seedDownloadsDdl};
    // As the program's own migration runs them on SQLite (PostgreSQL-only statements left out).
    const SqlDialect sqlite(DatabaseLocation::Driver::Sqlite);
    for (int step = 1; step <= version; ++step)
    {
        for (const QString &statement : Migrations::steps().at(step - 1))
        {
            if (const QString runs = sqlite.migrationStatement(statement); !runs.isEmpty())
                statements << runs;
        }
    }
    statements << u"PRAGMA user_version = %1"_s.arg(version) << insertSeedRow(1) << insertSeedRow(2);
    runOnFile(path(), statements);
    if (QTest::currentTestFailed())
        return;

    Database database(path());
    QVERIFY(database.open().ok());
    QCOMPARE(database.schemaVersion(), Database::currentSchemaVersion());

    // The file as it was before the upgrade, whole in one file: it opens alone, elsewhere.
    const QFileInfo backup(backupPath());
    QVERIFY(backup.isFile() && !backup.isSymLink());
    struct stat original = {}, copy = {};
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &original), 0);
    QCOMPARE(::stat(QFile::encodeName(backupPath()).constData(), &copy), 0);
    QVERIFY(original.st_ino != copy.st_ino);
    QVERIFY(!QFile::exists(backupPath() + u".tmp"_s));
    QTemporaryDir elsewhere;
    QVERIFY(QFile::copy(backupPath(), elsewhere.filePath(u"restored.db"_s)));
    const FileContents restored = readFile(elsewhere.filePath(u"restored.db"_s));
    QCOMPARE(restored.userVersion, version);
    QCOMPARE(restored.downloadIds, (QStringList{u"row-1"_s, u"row-2"_s}));
}

void TestDatabaseFile::noBackupOfNewDatabase()
{
    Database database(path());
    QVERIFY(database.open().ok());
    QVERIFY(!QFile::exists(backupPath()));
}

void TestDatabaseFile::backupOnceADay()
{
    fillDatabase(3);
    QVERIFY(!QFile::exists(backupPath())); // it was new: nothing to keep yet
    {
        Database database(path());
        QVERIFY(database.open().ok()); // no backup yet: one is made now
    }
    QCOMPARE(readFile(backupPath()).downloadIds.size(), 3);

    // A backup younger than a day is kept as it is.
    const QDateTime recent = QDateTime::currentDateTimeUtc().addSecs(-23 * 3600);
    {
        QFile backup(backupPath());
        QVERIFY(backup.open(QIODevice::ReadWrite));
        QVERIFY(backup.setFileTime(recent, QFileDevice::FileModificationTime));
    }
    fillDatabase(1);
    QCOMPARE(QFileInfo(backupPath()).lastModified().toUTC().toSecsSinceEpoch(), recent.toSecsSinceEpoch());
    QCOMPARE(readFile(backupPath()).downloadIds.size(), 3);

    // One older than a day is replaced at the next start.
    {
        QFile backup(backupPath());
        QVERIFY(backup.open(QIODevice::ReadWrite));
        QVERIFY(backup.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-25 * 3600),
                                   QFileDevice::FileModificationTime));
    }
    {
        Database database(path());
        QVERIFY(database.open().ok());
    }
    QVERIFY(QFileInfo(backupPath()).lastModified().secsTo(QDateTime::currentDateTime()) < 3600);
    QCOMPARE(readFile(backupPath()).downloadIds.size(), 4);
}

void TestDatabaseFile::damagedFileIsRefusedUntouched()
{
    fillDatabase(300);
    {
        Database database(path());
        QVERIFY(database.open().ok()); // makes the backup the message points to
    }
    QVERIFY(Test::damageTablePages(path(), u"downloads"_s) > 0);
    const QByteArray before = TestHttpServer::sha256OfFile(path());

    Database database(path());
    const Status opened = database.open();
    QVERIFY(!opened.ok());
    const QString message = opened.error().message;
    QVERIFY2(message.contains(path()) && message.contains(u"damaged"_s) && message.contains(backupPath()),
             qPrintable(message));
    database.releaseThreadConnection();
    QCOMPARE(TestHttpServer::sha256OfFile(path()), before);
    QCOMPARE(QFileInfo(path() + u"-wal"_s).size(), 0); // no WAL frame either (or no WAL at all)

    // The backup it names is sound and holds every row.
    QVERIFY(checkIntegrity(backupPath(), IntegrityCheck::Full).ok());
    QCOMPARE(readFile(backupPath()).downloadIds.size(), 300);
}

void TestDatabaseFile::fullCheck()
{
    fillDatabase(50);
    QVERIFY(checkIntegrity(path(), IntegrityCheck::Full).ok());
    QVERIFY(checkIntegrity(m_dir->filePath(u"missing.db"_s), IntegrityCheck::Full).ok()); // a new one
    QVERIFY(Test::damageTablePages(path(), u"tracks"_s) > 0);
    const Status checked = checkIntegrity(path(), IntegrityCheck::Full);
    QVERIFY(!checked.ok());
    QCOMPARE(checked.error().kind, ErrorKind::Storage);
    QVERIFY2(checked.error().message.contains(u"There is no backup"_s), qPrintable(checked.error().message));
}

void TestDatabaseFile::fileThatIsNoDatabaseSaysWhy()
{
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    Database database(path());
    const Status opened = database.open();
    QVERIFY(!opened.ok());
    // SQLite's own words, not an empty reason after the colon.
    QVERIFY2(opened.error().message.contains(path()) && opened.error().message.contains(u"not a database"_s),
             qPrintable(opened.error().message));
}

void TestDatabaseFile::damagedPageIsAReadError()
{
    fillDatabase(300);
    Database database(path());
    QVERIFY(database.open().ok());
    const QString someId = DownloadRepository(database).listByStatus(DownloadStatus::Queued).value(150).id;
    QVERIFY(!someId.isEmpty());
    QVERIFY(Test::damageTablePages(path(), u"downloads"_s) > 0);

    const DownloadRepository downloads(database);
    const Result<QList<Download>> page = downloads.listPage(std::nullopt, 0, 50);
    QVERIFY2(!page.ok(), "a damaged table read as a page of rows");
    QCOMPARE(page.error().kind, ErrorKind::Storage);
    QVERIFY(!downloads.read(someId).ok());

    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"music"_s);
    DownloadService service(database, options);
    const Result<Page<Download>> listed = service.downloads(std::nullopt, 0, 50);
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().kind, ErrorKind::Storage);
    const Result<Download> one = service.download(someId);
    QVERIFY(!one.ok());
    QCOMPARE(one.error().kind, ErrorKind::Storage);
}

void TestDatabaseFile::damageMidwayEndsTheRowsWithAnError()
{
    fillDatabase(300);
    Database database(path());
    QVERIFY(database.open().ok());
    // The root and the first leaves stay: the scan starts well and meets the damage later on,
    // where QSqlQuery::next() says "no more rows" as it does at the real end.
    QVERIFY(Test::damageTablePages(path(), u"downloads"_s, 3) > 0);
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    QVERIFY2(query.exec(u"SELECT * FROM downloads"_s), qPrintable(query.lastError().text()));
    int rows = 0;
    const Status read =
        Sql::readRows(query, u"Reading every download", [&rows](const QSqlQuery &) { ++rows; });
    QVERIFY(rows > 0);
    QVERIFY(rows < 300);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Storage);
}

void TestDatabaseFile::unreadableTrackPausesInsteadOfFailing()
{
    fillDatabase(20);
    Database database(path());
    QVERIFY(database.open().ok());
    QVERIFY(Test::damageTablePages(path(), u"tracks"_s) > 0);

    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"music"_s);
    DownloadService service(database, options);
    service.addSource(std::make_unique<HttpSource>());
    QVERIFY(service.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(service.stats().pausedDownloads, 20, 20000);
    QCOMPARE(service.stats().failed, 0);
    const Result<Page<Download>> paused = service.downloads(DownloadStatus::Paused, 0, 50);
    QVERIFY(paused.ok());
    for (const Download &download : paused->items)
        QVERIFY2(download.errorMessage.contains(u"database"_s), qPrintable(download.errorMessage));
}

QTEST_GUILESS_MAIN(TestDatabaseFile)
#include "tst_databasefile.moc"
