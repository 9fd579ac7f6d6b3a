// SPDX-License-Identifier: GPL-3.0-or-later
// The REST API's HTTP/1.1 transport over real sockets (HttpListener, HttpConnection): a client
// that asks to close is closed, a WebSocket handshake is handed over whatever the chunks it
// arrives in, and the one admission decision (ApiHandler::admit) is taken from the head alone.
#include "apitestsupport.h"

#include "api/apihandler.h"
#include "api/httprequestframer.h"
#include "api/requestguard.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

const QByteArray handshake = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                             "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

// The API of one test and a raw client connected to it.
struct RawClient
{
    RawClient() { connected = api.started && connectRaw(socket, api.port); }

    // Reads until `done` holds for what arrived (or 10 s); empty if it never did.
    QByteArray readUntil(const std::function<bool(const QByteArray &)> &done)
    {
        QByteArray received;
        const bool arrived = QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                return done(received);
            },
            10000);
        return arrived ? received : QByteArray();
    }
    QByteArray readAnswer()
    {
        return readUntil([](const QByteArray &bytes) { return bytes.endsWith('}'); });
    }
    // Up to the first message of the events feed.
    QByteArray readUntilStatusEvent()
    {
        return readUntil([](const QByteArray &bytes) { return bytes.contains("\"type\":\"status\""); });
    }

    ApiFixture api;
    QTcpSocket socket;
    bool connected = false;
};

// The one head of `raw` as the framer reads it.
Api::RequestHead headOf(const QByteArray &raw)
{
    Api::HttpRequestFramer framer;
    const QList<Api::HttpRequestFramer::Event> events = framer.feed(raw);
    return events.isEmpty() ? Api::RequestHead() : events.first().head;
}

} // namespace

class TestApiTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closesWhenTheClientAsks_data();
    void closesWhenTheClientAsks();
    void keepAliveStaysOpen_data();
    void keepAliveStaysOpen();
    void webSocketHandshakeInPieces();
    void requestsBeforeAWebSocketAreAnswered();
    void webSocketsHaveTheirOwnLimit();
    void silentWebSocketIsClosed();
    void admissionDecidesFromTheHeadAlone();
};

void TestApiTransport::closesWhenTheClientAsks_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("HTTP/1.1 Connection: close")
        << "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"_ba;
    QTest::newRow("HTTP/1.0") << "GET /api/downloads/status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"_ba;
    QTest::newRow("HTTP/1.0, an error") << "GET /api/nothing HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"_ba;
}

void TestApiTransport::closesWhenTheClientAsks()
{
    QFETCH(QByteArray, request);
    RawClient client;
    QVERIFY(client.connected);
    client.socket.write(request);
    const QByteArray answer = client.readAnswer();
    QVERIFY2(answer.startsWith("HTTP/1.1 "), answer.constData());
    QVERIFY(answer.contains("\r\nConnection: close\r\n"));
    // The server ends the connection itself: the keep-alive timeout is a minute.
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(client.api.api->connectionCount(), 0, 5000);
}

void TestApiTransport::keepAliveStaysOpen_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("HTTP/1.1") << "GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba;
    QTest::newRow("HTTP/1.0 keep-alive")
        << "GET /api/downloads/status HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"_ba;
}

void TestApiTransport::keepAliveStaysOpen()
{
    QFETCH(QByteArray, request);
    RawClient client;
    QVERIFY(client.connected);
    for (int i = 0; i < 3; ++i)
    {
        client.socket.write(request);
        const QByteArray answer = client.readAnswer();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(!answer.contains("Connection: close"));
    }
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
}

void TestApiTransport::webSocketHandshakeInPieces()
{
    RawClient client;
    QVERIFY(client.connected);
    // The head arrives in three reads: the part already framed must still reach the handshake.
    for (const QByteArray &piece : {handshake.left(20), handshake.mid(20, 40), handshake.mid(60)})
    {
        client.socket.write(piece);
        client.socket.flush();
        QTest::qWait(50);
    }
    const QByteArray received = client.readUntilStatusEvent();
    QVERIFY2(received.startsWith("HTTP/1.1 101"), received.constData());
    QVERIFY(received.contains("\"type\":\"status\"")); // the first message of the feed
    QTRY_COMPARE_WITH_TIMEOUT(client.api.api->eventClientCount(), 1, 5000);
}

void TestApiTransport::requestsBeforeAWebSocketAreAnswered()
{
    RawClient client;
    QVERIFY(client.connected);
    client.socket.write("GET /api/downloads/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + handshake);
    const QByteArray received = client.readUntilStatusEvent();
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("HTTP/1.1 101"));
    QTRY_COMPARE_WITH_TIMEOUT(client.api.api->eventClientCount(), 1, 5000);
}

