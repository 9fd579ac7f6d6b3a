// SPDX-License-Identifier: GPL-3.0-or-later
// Soulseek downloads against slskd as the real daemon behaves (issue #13, read from slskd's own
// source): its limit on enqueue calls and its give-up on peers that never answer, its own
// retries and their setting, a pause during their back-off, a search it never finalizes, the
// queue position from its own endpoint, share-root paths and the batch route of 0.26. Each
// through the DownloadService with a real SQLite file and the stand-in slskd on 127.0.0.1.
#include "sources/slskd/slskdtypes.h"
#include "support/fakeslskd.h"
#include "support/slskdtestbed.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;
using Behavior = FakeSlskdPeer::Behavior;

namespace {

constexpr int Timeout = 20000;

// A peer whose file ranks first: a flac, a free slot, a fast upload.
FakeSlskdPeer favourite(const QString &name, const QString &remotePath, quint32 seed, Behavior behavior)
{
    FakeSlskdPeer p = SlskdTestbed::peer(name, SlskdTestbed::audioFile(remotePath, 4000, seed), behavior);
    p.uploadSpeed = 90'000'000;
    return p;
}

// A peer that comes second and delivers: an mp3 320 from a slow peer.
FakeSlskdPeer fallback(const QString &name, const QString &remotePath, quint32 seed)
{
    FakeSlskdPeer p = SlskdTestbed::peer(name, SlskdTestbed::audioFile(remotePath, 5000, seed, 320));
    p.hasFreeUploadSlot = false;
    p.uploadSpeed = 1000;
    return p;
}

std::optional<FakeSlskd::Transfer> transferOf(FakeSlskd &slskd, const QString &username)
{
    for (const FakeSlskd::Transfer &transfer : slskd.transfers())
    {
        if (transfer.username == username)
            return transfer;
    }
    return std::nullopt;
}

} // namespace

class TestSlskdDaemon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void busyEnqueueIsAskedAgainInTheSameTry();
    void peerThatNeverAnswersIsLeftAtOnce_data();
    void peerThatNeverAnswersIsLeftAtOnce();
    void retriesAsManyAsSlskdIsSetTo_data();
    void retriesAsManyAsSlskdIsSetTo();
    void pauseDuringSlskdBackoffQueuesTheFileAgain();
    void searchThatNeverFinalizesIsSearchedAgain();
    void queuePositionComesFromItsEndpoint();
    void queuePositionThePeerDoesNotGive();
    void filesInAShareRoot_data();
    void filesInAShareRoot();
    void enqueueRoute_data();
    void enqueueRoute();

private:
    std::unique_ptr<SlskdTestbed> m_bed;
};

void TestSlskdDaemon::init()
{
    m_bed = std::make_unique<SlskdTestbed>();
    QVERIFY(m_bed->isReady());
}

void TestSlskdDaemon::cleanup()
{
    m_bed.reset();
}

