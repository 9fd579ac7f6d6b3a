// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/jobqueue.h"
#include "queue/transfercontext.h"
#include "sources/filenaming.h"
#include "sources/httpsource.h"
#include "support/httpjobsupport.h"
#include "support/jobrunner.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <csignal>
#include <memory>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace SoulSpot;
using SoulSpot::Test::JobRunner;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

class TestHttpSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void accepts();
    void plainDownload();
    void nameFromContentDisposition();
    void nameFromUrlPath();
    void nameFromTrack();
    void extensionFromContentType();
    void existingFileGetsNumber();
    void concurrentJobsGetDistinctFiles();
    void resumesWithRange();
    void serverIgnoringRangeRestarts();
    void completePartialFileFinishes();
    void renamedButUnrecordedFileIsAdopted();
    void otherFileUnderTargetNameIsKept();
    void serverError500IsRetriable();
    void status404IsPermanent();
    void status429IsRetriable();
    void connectionResetIsRetriable();
    void connectionRefusedIsRetriable();
    void truncatedBodyIsRetriableAndKeepsPartialFile();
    void stallIsRetriable();
    void redirectIsFollowed();
    void tooManyRedirectsFails();
    void stopWhileDownloading();
    void stopBeforeStart();
    void pathTraversalStaysInside_data();
    void pathTraversalStaysInside();
    void persistFailureIsPermanent();
    void diskFullIsTheFoldersProblem();
    void emptyBodyOfOtherFileCompletes();
    void unsupportedSchemeIsPermanent();
    void retryAfterIsReported_data();
    void retryAfterIsReported();
    void retryAfterSetsTheQueuesWait();
    void redirectToFileIsExplained();
    void folderThatCannotBeMadeIsTheFoldersProblem();
    void diskFillingUpIsTheFoldersProblem();
    void shortWriteGivesReason();

private:
    TransferRequest makeRequest(const QString &path, const QString &targetPath = {});
    static std::unique_ptr<JobRunner> start(TransferRequest request, const HttpSourceOptions &options = {});
    static TransferOutcome runToEnd(const TransferRequest &request, const HttpSourceOptions &options = {});

    TestHttpServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHttpSource::initTestCase()
{
    QVERIFY(m_server.start());
    QThreadPool::globalInstance()->setMaxThreadCount(4);
}

void TestHttpSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server.clearRequests();
}

TransferRequest TestHttpSource::makeRequest(const QString &path, const QString &targetPath)
{
    return Test::httpRequest(m_server.url(path), m_dir->path(), targetPath);
}

std::unique_ptr<JobRunner> TestHttpSource::start(TransferRequest request, const HttpSourceOptions &options)
{
    return Test::startHttpJob(std::move(request), options);
}

TransferOutcome TestHttpSource::runToEnd(const TransferRequest &request, const HttpSourceOptions &options)
{
    return Test::runHttpJob(request, options);
}

void TestHttpSource::accepts()
{
    HttpSource source;
    QCOMPARE(source.name(), u"http"_s);
    Track track;
    track.sourceUrl = u"https://example.org/a.mp3"_s;
    QVERIFY(source.accepts(track));
    track.sourceUrl = u"HTTP://example.org/a.mp3"_s;
    QVERIFY(source.accepts(track));
    track.sourceUrl = u"ftp://example.org/a.mp3"_s;
    QVERIFY(!source.accepts(track));
    track.sourceUrl = u"slsk://user/file.flac"_s;
    QVERIFY(!source.accepts(track));
    track.sourceUrl = QString();
    QVERIFY(!source.accepts(track));
    track.sourceUrl = u"http:///nohost"_s;
    QVERIFY(!source.accepts(track));
}

void TestHttpSource::plainDownload()
{
    const QByteArray body = TestHttpServer::randomBody(5 * 1024 * 1024 + 17, 1);
    TestResource resource;
    resource.body = body;
    m_server.setResource(u"/music/song.mp3"_s, resource);

    const auto runner = start(makeRequest(u"/music/song.mp3"_s));
    QVERIFY(runner->wait());
    const TransferOutcome outcome = runner->outcome();
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"song.mp3"_s));
    QCOMPARE(outcome.bytesDownloaded, body.size());
    QCOMPARE(outcome.totalBytes, body.size());
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(body));
    QVERIFY(!QFile::exists(outcome.filePath + u".part"_s));
    QCOMPARE(runner->persistedPaths(), QStringList{outcome.filePath});
    QCOMPARE(runner->reportedTargetPath(), outcome.filePath);
    QCOMPARE(runner->lastProgressBytes(), body.size());
    QCOMPARE(runner->lastProgressTotal(), body.size());
    QCOMPARE(m_server.requestCount(u"/music/song.mp3"_s), 1);
}

