// SPDX-License-Identifier: GPL-3.0-or-later
// Removing downloads over the REST API (DELETE /api/downloads/{id}, "remove" in batch-action)
// and clearing the partial files of failed downloads, against the real server, a real SQLite
// file and real transfers from a test server on 127.0.0.1; files checked on disk.
#include "apitestsupport.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;

} // namespace

class TestApiRemove : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void deleteStopsARunningDownloadAndIs404Afterwards();
    void deleteFileQueryIsTrueOrFalse_data();
    void deleteFileQueryIsTrueOrFalse();
    void deleteFileTrueDeletesTheFinishedFile();
    void batchRemoveAnswersEachId();
    void batchDeleteFileOnlyWithRemove();
    void clearPartialFilesFreesFailedDownloads();
    void eventsTellTheRemoval();

private:
    QString download(const QString &path, const TestResource &resource);
    QString waitFor(const QString &id, const QString &status);
    QJsonObject row(const QString &id) { return m_api->get(u"/api/downloads/"_s + id).json; }
    HttpAnswer remove(const QString &id, const QString &query = {})
    {
        return m_api->send("DELETE", u"/api/downloads/"_s + id + query);
    }

    std::unique_ptr<ApiFixture> m_api;
};

void TestApiRemove::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
}

void TestApiRemove::cleanup()
{
    m_api.reset();
}

QString TestApiRemove::download(const QString &path, const TestResource &resource)
{
    return m_api->enqueue({m_api->addTrack(path, resource)}).value(0);
}

QString TestApiRemove::waitFor(const QString &id, const QString &status)
{
    // The caller compares what this returns: a status that never came shows in its message.
    if (!QTest::qWaitFor([&] { return m_api->statusOf(id) == status; }, Timeout))
        qWarning() << "download" << id << "never became" << status;
    return m_api->statusOf(id);
}

void TestApiRemove::deleteStopsARunningDownloadAndIs404Afterwards()
{
    const QString id =
        download(u"/slow.mp3"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 1, 512 * 1024));
    QTRY_VERIFY_WITH_TIMEOUT(row(id).value(u"bytes_downloaded"_s).toInteger() > 50000, Timeout);
    const QString partial = row(id).value(u"target_path"_s).toString() + u".part"_s;
    QVERIFY(QFile::exists(partial));

    const HttpAnswer answer = remove(id);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json, (QJsonObject{{u"message"_s, u"Download removed"_s}, {u"download_id"_s, id}}));
    QCOMPARE(m_api->get(u"/api/downloads/"_s + id).status, 404);
    QCOMPARE(remove(id).status, 404);
    const QJsonObject status = m_api->get(u"/api/downloads/status"_s).json;
    QCOMPARE(status.value(u"total_jobs"_s).toInteger(), 0);
    QCOMPARE(status.value(u"active_downloads"_s).toInteger(), 0);
    QCOMPARE(m_api->get(u"/api/downloads"_s).json.value(u"total"_s).toInteger(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(partial), Timeout);
    QVERIFY(m_api->get(u"/api/tracks"_s).json.value(u"total"_s).toInteger() == 1); // the track stays
}

void TestApiRemove::deleteFileQueryIsTrueOrFalse_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("yes") << u"?delete_file=yes"_s;
    QTest::newRow("capitalised") << u"?delete_file=True"_s;
    QTest::newRow("1") << u"?delete_file=1"_s;
    QTest::newRow("empty") << u"?delete_file="_s;
    QTest::newRow("twice") << u"?delete_file=true&delete_file=false"_s;
    QTest::newRow("unknown") << u"?delete_files=true"_s;
}

void TestApiRemove::deleteFileQueryIsTrueOrFalse()
{
    QFETCH(QString, query);
    QCOMPARE(m_api->post(u"/api/downloads/pause"_s).status, 200);
    const QString id = download(u"/a.mp3"_s, TestHttpServer::randomResource(1000, 2));
    const HttpAnswer answer = remove(id, query);
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().contains(u"delete_file"_s), qPrintable(answer.detail()));
    QCOMPARE(m_api->statusOf(id), u"queued"_s); // nothing changed
}

void TestApiRemove::deleteFileTrueDeletesTheFinishedFile()
{
    const QString keep = download(u"/keep.mp3"_s, TestHttpServer::randomResource(20000, 3));
    const QString drop = download(u"/drop.mp3"_s, TestHttpServer::randomResource(20000, 4));
    QCOMPARE(waitFor(keep, u"completed"_s), u"completed"_s);
    QCOMPARE(waitFor(drop, u"completed"_s), u"completed"_s);
    const QString kept = row(keep).value(u"target_path"_s).toString();
    const QString dropped = row(drop).value(u"target_path"_s).toString();

    QCOMPARE(remove(keep, u"?delete_file=false"_s).status, 200);
    QCOMPARE(remove(drop, u"?delete_file=true"_s).status, 200);
    QCOMPARE(TestHttpServer::sha256OfFile(kept),
             TestHttpServer::sha256(TestHttpServer::randomBody(20000, 3)));
    QVERIFY(!QFile::exists(dropped));
}

