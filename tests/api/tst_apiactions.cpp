// SPDX-License-Identifier: GPL-3.0-or-later
// The REST edge of the action entry (DownloadService::apply) and of the source URL rule, against
// the real server on a free port and a real engine over a real SQLite file: typed refusals become
// the statuses of API.md, and a source_url that is not http, https or slsk is a 422 that names
// the field and creates nothing.
#include "apitestsupport.h"

#include "storage/queueorder.h"

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

class TestApiActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refusalsMapToTheirStatus();
    void batchActionNamesComeFromDomain();
    void moveAnswersWithThePlace();
    void moveRefusals();
    void sourceUrlOutsideTheRuleIs422_data();
    void sourceUrlOutsideTheRuleIs422();
    void listWithOneBadSourceUrlCreatesNothing();
    void downloadUrlsAreAccepted();

private:
    qint64 trackTotal() { return m_api->get(u"/api/tracks"_s).json.value(u"total"_s).toInteger(); }

    std::unique_ptr<ApiFixture> m_api;
};

void TestApiActions::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
    QCOMPARE(m_api->post(u"/api/downloads/pause"_s).status, 200); // nothing is fetched
}

void TestApiActions::cleanup()
{
    m_api.reset();
}

void TestApiActions::refusalsMapToTheirStatus()
{
    const QString track = m_api->addTrack(u"/a.mp3"_s, TestResource{});
    const QString id = m_api->enqueue({track}).value(0);
    QVERIFY(!id.isEmpty());

    // The state table's refusal (Conflict) is 409 with its reason; an unknown id is 404.
    HttpAnswer answer = m_api->post(u"/api/downloads/%1/retry"_s.arg(id));
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.detail(), u"Cannot retry a download that is queued"_s);
    answer = m_api->post(u"/api/downloads/nope/pause"_s);
    QCOMPARE(answer.status, 404);
    QVERIFY2(answer.detail().contains(u"nope"_s), qPrintable(answer.detail()));
    answer = m_api->post(u"/api/downloads/%1/priority"_s.arg(id), json({{u"priority"_s, 0}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"priority"_s), QJsonValue(0));

    QCOMPARE(m_api->post(u"/api/downloads/%1/cancel"_s.arg(id)).status, 200);
    answer = m_api->post(u"/api/downloads/%1/priority"_s.arg(id), json({{u"priority"_s, 1}}));
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.detail(), u"Cannot change the priority of a download that is cancelled"_s);
    answer = m_api->post(u"/api/downloads/%1/retry"_s.arg(id));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"status"_s).toString(), u"queued"_s);
}

void TestApiActions::batchActionNamesComeFromDomain()
{
    const QString track = m_api->addTrack(u"/b.mp3"_s, TestResource{});
    const QStringList ids = m_api->enqueue({track, track});
    for (const QString &name : {u"retry"_s, u"Pause"_s, u"setpriority"_s, u""_s})
    {
        const HttpAnswer answer =
            m_api->post(u"/api/downloads/batch-action"_s,
                        json({{u"download_ids"_s, QJsonArray::fromStringList(ids)}, {u"action"_s, name}}));
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.detail(),
                 u"field \"action\" must be one of pause, resume, cancel, priority, remove"_s);
    }
    QCOMPARE(m_api->statusOf(ids.at(0)), u"queued"_s);

    const HttpAnswer answer = m_api->post(
        u"/api/downloads/batch-action"_s,
        json({{u"download_ids"_s, QJsonArray{ids.at(0), u"nope"_s}}, {u"action"_s, u"cancel"_s}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"successful"_s), QJsonValue(1));
    QCOMPARE(answer.json.value(u"errors"_s).toArray().at(0).toObject(),
             (QJsonObject{{u"id"_s, u"nope"_s}, {u"error"_s, u"Download nope not found"_s}}));
    QCOMPARE(m_api->statusOf(ids.at(0)), u"cancelled"_s);
}

