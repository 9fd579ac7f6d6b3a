// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testhttpserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

struct RawResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

// Sends one request on `socket` and reads one response (headers, then Content-Length bytes).
// Blocking is fine here: the server answers from its own thread.
RawResponse exchange(QTcpSocket &socket, const QByteArray &requestHead, bool head = false)
{
    socket.write(requestHead + "\r\n");
    QByteArray data;
    while (!data.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        data += socket.readAll();
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    RawResponse response;
    if (headEnd < 0)
        return response;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    response.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1))
    {
        const qsizetype colon = line.indexOf(':');
        response.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qint64 length = head ? 0 : response.headers.value("content-length").toLongLong();
    response.body = data.mid(headEnd + 4);
    while (response.body.size() < length && socket.waitForReadyRead(5000))
        response.body += socket.readAll();
    return response;
}

} // namespace

// The test server itself: other suites rely on it behaving like a real HTTP/1.1 server.
class TestTestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keepAliveRangesAndHead();
    void scriptedFailuresThenSuccess();
    void redirect();
    void throttle();
    void requestLog();
    void randomBodyIsDeterministic();
    void validatorsAndIfRange();
    void fileThatChanges();
    void extraHeadersAndNoContent();
    void gzipIsRealGzip();

private:
    TestHttpServer m_server;
    QByteArray m_body = TestHttpServer::randomBody(100, 42);
};

void TestTestHttpServer::initTestCase()
{
    QVERIFY(m_server.start());
    QVERIFY(m_server.port() != 0);
    QCOMPARE(m_server.url(u"/a b"_s).toEncoded(),
             u"http://127.0.0.1:%1/a%20b"_s.arg(m_server.port()).toUtf8());
    TestResource resource;
    resource.body = m_body;
    m_server.setResource(u"r"_s, resource); // the leading slash is optional
}

void TestTestHttpServer::keepAliveRangesAndHead()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));

    RawResponse response = exchange(socket, "GET /r HTTP/1.1\r\nHost: t\r\nRange: bytes=10-19\r\n");
    QCOMPARE(response.status, 206);
    QCOMPARE(response.headers.value("content-range"), QByteArray("bytes 10-19/100"));
    QCOMPARE(response.body, m_body.mid(10, 10));

    response = exchange(socket, "HEAD /r HTTP/1.1\r\nHost: t\r\n", true);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("content-length"), QByteArray("100"));
    QVERIFY(response.body.isEmpty());

    response = exchange(socket, "GET /r HTTP/1.1\r\nHost: t\r\nRange: bytes=90-\r\n");
    QCOMPARE(response.status, 206);
    QCOMPARE(response.headers.value("content-range"), QByteArray("bytes 90-99/100"));
    QCOMPARE(response.body, m_body.mid(90));

    response = exchange(socket, "GET /r HTTP/1.1\r\nHost: t\r\nRange: bytes=100-\r\n");
    QCOMPARE(response.status, 416);
    QCOMPARE(response.headers.value("content-range"), QByteArray("bytes */100"));

    response = exchange(socket, "GET /nothing HTTP/1.1\r\nHost: t\r\n");
    QCOMPARE(response.status, 404);

    response = exchange(socket, "GET /r?x=1 HTTP/1.1\r\nHost: t\r\n");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, m_body);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // all on one connection
}

void TestTestHttpServer::scriptedFailuresThenSuccess()
{
    TestResource resource;
    resource.body = "ok";
    resource.failure = TestResource::Failure::Status;
    resource.failureStatus = 503;
    resource.failuresBeforeSuccess = 2;
    m_server.setResource(u"/flaky"_s, resource);

    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    QCOMPARE(exchange(socket, "GET /flaky HTTP/1.1\r\n").status, 503);
    QCOMPARE(exchange(socket, "GET /flaky HTTP/1.1\r\n").status, 503);
    const RawResponse response = exchange(socket, "GET /flaky HTTP/1.1\r\n");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("ok"));
}

void TestTestHttpServer::redirect()
{
    TestResource resource;
    resource.redirectTo = u"/r"_s;
    m_server.setResource(u"/old"_s, resource);

    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    const RawResponse response = exchange(socket, "GET /old HTTP/1.1\r\n");
    QCOMPARE(response.status, 302);
    QCOMPARE(response.headers.value("location"), QByteArray("/r"));
}

void TestTestHttpServer::throttle()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(20000, 3);
    resource.bytesPerSecond = 40000;
    m_server.setResource(u"/slow"_s, resource);

    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    QElapsedTimer timer;
    timer.start();
    const RawResponse response = exchange(socket, "GET /slow HTTP/1.1\r\n");
    QCOMPARE(response.body, resource.body);
    QVERIFY2(timer.elapsed() >= 350, qPrintable(QString::number(timer.elapsed())));
}

void TestTestHttpServer::requestLog()
{
    m_server.clearRequests();
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    exchange(socket, "GET /r HTTP/1.1\r\nrange: bytes=5-\r\n");
    const auto requests = m_server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().path, u"/r"_s);
    QCOMPARE(requests.first().rangeHeader, QByteArray("bytes=5-"));
    QCOMPARE(m_server.requestCount(u"r"_s), 1);
}

