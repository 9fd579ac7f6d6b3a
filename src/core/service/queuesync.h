// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>

class QTimer;

namespace SoulSpot {

class Database;
class QueueChannel;

// Keeps one worker in step with the others on a shared (PostgreSQL) database, issue #11: when
// another worker enqueues, pauses or resumes the whole queue, or acts on downloads, this one
// hears it through the database's notifications (QueueChannel) and at the latest at the next
// poll, every `pollInterval`; the service then reads what changed (syncDue). A change this worker
// makes is announced to the others after its commit.
//
// It also remembers which downloads other workers were running at the last poll, so that the
// service tells its listeners (the window, the API's events) their progress and their end.
//
// Does nothing on SQLite: one process owns the file (its lock refuses a second).
// Lives in the main thread with the service.
class QueueSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueSync)

public:
    QueueSync(const Database &database, std::chrono::milliseconds pollInterval, QObject *parent = nullptr);
    ~QueueSync() override;

    // Whether other workers may share the queue (PostgreSQL).
    bool isShared() const { return m_shared; }
    // Listens and polls from now on (no-op on SQLite).
    void start();
    void stop();

    // What this worker changed, for the others (after the commit). `ids` travel with the
    // notifications, as many as PostgreSQL's payload of at most 8000 bytes holds in each.
    void announce(const QString &kind, const QStringList &ids = {});

    // The rows other workers are running now (read by the service): those that are new or moved
    // since the last call, and in `ended` the ids that were running elsewhere then and are not now.
    QList<Download> changedElsewhere(const QList<Download> &runningElsewhere, QStringList &ended);

    static QString added() { return QStringLiteral("added"); }
    static QString changed() { return QStringLiteral("changed"); }
    static QString removed() { return QStringLiteral("removed"); }
    static QString queueState() { return QStringLiteral("queue"); }

Q_SIGNALS:
    // Time to read the shared state again (a poll, or a notification from another worker).
    void syncDue();
    // Another worker announced `kind` for these downloads (added, changed, removed).
    void rowsAnnounced(const QString &kind, const QStringList &ids);
    // The connection was lost and listens again: what the others announced meanwhile is lost,
    // so listeners that keep rows (the window) read them all again.
    void announcementsMissed();

private:
    void poll();
    void heard(const QString &payload);

    QueueChannel *m_channel;
    QTimer *m_poll;
    QTimer *m_soon; // gathers a burst of notifications into one read
    bool m_shared;
    struct Seen
    {
        DownloadStatus status;
        qint64 bytes;
    };
    QHash<QString, Seen> m_elsewhere;
};

} // namespace SoulSpot
