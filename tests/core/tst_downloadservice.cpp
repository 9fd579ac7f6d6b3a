// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's use cases end to end in one process: a real SQLite file, real HTTP transfers from
// a server the test starts on 127.0.0.1, files checked by SHA-256.
#include "domain/priority.h"
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 20000;

} // namespace

class TestDownloadService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void downloadsFilesAndCountsThem();
    void unknownTrackRejectsWholeBatch();
    void invalidPriorityChangesNothing();
    void pauseStopsWritingAndResumeContinuesWithRange();
    void cancelRunningRemovesPartialFile();
    void stateTableConflicts();
    void retriesServerErrorsWithBackoff();
    void permanentErrorFailsAtOnceAndRetryRequeues();
    void globalPauseRequeuesRunningAndStartsNothing();
    void batchActionReportsEachId();
    void priorityOrderWithOneSlot();
    void restartContinuesInterruptedDownload();
    void trackWithoutUrlExplainsWhatToSet();
    void listingFiltersAndPages();

private:
    std::unique_ptr<DownloadService> makeService(int maxConcurrent = 3);
    QString addUrl(const QString &path, std::optional<int> priority = std::nullopt);
    QString statusOf(const QString &id) const;
    QString downloadDir() const { return m_dir->filePath(u"downloads"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
};

void TestDownloadService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    m_service = makeService();
    QVERIFY(m_service->start().ok());
}

void TestDownloadService::cleanup()
{
    m_service.reset();
    m_database.reset();
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<DownloadService> TestDownloadService::makeService(int maxConcurrent)
{
    ServiceOptions options;
    options.downloadDirectory = downloadDir();
    options.maxConcurrentDownloads = maxConcurrent;
    options.backoffBase = std::chrono::milliseconds(50);
    auto service = std::make_unique<DownloadService>(*m_database, options);
    HttpSourceOptions http;
    http.stallTimeout = std::chrono::milliseconds(1500);
    service->addSource(std::make_unique<HttpSource>(http));
    return service;
}

QString TestDownloadService::addUrl(const QString &path, std::optional<int> priority)
{
    TrackInput input;
    input.sourceUrl = m_server->url(path).toString();
    const auto added = m_service->addTracks({input}, priority);
    if (!added)
        qWarning() << added.error().message;
    return added ? added->first().id : QString();
}

// As text: QCOMPARE cannot print a DownloadStatus (SoulSpot::toString shadows QTest's).
QString TestDownloadService::statusOf(const QString &id) const
{
    return toString(m_service->download(id)->status);
}

void TestDownloadService::downloadsFilesAndCountsThem()
{
    QList<TrackInput> inputs;
    for (int i = 0; i < 5; ++i)
    {
        m_server->setResource(u"/f%1.bin"_s.arg(i),
                              TestHttpServer::randomResource(300000 + i * 1000, 10 + i));
        TrackInput input;
        input.sourceUrl = m_server->url(u"/f%1.bin"_s.arg(i)).toString();
        inputs.append(input);
    }
    QSignalSpy finished(m_service.get(), &DownloadService::downloadFinished);
    const auto added = m_service->addTracks(inputs);
    QVERIFY(added.ok());
    QCOMPARE(added->size(), 5);
    QCOMPARE(added->first().priority, Priority::DefaultBatch);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, Timeout);

    for (int i = 0; i < 5; ++i)
    {
        const Download download = *m_service->download(added->at(i).id);
        QCOMPARE(toString(download.status), u"completed"_s);
        QCOMPARE(download.attempts, 1);
        QCOMPARE(download.progressPercent, 100.0);
        QCOMPARE(download.bytesDownloaded, 300000 + i * 1000);
        QVERIFY(download.completedAt.isValid() && download.startedAt.isValid());
        QCOMPARE(QFileInfo(download.targetPath).absolutePath(), QDir(downloadDir()).absolutePath());
        QCOMPARE(TestHttpServer::sha256OfFile(download.targetPath),
                 TestHttpServer::sha256(TestHttpServer::randomBody(300000 + i * 1000, 10 + i)));
    }
    const QueueStats stats = m_service->stats();
    QCOMPARE(stats.completed, 5);
    QCOMPARE(stats.totalJobs, 5);
    QCOMPARE(stats.activeDownloads + stats.queuedDownloads, 0);
    QVERIFY(!m_service->hasPendingWork());
}

