// SPDX-License-Identifier: GPL-3.0-or-later
// The REST API's defences, over real sockets: Host and Origin (DNS rebinding, web pages), the
// token, bodies over 1 MiB refused before they are read, malformed framing, the order of the
// checks, slow clients that must not stall the others, and the refusal to listen on a
// non-loopback address without a token.
#include "apitestsupport.h"

#include "api/httplimits.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

class TestApiSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foreignHostIsForbidden_data();
    void foreignHostIsForbidden();
    void foreignOriginIsForbidden_data();
    void foreignOriginIsForbidden();
    void tokenIsRequiredWhenSet_data();
    void tokenIsRequiredWhenSet();
    void checksRunInApiMdOrder();
    void bodyOverOneMebibyteIsRefusedUnread();
    void twoMebibyteBodyThroughQNetworkAccessManager();
    void bodyOfExactlyOneMebibyteIsRead();
    void malformedFramingIsRefused_data();
    void malformedFramingIsRefused();
    void keepAliveAndPipelinedRequestsWork();
    void slowClientDoesNotStallOthers();
    void expectContinueIsAnswered();
    void headGetsAHeadOnly();
    void idleConnectionsAreClosed();
    void connectionsBeyondTheLimitGet503();
    void idleKeepAliveConnectionsMakeRoom();
    void crossSiteFetchCannotChangeState_data();
    void crossSiteFetchCannotChangeState();
    void nonLoopbackWithoutTokenIsRefused();
    void portZeroGivesAFreePort();

private:
    QByteArray rawGet(quint16 port, const QByteArray &path, const QByteArray &extraHeaders,
                      const QByteArray &host = {});
};

QByteArray TestApiSecurity::rawGet(quint16 port, const QByteArray &path, const QByteArray &extraHeaders,
                                   const QByteArray &host)
{
    const QByteArray hostHeader = host.isNull() ? "127.0.0.1:" + QByteArray::number(port) : host;
    return rawExchange(port,
                       "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + extraHeaders + "\r\n");
}

void TestApiSecurity::foreignHostIsForbidden_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("status");
    QTest::newRow("127.0.0.1:port") << "127.0.0.1:%1"_ba << 200;
    QTest::newRow("localhost:port") << "localhost:%1"_ba << 200;
    QTest::newRow("LOCALHOST:port") << "LOCALHOST:%1"_ba << 200;
    QTest::newRow("[::1]:port") << "[::1]:%1"_ba << 200;
    QTest::newRow("no port") << "localhost"_ba << 200;
    QTest::newRow("allowed name") << "music.home:%1"_ba << 200;
    QTest::newRow("rebinding name") << "evil.example:%1"_ba << 403;
    QTest::newRow("other port") << "127.0.0.1:1"_ba << 403;
    QTest::newRow("trailing dot") << "localhost.:%1"_ba << 403;
    QTest::newRow("user info") << "evil@127.0.0.1:%1"_ba << 403;
    QTest::newRow("bare ipv6") << "::1"_ba << 403;
    QTest::newRow("empty port") << "127.0.0.1:"_ba << 403;
    QTest::newRow("lan address") << "192.168.1.20:%1"_ba << 403;
    QTest::newRow("missing") << QByteArray() << 400;
}

void TestApiSecurity::foreignHostIsForbidden()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    Api::ApiOptions options;
    options.allowedHosts = {u"music.home"_s};
    ApiFixture api(options);
    QVERIFY(api.started);
    const QByteArray header =
        host.isNull() ? QByteArray() : "Host: " + host.replace("%1", QByteArray::number(api.port)) + "\r\n";
    const QByteArray answer =
        rawExchange(api.port, "GET /api/downloads/status HTTP/1.1\r\n" + header + "\r\n");
    QCOMPARE(statusOfRawAnswer(answer), status);
    if (status != 200)
        QVERIFY(!bodyOfRawAnswer(answer).value(u"detail"_s).toString().isEmpty());
}

void TestApiSecurity::foreignOriginIsForbidden_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<int>("status");
    QTest::newRow("own origin") << "http://127.0.0.1:%1"_ba << 200;
    QTest::newRow("localhost origin") << "http://localhost:%1"_ba << 200;
    QTest::newRow("web page") << "https://evil.example"_ba << 403;
    QTest::newRow("same host other port") << "http://127.0.0.1:3000"_ba << 403;
    QTest::newRow("https own") << "https://127.0.0.1:%1"_ba << 403;
    QTest::newRow("null") << "null"_ba << 403;
    QTest::newRow("garbage") << "\"'><script>"_ba << 403;
}

