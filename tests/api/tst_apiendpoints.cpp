// SPDX-License-Identifier: GPL-3.0-or-later
// Every endpoint of the REST API against the real server on a free port, a real engine over a
// real SQLite file, and real downloads from a local HTTP server: the seed's answers field by
// field, every error row of API.md, the state table, and the routes against the OpenAPI document.
#include "apitestsupport.h"

#include "api/apihandler.h"
#include "api/requestguard.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;

QStringList keysOf(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const QRegularExpression isoMs(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s);

} // namespace

class TestApiEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusHasTheSeedFieldsExactly();
    void queuePauseAndResumeAnswerLikeTheSeed();
    void tracksCreateListAndGet();
    void batchEnqueuesInOrderAndDownloads();
    void downloadHasEveryFieldOfApiMd();
    void listFiltersPagesAndOrders();
    void cursorPagesWalkTheQueueOnce();
    void singleActionsAnswerLikeTheSeed();
    void batchActionReportsEachId();
    void stateTableThroughTheApi();
    void errorRows_data();
    void errorRows();
    void reservedWordsAreNotIds_data();
    void reservedWordsAreNotIds();
    void everyResponseIsJson();
    void routesMatchTheOpenApiDocument();

private:
    QString downloadIn(const QString &status);

    std::unique_ptr<ApiFixture> m_api;
};

void TestApiEndpoints::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
}

void TestApiEndpoints::cleanup()
{
    m_api.reset();
}

void TestApiEndpoints::statusHasTheSeedFieldsExactly()
{
    const HttpAnswer answer = m_api->get(u"/api/downloads/status"_s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(keysOf(answer.json),
             sorted({u"paused"_s, u"max_concurrent_downloads"_s, u"active_downloads"_s, u"queued_downloads"_s,
                     u"total_jobs"_s, u"completed"_s, u"failed"_s, u"cancelled"_s, u"paused_downloads"_s,
                     // added by issue #15: the speed limit and the current total speed
                     u"download_speed_limit_kib"_s, u"download_speed_bytes"_s,
                     // added by issue #9: why the program paused the queue itself, or null
                     u"paused_reason"_s}));
    QCOMPARE(answer.json.value(u"paused"_s), QJsonValue(false));
    QCOMPARE(answer.json.value(u"paused_reason"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(answer.json.value(u"max_concurrent_downloads"_s), QJsonValue(3));
    QCOMPARE(answer.json.value(u"total_jobs"_s), QJsonValue(0));
    QCOMPARE(answer.json.value(u"download_speed_limit_kib"_s), QJsonValue(0));
    QCOMPARE(answer.json.value(u"download_speed_bytes"_s), QJsonValue(0));

    // A new limit shows at once (the cached answer is not served again).
    QVERIFY(m_api->service->setMaxDownloadSpeedKib(300).ok());
    const HttpAnswer limited = m_api->get(u"/api/downloads/status"_s);
    QCOMPARE(limited.json.value(u"download_speed_limit_kib"_s), QJsonValue(300));
}

void TestApiEndpoints::queuePauseAndResumeAnswerLikeTheSeed()
{
    HttpAnswer answer = m_api->post(u"/api/downloads/pause"_s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json, (QJsonObject{{u"message"_s, u"Download queue paused successfully"_s},
                                       {u"status"_s, u"paused"_s}}));
    QCOMPARE(m_api->get(u"/api/downloads/status"_s).json.value(u"paused"_s), QJsonValue(true));
    answer = m_api->post(u"/api/downloads/resume"_s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json, (QJsonObject{{u"message"_s, u"Download queue resumed successfully"_s},
                                       {u"status"_s, u"active"_s}}));
    QCOMPARE(m_api->get(u"/api/downloads/status"_s).json.value(u"paused"_s), QJsonValue(false));
}

void TestApiEndpoints::tracksCreateListAndGet()
{
    HttpAnswer one =
        m_api->post(u"/api/tracks"_s, json({{u"title"_s, u"Blue"_s},
                                            {u"artist"_s, u"Joni"_s},
                                            {u"album"_s, u"Blue"_s},
                                            {u"source_url"_s, u"http://127.0.0.1:1/blue.mp3"_s}}));
    QCOMPARE(one.status, 201);
    QCOMPARE(keysOf(one.json), sorted({u"id"_s, u"title"_s, u"artist"_s, u"album"_s, u"source_url"_s,
                                       u"duration_seconds"_s, u"created_at"_s}));
    QCOMPARE(one.json.value(u"title"_s).toString(), u"Blue"_s);
    QVERIFY(isoMs.match(one.json.value(u"created_at"_s).toString()).hasMatch());
    QCOMPARE(one.json.value(u"duration_seconds"_s), QJsonValue(QJsonValue::Null));

    const QJsonArray many{
        QJsonObject{{u"title"_s, u"A"_s}}, QJsonObject{{u"title"_s, u"B"_s}},
        QJsonObject{{u"source_url"_s, u"https://example.org/c.flac"_s}, {u"duration_seconds"_s, 200}}};
    HttpAnswer created = m_api->post(u"/api/tracks"_s, json({{u"tracks"_s, many}}));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json.value(u"tracks"_s).toArray().size(), 3);
    QCOMPARE(created.json.value(u"tracks"_s).toArray().at(2).toObject().value(u"duration_seconds"_s),
             QJsonValue(200));

    const HttpAnswer list = m_api->get(u"/api/tracks?skip=1&limit=2"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value(u"total"_s), QJsonValue(4));
    QCOMPARE(list.json.value(u"skip"_s), QJsonValue(1));
    QCOMPARE(list.json.value(u"limit"_s), QJsonValue(2));
    const QJsonArray items = list.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(u"title"_s).toString(), u"A"_s); // creation order

    const QString id = one.json.value(u"id"_s).toString();
    const HttpAnswer fetched = m_api->get(u"/api/tracks/"_s + id);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json, one.json);
    const HttpAnswer missing = m_api->get(u"/api/tracks/no-such-track"_s);
    QCOMPARE(missing.status, 404);
    QVERIFY(missing.detail().contains(u"no-such-track"_s));
}