void TestApiTransport::webSocketsHaveTheirOwnLimit()
{
    Api::ApiOptions options;
    options.limits.maxConnections = 2;
    options.limits.maxWebSockets = 2;
    ApiFixture api(options);
    QVERIFY(api.started);
    QWebSocket first;
    QWebSocket second;
    for (QWebSocket *socket : {&first, &second})
        socket->open(QUrl(u"ws://127.0.0.1:%1/api/events"_s.arg(api.port)));
    QTRY_COMPARE_WITH_TIMEOUT(api.api->eventClientCount(), 2, 5000);
    // The WebSockets take none of the HTTP places ...
    QTRY_COMPARE_WITH_TIMEOUT(api.api->connectionCount(), 0, 5000);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
    // ... and a third WebSocket finds its own places taken.
    const QByteArray answer = rawExchange(api.port, handshake);
    QCOMPARE(statusOfRawAnswer(answer), 503);
    QVERIFY(!bodyOfRawAnswer(answer).value(u"detail"_s).toString().isEmpty());
    QCOMPARE(api.api->eventClientCount(), 2);
}

void TestApiTransport::silentWebSocketIsClosed()
{
    Api::ApiOptions options;
    options.limits.webSocketPingInterval = std::chrono::milliseconds(200);
    options.limits.webSocketIdleTimeout = std::chrono::milliseconds(1000);
    ApiFixture api(options);
    QVERIFY(api.started);
    // A real client answers the server's pings by itself ...
    QWebSocket answering;
    answering.open(QUrl(u"ws://127.0.0.1:%1/api/events"_s.arg(api.port)));
    QTRY_COMPARE_WITH_TIMEOUT(api.api->eventClientCount(), 1, 5000);
    // ... one that completes the handshake and then says nothing does not.
    QTcpSocket silent;
    QVERIFY(connectRaw(silent, api.port));
    silent.write(handshake);
    QTRY_COMPARE_WITH_TIMEOUT(api.api->eventClientCount(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(api.api->eventClientCount(), 1, 5000);
    QCOMPARE(answering.state(), QAbstractSocket::ConnectedState);
}

void TestApiTransport::admissionDecidesFromTheHeadAlone()
{
    ApiFixture api;
    QVERIFY(api.started);
    const Api::RequestGuard guard(Api::GuardConfig{u"t"_s, {}, u"127.0.0.1"_s, 8000});
    const Api::ApiHandler handler(*api.service, guard);
    const QHostAddress local(QHostAddress::LocalHost);
    const QByteArray own = "Host: 127.0.0.1:8000\r\n";
    const QByteArray token = "Authorization: Bearer t\r\n";
    const auto statusOf = [&](const QByteArray &raw) {
        const std::optional<Api::ApiResponse> refusal = handler.admit(headOf(raw), local);
        return refusal ? refusal->status : 0;
    };
    QCOMPARE(statusOf("GET /api/downloads HTTP/1.1\r\nHost: evil:8000\r\n" + token + "\r\n"), 403);
    QCOMPARE(statusOf("GET /api/downloads HTTP/1.1\r\n" + own + "\r\n"), 401);
    QCOMPARE(statusOf("POST /api/tracks HTTP/1.1\r\n" + own + token + "Content-Length: 1048577\r\n\r\n"),
             413);
    QCOMPARE(statusOf("GET /api/downloads HTTP/1.1\r\n" + own + token +
                      "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
             400);
    QCOMPARE(statusOf("POST /api/tracks HTTP/1.1\r\n" + own + token + "Content-Length: 1048576\r\n\r\n"), 0);
    QCOMPARE(statusOf("GET /api/events HTTP/1.1\r\n" + own + token +
                      "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
             0);
    // Every refusal ends the connection, and a 401 says how to authenticate.
    const std::optional<Api::ApiResponse> unauthorized =
        handler.admit(headOf("GET /api/downloads HTTP/1.1\r\n" + own + "\r\n"), local);
    QVERIFY(unauthorized && unauthorized->closeConnection);
    QVERIFY(unauthorized->headers.contains(qMakePair("WWW-Authenticate"_ba, "Bearer"_ba)));
    // respond() trusts the decision: it routes what it is given, it does not check again.
    const Api::ApiRequest admitted =
        headOf("GET /api/downloads/status HTTP/1.1\r\n" + own + "\r\n").toRequest({}, local);
    QCOMPARE(handler.respond(admitted).status, 200);
}

QTEST_GUILESS_MAIN(TestApiTransport)
#include "tst_apitransport.moc"