void TestHttpSource::nameFromContentDisposition()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(10000, 2);
    resource.contentDisposition =
        "attachment; filename=\"x.bin\"; filename*=UTF-8''Cool%20Song%20%E2%99%AB.flac";
    m_server.setResource(u"/get"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/get?id=7"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"Cool Song ♫.flac"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

void TestHttpSource::nameFromUrlPath()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(3000, 3);
    resource.contentType = "audio/mpeg"; // the name has an extension: none is added
    m_server.setResource(u"/music/Some%20Track.ogg"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/music/Some%20Track.ogg"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"Some Track.ogg"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

void TestHttpSource::nameFromTrack()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(3000, 4);
    resource.contentType = "audio/mpeg";
    m_server.setResource(u"/"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"Artist - Title.mp3"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

void TestHttpSource::extensionFromContentType()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(3000, 5);
    resource.contentType = "audio/flac; charset=binary";
    m_server.setResource(u"/stream"_s, resource);
    resource.contentType = "application/octet-stream"; // unknown: no extension invented
    m_server.setResource(u"/blob"_s, resource);

    TransferOutcome outcome = runToEnd(makeRequest(u"/stream"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"stream.flac"_s));
    outcome = runToEnd(makeRequest(u"/blob"_s));
    QCOMPARE(outcome.filePath, m_dir->filePath(u"blob"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

void TestHttpSource::existingFileGetsNumber()
{
    QFile existing(m_dir->filePath(u"song.mp3"_s));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();
    TestResource resource;
    resource.body = TestHttpServer::randomBody(4000, 6);
    m_server.setResource(u"/song.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/song.mp3"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"song (1).mp3"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    QCOMPARE(TestHttpServer::sha256OfFile(existing.fileName()), TestHttpServer::sha256("keep me"));
}

void TestHttpSource::concurrentJobsGetDistinctFiles()
{
    TestResource first;
    first.body = TestHttpServer::randomBody(300 * 1024, 7);
    first.contentDisposition = "attachment; filename=\"same.mp3\"";
    first.bytesPerSecond = 1024 * 1024; // slow enough that both run at once
    TestResource second = first;
    second.body = TestHttpServer::randomBody(300 * 1024, 8);
    m_server.setResource(u"/one"_s, first);
    m_server.setResource(u"/two"_s, second);

    const auto a = start(makeRequest(u"/one"_s));
    const auto b = start(makeRequest(u"/two"_s));
    QVERIFY(a->wait());
    QVERIFY(b->wait());
    VERIFY_OUTCOME(a->outcome(), Completed);
    VERIFY_OUTCOME(b->outcome(), Completed);
    QVERIFY(a->outcome().filePath != b->outcome().filePath);
    const QStringList names{QFileInfo(a->outcome().filePath).fileName(),
                            QFileInfo(b->outcome().filePath).fileName()};
    QVERIFY(names.contains(u"same.mp3"_s));
    QVERIFY(names.contains(u"same (1).mp3"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(a->outcome().filePath), TestHttpServer::sha256(first.body));
    QCOMPARE(TestHttpServer::sha256OfFile(b->outcome().filePath), TestHttpServer::sha256(second.body));
}

void TestHttpSource::resumesWithRange()
{
    const QByteArray body = TestHttpServer::randomBody(1024 * 1024, 9);
    TestResource resource;
    resource.body = body;
    resource.etag = "\"v1\"";
    m_server.setResource(u"/resume.mp3"_s, resource);
    const QString target = m_dir->filePath(u"resume.mp3"_s);
    QFile part(target + u".part"_s);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(body.left(300000));
    part.close();
    TransferRequest request = makeRequest(u"/resume.mp3"_s, target);
    request.download.resumeValidator = u"\"v1\""_s;
    request.download.resumeTotalBytes = body.size();

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, target);
    QCOMPARE(outcome.bytesDownloaded, body.size());
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
    const auto requests = m_server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().rangeHeader, QByteArray("bytes=300000-"));
    QCOMPARE(requests.first().ifRangeHeader, QByteArray("\"v1\""));
}

void TestHttpSource::serverIgnoringRangeRestarts()
{
    const QByteArray body = TestHttpServer::randomBody(600 * 1024, 10);
    TestResource resource;
    resource.body = body;
    resource.supportsRanges = false;
    resource.lastModified = "Wed, 25 Nov 2026 10:00:00 GMT";
    m_server.setResource(u"/norange.mp3"_s, resource);
    const QString target = m_dir->filePath(u"norange.mp3"_s);
    QFile part(target + u".part"_s);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(QByteArray(200000, 'z')); // not the start of the body: it must be thrown away
    part.close();
    TransferRequest request = makeRequest(u"/norange.mp3"_s, target);
    request.download.resumeValidator = QString::fromLatin1(resource.lastModified);

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
    QCOMPARE(m_server.requests().first().rangeHeader, QByteArray("bytes=200000-"));
}

void TestHttpSource::completePartialFileFinishes()
{
    const QByteArray body = TestHttpServer::randomBody(50000, 11);
    TestResource resource;
    resource.body = body;
    resource.etag = "\"done\"";
    m_server.setResource(u"/done.mp3"_s, resource);
    const QString target = m_dir->filePath(u"done.mp3"_s);
    QFile part(target + u".part"_s);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(body);
    part.close();
    TransferRequest request = makeRequest(u"/done.mp3"_s, target);
    request.download.resumeValidator = u"\"done\""_s;

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, target);
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
    QCOMPARE(m_server.requestCount(u"/done.mp3"_s), 1); // the 416 said it all
}

// A try renamed the finished file and the process died before the engine recorded it: the next
// try finds the final file and no partial one, and must not download it all again as "(1)".
void TestHttpSource::renamedButUnrecordedFileIsAdopted()
{
    const QByteArray body = TestHttpServer::randomBody(70000, 12);
    TestResource resource;
    resource.body = body;
    m_server.setResource(u"/renamed.mp3"_s, resource);
    const QString target = m_dir->filePath(u"renamed.mp3"_s);
    QFile final(target);
    QVERIFY(final.open(QIODevice::WriteOnly));
    final.write(body);
    final.close();

    const TransferOutcome outcome = runToEnd(makeRequest(u"/renamed.mp3"_s, target));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, target);
    QCOMPARE(outcome.bytesDownloaded, body.size());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{u"renamed.mp3"_s});
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
    QCOMPARE(m_server.requestCount(u"/renamed.mp3"_s), 1);
    QCOMPARE(m_server.requests().first().rangeHeader, QByteArray("bytes=70000-"));
}

// A shorter file under the target's name is not the download: it stays, and the download lands
// beside it under a free name.
void TestHttpSource::otherFileUnderTargetNameIsKept()
{
    const QByteArray body = TestHttpServer::randomBody(90000, 13);
    TestResource resource;
    resource.body = body;
    m_server.setResource(u"/other.mp3"_s, resource);
    const QString target = m_dir->filePath(u"other.mp3"_s);
    QFile other(target);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("someone else's file");
    other.close();

    const TransferOutcome outcome = runToEnd(makeRequest(u"/other.mp3"_s, target));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"other (1).mp3"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(body));
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256("someone else's file"));
    QVERIFY(!QFile::exists(target + u".part"_s));
}

