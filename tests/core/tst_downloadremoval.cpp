// SPDX-License-Identifier: GPL-3.0-or-later
// Downloads leaving the list and the files they leave behind (issue 9 "Remove from the list",
// issue 12 item 14): a real SQLite file, real transfers from a server the test starts on
// 127.0.0.1, files checked on disk and by SHA-256.
#include "service/downloadservice.h"
#include "support/servicetestbed.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::ServiceTestBed;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 20000;

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

class TestDownloadRemoval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void removingARunningDownloadStopsItAndDeletesItsPartialFile();
    void removingAWaitingDownloadTakesItOutOfTheQueue();
    void cancelDeletesThePartialFileOfAPausedDownload();
    void failedKeepsItsPartialFileUntilCleared();
    void deleteFileRemovesOnlyTheFinishedFileAskedFor();
    void filesOutsideTheDownloadFolderAreNeverDeleted();
    void batchRemoveAnswersEachId();

private:
    QString addUrl(const QString &path) { return m_bed->addUrl(path); }
    QString statusOf(const QString &id) const { return m_bed->statusOf(id); }
    QStringList filesInDownloadDir() const
    {
        return QDir(m_bed->downloadDir()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }
    // What someone with write access to the database could do to a row.
    void setTargetPath(const QString &id, const QString &path) const;

    std::unique_ptr<ServiceTestBed> m_bed;
    DownloadService *m_service = nullptr;
    TestHttpServer *m_server = nullptr;
};

void TestDownloadRemoval::init()
{
    m_bed = std::make_unique<ServiceTestBed>();
    QVERIFY(m_bed->isReady());
    m_service = &m_bed->service();
    m_server = &m_bed->server();
}

void TestDownloadRemoval::cleanup()
{
    m_bed.reset();
}

void TestDownloadRemoval::setTargetPath(const QString &id, const QString &path) const
{
    QSqlQuery query(m_bed->database().connection());
    QVERIFY(query.prepare(u"UPDATE downloads SET target_path = ? WHERE id = ?"_s));
    query.addBindValue(path);
    query.addBindValue(id);
    QVERIFY(query.exec());
    QCOMPARE(query.numRowsAffected(), 1);
}

void TestDownloadRemoval::removingARunningDownloadStopsItAndDeletesItsPartialFile()
{
    m_server->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 3, 512 * 1024));
    m_server->setResource(u"/other.bin"_s, TestHttpServer::randomResource(1000, 4));
    const QString id = addUrl(u"/slow.bin"_s);
    const QString other = addUrl(u"/other.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(other), u"completed"_s, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 50000, Timeout);
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial));
    QSignalSpy removed(m_service, &DownloadService::downloadsRemoved);
    QSignalSpy idle(m_service, &DownloadService::idle);

    const Result<Download> done = m_service->remove(id);
    QVERIFY(done.ok());
    QCOMPARE(done->id, id);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toStringList(), QStringList{id});
    QCOMPARE(m_service->download(id).error().kind, ErrorKind::NotFound);
    QCOMPARE(m_service->remove(id).error().kind, ErrorKind::NotFound);
    const QueueStats stats = m_service->stats();
    QCOMPARE(stats.totalJobs, 1);
    QCOMPARE(stats.activeDownloads, 0);
    QCOMPARE(stats.completed, 1);
    QCOMPARE(m_service->downloads(std::nullopt, 0, 10)->total, 1);

    // Once its job has returned, nothing of it is left; the other download's file stays.
    QTRY_VERIFY_WITH_TIMEOUT(idle.size() > 0, Timeout);
    QVERIFY(!QFile::exists(partial));
    QCOMPARE(filesInDownloadDir(), QStringList{QFileInfo(m_service->download(other)->targetPath).fileName()});
    QCOMPARE(m_service->downloads(std::nullopt, 0, 10)->items.size(), 1);
}

void TestDownloadRemoval::removingAWaitingDownloadTakesItOutOfTheQueue()
{
    m_service->pauseQueue();
    m_server->setResource(u"/a.bin"_s, TestHttpServer::randomResource(1000, 1));
    const QString id = addUrl(u"/a.bin"_s);
    QCOMPARE(m_service->stats().queuedDownloads, 1);
    QVERIFY(m_service->remove(id).ok());
    QCOMPARE(m_service->stats().queuedDownloads, 0);
    QVERIFY(!m_service->hasPendingWork());
    m_service->resumeQueue();
    QVERIFY(m_service->setMaxConcurrentDownloads(1).ok());
    const QString next = addUrl(u"/a.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(next), u"completed"_s, Timeout);
    QCOMPARE(m_server->requestCount(u"/a.bin"_s), 1); // the removed one never ran
}

void TestDownloadRemoval::cancelDeletesThePartialFileOfAPausedDownload()
{
    m_server->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 5, 512 * 1024));
    const QString id = addUrl(u"/slow.bin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 50000, Timeout);
    QVERIFY(m_service->pause(id).ok());
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial));
    QVERIFY(m_service->cancel(id).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(partial), Timeout);
    QCOMPARE(statusOf(id), u"cancelled"_s);
}