void TestSlskdDaemon::busyEnqueueIsAskedAgainInTheSameTry()
{
    // slskd answers 429 while two enqueue calls are being handled (TransfersController's
    // DownloadRequestLimiter), whoever sent them; a call lasts while slskd connects to the peer.
    QVERIFY(SlskdOptions().enqueueBusyRetry.count() <= 5000);
    QVERIFY(SlskdOptions().enqueueBusyWait.count() >= 5 * 60 * 1000);
    for (const QString &name : {u"far1"_s, u"far2"_s})
    {
        FakeSlskdPeer far =
            SlskdTestbed::peer(name, SlskdTestbed::audioFile(u"@@f\\Other\\Far Away.flac"_s, 100, 900));
        far.connectMs = 2500;
        m_bed->slskd().addPeer(far);
    }
    const FakeSlskdFile file = SlskdTestbed::audioFile(u"@@n\\Artist\\Album\\Near.flac"_s, 6000, 901);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"near"_s, file));

    // Another client of the same slskd enqueues two files from far peers.
    QNetworkAccessManager network;
    std::vector<std::unique_ptr<QNetworkReply>> outsiders;
    for (const QString &name : {u"far1"_s, u"far2"_s})
    {
        outsiders.emplace_back(network.post(m_bed->apiRequest(u"/transfers/downloads/"_s + name),
                                            R"([{"filename":"@@f\\Other\\Far Away.flac","size":100}])"_ba));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().countPrefix("POST", u"/api/v0/transfers/downloads/far"_s), 2,
                              Timeout);

    SlskdOptions options = m_bed->options();
    options.enqueueBusyRetry = std::chrono::milliseconds(100);
    QVERIFY(m_bed->startService(options, 3, 1)); // one try only: a 429 must not cost it
    const QString id = m_bed->importLines(u"Artist - Near"_s).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_bed->slskd().busyEnqueueAnswers() >= 2, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    const Download done = m_bed->downloadOf(id);
    QCOMPARE(done.attempts, 1);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(file.content));
    QCOMPARE(m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/batches"_s),
             m_bed->slskd().busyEnqueueAnswers() + 1);
    for (const auto &outsider : outsiders)
    {
        QTRY_VERIFY_WITH_TIMEOUT(outsider->isFinished(), Timeout);
        QCOMPARE(outsider->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    }
}

void TestSlskdDaemon::peerThatNeverAnswersIsLeftAtOnce_data()
{
    QTest::addColumn<QString>("outcome");
    QTest::newRow("timed out (0.26.0)") << u"TimedOut"_s;
    QTest::newRow("cancelled (HEAD)") << u"Cancelled"_s;
}

void TestSlskdDaemon::peerThatNeverAnswersIsLeftAtOnce()
{
    // slskd waits 3 minutes for the peer to take the queue request, then fails the record at its
    // first attempt and does not retry it (DownloadService.EnqueueAsync, TryFail).
    QFETCH(QString, outcome);
    FakeSlskdPeer silent =
        favourite(u"silent"_s, u"@@s\\Band\\Album\\Quiet One.flac"_s, 910, Behavior::NoAck);
    silent.noAckOutcome = outcome;
    m_bed->slskd().addPeer(silent);
    const FakeSlskdPeer steady = fallback(u"steady"_s, u"@@t\\Band\\Quiet One.mp3"_s, 911);
    m_bed->slskd().addPeer(steady);
    SlskdOptions options = m_bed->options();
    options.retryGrace = std::chrono::milliseconds(60000); // waiting it out would miss the timeout
    QVERIFY(m_bed->startService(options));
    const QString id = m_bed->importLines(u"Band - Quiet One"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    const Download done = m_bed->downloadOf(id);
    QCOMPARE(SlskdSourceInfo::fromJson(done.sourceInfo).username, u"steady"_s);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath),
             TestHttpServer::sha256(steady.files.first().content));
    const std::optional<FakeSlskd::Transfer> left = transferOf(m_bed->slskd(), u"silent"_s);
    QVERIFY(left);
    QCOMPARE(left->state, u"Completed, "_s + outcome);
    QCOMPARE(left->attempts, 1);
    QVERIFY(left->removed);
}

void TestSlskdDaemon::retriesAsManyAsSlskdIsSetTo_data()
{
    QTest::addColumn<int>("setting"); // transfers.download.retry.attempts; 0: not shown
    QTest::addColumn<int>("attempts");
    QTest::newRow("five") << 5 << 5;
    QTest::newRow("one: no retry") << 1 << 1;
    QTest::newRow("not shown: slskd's default") << 0 << 3;
}