void TestDownloadService::unknownTrackRejectsWholeBatch()
{
    const auto track = m_service->createTrack({u"T"_s, u"A"_s, {}, m_server->url(u"/x"_s).toString(), -1});
    QVERIFY(track.ok());
    const auto batch = m_service->enqueueBatch({track->id, u"no-such-track"_s});
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().kind, ErrorKind::NotFound);
    QVERIFY(batch.error().message.contains(u"no-such-track"_s));
    QCOMPARE(m_service->stats().totalJobs, 0);
    QCOMPARE(m_service->downloads(std::nullopt, 0, 10)->total, 0);
}

void TestDownloadService::invalidPriorityChangesNothing()
{
    const auto track = m_service->createTrack({u"T"_s, u"A"_s, {}, m_server->url(u"/x"_s).toString(), -1});
    QCOMPARE(m_service->enqueue(track->id, 3).error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(m_service->enqueue(track->id, -1).error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(m_service->stats().totalJobs, 0);

    m_service->pauseQueue();
    const auto download = m_service->enqueue(track->id);
    QVERIFY(download.ok());
    QCOMPARE(download->priority, Priority::DefaultSingle);
    QCOMPARE(m_service->setPriority(download->id, 7).error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(m_service->download(download->id)->priority, 1);
    QSignalSpy changed(m_service.get(), &DownloadService::downloadChanged);
    const auto raised = m_service->setPriority(download->id, 0);
    QCOMPARE(raised->priority, 0);
    // What the call returns and what listeners hear is the row as stored, updated_at included.
    QCOMPARE(changed.size(), 1);
    const Download heard = changed.first().first().value<Download>();
    QCOMPARE(heard.updatedAt, m_service->download(download->id)->updatedAt);
    QCOMPARE(raised->updatedAt, heard.updatedAt);
    QCOMPARE(m_service->setPriority(u"nope"_s, 0).error().kind, ErrorKind::NotFound);
}

void TestDownloadService::pauseStopsWritingAndResumeContinuesWithRange()
{
    const qint64 size = 2 * 1024 * 1024;
    m_server->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(size, 7, 1024 * 1024));
    const QString id = addUrl(u"/slow.bin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 100000, Timeout);

    const auto paused = m_service->pause(id);
    QVERIFY(paused.ok());
    QCOMPARE(toString(paused->status), u"paused"_s);
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial));
    const qint64 sizeAtPause = QFileInfo(partial).size();
    QTest::qWait(600);
    QCOMPARE(QFileInfo(partial).size(), sizeAtPause); // nothing written after pause returned
    QCOMPARE(statusOf(id), u"paused"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded, sizeAtPause, Timeout);

    QVERIFY(m_service->resume(id).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, Timeout);
    const Download done = *m_service->download(id);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(size, 7)));
    QCOMPARE(done.attempts, 1); // the paused try used up nothing
    bool sawRange = false;
    for (const auto &request : m_server->requests())
        sawRange = sawRange || request.rangeHeader == "bytes=" + QByteArray::number(sizeAtPause) + "-";
    QVERIFY(sawRange);
}

void TestDownloadService::cancelRunningRemovesPartialFile()
{
    m_server->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 3, 512 * 1024));
    const QString id = addUrl(u"/slow.bin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 50000, Timeout);
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial));
    const auto cancelled = m_service->cancel(id);
    QVERIFY(cancelled.ok());
    QCOMPARE(toString(cancelled->status), u"cancelled"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(partial), Timeout);
    QCOMPARE(statusOf(id), u"cancelled"_s);
    QCOMPARE(m_service->stats().cancelled, 1);
    QCOMPARE(toString(m_service->cancel(id)->status), u"cancelled"_s); // no-op
}

