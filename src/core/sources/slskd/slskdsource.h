// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "sources/downloadsource.h"
#include "sources/slskd/slskdclient.h"
#include "sources/slskd/slskdranking.h"

#include <chrono>
#include <memory>

namespace SoulSpot {

class Settings;
struct SlskdRuntime;

// How the Soulseek source works; the defaults suit a real slskd, tests shorten the waits.
struct SlskdOptions
{
    SlskdConnection connection;
    // slskd's downloads folder as seen from this machine; empty: asked from slskd (GET /options).
    QString downloadsDirectory;
    SlskdRankingOptions ranking;
    int maxCandidates = 5; // files tried per download before it fails
    int maxSearches = 2;   // searches at once (SLSKD__MAX_SEARCHES); Soulseek.NET runs 2, queues more
    // Downloads waiting for a slot whose search may run (or whose results may be kept) ahead of
    // their job, so that a job rarely spends its slot searching; 0: none.
    int searchAhead = 4;

    std::chrono::milliseconds pollInterval{1000};        // one GET /transfers/downloads per interval
    std::chrono::milliseconds searchPollInterval{500};   // while a running search is followed
    int searchTimeoutMs = 15000;                         // sent to slskd: inactivity timeout, in ms
    std::chrono::milliseconds searchMaxDuration{180000}; // then the search is cancelled
    // After our cancel (or once slskd calls the search complete), how long endedAt may take
    // before the search is taken as done without it (slskd's last write can fail).
    std::chrono::milliseconds searchFinalizeGrace{60000};
    std::chrono::milliseconds busyWait{60000}; // how long 429 to a search start is waited out
    // 429 to an enqueue (more than two at once in slskd, ours or another client's): asked again
    // after enqueueBusyRetry, for up to enqueueBusyWait, within the same try.
    std::chrono::milliseconds enqueueBusyRetry{2000};
    std::chrono::milliseconds enqueueBusyWait{300000};
    std::chrono::milliseconds requestTimeout{15000};
    std::chrono::milliseconds enqueueTimeout{60000}; // slskd connects to the peer before answering
    // A failed state slskd will still retry is not final; this long past slskd's longest
    // back-off without a change, it is (slskd may have gone away meanwhile).
    std::chrono::milliseconds retryGrace{60000};
    std::chrono::milliseconds positionInterval{60000};  // GET .../position per waiting transfer
    std::chrono::milliseconds fileAppearTimeout{60000}; // the file is moved after "Succeeded"
    std::chrono::milliseconds eventGrace{2000};         // wait this long for slskd's event before guessing

    // From the validated settings; an error when SLSKD__URL is not a http(s) URL.
    static Result<SlskdOptions> fromSettings(const Settings &settings);
};

// The second DownloadSource: tracks without a URL (or with a slsk: link) are searched on Soulseek
// through slskd, the best file is chosen (SlskdRanking), enqueued in slskd, followed, and the
// finished file is moved into the download folder. Up to SlskdOptions::maxSearches searches run
// at once (slskd runs two and queues the rest), their start requests one after the other (slskd
// refuses a second while it handles the first), and one poller follows every running transfer
// with a single request per interval. While the slots are busy, the next waiting downloads are
// searched ahead (SlskdSearchAhead), so that their jobs start with the results at hand.
class SlskdSource final : public DownloadSource
{
public:
    explicit SlskdSource(SlskdOptions options);
    ~SlskdSource() override;

    QString name() const override;
    bool accepts(const Track &track) const override;
    std::unique_ptr<TransferJob> createJob(const TransferRequest &request) override;
    void setWaitingDownloads(WaitingDownloads waiting) override;
    void waitingChanged() override;

    // A download paused, cancelled or failed while no job ran it (waiting for a retry, or queued
    // after a restart) may still have a transfer running in slskd: cancels it there.
    void downloadLeftQueue(const Download &download) override;
    // "user: file" of the Soulseek file chosen, or the track's URL before one is.
    QString describe(const Download &download, const Track &track) const override;

    // Polls of slskd's transfer list made so far, and those brought forward to a predicted end.
    quint64 pollCount() const;
    quint64 earlyPollCount() const;
    // Searches made ahead of their jobs, and results a job used from one.
    int searchesAhead() const;
    int searchesAheadUsed() const;

private:
    // Tells the search ahead which Soulseek downloads come next.
    void planSearches();

    std::shared_ptr<SlskdRuntime> m_runtime;
    WaitingDownloads m_waiting;
};

} // namespace SoulSpot