void TestSlskdDaemon::retriesAsManyAsSlskdIsSetTo()
{
    // Options.cs: transfers.download.retry.attempts (default 3), shown by GET /options. A state
    // slskd will retry is not final (a DELETE would cancel its retries); a final one is left at once.
    QFETCH(int, setting);
    QFETCH(int, attempts);
    m_bed->slskd().setRetryAttempts(setting);
    FakeSlskdTimings timings;
    timings.retryDelayMs = 100;
    timings.retryFlashMs = 400; // longer than a poll interval: the failed state is surely seen
    m_bed->slskd().setTimings(timings);
    m_bed->slskd().addPeer(favourite(u"broken"_s, u"@@b\\Band\\Album\\Bounce.flac"_s, 920, Behavior::Error));
    const FakeSlskdPeer steady = fallback(u"steady"_s, u"@@t\\Band\\Bounce.mp3"_s, 921);
    m_bed->slskd().addPeer(steady);
    SlskdOptions options = m_bed->options();
    options.retryGrace = std::chrono::milliseconds(60000);
    QVERIFY(m_bed->startService(options));
    const QString id = m_bed->importLines(u"Band - Bounce"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(SlskdSourceInfo::fromJson(m_bed->downloadOf(id).sourceInfo).username, u"steady"_s);
    const std::optional<FakeSlskd::Transfer> broken = transferOf(m_bed->slskd(), u"broken"_s);
    QVERIFY(broken);
    QCOMPARE(broken->attempts, attempts);
    QCOMPARE(broken->state, u"Completed, Errored"_s);
    QCOMPARE(m_bed->slskd().count("GET", u"/api/v0/options"_s), 1);
}

void TestSlskdDaemon::pauseDuringSlskdBackoffQueuesTheFileAgain()
{
    // A cancel during slskd's retry back-off ends the record as "Completed, Errored" (Retry.cs
    // throws an AggregateException, TryFail maps it to Errored), not Cancelled.
    const FakeSlskdPeer flaky = SlskdTestbed::peer(
        u"flaky"_s, SlskdTestbed::audioFile(u"@@k\\Band\\Album\\Comeback.flac"_s, 7000, 930),
        Behavior::Error);
    m_bed->slskd().addPeer(flaky);
    FakeSlskdTimings timings;
    timings.retryDelayMs = 60000; // slskd's back-off lasts while the test pauses
    m_bed->slskd().setTimings(timings);
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Band - Comeback"_s).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_bed->slskd().transfers().value(0).attempts == 2 &&
                                 m_bed->slskd().transfers().value(0).state == "Queued, Locally"_L1,
                             Timeout);
    QVERIFY(m_bed->service().pause(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->slskd().transfers().value(0).state, u"Completed, Errored"_s, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(SlskdSourceInfo::fromJson(m_bed->downloadOf(id).sourceInfo).cancelled, Timeout);

    // The cancel is kept with the download: a restart does not forget it.
    m_bed->stopService();
    m_bed->slskd().setPeerBehavior(u"flaky"_s, Behavior::Deliver);
    QVERIFY(m_bed->startService(m_bed->options()));
    QCOMPARE(m_bed->statusName(id), u"paused"_s);
    QVERIFY(m_bed->service().resume(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    const Download done = m_bed->downloadOf(id);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath),
             TestHttpServer::sha256(flaky.files.first().content));
    // The same user and file again, without a new search.
    QCOMPARE(m_bed->slskd().enqueueCount(), 2);
    QCOMPARE(m_bed->slskd().searchCount(), 1);
    QCOMPARE(m_bed->slskd().transfers().value(1).username, u"flaky"_s);
    QCOMPARE(m_bed->slskd().transfers().value(1).filename, flaky.files.first().filename);
    QCOMPARE(m_bed->slskd().visibleTransfers(), 0);
}

void TestSlskdDaemon::searchThatNeverFinalizesIsSearchedAgain()
{
    // SearchService: if the final write fails, the search keeps isComplete without endedAt, and
    // its responses are never stored.
    const FakeSlskdFile file = SlskdTestbed::audioFile(u"@@f\\Band\\Album\\Lost Found.flac"_s, 3000, 940);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"finder"_s, file));
    m_bed->slskd().setSearchesFinalize(false);
    SlskdOptions options = m_bed->options();
    options.searchFinalizeGrace = std::chrono::milliseconds(300);
    QVERIFY(m_bed->startService(options, 3, 10));
    const QString id = m_bed->importLines(u"Band - Lost Found"_s).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bed->downloadOf(id).errorMessage.contains(u"never finished storing the search"_s), Timeout);
    m_bed->slskd().setSearchesFinalize(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(id).targetPath),
             TestHttpServer::sha256(file.content));
    QVERIFY(m_bed->slskd().searchCount() >= 2);
    QCOMPARE(m_bed->slskd().storedSearches(), 0);

    // The same when we cancelled it ourselves (it ran too long) and slskd never wrote the end.
    m_bed->slskd().setSearchesFinalize(false);
    FakeSlskdTimings timings;
    timings.searchMs = 60000;
    m_bed->slskd().setTimings(timings);
    options.searchMaxDuration = std::chrono::milliseconds(200);
    QVERIFY(m_bed->startService(options, 3, 1));
    const QString second = m_bed->importLines(u"Band - Lost Found"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(second), u"failed"_s, Timeout);
    QVERIFY2(m_bed->downloadOf(second).errorMessage.contains(u"never finished storing the search"_s),
             qPrintable(m_bed->downloadOf(second).errorMessage));
}

