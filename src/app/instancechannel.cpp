// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancechannel.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

const QByteArray Greeting = QByteArrayLiteral("SOULSPOT-BRIDGE HAND-OVER 1\n");
constexpr qsizetype MaxRequestBytes = 1024 * 1024;
constexpr qsizetype MaxAnswerBytes = 4096;
constexpr int MaxOpenConnections = 8;
constexpr int RequestPatienceMs = 5000;
// A second launch comes while the instance holds the lock but does not listen yet (a moment of
// its start), and waits for the answer while the instance ends a long start (a large database's
// check and backup) before its event loop runs.
constexpr int ConnectPatienceMs = 2000;
constexpr int AnswerPatienceMs = 10000;

QByteArray encodeRequest(const QList<QUrl> &targets)
{
    QByteArray request = Greeting;
    for (const QUrl &target : targets)
        request += target.toEncoded() + '\n';
    return request + '\n';
}

// The targets of a complete request; nullopt when a line is not a URL.
std::optional<QList<QUrl>> decodeRequest(const QByteArray &request)
{
    QList<QUrl> targets;
    const QList<QByteArray> lines = request.mid(Greeting.size()).split('\n');
    for (const QByteArray &line : lines)
    {
        if (line.isEmpty())
            break;
        const QUrl target = QUrl::fromEncoded(line, QUrl::StrictMode);
        if (!target.isValid() || target.scheme().isEmpty())
            return std::nullopt;
        targets.append(target);
    }
    return targets;
}

// One line, whatever the text holds.
QByteArray answerLine(const char *verdict, const QString &text)
{
    QString line = text;
    line.replace(u'\n', u' ').replace(u'\r', u' ');
    const QByteArray whole = QByteArray(verdict) + ' ' + line.toUtf8();
    return whole.left(MaxAnswerBytes - 1) + '\n';
}

Result<QString> decodeAnswer(const QByteArray &answer)
{
    const QString text = QString::fromUtf8(answer.mid(answer.indexOf(' ') + 1).trimmed());
    if (answer.startsWith("OK "))
        return text;
    if (answer.startsWith("ERROR "))
        return Error{ErrorKind::InvalidArgument, text};
    return Error{ErrorKind::Unavailable, u"the running SoulSpot Bridge did not answer"_s};
}

void drop(QLocalSocket *socket)
{
    socket->abort();
    socket->deleteLater();
}

bool connectWithin(QLocalSocket &socket, const QString &path, int patienceMs)
{
    const QDeadlineTimer deadline(patienceMs);
    for (;;)
    {
        socket.connectToServer(path);
        if (socket.waitForConnected(int(std::max<qint64>(deadline.remainingTime(), 1))))
            return true;
        if (deadline.hasExpired())
            return false;
        // No socket yet, or one left by a crash that the starting instance has not replaced yet.
        QThread::msleep(50);
    }
}

} // namespace

InstanceChannel::InstanceChannel(const QString &canonicalDatabasePath, QObject *parent)
    : QObject(parent)
    , m_socketPath(socketPath(canonicalDatabasePath))
    , m_server(new QLocalServer(this))
{
    connect(m_server, &QLocalServer::newConnection, this, &InstanceChannel::acceptConnections);
}

InstanceChannel::~InstanceChannel() = default;

QString InstanceChannel::socketPath(const QString &canonicalDatabasePath)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        return {};
    // A hash: the path's text may be longer than a socket's name may be (108 bytes).
    const QByteArray hash =
        QCryptographicHash::hash(canonicalDatabasePath.toUtf8(), QCryptographicHash::Sha256);
    return QDir(folder).filePath(u"soulspot-bridge-"_s + QString::fromLatin1(hash.toHex().left(32)));
}

Status InstanceChannel::listen()
{
    if (m_socketPath.isEmpty())
        return Error{ErrorKind::Unavailable, u"no runtime folder for the hand-over socket"_s};
    QLocalServer::removeServer(m_socketPath);
    // Qt binds it in a private folder, sets its mode, then moves it into place: never open to others.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath))
        return Error{ErrorKind::Unavailable,
                     u"cannot listen on %1: %2"_s.arg(m_socketPath, m_server->errorString())};
    return Done{};
}

void InstanceChannel::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection())
    {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // The oldest gives way: a client that holds its connection without a word cannot keep a
        // real hand-over out.
        if (m_oldest.size() >= MaxOpenConnections)
            drop(m_oldest.takeFirst());
        m_requests.insert(socket, {});
        m_oldest.append(socket);
        connect(socket, &QObject::destroyed, this, [this, socket] {
            m_requests.remove(socket);
            m_oldest.removeOne(socket);
        });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
        QTimer::singleShot(RequestPatienceMs, socket, [socket] { drop(socket); });
        read(socket); // what came with the connection
    }
}

void InstanceChannel::read(QLocalSocket *socket)
{
    if (socket->state() != QLocalSocket::ConnectedState)
        return;
    QByteArray &request = m_requests[socket];
    request += socket->read(MaxRequestBytes + 1 - request.size());
    const qsizetype checked = std::min(request.size(), Greeting.size());
    if (request.left(checked) != Greeting.left(checked) || request.size() > MaxRequestBytes)
    {
        drop(socket);
        return;
    }
    // The client sends nothing after the empty line that ends its request.
    if (request.size() <= Greeting.size() || !request.endsWith("\n\n"))
        return;
    socket->write(answer(request));
    socket->disconnectFromServer(); // once the answer is written
}

QByteArray InstanceChannel::answer(const QByteArray &request) const
{
    const std::optional<QList<QUrl>> targets = decodeRequest(request);
    if (!targets)
        return answerLine("ERROR", u"a target of the hand-over is not a URL"_s);
    if (!m_receiver)
        return answerLine("ERROR",
                          u"the running SoulSpot Bridge is starting or quitting; try again in a moment"_s);
    const Result<QString> taken = m_receiver(*targets);
    return taken ? answerLine("OK", *taken) : answerLine("ERROR", taken.error().message);
}

Result<QString> InstanceChannel::handOver(const QString &canonicalDatabasePath, const QList<QUrl> &targets)
{
    const QByteArray request = encodeRequest(targets);
    if (request.size() > MaxRequestBytes)
        return Error{
            ErrorKind::InvalidArgument,
            u"the arguments are too long to hand over to the running SoulSpot Bridge (over 1 MiB)"_s};
    const QString path = socketPath(canonicalDatabasePath);
    QLocalSocket socket;
    if (path.isEmpty() || !connectWithin(socket, path, ConnectPatienceMs))
        return Error{ErrorKind::Unavailable, u"no SoulSpot Bridge answers on %1"_s.arg(path)};
    socket.write(request);
    const QDeadlineTimer deadline(AnswerPatienceMs);
    QByteArray answer;
    while (!answer.contains('\n') && answer.size() < MaxAnswerBytes && !deadline.hasExpired())
    {
        if (!socket.bytesAvailable() &&
            !socket.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 1))))
            break;
        answer += socket.read(MaxAnswerBytes - answer.size());
    }
    answer += socket.read(MaxAnswerBytes - answer.size()); // what came with the close
    return decodeAnswer(answer.left(answer.indexOf('\n')));
}

} // namespace SoulSpot
