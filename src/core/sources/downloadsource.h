// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/track.h"
#include "queue/transferrequest.h"

#include <QString>

#include <memory>

namespace SoulSpot {

class TransferJob;

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

    // Where the bytes of `download` come from, for people (the window's tooltip): by default the
    // source's note about the transfer, or the track's URL.
    virtual QString describe(const Download &download, const Track &track) const
    {
        Q_UNUSED(track);
        return download.sourceInfo.isEmpty() ? download.sourceUrl : download.sourceInfo;
    }
};

} // namespace SoulSpot
