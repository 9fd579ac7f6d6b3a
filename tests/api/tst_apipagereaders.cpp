// SPDX-License-Identifier: GPL-3.0-or-later
// Pages of GET /api/downloads that are not cached are rendered by the PageReaders, threads of
// their own with their own database connections, while the main thread answers other requests.
// On each keep-alive connection the answers must still come in the order of the requests
// (pipelining), every page must be exactly the rows in the database (as the rows read whole on
// the main thread give them), a running download must show its live progress rather than the
// value last written to the database, and a client that leaves before its pages are ready must
// disturb nobody. A real SQLite file, the real server on 127.0.0.1, raw HTTP/1.1 clients.
#include "apitestsupport.h"

#include "api/jsonrender.h"
#include "api/pagecache.h"
#include "api/pagecursor.h"
#include "api/pagereaders.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Rows = 3000;

// Rows that never run (completed, failed, paused, cancelled), so that the one download a test
// starts is the only one that moves.
bool fillDatabase(const QSqlDatabase &db)
{
    const QString rows = QString::number(Rows);
    const QStringList statements = {
        numberedTracksSql(Rows),
        uR"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ROWS)
INSERT INTO downloads (id, track_id, status, priority, target_path, source_url, progress_percent, created_at,
                       updated_at, attempts, max_retries, bytes_downloaded, total_bytes, sequence, queue_position)
SELECT printf('00000000-0000-4000-8000-%012d', i), printf('track-%06d', i),
       CASE i % 4 WHEN 0 THEN 'completed' WHEN 1 THEN 'failed' WHEN 2 THEN 'paused' ELSE 'cancelled' END,
       i % 3, '/music/' || i || '.mp3', 'http://example.org/' || i || '.mp3', (i % 7) * 14.25,
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-12-05 09:00:00', '+' || (i / 3) || ' seconds'),
       '2026-12-05T10:00:00.250Z', i % 4, 3, i * 1000, i * 2000, i, i FROM n)"_s.replace(u"ROWS"_s, rows),
    };
    return execAll(db, statements);
}

struct RawAnswer
{
    int status = 0;
    QByteArray body;
};

// A client that sends all its requests at once on one connection (HTTP/1.1 pipelining) and
// reads the answers in the order they come.
class PipelinedClient
{
public:
    PipelinedClient(quint16 port, const QList<QByteArray> &targets)
        : m_expected(targets.size())
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { read(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QByteArray requests;
        for (const QByteArray &target : targets)
            requests +=
                "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n";
        m_socket.write(requests);
    }

    bool finished() const { return m_closed || answers.size() == m_expected; }
    QTcpSocket &socket() { return m_socket; }

    QList<RawAnswer> answers;

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        for (;;)
        {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = m_buffer.left(headEnd);
            const qsizetype lengthAt = head.indexOf("Content-Length: ");
            const qsizetype lineEnd = head.indexOf("\r\n", lengthAt);
            const qint64 length =
                lengthAt < 0 ? 0
                             : head.mid(lengthAt + 16, (lineEnd < 0 ? head.size() : lineEnd) - lengthAt - 16)
                                   .toLongLong();
            if (m_buffer.size() < headEnd + 4 + length)
                return;
            answers.append({statusOfRawAnswer(head), m_buffer.mid(headEnd + 4, length)});
            m_buffer.remove(0, headEnd + 4 + length);
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    qsizetype m_expected = 0;
    bool m_closed = false;
};

// One page asked for, and the body it must have.
struct AskedPage
{
    QByteArray target;
    QByteArray expected;
};

} // namespace

class TestApiPageReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void pipelinedAnswersComeInRequestOrder();
    void manyClientsGetTheirOwnDeepPages();
    void clientLeavingBeforeItsPagesDisturbsNobody();
    void pageBegunBeforeAChangeIsNotKept();
    void onlyTheReadersMapTheFile();
    // Last: it starts a download.
    void coldPageShowsLiveProgress();

private:
    // A page and what it must be: the rows read whole on this thread, then written.
    AskedPage page(std::optional<DownloadStatus> status, qint64 skip, qint64 limit, bool byCursor);
    QByteArray statusBody();
    static bool waitFor(const QList<PipelinedClient *> &clients);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_files;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
    std::unique_ptr<Api::ApiServer> m_api;
    quint16 m_port = 0;
};

