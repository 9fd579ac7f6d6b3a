// SPDX-License-Identifier: GPL-3.0-or-later
// Segmented HTTP downloads (issue #10, items 1 and 2): a large file fetched over several
// connections at once into the one partial file, the slowest segment split when another ends,
// fewer connections when the server refuses more (and more again later), one stream when it ignores ranges, a
// file that changes on the server started over, and a paused download continued from its stored map of done
// ranges without fetching a byte twice. Against a local server that throttles each connection.
#include "sources/byteranges.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "support/httpjobsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr qint64 mib = 1024 * 1024;
constexpr qint64 fileSize = 8 * mib;

// "bytes=FIRST-LAST" as [first, last + 1); nullopt for none.
std::optional<ByteRanges::Range> rangeOf(const QByteArray &header)
{
    if (!header.startsWith("bytes="))
        return std::nullopt;
    const QList<QByteArray> parts = header.mid(6).split('-');
    const qint64 first = parts.value(0).toLongLong();
    const qint64 last = parts.value(1).isEmpty() ? fileSize - 1 : parts.value(1).toLongLong();
    return ByteRanges::Range{first, last + 1};
}

} // namespace

class TestHttpSegments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void segmentsRunInParallelIntoOneFile();
    void slowestSegmentIsSplit();
    void serverIgnoringRangesGetsOneStream();
    void refusedConnectionsAreGivenUp();
    void refusedConnectionsAreTriedAgainLater();
    void changedFileStartsOver();
    void pausedDownloadContinuesEachSegment();
    void smallFileTakesOneStream();

private:
    // A stored download of `path` on the server; its id.
    QString insertDownload(const QString &path);
    // A request for the stored row `id` with up to `connections`, writing to the database like the
    // engine's.
    TransferRequest storedRequest(const QString &id, int connections);
    QStringList rangeHeaders() const;

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestHttpSegments::initTestCase()
{
    QThreadPool::globalInstance()->setMaxThreadCount(4);
}

void TestHttpSegments::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(u"music"_s)));
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
}

void TestHttpSegments::cleanup()
{
    m_database.reset();
    m_server.reset();
}

QString TestHttpSegments::insertDownload(const QString &path)
{
    return Test::insertHttpDownload(*m_database, m_server->url(path));
}

TransferRequest TestHttpSegments::storedRequest(const QString &id, int connections)
{
    TransferRequest request = Test::storedHttpRequest(*m_database, id, m_dir->filePath(u"music"_s));
    request.segments = SegmentLimits{connections, 4 * mib};
    return request;
}

QStringList TestHttpSegments::rangeHeaders() const
{
    QStringList headers;
    for (const TestHttpServer::RequestLog &request : m_server->requests())
        headers.append(QString::fromLatin1(request.rangeHeader));
    return headers;
}

// Four connections, each throttled by the server: four answers at once, each its own range, and
// the file right.
void TestHttpSegments::segmentsRunInParallelIntoOneFile()
{
    const TestResource resource = TestHttpServer::randomResource(fileSize, 11, int(2 * mib));
    m_server->setResource(u"/big.mp3"_s, resource);
    const QString id = insertDownload(u"/big.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 4));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    QCOMPARE(m_server->peakConcurrentAnswers(u"/big.mp3"_s), 4);
    const QList<TestHttpServer::RequestLog> requests = m_server->requests();
    QVERIFY2(requests.size() >= 4, qPrintable(rangeHeaders().join(u" | "_s)));
    QVERIFY(requests.constFirst().rangeHeader.isEmpty()); // the first answer tells the length
    for (qsizetype i = 1; i < requests.size(); ++i)
    {
        QVERIFY(rangeOf(requests.at(i).rangeHeader));
        QCOMPARE(requests.at(i).ifRangeHeader, '"' + TestHttpServer::sha256(resource.body).left(16) + '"');
    }
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files), QStringList{u"big.mp3"_s});
}

