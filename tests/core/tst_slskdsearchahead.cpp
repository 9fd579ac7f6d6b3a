// SPDX-License-Identifier: GPL-3.0-or-later
// Soulseek searches made ahead of their jobs: while the download slots are busy, the next waiting
// downloads are searched, and their jobs start with the results. Against the stand-in slskd (two
// searches running at once, 429 to overlapping starts), a real SQLite file and the
// DownloadService; files by SHA-256.
#include "support/fakeslskd.h"
#include "support/slskdtestbed.h"
#include "support/testhttpserver.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;
using Behavior = FakeSlskdPeer::Behavior;

namespace {

constexpr int Timeout = 20000;

// Song 1 is "Song Alpha" (single-letter words are left out of a Soulseek search).
QString songTitle(int i)
{
    static const QStringList names{u"Alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s, u"Echo"_s, u"Foxtrot"_s};
    return u"Song "_s + names.value(i - 1);
}

QString songPath(int i)
{
    return u"@@p%1\\Artist\\Album\\%2.flac"_s.arg(i).arg(songTitle(i));
}

// Peer `i` shares "Song i" (2000 + i random bytes, seed 300 + i).
void addSongs(SlskdTestbed &bed, int count, int transferMs, Behavior first = Behavior::Deliver)
{
    for (int i = 1; i <= count; ++i)
    {
        FakeSlskdPeer peer = SlskdTestbed::peer(
            u"peer%1"_s.arg(i), SlskdTestbed::audioFile(songPath(i), 2000 + i, quint32(300 + i)),
            i == 1 ? first : Behavior::Deliver);
        peer.transferMs = transferMs;
        bed.slskd().addPeer(peer);
    }
}

QStringList importSongs(SlskdTestbed &bed, int count)
{
    QStringList lines;
    for (int i = 1; i <= count; ++i)
        lines.append(u"Artist - "_s + songTitle(i));
    return bed.importLines(lines.join(u'\n'));
}

QByteArray sha256Of(SlskdTestbed &bed, const QString &id)
{
    return TestHttpServer::sha256OfFile(bed.downloadOf(id).targetPath);
}

QByteArray expectedSha256(int i)
{
    return TestHttpServer::sha256(TestHttpServer::randomBody(2000 + i, quint32(300 + i)));
}

// How often each text was searched in slskd.
QHash<QString, int> searchesPerText(SlskdTestbed &bed)
{
    QHash<QString, int> counts;
    for (const FakeSlskd::SearchRecord &record : bed.slskd().searchLog())
        counts[record.text] += 1;
    return counts;
}

// The first search for song `i` (an empty record when there was none).
FakeSlskd::SearchRecord searchFor(SlskdTestbed &bed, int i)
{
    for (const FakeSlskd::SearchRecord &record : bed.slskd().searchLog())
    {
        if (record.text.contains(songTitle(i), Qt::CaseInsensitive))
            return record;
    }
    return {};
}

} // namespace

class TestSlskdSearchAhead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void waitingDownloadsAreSearchedWhileTheSlotIsBusy();
    void searchesAheadKeepToTheirLimits();
    void downloadThatLeavesTheQueueLosesItsSearch_data();
    void downloadThatLeavesTheQueueLosesItsSearch();
    void pausedQueueSearchesNothingAhead();
};

