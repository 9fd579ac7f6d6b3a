// SPDX-License-Identifier: GPL-3.0-or-later
// Soulseek downloads end to end: an imported "Artist - Title" line, the DownloadService with a
// real SQLite file, the SlskdSource, and the stand-in slskd on 127.0.0.1; files by SHA-256.
#include "sources/slskd/slskdtypes.h"
#include "support/fakeslskd.h"
#include "support/slskdtestbed.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;
using Behavior = FakeSlskdPeer::Behavior;

namespace {

constexpr int Timeout = 20000;

QStringList filesIn(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden);
}

} // namespace

class TestSlskdSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void importedLineArrivesInDownloadFolder();
    void csvRowWithoutUrlAndSlskLink();
    void nextCandidateWhenPeerRejectsOrIsOffline();
    void waitsOutSlskdRetriesThenMovesOn();
    void failsAfterFiveCandidatesWithWhatWasTried();
    void pauseAndResumeLeaveNothingInSlskd();
    void cancelLeavesNothingInSlskd();
    void restartFollowsRunningTransfer();
    void cancelWhileNotRunningCancelsInSlskd();
    void wrongKeyFailsWithMessage();

private:
    std::unique_ptr<SlskdTestbed> m_bed;
};

void TestSlskdSource::init()
{
    m_bed = std::make_unique<SlskdTestbed>();
    QVERIFY(m_bed->isReady());
}

void TestSlskdSource::cleanup()
{
    m_bed.reset();
}

void TestSlskdSource::importedLineArrivesInDownloadFolder()
{
    const FakeSlskdFile flac =
        SlskdTestbed::audioFile(u"@@abcde\\Music\\Artist\\Album\\01 - Title.flac"_s, 300000, 1);
    FakeSlskdPeer flacPeer = SlskdTestbed::peer(u"flac fan"_s, flac);
    flacPeer.files.append(SlskdTestbed::audioFile(u"@@abcde\\Music\\Artist\\Album\\cover.jpg"_s, 100, 2));
    flacPeer.hasFreeUploadSlot = false;
    flacPeer.uploadSpeed = 1000;
    FakeSlskdPeer mp3Peer = SlskdTestbed::peer(
        u"mp3guy"_s, SlskdTestbed::audioFile(u"C:\\Share\\Artist - Title.mp3"_s, 90000, 3, 320));
    mp3Peer.uploadSpeed = 50'000'000;
    FakeSlskdFile locked = SlskdTestbed::audioFile(u"@@zz\\Artist\\Title.flac"_s, 200, 4);
    locked.locked = true;
    m_bed->slskd().addPeer(flacPeer);
    m_bed->slskd().addPeer(mp3Peer);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"locker"_s, locked));
    QVERIFY(m_bed->startService(m_bed->options()));

    const QStringList ids = m_bed->importLines(u"Artist - Title\n"_s);
    QCOMPARE(ids.size(), 1);
    const QString id = ids.first();
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);

    const Download done = m_bed->downloadOf(id);
    QCOMPARE(done.targetPath, QDir(m_bed->downloadDirectory()).filePath(u"01 - Title.flac"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(flac.content));
    QCOMPARE(done.bytesDownloaded, 300000);
    QCOMPARE(filesIn(m_bed->downloadDirectory()), QStringList{u"01 - Title.flac"_s});
    // The chosen user and file are the download's source.
    const SlskdSourceInfo info = SlskdSourceInfo::fromJson(done.sourceInfo);
    QCOMPARE(info.username, u"flac fan"_s);
    QCOMPARE(info.filename, flac.filename);
    QCOMPARE(SlskdSourceInfo::displayText(done.sourceInfo), u"flac fan: 01 - Title.flac"_s);
    // Moved, not copied; and nothing left behind in slskd.
    QVERIFY(!QFileInfo::exists(m_bed->slskdDirectory() + u"/Album/01 - Title.flac"_s));
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
    QCOMPARE(m_bed->slskd().storedSearches(), 0);
    QCOMPARE(m_bed->slskd().enqueueCount(), 1);
}