void TestApiPageReaders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    m_files = std::make_unique<TestHttpServer>();
    QVERIFY(m_files->start());
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    QVERIFY(fillDatabase(m_database->connection()));
    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"downloads"_s);
    options.maxConcurrentDownloads = 1;
    // The progress of a running download stays in memory for the whole test: the database
    // keeps the value of its start.
    options.progressFlushInterval = std::chrono::hours(1);
    m_service = std::make_unique<DownloadService>(*m_database, options);
    m_service->addSource(std::make_unique<HttpSource>(HttpSourceOptions()));
    QVERIFY(m_service->start().ok());
    m_port = startApiOnFreePort(m_api, *m_service);
    QVERIFY(m_port != 0);
}

void TestApiPageReaders::cleanupTestCase()
{
    m_api.reset();
    m_service.reset();
    m_database.reset();
    m_files.reset();
}

AskedPage TestApiPageReaders::page(std::optional<DownloadStatus> status, qint64 skip, qint64 limit,
                                   bool byCursor)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(limit));
    if (status)
        query.addQueryItem(u"status"_s, toString(*status));
    PageStart start{skip, {}};
    if (byCursor && skip > 0)
    {
        const Result<Page<Download>> before = m_service->downloads(status, skip - 1, 1);
        if (!before || before->items.size() != 1)
            return {};
        start = PageStart{0, queuePositionOf(before->items.first())};
        query.addQueryItem(u"cursor"_s, Api::PageCursor::encode(*start.after));
    }
    else if (skip > 0)
    {
        query.addQueryItem(u"skip"_s, QString::number(skip));
    }
    const Result<Page<Download>> rows = start.after ? m_service->downloadsAfter(status, *start.after, limit)
                                                    : m_service->downloads(status, skip, limit);
    if (!rows)
        return {};
    const QString next =
        rows->items.size() < limit ? QString() : Api::PageCursor::encode(queuePositionOf(rows->items.last()));
    return {"/api/downloads?" + query.toString(QUrl::FullyEncoded).toUtf8(),
            Api::JsonRender::downloadPage(*rows, start.skip, limit, next)};
}

QByteArray TestApiPageReaders::statusBody()
{
    return json(Api::JsonRender::queueStats(m_service->stats()));
}

bool TestApiPageReaders::waitFor(const QList<PipelinedClient *> &clients)
{
    QElapsedTimer waited;
    waited.start();
    const auto allFinished = [&] {
        return std::all_of(clients.cbegin(), clients.cend(),
                           [](PipelinedClient *c) { return c->finished(); });
    };
    while (!allFinished() && waited.elapsed() < 30000)
        QTest::qWait(5);
    return allFinished();
}

void TestApiPageReaders::pipelinedAnswersComeInRequestOrder()
{
    // Cold pages (rendered elsewhere, later) between answers given at once: the status, a
    // refused query, the same page again (cached by then, or rendered again).
    const AskedPage first = page(std::nullopt, 1234, 50, false);
    const AskedPage second = page(std::nullopt, 2222, 40, true);
    const AskedPage third = page(DownloadStatus::Paused, 300, 25, false);
    QVERIFY(!first.expected.isEmpty() && !second.expected.isEmpty() && !third.expected.isEmpty());
    const QByteArray status = statusBody();
    PipelinedClient client(m_port, {first.target, "/api/downloads/status", "/api/downloads?limit=abc",
                                    second.target, first.target, third.target, "/api/downloads/status"});
    QVERIFY(waitFor({&client}));
    QCOMPARE(client.answers.size(), 7);
    QCOMPARE(client.answers[0].status, 200);
    QCOMPARE(client.answers[0].body, first.expected);
    QCOMPARE(client.answers[1].status, 200);
    QCOMPARE(client.answers[1].body, status);
    QCOMPARE(client.answers[2].status, 422);
    QCOMPARE(client.answers[3].body, second.expected);
    QCOMPARE(client.answers[4].body, first.expected);
    QCOMPARE(client.answers[5].body, third.expected);
    QCOMPARE(client.answers[6].body, status);
}