void TestApiSecurity::foreignOriginIsForbidden()
{
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    ApiFixture api;
    QVERIFY(api.started);
    origin.replace("%1", QByteArray::number(api.port));
    // A browser sends Origin on a cross-site POST: the pause must not happen.
    const HttpAnswer answer = api.send("POST", u"/api/downloads/pause"_s, {}, {{"Origin", origin}});
    QCOMPARE(answer.status, status);
    QCOMPARE(api.service->isQueuePaused(), status == 200);
    if (status == 403)
        QVERIFY(answer.detail().contains(u"origin"_s));
}

void TestApiSecurity::tokenIsRequiredWhenSet_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << QByteArray() << 401;
    QTest::newRow("bearer") << "Authorization"_ba
                            << "Bearer s3cret-token"_ba << 200;
    QTest::newRow("bearer lower case") << "Authorization"_ba
                                       << "bearer s3cret-token"_ba << 200;
    QTest::newRow("x-api-key") << "X-API-Key"_ba
                               << "s3cret-token"_ba << 200;
    QTest::newRow("wrong bearer") << "Authorization"_ba
                                  << "Bearer s3cret-tokeN"_ba << 401;
    QTest::newRow("prefix") << "Authorization"_ba
                            << "Bearer s3cret"_ba << 401;
    QTest::newRow("longer") << "X-API-Key"_ba
                            << "s3cret-token-and-more"_ba << 401;
    QTest::newRow("basic") << "Authorization"_ba
                           << "Basic czNjcmV0LXRva2Vu"_ba << 401;
    QTest::newRow("empty key") << "X-API-Key"_ba
                               << ""_ba << 401;
}

void TestApiSecurity::tokenIsRequiredWhenSet()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    Api::ApiOptions options;
    options.token = u"s3cret-token"_s;
    ApiFixture api(options);
    QVERIFY(api.started);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!header.isEmpty())
        headers.append({header, value});
    const HttpAnswer answer = api.send("POST", u"/api/downloads/pause"_s, {}, headers);
    QCOMPARE(answer.status, status);
    QCOMPARE(api.service->isQueuePaused(), status == 200);
    if (status == 401)
    {
        QCOMPARE(answer.header("WWW-Authenticate"), "Bearer"_ba);
        QVERIFY(!answer.detail().isEmpty());
        QVERIFY(!answer.detail().contains(u"s3cret"_s));
    }
}

void TestApiSecurity::checksRunInApiMdOrder()
{
    Api::ApiOptions options;
    options.token = u"t"_s;
    ApiFixture api(options);
    QVERIFY(api.started);
    const QByteArray port = QByteArray::number(api.port);
    const QByteArray big = "Content-Length: 2000000\r\n";
    // Foreign Host, no token, big body, unknown route: 403 first.
    QCOMPARE(statusOfRawAnswer(rawExchange(api.port, "POST /nothing HTTP/1.1\r\nHost: evil:" + port + "\r\n" +
                                                         big + "\r\n")),
             403);
    // Own Host: the token is next (401) ...
    QCOMPARE(statusOfRawAnswer(rawExchange(api.port, "POST /nothing HTTP/1.1\r\nHost: localhost:" + port +
                                                         "\r\n" + big + "\r\n")),
             401);
    // ... then the size (413) ...
    const QByteArray auth = "Authorization: Bearer t\r\n";
    QCOMPARE(statusOfRawAnswer(rawExchange(api.port, "POST /nothing HTTP/1.1\r\nHost: localhost:" + port +
                                                         "\r\n" + auth + big + "\r\n")),
             413);
    // ... then the route (404, 405) ...
    QCOMPARE(statusOfRawAnswer(rawExchange(api.port, "POST /nothing HTTP/1.1\r\nHost: localhost:" + port +
                                                         "\r\n" + auth + "Content-Length: 3\r\n\r\n[1]")),
             404);
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "PUT /api/downloads/batch HTTP/1.1\r\nHost: localhost:" + port +
                                           "\r\n" + auth + "Content-Length: 3\r\n\r\n[1]")),
             405);
    // ... then the JSON (400) and the fields (422) ...
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "POST /api/downloads/x/priority HTTP/1.1\r\nHost: localhost:" + port +
                                           "\r\n" + auth + "Content-Length: 3\r\n\r\n[1]")),
             400);
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "POST /api/downloads/x/priority HTTP/1.1\r\nHost: localhost:" + port +
                                           "\r\n" + auth + "Content-Length: 14\r\n\r\n{\"priority\":9}")),
             422);
    // ... and last the state (here: an unknown id, 404).
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "POST /api/downloads/x/priority HTTP/1.1\r\nHost: localhost:" + port +
                                           "\r\n" + auth + "Content-Length: 14\r\n\r\n{\"priority\":1}")),
             404);
}

