// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace SoulSpot {

class Database;
class DownloadSource;
class JobWriteBatcher;
class TransferJob;
struct Download;
struct SegmentLimits;
struct WaitingDownload;

// The sources the engine downloads from, asked in the order added: the first that accepts a
// track downloads it. Makes the TransferJob for one attempt at a download (the JobQueue's job
// factory), and passes the service's news about downloads on to every source.
//
// Lives in the main thread; the jobs it makes run in pool threads.
class SourceRegistry final
{
    Q_DISABLE_COPY_MOVE(SourceRegistry)

public:
    explicit SourceRegistry(Database &database);

    // The worker's claims, for a job to confirm its lease before it finishes (any thread).
    void setLease(const QString &workerName, int leaseSeconds);
    ~SourceRegistry();

    // Adds a source and gives it waitingDownloads() to look ahead with.
    void add(std::unique_ptr<DownloadSource> source);
    // The source that downloads `track`, or nullptr when none accepts it.
    DownloadSource *sourceFor(const Track &track) const;

    // The job for the next attempt at a download, from its row and its track as stored now.
    // When the download or its track is gone, or no source accepts the track, a job that fails
    // at once saying why.
    std::unique_ptr<TransferJob> createJob(const QString &downloadId, const QString &downloadDirectory,
                                           const SegmentLimits &segments) const;
    // The same from the row and its track as they are (the claim returned them; `track` nullopt:
    // the track no longer exists): nothing is read.
    std::unique_ptr<TransferJob> createJob(const Download &download, const std::optional<Track> &track,
                                           const QString &downloadDirectory,
                                           const SegmentLimits &segments) const;

    // The next `count` (at most) downloads waiting to start, in queue order, read from the
    // database (the rows still queued), with their tracks. Rows that cannot be read are left out.
    // None while `queuePaused` (see setQueuePaused) says nothing starts.
    QList<WaitingDownload> waitingDownloads(int count) const;
    // How to tell whether the whole queue is paused (nothing waits to start then).
    void setQueuePaused(std::function<bool()> queuePaused) { m_queuePaused = std::move(queuePaused); }

    // Tells every source that the downloads waiting to start changed (added, resumed, reordered,
    // gone), once per batch.
    void waitingChanged() const;
    // Tells every source that `download` was stored paused, cancelled or failed.
    void downloadLeftQueue(const Download &download) const;
    // Where the bytes of `download` come from, in the words of the source that takes its track.
    QString describe(const Download &download, const Track &track) const;

private:
    Database &m_database;
    std::vector<std::unique_ptr<DownloadSource>> m_sources;
    std::function<bool()> m_queuePaused;
    QString m_workerName; // empty: no lease to confirm
    int m_leaseSeconds = 30;
    // The jobs' two writes to their rows, made together; shared with the jobs' requests, so that
    // a job that outlives the registry (a shutdown that timed out) still has it.
    std::shared_ptr<JobWriteBatcher> m_writes;
};

} // namespace SoulSpot
