// SPDX-License-Identifier: GPL-3.0-or-later
#include "testhttpserver.h"

#include "testhttpprotocol.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <optional>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

namespace {

constexpr qint64 socketHighWater = 256 * 1024; // keep at most this much queued in the socket
constexpr qint64 writeChunk = 64 * 1024;
constexpr int throttleTickMs = 50;

QString normalizedPath(const QString &path)
{
    return path.startsWith(u'/') ? path : u'/' + path;
}

// Makes the kernel answer with RST instead of FIN when the socket closes: a "connection reset".
void closeWithReset(QTcpSocket *socket)
{
    const linger option{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    socket->abort();
}

// The resources and the request log, shared by the test thread and the server thread.
class ServerState
{
public:
    void setResource(const QString &path, TestResource resource)
    {
        if (resource.derivedEtag && resource.etag.isEmpty())
            resource.etag = '"' + TestHttpServer::sha256(resource.body).left(16) + '"';
        if (resource.derivedEtag && resource.nextEtag.isEmpty())
            resource.nextEtag = '"' + TestHttpServer::sha256(resource.nextBody).left(16) + '"';
        QMutexLocker locker(&m_mutex);
        m_resources.insert(path, resource);
        m_hits.remove(path); // a new script starts from its first failure
        m_peak.remove(path);
    }
    // An answer of `path` starts being sent; false when `limit` (> 0) answers already are.
    bool beginAnswer(const QString &path, int limit, int maxRefusals)
    {
        QMutexLocker locker(&m_mutex);
        int &active = m_active[path];
        int &refused = m_refused[path];
        if (limit > 0 && active >= limit && (maxRefusals < 0 || refused < maxRefusals))
        {
            ++refused;
            return false;
        }
        ++active;
        m_peak[path] = std::max(m_peak.value(path), active);
        return true;
    }
    void endAnswer(const QString &path)
    {
        QMutexLocker locker(&m_mutex);
        --m_active[path];
    }
    int peak(const QString &path) const
    {
        QMutexLocker locker(&m_mutex);
        return m_peak.value(path);
    }
    QList<TestHttpServer::RequestLog> requests() const
    {
        QMutexLocker locker(&m_mutex);
        return m_log;
    }
    void clearRequests()
    {
        QMutexLocker locker(&m_mutex);
        m_log.clear();
    }

    // Logs the request; returns its resource and how many requests for that path came before.
    std::optional<std::pair<TestResource, int>> lookUp(const ParsedRequest &request, const QString &path)
    {
        QMutexLocker locker(&m_mutex);
        m_log.append(
            {request.method, path, request.headers.value("range"), request.headers.value("if-range")});
        const auto it = m_resources.constFind(path);
        if (it == m_resources.constEnd())
            return std::nullopt;
        const int hit = m_hits[path]++;
        TestResource resource = *it;
        if (resource.changeAfterRequests >= 0 && hit >= resource.changeAfterRequests)
        {
            resource.body = resource.nextBody;
            resource.etag = resource.nextEtag;
            resource.lastModified = resource.nextLastModified;
        }
        return std::make_pair(resource, hit);
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, TestResource> m_resources;
    QHash<QString, int> m_hits;
    QHash<QString, int> m_active;  // answers being sent
    QHash<QString, int> m_refused; // requests refused by maxConcurrentAnswers
    QHash<QString, int> m_peak;
    QList<TestHttpServer::RequestLog> m_log;
};

// One client connection: reads requests one after another (keep-alive), and streams each answer
// from the shared body in chunks, throttled by a timer when asked, so that nothing ever blocks
// the server thread.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, ServerState *state);
    ~Connection() override { endCounting(); }

private:
    enum class After
    {
        KeepAlive, // the answer is complete: read the next request
        Close,     // close gracefully once everything is sent
        Hang       // send nothing more and keep the socket open (a stall)
    };
    struct Answer
    {
        QByteArray body; // shared with the resource, never copied
        qint64 position = 0;
        qint64 end = 0;
        int bytesPerSecond = 0;
        After after = After::KeepAlive;
    };

    void readRequests();
    void handle(const ParsedRequest &request);
    void answerResource(const ParsedRequest &request, const TestResource &resource, bool failing);
    void answerBody(const ParsedRequest &request, const TestResource &resource, bool failing);
    void sendHead(int status, const HeaderList &headers, qint64 length);
    void sendSimple(int status, const QByteArray &body, After after = After::KeepAlive,
                    const HeaderList &extra = {});
    void startBody(Answer answer);
    void pump();
    void finishAnswer();
    void endCounting();

    QTcpSocket *m_socket;
    ServerState *m_state;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_closeAfterAnswer = false;
    bool m_headRequest = false;
    Answer m_answer;
    QTimer m_throttle;
    qint64 m_allowance = 0;
    QString m_countedPath; // the path whose answer this connection is counted as sending
};

Connection::Connection(QTcpSocket *socket, ServerState *state)
    : QObject(socket)
    , m_socket(socket)
    , m_state(state)
{
    m_throttle.setInterval(throttleTickMs);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        m_allowance = qMax<qint64>(1, qint64(m_answer.bytesPerSecond) * throttleTickMs / 1000);
        pump();
    });
    connect(socket, &QTcpSocket::readyRead, this, &Connection::readRequests);
    connect(socket, &QTcpSocket::bytesWritten, this, &Connection::pump);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

void Connection::readRequests()
{
    m_buffer += m_socket->readAll();
    while (!m_busy && m_socket->state() == QAbstractSocket::ConnectedState)
    {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const ParsedRequest request = parseRequestHead(m_buffer.left(headEnd));
        if (m_buffer.size() < headEnd + 4 + request.contentLength)
            return; // wait for the rest of the body, which no resource uses
        m_buffer.remove(0, headEnd + 4 + request.contentLength);
        m_closeAfterAnswer =
            request.version != "HTTP/1.1" || request.headers.value("connection").toLower() == "close";
        handle(request);
    }
}

void Connection::handle(const ParsedRequest &request)
{
    const QString path = QString::fromUtf8(request.target.split('?').constFirst());
    m_headRequest = request.method == "HEAD";
    const auto found = m_state->lookUp(request, path);
    if (!found)
        return sendSimple(404, "no such resource\n");
    auto [resource, hit] = *found;
    if (!m_state->beginAnswer(path, resource.maxConcurrentAnswers, resource.busyRefusals))
        return sendSimple(resource.failureStatus, "too many connections\n", After::KeepAlive,
                          resource.headers);
    m_countedPath = path;
    if (hit == 0 && resource.firstAnswerBytesPerSecond > 0)
        resource.bytesPerSecond = resource.firstAnswerBytesPerSecond;
    const bool failing = hit < resource.failuresBeforeSuccess;
    if (resource.answerDelayMs > 0)
    {
        m_busy = true; // no later request on this socket is read meanwhile
        QTimer::singleShot(resource.answerDelayMs, this, [this, request, resource, failing] {
            m_busy = false;
            if (m_socket->state() == QAbstractSocket::ConnectedState)
                answerResource(request, resource, failing);
            else
                endCounting();
        });
        return;
    }
    answerResource(request, resource, failing);
}

void Connection::answerResource(const ParsedRequest &request, const TestResource &resource, bool failing)
{
    const TestResource::Failure failure = failing ? resource.failure : TestResource::Failure::None;
    switch (failure)
    {
    case TestResource::Failure::ResetConnection:
        m_busy = true;
        return closeWithReset(m_socket);
    case TestResource::Failure::Status:
        return sendSimple(resource.failureStatus, "scripted failure\n", After::KeepAlive, resource.headers);
    case TestResource::Failure::None:
        if (!resource.redirectTo.isEmpty())
        {
            sendHead(302, {{"Location", resource.redirectTo.toUtf8()}}, 0);
            return finishAnswer();
        }
        if (resource.status == 204)
            return sendSimple(204, {}, After::KeepAlive, resource.headers);
        if (resource.status != 200)
            return sendSimple(resource.status, reasonPhrase(resource.status) + '\n', After::KeepAlive,
                              resource.headers);
        break;
    case TestResource::Failure::TruncateBody:
    case TestResource::Failure::Stall:
        break;
    }
    answerBody(request, resource, failing);
}

void Connection::answerBody(const ParsedRequest &request, const TestResource &resource, bool failing)
{
    const qint64 size = resource.body.size();
    HeaderList headers{{"Content-Type", resource.contentType}};
    if (!resource.contentDisposition.isEmpty())
        headers.emplaceBack("Content-Disposition", resource.contentDisposition);
    if (resource.supportsRanges)
        headers.emplaceBack("Accept-Ranges", "bytes");
    if (!resource.etag.isEmpty())
        headers.emplaceBack("ETag", resource.etag);
    if (!resource.lastModified.isEmpty())
        headers.emplaceBack("Last-Modified", resource.lastModified);
    headers.append(resource.headers);
    int status = 200;
    Answer answer{resource.body, 0, size, resource.bytesPerSecond, After::KeepAlive};
    // If-Range: the range only when the client's validator is the current one.
    const QByteArray ifRange = request.headers.value("if-range");
    const bool rangeAllowed = ifRange.isEmpty() || !resource.honoursIfRange || ifRange == resource.etag ||
                              ifRange == resource.lastModified;
    const ByteRange range = rangeAllowed ? parseRange(request.headers.value("range"), size) : ByteRange{};
    if (resource.supportsRanges && range.valid && !range.satisfiable)
    {
        headers.emplaceBack("Content-Range", QByteArray("bytes */" + QByteArray::number(size)));
        sendHead(416, headers, 0);
        return finishAnswer();
    }
    if (resource.supportsRanges && range.valid)
    {
        status = 206;
        answer.position = range.first;
        answer.end = range.last + 1;
        headers.emplaceBack("Content-Range",
                            QByteArray("bytes " + QByteArray::number(range.first) + '-' +
                                       QByteArray::number(range.last) + '/' + QByteArray::number(size)));
    }
    sendHead(status, headers, answer.end - answer.position);
    const qint64 length = answer.end - answer.position;
    if (failing && resource.failure == TestResource::Failure::TruncateBody)
    {
        answer.end = answer.position + length / 2;
        answer.after = After::Close;
    }
    else if (failing && resource.failure == TestResource::Failure::Stall)
    {
        answer.end = answer.position + qMin(length, resource.stallAfterBytes);
        answer.after = After::Hang;
    }
    startBody(answer);
}

void Connection::sendHead(int status, const HeaderList &headers, qint64 length)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    if (m_closeAfterAnswer)
        head += "Connection: close\r\n";
    m_socket->write(head + "\r\n");
}