void TestApiSecurity::bodyOverOneMebibyteIsRefusedUnread()
{
    ApiFixture api;
    QVERIFY(api.started);
    // Only the head is sent: the answer must come anyway, and the connection must close.
    QElapsedTimer timer;
    timer.start();
    const QByteArray answer = rawExchange(
        api.port, "POST /api/downloads/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2097152\r\n\r\n",
        10000);
    QCOMPARE(statusOfRawAnswer(answer), 413);
    QVERIFY(answer.contains("Connection: close"));
    QVERIFY(bodyOfRawAnswer(answer).value(u"detail"_s).toString().contains(u"1048576"_s));
    QVERIFY2(timer.elapsed() < 5000, "the server waited for the body");

    // Sent whole, 2 MiB: still 413, and the server answers the next client at once.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2097152\r\n\r\n");
    socket.write(QByteArray(2 * 1024 * 1024, 'x'));
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.contains("\r\n\r\n{") && received.endsWith('}');
        },
        10000));
    QCOMPARE(statusOfRawAnswer(received), 413);
    QTRY_VERIFY_WITH_TIMEOUT((socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState), 10000);
    QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
}

void TestApiSecurity::twoMebibyteBodyThroughQNetworkAccessManager()
{
    ApiFixture api;
    QVERIFY(api.started);
    const HttpAnswer answer = api.send("POST", u"/api/downloads/batch"_s, QByteArray(2 * 1024 * 1024, ' '));
    QCOMPARE(answer.status, 413);
    QVERIFY(answer.detail().contains(u"larger"_s));
    QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
}

void TestApiSecurity::bodyOfExactlyOneMebibyteIsRead()
{
    ApiFixture api;
    QVERIFY(api.started);
    // 1 MiB of valid JSON padded with spaces: not too large, so it is parsed (and is valid).
    QByteArray body = "{\"title\": \"Padded\"}";
    body += QByteArray(1024 * 1024 - body.size(), ' ');
    const HttpAnswer answer = api.send("POST", u"/api/tracks"_s, body);
    QCOMPARE(answer.status, 201);
    QCOMPARE(answer.json.value(u"title"_s).toString(), u"Padded"_s);
}

void TestApiSecurity::malformedFramingIsRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("bare LF") << "GET /api/downloads HTTP/1.1\nHost: 127.0.0.1\n\n"_ba << 400;
    QTest::newRow("LF in header") << "GET /api/downloads HTTP/1.1\r\nHost: 127.0.0.1\nX: y\r\n\r\n"_ba << 400;
    QTest::newRow("chunked")
        << "POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"_ba
        << 411;
    QTest::newRow("two lengths")
        << "POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"_ba
        << 400;
    QTest::newRow("negative length")
        << "POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -2\r\n\r\n{}"_ba << 400;
    QTest::newRow("folded header") << "GET /api/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n"_ba
                                   << 400;
    QTest::newRow("space before colon")
        << "GET /api/downloads HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n"_ba << 400;
    QTest::newRow("absolute form") << "GET http://evil/api/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba
                                   << 400;
    QTest::newRow("HTTP/2.0") << "GET /api/downloads HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"_ba << 400;
    QTest::newRow("garbage") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"_ba << 400;
    QTest::newRow("long target") << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                 << 414;
    QTest::newRow("huge head") << "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + QByteArray(20000, 'a') +
                                      "\r\n\r\n"
                               << 431;
    QTest::newRow("NUL in value") << "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\0b\r\n\r\n"_ba << 400;
    QTest::newRow("websocket elsewhere")
        << "GET /api/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"_ba
        << 400;
}

void TestApiSecurity::malformedFramingIsRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    ApiFixture api;
    QVERIFY(api.started);
    const QByteArray answer = rawExchange(api.port, request);
    QCOMPARE(statusOfRawAnswer(answer), status);
    QVERIFY(!bodyOfRawAnswer(answer).value(u"detail"_s).toString().isEmpty());
    QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
}

