// SPDX-License-Identifier: GPL-3.0-or-later
// LiveProgress against a real SQLite file: reports of running downloads stay in memory and reach
// the table in batches. A trigger in the file counts the rows the progress writes touch.
#include "service/liveprogress.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

constexpr std::chrono::hours NeverByTimer{1};

} // namespace

class TestLiveProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void manyReportsAreOneWritePerFlush();
    void reportsTellTheRowWithoutReadingIt();
    void endDropsUnwrittenProgress();
    void timerWritesInBatchesAndStopWritesTheRest();

private:
    Download addDownload();
    Download stored(const QString &id) const;
    int progressWrites() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    QString m_trackId;
};

void TestLiveProgress::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(u"CREATE TABLE progress_writes (download_id TEXT)"_s));
    QVERIFY(query.exec(u"CREATE TRIGGER count_progress AFTER UPDATE OF bytes_downloaded ON downloads "
                       "BEGIN INSERT INTO progress_writes VALUES (NEW.id); END"_s));
    TrackInput input;
    input.sourceUrl = u"https://example.org/a.flac"_s;
    const Result<QList<Track>> tracks = TrackRepository(*m_database).insert({input});
    QVERIFY(tracks.ok());
    m_trackId = tracks->first().id;
}

void TestLiveProgress::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

Download TestLiveProgress::addDownload()
{
    Download download;
    download.trackId = m_trackId;
    download.status = DownloadStatus::Downloading;
    const Result<QList<Download>> added = DownloadRepository(*m_database).insert({download});
    return added ? added->first() : Download{};
}

Download TestLiveProgress::stored(const QString &id) const
{
    return DownloadRepository(*m_database).find(id).value_or(Download{});
}

int TestLiveProgress::progressWrites() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"SELECT COUNT(*) FROM progress_writes"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

void TestLiveProgress::manyReportsAreOneWritePerFlush()
{
    LiveProgress live(*m_database, NeverByTimer);
    const Download a = addDownload();
    const Download b = addDownload();
    live.begin(a);
    live.begin(b);
    for (int i = 1; i <= 1000; ++i)
    {
        QVERIFY(live.progressed(a.id, i * 100, 100000));
        QVERIFY(live.progressed(b.id, i * 50, 100000));
    }
    QCOMPARE(progressWrites(), 0);
    QCOMPARE(stored(a.id).bytesDownloaded, 0);

    live.flush();
    QCOMPARE(progressWrites(), 2); // one row each, whatever the number of reports
    QCOMPARE(stored(a.id).bytesDownloaded, 100000);
    QCOMPARE(stored(a.id).progressPercent, 100.0);
    QCOMPARE(stored(b.id).bytesDownloaded, 50000);
    QCOMPARE(stored(b.id).totalBytes, 100000);

    live.flush(); // nothing moved since
    QCOMPARE(progressWrites(), 2);
    QVERIFY(live.progressed(b.id, 60000, 100000));
    live.flush();
    QCOMPARE(progressWrites(), 3);
    QCOMPARE(stored(b.id).bytesDownloaded, 60000);
}

void TestLiveProgress::reportsTellTheRowWithoutReadingIt()
{
    LiveProgress live(*m_database, NeverByTimer);
    Download row = addDownload();
    row.priority = 0;
    live.begin(row);
    QVERIFY(live.isLive(row.id));
    // A change behind the engine's back shows that the reports do not read the table.
    Download elsewhere = row;
    elsewhere.priority = 2;
    QVERIFY(DownloadRepository(*m_database).update(elsewhere).ok());

    const std::optional<Download> moved = live.progressed(row.id, 2500, 10000);
    QVERIFY(moved);
    QCOMPARE(moved->priority, 0);
    QVERIFY(moved->status == DownloadStatus::Downloading);
    QCOMPARE(moved->bytesDownloaded, 2500);
    QCOMPARE(moved->progressPercent, 25.0);

    const std::optional<Download> noted = live.noteChanged(row.id, u"in the peer's queue (3)"_s);
    QVERIFY(noted);
    QCOMPARE(noted->transferNote, u"in the peer's queue (3)"_s);
    QCOMPARE(noted->bytesDownloaded, 2500);

    const std::optional<Download> pathed = live.targetPathChosen(row.id, u"/music/a.flac"_s);
    QVERIFY(pathed);
    QCOMPARE(pathed->targetPath, u"/music/a.flac"_s);

    // A row stored again keeps the live values on top, and the path the job chose.
    Download restored = *pathed;
    restored.priority = 1;
    restored.bytesDownloaded = 0;
    live.rowStored(restored);
    const Download shown = live.withLiveValues(stored(row.id));
    QCOMPARE(shown.bytesDownloaded, 2500);
    QCOMPARE(shown.transferNote, u"in the peer's queue (3)"_s);
    QCOMPARE(live.progressed(row.id, 3000, 10000)->priority, 1);

    QVERIFY(!live.progressed(u"not-running"_s, 1, 2));
    QVERIFY(!live.noteChanged(u"not-running"_s, u"x"_s));
    QVERIFY(!live.targetPathChosen(u"not-running"_s, u"/x"_s));
    const Download other = addDownload();
    QCOMPARE(live.withLiveValues(other).bytesDownloaded, 0);
}

void TestLiveProgress::endDropsUnwrittenProgress()
{
    LiveProgress live(*m_database, NeverByTimer);
    const Download row = addDownload();
    live.begin(row);
    QVERIFY(live.progressed(row.id, 700, 1000));
    QVERIFY(live.noteChanged(row.id, u"busy"_s));

    const std::optional<Download> last = live.end(row.id);
    QVERIFY(last);
    QCOMPARE(last->bytesDownloaded, 700);
    QCOMPARE(last->totalBytes, 1000);
    QCOMPARE(last->progressPercent, 70.0);
    QCOMPARE(last->speedBytesPerSecond, 0);
    QVERIFY(last->transferNote.isEmpty());
    QVERIFY(!live.isLive(row.id));
    QCOMPARE(live.totalSpeed(), 0);

    // The caller stores the row with the run's end; the progress is not written on top of it.
    live.flush();
    QCOMPARE(progressWrites(), 0);
    QVERIFY(!live.progressed(row.id, 800, 1000));
    QVERIFY(!live.end(row.id));
}

void TestLiveProgress::timerWritesInBatchesAndStopWritesTheRest()
{
    LiveProgress live(*m_database, std::chrono::milliseconds(10));
    const Download row = addDownload();
    live.begin(row);
    live.start();
    // Every report is made before the event loop runs: the timer finds one batch to write.
    for (int i = 1; i <= 500; ++i)
        live.progressed(row.id, i, 500);
    QTRY_COMPARE(stored(row.id).bytesDownloaded, 500);
    QCOMPARE(progressWrites(), 1);

    live.progressed(row.id, 400, 500); // restarted from less: the table follows
    live.stop();
    QCOMPARE(stored(row.id).bytesDownloaded, 400);
    QCOMPARE(progressWrites(), 2);
}

QTEST_GUILESS_MAIN(TestLiveProgress)
#include "tst_liveprogress.moc"
