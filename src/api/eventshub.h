// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "service/queuestats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocket;

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

// The live feed of /api/events. Each WebSocket client first gets the queue status, then
//   {"type": "download", "download": {...}} when a download changes (at most one message per
//   download every 250 ms: changes in between are merged, the last state always arrives),
//   {"type": "removed", "download_ids": [...]} when downloads leave the list (at once; nothing
//   more is said of them, a change still waiting for its slot included), and
//   {"type": "status", ...the fields of GET /api/downloads/status} when the counters change.
// Fed by DownloadService's signals; does nothing while nobody listens. A client that does not
// read (over 4 MiB unsent) is dropped rather than buffered without end.
class EventsHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsHub)

public:
    static constexpr qint64 minIntervalMs = 250;
    static constexpr qint64 maxUnsentBytes = 4 * 1024 * 1024;

    explicit EventsHub(DownloadService &service, QObject *parent = nullptr);
    ~EventsHub() override;

    // Starts the feed of a WebSocket whose handshake was admitted (ApiHandler::admit).
    void addClient(std::unique_ptr<QWebSocket> socket);
    int clientCount() const { return int(m_clients.size()); }

private:
    void handleDownloadChanged(const Download &download);
    void handleDownloadsAdded(const QList<Download> &downloads);
    void handleDownloadsRemoved(const QStringList &downloadIds);
    void handleStatsChanged(const QueueStats &stats);
    void flushPending();
    void sendDownload(const Download &download, qint64 now);
    void sendStats(const QueueStats &stats, qint64 now);
    void broadcast(const QString &message);
    void send(QWebSocket *client, const QString &message);
    void removeClient(QWebSocket *client);
    void scheduleFlush(qint64 dueMs);

    DownloadService &m_service;
    QList<QWebSocket *> m_clients;
    QElapsedTimer m_clock;
    QTimer m_flushTimer;
    QHash<QString, qint64> m_lastSent;  // download id -> when its last message went out
    QHash<QString, Download> m_pending; // changes waiting for their 250 ms slot
    std::optional<QueueStats> m_pendingStats;
    std::optional<QueueStats> m_lastStats;
    qint64 m_lastStatsMs = -minIntervalMs;
    qint64 m_lastPruneMs = 0;
};

} // namespace SoulSpot::Api
