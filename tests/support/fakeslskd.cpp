// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSlskd: the facade, the HTTP plumbing and the clock that moves transfers along. The routes
// themselves are in fakeslskdapi.cpp.
#include "fakeslskd_p.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status)
    {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 207:
        return "Multi-Status";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 405:
        return "Method Not Allowed";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    default:
        return status >= 500 ? "Internal Server Error" : "Status";
    }
}

} // namespace

QByteArray jsonBody(const QJsonValue &value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2); // a bare scalar: strip the [ ]
}

QByteArray jsonString(const QString &message)
{
    return jsonBody(QJsonValue(message));
}

bool isGuid(const QString &text)
{
    static const QRegularExpression guid(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    return guid.match(text).hasMatch();
}

// ---- Server: plumbing ---------------------------------------------------------------------

FakeSlskd::Server::Server(QString apiKey, QString downloadsDirectory)
    : m_apiKey(std::move(apiKey))
    , m_downloadsDirectory(std::move(downloadsDirectory))
{
    m_clock.start();
}

quint16 FakeSlskd::Server::listen()
{
    m_tcp = new QTcpServer(this);
    connect(m_tcp, &QTcpServer::newConnection, this, &Server::handleConnection);
    if (!m_tcp->listen(QHostAddress::LocalHost, 0))
        return 0;
    m_ticker = new QTimer(this);
    m_ticker->setInterval(10);
    connect(m_ticker, &QTimer::timeout, this, &Server::tick);
    m_ticker->start();
    return m_tcp->serverPort();
}

void FakeSlskd::Server::stop()
{
    if (m_ticker)
        m_ticker->stop();
    if (m_tcp)
        m_tcp->close();
    const QList<QTcpSocket *> sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

void FakeSlskd::Server::handleConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection())
    {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_waiting.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeSlskd::Server::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    // One answer at a time per connection: a held-back answer keeps the next request waiting.
    while (!m_waiting.contains(socket))
    {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        HttpRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i)
        {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        const qint64 length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        respond(socket, request);
    }
}

void FakeSlskd::Server::respond(QTcpSocket *socket, const HttpRequest &request)
{
    // Below the url base, segment by segment, each percent-decoded on its own.
    const qsizetype question = request.target.indexOf('?');
    QString rawPath = QString::fromLatin1(question < 0 ? request.target : request.target.left(question));
    const QUrlQuery query(
        QString::fromLatin1(question < 0 ? QByteArray() : request.target.mid(question + 1)));
    HttpResponse response;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_urlBase.isEmpty() && rawPath.startsWith(m_urlBase, Qt::CaseInsensitive))
            rawPath = rawPath.mid(m_urlBase.size());
        QStringList segments;
        for (const QString &segment : rawPath.split(u'/', Qt::SkipEmptyParts))
            segments.append(QUrl::fromPercentEncoding(segment.toLatin1()));
        response = route(request, segments, query);
        m_requests.append({request.method, u'/' + segments.join(u'/'), response.status, m_clock.elapsed()});
    }
    if (response.delayMs <= 0)
        return send(socket, response);
    m_waiting.insert(socket);
    QTimer::singleShot(response.delayMs, this, [this, socket = QPointer<QTcpSocket>(socket), response] {
        if (!socket)
        {
            send(nullptr, response);
            return;
        }
        m_waiting.remove(socket);
        send(socket, response);
        readFrom(socket);
    });
}

void FakeSlskd::Server::send(QTcpSocket *socket, const HttpResponse &response)
{
    if (response.onSent)
    {
        QMutexLocker lock(&m_mutex);
        response.onSent();
    }
    if (!socket)
        return;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.body.isEmpty())
        head += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &header : std::as_const(response.headers))
        head += header.first + ": " + header.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
    socket->write(head + response.body);
}

void FakeSlskd::Server::tick()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.elapsed();
    promoteQueuedSearches(now);
    for (Transfer &transfer : m_transfers)
        advance(transfer, now);
}

// ---- FakeSlskd ----------------------------------------------------------------------------

FakeSlskd::FakeSlskd(QString apiKey, QString downloadsDirectory, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"fake-slskd"_s);
    m_server = new Server(std::move(apiKey), std::move(downloadsDirectory));
    m_server->moveToThread(&m_thread);
    m_thread.start();
}