void Connection::sendSimple(int status, const QByteArray &body, After after, const HeaderList &extra)
{
    HeaderList headers{{"Content-Type", "text/plain"}};
    headers.append(extra);
    sendHead(status, headers, body.size());
    startBody({body, 0, body.size(), 0, after});
}

void Connection::startBody(Answer answer)
{
    m_busy = true;
    m_answer = std::move(answer);
    if (m_headRequest) // same headers as a GET, no body
        m_answer.end = m_answer.position;
    m_allowance = 0;
    if (m_answer.bytesPerSecond > 0)
        m_throttle.start();
    pump();
}

// Sends what the socket can take (and the throttle allows) of the current answer.
void Connection::pump()
{
    if (!m_busy || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const bool throttled = m_answer.bytesPerSecond > 0;
    while (m_answer.position < m_answer.end && m_socket->bytesToWrite() < socketHighWater &&
           (!throttled || m_allowance > 0))
    {
        qint64 chunk = qMin(writeChunk, m_answer.end - m_answer.position);
        if (throttled)
            chunk = qMin(chunk, m_allowance);
        const qint64 written = m_socket->write(m_answer.body.constData() + m_answer.position, chunk);
        if (written <= 0)
            return;
        m_answer.position += written;
        if (throttled)
            m_allowance -= written;
    }
    if (m_answer.position >= m_answer.end)
        finishAnswer();
}

void Connection::endCounting()
{
    if (m_countedPath.isEmpty())
        return;
    m_state->endAnswer(m_countedPath);
    m_countedPath.clear();
}

void Connection::finishAnswer()
{
    m_throttle.stop();
    if (m_answer.after != After::Hang)
        endCounting();
    switch (m_answer.after)
    {
    case After::Hang:
        return; // stays busy: later requests on this socket are never answered
    case After::Close:
        return m_socket->disconnectFromHost(); // sends what is queued, then closes
    case After::KeepAlive:
        if (m_closeAfterAnswer)
            return m_socket->disconnectFromHost();
        m_busy = false;
        m_answer = {};
        // The next request may already be buffered; read it from the event loop, not recursively.
        QMetaObject::invokeMethod(this, &Connection::readRequests, Qt::QueuedConnection);
        return;
    }
}

} // namespace

