// SPDX-License-Identifier: GPL-3.0-or-later
// The pure parts of the REST API, without sockets: the request framer, the guard, the strict
// JSON parser, the field reader and the router.
#include "api/fieldreader.h"
#include "api/httprequestframer.h"
#include "api/jsonrender.h"
#include "api/requestguard.h"
#include "api/router.h"
#include "api/strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot::Api;
using namespace SoulSpot;

class TestApiParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framerFindsEachRequestWhateverTheChunks();
    void framerRefusesWhatItCannotFrame_data();
    void framerRefusesWhatItCannotFrame();
    void guardHostAndOrigin();
    void guardToken();
    void guardFetchSite();
    void constantTimeEquals();
    void strictJsonNumbers();
    void strictJsonRefusals_data();
    void strictJsonRefusals();
    void fieldReaderNamesTheField();
    void routerPrefersLiteralSegments();
    void pageTextMatchesObjects();
};

void TestApiParts::framerFindsEachRequestWhateverTheChunks()
{
    const QByteArray stream =
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        "\r\nPOST /b?c=d HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"
        "GET /e HTTP/1.0\r\n\r\n";
    for (int chunk : {1, 2, 3, 7, 1000})
    {
        HttpRequestFramer framer(true);
        QList<HttpRequestFramer::Event> events;
        for (qsizetype i = 0; i < stream.size(); i += chunk)
            events +=
                framer.feed(QByteArrayView(stream).sliced(i, qMin<qsizetype>(chunk, stream.size() - i)));
        QList<HttpRequestFramer::Event> complete;
        for (const auto &event : events)
        {
            QVERIFY(event.kind != HttpRequestFramer::Event::Kind::Error);
            if (event.kind == HttpRequestFramer::Event::Kind::RequestComplete)
                complete.append(event);
        }
        QCOMPARE(complete.size(), 3);
        QCOMPARE(complete.at(0).head.path(), "/a"_ba);
        QCOMPARE(complete.at(1).head.method, "POST"_ba);
        QCOMPARE(complete.at(1).head.path(), "/b"_ba);
        QCOMPARE(complete.at(1).head.query(), "c=d"_ba);
        QCOMPARE(complete.at(1).body, "hello"_ba);
        QVERIFY(complete.at(1).head.expectContinue);
        QCOMPARE(complete.at(2).head.version, "HTTP/1.0"_ba);
        // Stream offsets: where each request ends.
        QCOMPARE(complete.at(0).streamOffset, stream.indexOf("\r\nPOST"));
        QCOMPARE(complete.at(1).streamOffset, stream.indexOf("GET /e"));
        QCOMPARE(complete.at(2).streamOffset, stream.size());
        QVERIFY(!framer.inRequest());
    }
}

void TestApiParts::framerRefusesWhatItCannotFrame_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::newRow("bare LF") << "GET / HTTP/1.1\nHost: x\n\n"_ba << 400;
    QTest::newRow("bare CR") << "GET / HTTP/1.1\rHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("chunked") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 411;
    QTest::newRow("two lengths") << "POST / HTTP/1.1\r\nContent-Length: 1\r\ncontent-length: 1\r\n\r\n"_ba
                                 << 400;
    QTest::newRow("length with sign") << "POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n"_ba << 400;
    QTest::newRow("obs-fold") << "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"_ba << 400;
    QTest::newRow("no colon") << "GET / HTTP/1.1\r\nX\r\n\r\n"_ba << 400;
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("target with space") << "GET /a b HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("asterisk") << "OPTIONS * HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("version") << "GET / HTTP/1.2\r\n\r\n"_ba << 400;
    QTest::newRow("head too large") << "GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a') << 431;
    QTest::newRow("target too long") << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n" << 414;
}

void TestApiParts::framerRefusesWhatItCannotFrame()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    HttpRequestFramer framer;
    const QList<HttpRequestFramer::Event> events = framer.feed(stream);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().kind, HttpRequestFramer::Event::Kind::Error);
    QCOMPARE(events.last().error.status, status);
    QVERIFY(framer.isStopped());
    QVERIFY(framer.feed("GET / HTTP/1.1\r\n\r\n").isEmpty()); // nothing more is read
}

