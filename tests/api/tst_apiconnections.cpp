// SPDX-License-Identifier: GPL-3.0-or-later
// The connections of a running segmented download in the API (`connections` of a Download): a
// large file from the local server, throttled per connection, is fetched over several
// connections, and GET /api/downloads/{id} and the list say how many; a page with that running
// row, written from the database's text with the live values, is the page of the rows read whole.
#include "apitestsupport.h"

#include "api/jsonrender.h"
#include "api/pagecursor.h"

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

class TestApiConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void segmentedDownloadShowsItsConnections();
};

void TestApiConnections::segmentedDownloadShowsItsConnections()
{
    ApiFixture api;
    QVERIFY(api.started);
    // 8 MiB at 256 KiB/s per connection: it runs long enough to be seen, over up to 8 connections.
    const qint64 size = 8 * 1024 * 1024;
    const QString track = api.addTrack(u"/big.bin"_s, TestHttpServer::randomResource(size, 3, 256 * 1024));
    const QString id = api.enqueue({track}).value(0);
    QVERIFY(!id.isEmpty());
    QJsonObject running;
    QTRY_VERIFY_WITH_TIMEOUT(
        (running = api.get(u"/api/downloads/"_s + id).json, running.value(u"connections"_s).toInt() > 1),
        20000);
    QCOMPARE(running.value(u"status"_s).toString(), u"downloading"_s);

    const HttpAnswer list = api.get(u"/api/downloads?limit=10"_s);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value(u"id"_s).toString(), id);
    QVERIFY(items.first().toObject().value(u"connections"_s).toInt() > 1);

    // The same state read both ways, with no event in between: the running row comes with its
    // live values (bytes, speed, connections) either way.
    Api::JsonRender::DownloadPageWriter written(10);
    const Result<qint64> total = api.service->visitDownloads(std::nullopt, {}, 10, written);
    QVERIFY(total.ok());
    const Result<Page<Download>> whole = api.service->downloads(std::nullopt, 0, 10);
    QVERIFY(whole.ok());
    QVERIFY(whole->items.first().connections > 1);
    QCOMPARE(written.finish(*total, 0, 10, {}), Api::JsonRender::downloadPage(*whole, 0, 10, {}));

    QCOMPARE(api.post(u"/api/downloads/"_s + id + u"/cancel"_s).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(api.get(u"/api/downloads/"_s + id).json.value(u"connections"_s).toInt(-1), 0,
                              10000);
}

QTEST_MAIN(TestApiConnections)
#include "tst_apiconnections.moc"