void TestDownloadService::stateTableConflicts()
{
    m_server->setResource(u"/a.bin"_s, TestHttpServer::randomResource(1000, 1));
    const QString id = addUrl(u"/a.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, Timeout);
    for (auto action : {&DownloadService::pause, &DownloadService::resume, &DownloadService::cancel,
                        &DownloadService::retry})
    {
        const auto result = (m_service.get()->*action)(id);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::Conflict);
    }
    QCOMPARE(m_service->setPriority(id, 0).error().kind, ErrorKind::Conflict);
    QCOMPARE(statusOf(id), u"completed"_s);
}

void TestDownloadService::retriesServerErrorsWithBackoff()
{
    TestResource flaky = TestHttpServer::randomResource(50000, 5);
    flaky.failuresBeforeSuccess = 2;
    flaky.failure = TestResource::Failure::Status;
    flaky.failureStatus = 503;
    m_server->setResource(u"/flaky.bin"_s, flaky);
    QList<Download> waiting; // the rows told while a retry is due
    connect(m_service.get(), &DownloadService::downloadChanged, this, [&waiting](const Download &download) {
        if (download.retryAt.isValid())
            waiting.append(download);
    });
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QString id = addUrl(u"/flaky.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, Timeout);
    const Download done = *m_service->download(id);
    QCOMPARE(done.attempts, 3);
    QVERIFY(done.errorMessage.isEmpty());
    QVERIFY(!done.retryAt.isValid());
    // Each wait is told with its time; the error says what failed, not a countdown that the
    // stored text could never update.
    QCOMPARE(waiting.size(), 2);
    for (const Download &row : std::as_const(waiting))
    {
        QCOMPARE(toString(row.status), toString(DownloadStatus::Queued));
        QVERIFY(row.retryAt > before);
        QVERIFY2(row.errorMessage.contains(u"503"_s), qPrintable(row.errorMessage));
        QVERIFY2(!row.errorMessage.contains(u"retry"_s), qPrintable(row.errorMessage));
    }
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(flaky.body));
    QCOMPARE(m_server->requestCount(u"/flaky.bin"_s), 3);
}

void TestDownloadService::permanentErrorFailsAtOnceAndRetryRequeues()
{
    TestResource missing;
    missing.status = 404;
    m_server->setResource(u"/gone.bin"_s, missing);
    const QString id = addUrl(u"/gone.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, Timeout);
    Download failed = *m_service->download(id);
    QCOMPARE(failed.attempts, 1);
    QVERIFY2(failed.errorMessage.contains(u"404"_s), qPrintable(failed.errorMessage));
    QCOMPARE(m_service->stats().failed, 1);

    m_server->setResource(u"/gone.bin"_s, TestHttpServer::randomResource(2000, 9));
    const auto retried = m_service->retry(id);
    QVERIFY(retried.ok());
    QCOMPARE(retried->attempts, 0);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, Timeout);
    QCOMPARE(m_service->stats().failed, 0);
}

void TestDownloadService::globalPauseRequeuesRunningAndStartsNothing()
{
    m_server->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(2 * 1024 * 1024, 4, 1024 * 1024));
    m_server->setResource(u"/b.bin"_s, TestHttpServer::randomResource(1000, 2));
    const QString slow = addUrl(u"/slow.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(slow), u"downloading"_s, Timeout);

    m_service->pauseQueue();
    QVERIFY(m_service->isQueuePaused());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(slow), u"queued"_s, Timeout);
    const QString other = addUrl(u"/b.bin"_s);
    QTest::qWait(300);
    QCOMPARE(statusOf(other), u"queued"_s);
    QVERIFY(m_service->stats().paused);

    m_service->resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(slow), u"completed"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(other), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_service->download(slow)->targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(2 * 1024 * 1024, 4)));
}

