// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/slskd/slskdsource.h"
#include "sources/slskd/slskdtransferpoller.h"

#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QSet>

#include <functional>

namespace SoulSpot {

// slskd's downloads folder: where slskd says it is and where this machine sees it.
struct SlskdDirectories
{
    QString remote; // directories.downloads from GET /options; empty when unknown
    QString local;  // the configured folder, else the remote one
};

// What the Soulseek jobs share: the options, the one transfer poller, the gate that lets one
// search run at a time, and slskd's downloads folder once known. Jobs hold it by shared_ptr, so
// it outlives the source while a job still runs.
struct SlskdRuntime
{
    explicit SlskdRuntime(SlskdOptions options);

    // Waits for the search gate; false when `stopped` said stop first.
    bool acquireSearch(const std::function<bool()> &stopped);
    void releaseSearch();
    bool isSearchBusy();

    // Marks a transfer as followed by one download. False when another download of this engine
    // follows it already (the same file chosen twice: slskd does not queue it twice).
    bool claimTransfer(const QString &transferId, const QString &downloadId);
    void releaseTransfer(const QString &transferId, const QString &downloadId);

    // Whether the transfer should be cancelled for a download that stopped while no job ran it:
    // not when a job follows it (the job cancels it itself), and only once.
    bool takeForDiscard(const QString &transferId);

    // Asks slskd once (GET /options), then answers from memory.
    std::optional<SlskdDirectories> directories(SlskdClient &client, QString *error);

    const SlskdOptions options;
    SlskdTransferPoller poller;

private:
    QSemaphore m_searchGate{1};
    QMutex m_mutex;
    std::optional<SlskdDirectories> m_directories;
    QHash<QString, QString> m_claims; // transfer id -> download id, guarded by m_mutex
    QSet<QString> m_discarded;        // guarded by m_mutex
};

// Holds the search gate for a scope.
class SlskdSearchLock final
{
    Q_DISABLE_COPY_MOVE(SlskdSearchLock)

public:
    SlskdSearchLock(SlskdRuntime &runtime, const std::function<bool()> &stopped)
        : m_runtime(runtime)
        , m_held(runtime.acquireSearch(stopped))
    {
    }
    ~SlskdSearchLock()
    {
        if (m_held)
            m_runtime.releaseSearch();
    }
    bool held() const { return m_held; }

private:
    SlskdRuntime &m_runtime;
    bool m_held;
};

} // namespace SoulSpot