void TestApiParts::guardHostAndOrigin()
{
    RequestGuard guard(GuardConfig{{}, {u"Music.Home"_s}, u"127.0.0.1"_s, 8000});
    const QHostAddress lan(u"192.168.1.5"_s);
    QVERIFY(guard.isOwnHost("127.0.0.1:8000", {}));
    QVERIFY(guard.isOwnHost("localhost", {}));
    QVERIFY(guard.isOwnHost("[::1]:8000", {}));
    QVERIFY(guard.isOwnHost("music.home:8000", {}));
    QVERIFY(guard.isOwnHost("192.168.1.5:8000", lan)); // the address the client connected to
    QVERIFY(!guard.isOwnHost("192.168.1.5:8000", {}));
    QVERIFY(!guard.isOwnHost("localhost:8001", {}));
    QVERIFY(!guard.isOwnHost("evil.example:8000", {}));
    QVERIFY(!guard.isOwnHost("localhost:8000:8000", {}));
    QVERIFY(!guard.isOwnHost("[::1", {}));
    QVERIFY(!guard.isOwnHost("", {}));
    QVERIFY(guard.isOwnHost("[::1]", {})); // the default port
    for (const char *malformed :
         {"[::1]x", "[::1]:", "localhost:", "::1", "localhost:80a", "[127.0.0.1]:8000", "user@localhost:8000",
          "localhost:123456", "local host:8000"})
        QVERIFY2(!guard.isOwnHost(malformed, {}), malformed);
    QVERIFY(guard.isOwnOrigin("http://localhost:8000", {}));
    QVERIFY(!guard.isOwnOrigin("http://localhost", {})); // port 80
    QVERIFY(!guard.isOwnOrigin("https://localhost:8000", {}));
    QVERIFY(!guard.isOwnOrigin("null", {}));
    QVERIFY(!guard.isOwnOrigin("http://localhost:8000/path", {}));

    HeaderList headers{{"Host", "localhost:8000"}};
    QVERIFY(!guard.check("GET", headers, {}));
    headers.emplaceBack("Origin", "http://evil.example");
    QCOMPARE(guard.check("GET", headers, {})->status, 403);
    QCOMPARE(guard.check("GET", {}, {})->status, 400);
    QCOMPARE(guard.check("GET", {{"Host", "a"}, {"host", "b"}}, {})->status, 400);
}

void TestApiParts::guardToken()
{
    RequestGuard guard(GuardConfig{u"tok"_s, {}, u"127.0.0.1"_s, 8000});
    const HeaderList host{{"Host", "localhost:8000"}};
    QCOMPARE(guard.check("GET", host, {})->status, 401);
    QVERIFY(!guard.check("GET", host + HeaderList{{"Authorization", "Bearer tok"}}, {}));
    QVERIFY(!guard.check("GET", host + HeaderList{{"x-api-key", " tok "}}, {}));
    QCOMPARE(guard.check("GET", host + HeaderList{{"Authorization", "Bearer tok2"}}, {})->status, 401);
    QCOMPARE(guard.check("GET", host + HeaderList{{"Authorization", "tok"}}, {})->status, 401);
    // Host comes first: a foreign Host with a good token is still 403.
    QCOMPARE(guard.check("GET", {{"Host", "evil:8000"}, {"Authorization", "Bearer tok"}}, {})->status, 403);
}

void TestApiParts::guardFetchSite()
{
    const RequestGuard guard(GuardConfig{{}, {}, u"127.0.0.1"_s, 8000});
    const HeaderList host{{"Host", "localhost:8000"}};
    const auto statusOf = [&](QByteArrayView method, QByteArrayView site) {
        const std::optional<ApiError> refused =
            guard.check(method, host + HeaderList{{"Sec-Fetch-Site", site.toByteArray()}}, {});
        return refused ? refused->status : 0;
    };
    // A browser's request from another site may read, never change.
    QCOMPARE(statusOf("POST", "cross-site"), 403);
    QCOMPARE(statusOf("DELETE", " Same-Site "), 403);
    QCOMPARE(statusOf("POST", "same-origin"), 0);
    QCOMPARE(statusOf("POST", "none"), 0);
    QCOMPARE(statusOf("GET", "cross-site"), 0);
    QCOMPARE(statusOf("HEAD", "cross-site"), 0);
    // Host and Origin come first.
    QCOMPARE(guard.check("POST", {{"Host", "evil:8000"}, {"Sec-Fetch-Site", "cross-site"}}, {})->status, 403);
    QVERIFY(guard.check("POST", {{"Host", "evil:8000"}}, {})->detail.contains(u"Host"_s));
}