void TestSlskdDaemon::queuePositionComesFromItsEndpoint()
{
    FakeSlskdPeer popular = SlskdTestbed::peer(
        u"popular"_s, SlskdTestbed::audioFile(u"@@p\\Star\\Hits\\Wait Here.flac"_s, 9000, 950));
    popular.placeInQueue = 7;
    m_bed->slskd().addPeer(popular);
    FakeSlskdTimings timings;
    timings.remoteQueueMs = 2500;
    m_bed->slskd().setTimings(timings);
    SlskdOptions options = m_bed->options();
    options.positionInterval = std::chrono::milliseconds(1000);
    QVERIFY(m_bed->startService(options));
    const QString id = m_bed->importLines(u"Star - Wait Here"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote, u"in the peer's queue (position 7)"_s,
                              Timeout);

    // slskd's transfer list does not carry the position.
    SlskdClient client({m_bed->slskd().baseUrl(), SlskdTestbed::apiKey});
    const QJsonArray users = client.get(u"/transfers/downloads"_s).json().array();
    const QJsonObject listed = users.first()["directories"_L1][0]["files"_L1][0].toObject();
    QCOMPARE(listed.value("state"_L1).toString(), u"Queued, Remotely"_s);
    QVERIFY(!listed.contains("placeInQueue"_L1));

    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    // At most once per interval while it waited (2.5 s), not once per poll (every 100 ms).
    const QList<FakeSlskd::Request> requests = m_bed->slskd().requests();
    const auto asked = std::count_if(requests.cbegin(), requests.cend(), [](const FakeSlskd::Request &r) {
        return r.method == "GET" && r.path.endsWith("/position"_L1);
    });
    QVERIFY2(asked >= 1 && asked <= 4, qPrintable(QString::number(asked)));
}

void TestSlskdDaemon::queuePositionThePeerDoesNotGive()
{
    FakeSlskdPeer mute = SlskdTestbed::peer(
        u"mute"_s, SlskdTestbed::audioFile(u"@@m\\Star\\Hits\\No Number.flac"_s, 9000, 960));
    mute.placeInQueue = 4;
    mute.positionFails = true; // slskd answers 500
    m_bed->slskd().addPeer(mute);
    FakeSlskdTimings timings;
    timings.remoteQueueMs = 1500;
    m_bed->slskd().setTimings(timings);
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Star - No Number"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->downloadOf(id).transferNote, u"in the peer's queue"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QVERIFY(m_bed->slskd().countPrefix("GET", u"/api/v0/transfers/downloads/mute/"_s) >= 1); // asked
}

