// SPDX-License-Identifier: GPL-3.0-or-later
// The whole queue's pause (issue #9): the user's pause survives a restart of the engine, and a
// download folder that cannot be written pauses the queue instead of failing every download, and
// the queue continues when it works again. A real SQLite file, real HTTP transfers from a server
// the test starts on 127.0.0.1, files checked by SHA-256.
#include "queue/transfercontext.h"
#include "queue/transferjob.h"
#include "service/downloadservice.h"
#include "sources/downloadsource.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 30000;

// A transfer whose network fails at the very moment the queue stops it (the link went down as the
// user paused the queue or quit): it waits for the stop, then reports the failure.
class FailsAtStopJob final : public TransferJob
{
public:
    TransferOutcome run(TransferContext &context) override
    {
        while (!context.isStopRequested())
            QThread::msleep(2);
        return TransferOutcome::failed(u"connection refused"_s, true);
    }
};

// Runs the downloads whose URL path starts with /fails-at-stop; added before the HTTP source.
class FailsAtStopSource final : public DownloadSource
{
public:
    QString name() const override { return u"fails-at-stop"_s; }
    bool accepts(const Track &track) const override
    {
        return QUrl(track.sourceUrl).path().startsWith(u"/fails-at-stop"_s);
    }
    std::unique_ptr<TransferJob> createJob(const TransferRequest &request) override
    {
        Q_UNUSED(request);
        return std::make_unique<FailsAtStopJob>();
    }
};

} // namespace

class TestQueuePause : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void userPauseSurvivesEngineRestart();
    void unwritableFolderPausesInsteadOfFailing_data();
    void unwritableFolderPausesInsteadOfFailing();
    void diskFullPausesAndResumeContinuesPartialFile();
    void anotherFolderContinues();
    void failureAtTheStopLeavesItQueued_data();
    void failureAtTheStopLeavesItQueued();

private:
    void startEngine(std::chrono::milliseconds recheck = std::chrono::milliseconds(100));
    void stopEngine();
    QStringList addFiles(int count);
    void verifyAllCompleted(const QStringList &ids);
    void verifyWaitingUntouched(const QStringList &ids);
    QString downloadDir() const { return m_dir->filePath(u"base/downloads"_s); }

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
void TestQueuePause::startEngine(std::chrono::milliseconds recheck)
{
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    ServiceOptions options;
    options.downloadDirectory = downloadDir();
    options.backoffBase = std::chrono::milliseconds(50);
    options.folderRecheckInterval = recheck;
    m_service = std::make_unique<DownloadService>(*m_database, options);
    m_service->addSource(std::make_unique<FailsAtStopSource>());
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

// Every download as it was before the folder broke: queued, no try counted, no error.
void TestQueuePause::verifyWaitingUntouched(const QStringList &ids)
{
    const QueueStats stats = m_service->stats();
    QCOMPARE(stats.failed, 0);
    QCOMPARE(stats.activeDownloads, 0);
    QCOMPARE(stats.queuedDownloads, qint64(ids.size()));
    for (const QString &id : ids)
    {
        const Download download = *m_service->download(id);
        QCOMPARE(toString(download.status), u"queued"_s);
        QCOMPARE(download.attempts, 0);
        QVERIFY2(download.errorMessage.isEmpty(), qPrintable(download.errorMessage));
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

void TestQueuePause::unwritableFolderPausesInsteadOfFailing_data()
{
    QTest::addColumn<bool>("readOnly");
    // Root writes anywhere, so this way of breaking it works for everyone: the folder's parent
    // becomes a regular file (as when a disk is unmounted and its mount point replaced).
    QTest::newRow("folder removed, a file in its way") << false;
    QTest::newRow("read-only folder (chmod 0500)") << true;
}

void TestQueuePause::unwritableFolderPausesInsteadOfFailing()
{
    QFETCH(bool, readOnly);
    if (readOnly && ::geteuid() == 0)
        QSKIP("root writes into a folder of mode 0500; the other row breaks the folder for root too");
    m_service->pauseQueue();
    QVERIFY(m_service->stats().pausedReason.isEmpty()); // a user's pause has no reason of ours
    const QStringList ids = addFiles(50);
    QCOMPARE(ids.size(), 50);
    const QString base = m_dir->filePath(u"base"_s);
    if (readOnly)
    {
        QVERIFY(QFile::setPermissions(downloadDir(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    }
    else
    {
        QVERIFY(QDir(base).removeRecursively());
        QFile blocker(base);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }

    QSignalSpy told(m_service.get(), &DownloadService::queuePausedForFolder);
    m_service->resumeQueue();
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->stats().pausedReason.isEmpty(), Timeout);
    QVERIFY(m_service->isQueuePaused());
    QVERIFY(m_service->stats().paused);
    const QString reason = m_service->stats().pausedReason;
    const QString osReason = readOnly ? u"Permission denied"_s : u"Not a directory"_s;
    QVERIFY2(reason.contains(QDir::toNativeSeparators(downloadDir())) && reason.contains(osReason),
             qPrintable(reason));
    // Checked again and again while it stays broken: still paused, nothing failed, said once.
    QTest::qWait(600);
    QCOMPARE(m_service->stats().activeDownloads, 0);
    QVERIFY(m_service->isQueuePaused());
    verifyWaitingUntouched(ids);
    QCOMPARE(told.size(), 1);
    QCOMPARE(told.first().at(0).toString(), downloadDir());

    // The folder works again: the queue continues by itself and every file arrives whole.
    if (readOnly)
        QVERIFY(QFile::setPermissions(downloadDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                         QFileDevice::ExeOwner));
    else
        QVERIFY(QFile::remove(base));
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->isQueuePaused(), Timeout);
    QVERIFY(m_service->stats().pausedReason.isEmpty());
    verifyAllCompleted(ids);
}

// A full disk (ENOSPC, here the partial file leads to /dev/full): the queue pauses naming the OS's
// reason; a resume by the user continues the download from its partial file.
void TestQueuePause::diskFullPausesAndResumeContinuesPartialFile()
{
    if (!QFile::exists(u"/dev/full"_s))
        QSKIP("no /dev/full on this system");
    stopEngine();
    startEngine(std::chrono::hours(1)); // only the user's resume continues in this test
    const qint64 size = 2 * 1024 * 1024;
    TestResource slow;
    slow.body = TestHttpServer::randomBody(size, 77);
    slow.bytesPerSecond = 1024 * 1024;
    m_server->setResource(u"/big.mp3"_s, slow);
    TrackInput input;
    input.sourceUrl = m_server->url(u"/big.mp3"_s).toString();
    const QString id = m_service->addTracks({input})->first().id;
    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 200000, Timeout);
    m_service->pauseQueue();
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_service->download(id)->status), u"queued"_s, Timeout);
    const QString partial = m_service->download(id)->targetPath + u".part"_s;
    const qint64 kept = QFileInfo(partial).size();
    QVERIFY(kept > 0);
    QVERIFY(QFile::rename(partial, partial + u".kept"_s));
    QVERIFY(QFile::link(u"/dev/full"_s, partial));

    m_service->resumeQueue();
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->stats().pausedReason.isEmpty(), Timeout);
    const QString reason = m_service->stats().pausedReason;
    QVERIFY2(reason.contains(QDir::toNativeSeparators(downloadDir())) &&
                 reason.contains(u"No space left on device"_s),
             qPrintable(reason));
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_service->download(id)->status), u"queued"_s, Timeout);
    QCOMPARE(m_service->download(id)->attempts, 0);
    QCOMPARE(m_service->stats().failed, 0);

    // Space again; the user resumes: the download continues from its partial file.
    QVERIFY(QFile::remove(partial));
    QVERIFY(QFile::rename(partial + u".kept"_s, partial));
    m_server->clearRequests();
    m_service->resumeQueue();
    QVERIFY(m_service->stats().pausedReason.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_service->download(id)->status), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_service->download(id)->targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(size, 77)));
    QVERIFY(!m_server->requests().isEmpty());
    QCOMPARE(m_server->requests().first().rangeHeader, "bytes=" + QByteArray::number(kept) + '-');
}

