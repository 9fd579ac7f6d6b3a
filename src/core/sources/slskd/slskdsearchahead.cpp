// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdsearchahead.h"

#include "slskdclient.h"
#include "slskdruntime.h"
#include "slskdsearch.h"

#include <QDeadlineTimer>
#include <QSet>

namespace SoulSpot {

namespace {

constexpr int waitSliceMs = 50; // how often a job waiting for a search ahead looks at its stop

} // namespace

SlskdSearchAhead::SlskdSearchAhead(SlskdRuntime &runtime)
    : m_runtime(runtime)
{
    // One thread per search ahead: a search holds its thread until slskd has stored its results,
    // a while after it gave its place in slskd (the search gate) to the next one.
    m_pool.setMaxThreadCount(qMax(1, runtime.options.searchAhead));
}

SlskdSearchAhead::~SlskdSearchAhead()
{
    stop();
}

void SlskdSearchAhead::plan(const QList<Planned> &next)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping || m_runtime.options.searchAhead <= 0)
        return;
    // The window: the first downloads no job has taken yet.
    m_plan.clear();
    QSet<QString> planned;
    for (const Planned &entry : next)
    {
        if (m_plan.size() >= m_runtime.options.searchAhead)
            break;
        if (m_entries.value(entry.downloadId).claimed)
            continue;
        m_plan.append(entry);
        planned.insert(entry.downloadId);
    }
    for (const QString &id : m_entries.keys())
    {
        if (!m_entries.value(id).claimed && !planned.contains(id))
            erase(id);
    }
    startWorkers();
}

void SlskdSearchAhead::claim(const QString &downloadId)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_entries.find(downloadId);
    if (found == m_entries.end())
    {
        Entry taken; // nothing searched for it: the job searches itself
        taken.state = State::Taken;
        taken.claimed = true;
        m_entries.insert(downloadId, taken);
    }
    else
        found->claimed = true; // searching or searched: kept for the job's take()
    m_plan.removeIf([&](const Planned &planned) { return planned.downloadId == downloadId; });
    startWorkers(); // its place in the window is free
}

void SlskdSearchAhead::drop(const QString &downloadId)
{
    QMutexLocker lock(&m_mutex);
    m_plan.removeIf([&](const Planned &planned) { return planned.downloadId == downloadId; });
    erase(downloadId);
    m_changed.wakeAll();
    startWorkers(); // its place in the window is free
}

std::optional<QJsonArray> SlskdSearchAhead::take(const QString &downloadId, const QString &searchText,
                                                 const std::function<bool()> &stopped)
{
    QMutexLocker lock(&m_mutex);
    while (true)
    {
        const auto found = m_entries.find(downloadId);
        if (found == m_entries.end())
            return std::nullopt; // dropped meanwhile
        if (found->state != State::Searching)
            break;
        if (stopped())
            return std::nullopt;
        m_changed.wait(&m_mutex, QDeadlineTimer(waitSliceMs));
    }
    Entry &entry = m_entries[downloadId];
    const bool usable = entry.state == State::Ready && entry.searchText == searchText;
    // From now on the job searches itself, if it must: nothing more ahead for it.
    const QJsonArray responses = std::exchange(entry.responses, {});
    entry.state = State::Taken;
    entry.claimed = true;
    if (!usable)
        return std::nullopt;
    m_used.fetch_add(1);
    return responses;
}

void SlskdSearchAhead::release(const QString &downloadId)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_entries.constFind(downloadId);
    if (found != m_entries.cend() && found->claimed)
        erase(downloadId);
}

void SlskdSearchAhead::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_plan.clear();
        for (Entry &entry : m_entries)
            entry.cancelled->store(true);
        m_changed.wakeAll();
    }
    m_pool.waitForDone();
}

void SlskdSearchAhead::startWorkers()
{
    if (m_stopping)
        return;
    const int window = m_runtime.options.searchAhead;
    qsizetype ahead = 0; // searched or being searched, not yet claimed by a job
    for (const Entry &entry : std::as_const(m_entries))
        ahead += entry.claimed ? 0 : 1;
    qsizetype pending = 0;
    for (const Planned &planned : std::as_const(m_plan))
        pending += m_entries.contains(planned.downloadId) ? 0 : 1;
    // A worker that finds nothing to do within the window ends (nextToSearch).
    const qsizetype wanted = qMin(pending, window - ahead);
    for (qsizetype i = 0; i < wanted && m_workers < window; ++i)
    {
        ++m_workers;
        m_pool.start([this] { work(); });
    }
}

void SlskdSearchAhead::work()
{
    while (true)
    {
        std::shared_ptr<std::atomic<bool>> cancelled;
        const std::optional<Planned> next = nextToSearch(&cancelled);
        if (!next)
            return;
        search(*next, cancelled);
    }
}

std::optional<SlskdSearchAhead::Planned>
SlskdSearchAhead::nextToSearch(std::shared_ptr<std::atomic<bool>> *cancelled)
{
    QMutexLocker lock(&m_mutex);
    qsizetype ahead = 0;
    for (const Entry &entry : std::as_const(m_entries))
        ahead += entry.claimed ? 0 : 1;
    if (!m_stopping && ahead < m_runtime.options.searchAhead)
    {
        for (const Planned &planned : std::as_const(m_plan))
        {
            if (m_entries.contains(planned.downloadId))
                continue;
            Entry &entry = m_entries[planned.downloadId];
            entry.searchText = planned.searchText;
            *cancelled = entry.cancelled;
            return planned;
        }
    }
    --m_workers;
    return std::nullopt;
}

void SlskdSearchAhead::search(const Planned &planned, const std::shared_ptr<std::atomic<bool>> &cancelled)
{
    SlskdClient client(m_runtime.options.connection, &Slskd::threadNetworkManager());
    client.setAbortCheck([cancelled] { return cancelled->load(); });
    std::optional<QJsonArray> responses;
    {
        SlskdGateLock lock(m_runtime.searches, [cancelled] { return cancelled->load(); });
        if (lock.held())
        {
            m_started.fetch_add(1);
            SlskdSearch search(client, m_runtime.options, m_runtime.searchStarts);
            std::variant<QJsonArray, TransferOutcome> result =
                search.run(planned.searchText, [&lock] { lock.release(); });
            if (const QJsonArray *found = std::get_if<QJsonArray>(&result))
                responses = *found;
        }
    }
    QMutexLocker lock(&m_mutex);
    const auto found = m_entries.find(planned.downloadId);
    // Dropped meanwhile (and maybe planned again since: that is another entry, with its own flag).
    if (found == m_entries.end() || found->cancelled != cancelled)
        return;
    found->state = responses ? State::Ready : State::Failed;
    found->responses = responses.value_or(QJsonArray());
    m_changed.wakeAll();
}

void SlskdSearchAhead::erase(const QString &downloadId)
{
    const auto found = m_entries.find(downloadId);
    if (found == m_entries.end())
        return;
    found->cancelled->store(true);
    m_entries.erase(found);
}

} // namespace SoulSpot