void TestApiSecurity::keepAliveAndPipelinedRequestsWork()
{
    ApiFixture api;
    QVERIFY(api.started);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray one = "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const QByteArray post =
        "POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 14\r\n\r\n{\"title\": \"x\"}";
    // Three requests in one write, the body of the second split over the third write.
    socket.write(one + post.left(post.size() - 4));
    socket.flush();
    QTest::qWait(50);
    socket.write(post.right(4) + one);
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 ") == 3;
        },
        10000));
    QVERIFY2(received.count("HTTP/1.1 200") == 2, received.constData());
    QCOMPARE(received.count("HTTP/1.1 201"), 1);
    // A pipelined oversize request after a good one: the good one is answered, then 413.
    socket.write(one + "POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9999999\r\n\r\n");
    received.clear();
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 ") == 2;
        },
        10000));
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    QVERIFY(received.contains("HTTP/1.1 413"));
}

void TestApiSecurity::slowClientDoesNotStallOthers()
{
    Api::ApiOptions options;
    options.limits.headTimeout = std::chrono::milliseconds(1500);
    options.limits.bodyIdleTimeout = std::chrono::milliseconds(1500);
    ApiFixture api(options);
    QVERIFY(api.started);
    // One client sends half a head, another half a body; both then say nothing.
    QTcpSocket slowHead;
    slowHead.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(slowHead.waitForConnected(5000));
    slowHead.write("GET /api/downloads/status HTTP/1.1\r\nHost: 127.");
    QTcpSocket slowBody;
    slowBody.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(slowBody.waitForConnected(5000));
    slowBody.write("POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"ti");
    QTest::qWait(200);
    // Everybody else is served at once.
    for (int i = 0; i < 20; ++i)
    {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
        QVERIFY(timer.elapsed() < 1000);
    }
    // The slow ones get 408 and are closed.
    QByteArray headAnswer;
    QByteArray bodyAnswer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            headAnswer += slowHead.readAll();
            bodyAnswer += slowBody.readAll();
            return headAnswer.contains("}") && bodyAnswer.contains("}");
        },
        10000));
    QCOMPARE(statusOfRawAnswer(headAnswer), 408);
    QCOMPARE(statusOfRawAnswer(bodyAnswer), 408);
    QTRY_COMPARE_WITH_TIMEOUT(slowHead.state(), QAbstractSocket::UnconnectedState, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(slowBody.state(), QAbstractSocket::UnconnectedState, 10000);
}

void TestApiSecurity::expectContinueIsAnswered()
{
    ApiFixture api;
    QVERIFY(api.started);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body = R"({"title": "Continued"})";
    socket.write("POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray received;
    // The interim answer comes before the body is sent (curl would otherwise wait a second).
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.contains("\r\n\r\n");
        },
        5000));
    QVERIFY(received.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write(body);
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.contains("Continued");
        },
        5000));
    QVERIFY(received.contains("HTTP/1.1 201"));
}

void TestApiSecurity::headGetsAHeadOnly()
{
    ApiFixture api;
    QVERIFY(api.started);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(socket.waitForConnected(5000));
    // HEAD, then GET on the same connection: the first answer must carry no body, or the client
    // would read it as the second answer.
    socket.write("HEAD /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                 "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 ") == 2 && received.endsWith('}');
        },
        5000));
    QVERIFY(received.startsWith("HTTP/1.1 405"));
    const qsizetype second = received.indexOf("HTTP/1.1 200");
    QVERIFY(second > 0);
    QVERIFY(received.left(second).endsWith("\r\n\r\n")); // no body between the two
}

void TestApiSecurity::idleConnectionsAreClosed()
{
    Api::ApiOptions options;
    options.limits.keepAliveTimeout = std::chrono::milliseconds(500);
    ApiFixture api(options);
    QVERIFY(api.started);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
}

void TestApiSecurity::connectionsBeyondTheLimitGet503()
{
    Api::ApiOptions options;
    options.limits.maxConnections = 2;
    ApiFixture api(options);
    QVERIFY(api.started);
    // Both places are busy: each connection is in the middle of a request's body.
    QTcpSocket first;
    QTcpSocket second;
    for (QTcpSocket *socket : {&first, &second})
    {
        QVERIFY(connectRaw(*socket, api.port));
        socket->write("POST /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{");
        socket->flush();
    }
    QTRY_COMPARE_WITH_TIMEOUT(api.api->connectionCount(), 2, 5000);
    QTest::qWait(100); // the heads have been read
    const QByteArray answer =
        rawExchange(api.port, "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(statusOfRawAnswer(answer), 503);
    QVERIFY(!bodyOfRawAnswer(answer).value(u"detail"_s).toString().isEmpty());
    // A place freed is a place for the next client.
    first.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(api.api->connectionCount(), 1, 5000);
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")),
             200);
}

