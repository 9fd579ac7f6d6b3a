// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace SoulSpot {

class Database;

// PostgreSQL's LISTEN/NOTIFY between the workers of one database (issue #11): a worker that
// changes the queue (an enqueue, a pause or resume of the whole queue, an action on downloads)
// says so after its commit, and every other worker hears it at once instead of at its next poll.
// A notification only wakes the others; what changed they read from the tables, so a lost one
// costs the delay of the poll, nothing else. On SQLite there are no other workers (the file
// lock): listen() and announce() do nothing.
//
// Uses the main thread's connection of the Database (the driver's socket notifier lives there);
// lives in the main thread.
class QueueChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueChannel)

public:
    explicit QueueChannel(const Database &database, QObject *parent = nullptr);
    ~QueueChannel() override;

    // Subscribes the connection to the channel. False on SQLite, or when the driver refused
    // (then only the poll tells the changes; a warning says why).
    bool listen();
    // Whether the connection listened once and does not any more: it was lost (a restart of the
    // server, a cut network) and opened again by the next statement, and a new connection
    // listens to nothing. listen() subscribes it again.
    bool stoppedListening() const;
    // Tells the other workers that the queue changed (`what`: a word for the logs). Outside a
    // transaction, or PostgreSQL holds it back until the commit.
    void announce(const QString &what);

Q_SIGNALS:
    // Another worker changed the queue. Own announcements are not reported.
    void changedElsewhere(const QString &what);

private:
    const Database &m_database;
    bool m_listening = false;
    bool m_notificationsConnected = false;
};

} // namespace SoulSpot
