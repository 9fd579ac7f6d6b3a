// SPDX-License-Identifier: GPL-3.0-or-later
// The Soulseek source under load and under slskd's quirks: one poll per interval for many
// downloads, as many searches at once as allowed (slskd runs two, queues more, and refuses only
// overlapping start requests), slskd unreachable or busy or offline, a url base, no events,
// slskd's renamed files, and the connection check.
#include "sources/slskd/slskdcheck.h"
#include "sources/slskd/slskdtypes.h"
#include "support/fakeslskd.h"
#include "support/slskdtestbed.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestSlskdRobustness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePollPerIntervalForManyDownloads();
    void searchesRunAsManyAtOnceAsAllowed_data();
    void searchesRunAsManyAtOnceAsAllowed();
    void standInRunsTwoSearchesAndRefusesOverlappingStarts();
    void unreachableSlskdIsRetriedThenFails();
    void busyAndLoggedOutSlskdAreWaitedOut();
    void urlBaseNoEventsAndDirectoryFromOptions();
    void renamedFilesOnNameClashes();
    void sameFileChosenTwiceIsNotShared();
    void connectionCheck();
    void standInHasSlskdQuirks();
};

void TestSlskdRobustness::onePollPerIntervalForManyDownloads()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    const QStringList titles{u"Alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s, u"Echo"_s, u"Foxtrot"_s};
    QStringList lines;
    for (qsizetype i = 0; i < titles.size(); ++i)
    {
        FakeSlskdPeer p = SlskdTestbed::peer(
            u"peer%1"_s.arg(i),
            SlskdTestbed::audioFile(u"@@p%1\\Artist\\Album\\Song %2.flac"_s.arg(i).arg(titles.at(i)),
                                    20000 + i, quint32(100 + i)));
        p.transferMs = 1500;
        bed.slskd().addPeer(p);
        lines.append(u"Artist - Song %1"_s.arg(titles.at(i)));
    }
    SlskdOptions options = bed.options();
    options.pollInterval = std::chrono::milliseconds(200);
    QVERIFY(bed.startService(options, 6));
    const QStringList ids = bed.importLines(lines.join(u'\n'));
    QCOMPARE(ids.size(), 6);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    for (qsizetype i = 0; i < ids.size(); ++i)
    {
        QCOMPARE(TestHttpServer::sha256OfFile(bed.downloadOf(ids.at(i)).targetPath),
                 TestHttpServer::sha256(TestHttpServer::randomBody(20000 + i, quint32(100 + i))));
    }

    // Every running download was followed through the one list request, at most once per interval
    // besides the polls brought forward to a transfer's predicted end (one per end, now and then
    // two when the first came a moment too soon).
    const quint64 early = bed.source()->earlyPollCount();
    QVERIFY2(early <= quint64(2 * ids.size()), qPrintable(u"%1 early polls"_s.arg(early)));
    QList<qint64> polls;
    for (const FakeSlskd::Request &request : bed.slskd().requests())
    {
        if (request.method == "GET" && request.path == "/api/v0/transfers/downloads"_L1)
            polls.append(request.atMs);
    }
    QVERIFY(polls.size() >= 2);
    const qint64 span = polls.last() - polls.first();
    QVERIFY2(polls.size() <= span / 200 + 2 + qint64(early),
             qPrintable(u"%1 polls in %2 ms"_s.arg(QString::number(polls.size()), QString::number(span))));
    QCOMPARE(bed.slskd().countPrefix("GET", u"/api/v0/transfers/downloads/"_s), 0);
    // Two searches at most (the default), their starts one after another: slskd refused none.
    QCOMPARE(bed.slskd().searchCount(), 6);
    QVERIFY(bed.slskd().maxConcurrentSearches() <= 2);
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

void TestSlskdRobustness::searchesRunAsManyAtOnceAsAllowed_data()
{
    QTest::addColumn<int>("maxSearches");
    QTest::addColumn<int>("running"); // at most, in slskd
    QTest::addColumn<int>("queued");  // at most, waiting in slskd as "Queued"
    QTest::newRow("one") << 1 << 1 << 0;
    QTest::newRow("two, the default") << 2 << 2 << 0;
    QTest::newRow("four: slskd runs two, queues two") << 4 << 2 << 2;
}

void TestSlskdRobustness::searchesRunAsManyAtOnceAsAllowed()
{
    QFETCH(int, maxSearches);
    QFETCH(int, running);
    QFETCH(int, queued);
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    FakeSlskdTimings timings;
    timings.searchMs = 400;     // long enough for the searches to overlap
    timings.searchStartMs = 60; // a start request takes a moment: two of ours at once would get 429
    bed.slskd().setTimings(timings);
    const QStringList titles{u"Amber"_s, u"Birch"_s, u"Cedar"_s, u"Dune"_s, u"Ember"_s, u"Fjord"_s};
    QStringList lines;
    for (qsizetype i = 0; i < titles.size(); ++i)
    {
        bed.slskd().addPeer(SlskdTestbed::peer(
            u"peer%1"_s.arg(i),
            SlskdTestbed::audioFile(u"@@s%1\\Artist\\Album\\%2.flac"_s.arg(i).arg(titles.at(i)), 3000 + i,
                                    quint32(700 + i))));
        lines.append(u"Artist - %1"_s.arg(titles.at(i)));
    }
    SlskdOptions options = bed.options();
    options.maxSearches = maxSearches;
    QVERIFY(bed.startService(options, 6));
    const QStringList ids = bed.importLines(lines.join(u'\n'));
    QCOMPARE(ids.size(), 6);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    QCOMPARE(bed.slskd().searchCount(), 6);
    QCOMPARE(bed.slskd().maxConcurrentSearches(), running);
    QCOMPARE(bed.slskd().maxQueuedSearches(), queued);
    // Our start requests never overlapped, so slskd never refused one.
    QCOMPARE(bed.slskd().busyAnswers(), 0);
}

void TestSlskdRobustness::standInRunsTwoSearchesAndRefusesOverlappingStarts()
{
    // slskd: a semaphore around the request that starts a search (SearchesController), and
    // Soulseek.NET's maximumConcurrentSearches: 2 (Program.cs), further searches wait as Queued.
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    FakeSlskdTimings timings;
    timings.searchMs = 1200;
    timings.searchStartMs = 200;
    bed.slskd().setTimings(timings);
    SlskdClient client({bed.slskd().baseUrl(), SlskdTestbed::apiKey});
    auto start = [&client](const QString &text) {
        return client.post(u"/searches"_s, QJsonDocument(QJsonObject{{"searchText"_L1, text}}));
    };
    QStringList ids;
    for (const QString &text : {u"first search"_s, u"second search"_s, u"third search"_s})
    {
        const SlskdReply started = start(text);
        QCOMPARE(started.status, 200);
        ids.append(started.json().object().value("id"_L1).toString());
    }
    auto state = [&](int i) {
        return client.get(u"/searches/"_s + ids.at(i)).json().object().value("state"_L1).toString();
    };
    QCOMPARE(state(0), u"InProgress"_s);
    QCOMPARE(state(1), u"InProgress"_s);
    QCOMPARE(state(2), u"Queued"_s);
    QTRY_COMPARE_WITH_TIMEOUT(state(2), u"InProgress"_s, Timeout); // once one of the two ended
    QCOMPARE(bed.slskd().busyAnswers(), 0);

    // Two start requests at once: the second is refused while the first is being answered.
    timings.searchStartMs = 1000;
    bed.slskd().setTimings(timings);
    QNetworkAccessManager network;
    const QNetworkRequest request = bed.apiRequest(u"/searches"_s);
    std::unique_ptr<QNetworkReply> slow(network.post(request, R"({"searchText":"slow start"})"_ba));
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().countPrefix("POST", u"/api/v0/searches"_s), 4, Timeout);
    const SlskdReply refused = start(u"overlapping start"_s);
    QCOMPARE(refused.status, 429);
    QVERIFY(refused.body.startsWith('"'));
    QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), Timeout);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(start(u"after it"_s).status, 200);
    QCOMPARE(bed.slskd().busyAnswers(), 1);
}

