// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "downloadaction.h"
#include "downloadstatus.h"

#include <QString>

namespace SoulSpot {

// What an action does to a download in a given status.
struct Transition
{
    enum class Kind
    {
        Change,    // the status becomes `next`
        NoOp,      // allowed, nothing changes (200 with the current status)
        Forbidden, // makes no sense in this status (409)
        Delete     // the download leaves the list: no status follows (`next == from`)
    };
    Kind kind = Kind::Forbidden;
    DownloadStatus next = DownloadStatus::Queued;

    bool isAllowed() const { return kind != Kind::Forbidden; }
    // Whether the download is changed (its status, priority ...) or deleted: what a front end
    // offers an action for.
    bool changesSomething() const { return kind == Kind::Change || kind == Kind::Delete; }
};

// API.md's state table, one row per status. For SetPriority an allowed change keeps the status
// (`next == from`). Resume of a paused download yields Queued; the queue may start it at once.
// Remove is Delete in every status: a running transfer is stopped first (see DownloadService).
Transition transition(DownloadStatus from, DownloadAction action);

// The reason given when `transition(from, action)` is forbidden, e.g. "cannot pause a completed
// download".
QString forbiddenReason(DownloadStatus from, DownloadAction action);

} // namespace SoulSpot
