// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuesync.h"

#include "storage/database.h"
#include "storage/queuechannel.h"
#include "storage/sqlsupport.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// PostgreSQL refuses a payload of 8000 bytes or more.
constexpr qsizetype MaxPayload = 7900;

} // namespace

QueueSync::QueueSync(const Database &database, std::chrono::milliseconds pollInterval, QObject *parent)
    : QObject(parent)
    , m_channel(new QueueChannel(database, this))
    , m_poll(new QTimer(this))
    , m_soon(new QTimer(this))
    , m_shared(database.isPostgreSql())
{
    m_poll->setInterval(pollInterval);
    connect(m_poll, &QTimer::timeout, this, &QueueSync::poll);
    m_soon->setSingleShot(true);
    m_soon->setInterval(0);
    connect(m_soon, &QTimer::timeout, this, &QueueSync::syncDue);
    connect(m_channel, &QueueChannel::changedElsewhere, this, &QueueSync::heard);
}

QueueSync::~QueueSync() = default;

void QueueSync::start()
{
    if (!m_shared)
        return;
    m_channel->listen();
    m_poll->start();
}

void QueueSync::stop()
{
    m_poll->stop();
    m_soon->stop();
}

void QueueSync::poll()
{
    if (m_channel->stoppedListening() && m_channel->listen())
    {
        qCInfo(lcStorage) << "Listening for the other workers' changes again, after a lost connection";
        Q_EMIT announcementsMissed();
    }
    Q_EMIT syncDue();
}

void QueueSync::announce(const QString &kind, const QStringList &ids)
{
    if (!m_shared)
        return;
    // A big batch goes out in several payloads: an announcement without ids would only wake the
    // others, whose windows would then never show the rows (the poll counts rows, it does not
    // list them).
    QString payload = kind;
    for (const QString &id : ids)
    {
        if (payload.size() + 1 + id.size() > MaxPayload && payload.size() > kind.size())
        {
            m_channel->announce(payload);
            payload = kind;
        }
        payload += u' ' + id;
    }
    m_channel->announce(payload);
}

void QueueSync::heard(const QString &payload)
{
    QStringList words = payload.split(u' ', Qt::SkipEmptyParts);
    if (words.size() > 1)
    {
        const QString kind = words.takeFirst();
        Q_EMIT rowsAnnounced(kind, words);
    }
    m_soon->start();
}

QList<Download> QueueSync::changedElsewhere(const QList<Download> &runningElsewhere, QStringList &ended)
{
    QHash<QString, Seen> now;
    now.reserve(runningElsewhere.size());
    QList<Download> changed;
    for (const Download &row : runningElsewhere)
    {
        now.insert(row.id, {row.status, row.bytesDownloaded});
        const auto seen = m_elsewhere.constFind(row.id);
        if (seen == m_elsewhere.constEnd() || seen->status != row.status ||
            seen->bytes != row.bytesDownloaded)
            changed.append(row);
    }
    for (auto it = m_elsewhere.cbegin(); it != m_elsewhere.cend(); ++it)
    {
        if (!now.contains(it.key()))
            ended.append(it.key());
    }
    m_elsewhere = std::move(now);
    return changed;
}

} // namespace SoulSpot