void TestApiPageReaders::manyClientsGetTheirOwnDeepPages()
{
    constexpr int Clients = 16;
    constexpr int PagesEach = 6;
    std::vector<std::unique_ptr<PipelinedClient>> clients;
    QList<QList<AskedPage>> asked;
    for (int c = 0; c < Clients; ++c)
    {
        QList<AskedPage> pages;
        QList<QByteArray> targets;
        for (int r = 0; r < PagesEach; ++r)
        {
            const std::optional<DownloadStatus> status =
                (c + r) % 3 == 0 ? std::optional(DownloadStatus::Failed) : std::nullopt;
            const qint64 rows = status ? Rows / 4 : Rows;
            const qint64 skip = (c * 173 + r * 389 + 1) % (rows - 10);
            pages.append(page(status, skip, 10 + (c * 7 + r) % 90, (c + r) % 2 == 0));
            QVERIFY(!pages.last().expected.isEmpty());
            targets.append(pages.last().target);
        }
        asked.append(pages);
        clients.push_back(std::make_unique<PipelinedClient>(m_port, targets));
    }
    QList<PipelinedClient *> all;
    for (const auto &client : clients)
        all.append(client.get());
    QVERIFY(waitFor(all));
    for (int c = 0; c < Clients; ++c)
    {
        QCOMPARE(clients[c]->answers.size(), PagesEach);
        for (int r = 0; r < PagesEach; ++r)
        {
            QCOMPARE(clients[c]->answers[r].status, 200);
            QCOMPARE(clients[c]->answers[r].body, asked[c][r].expected);
        }
    }
}

void TestApiPageReaders::clientLeavingBeforeItsPagesDisturbsNobody()
{
    // An answer written to a connection that is gone would warn (or worse).
    QTest::failOnWarning(QRegularExpression(u"QIODevice|QAbstractSocket|QTcpSocket"_s));
    QList<QByteArray> many;
    for (int r = 0; r < 40; ++r)
        many.append(page(std::nullopt, 100 + r * 61, 100, r % 2 == 0).target);
    auto leaving = std::make_unique<PipelinedClient>(m_port, many);
    QVERIFY(leaving->socket().waitForConnected(5000));
    QVERIFY(leaving->socket().waitForBytesWritten(5000));
    const AskedPage mine = page(std::nullopt, 2500, 100, true);
    const AskedPage other = page(DownloadStatus::Completed, 123, 77, false);
    PipelinedClient staying(m_port, {mine.target, other.target, mine.target});
    QTest::qWait(1); // the server reads the leaving client's requests and starts on them
    leaving->socket().abort();
    leaving.reset();
    QVERIFY(waitFor({&staying}));
    QCOMPARE(staying.answers.size(), 3);
    QCOMPARE(staying.answers[0].body, mine.expected);
    QCOMPARE(staying.answers[1].body, other.expected);
    QCOMPARE(staying.answers[2].body, mine.expected);
    // And the server goes on: a new client is answered after the leaving client's pages are done.
    const AskedPage later = page(std::nullopt, 2900, 100, false);
    PipelinedClient next(m_port, {later.target});
    QVERIFY(waitFor({&next}));
    QCOMPARE(next.answers.value(0).body, later.expected);
}

