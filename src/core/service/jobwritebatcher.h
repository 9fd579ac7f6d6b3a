// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace SoulSpot {

class Database;
struct JobFileState;

// The two writes every job makes to its download's row, gathered from all running jobs and made
// together (a group commit): what the first answer told (the file's path and version, before the
// partial file exists) and, with several workers, the lease check that stores the version before
// the file takes its final name. A job asks and waits for its own answer, so what it may do next
// is decided as before; meanwhile the others' asks collect, and the next statement takes them all.
//
// Why: ten transfers of tiny files made two round trips each on ten connections of their own
// (one per job thread: ten server processes per worker). Now a worker makes a fraction of the
// statements on one connection, which is what lets several workers share two cores (issue #11).
//
// Any thread asks; the statements run on a thread of the batcher's own, with its connection,
// started at the first ask (a registry that runs no job starts none).
class JobWriteBatcher final
{
    Q_DISABLE_COPY_MOVE(JobWriteBatcher)

public:
    explicit JobWriteBatcher(Database &database);
    // Makes what was asked before it, then ends its thread. No job may ask any more.
    ~JobWriteBatcher();

    // The worker whose leases confirmLeaseStoringVersion() checks (several workers only).
    void setLease(const QString &workerName, int leaseSeconds);

    // DownloadRepository::setTargetPathsAndResumeStates for one download. False when the row
    // was not written (gone, or the database failed).
    bool storeTargetPathAndVersion(const JobFileState &state);
    // QueueClaims::confirmLeasesStoringVersions for one download: true only when this worker
    // still holds its lease (then the version is stored).
    bool confirmLeaseStoringVersion(const JobFileState &state);

    // For tests: how many statements the batcher has run (fewer than the asks, when jobs asked at
    // once), and how many asks wait for their answer (queued or in the running statement).
    int statementsRun() const;
    int asksUnanswered() const;

private:
    enum class Kind
    {
        TargetPathAndVersion,
        LeaseAndVersion,
    };
    // One job's ask; lives on the asking thread's stack until answered.
    struct Ask
    {
        Kind kind;
        const JobFileState &state;
        bool answered = false;
        bool written = false;
    };

    bool ask(Kind kind, const JobFileState &state);
    void run();
    void write(const std::vector<Ask *> &asks, Kind kind, const QString &workerName, int leaseSeconds);

    Database &m_database;
    mutable std::mutex m_mutex;
    std::condition_variable m_asked;    // the writer waits for asks
    std::condition_variable m_answered; // the jobs wait for their answers
    std::vector<Ask *> m_waiting;
    QString m_workerName;
    int m_leaseSeconds = 30;
    int m_statements = 0;
    int m_unanswered = 0;
    bool m_stopping = false;
    bool m_started = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace SoulSpot
