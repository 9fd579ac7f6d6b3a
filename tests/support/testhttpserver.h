// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace SoulSpot::Test {

// How the test server answers one path. Scripted failures come first: `failuresBeforeSuccess`
// requests are answered with `failure`, later ones normally.
struct TestResource
{
    enum class Failure
    {
        None,
        Status,          // answer `failureStatus` with a short body
        ResetConnection, // close the socket abruptly after reading the request
        TruncateBody,    // send headers with the full Content-Length, then half the body, then close
        Stall            // send headers and `stallAfterBytes` bytes, then nothing (keep the socket open)
    };

    QByteArray body;
    QByteArray contentType = "application/octet-stream";
    QByteArray contentDisposition; // sent as Content-Disposition when not empty
    bool supportsRanges = true;    // honour Range with 206; otherwise always 200 with everything
    int status = 200;              // for a normal answer (e.g. 404 to always fail)
    QString redirectTo;            // a normal answer is then a 302 to this path or URL
    int bytesPerSecond = 0; // throttle the body, each answer (connection) alone (0 = as fast as possible)
    int firstAnswerBytesPerSecond = 0; // the first answer of the path at this rate instead (0: the same)
    int answerDelayMs = 0; // a server slow to answer: the status line comes this long after the request
    // A server that refuses extra connections: while this many answers of the path are being
    // sent (> 0), another request is answered `failureStatus` at once.
    int maxConcurrentAnswers = 0;
    // How many requests that limit refuses before it is lifted (-1: never): a server that was
    // busy for a while.
    int busyRefusals = -1;
    int failuresBeforeSuccess = 0;
    Failure failure = Failure::None;
    int failureStatus = 500;
    qint64 stallAfterBytes = 0;
    // Sent with every answer, scripted failures included (Retry-After, Content-Encoding ...).
    QList<std::pair<QByteArray, QByteArray>> headers;
    // Validators, sent when not empty. A Range request whose If-Range names another one gets 200
    // with everything, unless `honoursIfRange` is false (a server that sends the range anyway).
    // With `derivedEtag`, an empty etag (and nextEtag) becomes one made from the body's hash, as
    // most servers send one; false: none at all.
    QByteArray etag;
    QByteArray lastModified;
    bool derivedEtag = true;
    bool honoursIfRange = true;
    // A file that changes on the server: after `changeAfterRequests` requests (when >= 0) it is
    // `nextBody` with `nextEtag` and `nextLastModified`.
    int changeAfterRequests = -1;
    QByteArray nextBody;
    QByteArray nextEtag;
    QByteArray nextLastModified;
};

// A small HTTP/1.1 server on 127.0.0.1 that tests start themselves, with the failure modes a
// download manager must survive. It runs in its own thread so that a test that blocks (or a job
// in a pool thread) never starves it. Requests for unknown paths get 404.
class TestHttpServer : public QObject
{
    Q_OBJECT

public:
    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    // Binds 127.0.0.1 on a free port and starts serving. Returns false on failure.
    bool start();
    quint16 port() const;
    QUrl url(const QString &path) const; // http://127.0.0.1:PORT/path

    void setResource(const QString &path, const TestResource &resource);

    // What the server saw, for assertions.
    struct RequestLog
    {
        QByteArray method;
        QString path;
        QByteArray rangeHeader;   // empty when none
        QByteArray ifRangeHeader; // empty when none
    };
    QList<RequestLog> requests() const;
    int requestCount(const QString &path) const;
    // The most answers of `path` that were being sent at the same time.
    int peakConcurrentAnswers(const QString &path) const;
    void clearRequests();

    // Random bytes, the same for the same seed: test bodies that are checked by SHA-256.
    // Begins with an ID3v2 tag header, as an MP3 file does, so that downloads expected to be
    // audio accept it; noiseBody() is the same without the header.
    static QByteArray randomBody(qint64 size, quint32 seed);
    // A resource of randomBody(size, seed), sent at `bytesPerSecond` (0: as fast as possible).
    static TestResource randomResource(qint64 size, quint32 seed, int bytesPerSecond = 0);
    static QByteArray noiseBody(qint64 size, quint32 seed);
    // `data` as a gzip stream (RFC 1952), for answers with Content-Encoding: gzip.
    static QByteArray gzip(const QByteArray &data);
    static QByteArray sha256(const QByteArray &data);
    static QByteArray sha256OfFile(const QString &path);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace SoulSpot::Test
