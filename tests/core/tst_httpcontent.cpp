// SPDX-License-Identifier: GPL-3.0-or-later
// What an HTTP transfer keeps: audio where audio was expected, never a web page, an empty answer
// or a compressed stream saved as the file (issue #12, items 10 and 11).
#include "support/httpjobsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

class TestHttpContent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void notAudioFailsWithoutRetry_data();
    void notAudioFailsWithoutRetry();
    void audioIsKept_data();
    void audioIsKept();
    void audioStartArrivingInPiecesIsKept();
    void resumedWebPageFails();
    void otherFilesAreNotChecked();
    void compressedAnswerIsDecoded_data();
    void compressedAnswerIsDecoded();
    void cutCompressedAnswerIsRetriable();
    void unknownEncodingFailsClearly();

private:
    TransferRequest request(const QString &path) const;
    QStringList files() const { return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden); }

    TestHttpServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHttpContent::initTestCase()
{
    QVERIFY(m_server.start());
    QThreadPool::globalInstance()->setMaxThreadCount(4);
}

void TestHttpContent::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

TransferRequest TestHttpContent::request(const QString &path) const
{
    return Test::httpRequest(m_server.url(path), m_dir->path());
}

void TestHttpContent::notAudioFailsWithoutRetry_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    const QString webPage = u"the server sent a web page, not audio"_s;
    const QString empty = u"the server sent an empty answer"_s;
    QTest::newRow("html") << 200 << QByteArray("text/html; charset=utf-8")
                          << QByteArray("<!DOCTYPE html><html><body>Log in</body></html>") << webPage;
    QTest::newRow("html named audio/mpeg")
        << 200 << QByteArray("audio/mpeg") << QByteArray("\n  <html><head><title>404</title></head></html>")
        << webPage;
    QTest::newRow("empty 200") << 200 << QByteArray("audio/mpeg") << QByteArray() << empty;
    QTest::newRow("204") << 204 << QByteArray() << QByteArray() << empty;
    QTest::newRow("json") << 200 << QByteArray("application/json") << QByteArray("{\"error\": \"quota\"}")
                          << u"the server sent something that is not audio (application/json)"_s;
    QTest::newRow("noise") << 200 << QByteArray("application/octet-stream")
                           << TestHttpServer::noiseBody(50000, 1)
                           << u"the server sent something that is not audio (application/octet-stream)"_s;
}