void TestSlskdSource::csvRowWithoutUrlAndSlskLink()
{
    const FakeSlskdFile fromCsv =
        SlskdTestbed::audioFile(u"@@c\\Artist\\Album\\Row Song.mp3"_s, 12000, 80, 320);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"csv"_s, fromCsv));
    // A slsk: link names its file: that one is taken even though a flac ranks higher.
    const FakeSlskdFile linked = SlskdTestbed::audioFile(u"@@l\\Mix\\Linked Song.mp3"_s, 13000, 81, 192);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"djx"_s, linked));
    m_bed->slskd().addPeer(
        SlskdTestbed::peer(u"flac"_s, SlskdTestbed::audioFile(u"@@f\\Mix\\Linked Song.flac"_s, 14000, 82)));
    QVERIFY(m_bed->startService(m_bed->options()));
    const QStringList ids = m_bed->importLines(
        u"title,artist,album,url\nRow Song,Artist,Album,\n,,,slsk://djx/@@l/Mix/Linked%20Song.mp3\n"_s,
        ImportParser::Format::Csv);
    QCOMPARE(ids.size(), 2);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(ids.at(0)).targetPath),
             TestHttpServer::sha256(fromCsv.content));
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(ids.at(1)).targetPath),
             TestHttpServer::sha256(linked.content));
}

void TestSlskdSource::nextCandidateWhenPeerRejectsOrIsOffline()
{
    // Both flacs rank above the mp3, the rejecting peer first (free slot, fast).
    FakeSlskdPeer rejecter = SlskdTestbed::peer(
        u"rejecter"_s, SlskdTestbed::audioFile(u"@@r\\Music\\Band\\Album\\Song Name.flac"_s, 5000, 10),
        Behavior::Reject);
    rejecter.uploadSpeed = 9'000'000;
    FakeSlskdPeer offline = SlskdTestbed::peer(
        u"offline"_s, SlskdTestbed::audioFile(u"@@o\\Band\\Album\\Song Name.flac"_s, 5000, 11),
        Behavior::Offline);
    offline.hasFreeUploadSlot = false;
    const FakeSlskdFile mp3 =
        SlskdTestbed::audioFile(u"@@g\\Band - Album\\02 - Song Name.mp3"_s, 40000, 12, 320);
    m_bed->slskd().addPeer(rejecter);
    m_bed->slskd().addPeer(offline);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"good"_s, mp3));
    QVERIFY(m_bed->startService(m_bed->options()));

    const QString id = m_bed->importLines(u"Band - Song Name"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    const Download done = m_bed->downloadOf(id);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(mp3.content));
    QCOMPARE(SlskdSourceInfo::fromJson(done.sourceInfo).username, u"good"_s);
    QCOMPARE(done.attempts, 1); // a candidate that fails is not a retry of the download

    // The rejected transfer ended and was hidden; the offline peer never got one.
    const QList<FakeSlskd::Transfer> transfers = m_bed->slskd().transfers();
    QCOMPARE(transfers.size(), 2);
    QCOMPARE(transfers.at(0).username, u"rejecter"_s);
    QCOMPARE(transfers.at(0).state, u"Completed, Rejected"_s);
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
    // One enqueue call per peer tried (slskd 0.26: the batch route).
    QCOMPARE(m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/batches"_s), 3);
}

