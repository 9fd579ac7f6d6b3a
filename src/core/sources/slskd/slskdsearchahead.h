// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace SoulSpot {

struct SlskdRuntime;

// Searches on Soulseek for the downloads that start next while the download slots are busy, so
// that a job finds its results ready instead of spending its slot on the search. The main thread
// says which downloads come next (plan) and which one a job is about to take (claim); the jobs
// take the results (take) in their pool threads.
//
// Bounded: at most SlskdOptions::searchAhead downloads are searched or kept ahead of their jobs,
// and the searches share the runtime's search gate with the jobs, so no more run in slskd at once
// than SlskdOptions::maxSearches. A download is never searched twice at once: a job whose
// download is being searched ahead waits for that search, and nothing is searched ahead for a
// download a job already took. A download that leaves the plan (removed, paused, cancelled, or
// overtaken by others) before a job claims it loses its search: cancelled in slskd if running,
// its results dropped.
class SlskdSearchAhead final
{
    Q_DISABLE_COPY_MOVE(SlskdSearchAhead)

public:
    // A download to search for ahead of its job.
    struct Planned
    {
        QString downloadId;
        QString searchText;
    };

    explicit SlskdSearchAhead(SlskdRuntime &runtime);
    ~SlskdSearchAhead(); // stop()

    // Main thread: the downloads waiting next, in queue order. Starts searches for the first
    // ones not searched yet; drops what was prepared for downloads no longer in it.
    void plan(const QList<Planned> &next);
    // Main thread: a job for the download is being made: what was searched for it is kept for
    // that job, and nothing more is searched ahead for it until release().
    void claim(const QString &downloadId);
    // Main thread: the download left the queue: its search ahead is cancelled, its results dropped.
    void drop(const QString &downloadId);

    // A job's thread: the responses searched ahead for its download, if they were searched for
    // `searchText`; waits for a search still running (false from `stopped` ends the wait).
    // nullopt: none, the job searches itself.
    std::optional<QJsonArray> take(const QString &downloadId, const QString &searchText,
                                   const std::function<bool()> &stopped);
    // A job's thread: the job for the download is over.
    void release(const QString &downloadId);

    // Cancels the running searches (in slskd too) and waits for them. Nothing starts afterwards.
    void stop();

    // Results a job took from a search ahead, and searches ahead started; for tests and the bench.
    int used() const { return m_used.load(); }
    int started() const { return m_started.load(); }

private:
    enum class State
    {
        Searching,
        Ready,  // responses kept for the job
        Failed, // the job searches itself (and finds out why)
        Taken   // a job took the download (claim) before anything was searched for it
    };
    struct Entry
    {
        State state = State::Searching;
        QString searchText;
        QJsonArray responses;
        bool claimed = false;
        std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
    };

    void startWorkers(); // m_mutex held
    void work();
    std::optional<Planned> nextToSearch(std::shared_ptr<std::atomic<bool>> *cancelled);
    void search(const Planned &planned, const std::shared_ptr<std::atomic<bool>> &cancelled);
    void erase(const QString &downloadId); // m_mutex held: cancels a running search

    SlskdRuntime &m_runtime;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    QList<Planned> m_plan;           // guarded by m_mutex
    QHash<QString, Entry> m_entries; // guarded by m_mutex
    int m_workers = 0;               // guarded by m_mutex
    bool m_stopping = false;         // guarded by m_mutex
    std::atomic<int> m_used{0};
    std::atomic<int> m_started{0};
    QThreadPool m_pool;
};

} // namespace SoulSpot