void TestHttpSource::serverError500IsRetriable()
{
    TestResource resource;
    resource.body = "never";
    resource.failure = TestResource::Failure::Status;
    resource.failureStatus = 500;
    resource.failuresBeforeSuccess = 1000;
    m_server.setResource(u"/err.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/err.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QCOMPARE(outcome.error, u"HTTP 500 Internal Server Error"_s);
    QVERIFY(QDir(m_dir->path()).isEmpty()); // an error page is never saved
}

void TestHttpSource::status404IsPermanent()
{
    TestResource resource;
    resource.status = 404;
    m_server.setResource(u"/gone.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/gone.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error, u"HTTP 404 Not Found"_s);
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestHttpSource::status429IsRetriable()
{
    TestResource resource;
    resource.status = 429;
    m_server.setResource(u"/busy.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/busy.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
}

void TestHttpSource::connectionResetIsRetriable()
{
    TestResource resource;
    resource.body = "never";
    resource.failure = TestResource::Failure::ResetConnection;
    resource.failuresBeforeSuccess = 1000; // Qt resends once on its own; every try must fail
    m_server.setResource(u"/reset.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/reset.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QCOMPARE(outcome.error, u"connection closed or reset by the server"_s);
}

void TestHttpSource::connectionRefusedIsRetriable()
{
    TransferRequest request = makeRequest(u"/x.mp3"_s);
    request.download.sourceUrl = u"http://127.0.0.1:1/x.mp3"_s;

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QCOMPARE(outcome.error, u"connection refused"_s);
}

void TestHttpSource::truncatedBodyIsRetriableAndKeepsPartialFile()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(200000, 12);
    resource.failure = TestResource::Failure::TruncateBody;
    resource.failuresBeforeSuccess = 1000;
    m_server.setResource(u"/short.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/short.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QCOMPARE(outcome.error, u"truncated: got 100000 of 200000 bytes"_s);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"short.mp3.part"_s));
    QCOMPARE(outcome.bytesDownloaded, 100000);
    QCOMPARE(outcome.totalBytes, 200000);
    QCOMPARE(QFileInfo(outcome.filePath).size(), 100000);
    QVERIFY(!QFile::exists(m_dir->filePath(u"short.mp3"_s)));
}

void TestHttpSource::stallIsRetriable()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(100000, 13);
    resource.failure = TestResource::Failure::Stall;
    resource.stallAfterBytes = 1000;
    resource.failuresBeforeSuccess = 1000;
    m_server.setResource(u"/stall.mp3"_s, resource);
    HttpSourceOptions options;
    options.stallTimeout = 500ms;

    QElapsedTimer timer;
    timer.start();
    const TransferOutcome outcome = runToEnd(makeRequest(u"/stall.mp3"_s), options);
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QCOMPARE(outcome.error, u"stalled: no data for 0.5 s"_s);
    QCOMPARE(outcome.bytesDownloaded, 1000);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestHttpSource::redirectIsFollowed()
{
    TestResource target;
    target.body = TestHttpServer::randomBody(70000, 14);
    m_server.setResource(u"/files/final-name.mp3"_s, target);
    TestResource hop;
    hop.redirectTo = u"/files/final-name.mp3"_s;
    m_server.setResource(u"/short-link"_s, hop);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/short-link"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"final-name.mp3"_s)); // named after the final URL
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(target.body));
}

void TestHttpSource::tooManyRedirectsFails()
{
    TestResource loop;
    loop.redirectTo = u"/loop"_s;
    m_server.setResource(u"/loop"_s, loop);
    HttpSourceOptions options;
    options.maxRedirects = 3;

    const TransferOutcome outcome = runToEnd(makeRequest(u"/loop"_s), options);
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error, u"too many redirects (more than 3)"_s);
    // Qt follows redirects in its HTTP thread a little ahead of the reply's own count; bounded all the same.
    const int requests = m_server.requestCount(u"/loop"_s);
    QVERIFY2(requests >= 4 && requests <= 8, qPrintable(QString::number(requests)));
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestHttpSource::stopWhileDownloading()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(4 * 1024 * 1024, 15);
    resource.bytesPerSecond = 400 * 1024;
    m_server.setResource(u"/slow.mp3"_s, resource);

    const auto runner = start(makeRequest(u"/slow.mp3"_s));
    const QString part = m_dir->filePath(u"slow.mp3.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 50000, 10000);

    QElapsedTimer timer;
    timer.start();
    runner->context().requestStop(StopReason::Paused);
    const qint64 sizeAtStop = QFileInfo(part).size();
    QVERIFY(runner->wait(5000));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));

    const TransferOutcome outcome = runner->outcome();
    VERIFY_OUTCOME(outcome, Stopped);
    QCOMPARE(outcome.filePath, part);
    QCOMPARE(outcome.bytesDownloaded, sizeAtStop);
    QCOMPARE(outcome.totalBytes, resource.body.size());
    QTest::qWait(300);
    QCOMPARE(QFileInfo(part).size(), sizeAtStop); // nothing written after requestStop returned
    QVERIFY(!QFile::exists(m_dir->filePath(u"slow.mp3"_s)));
    QCOMPARE(TestHttpServer::sha256OfFile(part), TestHttpServer::sha256(resource.body.left(sizeAtStop)));
}

void TestHttpSource::stopBeforeStart()
{
    TestResource resource;
    resource.body = "abc";
    m_server.setResource(u"/early.mp3"_s, resource);
    TransferContext context(u"download-1"_s);
    context.requestStop(StopReason::Shutdown);
    const auto job = HttpSource().createJob(makeRequest(u"/early.mp3"_s));

    const TransferOutcome outcome = job->run(context); // in this thread: run() needs no pool
    VERIFY_OUTCOME(outcome, Stopped);
    QCOMPARE(m_server.requestCount(u"/early.mp3"_s), 0);
}

void TestHttpSource::pathTraversalStaysInside_data()
{
    QTest::addColumn<QByteArray>("disposition");
    QTest::addColumn<QString>("path");
    QTest::newRow("quoted") << QByteArray("attachment; filename=\"../../evil.mp3\"") << u"/dl"_s;
    QTest::newRow("rfc5987") << QByteArray("attachment; filename*=UTF-8''..%2F..%2Fevil.mp3") << u"/dl"_s;
    QTest::newRow("absolute") << QByteArray("attachment; filename=\"/tmp/evil.mp3\"") << u"/dl"_s;
    QTest::newRow("only dots") << QByteArray("attachment; filename=\"..\"") << u"/x/..%2F..%2Fevil.mp3"_s;
}

void TestHttpSource::pathTraversalStaysInside()
{
    QFETCH(QByteArray, disposition);
    QFETCH(QString, path);
    TestResource resource;
    resource.body = TestHttpServer::randomBody(5000, 16);
    resource.contentDisposition = disposition;
    m_server.setResource(path, resource);
    const QString downloads = m_dir->filePath(u"downloads"_s);
    TransferRequest request = makeRequest(path);
    request.downloadDirectory = downloads;

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Completed);
    QVERIFY2(FileNaming::isInside(downloads, outcome.filePath), qPrintable(outcome.filePath));
    QCOMPARE(QFileInfo(outcome.filePath).absolutePath(), QDir(downloads).absolutePath());
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

void TestHttpSource::persistFailureIsPermanent()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(5000, 17);
    m_server.setResource(u"/nodb.mp3"_s, resource);
    TransferRequest request = makeRequest(u"/nodb.mp3"_s);
    request.persistTargetPath = [](const QString &) { return false; };

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.bytesDownloaded, 0);
    QVERIFY(QDir(m_dir->path()).isEmpty()); // not a byte written, not even the claimed name
}

