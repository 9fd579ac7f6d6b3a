// SPDX-License-Identifier: GPL-3.0-or-later
// The live events of /api/events with a real QWebSocket client: the status comes first, a
// download enqueued through the REST API is followed up to `completed` (at most about four
// messages a second), and the handshake obeys the token, Host and Origin rules.
#include "apitestsupport.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;

// A client that records every message it gets.
struct EventsClient
{
    explicit EventsClient(const QString &origin = {})
        : socket(origin)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
            times.append(clock.elapsed());
        });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] { closed = true; });
        clock.start();
    }

    void open(quint16 port, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/api/events"_s.arg(port)));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        socket.open(request);
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    QList<qint64> times;
    QElapsedTimer clock;
    bool closed = false;
};

} // namespace

class TestApiEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusFirstThenADownloadUpToCompleted();
    void statusFollowsQueuePause();
    void wrongTokenIsRefused();
    void rightTokenIsAccepted();
    void foreignOriginIsRefused();
};

void TestApiEvents::statusFirstThenADownloadUpToCompleted()
{
    ApiFixture api;
    QVERIFY(api.started);
    EventsClient client;
    client.open(api.port);
    QTRY_VERIFY_WITH_TIMEOUT(!client.messages.isEmpty(), Timeout);
    const QJsonObject first = client.messages.first();
    QCOMPARE(first.value(u"type"_s).toString(), u"status"_s);
    QJsonObject statusFields = api.get(u"/api/downloads/status"_s).json;
    statusFields.insert(u"type"_s, u"status"_s);
    QCOMPARE(first, statusFields);

    // About three seconds of transfer: a dozen progress reports, throttled to ~4 a second.
    TestResource resource;
    resource.body = TestHttpServer::randomBody(600000, 77);
    resource.bytesPerSecond = 200000;
    const QString track = api.addTrack(u"/live.mp3"_s, resource);
    QCOMPARE(api.post(u"/api/downloads/pause"_s).status, 200); // so that "queued" is seen first
    const QString id = api.enqueue({track}).value(0);
    QVERIFY(!id.isEmpty());

    auto statusesOf = [&] {
        QStringList statuses;
        for (const QJsonObject &message : std::as_const(client.messages))
        {
            if (message.value(u"type"_s).toString() == "download"_L1 &&
                message.value(u"download"_s).toObject().value(u"id"_s).toString() == id)
                statuses.append(message.value(u"download"_s).toObject().value(u"status"_s).toString());
        }
        return statuses;
    };
    QTRY_VERIFY_WITH_TIMEOUT(statusesOf().contains(u"queued"_s), Timeout);
    QCOMPARE(api.post(u"/api/downloads/resume"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(statusesOf().contains(u"completed"_s), Timeout);
    const QStringList statuses = statusesOf();
    QCOMPARE(statuses.first(), u"queued"_s);
    QVERIFY(statuses.contains(u"downloading"_s));
    QCOMPARE(statuses.last(), u"completed"_s);

    // The last download message is the final row, as the REST API reports it.
    QJsonObject last;
    QList<qint64> times;
    for (qsizetype i = 0; i < client.messages.size(); ++i)
    {
        const QJsonObject message = client.messages.at(i);
        if (message.value(u"download"_s).toObject().value(u"id"_s).toString() == id)
        {
            last = message.value(u"download"_s).toObject();
            times.append(client.times.at(i));
        }
    }
    QCOMPARE(last.value(u"bytes_downloaded"_s).toInteger(), resource.body.size());
    QCOMPARE(last.value(u"progress_percent"_s).toDouble(), 100.0);
    // (updated_at aside: DownloadService's signal carries the time of the change as it was
    // before the repository stamped the write.)
    QJsonObject stored = api.get(u"/api/downloads/"_s + id).json;
    stored.remove(u"updated_at"_s);
    last.remove(u"updated_at"_s);
    QCOMPARE(last, stored);
    // At most about four a second: never more than six in any one-second window.
    for (qsizetype i = 0; i < times.size(); ++i)
    {
        qsizetype inWindow = 0;
        for (qsizetype j = i; j < times.size() && times.at(j) - times.at(i) < 1000; ++j)
            ++inWindow;
        QVERIFY2(inWindow <= 6, qPrintable(u"%1 messages within a second"_s.arg(inWindow)));
    }
    QVERIFY2(times.size() >= 4, "progress was not reported");

    // The counters followed: a status message says completed 1.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(client.messages.cbegin(), client.messages.cend(),
                                         [](const QJsonObject &m) {
                                             return m.value(u"type"_s).toString() == "status"_L1 &&
                                                    m.value(u"completed"_s).toInt() == 1;
                                         }),
                             Timeout);
}

void TestApiEvents::statusFollowsQueuePause()
{
    ApiFixture api;
    QVERIFY(api.started);
    EventsClient client;
    client.open(api.port);
    QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, Timeout);
    QCOMPARE(api.post(u"/api/downloads/pause"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(client.messages.size() >= 2, Timeout);
    QCOMPARE(client.messages.last().value(u"type"_s).toString(), u"status"_s);
    QCOMPARE(client.messages.last().value(u"paused"_s), QJsonValue(true));
    QCOMPARE(api.api->eventClientCount(), 1);
    client.socket.close();
    QTRY_COMPARE_WITH_TIMEOUT(api.api->eventClientCount(), 0, Timeout);
}

void TestApiEvents::wrongTokenIsRefused()
{
    Api::ApiOptions options;
    options.token = u"event-token"_s;
    ApiFixture api(options);
    QVERIFY(api.started);
    for (const auto &headers : QList<QList<QPair<QByteArray, QByteArray>>>{
             {}, {{"Authorization", "Bearer wrong"}}, {{"X-API-Key", "event-tokeN"}}})
    {
        EventsClient client;
        client.open(api.port, headers);
        QTRY_VERIFY_WITH_TIMEOUT(
            client.closed || client.socket.error() != QAbstractSocket::UnknownSocketError, Timeout);
        QTest::qWait(100);
        QVERIFY(client.messages.isEmpty());
        QCOMPARE(api.api->eventClientCount(), 0);
    }
}

void TestApiEvents::rightTokenIsAccepted()
{
    Api::ApiOptions options;
    options.token = u"event-token"_s;
    ApiFixture api(options);
    QVERIFY(api.started);
    EventsClient client;
    client.open(api.port, {{"Authorization", "Bearer event-token"}});
    QTRY_COMPARE_WITH_TIMEOUT(client.messages.size(), 1, Timeout);
    QCOMPARE(client.messages.first().value(u"type"_s).toString(), u"status"_s);
}

void TestApiEvents::foreignOriginIsRefused()
{
    ApiFixture api;
    QVERIFY(api.started);
    EventsClient foreign(u"http://evil.example"_s);
    foreign.open(api.port);
    QTRY_VERIFY_WITH_TIMEOUT(foreign.closed || foreign.socket.error() != QAbstractSocket::UnknownSocketError,
                             Timeout);
    QTest::qWait(100);
    QVERIFY(foreign.messages.isEmpty());
    QCOMPARE(api.api->eventClientCount(), 0);

    // The server's own origin is fine (a page the API itself would serve).
    EventsClient own(u"http://127.0.0.1:%1"_s.arg(api.port));
    own.open(api.port);
    QTRY_COMPARE_WITH_TIMEOUT(own.messages.size(), 1, Timeout);
}

QTEST_GUILESS_MAIN(TestApiEvents)
#include "tst_apievents.moc"
