// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/workers and the `worker` of a download (issue #11), on the SQLite file of one process:
// the one live worker, in the answer's shape, and the worker named on the download it completed.
// (Several workers on one PostgreSQL database: tests/e2e/tst_workersfarm.cpp.)
#include "apitestsupport.h"

#include <QRegularExpression>
#include <QSysInfo>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

class TestApiWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsTheLiveWorkers();
    void refusesWhatItDoesNotTake();
    void downloadNamesItsWorker();

private:
    std::unique_ptr<ApiFixture> m_api;
};

void TestApiWorkers::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
}

void TestApiWorkers::cleanup()
{
    m_api.reset();
}

void TestApiWorkers::listsTheLiveWorkers()
{
    const HttpAnswer answer = m_api->get(u"/api/workers"_s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"total"_s), QJsonValue(1));
    const QJsonArray items = answer.json.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject worker = items.first().toObject();
    QStringList keys = worker.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"last_heartbeat"_s, u"max_concurrent_downloads"_s, u"name"_s,
                                u"running_downloads"_s}));
    QCOMPARE(worker.value(u"name"_s).toString(), QSysInfo::machineHostName()); // the default name
    QCOMPARE(worker.value(u"max_concurrent_downloads"_s), QJsonValue(3));
    QCOMPARE(worker.value(u"running_downloads"_s), QJsonValue(0));
    static const QRegularExpression isoMs(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s);
    QVERIFY2(isoMs.match(worker.value(u"last_heartbeat"_s).toString()).hasMatch(),
             qPrintable(worker.value(u"last_heartbeat"_s).toString()));
}

void TestApiWorkers::refusesWhatItDoesNotTake()
{
    const HttpAnswer query = m_api->get(u"/api/workers?skip=1"_s);
    QCOMPARE(query.status, 422);
    QVERIFY(!query.detail().isEmpty());
    QCOMPARE(m_api->post(u"/api/workers"_s).status, 405);
}

void TestApiWorkers::downloadNamesItsWorker()
{
    const QString track = m_api->addTrack(u"/a.mp3"_s, TestHttpServer::randomResource(20000, 3));
    const QString id = m_api->enqueue({track}).first();
    QTRY_COMPARE_WITH_TIMEOUT(m_api->statusOf(id), u"completed"_s, 20000);
    const HttpAnswer download = m_api->get(u"/api/downloads/"_s + id);
    QCOMPARE(download.json.value(u"worker"_s).toString(), QSysInfo::machineHostName());
    const HttpAnswer list = m_api->get(u"/api/downloads"_s);
    QCOMPARE(list.json.value(u"items"_s).toArray().first().toObject().value(u"worker"_s).toString(),
             QSysInfo::machineHostName());
}

QTEST_GUILESS_MAIN(TestApiWorkers)
#include "tst_apiworkers.moc"
