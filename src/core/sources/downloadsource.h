// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/track.h"
#include "queue/transferrequest.h"

#include <QString>

#include <QList>

#include <functional>
#include <memory>

namespace SoulSpot {

class TransferJob;

// A download waiting for a slot, with its track as stored.
struct WaitingDownload
{
    Download download;
    Track track;
};

// The next `count` (at most) downloads waiting to start, in queue order, without those running.
// Installed by the service; called in the main thread only.
using WaitingDownloads = std::function<QList<WaitingDownload>(int count)>;

// A kind of place bytes come from (HTTP(S), Soulseek through slskd). Lives in the main thread;
// the jobs it makes run in pool threads.
class DownloadSource
{
public:
    virtual ~DownloadSource() = default;

    // A short name for logs and the UI: "http", "slskd".
    virtual QString name() const = 0;
    // Whether this source handles the download of `track` (decided by its source URL).
    virtual bool accepts(const Track &track) const = 0;
    virtual std::unique_ptr<TransferJob> createJob(const TransferRequest &request) = 0;

    // The service stored `download` as paused, cancelled or failed: no job of this source runs it
    // any more, but the source may still hold something for it elsewhere (a transfer in slskd
    // after a restart, or while a retry waits). Called for every source, possibly more than once
    // for one download, so it must check whether the download is its own and be idempotent.
    virtual void downloadLeftQueue(const Download &download) { Q_UNUSED(download); }

    // How to learn which downloads start next, so that a source can prepare them before a slot
    // frees (Soulseek searches ahead). The service installs it when it adds the source.
    virtual void setWaitingDownloads(WaitingDownloads waiting) { Q_UNUSED(waiting); }
    // The downloads waiting to start changed (added, resumed, reordered, or gone): once per batch.
    virtual void waitingChanged() {}

    // Where the bytes of `download` come from, for people (the window's tooltip): by default the
    // source's note about the transfer, or the track's URL.
    virtual QString describe(const Download &download, const Track &track) const
    {
        Q_UNUSED(track);
        return download.sourceInfo.isEmpty() ? download.sourceUrl : download.sourceInfo;
    }
};

} // namespace SoulSpot