void TestSlskdSearchAhead::waitingDownloadsAreSearchedWhileTheSlotIsBusy()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    addSongs(bed, 4, 600);
    QVERIFY(bed.startService(bed.options(), 1));
    const QStringList ids = importSongs(bed, 4);
    QCOMPARE(ids.size(), 4);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(sha256Of(bed, ids.at(i - 1)), expectedSha256(i));

    // One search per download: the three waiting ones were searched while the first one's
    // transfer ran (before the second enqueue), and their jobs used those results.
    const QHash<QString, int> perText = searchesPerText(bed);
    QCOMPARE(perText.size(), 4);
    for (auto it = perText.cbegin(); it != perText.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(u"\"%1\" searched %2 times"_s.arg(it.key()).arg(it.value())));
    QList<qint64> enqueues;
    for (const FakeSlskd::Request &request : bed.slskd().requests())
    {
        if (request.method == "POST" && request.path.startsWith("/api/v0/transfers/downloads"_L1))
            enqueues.append(request.atMs);
    }
    QCOMPARE(enqueues.size(), 4);
    for (int i = 2; i <= 4; ++i)
    {
        const FakeSlskd::SearchRecord record = searchFor(bed, i);
        QVERIFY(!record.id.isEmpty());
        QVERIFY2(record.startedAtMs < enqueues.at(1), qPrintable(songTitle(i) + u" searched late"_s));
        QVERIFY(!record.cancelled);
    }
    QCOMPARE(bed.source()->searchesAhead(), 3);
    QCOMPARE(bed.source()->searchesAheadUsed(), 3);
    // Within slskd's rules: two searches at most, their start requests never overlapping.
    QVERIFY(bed.slskd().maxConcurrentSearches() <= 2);
    QCOMPARE(bed.slskd().maxQueuedSearches(), 0);
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

void TestSlskdSearchAhead::searchesAheadKeepToTheirLimits()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    FakeSlskdTimings timings;
    timings.searchMs = 200;
    timings.searchStartMs = 40; // two start requests at once would get 429
    bed.slskd().setTimings(timings);
    addSongs(bed, 6, 300, Behavior::Stall); // the first waits in its peer's queue until cancelled
    SlskdOptions options = bed.options();
    options.maxSearches = 1;
    options.searchAhead = 2;
    QVERIFY(bed.startService(options, 1));
    const QStringList ids = importSongs(bed, 6);
    QCOMPARE(ids.size(), 6);

    // The first download's search, then two ahead (the window), one at a time; both done and
    // deleted in slskd while the first download still waits.
    QTRY_COMPARE_WITH_TIMEOUT(bed.source()->searchesAhead(), 2, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().storedSearches(), 0, Timeout);
    QCOMPARE(bed.slskd().searchCount(), 3);
    QCOMPARE(bed.statusName(ids.at(0)), u"downloading"_s);
    QVERIFY(!searchFor(bed, 2).id.isEmpty());
    QVERIFY(!searchFor(bed, 3).id.isEmpty());

    QVERIFY(bed.service().cancel(ids.at(0)));
    for (int i = 2; i <= 6; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(ids.at(i - 1)), u"completed"_s, Timeout);
    for (int i = 2; i <= 6; ++i)
        QCOMPARE(sha256Of(bed, ids.at(i - 1)), expectedSha256(i));
    // Every download searched once, each waiting one ahead of its job; one search at a time.
    QCOMPARE(bed.slskd().searchCount(), 6);
    QCOMPARE(searchesPerText(bed).size(), 6);
    QCOMPARE(bed.source()->searchesAheadUsed(), 5);
    QCOMPARE(bed.slskd().maxConcurrentSearches(), 1);
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

void TestSlskdSearchAhead::downloadThatLeavesTheQueueLosesItsSearch_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("removed") << u"remove"_s;
    QTest::newRow("cancelled") << u"cancel"_s;
    QTest::newRow("paused") << u"pause"_s;
}