void TestSlskdRobustness::unreachableSlskdIsRetriedThenFails()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    SlskdOptions options = bed.options();
    options.connection.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens there
    QVERIFY(bed.startService(options, 3, 2));
    const QString id = bed.importLines(u"Artist - Song"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"failed"_s, Timeout);
    const Download failed = bed.downloadOf(id);
    QVERIFY2(failed.errorMessage.contains(u"slskd did not answer"_s), qPrintable(failed.errorMessage));
    QCOMPARE(failed.attempts, 3); // the first try and two retries
}

void TestSlskdRobustness::busyAndLoggedOutSlskdAreWaitedOut()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    const FakeSlskdFile file = SlskdTestbed::audioFile(u"@@w\\Artist\\Album\\Patience.flac"_s, 7000, 200);
    bed.slskd().addPeer(SlskdTestbed::peer(u"waiter"_s, file));
    FakeSlskdTimings timings;
    timings.searchStartMs = 1200;
    bed.slskd().setTimings(timings);

    // Another client's search start is still being handled by slskd: ours gets 429 until it is.
    QNetworkAccessManager network;
    const QNetworkRequest request = bed.apiRequest(u"/searches"_s);
    std::unique_ptr<QNetworkReply> outsider(network.post(request, R"({"searchText":"other music"})"_ba));
    QTRY_COMPARE_WITH_TIMEOUT(bed.slskd().countPrefix("POST", u"/api/v0/searches"_s), 1, Timeout);
    QVERIFY(bed.startService(bed.options(), 3, 10));
    const QString first = bed.importLines(u"Artist - Patience"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(first), u"completed"_s, Timeout);
    QVERIFY(bed.slskd().busyAnswers() >= 1);
    QCOMPARE(outsider->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(bed.downloadOf(first).attempts, 1); // waited out, not a failed try

    // Not logged in to Soulseek: slskd answers 409, which is retried until it is back.
    bed.slskd().setLoggedIn(false);
    const QString second = bed.importLines(u"Artist - Patience"_s).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(bed.downloadOf(second).errorMessage.contains(u"not logged in"_s), Timeout);
    bed.slskd().setLoggedIn(true);
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(second), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(bed.downloadOf(second).targetPath),
             TestHttpServer::sha256(file.content));
}