// A full disk is no download's failure: the outcome names the folder and the OS's reason, and the
// queue waits for the folder (issue #9).
void TestHttpSource::diskFullIsTheFoldersProblem()
{
    if (!QFile::exists(u"/dev/full"_s))
        QSKIP("needs /dev/full");
    TestResource resource;
    resource.body = TestHttpServer::randomBody(100000, 18);
    m_server.setResource(u"/full.mp3"_s, resource);
    // Every write to /dev/full fails with "no space left on device".
    const QString target = m_dir->filePath(u"full.mp3"_s);
    QVERIFY(QFile::link(u"/dev/full"_s, target + u".part"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot call seek on a sequential device"_s));

    const TransferOutcome outcome = runToEnd(makeRequest(u"/full.mp3"_s, target));
    VERIFY_OUTCOME(outcome, FolderUnusable);
    QCOMPARE(outcome.error, u"No space left on device"_s);
    QCOMPARE(outcome.folder, m_dir->path());
}

// Not a track and not named as audio: an empty answer is a file like any other.
void TestHttpSource::emptyBodyOfOtherFileCompletes()
{
    TestResource resource;
    m_server.setResource(u"/empty.txt"_s, resource);
    TransferRequest request = makeRequest(u"/empty.txt"_s);
    request.track = {};

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"empty.txt"_s));
    QCOMPARE(QFileInfo(outcome.filePath).size(), 0);
}