void TestApiParts::constantTimeEquals()
{
    QVERIFY(RequestGuard::constantTimeEquals("secret", "secret"));
    QVERIFY(!RequestGuard::constantTimeEquals("secret", "secreT"));
    QVERIFY(!RequestGuard::constantTimeEquals("secret", "secret "));
    QVERIFY(!RequestGuard::constantTimeEquals("", "x"));
    QVERIFY(RequestGuard::constantTimeEquals("", ""));
}

void TestApiParts::strictJsonNumbers()
{
    const StrictJson::Result parsed = StrictJson::parse(
        R"({"a": 1, "b": 1.0, "c": 1e2, "d": -0, "e": 99999999999999999999, "f": [2, 2.5], "g": {"h": 3E-1}})");
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.nonIntegerNumbers, (QSet<QString>{u"b"_s, u"c"_s, u"e"_s, u"f[1]"_s, u"g.h"_s}));
    QCOMPARE(parsed.value.toObject().value(u"a"_s).toInteger(), 1);
    QCOMPARE(parsed.value.toObject().value(u"f"_s).toArray().at(1).toDouble(), 2.5);
    QVERIFY(parsed.duplicateKey.isEmpty());
    QCOMPARE(StrictJson::parse(R"({"x": {"y": 1, "y": 2}})").duplicateKey, u"x.y"_s);
    QCOMPARE(StrictJson::parse("\"\\ud83c\\udfb5\"").value.toString(), u"\U0001F3B5"_s);
}

void TestApiParts::strictJsonRefusals_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text :
         {"",         "{",   "[1,]",  "{\"a\":1,}", "01",          "1.",           ".5",        "-",
          "1e",       "+1",  "NaN",   "'a'",        "\"\\ud800\"", "\"\\udc00x\"", "\"\\u12\"", "\"\\x\"",
          "\"a\tb\"", "tru", "nulll", "{\"a\" 1}",  "[1 2]",       "{} {}",        "\xff",      "\"\xc3\""})
        QTest::newRow(text) << QByteArray(text);
    QTest::newRow("deep") << QByteArray(100, '[') + QByteArray(100, ']');
}

void TestApiParts::strictJsonRefusals()
{
    QFETCH(QByteArray, text);
    const StrictJson::Result parsed = StrictJson::parse(text);
    QVERIFY2(!parsed.error.isEmpty(), text.constData());
}

void TestApiParts::fieldReaderNamesTheField()
{
    const ApiResult<FieldReader> body = FieldReader::parseBody(
        R"({"tracks": [{"title": "a"}, {"title": "b", "duration_seconds": 2.0}]})", true);
    QVERIFY(body.ok());
    const ApiResult<QList<FieldReader>> tracks = body->objectList(u"tracks"_s, 1, 10);
    QVERIFY(tracks.ok());
    QVERIFY(tracks->at(0).optionalInteger(u"duration_seconds"_s, 0, 10).ok());
    const ApiResult<std::optional<qint64>> duration =
        tracks->at(1).optionalInteger(u"duration_seconds"_s, 0, 10);
    QVERIFY(!duration.ok());
    QCOMPARE(duration.error().status, 422);
    QVERIFY2(duration.error().detail.contains(u"tracks[1].duration_seconds"_s),
             qPrintable(duration.error().detail));
    QCOMPARE(FieldReader::parseBody("[1]", true).error().status, 400);
    QCOMPARE(FieldReader::parseBody("", true).error().status, 400);
    QVERIFY(FieldReader::parseBody("", false).ok());
    QCOMPARE(FieldReader::parseBody(R"({"a":1,"a":1})", true).error().status, 422);
    const ApiResult<FieldReader> unknown = FieldReader::parseBody(R"({"priorty": 1})", true);
    QVERIFY(unknown->rejectUnknown({u"priority"})->detail.contains(u"priorty"_s));
}

