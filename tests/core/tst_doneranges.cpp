// SPDX-License-Identifier: GPL-3.0-or-later
// The map of done ranges of a segmented download (issue #10, item 2): ByteRanges merges and
// finds the gaps, its text survives the database on both drivers, and the batched progress
// stores a map only while the row names the version of the file it belongs to.
#include "sources/byteranges.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"
#include "support/storagedrivers.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::StorageDriver;

class TestDoneRanges : public QObject
{
    Q_OBJECT

public:
    explicit TestDoneRanges(StorageDriver::Kind kind)
        : m_driver(kind)
    {
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void rangesMergeAndLeaveGaps();
    void textRoundTripsAndRefusesNonsense();
    void mapIsKeptByOtherWrites();
    void progressStoresOnlyTheCurrentVersionsMap();

private:
    QString insertDownload();

    StorageDriver m_driver;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestDoneRanges::initTestCase()
{
    bool skip = false;
    const QString problem = m_driver.start(skip);
    if (skip)
        QSKIP(qPrintable(problem));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestDoneRanges::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    const QString location = m_driver.newDatabase(*m_dir, error);
    QVERIFY2(!location.isEmpty(), qPrintable(error));
    m_database = std::make_unique<Database>(location);
    QVERIFY(m_database->open().ok());
}

void TestDoneRanges::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

QString TestDoneRanges::insertDownload()
{
    const auto tracks =
        TrackRepository(*m_database).insert({TrackInput{u"T"_s, u"A"_s, {}, u"http://x/a"_s, -1}});
    Download download;
    download.trackId = tracks->constFirst().id;
    return DownloadRepository(*m_database).insert({download})->constFirst().id;
}

void TestDoneRanges::rangesMergeAndLeaveGaps()
{
    ByteRanges ranges;
    ranges.add(100, 200);
    ranges.add(300, 400);
    ranges.add(200, 250); // touches the first: one range
    ranges.add(350, 500); // overlaps the second
    ranges.add(10, 10);   // empty: nothing
    QCOMPARE(ranges.ranges(), (QList<ByteRanges::Range>{{100, 250}, {300, 500}}));
    QCOMPARE(ranges.bytes(), 350);
    QCOMPARE(ranges.gaps(600), (QList<ByteRanges::Range>{{0, 100}, {250, 300}, {500, 600}}));
    ranges.add(0, 600);
    QVERIFY(ranges.covers(600));
    QVERIFY(ranges.gaps(600).isEmpty());
}

void TestDoneRanges::textRoundTripsAndRefusesNonsense()
{
    ByteRanges ranges;
    ranges.add(0, 1048576);
    ranges.add(4194304, 5000000);
    const QString text = ranges.toText(8388608);
    QCOMPARE(text, u"8388608/0-1048576,4194304-5000000"_s);
    const std::optional<ByteRanges::Parsed> parsed = ByteRanges::fromText(text);
    QVERIFY(parsed);
    QCOMPARE(parsed->total, 8388608);
    QCOMPARE(parsed->done.ranges(), ranges.ranges());
    QCOMPARE(ByteRanges().toText(42), u"42/"_s); // nothing done yet, but laid out
    QVERIFY(ByteRanges::fromText(u"42/"_s));
    for (const QString &bad : {u""_s, u"abc"_s, u"/0-5"_s, u"10/0-11"_s, u"10/5-3"_s, u"10/x-4"_s, u"-1/"_s})
        QVERIFY2(!ByteRanges::fromText(bad), qPrintable(bad));
}

// The engine writes whole rows; only the transfer writes the map.
void TestDoneRanges::mapIsKeptByOtherWrites()
{
    const QString id = insertDownload();
    DownloadRepository downloads(*m_database);
    QVERIFY(downloads.setDoneRanges(id, u"100/0-10"_s));
    Download row = *downloads.find(id);
    QCOMPARE(row.doneRanges, u"100/0-10"_s);
    row.doneRanges.clear();
    row.status = DownloadStatus::Paused;
    QVERIFY(downloads.update(row));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-10"_s);
    QVERIFY(downloads.setDoneRanges(id, {}));
    QVERIFY(downloads.find(id)->doneRanges.isEmpty());
}

// A map reported before the file changed on the server (another validator or size on record now)
// must never land beside the new version's bytes.
void TestDoneRanges::progressStoresOnlyTheCurrentVersionsMap()
{
    const QString id = insertDownload();
    DownloadRepository downloads(*m_database);
    QVERIFY(downloads.setResumeState(id, u"\"a\""_s, 100));
    QVERIFY(downloads.updateProgress({ProgressUpdate{id, 10, 100, 10.0}},
                                     {DoneRangesUpdate{id, u"100/0-10"_s, u"\"a\""_s, 100}}));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-10"_s);
    QCOMPARE(downloads.find(id)->bytesDownloaded, 10);

    QVERIFY(downloads.setResumeState(id, u"\"b\""_s, 100));
    QVERIFY(downloads.updateProgress({ProgressUpdate{id, 20, 100, 20.0}},
                                     {DoneRangesUpdate{id, u"100/0-20"_s, u"\"a\""_s, 100}}));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-10"_s);
    QCOMPARE(downloads.find(id)->bytesDownloaded, 20); // the progress itself is stored
    QVERIFY(downloads.updateProgress({ProgressUpdate{id, 20, 90, 20.0}},
                                     {DoneRangesUpdate{id, u"90/0-20"_s, u"\"b\""_s, 90}}));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-10"_s); // same validator, other size
    QVERIFY(downloads.updateProgress({ProgressUpdate{id, 30, 100, 30.0}},
                                     {DoneRangesUpdate{id, u"100/0-30"_s, u"\"b\""_s, 100}}));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-30"_s);
    // The version forgotten (the file changed): no map is stored at all.
    QVERIFY(downloads.setResumeState(id, {}, -1));
    QVERIFY(downloads.updateProgress({ProgressUpdate{id, 40, 100, 40.0}},
                                     {DoneRangesUpdate{id, u"100/0-40"_s, u"\"b\""_s, 100}}));
    QCOMPARE(downloads.find(id)->doneRanges, u"100/0-30"_s);
}

SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestDoneRanges)
#include "tst_doneranges.moc"
