// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, its queue: the JobQueue takes its waiting downloads from the database, claim by
// claim (SharedQueue below), so nothing waiting is held in memory and every worker on the same
// database takes from the one queue. The use cases are in downloadservice.cpp.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "queue/transferjob.h"
#include "queue/transferrequest.h"
#include "service/sourceregistry.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"

namespace SoulSpot {

namespace {

// The waiting list of the service's JobQueue. What the queue adds, removes or reorders is
// already in the rows (the service wrote them), so those are no-ops here; a start is a claim.
class SharedQueue : public WaitingList
{
public:
    // Nothing is claimed while `started` is false (the JobQueue asks as soon as it is set up).
    SharedQueue(QueueClaims &claims, const bool &started);

    void add(const QueueEntry &entry) override;
    void retryDue(const QueueEntry &entry) override;
    std::optional<QueueEntry> takeNext() override;
    void runEnded(const QString &downloadId) override;
    bool remove(const QString &downloadId) override;
    void setPriority(const QString &downloadId, int priority) override;
    void setPriorityEnabled(bool enabled) override { m_byPriority = enabled; }

    bool contains(const QString &downloadId) const override;
    // True once a claim found nothing, until something is added again.
    bool isEmpty() const override { return m_exhausted; }
    qsizetype size() const override { return 0; }
    QStringList ids() const override { return {}; }

private:
    QueueClaims &m_claims;
    const bool &m_started;
    bool m_byPriority = true;
    bool m_exhausted = false;
};

SharedQueue::SharedQueue(QueueClaims &claims, const bool &started)
    : m_claims(claims)
    , m_started(started)
{
}
void SharedQueue::add(const QueueEntry &entry)
{
    Q_UNUSED(entry);
    m_exhausted = false;
}

void SharedQueue::retryDue(const QueueEntry &entry)
{
    if (Status ended = m_claims.endRetryWait(entry.id); !ended)
        qCWarning(lcStorage) << ended.error().message;
    m_exhausted = false;
}

std::optional<QueueEntry> SharedQueue::takeNext()
{
    if (!m_started)
        return std::nullopt;
    const Result<std::optional<ClaimedDownload>> claimed = m_claims.claimNext(m_byPriority);
    if (!claimed)
    {
        // Nothing starts now; the next end, enqueue or retry asks again.
        qCWarning(lcStorage) << claimed.error().message;
        return std::nullopt;
    }
    m_exhausted = !claimed->has_value();
    if (m_exhausted)
        return std::nullopt;
    const ClaimedDownload &row = **claimed;
    return QueueEntry{row.id,       row.priority, row.createdAt.toMSecsSinceEpoch(),
                      row.sequence, row.attempts, row.maxRetries};
}

void SharedQueue::runEnded(const QString &downloadId)
{
    if (Status released = m_claims.release(downloadId); !released)
        qCWarning(lcStorage) << released.error().message;
}

bool SharedQueue::remove(const QString &downloadId)
{
    // The row's new status (paused, cancelled, removed) already keeps it from being claimed.
    Q_UNUSED(downloadId);
    return false;
}

void SharedQueue::setPriority(const QString &downloadId, int priority)
{
    // The row's priority is the order; the service writes it.
    Q_UNUSED(downloadId);
    Q_UNUSED(priority);
}

bool SharedQueue::contains(const QString &downloadId) const
{
    Q_UNUSED(downloadId);
    return false;
}

} // namespace

JobQueue *DownloadService::makeQueue()
{
    return new JobQueue(
        [this](const QString &id) {
            const SegmentLimits segments{m_options.connectionsPerDownload,
                                         qint64(m_options.minSegmentSizeMib) * 1024 * 1024};
            return m_sources->createJob(id, m_options.downloadDirectory, segments);
        },
        std::make_unique<SharedQueue>(*m_claims, m_started), this);
}

} // namespace SoulSpot