// The first connection crawls; once the other has fetched its half, the crawling one's remaining
// bytes are split and a new connection takes their second half.
void TestHttpSegments::slowestSegmentIsSplit()
{
    TestResource resource = TestHttpServer::randomResource(fileSize, 12, int(4 * mib));
    resource.firstAnswerBytesPerSecond = 256 * 1024;
    m_server->setResource(u"/uneven.mp3"_s, resource);
    const QString id = insertDownload(u"/uneven.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 2));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    bool splitFirstHalf = false;
    for (const QString &header : rangeHeaders())
    {
        const std::optional<ByteRanges::Range> range = rangeOf(header.toLatin1());
        splitFirstHalf = splitFirstHalf || (range && range->first > 0 && range->first < fileSize / 2);
    }
    QVERIFY2(splitFirstHalf, qPrintable(rangeHeaders().join(u" | "_s)));
    QCOMPARE(m_server->peakConcurrentAnswers(u"/uneven.mp3"_s), 2);
}

// A server that answers every range with the whole file: the first answer goes on alone.
void TestHttpSegments::serverIgnoringRangesGetsOneStream()
{
    TestResource resource = TestHttpServer::randomResource(fileSize, 13, int(4 * mib));
    resource.supportsRanges = false;
    m_server->setResource(u"/norange.mp3"_s, resource);
    const QString id = insertDownload(u"/norange.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 4));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    // The first answer and at most one try per extra connection, each dropped at its headers.
    QVERIFY2(m_server->requestCount(u"/norange.mp3"_s) <= 4, qPrintable(rangeHeaders().join(u" | "_s)));
}

// A server that serves two connections at a time and answers 503 to more: two it gets.
void TestHttpSegments::refusedConnectionsAreGivenUp()
{
    TestResource resource = TestHttpServer::randomResource(fileSize, 14, int(2 * mib));
    resource.maxConcurrentAnswers = 2;
    resource.failureStatus = 503;
    m_server->setResource(u"/busy.mp3"_s, resource);
    const QString id = insertDownload(u"/busy.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 6));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    QCOMPARE(m_server->peakConcurrentAnswers(u"/busy.mp3"_s), 2);
    // Refused ones are not asked again and again: the extra four once each, then the splits.
    QVERIFY2(m_server->requestCount(u"/busy.mp3"_s) < 16, qPrintable(rangeHeaders().join(u" | "_s)));
}

// A server busy at first: it refuses the extra connections, then takes more. One more connection
// is tried again after each rampUpDelay (doubled each time), so the download gets more than two.
void TestHttpSegments::refusedConnectionsAreTriedAgainLater()
{
    TestResource resource = TestHttpServer::randomResource(fileSize, 16, int(mib / 2));
    resource.maxConcurrentAnswers = 2;
    resource.busyRefusals = 4;
    resource.failureStatus = 503;
    m_server->setResource(u"/busy.mp3"_s, resource);
    const QString id = insertDownload(u"/busy.mp3"_s);

    HttpSourceOptions options;
    options.rampUpDelay = std::chrono::milliseconds(50);
    const std::unique_ptr<Test::JobRunner> runner = Test::startHttpJob(storedRequest(id, 6), options);
    QVERIFY(runner->wait(60000));
    const TransferOutcome outcome = runner->outcome();
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    // The server refused the extra connections at first (two it took, the others dropped within
    // the first reports), and later the download ran over more than two again.
    QVERIFY(m_server->requestCount(u"/busy.mp3"_s) > 6);
    const QList<int> reported = runner->reportedConnections();
    QVERIFY2(reported.size() > 6, qPrintable(QDebug::toString(reported)));
    const QList<int> later = reported.mid(3);
    QVERIFY2(*std::max_element(later.begin(), later.end()) > 2, qPrintable(QDebug::toString(reported)));
}

// The file changes on the server after two answers: the later connections' If-Range gets the new
// version, and the download starts over with it rather than mixing the two.
void TestHttpSegments::changedFileStartsOver()
{
    TestResource resource = TestHttpServer::randomResource(fileSize, 15, int(2 * mib));
    resource.changeAfterRequests = 2;
    resource.nextBody = TestHttpServer::randomBody(fileSize, 16);
    m_server->setResource(u"/changing.mp3"_s, resource);
    const QString id = insertDownload(u"/changing.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 4));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.nextBody));
    const std::optional<Download> row = DownloadRepository(*m_database).find(id);
    QCOMPARE(row->resumeValidator.toLatin1(), '"' + TestHttpServer::sha256(resource.nextBody).left(16) + '"');
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files), QStringList{u"changing.mp3"_s});
}

// Paused mid-way: the map of done ranges is stored, and the next try asks only for what it lacks.
void TestHttpSegments::pausedDownloadContinuesEachSegment()
{
    const TestResource resource = TestHttpServer::randomResource(fileSize, 17, int(mib));
    m_server->setResource(u"/paused.mp3"_s, resource);
    const QString id = insertDownload(u"/paused.mp3"_s);

    const auto runner = Test::startHttpJob(storedRequest(id, 4));
    QTRY_VERIFY_WITH_TIMEOUT(runner->lastProgressBytes() >= 3 * mib, 20000);
    runner->context().requestStop(StopReason::Paused);
    QVERIFY(runner->wait());
    VERIFY_OUTCOME(runner->outcome(), Stopped);
    const std::optional<Download> stopped = DownloadRepository(*m_database).find(id);
    const std::optional<ByteRanges::Parsed> map = ByteRanges::fromText(stopped->doneRanges);
    QVERIFY2(map, qPrintable(stopped->doneRanges));
    QCOMPARE(map->total, fileSize);
    QCOMPARE(map->done.bytes(), runner->outcome().bytesDownloaded);
    QVERIFY(map->done.ranges().size() >= 2); // several segments had begun
    QVERIFY(!map->done.covers(fileSize));

    m_server->clearRequests();
    const TransferOutcome second = Test::runHttpJob(storedRequest(id, 4));
    VERIFY_OUTCOME(second, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(second.filePath), TestHttpServer::sha256(resource.body));
    const QStringList headers = rangeHeaders();
    QVERIFY(!headers.isEmpty());
    for (const QString &header : headers)
    {
        const std::optional<ByteRanges::Range> asked = rangeOf(header.toLatin1());
        QVERIFY2(asked, qPrintable(headers.join(u" | "_s))); // never the whole file again
        for (const ByteRanges::Range &done : map->done.ranges())
            QVERIFY2(asked->end <= done.first || asked->first >= done.end,
                     qPrintable(
                         u"%1 asks again for done bytes %2-%3"_s.arg(header).arg(done.first).arg(done.end)));
    }
}

// Under the smallest size for segments, one connection as before.
void TestHttpSegments::smallFileTakesOneStream()
{
    const TestResource resource = TestHttpServer::randomResource(3 * mib, 18);
    m_server->setResource(u"/small.mp3"_s, resource);
    const QString id = insertDownload(u"/small.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(storedRequest(id, 8));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(resource.body));
    QCOMPARE(m_server->requestCount(u"/small.mp3"_s), 1);
    QVERIFY(DownloadRepository(*m_database).find(id)->doneRanges.isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpSegments)
#include "tst_httpsegments.moc"