void TestApiParts::routerPrefersLiteralSegments()
{
    // Shaped like the API's routes: literal paths beside {id} patterns, one path with two methods.
    const Router router({{"GET", u"/api/downloads/status"_s, {}},
                         {"POST", u"/api/downloads/pause"_s, {}},
                         {"GET", u"/api/downloads/{download_id}"_s, {}},
                         {"POST", u"/api/downloads/{download_id}/priority"_s, {}},
                         {"GET", u"/api/tracks"_s, {}},
                         {"POST", u"/api/tracks"_s, {}}});
    const auto patternOf = [&](QByteArrayView method, QByteArrayView path) {
        const RouteMatch match = router.match(method, path);
        return match.route ? match.route->pattern : QString();
    };
    QCOMPARE(patternOf("GET", "/api/downloads/status"), u"/api/downloads/status"_s);
    const RouteMatch pause = router.match("GET", "/api/downloads/pause");
    QCOMPARE(pause.kind, RouteMatch::Kind::MethodNotAllowed);
    QCOMPARE(pause.allowed, QByteArrayList{"POST"});
    const RouteMatch one = router.match("GET", "/api/downloads/abc%2Fdef");
    QCOMPARE(one.kind, RouteMatch::Kind::Found);
    QCOMPARE(one.route->pattern, u"/api/downloads/{download_id}"_s);
    QCOMPARE(one.parameter, u"abc/def"_s);
    QCOMPARE(patternOf("POST", "/api/downloads/x/priority"), u"/api/downloads/{download_id}/priority"_s);
    QCOMPARE(router.match("GET", "/api/downloads/").kind, RouteMatch::Kind::NotFound);
    QCOMPARE(patternOf("GET", "/api/tracks"), u"/api/tracks"_s);
    QCOMPARE(router.match("POST", "/api/tracks").route->method, "POST"_ba);
    QCOMPARE(router.match("DELETE", "/api/tracks").allowed, (QByteArrayList{"GET", "POST"}));
}

// A page of downloads is written as text directly (JsonTextWriter); it must say what the object
// rendering of each download says, whatever the strings hold.
void TestApiParts::pageTextMatchesObjects()
{
    Download plain;
    plain.id = u"a"_s;
    plain.trackId = u"t"_s;
    plain.status = DownloadStatus::Downloading;
    plain.progressPercent = 33.3333;
    plain.bytesDownloaded = 5'000'000'000;
    plain.createdAt = QDateTime(QDate(2026, 12, 5), QTime(1, 2, 3, 45), Qt::UTC);
    Download hostile = plain;
    hostile.id = u"b"_s;
    hostile.totalBytes = 7;
    hostile.errorMessage =
        u"quote \" backslash \\ tab \t nl \n nul "_s + QChar(0) + u" bell \x07 J\u00f3ga \U0001F3B5"_s;
    hostile.targetPath = u"/music/\u00c9t\u00e9 \"live\".flac"_s;
    hostile.retryAt = plain.createdAt.addSecs(4);
    Page<Download> page;
    page.items = {plain, hostile};
    page.total = 12;

    QJsonParseError error;
    const QJsonDocument text =
        QJsonDocument::fromJson(JsonRender::downloadPage(page, 3, 2, u"c\"1"_s), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject answer = text.object();
    QCOMPARE(answer.value(u"total"_s).toInteger(), 12);
    QCOMPARE(answer.value(u"skip"_s).toInteger(), 3);
    QCOMPARE(answer.value(u"limit"_s).toInteger(), 2);
    QCOMPARE(answer.value(u"next_cursor"_s).toString(), u"c\"1"_s);
    const QJsonArray items = answer.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject(), JsonRender::download(plain));
    QCOMPARE(items.at(1).toObject(), JsonRender::download(hostile));
    QCOMPARE(items.at(1).toObject().value(u"error_message"_s).toString(), hostile.errorMessage);

    page.items.clear();
    const QJsonObject last = QJsonDocument::fromJson(JsonRender::downloadPage(page, 0, 50, {})).object();
    QVERIFY(last.value(u"next_cursor"_s).isNull());
    QCOMPARE(last.value(u"items"_s).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestApiParts)
#include "tst_apiparts.moc"
