// SPDX-License-Identifier: GPL-3.0-or-later
// Choosing the file to download from slskd's search responses, and the small parsers around it.
#include "sources/slskd/slskdclient.h"
#include "sources/slskd/slskdranking.h"
#include "sources/slskd/slskdtypes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

SlskdCandidate file(const QString &user, const QString &name, int bitRate = -1)
{
    SlskdCandidate candidate;
    candidate.username = user;
    candidate.filename = u"@@abcde\\Music\\Artist\\Album\\"_s + name;
    candidate.size = 1000;
    candidate.extension = name.section(u'.', -1).toLower();
    candidate.bitRate = bitRate;
    return candidate;
}

Track track(const QString &artist, const QString &title, int duration = -1)
{
    Track t;
    t.artist = artist;
    t.title = title;
    t.durationSeconds = duration;
    return t;
}

QStringList users(const QList<SlskdCandidate> &ranked)
{
    QStringList list;
    for (const SlskdCandidate &candidate : ranked)
        list.append(candidate.username);
    return list;
}

} // namespace

class TestSlskdRanking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preferredFormatBeatsSpeed();
    void preferredFormatsOrderIsConfigurable();
    void bitrateAboveMinimumFirstThenHigher();
    void lockedNonAudioAndOtherTitlesAreOut();
    void titleWordsIgnoreCaseAccentsAndDecorations();
    void lengthCloseToTrackFirst();
    void freeSlotThenQueueThenSpeed();
    void parsesResponsesWithMissingFields();
    void searchTextIsCleaned();
    void slskLinkIsTriedFirst();
    void transferStatesAndRetries();
    void sourceInfoRoundTrip();
    void pathsMapToThisMachine();
    void apiUrlsKeepTheUrlBase();
};

void TestSlskdRanking::preferredFormatBeatsSpeed()
{
    SlskdCandidate mp3 = file(u"fast"_s, u"01 - Song.mp3"_s, 320);
    mp3.hasFreeUploadSlot = true;
    mp3.uploadSpeed = 10'000'000;
    SlskdCandidate flac = file(u"slow"_s, u"01 - Song.flac"_s);
    flac.hasFreeUploadSlot = false;
    flac.queueLength = 40;
    flac.uploadSpeed = 1000;
    const QList<SlskdCandidate> ranked = SlskdRanking::rank({mp3, flac}, track(u"Artist"_s, u"Song"_s), {});
    QCOMPARE(users(ranked), (QStringList{u"slow"_s, u"fast"_s}));
}

void TestSlskdRanking::preferredFormatsOrderIsConfigurable()
{
    SlskdRankingOptions options;
    options.preferredFormats = {u"mp3"_s, u"flac"_s};
    const QList<SlskdCandidate> candidates{file(u"a"_s, u"Song.flac"_s), file(u"b"_s, u"Song.ogg"_s, 320),
                                           file(u"c"_s, u"Song.mp3"_s, 320)};
    // An audio format not in the list comes after the listed ones.
    QCOMPARE(users(SlskdRanking::rank(candidates, track({}, u"Song"_s), options)),
             (QStringList{u"c"_s, u"a"_s, u"b"_s}));
}

void TestSlskdRanking::bitrateAboveMinimumFirstThenHigher()
{
    SlskdCandidate low = file(u"low"_s, u"Song.mp3"_s, 192);
    low.hasFreeUploadSlot = true; // a better peer does not lift a file under the minimum
    low.uploadSpeed = 10'000'000;
    const SlskdCandidate unknown = file(u"unknown"_s, u"Song.mp3"_s);
    const SlskdCandidate atMinimum = file(u"at"_s, u"Song.mp3"_s, 256);
    const SlskdCandidate high = file(u"high"_s, u"Song.mp3"_s, 320);
    const QList<SlskdCandidate> ranked =
        SlskdRanking::rank({low, unknown, atMinimum, high}, track({}, u"Song"_s), {});
    QCOMPARE(users(ranked), (QStringList{u"high"_s, u"at"_s, u"low"_s, u"unknown"_s}));

    SlskdRankingOptions strict;
    strict.minBitrate = 300;
    QCOMPARE(users(SlskdRanking::rank({atMinimum, low, high}, track({}, u"Song"_s), strict)).first(),
             u"high"_s);
}

void TestSlskdRanking::lockedNonAudioAndOtherTitlesAreOut()
{
    SlskdCandidate locked = file(u"locked"_s, u"Song.flac"_s);
    locked.locked = true;
    const QList<SlskdCandidate> candidates{locked,
                                           file(u"cover"_s, u"Song.jpg"_s),
                                           file(u"cue"_s, u"Song.cue"_s),
                                           file(u"other"_s, u"02 - Another One.flac"_s),
                                           file(u"partial"_s, u"Long.flac"_s),
                                           file(u"good"_s, u"01 - Long Song.mp3"_s, 320)};
    QCOMPARE(users(SlskdRanking::rank(candidates, track(u"Artist"_s, u"Long Song"_s), {})),
             QStringList{u"good"_s});
}