void TestApiRemove::batchRemoveAnswersEachId()
{
    const QString done = download(u"/done.mp3"_s, TestHttpServer::randomResource(20000, 5));
    QCOMPARE(waitFor(done, u"completed"_s), u"completed"_s);
    const QString path = row(done).value(u"target_path"_s).toString();
    QCOMPARE(m_api->post(u"/api/downloads/pause"_s).status, 200);
    const QString waiting = download(u"/waiting.mp3"_s, TestHttpServer::randomResource(1000, 6));

    const HttpAnswer answer = m_api->post(u"/api/downloads/batch-action"_s,
                                          json({{u"download_ids"_s, QJsonArray{done, u"nope"_s, waiting}},
                                                {u"action"_s, u"remove"_s},
                                                {u"delete_file"_s, true}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"message"_s).toString(), u"Batch action 'remove' completed"_s);
    QCOMPARE(answer.json.value(u"total"_s), QJsonValue(3));
    QCOMPARE(answer.json.value(u"successful"_s), QJsonValue(2));
    QCOMPARE(answer.json.value(u"failed"_s), QJsonValue(1));
    const QJsonArray results = answer.json.value(u"results"_s).toArray();
    QCOMPARE(results.at(0).toObject(), (QJsonObject{{u"id"_s, done}, {u"status"_s, u"success"_s}}));
    QCOMPARE(results.at(1).toObject().value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(results.at(2).toObject(), (QJsonObject{{u"id"_s, waiting}, {u"status"_s, u"success"_s}}));
    QCOMPARE(answer.json.value(u"errors"_s).toArray().at(0).toObject(),
             (QJsonObject{{u"id"_s, u"nope"_s}, {u"error"_s, u"Download nope not found"_s}}));
    QCOMPARE(m_api->get(u"/api/downloads/"_s + done).status, 404);
    QCOMPARE(m_api->get(u"/api/downloads/"_s + waiting).status, 404);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(m_api->get(u"/api/downloads/status"_s).json.value(u"total_jobs"_s).toInteger(), 0);
}

void TestApiRemove::batchDeleteFileOnlyWithRemove()
{
    QCOMPARE(m_api->post(u"/api/downloads/pause"_s).status, 200);
    const QString id = download(u"/a.mp3"_s, TestHttpServer::randomResource(1000, 7));
    const QJsonArray ids{id};
    HttpAnswer answer =
        m_api->post(u"/api/downloads/batch-action"_s,
                    json({{u"download_ids"_s, ids}, {u"action"_s, u"cancel"_s}, {u"delete_file"_s, true}}));
    QCOMPARE(answer.status, 422);
    QCOMPARE(answer.detail(), u"field \"delete_file\" is only for the remove action"_s);
    answer = m_api->post(u"/api/downloads/batch-action"_s,
                         json({{u"download_ids"_s, ids}, {u"action"_s, u"remove"_s}, {u"delete_file"_s, 1}}));
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().contains(u"true or false"_s), qPrintable(answer.detail()));
    QCOMPARE(m_api->statusOf(id), u"queued"_s);
}

void TestApiRemove::clearPartialFilesFreesFailedDownloads()
{
    // Every answer breaks off halfway: the retries continue the partial file, then give up.
    TestResource broken = TestHttpServer::randomResource(400000, 8);
    broken.failuresBeforeSuccess = 1000;
    broken.failure = TestResource::Failure::TruncateBody;
    const QString id = download(u"/broken.mp3"_s, broken);
    QCOMPARE(waitFor(id, u"failed"_s), u"failed"_s);
    const QString partial = row(id).value(u"target_path"_s).toString() + u".part"_s;
    const qint64 size = QFileInfo(partial).size();
    QVERIFY(size > 0);

    QCOMPARE(m_api->post(u"/api/downloads/clear-partial-files?all=1"_s).status, 422);
    QVERIFY(QFile::exists(partial));
    HttpAnswer answer = m_api->post(u"/api/downloads/clear-partial-files"_s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"files"_s).toInteger(), 1);
    QCOMPARE(answer.json.value(u"bytes"_s).toInteger(), size);
    QVERIFY(!QFile::exists(partial));
    QCOMPARE(m_api->statusOf(id), u"failed"_s);
    answer = m_api->post(u"/api/downloads/clear-partial-files"_s);
    QCOMPARE(answer.json.value(u"files"_s).toInteger(), 0);
    QCOMPARE(m_api->send("GET", u"/api/downloads/clear-partial-files"_s).status, 405);
}

void TestApiRemove::eventsTellTheRemoval()
{
    QCOMPARE(m_api->post(u"/api/downloads/pause"_s).status, 200);
    const QString id = download(u"/a.mp3"_s, TestHttpServer::randomResource(1000, 9));
    QWebSocket socket;
    QList<QJsonObject> messages;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    socket.open(QUrl(u"ws://127.0.0.1:%1/api/events"_s.arg(m_api->port)));
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), Timeout); // the status
    QCOMPARE(remove(id).status, 200);
    const QJsonObject expected{{u"type"_s, u"removed"_s}, {u"download_ids"_s, QJsonArray{id}}};
    QTRY_VERIFY_WITH_TIMEOUT(messages.contains(expected), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(messages.last().value(u"total_jobs"_s) == QJsonValue(0), Timeout);
}

QTEST_GUILESS_MAIN(TestApiRemove)
#include "tst_apiremove.moc"