void TestApiActions::moveAnswersWithThePlace()
{
    const QString track = m_api->addTrack(u"/m.mp3"_s, TestResource{});
    const QStringList ids = m_api->enqueue({track, track, track});
    const QString p0 = m_api->enqueue({track}, 0).value(0);
    QCOMPARE(ids.size(), 3);

    // The P1 moved to its top is second: the P0 still starts first.
    HttpAnswer answer = m_api->post(u"/api/downloads/%1/move"_s.arg(ids[2]), json({{u"to"_s, u"top"_s}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(
        answer.json,
        (QJsonObject{{u"message"_s, u"Download moved"_s}, {u"download_id"_s, ids[2]}, {u"position"_s, 2}}));
    QCOMPARE(m_api->post(u"/api/downloads/%1/move"_s.arg(ids[0]), json({{u"to"_s, u"bottom"_s}}))
                 .json.value(u"position"_s),
             QJsonValue(4));
    QCOMPARE(m_api->post(u"/api/downloads/%1/move"_s.arg(ids[1]), json({{u"to"_s, u"up"_s}}))
                 .json.value(u"position"_s),
             QJsonValue(2));
    // A paused download keeps its place and moves too.
    QCOMPARE(m_api->post(u"/api/downloads/%1/pause"_s.arg(ids[2])).status, 200);
    QCOMPARE(m_api->post(u"/api/downloads/%1/move"_s.arg(ids[2]), json({{u"to"_s, u"down"_s}}))
                 .json.value(u"position"_s),
             QJsonValue(4));
    QCOMPARE(m_api->post(u"/api/downloads/%1/move"_s.arg(p0), json({{u"to"_s, u"down"_s}}))
                 .json.value(u"position"_s),
             QJsonValue(1));
    // The order the queue starts them in: the database's claim.
    QCOMPARE(m_api->service->moveInQueue(p0, QueueMove::Top)->position, 1);
}

void TestApiActions::moveRefusals()
{
    const QString track = m_api->addTrack(u"/n.mp3"_s, TestResource{});
    const QStringList ids = m_api->enqueue({track, track});
    const auto placeOf = [&](const QString &id) {
        return QueueOrder(*m_api->database).placeOf(id, true).value();
    };
    QCOMPARE(placeOf(ids[1]), 2);

    for (const QByteArray &body : {json({{u"to"_s, u"sideways"_s}}), json({{u"to"_s, u"Top"_s}}),
                                   json({{u"to"_s, 1}}), json({}), json({{u"to"_s, u"top"_s}, {u"x"_s, 1}})})
    {
        const HttpAnswer answer = m_api->post(u"/api/downloads/%1/move"_s.arg(ids[1]), body);
        QCOMPARE(answer.status, 422);
        QVERIFY2(!answer.detail().isEmpty(), body.constData());
    }
    QCOMPARE(m_api->post(u"/api/downloads/%1/move"_s.arg(ids[1]), json({{u"to"_s, u"sideways"_s}})).detail(),
             u"field \"to\" must be one of top, up, down, bottom"_s);
    QCOMPARE(placeOf(ids[1]), 2); // nothing moved

    HttpAnswer answer = m_api->post(u"/api/downloads/nope/move"_s, json({{u"to"_s, u"top"_s}}));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.detail(), u"Download nope not found"_s);

    QCOMPARE(m_api->post(u"/api/downloads/%1/cancel"_s.arg(ids[0])).status, 200);
    answer = m_api->post(u"/api/downloads/%1/move"_s.arg(ids[0]), json({{u"to"_s, u"top"_s}}));
    QCOMPARE(answer.status, 409);
    QVERIFY2(answer.detail().startsWith(u"Cannot move a download that is cancelled"_s),
             qPrintable(answer.detail()));
    QCOMPARE(placeOf(ids[1]), 1); // the cancelled one left the line
}

void TestApiActions::sourceUrlOutsideTheRuleIs422_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("file") << u"file:///etc/passwd"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s;
    QTest::newRow("ftp") << u"ftp://x"_s;
    QTest::newRow("http without host") << u"http:///x.mp3"_s;
    QTest::newRow("no scheme") << u"x.mp3"_s;
}

void TestApiActions::sourceUrlOutsideTheRuleIs422()
{
    QFETCH(QString, url);
    const HttpAnswer answer =
        m_api->post(u"/api/tracks"_s, json({{u"title"_s, u"Song"_s}, {u"source_url"_s, url}}));
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().startsWith(u"field \"source_url\" must be a http, https or slsk URL"_s),
             qPrintable(answer.detail()));
    QVERIFY2(answer.detail().contains(url), qPrintable(answer.detail()));
    QCOMPARE(trackTotal(), 0);
}

void TestApiActions::listWithOneBadSourceUrlCreatesNothing()
{
    const QJsonArray tracks{QJsonObject{{u"source_url"_s, u"https://example.org/a.flac"_s}},
                            QJsonObject{{u"title"_s, u"B"_s}},
                            QJsonObject{{u"title"_s, u"C"_s}, {u"source_url"_s, u"file:///etc/passwd"_s}}};
    const HttpAnswer answer = m_api->post(u"/api/tracks"_s, json({{u"tracks"_s, tracks}}));
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().startsWith(u"field \"tracks[2].source_url\" must be"_s),
             qPrintable(answer.detail()));
    QCOMPARE(trackTotal(), 0);
    QCOMPARE(m_api->get(u"/api/downloads"_s).json.value(u"total"_s), QJsonValue(0));
}

void TestApiActions::downloadUrlsAreAccepted()
{
    const QJsonArray tracks{QJsonObject{{u"source_url"_s, u"https://example.org/a.flac"_s}},
                            QJsonObject{{u"source_url"_s, u"HTTP://127.0.0.1:1/b.mp3"_s}},
                            QJsonObject{{u"source_url"_s, u"slsk://user/Music/c.flac"_s}},
                            QJsonObject{{u"title"_s, u"D"_s}, {u"source_url"_s, QJsonValue()}}};
    const HttpAnswer answer = m_api->post(u"/api/tracks"_s, json({{u"tracks"_s, tracks}}));
    QCOMPARE(answer.status, 201);
    QCOMPARE(trackTotal(), 4);
}

QTEST_GUILESS_MAIN(TestApiActions)

#include "tst_apiactions.moc"
