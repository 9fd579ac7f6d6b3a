// SPDX-License-Identifier: GPL-3.0-or-later
// The order of the queue through DownloadService, end to end: a real SQLite file, real HTTP
// transfers from a server the test starts on 127.0.0.1, files checked by SHA-256. Moved downloads
// start in their new order; Start now runs a download beyond the concurrency limit and while the
// queue is paused.
#include "support/servicetestbed.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;

namespace {

constexpr int Timeout = 20000;

} // namespace

class TestQueueOrderService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void movedDownloadsStartInTheirNewOrder();
    void moveTellsTheListeners();
    void startNowRunsBeyondTheLimit();
    void startNowRunsWhileTheQueueIsPaused();
    void startNowRefusals();

private:
    QString addUrl(const QString &path) { return m_bed->addUrl(path); }
    QString statusOf(const QString &id) const { return m_bed->statusOf(id); }

    std::unique_ptr<Test::ServiceTestBed> m_bed;
    DownloadService *m_service = nullptr;
    TestHttpServer *m_server = nullptr;
};

void TestQueueOrderService::init()
{
    m_bed = std::make_unique<Test::ServiceTestBed>();
    QVERIFY(m_bed->isReady());
    m_service = &m_bed->service();
    m_server = &m_bed->server();
    QVERIFY(m_service->setMaxConcurrentDownloads(1));
}

void TestQueueOrderService::cleanup()
{
    m_bed.reset();
}

void TestQueueOrderService::movedDownloadsStartInTheirNewOrder()
{
    m_service->pauseQueue();
    QStringList ids;
    for (const QString &name : {u"/a"_s, u"/b"_s, u"/c"_s, u"/d"_s})
    {
        m_server->setResource(name, TestHttpServer::randomResource(1000, 1));
        ids << addUrl(name);
    }
    QCOMPARE(m_service->moveInQueue(ids[3], QueueMove::Top)->position, 1);
    QCOMPARE(m_service->moveInQueue(ids[0], QueueMove::Bottom)->position, 4);
    QCOMPARE(m_service->moveInQueue(ids[2], QueueMove::Up)->position, 2);
    m_service->resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(m_service->stats().completed, qint64(4), Timeout);
    QStringList order;
    for (const auto &request : m_server->requests())
        order.append(request.path);
    QCOMPARE(order, (QStringList{u"/d"_s, u"/c"_s, u"/b"_s, u"/a"_s}));
}

void TestQueueOrderService::moveTellsTheListeners()
{
    m_service->pauseQueue();
    const QString a = addUrl(u"/a"_s);
    const QString b = addUrl(u"/b"_s);
    QSignalSpy changed(m_service, &DownloadService::downloadChanged);
    QCOMPARE(m_service->moveInQueue({b, u"missing"_s}, QueueMove::Up).value(), 1);
    // Both rows took new places: the listeners (the window, the API's page cache) hear of both.
    QCOMPARE(changed.size(), 2);
    QHash<QString, qint64> places;
    for (const QList<QVariant> &signal : changed)
    {
        const Download row = signal.at(0).value<Download>();
        places.insert(row.id, row.queuePosition);
    }
    QVERIFY(places.value(b) < places.value(a));
    QCOMPARE(places.value(b), m_service->download(b)->queuePosition);
}

void TestQueueOrderService::startNowRunsBeyondTheLimit()
{
    const QByteArray fastBody = TestHttpServer::randomBody(64 * 1024, 7);
    m_server->setResource(u"/slow"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 3, 256 * 1024));
    m_server->setResource(u"/fast"_s, TestHttpServer::randomResource(64 * 1024, 7));
    const QString slow = addUrl(u"/slow"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(slow), u"downloading"_s, Timeout);
    const QString fast = addUrl(u"/fast"_s);
    QTest::qWait(200);
    QCOMPARE(statusOf(fast), u"queued"_s); // the one slot is taken

    const Result<Download> started = m_service->startNow(fast);
    QVERIFY2(started.ok(), started ? "" : qPrintable(started.error().message));
    QCOMPARE(toString(started->status), u"downloading"_s);
    QCOMPARE(m_service->stats().activeDownloads, qint64(2));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(fast), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_service->download(fast)->targetPath),
             TestHttpServer::sha256(fastBody));
    QCOMPARE(statusOf(slow), u"downloading"_s); // never stopped for it
    // The limit still holds for what waits: one more running than it allows is enough.
    const QString next = addUrl(u"/fast"_s);
    QTest::qWait(200);
    QCOMPARE(statusOf(next), u"queued"_s);
}

void TestQueueOrderService::startNowRunsWhileTheQueueIsPaused()
{
    m_server->setResource(u"/x"_s, TestHttpServer::randomResource(32 * 1024, 5));
    m_service->pauseQueue();
    const QString x = addUrl(u"/x"_s);
    const QString y = addUrl(u"/x"_s);
    // A paused download is resumed and started at once.
    QCOMPARE(toString(m_service->pause(x)->status), u"paused"_s);
    QCOMPARE(toString(m_service->startNow(x)->status), u"downloading"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(x), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_service->download(x)->targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(32 * 1024, 5)));
    // The queue stays paused: the other one waits.
    QVERIFY(m_service->isQueuePaused());
    QCOMPARE(statusOf(y), u"queued"_s);
}

void TestQueueOrderService::startNowRefusals()
{
    QCOMPARE(m_service->startNow(u"missing"_s).error().kind, ErrorKind::NotFound);
    m_service->pauseQueue();
    const QString x = addUrl(u"/x"_s);
    QCOMPARE(toString(m_service->cancel(x)->status), u"cancelled"_s);
    const Result<Download> refused = m_service->startNow(x);
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    QCOMPARE(refused.error().message, u"Cannot start a download that is cancelled"_s);
    QCOMPARE(m_service->moveInQueue(x, QueueMove::Top).error().kind, ErrorKind::Conflict);
    QCOMPARE(m_service->moveInQueue(u"missing"_s, QueueMove::Top).error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestQueueOrderService)

#include "tst_queueorderservice.moc"