void TestSlskdDaemon::filesInAShareRoot_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("remotePath");
    QTest::addColumn<QString>("slskdPath"); // below slskd's downloads folder
    QTest::newRow("SoulseekQt root, 0.26")
        << u"0.26.0"_s << u"@@abcde\\Artist - Root Song.flac"_s << u"Artist - Root Song.flac"_s;
    QTest::newRow("drive root, 0.26")
        << u"0.26.0"_s << u"C:\\Artist - Root Song.flac"_s << u"Artist - Root Song.flac"_s;
    QTest::newRow("SoulseekQt root, 0.25")
        << u"0.25.1"_s << u"@@abcde\\Artist - Root Song.flac"_s << u"@@abcde/Artist - Root Song.flac"_s;
}

void TestSlskdDaemon::filesInAShareRoot()
{
    // slskd 0.26+ strips C:\, \\server\ and @@abcde\ before taking the folder (FileSafety).
    QFETCH(QString, version);
    QFETCH(QString, remotePath);
    QFETCH(QString, slskdPath);
    m_bed->slskd().setVersion(version);
    m_bed->slskd().setEventsEnabled(false); // no word from slskd: the path is worked out
    const FakeSlskdFile file = SlskdTestbed::audioFile(remotePath, 8000, 970);
    m_bed->slskd().addPeer(SlskdTestbed::peer(u"rooted"_s, file));
    QVERIFY(m_bed->startService(m_bed->options()));
    const QString id = m_bed->importLines(u"Artist - Root Song"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(id).targetPath),
             TestHttpServer::sha256(file.content));
    // Moved from where slskd put it.
    QVERIFY(!QFileInfo::exists(QDir(m_bed->slskdDirectory()).filePath(slskdPath)));
    QCOMPARE(m_bed->downloadOf(id).attempts, 1);
}

void TestSlskdDaemon::enqueueRoute_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("batches"); // the batch route reachable
    QTest::addColumn<int>("batchPosts");
    QTest::addColumn<int>("classicPosts");
    // Two downloads, the first from an offline peer first: on the batch route its 404 comes with
    // slskd's message, which is not a missing route.
    QTest::newRow("0.26: batches") << u"0.26.0"_s << true << 3 << 0;
    QTest::newRow("0.26 behind a proxy without it") << u"0.26.0"_s << false << 1 << 3;
    QTest::newRow("0.25: classic") << u"0.25.1"_s << true << 0 << 3;
}

void TestSlskdDaemon::enqueueRoute()
{
    QFETCH(QString, version);
    QFETCH(bool, batches);
    QFETCH(int, batchPosts);
    QFETCH(int, classicPosts);
    m_bed->slskd().setVersion(version);
    m_bed->slskd().setBatchesEnabled(batches);
    m_bed->slskd().addPeer(favourite(u"gone"_s, u"@@g\\Duo\\Album\\First.flac"_s, 980, Behavior::Offline));
    const FakeSlskdPeer first = fallback(u"one"_s, u"@@o\\Duo\\First.mp3"_s, 981);
    const FakeSlskdPeer second = fallback(u"two"_s, u"@@w\\Duo\\Second.mp3"_s, 982);
    m_bed->slskd().addPeer(first);
    m_bed->slskd().addPeer(second);
    QVERIFY(m_bed->startService(m_bed->options(), 1));
    const QStringList ids = m_bed->importLines(u"Duo - First\nDuo - Second"_s);
    QCOMPARE(ids.size(), 2);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(m_bed->statusName(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(ids.at(0)).targetPath),
             TestHttpServer::sha256(first.files.first().content));
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->downloadOf(ids.at(1)).targetPath),
             TestHttpServer::sha256(second.files.first().content));
    QCOMPARE(m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/batches"_s), batchPosts);
    const int classic = m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/gone"_s) +
                        m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/one"_s) +
                        m_bed->slskd().count("POST", u"/api/v0/transfers/downloads/two"_s);
    QCOMPARE(classic, classicPosts);
    QCOMPARE(m_bed->slskd().count("GET", u"/api/v0/application/version"_s), 1);
}

QTEST_GUILESS_MAIN(TestSlskdDaemon)
#include "tst_slskddaemon.moc"
