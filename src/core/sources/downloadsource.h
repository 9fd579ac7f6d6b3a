// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/track.h"

#include <QString>

#include <functional>
#include <memory>

namespace SoulSpot {

class TransferJob;

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
    // Persists Download::resumeValidator and resumeTotalBytes, from the job's thread, before the
    // bytes they describe reach the partial file. Returns false on failure.
    std::function<bool(const QString &validator, qint64 totalBytes)> persistResumeState;
};

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
};

} // namespace SoulSpot
