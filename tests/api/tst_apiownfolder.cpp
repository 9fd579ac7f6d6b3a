// SPDX-License-Identifier: GPL-3.0-or-later
// "download_dir" of POST /api/downloads/batch (issue #9): the downloads land in that folder,
// each Download shows it, and a folder that cannot be used is 422 {"detail"} with nothing
// enqueued. The real server, a real SQLite file, real transfers from a test server on
// 127.0.0.1; files checked by SHA-256.
#include "apitestsupport.h"

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;

QByteArray batchBody(const QString &trackId, const QJsonValue &folder)
{
    return QJsonDocument(QJsonObject{{u"track_ids"_s, QJsonArray{trackId}}, {u"download_dir"_s, folder}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestApiOwnFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void batchDownloadsIntoTheFolderGiven();
    void unusableFolderIs422AndEnqueuesNothing_data();
    void unusableFolderIs422AndEnqueuesNothing();

private:
    std::unique_ptr<ApiFixture> m_api;
};

void TestApiOwnFolder::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
}

void TestApiOwnFolder::cleanup()
{
    m_api.reset();
}

void TestApiOwnFolder::batchDownloadsIntoTheFolderGiven()
{
    const TestResource resource = TestHttpServer::randomResource(120000, 21);
    const QString track = m_api->addTrack(u"/a.mp3"_s, resource);
    const QString folder = m_api->dir->filePath(u"per-download/new"_s);
    const HttpAnswer answer = m_api->post(u"/api/downloads/batch"_s, batchBody(track, folder));
    QCOMPARE(answer.status, 200);
    const QString id = answer.json.value(u"job_ids"_s).toArray().first().toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_api->statusOf(id), u"completed"_s, Timeout);
    const QJsonObject row = m_api->get(u"/api/downloads/"_s + id).json;
    QCOMPARE(row.value(u"download_dir"_s).toString(), folder);
    const QString target = row.value(u"target_path"_s).toString();
    QCOMPARE(QFileInfo(target).absolutePath(), folder);
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(resource.body));

    // Without it (or null): the settings' folder, and the field says null.
    const QString other = m_api->enqueue({m_api->addTrack(u"/b.mp3"_s, resource)}).value(0);
    QVERIFY(m_api->get(u"/api/downloads/"_s + other).json.value(u"download_dir"_s).isNull());
    const HttpAnswer withNull = m_api->post(u"/api/downloads/batch"_s, batchBody(track, QJsonValue::Null));
    QCOMPARE(withNull.status, 200);
    const QString third = withNull.json.value(u"job_ids"_s).toArray().first().toString();
    QVERIFY(m_api->get(u"/api/downloads/"_s + third).json.value(u"download_dir"_s).isNull());
    // The page of the list carries it too.
    const QJsonArray items = m_api->get(u"/api/downloads?limit=10"_s).json.value(u"items"_s).toArray();
    QStringList folders;
    for (const QJsonValue &item : items)
        folders << item.toObject().value(u"download_dir"_s).toString();
    QVERIFY2(folders.contains(folder), qPrintable(folders.join(u',')));
}

void TestApiOwnFolder::unusableFolderIs422AndEnqueuesNothing_data()
{
    QTest::addColumn<QJsonValue>("folder");
    QTest::addColumn<QString>("named");
    QTest::newRow("cannot be created") << QJsonValue(u"/proc/forbidden"_s) << u"/proc/forbidden"_s;
    QTest::newRow("relative") << QJsonValue(u"music/new"_s) << u"absolute path"_s;
    QTest::newRow("empty") << QJsonValue(u""_s) << u"absolute path"_s;
    QTest::newRow("not a string") << QJsonValue(7) << u"must be a string"_s;
    QTest::newRow("too long") << QJsonValue(u"/"_s + QString(5000, u'a')) << u"at most"_s;
}

void TestApiOwnFolder::unusableFolderIs422AndEnqueuesNothing()
{
    QFETCH(QJsonValue, folder);
    QFETCH(QString, named);
    const QString track = m_api->addTrack(u"/a.mp3"_s, TestHttpServer::randomResource(1000, 22));
    const HttpAnswer answer = m_api->post(u"/api/downloads/batch"_s, batchBody(track, folder));
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().contains(u"download_dir"_s) && answer.detail().contains(named),
             qPrintable(answer.detail()));
    QCOMPARE(m_api->get(u"/api/downloads"_s).json.value(u"total"_s).toInt(), 0);
    QCOMPARE(m_api->get(u"/api/downloads/status"_s).json.value(u"total_jobs"_s).toInt(), 0);
}

QTEST_MAIN(TestApiOwnFolder)
#include "tst_apiownfolder.moc"