void TestSlskdRobustness::urlBaseNoEventsAndDirectoryFromOptions()
{
    SlskdTestbed bed(u"/slskd"_s);
    QVERIFY(bed.isReady());
    bed.slskd().setEventsEnabled(false); // slskd before 0.22: the path is guessed
    bed.slskd().setVersion(u"0.25.1"_s); // the classic enqueue route, the user in its path
    const FakeSlskdFile file =
        SlskdTestbed::audioFile(u"@@u\\Artist\\Odd Album\\07 Odd Song.mp3"_s, 33000, 300, 320);
    bed.slskd().addPeer(
        SlskdTestbed::peer(u"dj x/y"_s, file)); // a space and a slash, percent-encoded in the path
    SlskdOptions options = bed.options();
    QVERIFY(options.connection.baseUrl.path().endsWith(u"/slskd"_s));
    options.downloadsDirectory.clear(); // asked from slskd
    QVERIFY(bed.startService(options));
    const QString id = bed.importLines(u"Artist - Odd Song"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(bed.downloadOf(id).targetPath),
             TestHttpServer::sha256(file.content));
    QCOMPARE(bed.slskd().count("POST", u"/api/v0/transfers/downloads/dj x/y"_s), 1);
    QCOMPARE(bed.slskd().count("GET", u"/api/v0/options"_s), 1);
    QVERIFY(bed.slskd().count("GET", u"/api/v0/events"_s) >= 1);
}

