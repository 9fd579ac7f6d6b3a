// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/track.h"

#include <QString>

#include <functional>

namespace SoulSpot {

// Everything a source needs to make one attempt at a download. Built by the service in the main
// thread from the database; the job then runs in a pool thread with its own copy.
struct TransferRequest
{
    Download download;
    Track track;
    QString downloadDirectory; // absolute; the final file must land inside it
    // Persists the chosen target path before the first byte is written, from the job's own
    // thread, so that a crash right after still finds the partial file. Returns false on failure.
    std::function<bool(const QString &targetPath)> persistTargetPath;
};

} // namespace SoulSpot