void TestDownloadService::batchActionReportsEachId()
{
    m_service->pauseQueue();
    const QString a = addUrl(u"/a"_s);
    const QString b = addUrl(u"/b"_s);
    const auto result = m_service->apply({a, u"missing"_s, b}, DownloadAction::Pause);
    QVERIFY(result.ok());
    QCOMPARE(result->successful(), 2);
    QCOMPARE(result->failed(), 1);
    QCOMPARE(result->results.at(1).id, u"missing"_s);
    QCOMPARE(result->results.at(1).error->kind, ErrorKind::NotFound);
    QCOMPARE(statusOf(a), u"paused"_s);
    QCOMPARE(statusOf(b), u"paused"_s);
    QCOMPARE(m_service->stats().pausedDownloads, 2);

    QCOMPARE(m_service->apply({a}, DownloadAction::SetPriority).error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(m_service->apply({a}, DownloadAction::SetPriority, 9).error().kind, ErrorKind::InvalidArgument);
    const auto prioritised = m_service->apply({a, b}, DownloadAction::SetPriority, 0);
    QCOMPARE(prioritised->successful(), 2);
    QCOMPARE(m_service->download(b)->priority, 0);
}

void TestDownloadService::priorityOrderWithOneSlot()
{
    QVERIFY(m_service->setMaxConcurrentDownloads(1).ok());
    QCOMPARE(m_service->setMaxConcurrentDownloads(11).error().kind, ErrorKind::InvalidArgument);
    m_service->pauseQueue();
    for (const QString &name : {u"/p2"_s, u"/p1"_s, u"/p0"_s, u"/p0b"_s})
        m_server->setResource(name, TestHttpServer::randomResource(1000, 1));
    const QString p2 = addUrl(u"/p2"_s, 2);
    const QString p1 = addUrl(u"/p1"_s, 1);
    const QString p0 = addUrl(u"/p0"_s, 0);
    const QString p0b = addUrl(u"/p0b"_s, 0);
    m_service->resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(p2), u"completed"_s, Timeout);
    QStringList order;
    for (const auto &request : m_server->requests())
        order.append(request.path);
    QCOMPARE(order, (QStringList{u"/p0"_s, u"/p0b"_s, u"/p1"_s, u"/p2"_s}));
    Q_UNUSED(p1);
    Q_UNUSED(p0);
    Q_UNUSED(p0b);
}

void TestDownloadService::restartContinuesInterruptedDownload()
{
    const qint64 size = 3 * 1024 * 1024;
    m_server->setResource(u"/big.bin"_s, TestHttpServer::randomResource(size, 11, 1024 * 1024));
    const QString id = addUrl(u"/big.bin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 200000, Timeout);

    m_service->shutdown();
    QCOMPARE(statusOf(id), u"queued"_s);
    const qint64 kept = m_service->download(id)->bytesDownloaded;
    QVERIFY(kept > 0);
    m_service.reset();

    m_service = makeService();
    QVERIFY(m_service->start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_service->download(id)->targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(size, 11)));
    QCOMPARE(m_service->downloads(std::nullopt, 0, 10)->total, 1);
    QVERIFY(m_server->requests().last().rangeHeader.startsWith("bytes="));
}

void TestDownloadService::trackWithoutUrlExplainsWhatToSet()
{
    const auto added = m_service->addTracks({{u"Teardrop"_s, u"Massive Attack"_s, {}, {}, -1}});
    QVERIFY(added.ok());
    const QString id = added->first().id;
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, Timeout);
    QVERIFY2(m_service->download(id)->errorMessage.contains(u"SLSKD__URL"_s),
             qPrintable(m_service->download(id)->errorMessage));
}

void TestDownloadService::listingFiltersAndPages()
{
    m_service->pauseQueue();
    QStringList ids;
    for (int i = 0; i < 7; ++i)
        ids.append(addUrl(u"/x%1"_s.arg(i), i % 3));
    m_service->pause(ids.at(0));
    const auto page = m_service->downloads(std::nullopt, 2, 3);
    QVERIFY(page.ok());
    QCOMPARE(page->total, 7);
    QCOMPARE(page->items.size(), 3);
    const auto all = m_service->downloads(std::nullopt, 0, 100);
    for (qsizetype i = 1; i < all->items.size(); ++i)
        QVERIFY(all->items.at(i - 1).priority <= all->items.at(i).priority);
    QCOMPARE(m_service->downloads(DownloadStatus::Paused, 0, 10)->total, 1);
    QCOMPARE(m_service->downloads(DownloadStatus::Queued, 0, 10)->total, 6);
    QCOMPARE(m_service->downloads(std::nullopt, -1, 10).error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(m_service->downloads(std::nullopt, 0, 0).error().kind, ErrorKind::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestDownloadService)
#include "tst_downloadservice.moc"