void TestHttpSource::unsupportedSchemeIsPermanent()
{
    TransferRequest request = makeRequest(u"/x"_s);
    request.download.sourceUrl = u"ftp://127.0.0.1/x.mp3"_s;

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QVERIFY(outcome.error.startsWith(u"unsupported URL"_s));
}

void TestHttpSource::retryAfterIsReported_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("minimumMs");
    QTest::addColumn<qint64>("maximumMs");

    const QByteArray inThirtySeconds =
        QLocale::c()
            .toString(QDateTime::currentDateTimeUtc().addSecs(30), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
            .toLatin1();
    QTest::newRow("503, seconds") << 503 << QByteArray("120") << qint64(120000) << qint64(120000);
    QTest::newRow("429, date") << 429 << inThirtySeconds << qint64(25000) << qint64(30000);
    QTest::newRow("a day: one hour") << 503 << QByteArray("86400") << qint64(3600000) << qint64(3600000);
    QTest::newRow("none: backoff") << 503 << QByteArray() << qint64(-1) << qint64(-1);
    QTest::newRow("unreadable: backoff") << 429 << QByteArray("soon") << qint64(-1) << qint64(-1);
    QTest::newRow("500 has none") << 500 << QByteArray("5") << qint64(-1) << qint64(-1);
}

