// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

namespace SoulSpot {

// Why a running transfer was asked to stop. None of them uses up a retry.
enum class StopReason
{
    Paused,      // the user paused this download: it becomes `paused`
    QueuePaused, // the whole queue was paused: it goes back to `queued`
    Cancelled,   // the user cancelled: the partial file is removed by the service
    Shutdown,    // the program is exiting: it goes back to `queued`
    LeaseLost    // this worker no longer holds the download (its lease expired): the row is left
                 // to the worker that took it over, and the transfer never completes here
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::StopReason)