void TestApiSecurity::idleKeepAliveConnectionsMakeRoom()
{
    Api::ApiOptions options;
    options.limits.maxConnections = 2;
    ApiFixture api(options);
    QVERIFY(api.started);
    // Two clients are served and keep their connections open, idle.
    QTcpSocket first;
    QTcpSocket second;
    for (QTcpSocket *socket : {&first, &second})
    {
        QVERIFY(connectRaw(*socket, api.port));
        socket->write("GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(socket->bytesAvailable() > 0, 5000);
        socket->readAll();
        QTest::qWait(20); // the first is idle longer
    }
    QCOMPARE(api.api->connectionCount(), 2);
    // A third client is served: the connection idle the longest makes room.
    QCOMPARE(statusOfRawAnswer(
                 rawExchange(api.port, "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(first.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
}

void TestApiSecurity::crossSiteFetchCannotChangeState_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("fetchSite");
    QTest::addColumn<int>("status");
    QTest::newRow("POST cross-site") << "POST"_ba << u"/api/downloads/pause"_s << "cross-site"_ba << 403;
    QTest::newRow("POST same-site") << "POST"_ba << u"/api/downloads/pause"_s << "same-site"_ba << 403;
    QTest::newRow("POST same-origin") << "POST"_ba << u"/api/downloads/pause"_s << "same-origin"_ba << 200;
    QTest::newRow("POST none") << "POST"_ba << u"/api/downloads/pause"_s << "none"_ba << 200;
    QTest::newRow("POST without") << "POST"_ba << u"/api/downloads/pause"_s << QByteArray() << 200;
    QTest::newRow("GET cross-site") << "GET"_ba << u"/api/downloads/status"_s << "cross-site"_ba << 200;
}

void TestApiSecurity::crossSiteFetchCannotChangeState()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, fetchSite);
    QFETCH(int, status);
    ApiFixture api;
    QVERIFY(api.started);
    // A browser's request from another site without an Origin header: only Sec-Fetch-Site tells.
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!fetchSite.isNull())
        headers.append({"Sec-Fetch-Site", fetchSite});
    const HttpAnswer answer = api.send(method, path, {}, headers);
    QCOMPARE(answer.status, status);
    if (status == 403)
    {
        QVERIFY(answer.detail().contains(u"site"_s));
        QVERIFY(!api.service->isQueuePaused()); // nothing changed
    }
}

void TestApiSecurity::nonLoopbackWithoutTokenIsRefused()
{
    ApiFixture loopback;
    QVERIFY(loopback.started);
    for (const QString &host : {u"0.0.0.0"_s, u"::"_s, u"192.168.1.20"_s})
    {
        Api::ApiOptions options;
        options.host = host;
        options.port = 0;
        Api::ApiServer server(*loopback.service, options);
        const Result<quint16> bound = server.listen();
        QVERIFY2(!bound, qPrintable(host));
        QVERIFY(bound.error().message.contains(u"token"_s));
    }
    Api::ApiOptions named;
    named.host = u"my.server.example"_s;
    named.port = 0;
    Api::ApiServer server(*loopback.service, named);
    QVERIFY(!server.listen());
    // With a token, any address is allowed.
    Api::ApiOptions withToken;
    withToken.host = u"0.0.0.0"_s;
    withToken.port = 0;
    withToken.token = u"t"_s;
    Api::ApiServer open(*loopback.service, withToken);
    QVERIFY(open.listen().ok());
}

void TestApiSecurity::portZeroGivesAFreePort()
{
    ApiFixture first;
    ApiFixture second;
    QVERIFY(first.started && second.started);
    QVERIFY(first.port != 0 && second.port != 0 && first.port != second.port);
    QCOMPARE(first.api->url(), u"http://127.0.0.1:%1"_s.arg(first.port));
    // A port in use is an error, not a silent other port.
    Api::ApiOptions taken;
    taken.port = first.port;
    Api::ApiServer server(*first.service, taken);
    const Result<quint16> bound = server.listen();
    QVERIFY(!bound);
    QVERIFY(bound.error().message.contains(QString::number(first.port)));
}

QTEST_GUILESS_MAIN(TestApiSecurity)
#include "tst_apisecurity.moc"