// The user picks another folder that works: the queue continues there at once.
void TestQueuePause::anotherFolderContinues()
{
    stopEngine();
    startEngine(std::chrono::hours(1));
    m_service->pauseQueue();
    const QStringList ids = addFiles(5);
    QVERIFY(QDir(m_dir->filePath(u"base"_s)).removeRecursively());
    QFile blocker(m_dir->filePath(u"base"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    m_service->resumeQueue();
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->stats().pausedReason.isEmpty(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->stats().activeDownloads, 0, Timeout); // the stopped ones return
    verifyWaitingUntouched(ids);

    const QString elsewhere = m_dir->filePath(u"elsewhere"_s);
    m_service->setDownloadDirectory(elsewhere);
    QVERIFY(!m_service->isQueuePaused());
    verifyAllCompleted(ids);
    for (const QString &id : ids)
        QCOMPARE(QFileInfo(m_service->download(id)->targetPath).absolutePath(),
                 QDir(elsewhere).absolutePath());
}

void TestQueuePause::failureAtTheStopLeavesItQueued_data()
{
    QTest::addColumn<bool>("quit");
    QTest::newRow("queue paused") << false;
    QTest::newRow("program quit") << true;
}

// A try that fails as the whole queue stops (its pause, or the program quitting) was stopped: the
// download waits in the queue as every other running one does, its try not counted, no error, and
// runs again with the queue. It was paused on its own with the failure's message, so it stayed
// behind when the queue resumed or the program started again.
void TestQueuePause::failureAtTheStopLeavesItQueued()
{
    QFETCH(bool, quit);
    TrackInput input;
    input.sourceUrl = m_server->url(u"/fails-at-stop.mp3"_s).toString();
    const Result<QList<Download>> added = m_service->addTracks({input});
    QVERIFY(added);
    const QString id = added->first().id;
    QTRY_COMPARE_WITH_TIMEOUT(m_service->stats().activeDownloads, 1, Timeout);

    if (quit)
    {
        stopEngine();
        // Started again, it claims the row when the quit left it queued; the pause then stops
        // that try as the first one stopped.
        startEngine();
    }
    m_service->pauseQueue();
    QTRY_COMPARE_WITH_TIMEOUT(m_service->stats().activeDownloads, 0, Timeout);
    const Download download = *m_service->download(id);
    QCOMPARE(toString(download.status), u"queued"_s);
    QCOMPARE(download.attempts, 0);
    QVERIFY2(download.errorMessage.isEmpty(), qPrintable(download.errorMessage));
}

QTEST_GUILESS_MAIN(TestQueuePause)
#include "tst_queuepause.moc"
