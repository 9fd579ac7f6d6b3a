// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdtransferpoller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace SoulSpot {

// Lives in the poller's thread: owns the network manager and the timer.
class SlskdTransferPoller::Worker final : public QObject
{
    Q_OBJECT

public:
    Worker(SlskdTransferPoller &owner, SlskdConnection connection, std::chrono::milliseconds interval)
        : m_owner(owner)
        , m_connection(std::move(connection))
        , m_interval(interval)
    {
    }

    void start()
    {
        m_network = new QNetworkAccessManager(this);
        m_timer = new QTimer(this);
        // Precise: a coarse timer may fire early, and "one request per interval" is a promise.
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(m_interval);
        connect(m_timer, &QTimer::timeout, this, [this] { poll(false); });
        m_timer->start();
        m_early = new QTimer(this);
        m_early->setTimerType(Qt::PreciseTimer);
        m_early->setSingleShot(true);
        connect(m_early, &QTimer::timeout, this, [this] { poll(true); });
    }

    void discard(const QString &username, const QString &transferId)
    {
        const QUrl url = m_connection.apiUrl(Slskd::downloadsPath(username, transferId));
        QNetworkReply *reply = m_network->sendCustomRequest(m_connection.request(url), "DELETE");
        connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
            reply->deleteLater();
            hideWhenCompleted(url, hideChecks);
        });
    }

private:
    static constexpr int hideChecks = 25;
    static constexpr int hideCheckMs = 200;
    // An early poll comes at least this long after the last answer, and this long after the
    // predicted end: slskd writes the final state a moment after the last byte.
    static constexpr std::chrono::milliseconds minEarlyPoll{50};
    static constexpr std::chrono::milliseconds endMargin{15};

    // Cancelling is asynchronous, and remove=true hides only a completed transfer: look again
    // until slskd calls it completed.
    void hideWhenCompleted(const QUrl &url, int checksLeft)
    {
        QNetworkReply *reply = m_network->get(m_connection.request(url));
        connect(reply, &QNetworkReply::finished, this, [this, reply, url, checksLeft] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                return;
            const SlskdTransfer transfer =
                SlskdTransfer::fromJson(QJsonDocument::fromJson(reply->readAll()).object());
            if (transfer.isCompleted())
            {
                if (transfer.removed)
                    return;
                QUrl hide = url;
                hide.setQuery(QUrlQuery{{u"remove"_s, u"true"_s}});
                QNetworkReply *hidden = m_network->sendCustomRequest(m_connection.request(hide), "DELETE");
                connect(hidden, &QNetworkReply::finished, hidden, &QObject::deleteLater);
                return;
            }
            if (checksLeft > 0)
                QTimer::singleShot(hideCheckMs, this,
                                   [this, url, checksLeft] { hideWhenCompleted(url, checksLeft - 1); });
        });
    }

    void poll(bool early)
    {
        if (m_inFlight || m_owner.followedIds().isEmpty())
            return;
        // Every poll starts the interval anew, so an early one adds a request only at a predicted
        // end and the regular ones stay one per interval.
        m_early->stop();
        m_timer->start();
        if (early)
            m_owner.countEarlyPoll();
        QNetworkRequest request = m_connection.request(m_connection.apiUrl(u"/transfers/downloads"_s));
        request.setTransferTimeout(int(qMax<qint64>(m_interval.count() * 10, 10000)));
        QNetworkReply *reply = m_network->get(request);
        m_inFlight = true;
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            m_inFlight = false;
            handleReply(reply);
        });
    }

    void handleReply(QNetworkReply *reply)
    {
        SlskdReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.networkError = reply->error();
        result.networkErrorText = reply->errorString();
        result.body = reply->readAll();
        QHash<QString, SlskdTransfer> transfers;
        if (result.ok())
        {
            const QStringList followed = m_owner.followedIds();
            const QSet<QString> wanted(followed.cbegin(), followed.cend());
            // [{username, directories:[{directory, files:[Transfer]}]}]
            for (const QJsonValue &user : result.json().array())
            {
                for (const QJsonValue &directory : user.toObject().value("directories"_L1).toArray())
                {
                    for (const QJsonValue &file : directory.toObject().value("files"_L1).toArray())
                    {
                        const QJsonObject object = file.toObject();
                        const QString id = object.value("id"_L1).toString();
                        if (wanted.contains(id))
                            transfers.insert(id, SlskdTransfer::fromJson(object));
                    }
                }
            }
            result.body.clear(); // only failures are kept
            scheduleEarlyPoll(transfers);
        }
        m_owner.publish(result, std::move(transfers));
    }

    // A running transfer that should end before the next regular poll brings that poll forward
    // to its predicted end: the end is noticed within milliseconds instead of half an interval
    // on average, while a slskd whose transfers are far from ending is polled no more often.
    void scheduleEarlyPoll(const QHash<QString, SlskdTransfer> &transfers)
    {
        std::optional<std::chrono::milliseconds> soonest;
        QHash<QString, qint64> bytesSeen;
        for (const SlskdTransfer &transfer : transfers)
        {
            bytesSeen.insert(transfer.id, transfer.bytesTransferred);
            // A stalled transfer keeps its last average speed in slskd and would predict the same
            // near end poll after poll: only one that moved since the last poll is trusted.
            const auto before = m_bytesSeen.constFind(transfer.id);
            if (before != m_bytesSeen.constEnd() && *before == transfer.bytesTransferred)
                continue;
            const std::optional<std::chrono::milliseconds> end = transfer.expectedEndIn();
            if (end && (!soonest || *end < *soonest))
                soonest = end;
        }
        m_bytesSeen = std::move(bytesSeen);
        if (!soonest)
            return;
        const std::chrono::milliseconds delay = qBound(minEarlyPoll, *soonest + endMargin, m_interval);
        if (delay.count() < m_timer->remainingTime())
            m_early->start(delay);
    }

    SlskdTransferPoller &m_owner;
    SlskdConnection m_connection;
    std::chrono::milliseconds m_interval;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QTimer *m_early = nullptr;          // a poll brought forward to a predicted end
    QHash<QString, qint64> m_bytesSeen; // by the last poll, per followed transfer
    bool m_inFlight = false;
};