// A track named song.mp3: whatever comes instead of audio fails for good, and nothing stays.
void TestHttpContent::notAudioFailsWithoutRetry()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    TestResource resource;
    resource.status = status;
    resource.contentType = contentType;
    resource.body = body;
    m_server.setResource(u"/song.mp3"_s, resource);

    const TransferOutcome outcome = Test::runHttpJob(request(u"/song.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error, error);
    QCOMPARE(files(), QStringList());
}

void TestHttpContent::audioIsKept_data()
{
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("ID3") << QByteArray("ID3\x03\x00", 5);
    QTest::newRow("MPEG frame") << QByteArray("\xff\xfb\x90\x64", 4);
    QTest::newRow("FLAC") << QByteArray("fLaC");
    QTest::newRow("Ogg") << QByteArray("OggS");
    QTest::newRow("WAV") << QByteArray("RIFF\x24\x00\x00\x00WAVE", 12);
    QTest::newRow("M4A") << QByteArray("\x00\x00\x00\x20"
                                       "ftypM4A ",
                                       12);
}

void TestHttpContent::audioIsKept()
{
    QFETCH(QByteArray, start);
    TestResource resource;
    resource.body = start + TestHttpServer::noiseBody(30000, 2);
    resource.contentType = "audio/mpeg";
    m_server.setResource(u"/track.mp3"_s, resource);

    const TransferOutcome outcome = Test::runHttpJob(request(u"/track.mp3"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

// The check looks at the first bytes as they pass: a signature that arrives over several reads
// (6 bytes a tick of the server's throttle) is seen whole.
void TestHttpContent::audioStartArrivingInPiecesIsKept()
{
    TestResource resource;
    resource.body = QByteArray("RIFF\x24\x00\x00\x00WAVE", 12) + TestHttpServer::noiseBody(48, 3);
    resource.contentType = "audio/wav";
    resource.bytesPerSecond = 120;
    m_server.setResource(u"/slow.wav"_s, resource);

    const TransferOutcome outcome = Test::runHttpJob(request(u"/slow.wav"_s));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

// A try that continues a partial file never saw its first bytes: they are read from the file.
void TestHttpContent::resumedWebPageFails()
{
    TestResource resource;
    resource.body = "<!DOCTYPE html><html><body>" + QByteArray(4000, 'x') + "</body></html>";
    resource.contentType = "audio/mpeg";
    resource.etag = "\"page\"";
    m_server.setResource(u"/page.mp3"_s, resource);
    const QString target = m_dir->filePath(u"page.mp3"_s);
    QFile part(target + u".part"_s);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(resource.body.left(1000));
    part.close();
    TransferRequest resumed = Test::httpRequest(m_server.url(u"/page.mp3"_s), m_dir->path(), target);
    resumed.download.resumeValidator = u"\"page\""_s;
    resumed.download.resumeTotalBytes = resource.body.size();
    m_server.clearRequests();

    const TransferOutcome outcome = Test::runHttpJob(resumed);
    VERIFY_OUTCOME(outcome, Failed);
    QCOMPARE(outcome.error, u"the server sent a web page, not audio"_s);
    QCOMPARE(m_server.requests().constFirst().rangeHeader, QByteArray("bytes=1000-"));
    QCOMPARE(files(), QStringList());
}

// No track and no audio name: a PDF or a page is just a file.
void TestHttpContent::otherFilesAreNotChecked()
{
    TestResource resource;
    resource.body = "<!DOCTYPE html><html></html>";
    resource.contentType = "text/html";
    m_server.setResource(u"/booklet.html"_s, resource);
    TransferRequest plain = request(u"/booklet.html"_s);
    plain.track = {};

    const TransferOutcome outcome = Test::runHttpJob(plain);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
}

void TestHttpContent::compressedAnswerIsDecoded_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::newRow("gzip") << QByteArray("gzip");
    QTest::newRow("x-gzip") << QByteArray("x-gzip");
    QTest::newRow("deflate") << QByteArray("deflate");
}

// The server compresses although the request asked for identity: the file is the decoded one.
void TestHttpContent::compressedAnswerIsDecoded()
{
    QFETCH(QByteArray, encoding);
    const QByteArray body = TestHttpServer::randomBody(300000, 3) + QByteArray(200000, 'x');
    TestResource resource;
    // deflate in HTTP is the zlib format: qCompress() without its 4-byte length.
    resource.body = encoding == "deflate" ? qCompress(body).mid(4) : TestHttpServer::gzip(body);
    resource.headers = {{"Content-Encoding", encoding}};
    resource.etag = "\"packed\"";
    m_server.setResource(u"/packed.mp3"_s, resource);

    const auto runner = Test::startHttpJob(request(u"/packed.mp3"_s));
    QVERIFY(runner->wait());
    VERIFY_OUTCOME(runner->outcome(), Completed);
    QCOMPARE(runner->outcome().bytesDownloaded, body.size());
    QCOMPARE(TestHttpServer::sha256OfFile(runner->outcome().filePath), TestHttpServer::sha256(body));
    // Positions in a compressed stream are no positions in the file: nothing to resume with.
    QCOMPARE(runner->persistedResumeState().first, QString());
}

void TestHttpContent::cutCompressedAnswerIsRetriable()
{
    TestResource resource;
    resource.body = TestHttpServer::gzip(TestHttpServer::randomBody(200000, 4));
    resource.headers = {{"Content-Encoding", "gzip"}};
    resource.failure = TestResource::Failure::TruncateBody;
    resource.failuresBeforeSuccess = 1000;
    m_server.setResource(u"/cut.mp3"_s, resource);

    const TransferOutcome outcome = Test::runHttpJob(request(u"/cut.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(outcome.retriable);
    QVERIFY(!QFile::exists(m_dir->filePath(u"cut.mp3"_s)));
}

void TestHttpContent::unknownEncodingFailsClearly()
{
    TestResource resource;
    resource.body = "\x1b\x03\x00 not really brotli";
    resource.headers = {{"Content-Encoding", "br"}};
    m_server.setResource(u"/brotli.mp3"_s, resource);

    const TransferOutcome outcome = Test::runHttpJob(request(u"/brotli.mp3"_s));
    VERIFY_OUTCOME(outcome, Failed);
    QVERIFY(!outcome.retriable);
    QCOMPARE(outcome.error, u"the server sent the file compressed as \"br\", which cannot be undone"_s);
    QCOMPARE(files(), QStringList());
}

QTEST_GUILESS_MAIN(TestHttpContent)
#include "tst_httpcontent.moc"
