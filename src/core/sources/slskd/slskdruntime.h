// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloaderror.h"
#include "sources/slskd/slskdsearchahead.h"
#include "sources/slskd/slskdsource.h"
#include "sources/slskd/slskdtransferpoller.h"

#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QVersionNumber>

#include <atomic>
#include <functional>

namespace SoulSpot {

// slskd's downloads folder: where slskd says it is and where this machine sees it.
struct SlskdDirectories
{
    QString remote; // directories.downloads from GET /options; empty when unknown
    QString local;  // the configured folder, else the remote one
};

// What this slskd is and how it is set up: GET /application/version and GET /options.
struct SlskdDaemon
{
    QVersionNumber version;     // null when slskd did not say
    QString downloadsDirectory; // directories.downloads; empty when unknown
    QString optionsError;       // why GET /options could not be read; empty when it was
    int retryAttempts = 3;      // transfers.download.retry.attempts (0.26+; its default is 3)
    std::chrono::milliseconds longestBackoff{65000}; // retry.maxDelay plus retry.delay (the jitter)

    bool isAtLeast(int major, int minor) const;
    // 0.26+ has POST /transfers/downloads/batches (the classic route is obsolete there).
    bool hasBatches() const { return isAtLeast(0, 26); }
    // 0.26+ leaves a share root out of the local path; unknown versions are taken as new.
    bool stripsShareRoot() const { return version.isNull() || isAtLeast(0, 26); }
};

// A fixed number of slots that jobs in pool threads take turns at. Waiting for one stays
// responsive to a stop.
class SlskdGate final
{
    Q_DISABLE_COPY_MOVE(SlskdGate)

public:
    explicit SlskdGate(int slots)
        : m_free(qMax(1, slots))
    {
    }

    // Waits for a slot; false when `stopped` said stop first.
    bool acquire(const std::function<bool()> &stopped);
    void release() { m_free.release(); }
    bool isFull() const { return m_free.available() == 0; }

private:
    QSemaphore m_free;
};

// Holds a slot of a gate for a scope.
class SlskdGateLock final
{
    Q_DISABLE_COPY_MOVE(SlskdGateLock)

public:
    SlskdGateLock(SlskdGate &gate, const std::function<bool()> &stopped)
        : m_gate(gate)
        , m_held(gate.acquire(stopped))
    {
    }
    ~SlskdGateLock() { release(); }
    bool held() const { return m_held; }
    // Gives the slot back before the scope ends.
    void release()
    {
        if (m_held)
            m_gate.release();
        m_held = false;
    }

private:
    SlskdGate &m_gate;
    bool m_held;
};

// What the Soulseek jobs share: the options, the one transfer poller, the gates for searches, the
// searches made ahead,
// and what slskd is (version, settings, downloads folder) once known. Jobs hold it by shared_ptr, so it
// outlives the source while a job still runs.
struct SlskdRuntime
{
    explicit SlskdRuntime(SlskdOptions options);
    ~SlskdRuntime(); // the searches ahead end first: they use the gates

    // Marks a transfer as followed by one download. False when another download of this engine
    // follows it already (the same file chosen twice: slskd does not queue it twice).
    bool claimTransfer(const QString &transferId, const QString &downloadId);
    void releaseTransfer(const QString &transferId, const QString &downloadId);

    // Whether the transfer should be cancelled for a download that stopped while no job ran it:
    // not when a job follows it (the job cancels it itself), and only once.
    bool takeForDiscard(const QString &transferId);

    // Whether a transfer was cancelled through the poller for a download that was not running.
    bool wasDiscarded(const QString &transferId);

    // Asks slskd once, then answers from memory; an answer that could not be read is asked
    // again next time.
    SlskdDaemon daemon(SlskdClient &client);
    // slskd's downloads folder, from the settings or from slskd.
    std::optional<SlskdDirectories> directories(SlskdClient &client, DownloadError *error);

    // The batch route answered as a route slskd does not have (a proxy in front of it): the
    // classic route from now on.
    void refuseBatches() { m_batchesRefused = true; }
    bool batchesRefused() const { return m_batchesRefused; }

    const SlskdOptions options;
    SlskdTransferPoller poller;
    // Searches running in slskd at once: Soulseek.NET runs two and queues the rest.
    SlskdGate searches;
    // Our own requests that start a search, one at a time: slskd answers 429 to a second one
    // while the first is still being handled (only the request, not the search itself).
    SlskdGate searchStarts{1};
    // The next waiting downloads' searches, made while the download slots are busy.
    SlskdSearchAhead searchAhead{*this};

private:
    QMutex m_mutex;
    std::optional<SlskdDaemon> m_daemon; // guarded by m_mutex
    std::atomic<bool> m_batchesRefused{false};
    QHash<QString, QString> m_claims; // transfer id -> download id, guarded by m_mutex
    QSet<QString> m_discarded;        // guarded by m_mutex
};

} // namespace SoulSpot