void TestApiPageReaders::pageBegunBeforeAChangeIsNotKept()
{
    Api::PageCache cache(*m_service);
    const quint64 begun = cache.generation();
    // A change (a paused download's priority) clears the cache while the page is being read.
    const Result<Page<Download>> paused = m_service->downloads(DownloadStatus::Paused, 0, 1);
    QVERIFY(paused && paused->items.size() == 1);
    const Download row = paused->items.first();
    QVERIFY(m_service->setPriority(row.id, row.priority == 0 ? 1 : 0).ok());
    QVERIFY(cache.generation() != begun);
    cache.insert("limit=1", "read before the change", begun);
    QVERIFY(cache.find("limit=1").isNull());
    cache.insert("limit=1", "read after it", cache.generation());
    QCOMPARE(cache.find("limit=1"), "read after it"_ba);
}

namespace {

// The calling thread's PRAGMA mmap_size (bytes of the file it may map), -1 when unreadable.
qint64 mappedBytes(const Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(u"PRAGMA mmap_size"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

void TestApiPageReaders::onlyTheReadersMapTheFile()
{
    // A reader thread reads its pages through a memory map; the service's thread does not, as the
    // mapped pages would count in the resident memory of the window over the whole list.
    Api::PageReaders readers(m_service->pageReader(), 1);
    std::optional<qint64> onReader;
    readers.run(
        [this] {
            Api::ApiResponse response;
            response.body = QByteArray::number(mappedBytes(*m_database));
            return response;
        },
        [&onReader](Api::ApiResponse response) { onReader = response.body.toLongLong(); });
    QTRY_VERIFY_WITH_TIMEOUT(onReader.has_value(), 10000);
    QVERIFY2(*onReader >= 64 * 1024 * 1024, qPrintable(QString::number(*onReader)));
    QCOMPARE(mappedBytes(*m_database), 0);
}

void TestApiPageReaders::coldPageShowsLiveProgress()
{
    // 4 MiB at 64 KiB/s: it runs for the whole test, and is cancelled at its end.
    m_files->setResource(u"/slow.bin"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 5, 64 * 1024));
    TrackInput track;
    track.title = u"Slow"_s;
    track.artist = u"Artist"_s;
    track.sourceUrl = m_files->url(u"/slow.bin"_s).toString();
    const Result<QList<Download>> added = m_service->addTracks({track}, 0);
    QVERIFY(added.ok());
    const QString id = added->first().id;

    QTRY_VERIFY_WITH_TIMEOUT(m_service->download(id)->bytesDownloaded > 64 * 1024, 20000);
    QVERIFY(m_service->download(id)->status == DownloadStatus::Downloading);
    // The database still holds the progress of the start.
    QSqlQuery stored(m_database->connection());
    QVERIFY(stored.exec(u"SELECT bytes_downloaded FROM downloads WHERE id = '%1'"_s.arg(id)));
    QVERIFY(stored.next());
    const qint64 storedBytes = stored.value(0).toLongLong();
    stored.finish();
    const qint64 seenBefore = m_service->download(id)->bytesDownloaded;
    QVERIFY(seenBefore > storedBytes);

    // Cold pages with the running row.
    PipelinedClient asking(
        m_port, {"/api/downloads?status=downloading&limit=7", "/api/downloads?status=downloading&limit=8"});
    QVERIFY(waitFor({&asking}));
    QCOMPARE(asking.answers.size(), 2);
    for (const RawAnswer &answer : std::as_const(asking.answers))
    {
        QCOMPARE(answer.status, 200);
        const QJsonArray items = QJsonDocument::fromJson(answer.body).object().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        const QJsonObject running = items.first().toObject();
        QCOMPARE(running.value(u"id"_s).toString(), id);
        QVERIFY2(
            running.value(u"bytes_downloaded"_s).toInteger() >= seenBefore,
            qPrintable(u"the page shows %1 bytes, the engine had %2 before it was asked, the database %3"_s
                           .arg(running.value(u"bytes_downloaded"_s).toInteger())
                           .arg(seenBefore)
                           .arg(storedBytes)));
    }
    QVERIFY(m_service->cancel(id).ok());
}

QTEST_GUILESS_MAIN(TestApiPageReaders)
#include "tst_apipagereaders.moc"