void TestDownloadRemoval::failedKeepsItsPartialFileUntilCleared()
{
    // Every answer breaks off halfway: the retries resume from the partial file, then give up.
    TestResource broken = TestHttpServer::randomResource(400000, 6);
    broken.failuresBeforeSuccess = 1000;
    broken.failure = TestResource::Failure::TruncateBody;
    m_server->setResource(u"/broken.bin"_s, broken);
    const QString id = addUrl(u"/broken.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, Timeout);
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial)); // a retry may still use it
    const qint64 size = QFileInfo(partial).size();
    QVERIFY(size > 0);
    // A cancelled download's partial file is gone already; only the failed one's is cleared.
    writeFile(m_bed->path(u"downloads/stranger.mp3.part"_s), "not known to the database");

    const Result<FreedSpace> freed = m_service->clearPartialFiles();
    QVERIFY(freed.ok());
    QCOMPARE(freed->files, 1);
    QCOMPARE(freed->bytes, size);
    QVERIFY(!QFile::exists(partial));
    QVERIFY(QFile::exists(m_bed->path(u"downloads/stranger.mp3.part"_s)));
    QCOMPARE(statusOf(id), u"failed"_s);
    QCOMPARE(m_service->clearPartialFiles()->files, 0);
}

void TestDownloadRemoval::deleteFileRemovesOnlyTheFinishedFileAskedFor()
{
    const QString keep = m_bed->addCompleted(u"/keep.mp3"_s, 30000, 7);
    const QString drop = m_bed->addCompleted(u"/drop.mp3"_s, 30000, 8);
    QCOMPARE(statusOf(keep), u"completed"_s);
    QCOMPARE(statusOf(drop), u"completed"_s);
    const QString kept = m_service->download(keep)->targetPath;
    const QString dropped = m_service->download(drop)->targetPath;

    QVERIFY(m_service->remove(keep).ok());
    QVERIFY(m_service->remove(drop, true).ok());
    QCOMPARE(TestHttpServer::sha256OfFile(kept),
             TestHttpServer::sha256(TestHttpServer::randomBody(30000, 7)));
    QVERIFY(!QFile::exists(dropped));
    QCOMPARE(m_service->stats().completed, 0);
    QCOMPARE(m_service->stats().totalJobs, 0);
}

void TestDownloadRemoval::filesOutsideTheDownloadFolderAreNeverDeleted()
{
    const QString a = m_bed->addCompleted(u"/a.mp3"_s, 20000, 9);
    const QString b = m_bed->addCompleted(u"/b.mp3"_s, 20000, 10);
    QCOMPARE(statusOf(b), u"completed"_s);
    QVERIFY(QDir().mkpath(m_bed->path(u"elsewhere"_s)));
    const QString victim = m_bed->path(u"elsewhere/victim.mp3"_s);
    const QString victimPart = m_bed->path(u"elsewhere/victim2.mp3.part"_s);
    writeFile(victim, "precious");
    writeFile(victimPart, "precious too");
    // A link inside the download folder that leads outside it.
    QVERIFY(QFile::link(m_bed->path(u"elsewhere"_s), m_bed->path(u"downloads/link"_s)));

    setTargetPath(a, m_bed->path(u"downloads/../elsewhere/victim.mp3"_s));
    setTargetPath(b, m_bed->path(u"downloads/link/victim.mp3"_s));
    QVERIFY(m_service->remove(a, true).ok());
    QVERIFY(m_service->remove(b, true).ok());
    QCOMPARE(TestHttpServer::sha256OfFile(victim), TestHttpServer::sha256("precious"));

    // A failed download's partial file, the same way.
    TestResource missing;
    missing.status = 404;
    m_server->setResource(u"/gone.mp3"_s, missing);
    const QString failed = addUrl(u"/gone.mp3"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(failed), u"failed"_s, Timeout);
    setTargetPath(failed, m_bed->path(u"downloads/link/victim2.mp3"_s));
    QCOMPARE(m_service->clearPartialFiles()->files, 0);
    QCOMPARE(TestHttpServer::sha256OfFile(victimPart), TestHttpServer::sha256("precious too"));
    QVERIFY(m_service->remove(failed).ok());
    QVERIFY(QFile::exists(victimPart));
}

void TestDownloadRemoval::batchRemoveAnswersEachId()
{
    m_service->pauseQueue();
    const QString a = addUrl(u"/a"_s);
    const QString b = addUrl(u"/b"_s);
    QVERIFY(m_service->cancel(b).ok());
    QSignalSpy removed(m_service, &DownloadService::downloadsRemoved);
    const Result<BatchActionResult> done = m_service->apply({a, u"missing"_s, b}, DownloadAction::Remove);
    QVERIFY(done.ok());
    QCOMPARE(done->successful(), 2);
    QCOMPARE(done->results.at(1).error->kind, ErrorKind::NotFound);
    QCOMPARE(removed.size(), 1); // one signal for the batch
    QCOMPARE(removed.first().first().toStringList(), (QStringList{a, b}));
    const QueueStats stats = m_service->stats();
    QCOMPARE(stats.totalJobs, 0);
    QCOMPARE(stats.queuedDownloads + stats.cancelled, 0);
}

QTEST_GUILESS_MAIN(TestDownloadRemoval)
#include "tst_downloadremoval.moc"