SlskdTransferPoller::SlskdTransferPoller(SlskdConnection connection, std::chrono::milliseconds interval)
{
    m_thread.setObjectName(u"slskd-poller"_s);
    m_worker = new Worker(*this, std::move(connection), interval);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->start(); }, Qt::QueuedConnection);
}

SlskdTransferPoller::~SlskdTransferPoller()
{
    // Deleted in its own thread, where its timer and network manager live.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SlskdTransferPoller::follow(const QString &transferId)
{
    QMutexLocker lock(&m_mutex);
    m_followed[transferId] += 1;
}

void SlskdTransferPoller::unfollow(const QString &transferId)
{
    QMutexLocker lock(&m_mutex);
    auto found = m_followed.find(transferId);
    if (found == m_followed.end())
        return;
    if (--found.value() <= 0)
    {
        m_followed.erase(found);
        m_latest.remove(transferId);
    }
}

SlskdTransferPoller::Update SlskdTransferPoller::waitForUpdate(const QString &transferId,
                                                               quint64 afterGeneration, int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_generation <= afterGeneration)
        m_changed.wait(&m_mutex, QDeadlineTimer(timeoutMs));
    Update update;
    update.generation = m_generation;
    if (m_generation <= afterGeneration)
    {
        update.generation = afterGeneration;
        return update;
    }
    update.pollFailed = m_lastFailed;
    update.failure = m_lastFailure;
    if (const auto found = m_latest.constFind(transferId); found != m_latest.constEnd())
        update.transfer = *found;
    return update;
}

void SlskdTransferPoller::discard(const QString &username, const QString &transferId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, username, transferId] { worker->discard(username, transferId); },
        Qt::QueuedConnection);
}

quint64 SlskdTransferPoller::pollCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_generation;
}

quint64 SlskdTransferPoller::earlyPollCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_earlyPolls;
}

void SlskdTransferPoller::countEarlyPoll()
{
    QMutexLocker lock(&m_mutex);
    ++m_earlyPolls;
}

QStringList SlskdTransferPoller::followedIds() const
{
    QMutexLocker lock(&m_mutex);
    return m_followed.keys();
}

void SlskdTransferPoller::publish(const SlskdReply &reply, QHash<QString, SlskdTransfer> transfers)
{
    QMutexLocker lock(&m_mutex);
    m_lastFailed = !reply.ok();
    m_lastFailure = m_lastFailed ? reply : SlskdReply();
    if (!m_lastFailed)
        m_latest = std::move(transfers);
    ++m_generation;
    m_changed.wakeAll();
}

} // namespace SoulSpot

#include "slskdtransferpoller.moc"