void TestHttpSource::retryAfterIsReported()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, minimumMs);
    QFETCH(qint64, maximumMs);
    TestResource resource;
    resource.status = status;
    if (!retryAfter.isEmpty())
        resource.headers = {{"Retry-After", retryAfter}};
    m_server.setResource(u"/later.mp3"_s, resource);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/later.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QVERIFY2(outcome.retryAfterMs >= minimumMs && outcome.retryAfterMs <= maximumMs,
             qPrintable(QString::number(outcome.retryAfterMs)));
}

// The queue waits what the server asked for instead of its backoff, and counts it as one retry.
void TestHttpSource::retryAfterSetsTheQueuesWait()
{
    TestResource resource;
    resource.status = 503;
    resource.headers = {{"Retry-After", "7"}};
    m_server.setResource(u"/busy-later.mp3"_s, resource);
    const TransferRequest request = makeRequest(u"/busy-later.mp3"_s);
    JobQueue queue([&request](const QString &) { return HttpSource().createJob(request); });
    queue.setBackoffBase(10ms);
    QSignalSpy retries(&queue, &JobQueue::jobRetryScheduled);

    queue.enqueue(QueueEntry{u"download-1"_s, 1, 0, 0, 0, 3});
    QVERIFY(retries.wait(20000));
    QCOMPARE(retries.first().at(1).toInt(), 1);
    QCOMPARE(retries.first().at(2).toLongLong(), 7000);
    QVERIFY(queue.isWaitingForRetry(u"download-1"_s));
}

// Qt alone says "Unknown protocol specified".
void TestHttpSource::redirectToFileIsExplained()
{
    TestResource hop;
    hop.redirectTo = u"file:///etc/passwd"_s;
    m_server.setResource(u"/to-file"_s, hop);

    const TransferOutcome outcome = runToEnd(makeRequest(u"/to-file"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error,
             u"the server redirected to file:///etc/passwd, which is not an http or https address"_s);
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestHttpSource::folderThatCannotBeMadeIsTheFoldersProblem()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(5000, 19);
    m_server.setResource(u"/nowhere.mp3"_s, resource);
    QFile blocker(m_dir->filePath(u"plain-file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    TransferRequest request = makeRequest(u"/nowhere.mp3"_s);
    request.downloadDirectory = m_dir->filePath(u"plain-file/music"_s);

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, FolderUnusable);
    QCOMPARE(outcome.folder, request.downloadDirectory);
    QCOMPARE(outcome.error, u"Not a directory"_s);
}

// A disk that fills up in the middle of a write: the short write sets no error, the next tells
// why. Needs a small tmpfs (root); /dev/full above covers the first write failing.
void TestHttpSource::diskFillingUpIsTheFoldersProblem()
{
    const QString mountPoint = m_dir->filePath(u"small"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    if (QProcess::execute(u"mount"_s,
                          {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=96k"_s, u"tmpfs"_s, mountPoint}) != 0)
        QSKIP("cannot mount a small tmpfs here (needs root)");
    const auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, {mountPoint}); });
    TestResource resource;
    resource.body = TestHttpServer::randomBody(400000, 20);
    m_server.setResource(u"/big.mp3"_s, resource);
    TransferRequest request = makeRequest(u"/big.mp3"_s);
    request.downloadDirectory = mountPoint;

    const TransferOutcome outcome = runToEnd(request);
    VERIFY_OUTCOME(outcome, FolderUnusable);
    QCOMPARE(outcome.folder, mountPoint);
    QCOMPARE(outcome.error, u"No space left on device"_s);
}

// A write that the disk takes only in part returns a short count and sets no error; the reason
// comes with the next write. A file-size limit makes the same happen without root (EFBIG): a
// limit of this file, not of the folder (which passes its check), so it is this download's failure.
void TestHttpSource::shortWriteGivesReason()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(300000, 21);
    m_server.setResource(u"/limited.mp3"_s, resource);
    rlimit old{};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = old;
    limited.rlim_cur = 100001; // never a whole number of the 64 KiB pieces
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const auto restore = qScopeGuard([&] {
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
    });

    const TransferOutcome outcome = runToEnd(makeRequest(u"/limited.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error, u"cannot write %1: File too large"_s.arg(m_dir->filePath(u"limited.mp3.part"_s)));
    QCOMPARE(outcome.bytesDownloaded, 100001);
}

QTEST_GUILESS_MAIN(TestHttpSource)
#include "tst_httpsource.moc"