void TestSlskdSource::waitsOutSlskdRetriesThenMovesOn()
{
    // slskd retries an errored transfer itself; between tries it shows "Completed, Errored" and
    // then goes back to "Queued, Locally". The bounce must not count as the end.
    const FakeSlskdFile once = SlskdTestbed::audioFile(u"@@e\\Album\\Tune.flac"_s, 8000, 20);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"flaky"_s, once, Behavior::ErrorOnce));
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString first = m_bed->importLines(u"X - Tune"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(first), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(first).targetPath),
             TestHttpServer::sha256(once.content));
    QCOMPARE(m_bed->slskd().transfers().value(0).attempts, 2);
    QCOMPARE(m_bed->slskd().enqueueCount(), 1);

    // Errored on all three of slskd's tries: final, and the next peer is asked.
    m_bed->slskd().addPeer(SlskdTestbed::peer(
        u"broken"_s, SlskdTestbed::audioFile(u"@@b\\Album\\Other Tune.flac"_s, 8000, 21), Behavior::Error));
    const FakeSlskdFile mp3 = SlskdTestbed::audioFile(u"@@m\\Album\\Other Tune.mp3"_s, 9000, 22, 320);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"steady"_s, mp3));
    const QString second = m_bed->importLines(u"X - Other Tune"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(second), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(second).targetPath),
             TestHttpServer::sha256(mp3.content));
    const QList<FakeSlskd::Transfer> transfers = m_bed->slskd().transfers();
    const auto broken = std::find_if(transfers.cbegin(), transfers.cend(),
                                     [](const FakeSlskd::Transfer &t) { return t.username == "broken"_L1; });
    QVERIFY(broken != transfers.cend());
    QCOMPARE(broken->attempts, 3);
    QCOMPARE(broken->state, u"Completed, Errored"_s);
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
}

void TestSlskdSource::failsAfterFiveCandidatesWithWhatWasTried()
{
    for (int i = 0; i < 7; ++i)
    {
        m_bed->slskd().addPeer(SlskdTestbed::peer(
            u"nope%1"_s.arg(i),
            SlskdTestbed::audioFile(u"@@n\\Nobody\\Album\\Lost Song.flac"_s, 1000 + i, quint32(30 + i)),
            Behavior::Reject));
    }
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Nobody - Lost Song"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"failed"_s, Timeout);
    const Download failed = m_bed->downloadOf(id);
    QVERIFY2(failed.errorMessage.contains(u"no Soulseek peer delivered"_s), qPrintable(failed.errorMessage));
    QCOMPARE(failed.errorMessage.count(u"rejected by the peer"_s), 5);
    QCOMPARE(m_bed->slskd().enqueueCount(), 5);
    QCOMPARE(m_bed->slskd().activeTransfers(), 0);
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
    QVERIFY(filesIn(m_bed->downloadDirectory()).isEmpty());

    // A retry starts afresh: a new search, which now finds a peer that delivers.
    FakeSlskdPeer finally = SlskdTestbed::peer(
        u"finally"_s, SlskdTestbed::audioFile(u"@@y\\Nobody\\Album\\Lost Song.flac"_s, 2000, 39));
    finally.uploadSpeed = 50'000'000;
    m_bed->slskd().addPeer(finally);
    QVERIFY(m_bed->service().retry(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(m_bed->slskd().searchCount(), 2);
    QCOMPARE(SlskdSourceInfo::fromJson(m_bed->downloadOf(id).sourceInfo).username, u"finally"_s);
}

void TestSlskdSource::pauseAndResumeLeaveNothingInSlskd()
{
    FakeSlskdPeer queued = SlskdTestbed::peer(
        u"popular"_s, SlskdTestbed::audioFile(u"@@p\\Star\\Hits\\Big Hit.flac"_s, 64000, 40));
    queued.placeInQueue = 3;
    m_bed->slskd().addPeer(queued);
    FakeSlskdTimings timings;
    timings.remoteQueueMs = 3000; // room to see the queue position even on a busy machine
    m_bed->slskd().setTimings(timings);
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Star - Big Hit"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote, u"in the peer's queue (position 3)"_s,
                              Timeout);
    QCOMPARE(m_bed->slskd().activeTransfers(), 1);

    // A Soulseek transfer cannot pause: it is cancelled in slskd and hidden.
    QVERIFY(m_bed->service().pause(id).ok());
    QCOMPARE(m_bed->statusName(id), u"paused"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().activeTransfers(), 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().visibleTransfers(), 0, Timeout);
    QCOMPARE(m_bed->slskd().transfers().value(0).state, u"Completed, Cancelled"_s);

    // Resume queues the same file again, without a new search.
    QVERIFY(m_bed->service().resume(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(m_bed->slskd().searchCount(), 1);
    QCOMPARE(m_bed->slskd().enqueueCount(), 2);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(id).targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(64000, 40)));
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
}

void TestSlskdSource::cancelLeavesNothingInSlskd()
{
    m_bed->slskd().addPeer(SlskdTestbed::peer(
        u"slowpoke"_s, SlskdTestbed::audioFile(u"@@s\\Someone\\Album\\Waiting.flac"_s, 5000, 50),
        Behavior::Stall));
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Someone - Waiting"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote, u"in the peer's queue"_s, Timeout);

    QVERIFY(m_bed->service().cancel(id).ok());
    QCOMPARE(m_bed->statusName(id), u"cancelled"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().activeTransfers(), 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().visibleTransfers(), 0, Timeout);
    QVERIFY(filesIn(m_bed->downloadDirectory()).isEmpty());
}

void TestSlskdSource::restartFollowsRunningTransfer()
{
    const FakeSlskdFile file = SlskdTestbed::audioFile(u"@@l\\Band\\Album\\Long One.flac"_s, 120000, 60);
    FakeSlskdPeer slow = SlskdTestbed::peer(u"patient"_s, file);
    slow.transferMs = 4000;
    m_bed->slskd().addPeer(slow);
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Band - Long One"_s).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote.startsWith(u"downloading from"_s), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !SlskdSourceInfo::fromJson(m_bed->downloadOf(id).sourceInfo).transferId.isEmpty(), Timeout);

    // The program stops; the transfer runs on in slskd.
    m_bed->stopService();
    QCOMPARE(m_bed->slskd().activeTransfers(), 1);

    // A new service on the same database follows it by its id instead of queueing it again.
    QVERIFY(m_bed->startService(m_bed->options()));
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/batches"_s), 1);
    QCOMPARE(m_bed->slskd().enqueueCount(), 1);
    QCOMPARE(m_bed->slskd().searchCount(), 1);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(id).targetPath),
             TestHttpServer::sha256(file.content));
}