void TestSlskdRobustness::renamedFilesOnNameClashes()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    const FakeSlskdFile file = SlskdTestbed::audioFile(u"@@c\\Artist\\Album\\01 - Title.flac"_s, 45000, 400);
    bed.slskd().addPeer(SlskdTestbed::peer(u"clasher"_s, file));
    // A file of that name already sits in slskd's folder (slskd saves ours as name_<ticks>.flac),
    // and another in the download folder (ours becomes "name (1).flac").
    const QByteArray older = TestHttpServer::randomBody(45000, 401); // same size, other bytes
    QVERIFY(writeFile(bed.slskdDirectory() + u"/Album/01 - Title.flac"_s, older));
    QVERIFY(writeFile(bed.downloadDirectory() + u"/01 - Title.flac"_s, "mine"));
    QVERIFY(bed.startService(bed.options()));
    const QString id = bed.importLines(u"Artist - Title"_s).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    const Download done = bed.downloadOf(id);
    QCOMPARE(QFileInfo(done.targetPath).fileName(), u"01 - Title (1).flac"_s);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(file.content));
    QCOMPARE(TestHttpServer::sha256OfFile(bed.slskdDirectory() + u"/Album/01 - Title.flac"_s),
             TestHttpServer::sha256(older));
    QCOMPARE(TestHttpServer::sha256OfFile(bed.downloadDirectory() + u"/01 - Title.flac"_s),
             TestHttpServer::sha256("mine"));
}

void TestSlskdRobustness::sameFileChosenTwiceIsNotShared()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    const FakeSlskdFile first = SlskdTestbed::audioFile(u"@@a\\Artist\\Album\\Twice.flac"_s, 30000, 500);
    FakeSlskdPeer best = SlskdTestbed::peer(u"best"_s, first);
    best.transferMs = 2000;
    bed.slskd().addPeer(best);
    const FakeSlskdFile second = SlskdTestbed::audioFile(u"@@b\\Artist\\Album\\Twice.flac"_s, 30001, 501);
    FakeSlskdPeer other = SlskdTestbed::peer(u"other"_s, second);
    other.hasFreeUploadSlot = false;
    bed.slskd().addPeer(other);
    QVERIFY(bed.startService(bed.options()));
    // The same track twice: slskd will not queue the same file twice for one user, so the second
    // download must not ride on the first one's transfer.
    const QStringList ids = bed.importLines(u"Artist - Twice\nArtist - Twice"_s);
    QCOMPARE(ids.size(), 2);
    for (const QString &id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(bed.statusName(id), u"completed"_s, Timeout);
    // Which of the two searches first is up to the pool; each must get its own peer's file.
    const QSet<QByteArray> expected{TestHttpServer::sha256(first.content),
                                    TestHttpServer::sha256(second.content)};
    const QSet<QByteArray> got{TestHttpServer::sha256OfFile(bed.downloadOf(ids.at(0)).targetPath),
                               TestHttpServer::sha256OfFile(bed.downloadOf(ids.at(1)).targetPath)};
    QCOMPARE(got, expected);
    const QSet<QString> users{SlskdSourceInfo::fromJson(bed.downloadOf(ids.at(0)).sourceInfo).username,
                              SlskdSourceInfo::fromJson(bed.downloadOf(ids.at(1)).sourceInfo).username};
    QCOMPARE(users, (QSet<QString>{u"best"_s, u"other"_s}));
    QVERIFY(bed.downloadOf(ids.at(0)).targetPath != bed.downloadOf(ids.at(1)).targetPath);
}

void TestSlskdRobustness::connectionCheck()
{
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    const SlskdConnection good{bed.slskd().baseUrl(), SlskdTestbed::apiKey};
    SlskdCheck check = Slskd::check(good);
    QVERIFY2(check.ok(), qPrintable(check.lines.join(u" / "_s)));
    QCOMPARE(check.version, u"0.26.0"_s);
    QCOMPARE(check.lines.size(), 3);

    check = Slskd::check({bed.slskd().baseUrl(), u"wrong-key-wrong-key"_s});
    QVERIFY(check.reachable);
    QVERIFY(!check.keyAccepted);
    QVERIFY(!check.ok());
    QVERIFY(check.lines.last().contains(u"rejected the API key"_s));

    bed.slskd().setLoggedIn(false);
    check = Slskd::check(good);
    QVERIFY(check.reachable && check.keyAccepted && !check.loggedIn);
    QVERIFY(check.lines.last().contains(u"not logged in"_s));

    check = Slskd::check({QUrl(u"http://127.0.0.1:1"_s), SlskdTestbed::apiKey});
    QVERIFY(!check.reachable);
    QVERIFY(check.lines.first().contains(u"not reachable"_s));
}

