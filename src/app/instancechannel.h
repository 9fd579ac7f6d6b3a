// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QLocalServer;
class QLocalSocket;

namespace SoulSpot {

// One running SoulSpot Bridge per database file: a second launch on the same file hands what it
// was given to the running one instead of being refused.
//
// The running instance (it holds the DatabaseLock) listens on a local socket named after the
// database's canonical path: `soulspot-bridge-HASH` in the user's runtime folder
// ($XDG_RUNTIME_DIR, mode 0700), the socket itself open only to its owner. A second launch,
// refused by the lock, connects, sends its targets and exits with the answer. Through a hard link
// the canonical path differs, nobody answers, and the second launch gives the lock's message.
//
// The exchange, one per connection, small and bounded: the client sends the line
// "SOULSPOT-BRIDGE HAND-OVER 1", one target a line (a URL, percent-encoded, so it holds no line
// break), then an empty line; the server answers one line, "OK text" or "ERROR text", and closes.
// A request over 1 MiB, one that does not begin with that line, or one not complete within 5 s is
// dropped, and at most 8 connections are open at once (a ninth pushes out the oldest): a client that writes
// garbage or nothing costs a socket for a moment, never the instance.
class InstanceChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceChannel)

public:
    // What the running instance does with handed-over targets (none: only come to the front);
    // its text goes back to the second launch, an error is told there as a failure.
    using Receiver = std::function<Result<QString>(const QList<QUrl> &targets)>;

    explicit InstanceChannel(const QString &canonicalDatabasePath, QObject *parent = nullptr);
    ~InstanceChannel() override;

    // Listens, first removing a socket that a crashed instance left behind: call it only while
    // this process holds the database's lock, which proves that no other instance listens.
    Status listen();
    void setReceiver(Receiver receiver) { m_receiver = std::move(receiver); }

    // The second launch's side: hands `targets` to the instance running on the database and
    // returns its answer. ErrorKind::Unavailable when no instance answers (within 2 s to connect,
    // 10 s to answer: it may be in the middle of its start); ErrorKind::InvalidArgument when it
    // refused the targets, with its reason.
    static Result<QString> handOver(const QString &canonicalDatabasePath, const QList<QUrl> &targets);

    // Empty when the user has no runtime folder.
    static QString socketPath(const QString &canonicalDatabasePath);

private:
    void acceptConnections();
    void read(QLocalSocket *socket);
    QByteArray answer(const QByteArray &request) const;

    QString m_socketPath;
    QLocalServer *m_server = nullptr;
    Receiver m_receiver;
    QHash<QLocalSocket *, QByteArray> m_requests; // what each open connection has sent so far
    QList<QLocalSocket *> m_oldest;               // the open connections, oldest first
};

} // namespace SoulSpot