void TestSlskdRanking::titleWordsIgnoreCaseAccentsAndDecorations()
{
    const Track wanted = track(u"Beyoncé"_s, u"Don't Stop (2011 Remaster) [Live]"_s);
    QCOMPARE(SlskdRanking::requiredWords(wanted), (QStringList{u"dont"_s, u"stop"_s}));
    const QList<SlskdCandidate> candidates{file(u"a"_s, u"03 - DONT STOP.flac"_s),
                                           file(u"b"_s, u"03-don’t_stop-live.flac"_s),
                                           file(u"c"_s, u"03 - Don't Go.flac"_s)};
    QCOMPARE(users(SlskdRanking::rank(candidates, wanted, {})), (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(SlskdRanking::words(u"Café Del Mar"_s), (QStringList{u"cafe"_s, u"del"_s, u"mar"_s}));
}

void TestSlskdRanking::lengthCloseToTrackFirst()
{
    SlskdCandidate exact = file(u"exact"_s, u"Song.flac"_s);
    exact.lengthSeconds = 203;
    SlskdCandidate remix = file(u"remix"_s, u"Song.flac"_s);
    remix.lengthSeconds = 420;
    remix.hasFreeUploadSlot = true;
    const SlskdCandidate unknown = file(u"unknown"_s, u"Song.flac"_s);
    QCOMPARE(users(SlskdRanking::rank({remix, unknown, exact}, track({}, u"Song"_s, 200), {})),
             (QStringList{u"exact"_s, u"unknown"_s, u"remix"_s}));
    // Unknown track length: the length does not matter, the free slot does.
    QCOMPARE(users(SlskdRanking::rank({exact, remix}, track({}, u"Song"_s), {})).first(), u"remix"_s);
}

void TestSlskdRanking::freeSlotThenQueueThenSpeed()
{
    SlskdCandidate busy = file(u"busy"_s, u"Song.flac"_s);
    busy.uploadSpeed = 9'000'000;
    SlskdCandidate freeLongQueue = file(u"freeLong"_s, u"Song.flac"_s);
    freeLongQueue.hasFreeUploadSlot = true;
    freeLongQueue.queueLength = 5;
    SlskdCandidate freeSlow = file(u"freeSlow"_s, u"Song.flac"_s);
    freeSlow.hasFreeUploadSlot = true;
    freeSlow.uploadSpeed = 100;
    SlskdCandidate freeFast = file(u"freeFast"_s, u"Song.flac"_s);
    freeFast.hasFreeUploadSlot = true;
    freeFast.uploadSpeed = 5'000'000;
    QCOMPARE(users(SlskdRanking::rank({busy, freeLongQueue, freeSlow, freeFast}, track({}, u"Song"_s), {})),
             (QStringList{u"freeFast"_s, u"freeSlow"_s, u"freeLong"_s, u"busy"_s}));
}

void TestSlskdRanking::parsesResponsesWithMissingFields()
{
    const QByteArray json = R"([{"username":"some peer","token":1,"fileCount":1,"hasFreeUploadSlot":true,
        "uploadSpeed":1048576,"queueLength":3,
        "files":[{"filename":"@@x\\Music\\A\\01 - One.FLAC","size":25123456,"code":1,"extension":"","isLocked":false}],
        "lockedFileCount":1,
        "lockedFiles":[{"filename":"@@x\\Music\\A\\02 - Two.mp3","size":7000,"bitRate":320,"length":198,"isLocked":false}]}])";
    const QList<SlskdCandidate> parsed = SlskdRanking::parseResponses(QJsonDocument::fromJson(json).array());
    QCOMPARE(parsed.size(), 2);
    QCOMPARE(parsed.at(0).username, u"some peer"_s);
    QCOMPARE(parsed.at(0).extension, u"flac"_s);
    QCOMPARE(parsed.at(0).bitRate, -1);
    QCOMPARE(parsed.at(0).lengthSeconds, -1);
    QCOMPARE(parsed.at(0).size, 25123456);
    QCOMPARE(parsed.at(0).queueLength, 3);
    QVERIFY(parsed.at(0).hasFreeUploadSlot);
    QVERIFY(!parsed.at(0).locked);
    QCOMPARE(parsed.at(0).fileName(), u"01 - One.FLAC"_s);
    QVERIFY(parsed.at(1).locked);
    QCOMPARE(parsed.at(1).bitRate, 320);
    QCOMPARE(parsed.at(1).lengthSeconds, 198);
}