void TestTestHttpServer::randomBodyIsDeterministic()
{
    QCOMPARE(TestHttpServer::randomBody(1001, 7), TestHttpServer::randomBody(1001, 7));
    QVERIFY(TestHttpServer::randomBody(1001, 7) != TestHttpServer::randomBody(1001, 8));
    QCOMPARE(TestHttpServer::randomBody(1001, 7).size(), 1001);
    QVERIFY(TestHttpServer::randomBody(1001, 7).startsWith("ID3"));
    QCOMPARE(TestHttpServer::randomBody(2, 7), QByteArray("ID"));
    QCOMPARE(TestHttpServer::noiseBody(1001, 7).mid(10), TestHttpServer::randomBody(1001, 7).mid(10));
    QCOMPARE(TestHttpServer::sha256("abc"),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestTestHttpServer::validatorsAndIfRange()
{
    TestResource resource;
    resource.body = m_body;
    resource.lastModified = "Mon, 23 Nov 2026 10:00:00 GMT";
    m_server.setResource(u"/v"_s, resource);
    resource.honoursIfRange = false;
    resource.derivedEtag = false;
    m_server.setResource(u"/careless"_s, resource);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));

    const RawResponse plain = exchange(socket, "GET /v HTTP/1.1\r\n");
    const QByteArray etag = plain.headers.value("etag");
    QVERIFY2(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 2, etag.constData());
    QCOMPARE(plain.headers.value("last-modified"), resource.lastModified);
    QCOMPARE(exchange(socket, "GET /v HTTP/1.1\r\nRange: bytes=10-\r\nIf-Range: " + etag + "\r\n").status,
             206);
    QCOMPARE(
        exchange(socket, "GET /v HTTP/1.1\r\nRange: bytes=10-\r\nIf-Range: " + resource.lastModified + "\r\n")
            .status,
        206);
    const RawResponse changed =
        exchange(socket, "GET /v HTTP/1.1\r\nRange: bytes=10-\r\nIf-Range: \"old\"\r\n");
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.body, m_body);
    const RawResponse careless =
        exchange(socket, "GET /careless HTTP/1.1\r\nRange: bytes=10-\r\nIf-Range: \"old\"\r\n");
    QCOMPARE(careless.status, 206);
    QVERIFY(!careless.headers.contains("etag"));
    QCOMPARE(m_server.requests().constLast().ifRangeHeader, QByteArray("\"old\""));
}

void TestTestHttpServer::fileThatChanges()
{
    TestResource resource;
    resource.body = "first";
    resource.etag = "\"1\"";
    resource.changeAfterRequests = 2;
    resource.nextBody = "second";
    resource.nextEtag = "\"2\"";
    m_server.setResource(u"/changes"_s, resource);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    QCOMPARE(exchange(socket, "GET /changes HTTP/1.1\r\n").body, QByteArray("first"));
    QCOMPARE(exchange(socket, "GET /changes HTTP/1.1\r\n").body, QByteArray("first"));
    const RawResponse third = exchange(socket, "GET /changes HTTP/1.1\r\n");
    QCOMPARE(third.body, QByteArray("second"));
    QCOMPARE(third.headers.value("etag"), QByteArray("\"2\""));
}

void TestTestHttpServer::extraHeadersAndNoContent()
{
    TestResource busy;
    busy.status = 503;
    busy.headers = {{"Retry-After", "30"}};
    m_server.setResource(u"/busy"_s, busy);
    TestResource nothing;
    nothing.status = 204;
    m_server.setResource(u"/nothing"_s, nothing);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    const RawResponse unavailable = exchange(socket, "GET /busy HTTP/1.1\r\n");
    QCOMPARE(unavailable.status, 503);
    QCOMPARE(unavailable.headers.value("retry-after"), QByteArray("30"));
    const RawResponse empty = exchange(socket, "GET /nothing HTTP/1.1\r\n");
    QCOMPARE(empty.status, 204);
    QCOMPARE(empty.body, QByteArray());
}

void TestTestHttpServer::gzipIsRealGzip()
{
    const QByteArray data = TestHttpServer::randomBody(5000, 3) + QByteArray(5000, 'a');
    const QByteArray packed = TestHttpServer::gzip(data);
    QVERIFY(packed.startsWith("\x1f\x8b\x08"));
    QVERIFY(packed.size() < data.size());
    if (QStandardPaths::findExecutable(u"gzip"_s).isEmpty())
        QSKIP("needs gzip to check the stream");
    QProcess gunzip;
    gunzip.start(u"gzip"_s, {u"-dc"_s});
    QVERIFY(gunzip.waitForStarted());
    gunzip.write(packed);
    gunzip.closeWriteChannel();
    QVERIFY(gunzip.waitForFinished(10000));
    QCOMPARE(gunzip.exitCode(), 0);
    QCOMPARE(gunzip.readAllStandardOutput(), data);
}

QTEST_GUILESS_MAIN(TestTestHttpServer)
#include "tst_testhttpserver.moc"