void TestApiEndpoints::batchEnqueuesInOrderAndDownloads()
{
    QStringList tracks;
    QList<QByteArray> bodies;
    for (int i = 0; i < 3; ++i)
    {
        const TestResource resource = TestHttpServer::randomResource(40000 + i, 10 + i);
        bodies.append(resource.body);
        tracks.append(m_api->addTrack(u"/song%1.mp3"_s.arg(i), resource, u"Song %1"_s.arg(i)));
    }
    const HttpAnswer answer =
        m_api->post(u"/api/downloads/batch"_s,
                    json({{u"track_ids"_s, QJsonArray::fromStringList(tracks)}, {u"priority"_s, 0}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(keysOf(answer.json), sorted({u"message"_s, u"job_ids"_s, u"total_tracks"_s}));
    QCOMPARE(answer.json.value(u"message"_s).toString(), u"Batch download initiated for 3 tracks"_s);
    QCOMPARE(answer.json.value(u"total_tracks"_s), QJsonValue(3));
    const QJsonArray jobIds = answer.json.value(u"job_ids"_s).toArray();
    QCOMPARE(jobIds.size(), 3);
    for (int i = 0; i < 3; ++i)
    {
        const QString id = jobIds.at(i).toString();
        const HttpAnswer download = m_api->get(u"/api/downloads/"_s + id);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.json.value(u"track_id"_s).toString(), tracks.at(i)); // order of track_ids
        QCOMPARE(download.json.value(u"priority"_s), QJsonValue(0));
        QTRY_COMPARE_WITH_TIMEOUT(m_api->statusOf(id), u"completed"_s, Timeout);
        const QJsonObject done = m_api->get(u"/api/downloads/"_s + id).json;
        QCOMPARE(done.value(u"bytes_downloaded"_s).toInteger(), bodies.at(i).size());
        QCOMPARE(done.value(u"progress_percent"_s).toDouble(), 100.0);
        QCOMPARE(TestHttpServer::sha256OfFile(done.value(u"target_path"_s).toString()),
                 TestHttpServer::sha256(bodies.at(i)));
    }
    const QJsonObject stats = m_api->get(u"/api/downloads/status"_s).json;
    QCOMPARE(stats.value(u"completed"_s), QJsonValue(3));
    QCOMPARE(stats.value(u"total_jobs"_s), QJsonValue(3));

    // Without a priority a batch gets P2; an unknown track id enqueues nothing at all.
    const QStringList defaults = m_api->enqueue({tracks.first()}, 2);
    QCOMPARE(m_api->get(u"/api/downloads/"_s + defaults.first()).json.value(u"priority"_s), QJsonValue(2));
    const HttpAnswer unknown = m_api->post(u"/api/downloads/batch"_s,
                                           json({{u"track_ids"_s, QJsonArray{tracks.first(), u"ghost"_s}}}));
    QCOMPARE(unknown.status, 404);
    QVERIFY(unknown.detail().contains(u"ghost"_s));
    QCOMPARE(m_api->get(u"/api/downloads/status"_s).json.value(u"total_jobs"_s), QJsonValue(4));
}

void TestApiEndpoints::downloadHasEveryFieldOfApiMd()
{
    m_api->post(u"/api/downloads/pause"_s);
    const QString track = m_api->addTrack(u"/a.mp3"_s, TestHttpServer::randomResource(1000, 1));
    const QString id = m_api->enqueue({track}).first();
    const HttpAnswer answer = m_api->get(u"/api/downloads/"_s + id);
    QCOMPARE(answer.status, 200);
    const QStringList apiMd{u"id"_s,          u"track_id"_s,     u"status"_s,           u"priority"_s,
                            u"target_path"_s, u"source_url"_s,   u"progress_percent"_s, u"bytes_downloaded"_s,
                            u"total_bytes"_s, u"attempts"_s,     u"max_retries"_s,      u"error_message"_s,
                            u"started_at"_s,  u"completed_at"_s, u"created_at"_s,       u"updated_at"_s};
    QCOMPARE(keysOf(answer.json),
             sorted(apiMd + QStringList{u"source_info"_s, u"speed_bytes_per_second"_s, u"transfer_note"_s,
                                        u"retry_at"_s, u"connections"_s, u"worker"_s, u"download_dir"_s}));
    const QJsonObject d = answer.json;
    QCOMPARE(d.value(u"id"_s).toString(), id);
    QCOMPARE(d.value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(d.value(u"priority"_s), QJsonValue(1));
    QCOMPARE(d.value(u"source_url"_s).toString(), m_api->files->url(u"/a.mp3"_s).toString());
    QCOMPARE(d.value(u"target_path"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(d.value(u"total_bytes"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(d.value(u"error_message"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(d.value(u"started_at"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(d.value(u"completed_at"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(d.value(u"worker"_s), QJsonValue(QJsonValue::Null)); // no worker claimed it yet
    QCOMPARE(d.value(u"attempts"_s), QJsonValue(0));
    QCOMPARE(d.value(u"max_retries"_s), QJsonValue(3));
    QCOMPARE(d.value(u"bytes_downloaded"_s), QJsonValue(0));
    QCOMPARE(d.value(u"progress_percent"_s), QJsonValue(0));
    QVERIFY2(isoMs.match(d.value(u"created_at"_s).toString()).hasMatch(),
             qPrintable(d.value(u"created_at"_s).toString()));
    QVERIFY(isoMs.match(d.value(u"updated_at"_s).toString()).hasMatch());
}

void TestApiEndpoints::listFiltersPagesAndOrders()
{
    m_api->post(u"/api/downloads/pause"_s);
    const QString track = m_api->addTrack(u"/b.mp3"_s, TestHttpServer::randomResource(1000, 2));
    const QStringList low = m_api->enqueue({track, track}, 2);
    const QStringList high = m_api->enqueue({track}, 0);
    const QStringList mid = m_api->enqueue({track}, 1);
    m_api->post(u"/api/downloads/%1/pause"_s.arg(low.at(1)));

    HttpAnswer all = m_api->get(u"/api/downloads"_s);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json.value(u"total"_s), QJsonValue(4));
    QCOMPARE(all.json.value(u"skip"_s), QJsonValue(0));
    QCOMPARE(all.json.value(u"limit"_s), QJsonValue(50));
    QStringList order;
    for (const QJsonValue &item : all.json.value(u"items"_s).toArray())
        order.append(item.toObject().value(u"id"_s).toString());
    QCOMPARE(order, (QStringList{high.first(), mid.first(), low.at(0), low.at(1)}));

    const HttpAnswer page = m_api->get(u"/api/downloads?skip=1&limit=2"_s);
    QCOMPARE(page.json.value(u"items"_s).toArray().size(), 2);
    QCOMPARE(page.json.value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toString(), mid.first());
    QCOMPARE(page.json.value(u"total"_s), QJsonValue(4));

    const HttpAnswer paused = m_api->get(u"/api/downloads?status=paused"_s);
    QCOMPARE(paused.json.value(u"total"_s), QJsonValue(1));
    QCOMPARE(paused.json.value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toString(), low.at(1));
    QCOMPARE(m_api->get(u"/api/downloads?status=completed"_s).json.value(u"total"_s), QJsonValue(0));
    QCOMPARE(m_api->get(u"/api/downloads?skip=10"_s).json.value(u"items"_s).toArray().size(), 0);

    // A page asked for again after a change shows the change (listings are cached until then).
    QCOMPARE(m_api->post(u"/api/downloads/%1/cancel"_s.arg(low.at(1))).status, 200);
    QCOMPARE(m_api->get(u"/api/downloads?status=paused"_s).json.value(u"total"_s), QJsonValue(0));
    const QJsonArray again = m_api->get(u"/api/downloads"_s).json.value(u"items"_s).toArray();
    QCOMPARE(again.at(3).toObject().value(u"status"_s).toString(), u"cancelled"_s);
    // P0 now, and enqueued before `high`: first.
    QCOMPARE(m_api->post(u"/api/downloads/%1/priority"_s.arg(low.at(0)), json({{u"priority"_s, 0}})).status,
             200);
    QCOMPARE(m_api->get(u"/api/downloads"_s)
                 .json.value(u"items"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"id"_s)
                 .toString(),
             low.at(0));
}

// Following next_cursor from the first page visits every download once, in the order of the
// skip pages, with or without a status filter; a download added before the cursor's place does
// not shift the pages after it (with skip it would).
void TestApiEndpoints::cursorPagesWalkTheQueueOnce()
{
    m_api->post(u"/api/downloads/pause"_s);
    const QString track = m_api->addTrack(u"/c.mp3"_s, TestHttpServer::randomResource(1000, 3));
    m_api->enqueue({track, track, track}, 2);
    m_api->enqueue({track, track}, 0);
    m_api->enqueue({track, track}, 1);
    const auto idsOf = [](const HttpAnswer &answer) {
        QStringList ids;
        for (const QJsonValue &item : answer.json.value(u"items"_s).toArray())
            ids.append(item.toObject().value(u"id"_s).toString());
        return ids;
    };
    const auto walk = [&](const QString &filter, bool addMidway) -> QStringList {
        QStringList seen;
        HttpAnswer page = m_api->get(u"/api/downloads?limit=2"_s + filter);
        while (true)
        {
            if (page.status != 200) // shows in the comparison that fails
                return seen << u"HTTP %1: %2"_s.arg(page.status).arg(page.json.value(u"detail"_s).toString());
            seen += idsOf(page);
            const QJsonValue next = page.json.value(u"next_cursor"_s);
            if (next.isNull())
                break;
            if (addMidway && seen.size() == 4)
                m_api->enqueue({track}, 0);
            page = m_api->get(u"/api/downloads?limit=2&cursor="_s + next.toString() + filter);
        }
        return seen;
    };
    const QStringList all = idsOf(m_api->get(u"/api/downloads?limit=100"_s));
    QCOMPARE(all.size(), 7);
    QCOMPARE(walk(QString(), false), all);
    QCOMPARE(walk(u"&status=queued"_s, false), all);
    QCOMPARE(walk(u"&status=paused"_s, false), QStringList());
    // The new P0 download sorts before the cursor: the walk neither repeats nor misses a row.
    QCOMPARE(walk(QString(), true), all);
    QCOMPARE(m_api->get(u"/api/downloads?limit=1"_s).json.value(u"total"_s), QJsonValue(8));

    // After moves the pages follow the new order (moved to the top: a place below every other,
    // negative once a few moved), and the walk still gives every row once.
    const QStringList before = idsOf(m_api->get(u"/api/downloads?limit=100"_s));
    const auto move = [&](const QString &id, const QString &to) {
        return m_api->post(u"/api/downloads/%1/move"_s.arg(id), json({{u"to"_s, to}})).status;
    };
    // P0 a, b, added; P1 a, b; P2 a, b, c.
    QCOMPARE(move(before.at(7), u"top"_s), 200);
    QCOMPARE(move(before.at(4), u"top"_s), 200);
    QCOMPARE(move(before.at(2), u"top"_s), 200);
    QCOMPARE(move(before.at(5), u"bottom"_s), 200);
    QCOMPARE(move(before.at(1), u"up"_s), 200);
    const QStringList moved = idsOf(m_api->get(u"/api/downloads?limit=100"_s));
    QCOMPARE(moved, (QStringList{before.at(2), before.at(1), before.at(0), before.at(4), before.at(3),
                                 before.at(7), before.at(6), before.at(5)}));
    QVERIFY(
        m_api->get(u"/api/downloads?limit=1"_s).json.value(u"next_cursor"_s).toString().contains(u".-"_s));
    QCOMPARE(walk(QString(), false), moved);
    QCOMPARE(walk(u"&status=queued"_s, false), moved);
}

void TestApiEndpoints::singleActionsAnswerLikeTheSeed()
{
    m_api->post(u"/api/downloads/pause"_s);
    const QString track = m_api->addTrack(u"/c.mp3"_s, TestHttpServer::randomResource(1000, 3));
    const QString id = m_api->enqueue({track}).first();
    const QString base = u"/api/downloads/"_s + id;

    QCOMPARE(m_api->post(base + u"/pause"_s).json,
             (QJsonObject{
                 {u"message"_s, u"Download paused"_s}, {u"download_id"_s, id}, {u"status"_s, u"paused"_s}}));
    QCOMPARE(m_api->post(base + u"/resume"_s).json,
             (QJsonObject{
                 {u"message"_s, u"Download resumed"_s}, {u"download_id"_s, id}, {u"status"_s, u"queued"_s}}));
    const HttpAnswer priority = m_api->post(base + u"/priority"_s, json({{u"priority"_s, 0}}));
    QCOMPARE(priority.status, 200);
    QCOMPARE(
        priority.json,
        (QJsonObject{{u"message"_s, u"Priority updated"_s}, {u"download_id"_s, id}, {u"priority"_s, 0}}));
    QCOMPARE(m_api->get(base).json.value(u"priority"_s), QJsonValue(0));
    QCOMPARE(m_api->post(base + u"/cancel"_s).json, (QJsonObject{{u"message"_s, u"Download cancelled"_s},
                                                                 {u"download_id"_s, id},
                                                                 {u"status"_s, u"cancelled"_s}}));
    QCOMPARE(m_api->post(base + u"/retry"_s).json, (QJsonObject{{u"message"_s, u"Download retry queued"_s},
                                                                {u"download_id"_s, id},
                                                                {u"status"_s, u"queued"_s}}));
    // An empty JSON object is as good as no body.
    QCOMPARE(m_api->post(base + u"/pause"_s, "{}").status, 200);
}

void TestApiEndpoints::batchActionReportsEachId()
{
    m_api->post(u"/api/downloads/pause"_s);
    const QString track = m_api->addTrack(u"/d.mp3"_s, TestHttpServer::randomResource(1000, 4));
    const QStringList ids = m_api->enqueue({track, track, track});
    m_api->post(u"/api/downloads/%1/cancel"_s.arg(ids.at(2)));

    const QJsonArray wanted{ids.at(0), u"nope"_s, ids.at(1), ids.at(2)};
    HttpAnswer answer =
        m_api->post(u"/api/downloads/batch-action"_s,
                    json({{u"download_ids"_s, wanted}, {u"action"_s, u"pause"_s}, {u"priority"_s, 0}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(keysOf(answer.json),
             sorted({u"message"_s, u"total"_s, u"successful"_s, u"failed"_s, u"results"_s, u"errors"_s}));
    QCOMPARE(answer.json.value(u"message"_s).toString(), u"Batch action 'pause' completed"_s);
    QCOMPARE(answer.json.value(u"total"_s), QJsonValue(4));
    QCOMPARE(answer.json.value(u"successful"_s), QJsonValue(2));
    QCOMPARE(answer.json.value(u"failed"_s), QJsonValue(2));
    const QJsonArray results = answer.json.value(u"results"_s).toArray();
    QCOMPARE(results.at(0).toObject(), (QJsonObject{{u"id"_s, ids.at(0)}, {u"status"_s, u"success"_s}}));
    QCOMPARE(results.at(1).toObject().value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(results.at(3).toObject().value(u"status"_s).toString(), u"error"_s);
    const QJsonArray errors = answer.json.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).toObject().value(u"id"_s).toString(), u"nope"_s);
    QVERIFY(!errors.at(1).toObject().value(u"error"_s).toString().isEmpty());
    QCOMPARE(m_api->statusOf(ids.at(0)), u"paused"_s);
    QCOMPARE(m_api->statusOf(ids.at(1)), u"paused"_s);

    answer = m_api->post(u"/api/downloads/batch-action"_s,
                         json({{u"download_ids"_s, QJsonArray{ids.at(0), ids.at(1)}},
                               {u"action"_s, u"priority"_s},
                               {u"priority"_s, 0}}));
    QCOMPARE(answer.json.value(u"successful"_s), QJsonValue(2));
    QCOMPARE(m_api->get(u"/api/downloads/"_s + ids.at(1)).json.value(u"priority"_s), QJsonValue(0));
    answer = m_api->post(u"/api/downloads/batch-action"_s,
                         json({{u"download_ids"_s, QJsonArray{ids.at(0)}}, {u"action"_s, u"priority"_s}}));
    QCOMPARE(answer.status, 422);
    QVERIFY(answer.detail().contains(u"priority"_s));
}

// A download in `status`, made through the API only.
QString TestApiEndpoints::downloadIn(const QString &status)
{
    if (status == "completed"_L1)
    {
        const QString id =
            m_api->enqueue({m_api->addTrack(u"/done.mp3"_s, TestHttpServer::randomResource(2000, 5))})
                .value(0);
        if (!QTest::qWaitFor([&] { return m_api->statusOf(id) == "completed"_L1; }, Timeout))
            return {};
        m_api->post(u"/api/downloads/pause"_s); // a retried download then stays queued
        return id;
    }
    if (status == "failed"_L1)
    {
        TestResource missing;
        missing.status = 404;
        const QString id = m_api->enqueue({m_api->addTrack(u"/missing.mp3"_s, missing)}).value(0);
        if (!QTest::qWaitFor([&] { return m_api->statusOf(id) == "failed"_L1; }, Timeout))
            return {};
        m_api->post(u"/api/downloads/pause"_s);
        return id;
    }
    if (status == "downloading"_L1)
    {
        const QString id = m_api
                               ->enqueue({m_api->addTrack(u"/slow.mp3"_s,
                                                          TestHttpServer::randomResource(400000, 6, 100000))})
                               .value(0);
        if (!QTest::qWaitFor([&] { return m_api->statusOf(id) == "downloading"_L1; }, Timeout))
            return {};
        return id;
    }
    // queued, paused, cancelled: with the queue paused, nothing starts.
    m_api->post(u"/api/downloads/pause"_s);
    const QString id =
        m_api->enqueue({m_api->addTrack(u"/q.mp3"_s, TestHttpServer::randomResource(1000, 7))}).value(0);
    if (status == "paused"_L1)
        m_api->post(u"/api/downloads/%1/pause"_s.arg(id));
    if (status == "cancelled"_L1)
        m_api->post(u"/api/downloads/%1/cancel"_s.arg(id));
    return id;
}

void TestApiEndpoints::stateTableThroughTheApi()
{
    // API.md's table: from -> {pause, resume, cancel, retry, priority}; "409" or the status after.
    const QList<QPair<QString, QStringList>> table{
        {u"queued"_s, {u"paused"_s, u"queued"_s, u"cancelled"_s, u"409"_s, u"queued"_s}},
        {u"downloading"_s, {u"paused"_s, u"downloading"_s, u"cancelled"_s, u"409"_s, u"downloading"_s}},
        {u"paused"_s, {u"paused"_s, u"queued"_s, u"cancelled"_s, u"409"_s, u"paused"_s}},
        {u"failed"_s, {u"409"_s, u"409"_s, u"cancelled"_s, u"queued"_s, u"failed"_s}},
        {u"cancelled"_s, {u"409"_s, u"409"_s, u"cancelled"_s, u"queued"_s, u"409"_s}},
        {u"completed"_s, {u"409"_s, u"409"_s, u"409"_s, u"409"_s, u"409"_s}},
    };
    const QStringList actions{u"pause"_s, u"resume"_s, u"cancel"_s, u"retry"_s, u"priority"_s};
    for (const auto &[from, expected] : table)
    {
        for (int a = 0; a < actions.size(); ++a)
        {
            const QString context = u"%1 -> %2"_s.arg(from, actions.at(a));
            const QString id = downloadIn(from);
            if (id.isEmpty())
            {
                qWarning() << m_api->get(u"/api/downloads/status"_s).body;
                for (const QJsonValue &item :
                     m_api->get(u"/api/downloads?limit=100"_s).json.value(u"items"_s).toArray())
                    qWarning() << item.toObject().value(u"source_url"_s).toString().right(12)
                               << item.toObject().value(u"status"_s).toString()
                               << item.toObject().value(u"error_message"_s).toString();
            }
            QVERIFY2(!id.isEmpty(), qPrintable(context));
            QCOMPARE(m_api->statusOf(id), from);
            const QByteArray body =
                actions.at(a) == "priority"_L1 ? json({{u"priority"_s, 0}}) : QByteArray();
            const HttpAnswer answer = m_api->post(u"/api/downloads/%1/%2"_s.arg(id, actions.at(a)), body);
            if (expected.at(a) == "409"_L1)
            {
                QVERIFY2(answer.status == 409,
                         qPrintable(context + u" gave "_s + QString::number(answer.status)));
                QVERIFY2(!answer.detail().isEmpty(), qPrintable(context));
                QCOMPARE(m_api->statusOf(id), from); // nothing changed
            }
            else
            {
                QVERIFY2(answer.status == 200,
                         qPrintable(context + u" gave "_s + QString::number(answer.status)));
                if (actions.at(a) != "priority"_L1)
                    QCOMPARE(answer.json.value(u"status"_s).toString(), expected.at(a));
                QCOMPARE(m_api->statusOf(id), expected.at(a));
            }
            // Leave nothing running for the next row.
            const HttpAnswer cancelled = m_api->post(u"/api/downloads/%1/cancel"_s.arg(id));
            QVERIFY2(cancelled.status == 200 || cancelled.status == 409, cancelled.body.constData());
            QVERIFY2(m_api->post(u"/api/downloads/resume"_s).status == 200, qPrintable(context));
        }
    }
}

void TestApiEndpoints::errorRows_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detailPart");

    QTest::newRow("not JSON") << "POST"_ba << u"/api/downloads/batch"_s << "{track_ids"_ba << 400
                              << u"not valid JSON"_s;
    QTest::newRow("array") << "POST"_ba << u"/api/downloads/batch"_s << "[1,2]"_ba << 400 << u"JSON object"_s;
    QTest::newRow("empty body") << "POST"_ba << u"/api/tracks"_s << "  "_ba << 400 << u"empty"_s;
    QTest::newRow("missing field") << "POST"_ba << u"/api/downloads/batch"_s << "{}"_ba << 422
                                   << u"track_ids"_s;
    QTest::newRow("priority 3") << "POST"_ba << u"/api/downloads/x/priority"_s << "{\"priority\": 3}"_ba
                                << 422 << u"priority"_s;
    QTest::newRow("priority float") << "POST"_ba << u"/api/downloads/x/priority"_s << "{\"priority\": 1.0}"_ba
                                    << 422 << u"priority"_s;
    QTest::newRow("priority string") << "POST"_ba << u"/api/downloads/x/priority"_s
                                     << "{\"priority\": \"1\"}"_ba << 422 << u"priority"_s;
    QTest::newRow("limit 101") << "GET"_ba << u"/api/downloads?limit=101"_s << QByteArray() << 422
                               << u"limit"_s;
    QTest::newRow("limit 0") << "GET"_ba << u"/api/downloads?limit=0"_s << QByteArray() << 422 << u"limit"_s;
    QTest::newRow("negative skip") << "GET"_ba << u"/api/downloads?skip=-1"_s << QByteArray() << 422
                                   << u"skip"_s;
    QTest::newRow("cursor and skip") << "GET"_ba << u"/api/downloads?cursor=q1.5.abc&skip=2"_s << QByteArray()
                                     << 422 << u"skip"_s;
    QTest::newRow("cursor not given")
        << "GET"_ba << u"/api/downloads?cursor=abc"_s << QByteArray() << 422 << u"next_cursor"_s;
    QTest::newRow("cursor priority 3")
        << "GET"_ba << u"/api/downloads?cursor=q3.5.abc"_s << QByteArray() << 422 << u"cursor"_s;
    QTest::newRow("cursor of an older version")
        << "GET"_ba << u"/api/downloads?cursor=1.1764061200000.1"_s << QByteArray() << 422 << u"cursor"_s;
    QTest::newRow("cursor plus sign")
        << "GET"_ba << u"/api/downloads?cursor=q1.+5.abc"_s << QByteArray() << 422 << u"cursor"_s;
    QTest::newRow("unknown status") << "GET"_ba << u"/api/downloads?status=pending"_s << QByteArray() << 422
                                    << u"status"_s;
    QTest::newRow("unknown action") << "POST"_ba << u"/api/downloads/batch-action"_s
                                    << "{\"download_ids\": [\"a\"], \"action\": \"explode\"}"_ba << 422
                                    << u"action"_s;
    QTest::newRow("unknown field") << "POST"_ba << u"/api/downloads/batch"_s
                                   << "{\"track_ids\": [\"a\"], \"priorty\": 1}"_ba << 422 << u"priorty"_s;
    QTest::newRow("1001 ids") << "POST"_ba << u"/api/downloads/batch"_s
                              << json({{u"track_ids"_s,
                                        QJsonArray::fromStringList(QStringList(1001, u"t"_s))}})
                              << 422 << u"track_ids"_s;
    QTest::newRow("unknown download")
        << "GET"_ba << u"/api/downloads/no-such-id"_s << QByteArray() << 404 << u"no-such-id"_s;
    QTest::newRow("unknown download action")
        << "POST"_ba << u"/api/downloads/no-such-id/cancel"_s << QByteArray() << 404 << u"no-such-id"_s;
    QTest::newRow("unknown route") << "GET"_ba << u"/api/nothing"_s << QByteArray() << 404
                                   << u"/api/nothing"_s;
    QTest::newRow("root") << "GET"_ba << u"/"_s << QByteArray() << 404 << u"endpoint"_s;
    QTest::newRow("wrong method") << "DELETE"_ba << u"/api/downloads"_s << QByteArray() << 405 << u"GET"_s;
    QTest::newRow("GET on POST route")
        << "GET"_ba << u"/api/downloads/x/cancel"_s << QByteArray() << 405 << u"POST"_s;
    QTest::newRow("POST on status") << "POST"_ba << u"/api/downloads/status"_s << QByteArray() << 405
                                    << u"GET"_s;
    QTest::newRow("plain GET on events")
        << "GET"_ba << u"/api/events"_s << QByteArray() << 426 << u"WebSocket"_s;
}

void TestApiEndpoints::errorRows()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, detailPart);
    const HttpAnswer answer = m_api->send(method, path, body);
    QCOMPARE(answer.status, status);
    QVERIFY2(answer.isJsonObject, answer.body.constData());
    QVERIFY2(answer.detail().contains(detailPart), qPrintable(answer.detail()));
    QCOMPARE(answer.contentType, "application/json"_ba);
    if (status == 405)
        QVERIFY(!answer.header("Allow").isEmpty());
}

void TestApiEndpoints::reservedWordsAreNotIds_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("pause") << u"/api/downloads/pause"_s << "POST"_ba;
    QTest::newRow("resume") << u"/api/downloads/resume"_s << "POST"_ba;
    QTest::newRow("batch") << u"/api/downloads/batch"_s << "POST"_ba;
    QTest::newRow("batch-action") << u"/api/downloads/batch-action"_s << "POST"_ba;
}

void TestApiEndpoints::reservedWordsAreNotIds()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const HttpAnswer answer = m_api->get(path);
    QCOMPARE(answer.status, 405);
    QCOMPARE(answer.header("Allow"), allow);
}

void TestApiEndpoints::everyResponseIsJson()
{
    for (const QString &path : {u"/api/downloads"_s, u"/api/downloads/status"_s, u"/api/tracks"_s,
                                u"/api/openapi.json"_s, u"/api/nothing"_s, u"/favicon.ico"_s})
    {
        const HttpAnswer answer = m_api->get(path);
        QCOMPARE(answer.contentType, "application/json"_ba);
        QVERIFY2(answer.isJsonObject, qPrintable(path));
    }
}

void TestApiEndpoints::routesMatchTheOpenApiDocument()
{
    const HttpAnswer answer = m_api->get(u"/api/openapi.json"_s);
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.json.value(u"openapi"_s).toString().startsWith(u"3."_s));
    QFile source(QStringLiteral(SOULSPOT_SOURCE_DIR "/resources/openapi.json"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(answer.json, QJsonDocument::fromJson(source.readAll()).object()); // served as kept

    QSet<QString> documented;
    const QJsonObject paths = answer.json.value(u"paths"_s).toObject();
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path)
    {
        const QJsonObject operations = path.value().toObject();
        for (auto op = operations.constBegin(); op != operations.constEnd(); ++op)
            documented.insert(op.key().toUpper() + u' ' + path.key());
    }
    // The routes the endpoint classes declare, each once.
    const Api::RequestGuard guard;
    const Api::ApiHandler handler(*m_api->service, guard);
    QSet<QString> served;
    for (const Api::Route &route : handler.routes())
        served.insert(QString::fromLatin1(route.method) + u' ' + route.pattern);
    QCOMPARE(served.size(), handler.routes().size());
    QCOMPARE(sorted(served.values()), sorted(documented.values()));

    // Every documented operation answers with a status it documents (or 404 for a made-up id).
    for (const QString &operation : std::as_const(documented))
    {
        const QStringList parts = operation.split(u' ');
        const QString path =
            QString(parts.at(1)).replace(u"{download_id}"_s, u"x"_s).replace(u"{track_id}"_s, u"x"_s);
        const HttpAnswer reply = m_api->send(parts.at(0).toLatin1(), path);
        const QJsonObject responses = paths.value(parts.at(1))
                                          .toObject()
                                          .value(parts.at(0).toLower())
                                          .toObject()
                                          .value(u"responses"_s)
                                          .toObject();
        QVERIFY2(responses.contains(QString::number(reply.status)),
                 qPrintable(operation + u" answered "_s + QString::number(reply.status)));
        // Put the queue back for the next operation.
        m_api->post(u"/api/downloads/resume"_s);
    }
}

QTEST_GUILESS_MAIN(TestApiEndpoints)
#include "tst_apiendpoints.moc"
