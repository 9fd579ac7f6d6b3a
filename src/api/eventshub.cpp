// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventshub.h"

#include "jsonrender.h"

#include "service/downloadservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

QString statusMessage(const QueueStats &stats)
{
    QJsonObject object = JsonRender::queueStats(stats);
    object.insert(u"type"_s, u"status"_s);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString downloadMessage(const Download &download)
{
    const QJsonObject object{{u"type"_s, u"download"_s}, {u"download"_s, JsonRender::download(download)}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

EventsHub::EventsHub(DownloadService &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    m_clock.start();
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventsHub::flushPending);
    connect(&service, &DownloadService::downloadChanged, this, &EventsHub::handleDownloadChanged);
    connect(&service, &DownloadService::downloadsAdded, this, &EventsHub::handleDownloadsAdded);
    connect(&service, &DownloadService::downloadsRemoved, this, &EventsHub::handleDownloadsRemoved);
    connect(&service, &DownloadService::statsChanged, this, &EventsHub::handleStatsChanged);
    connect(&service, &DownloadService::queuePausedChanged, this,
            [this] { handleStatsChanged(m_service.stats()); });
}

EventsHub::~EventsHub()
{
    for (QWebSocket *client : std::as_const(m_clients))
    {
        client->disconnect(this);
        client->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
        delete client;
    }
}

void EventsHub::addClient(std::unique_ptr<QWebSocket> socket)
{
    QWebSocket *client = socket.release();
    client->setParent(this);
    client->setMaxAllowedIncomingMessageSize(4096);
    client->setMaxAllowedIncomingFrameSize(4096);
    m_clients.append(client);
    connect(client, &QWebSocket::disconnected, this, [this, client] { removeClient(client); });
    send(client, statusMessage(m_service.stats()));
}

void EventsHub::removeClient(QWebSocket *client)
{
    if (!m_clients.removeOne(client))
        return;
    client->disconnect(this);
    client->deleteLater();
    if (m_clients.isEmpty())
    {
        m_pending.clear();
        m_pendingStats.reset();
    }
}

void EventsHub::send(QWebSocket *client, const QString &message)
{
    if (client->bytesToWrite() > maxUnsentBytes)
    {
        client->close(QWebSocketProtocol::CloseCodePolicyViolated, u"the client does not read its events"_s);
        removeClient(client);
        return;
    }
    client->sendTextMessage(message);
}

void EventsHub::broadcast(const QString &message)
{
    const QList<QWebSocket *> clients = m_clients;
    for (QWebSocket *client : clients)
        send(client, message);
}

void EventsHub::handleDownloadChanged(const Download &download)
{
    if (m_clients.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 last = m_lastSent.value(download.id, -minIntervalMs);
    if (!m_pending.contains(download.id) && now - last >= minIntervalMs)
    {
        sendDownload(download, now);
        return;
    }
    m_pending.insert(download.id, download);
    scheduleFlush(last + minIntervalMs);
}

void EventsHub::handleDownloadsAdded(const QList<Download> &downloads)
{
    // The queue may start a new download (downloadChanged) before downloadsAdded is emitted; the
    // row as inserted is then older than what was already announced.
    for (const Download &download : downloads)
    {
        if (!m_pending.contains(download.id) && !m_lastSent.contains(download.id))
            handleDownloadChanged(download);
    }
}

void EventsHub::handleDownloadsRemoved(const QStringList &downloadIds)
{
    if (m_clients.isEmpty())
        return;
    for (const QString &id : downloadIds)
    {
        m_pending.remove(id);
        m_lastSent.remove(id);
    }
    const QJsonObject object{{u"type"_s, u"removed"_s},
                             {u"download_ids"_s, QJsonArray::fromStringList(downloadIds)}};
    broadcast(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void EventsHub::handleStatsChanged(const QueueStats &stats)
{
    if (m_clients.isEmpty() || (!m_pendingStats && m_lastStats == stats))
        return;
    const qint64 now = m_clock.elapsed();
    if (!m_pendingStats && now - m_lastStatsMs >= minIntervalMs)
    {
        sendStats(stats, now);
        return;
    }
    m_pendingStats = stats;
    scheduleFlush(m_lastStatsMs + minIntervalMs);
}

void EventsHub::sendDownload(const Download &download, qint64 now)
{
    // Ids not heard of for a while need no slot any more (pruned at most four times a second).
    if (m_lastSent.size() > 4096 && now - m_lastPruneMs >= minIntervalMs)
    {
        m_lastSent.removeIf([now](const auto &entry) { return now - entry.value() >= minIntervalMs; });
        m_lastPruneMs = now;
    }
    m_lastSent.insert(download.id, now);
    broadcast(downloadMessage(download));
}

void EventsHub::sendStats(const QueueStats &stats, qint64 now)
{
    m_lastStats = stats;
    m_lastStatsMs = now;
    broadcast(statusMessage(stats));
}

void EventsHub::scheduleFlush(qint64 dueMs)
{
    const qint64 delay = qMax<qint64>(0, dueMs - m_clock.elapsed());
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > delay)
        m_flushTimer.start(std::chrono::milliseconds(delay));
}

void EventsHub::flushPending()
{
    const qint64 now = m_clock.elapsed();
    qint64 nextDue = -1;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        const qint64 due = m_lastSent.value(it.key(), -minIntervalMs) + minIntervalMs;
        if (due <= now)
        {
            const Download download = it.value();
            it = m_pending.erase(it);
            sendDownload(download, now);
            continue;
        }
        nextDue = nextDue < 0 ? due : qMin(nextDue, due);
        ++it;
    }
    if (m_pendingStats)
    {
        if (m_lastStatsMs + minIntervalMs <= now)
        {
            const QueueStats stats = *m_pendingStats;
            m_pendingStats.reset();
            if (!(m_lastStats && *m_lastStats == stats))
                sendStats(stats, now);
        }
        else
        {
            nextDue =
                nextDue < 0 ? m_lastStatsMs + minIntervalMs : qMin(nextDue, m_lastStatsMs + minIntervalMs);
        }
    }
    if (nextDue >= 0)
        scheduleFlush(nextDue);
}

} // namespace SoulSpot::Api