void TestSlskdRanking::searchTextIsCleaned()
{
    QCOMPARE(SlskdRanking::searchText(track(u"Daft Punk feat. Pharrell"_s, u"Get Lucky (Radio Edit)"_s)),
             u"daft punk get lucky"_s);
    QCOMPARE(SlskdRanking::searchText(track(u"A"_s, u"B - C/D: e!"_s)), QString()); // one-letter words only
    QCOMPARE(SlskdRanking::searchText(track(u"Sigur Rós"_s, u"-Hoppípolla"_s)), u"sigur rós hoppípolla"_s);
    QCOMPARE(SlskdRanking::searchText(track(u"Beyoncé"_s, u"Don't Stop"_s)), u"beyoncé don stop"_s);
}

void TestSlskdRanking::slskLinkIsTriedFirst()
{
    const auto link = SlskdRanking::parseSlskLink(u"slsk://dj%20x/Music/Album/02%20-%20Song.mp3"_s);
    QVERIFY(link);
    QCOMPARE(link->username, u"dj x"_s);
    QCOMPARE(link->filename, u"Music\\Album\\02 - Song.mp3"_s);
    QVERIFY(!SlskdRanking::parseSlskLink(u"https://example.org/a.mp3"_s));

    Track linked;
    linked.sourceUrl = u"slsk://dj%20x/Music/Album/02%20-%20Song.mp3"_s;
    QCOMPARE(SlskdRanking::searchText(linked), u"02 song"_s);
    SlskdCandidate fromLink = file(u"dj x"_s, u"02 - Song.mp3"_s, 128);
    fromLink.filename = u"Music\\Album\\02 - Song.mp3"_s;
    const QList<SlskdCandidate> ranked =
        SlskdRanking::rank({file(u"other"_s, u"02 - Song.flac"_s), fromLink}, linked, {});
    QCOMPARE(users(ranked), (QStringList{u"dj x"_s, u"other"_s}));
}

void TestSlskdRanking::transferStatesAndRetries()
{
    auto parse = [](const QByteArray &json) {
        return SlskdTransfer::fromJson(QJsonDocument::fromJson(json).object());
    };
    const SlskdTransfer done =
        parse(R"({"id":"1","state":"Completed, Succeeded","size":10,"removed":false})");
    QVERIFY(done.isCompleted());
    QVERIFY(done.isSucceeded());
    QCOMPARE(done.placeInQueue, -1);

    const SlskdTransfer queued = parse(R"({"id":"1","state":"Queued, Remotely","placeInQueue":4})");
    QVERIFY(!queued.isCompleted());
    QVERIFY(queued.has("Remotely"_L1));
    QCOMPARE(queued.placeInQueue, 4);

    // 0.26 retries Errored and TimedOut itself, up to its retry.attempts; Rejected is final.
    QVERIFY(parse(R"({"state":"Completed, Errored","attempts":1,"removed":false})").mayBeRetried(3));
    QVERIFY(!parse(R"({"state":"Completed, Errored","attempts":3,"removed":false})").mayBeRetried(3));
    QVERIFY(parse(R"({"state":"Completed, Errored","attempts":3,"removed":false})").mayBeRetried(5));
    QVERIFY(!parse(R"({"state":"Completed, Errored","attempts":1,"removed":false})").mayBeRetried(1));
    QVERIFY(!parse(R"({"state":"Completed, Rejected","attempts":1,"removed":false})").mayBeRetried(3));
    QVERIFY(!parse(R"({"state":"Completed, Errored","attempts":1})").mayBeRetried(3)); // 0.25: no retries
    // A peer that never took the queue request: slskd gives up for good after 3 minutes.
    const SlskdTransfer unanswered = parse(R"({"state":"Completed, TimedOut","attempts":1,"removed":false})");
    QVERIFY(unanswered.neverAcknowledged());
    QVERIFY(!unanswered.mayBeRetried(3));
    QVERIFY(unanswered.failureText().contains(u"never took the queue request"_s));
    QVERIFY(parse(R"({"state":"Completed, Cancelled","attempts":1,"removed":false})").neverAcknowledged());
    const SlskdTransfer lateTimeout = parse(
        R"({"state":"Completed, TimedOut","attempts":1,"enqueuedAt":"2026-08-22T18:01:02.1","removed":false})");
    QVERIFY(!lateTimeout.neverAcknowledged());
    QVERIFY(lateTimeout.mayBeRetried(3));
    QVERIFY(parse(R"({"state":"Completed, Rejected","exception":"File not shared."})")
                .failureText()
                .contains(u"rejected by the peer (File not shared.)"_s));
}