// Lives in the server thread and owns the QTcpServer; each client socket gets a Connection.
class TestHttpServer::Worker : public QObject
{
public:
    // The server, its sockets and their Connections first: a Connection still sending an answer
    // counts it off in m_state, which a member outlives only until the QObject base deletes the
    // children (a use after free, seen as heap corruption when a test ends mid-answer).
    ~Worker() override { delete m_server; }

    bool listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                new Connection(socket, &m_state);
        });
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return false;
        m_port.store(m_server->serverPort());
        return true;
    }
    // Any thread, like state().
    quint16 port() const { return m_port.load(); }
    ServerState &state() { return m_state; }

private:
    QTcpServer *m_server = nullptr;
    std::atomic<quint16> m_port{0};
    ServerState m_state;
};

TestHttpServer::TestHttpServer(QObject *parent)
    : QObject(parent)
    , m_worker(new Worker)
{
    m_thread.setObjectName(u"TestHttpServer"_s);
    m_worker->moveToThread(&m_thread);
    // The worker and its sockets must die in their own thread, once its event loop has ended.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

TestHttpServer::~TestHttpServer()
{
    m_thread.quit();
    m_thread.wait();
}

bool TestHttpServer::start()
{
    bool listening = false;
    // A short blocking call: the server must be bound before the test uses its port.
    QMetaObject::invokeMethod(
        m_worker, [this] { return m_worker->listen(); }, Qt::BlockingQueuedConnection, &listening);
    return listening;
}

quint16 TestHttpServer::port() const
{
    return m_worker->port();
}

QUrl TestHttpServer::url(const QString &path) const
{
    const QUrl base(u"http://127.0.0.1:%1/"_s.arg(port()));
    return base.resolved(QUrl(normalizedPath(path)));
}

void TestHttpServer::setResource(const QString &path, const TestResource &resource)
{
    m_worker->state().setResource(normalizedPath(path), resource);
}

QList<TestHttpServer::RequestLog> TestHttpServer::requests() const
{
    return m_worker->state().requests();
}

int TestHttpServer::requestCount(const QString &path) const
{
    const QString wanted = normalizedPath(path);
    const QList<RequestLog> log = requests();
    return int(std::count_if(log.begin(), log.end(), [&](const RequestLog &r) { return r.path == wanted; }));
}

int TestHttpServer::peakConcurrentAnswers(const QString &path) const
{
    return m_worker->state().peak(normalizedPath(path));
}

void TestHttpServer::clearRequests()
{
    m_worker->state().clearRequests();
}

TestResource TestHttpServer::randomResource(qint64 size, quint32 seed, int bytesPerSecond)
{
    TestResource resource;
    resource.body = randomBody(size, seed);
    resource.bytesPerSecond = bytesPerSecond;
    return resource;
}

QByteArray TestHttpServer::randomBody(qint64 size, quint32 seed)
{
    // "ID3", version 2.4, no flags, a tag size of 0: what an MP3 file begins with.
    static const QByteArray id3Header("ID3\x04\x00\x00\x00\x00\x00\x00", 10);
    QByteArray body = noiseBody(size, seed);
    body.replace(0, qMin<qint64>(size, id3Header.size()), id3Header.left(size));
    return body;
}

QByteArray TestHttpServer::noiseBody(qint64 size, quint32 seed)
{
    QByteArray body(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    const qint64 words = size / qint64(sizeof(quint32));
    generator.fillRange(reinterpret_cast<quint32 *>(body.data()), words);
    for (qint64 i = words * qint64(sizeof(quint32)); i < size; ++i)
        body[i] = char(generator.generate());
    return body;
}

QByteArray TestHttpServer::gzip(const QByteArray &data)
{
    // qCompress() gives a 4-byte length, then a zlib stream: a 2-byte header, the raw deflate
    // data, a 4-byte Adler-32. gzip wraps the same deflate data in its own header and trailer.
    const QByteArray zlib = qCompress(data, 6).mid(4);
    const QByteArray deflate = zlib.mid(2, zlib.size() - 6);
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
    {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc = ~crc;
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += deflate;
    const auto appendLittleEndian = [&out](quint32 value) {
        for (int i = 0; i < 4; ++i)
            out += char((value >> (8 * i)) & 0xFF);
    };
    appendLittleEndian(crc);
    appendLittleEndian(quint32(data.size()));
    return out;
}

QByteArray TestHttpServer::sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray TestHttpServer::sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace SoulSpot::Test