void TestSlskdRobustness::standInHasSlskdQuirks()
{
    // The stand-in must be as awkward as slskd, or the suites above prove little.
    SlskdTestbed bed;
    QVERIFY(bed.isReady());
    bed.slskd().addPeer(
        SlskdTestbed::peer(u"q"_s, SlskdTestbed::audioFile(u"@@q\\Artist\\Album\\Quirk.flac"_s, 100, 600)));
    FakeSlskdTimings timings;
    timings.searchMs = 400;
    bed.slskd().setTimings(timings);
    QNetworkAccessManager network;
    auto send = [&](const QByteArray &verb, const QString &path, const QByteArray &body, bool withKey) {
        QNetworkRequest request(QUrl(bed.slskd().baseUrl().toString() + path));
        if (withKey)
            request.setRawHeader("X-API-Key", SlskdTestbed::apiKey.toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(5000);
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              reply->readAll());
    };
    QCOMPARE(send("GET", u"/api/v0/session"_s, {}, false).first, 401);
    QCOMPARE(send("GET", u"/health"_s, {}, false).first, 200);
    // A body without Content-Type: application/json is refused.
    QCOMPARE(send("POST", u"/api/v0/searches"_s, R"({"searchText":"artist quirk"})", true).first, 415);

    SlskdClient client({bed.slskd().baseUrl(), SlskdTestbed::apiKey});
    const SlskdReply started =
        client.post(u"/searches"_s, QJsonDocument(QJsonObject{{"searchText"_L1, u"artist quirk"_s}}));
    QCOMPARE(started.status, 200);
    const QString id = started.json().object().value("id"_L1).toString();
    const SlskdReply refused =
        client.post(u"/searches"_s, QJsonDocument(QJsonObject{{"searchText"_L1, u"x"_s}}));
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.body.startsWith('"')); // a JSON string literal
    QVERIFY(!refused.message().isEmpty());
    QCOMPARE(client.get(u"/searches/"_s + id + u"/responses"_s).json().array().size(),
             0); // not finalized yet
    QVERIFY(!client.get(u"/searches/"_s + id).json().object().contains("endedAt"_L1));
    QTRY_VERIFY_WITH_TIMEOUT(client.get(u"/searches/"_s + id).json().object().contains("endedAt"_L1),
                             Timeout);
    QCOMPARE(client.get(u"/searches/"_s + id + u"/responses"_s).json().array().size(), 1);
    // An empty PUT must be labelled JSON too (Qt would call it a form otherwise).
    QCOMPARE(send("PUT", u"/api/v0/searches/"_s + id, {}, true).first, 415);

    const SlskdReply enqueued =
        client.post(u"/transfers/downloads/q"_s,
                    QJsonDocument(QJsonArray{QJsonObject{{"filename"_L1, u"@@q\\Artist\\Album\\Quirk.flac"_s},
                                                         {"size"_L1, 100}}}));
    QCOMPARE(enqueued.status, 201);
    const QJsonObject transfer = enqueued.json().object().value("enqueued"_L1).toArray().first().toObject();
    QCOMPARE(transfer.value("state"_L1).toString(), u"Queued, Locally"_s);
    for (const char *absent : {"endedAt", "startedAt", "placeInQueue", "exception"})
        QVERIFY2(!transfer.contains(QLatin1StringView(absent)), absent); // null fields are left out
    QCOMPARE(client
                 .post(u"/transfers/downloads/nobody"_s,
                       QJsonDocument(QJsonArray{QJsonObject{{"filename"_L1, u"x.flac"_s}, {"size"_L1, 1}}}))
                 .status,
             500);
}

QTEST_GUILESS_MAIN(TestSlskdRobustness)
#include "tst_slskdrobustness.moc"