FakeSlskd::~FakeSlskd()
{
    QMetaObject::invokeMethod(
        m_server,
        [server = m_server] {
            server->stop();
            delete server;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void FakeSlskd::setUrlBase(const QString &urlBase)
{
    QMutexLocker lock(&m_server->m_mutex);
    QString base = urlBase;
    while (base.endsWith(u'/'))
        base.chop(1);
    m_server->m_urlBase = base;
}

bool FakeSlskd::start()
{
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_server, [this, &port] { port = m_server->listen(); }, Qt::BlockingQueuedConnection);
    QMutexLocker lock(&m_server->m_mutex);
    m_port = port;
    return port != 0;
}

QUrl FakeSlskd::baseUrl() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(QString::number(m_port), m_server->m_urlBase));
}

void FakeSlskd::setTimings(const FakeSlskdTimings &timings)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_timings = timings;
}

void FakeSlskd::addPeer(const FakeSlskdPeer &peer)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_peers.append(peer);
}

void FakeSlskd::setLoggedIn(bool loggedIn)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_loggedIn = loggedIn;
}

void FakeSlskd::setEventsEnabled(bool enabled)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_eventsEnabled = enabled;
}

void FakeSlskd::setPeerBehavior(const QString &username, FakeSlskdPeer::Behavior behavior)
{
    QMutexLocker lock(&m_server->m_mutex);
    for (FakeSlskdPeer &peer : m_server->m_peers)
    {
        if (peer.username == username)
            peer.behavior = behavior;
    }
}

void FakeSlskd::setRetryAttempts(int attempts)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_retryAttempts = attempts;
}

void FakeSlskd::setSearchesFinalize(bool finalize)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_searchesFinalize = finalize;
}

void FakeSlskd::setVersion(const QString &version)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_version = version;
}

void FakeSlskd::setBatchesEnabled(bool enabled)
{
    QMutexLocker lock(&m_server->m_mutex);
    m_server->m_batchesEnabled = enabled;
}

QList<FakeSlskd::Request> FakeSlskd::requests() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_requests;
}

int FakeSlskd::count(const QByteArray &method, const QString &path) const
{
    QMutexLocker lock(&m_server->m_mutex);
    return int(
        std::count_if(m_server->m_requests.cbegin(), m_server->m_requests.cend(), [&](const Request &r) {
            return r.method == method && r.path.compare(path, Qt::CaseInsensitive) == 0;
        }));
}

int FakeSlskd::countPrefix(const QByteArray &method, const QString &pathPrefix) const
{
    QMutexLocker lock(&m_server->m_mutex);
    return int(
        std::count_if(m_server->m_requests.cbegin(), m_server->m_requests.cend(), [&](const Request &r) {
            return r.method == method && r.path.startsWith(pathPrefix, Qt::CaseInsensitive);
        }));
}

QList<FakeSlskd::Transfer> FakeSlskd::transfers() const
{
    QMutexLocker lock(&m_server->m_mutex);
    QList<Transfer> list;
    for (const Server::Transfer &t : std::as_const(m_server->m_transfers))
        list.append({t.id, t.username, t.filename, t.state, t.attempts, t.removed});
    return list;
}

int FakeSlskd::activeTransfers() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return int(std::count_if(m_server->m_transfers.cbegin(), m_server->m_transfers.cend(),
                             [](const Server::Transfer &t) { return !t.state.startsWith("Completed"_L1); }));
}

int FakeSlskd::visibleTransfers() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return int(std::count_if(m_server->m_transfers.cbegin(), m_server->m_transfers.cend(),
                             [](const Server::Transfer &t) { return !t.removed; }));
}

int FakeSlskd::enqueueCount() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_enqueueCount;
}

int FakeSlskd::searchCount() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_searchCount;
}

int FakeSlskd::busyAnswers() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_busyAnswers;
}

int FakeSlskd::busyEnqueueAnswers() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_busyEnqueueAnswers;
}

QList<FakeSlskd::SearchRecord> FakeSlskd::searchLog() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_searchLog;
}

int FakeSlskd::maxQueuedSearches() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_maxQueuedSearches;
}

int FakeSlskd::maxConcurrentSearches() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return m_server->m_maxConcurrentSearches;
}

int FakeSlskd::storedSearches() const
{
    QMutexLocker lock(&m_server->m_mutex);
    return int(m_server->m_searches.size());
}

} // namespace SoulSpot::Test