void TestSlskdRanking::sourceInfoRoundTrip()
{
    SlskdSourceInfo info;
    info.username = u"some peer"_s;
    info.filename = u"@@x\\Music\\A\\01 - One.flac"_s;
    info.size = 123;
    info.transferId = u"3b2e0000-0000-0000-0000-000000000000"_s;
    info.cancelled = true;
    info.failed.append({u"other"_s, u"@@y\\B\\01 - One.mp3"_s, u"rejected by the peer"_s});
    const SlskdSourceInfo back = SlskdSourceInfo::fromJson(info.toJson());
    QCOMPARE(back.username, info.username);
    QCOMPARE(back.filename, info.filename);
    QCOMPARE(back.size, 123);
    QCOMPARE(back.transferId, info.transferId);
    QVERIFY(back.cancelled);
    QVERIFY(!SlskdSourceInfo::fromJson(SlskdSourceInfo().toJson()).cancelled);
    QVERIFY(back.hasFailed(u"other"_s, u"@@y\\B\\01 - One.mp3"_s));
    QCOMPARE(SlskdSourceInfo::displayText(info.toJson()), u"some peer: 01 - One.flac"_s);
    QVERIFY(!SlskdSourceInfo::fromJson(u"https://example.org"_s).hasFile());
}

void TestSlskdRanking::pathsMapToThisMachine()
{
    QCOMPARE(Slskd::mapToLocal(u"/app/downloads/Album/01.flac"_s, u"/app/downloads"_s, u"/mnt/nas/slskd"_s),
             u"/mnt/nas/slskd/Album/01.flac"_s);
    QCOMPARE(Slskd::mapToLocal(u"/srv/dl/Album/01.flac"_s, {}, u"/srv/dl"_s), u"/srv/dl/Album/01.flac"_s);
    QCOMPARE(Slskd::mapToLocal(u"/etc/passwd"_s, u"/app/downloads"_s, u"/srv/dl"_s), QString());
    QCOMPARE(Slskd::mapToLocal(u"/app/downloads/../../etc/passwd"_s, u"/app/downloads"_s, u"/srv/dl"_s),
             QString());
    QCOMPARE(
        Slskd::mapToLocal(u"C:\\slskd\\downloads\\Album\\01.flac"_s, u"C:\\slskd\\downloads"_s, u"/srv/dl"_s),
        u"/srv/dl/Album/01.flac"_s);
    QCOMPARE(Slskd::slskdSegment(u".."_s), u"_"_s);

    // slskd 0.26+ leaves share roots out of the local folder (FileSafety.StripPathRoot).
    QCOMPARE(Slskd::remoteLastDirectory(u"@@abcde\\Music\\Album\\01.flac"_s), u"Album"_s);
    QCOMPARE(Slskd::remoteLastDirectory(u"@@abcde\\01.flac"_s), QString());
    QCOMPARE(Slskd::remoteLastDirectory(u"C:\\01.flac"_s), QString());
    QCOMPARE(Slskd::remoteLastDirectory(u"\\\\nas\\01.flac"_s), QString());
    QCOMPARE(Slskd::remoteLastDirectory(u"@@ab\\01.flac"_s), u"@@ab"_s);              // too short for a root
    QCOMPARE(Slskd::remoteLastDirectory(u"@@abcde\\01.flac"_s, false), u"@@abcde"_s); // 0.25 kept it
}

void TestSlskdRanking::apiUrlsKeepTheUrlBase()
{
    auto api = [](const QString &base, const QString &path) {
        SlskdConnection connection;
        connection.baseUrl = QUrl(base);
        return connection.apiUrl(path).toString(QUrl::FullyEncoded);
    };
    const QString user = SlskdConnection::encodeSegment(u"dj x/y"_s);
    QCOMPARE(api(u"http://127.0.0.1:5030"_s, u"/transfers/downloads/"_s + user),
             u"http://127.0.0.1:5030/api/v0/transfers/downloads/dj%20x%2Fy"_s);
    QCOMPARE(api(u"http://nas/slskd/"_s, u"/searches"_s), u"http://nas/slskd/api/v0/searches"_s);
    QCOMPARE(api(u"http://nas:5030/api/v0"_s, u"/session"_s), u"http://nas:5030/api/v0/session"_s);
    SlskdConnection based;
    based.baseUrl = QUrl(u"http://nas/slskd"_s);
    QCOMPARE(based.rootUrl(u"/health"_s).toString(), u"http://nas/slskd/health"_s);
    QVERIFY(SlskdConnection::isValidBaseUrl(QUrl(u"https://nas:5031"_s)));
    QVERIFY(!SlskdConnection::isValidBaseUrl(QUrl(u"ftp://nas"_s)));
    QVERIFY(!SlskdConnection::isValidBaseUrl(QUrl(u"127.0.0.1:5030"_s)));
}

QTEST_GUILESS_MAIN(TestSlskdRanking)
#include "tst_slskdranking.moc"