void TestSlskdSearchAhead::downloadThatLeavesTheQueueLosesItsSearch()
{
    QFETCH(QString, action);
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    addSongs(bed, 3, 200, Behavior::Stall);
    QVERIFY(bed.startService(bed.options(), 1));
    // The first download takes the only slot and stays in its peer's queue.
    const QStringList first = importSongs(bed, 1);
    QCOMPARE(first.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().activeTransfers(), 1, Timeout);
    // Two more, added while the slot is busy, are searched ahead at once; their searches run long
    // enough for the second download to leave the queue meanwhile.
    FakeSlskdTimings timings;
    timings.searchMs = 4000;
    bed.slskd().setTimings(timings);
    QStringList lines{u"Artist - "_s + songTitle(2), u"Artist - "_s + songTitle(3)};
    const QStringList ids = first + bed.importLines(lines.join(u'\n'));
    QCOMPARE(ids.size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().searchLog().size(), 3, Timeout);
    QCOMPARE(bed.slskd().storedSearches(), 2);

    if (action == "remove"_L1)
        QVERIFY(bed.service().remove(ids.at(1)));
    else if (action == "cancel"_L1)
        QVERIFY(bed.service().cancel(ids.at(1)));
    else
        QVERIFY(bed.service().pause(ids.at(1)));
    // Its search is cancelled and deleted in slskd; the third one's runs on.
    QTRY_VERIFY_WITH_TIMEOUT(searchFor(bed, 2).cancelled, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().storedSearches(), 1, Timeout);
    QVERIFY(!searchFor(bed, 3).cancelled);

    QVERIFY(bed.service().cancel(ids.at(0)));
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(ids.at(2)), u"completed"_s, Timeout);
    QCOMPARE(sha256Of(bed, ids.at(2)), expectedSha256(3));
    QCOMPARE(bed.source()->searchesAheadUsed(), 1);
    QCOMPARE(bed.slskd().searchLog().size(), 3); // nothing searched again for the second
    QCOMPARE(bed.slskd().enqueueCount(), 2);     // and nothing queued for it
    if (action == "pause"_L1)
    {
        // Resumed, it searches afresh (what was searched ahead is gone) and arrives.
        QVERIFY(bed.service().resume(ids.at(1)));
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(ids.at(1)), u"completed"_s, Timeout);
        QCOMPARE(sha256Of(bed, ids.at(1)), expectedSha256(2));
        QCOMPARE(searchesPerText(bed).value(searchFor(bed, 2).text), 2);
    }
    QVERIFY(bed.slskd().maxConcurrentSearches() <= 2);
    QCOMPARE(bed.slskd().maxQueuedSearches(), 0);
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

void TestSlskdSearchAhead::pausedQueueSearchesNothingAhead()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    addSongs(bed, 3, 200, Behavior::Stall);
    QVERIFY(bed.startService(bed.options(), 1));
    const QStringList first = importSongs(bed, 1);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().activeTransfers(), 1, Timeout);
    FakeSlskdTimings timings;
    timings.searchMs = 4000; // the searches ahead still run when the queue is paused
    bed.slskd().setTimings(timings);
    const QStringList lines{u"Artist - "_s + songTitle(2), u"Artist - "_s + songTitle(3)};
    const QStringList ids = first + bed.importLines(lines.join(u'\n'));
    QCOMPARE(ids.size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().searchLog().size(), 3, Timeout);

    // The whole queue paused: the searches ahead are cancelled, and nothing is searched meanwhile.
    bed.service().pauseQueue();
    QTRY_VERIFY_WITH_TIMEOUT(searchFor(bed, 2).cancelled && searchFor(bed, 3).cancelled, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().storedSearches(), 0, Timeout);
    QCOMPARE(bed.slskd().searchLog().size(), 3);

    // Resumed: searched ahead again while the first one takes the slot, and all arrive.
    timings.searchMs = 150;
    bed.slskd().setTimings(timings);
    bed.slskd().setPeerBehavior(u"peer1"_s, Behavior::Deliver);
    bed.service().resumeQueue();
    for (int i = 1; i <= 3; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(ids.at(i - 1)), u"completed"_s, Timeout);
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(sha256Of(bed, ids.at(i - 1)), expectedSha256(i));
    QCOMPARE(searchesPerText(bed).value(searchFor(bed, 2).text), 2);
    QCOMPARE(searchesPerText(bed).value(searchFor(bed, 3).text), 2);
    QCOMPARE(bed.source()->searchesAheadUsed(), 2);
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

QTEST_GUILESS_MAIN(TestSlskdSearchAhead)
#include "tst_slskdsearchahead.moc"