void TestSlskdSource::cancelWhileNotRunningCancelsInSlskd()
{
    m_bed->slskd().addPeer(SlskdTestbed::peer(
        u"holder"_s, SlskdTestbed::audioFile(u"@@h\\Band\\Album\\Held.flac"_s, 5000, 90), Behavior::Stall));
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Band - Held"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote, u"in the peer's queue"_s, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !SlskdSourceInfo::fromJson(m_bed->downloadOf(id).sourceInfo).transferId.isEmpty(), Timeout);
    m_bed->stopService(); // the transfer runs on in slskd

    // Restarted with the queue paused: the download waits, no job runs it. Cancelling it must
    // still cancel its transfer in slskd.
    QVERIFY(m_bed->startService(m_bed->options(), 3, 3, /*queuePaused=*/true));
    QCOMPARE(m_bed->statusName(id), u"queued"_s);
    QCOMPARE(m_bed->slskd().activeTransfers(), 1);
    QVERIFY(m_bed->service().cancel(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().activeTransfers(), 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().visibleTransfers(), 0, Timeout);
}

void TestSlskdSource::wrongKeyFailsWithMessage()
{
    m_bed->slskd().addPeer(
        SlskdTestbed::peer(u"any"_s, SlskdTestbed::audioFile(u"@@a\\Album\\Song.flac"_s, 100, 70)));
    SlskdOptions options = m_bed->options();
    options.connection.apiKey = u"not-the-right-key-000"_s;
    QVERIFY(m_bed->startService(options));
    const QString id = m_bed->importLines(u"Artist - Song"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"failed"_s, Timeout);
    const Download failed = m_bed->downloadOf(id);
    QVERIFY2(failed.errorMessage.contains(u"slskd rejected the API key"_s), qPrintable(failed.errorMessage));
    QCOMPARE(failed.attempts, 1); // permanent: not retried
    QCOMPARE(m_bed->slskd().searchCount(), 0);
    QVERIFY(m_bed->slskd().countPrefix("POST", u"/api/v0/searches"_s) >= 1);
}

QTEST_GUILESS_MAIN(TestSlskdSource)
#include "tst_slskdsource.moc"
