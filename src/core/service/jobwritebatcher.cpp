// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobwritebatcher.h"

#include "storage/database.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"

#include <QThread>

#include <algorithm>

namespace SoulSpot {

namespace {

// More rows than this go in several statements: the number of texts prepared per connection (one
// per row count) stays bounded even when many jobs finish at once.
constexpr size_t MaxRowsPerStatement = 32;

} // namespace

JobWriteBatcher::JobWriteBatcher(Database &database)
    : m_database(database)
    // Made here, in the owner's thread (a pool thread that asks first may end before the batcher).
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(QStringLiteral("JobWriteBatcher"));
}

JobWriteBatcher::~JobWriteBatcher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_asked.notify_one();
    m_thread->wait();
}

void JobWriteBatcher::setLease(const QString &workerName, int leaseSeconds)
{
    std::lock_guard lock(m_mutex);
    m_workerName = workerName;
    m_leaseSeconds = leaseSeconds;
}

bool JobWriteBatcher::storeTargetPathAndVersion(const JobFileState &state)
{
    return ask(Kind::TargetPathAndVersion, state);
}

bool JobWriteBatcher::confirmLeaseStoringVersion(const JobFileState &state)
{
    return ask(Kind::LeaseAndVersion, state);
}

int JobWriteBatcher::statementsRun() const
{
    std::lock_guard lock(m_mutex);
    return m_statements;
}

int JobWriteBatcher::asksUnanswered() const
{
    std::lock_guard lock(m_mutex);
    return m_unanswered;
}

bool JobWriteBatcher::ask(Kind kind, const JobFileState &state)
{
    Ask asked{kind, state};
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return false;
    if (!m_started)
    {
        m_thread->start();
        m_started = true;
    }
    m_waiting.push_back(&asked);
    ++m_unanswered;
    m_asked.notify_one();
    m_answered.wait(lock, [&asked] { return asked.answered; });
    return asked.written;
}

void JobWriteBatcher::run()
{
    std::unique_lock lock(m_mutex);
    while (true)
    {
        m_asked.wait(lock, [this] { return !m_waiting.empty() || m_stopping; });
        if (m_waiting.empty())
            break;
        std::vector<Ask *> asks;
        asks.swap(m_waiting);
        const QString workerName = m_workerName;
        const int leaseSeconds = m_leaseSeconds;
        lock.unlock();
        // Whatever was asked while the last statement ran goes in the next one.
        write(asks, Kind::TargetPathAndVersion, workerName, leaseSeconds);
        write(asks, Kind::LeaseAndVersion, workerName, leaseSeconds);
        lock.lock();
        for (Ask *asked : asks)
            asked->answered = true;
        m_unanswered -= int(asks.size());
        m_answered.notify_all();
    }
    lock.unlock();
    m_database.releaseThreadConnection();
}

void JobWriteBatcher::write(const std::vector<Ask *> &asks, Kind kind, const QString &workerName,
                            int leaseSeconds)
{
    std::vector<Ask *> ofKind;
    for (Ask *asked : asks)
    {
        if (asked->kind == kind)
            ofKind.push_back(asked);
    }
    for (size_t first = 0; first < ofKind.size(); first += MaxRowsPerStatement)
    {
        const size_t end = std::min(ofKind.size(), first + MaxRowsPerStatement);
        QList<JobFileState> states;
        states.reserve(qsizetype(end - first));
        for (size_t i = first; i < end; ++i)
            states.append(ofKind[i]->state);
        Result<QSet<QString>> written =
            kind == Kind::TargetPathAndVersion
                ? DownloadRepository(m_database).setTargetPathsAndResumeStates(states)
                : QueueClaims(m_database, workerName, leaseSeconds).confirmLeasesStoringVersions(states);
        {
            std::lock_guard lock(m_mutex);
            ++m_statements;
        }
        // A failed statement wrote nothing: every job of it hears false and stops as it would have
        // on its own connection.
        if (!written)
            qCWarning(lcStorage) << written.error().message;
        for (size_t i = first; i < end; ++i)
            ofKind[i]->written = written && written->contains(ofKind[i]->state.downloadId);
    }
}

} // namespace SoulSpot
