// SPDX-License-Identifier: GPL-3.0-or-later
// The whole queue's pause (issue #9): the user's pause survives a restart of the engine. A real
// SQLite file, real HTTP transfers from a server the test starts on 127.0.0.1, files checked by
// SHA-256.
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 30000;

} // namespace

class TestQueuePause : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void userPauseSurvivesEngineRestart();

private:
    void startEngine();
    void stopEngine();
    QStringList addFiles(int count);
    void verifyAllCompleted(const QStringList &ids);
    QString downloadDir() const { return m_dir->filePath(u"downloads"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
};

void TestQueuePause::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    startEngine();
}

void TestQueuePause::cleanup()
{
    stopEngine();
    m_server.reset();
    m_dir.reset();
}

// A database and a service on the test's file, as the program opens them at each start.
void TestQueuePause::startEngine()
{
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    ServiceOptions options;
    options.downloadDirectory = downloadDir();
    options.backoffBase = std::chrono::milliseconds(50);
    m_service = std::make_unique<DownloadService>(*m_database, options);
    HttpSourceOptions http;
    http.stallTimeout = std::chrono::milliseconds(3000);
    m_service->addSource(std::make_unique<HttpSource>(http));
    QVERIFY(m_service->start().ok());
}

void TestQueuePause::stopEngine()
{
    m_service.reset();
    m_database.reset();
}

QStringList TestQueuePause::addFiles(int count)
{
    QList<TrackInput> inputs;
    for (int i = 0; i < count; ++i)
    {
        TestResource resource;
        resource.body = TestHttpServer::randomBody(100000 + i * 1000, 500 + i);
        m_server->setResource(u"/song%1.mp3"_s.arg(i), resource);
        TrackInput input;
        input.sourceUrl = m_server->url(u"/song%1.mp3"_s.arg(i)).toString();
        inputs.append(input);
    }
    const Result<QList<Download>> added = m_service->addTracks(inputs);
    QStringList ids;
    if (added)
    {
        for (const Download &download : *added)
            ids.append(download.id);
    }
    return ids;
}

void TestQueuePause::verifyAllCompleted(const QStringList &ids)
{
    QTRY_COMPARE_WITH_TIMEOUT(m_service->stats().completed, qint64(ids.size()), Timeout);
    for (qsizetype i = 0; i < ids.size(); ++i)
    {
        const Download download = *m_service->download(ids.at(i));
        QCOMPARE(download.attempts, 1);
        QCOMPARE(TestHttpServer::sha256OfFile(download.targetPath),
                 TestHttpServer::sha256(TestHttpServer::randomBody(100000 + i * 1000, 500 + int(i))));
    }
}

void TestQueuePause::userPauseSurvivesEngineRestart()
{
    m_service->pauseQueue();
    stopEngine();

    startEngine();
    QVERIFY(m_service->isQueuePaused());
    QVERIFY(m_service->stats().paused);
    // Nothing starts: a start would be reported at once (the row becomes downloading).
    const QStringList ids = addFiles(5);
    QCOMPARE(ids.size(), 5);
    QCOMPARE(m_service->stats().activeDownloads, 0);
    QCOMPARE(m_service->stats().queuedDownloads, 5);
    QCOMPARE(m_server->requests().size(), 0);

    // Still paused after a second restart, with downloads waiting.
    stopEngine();
    startEngine();
    QVERIFY(m_service->isQueuePaused());
    QCOMPARE(m_service->stats().activeDownloads, 0);

    QSignalSpy changed(m_service.get(), &DownloadService::queuePausedChanged);
    m_service->resumeQueue();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toBool(), false);
    verifyAllCompleted(ids);

    // The resume is kept too.
    stopEngine();
    startEngine();
    QVERIFY(!m_service->isQueuePaused());
}

QTEST_GUILESS_MAIN(TestQueuePause)
#include "tst_queuepause.moc"
