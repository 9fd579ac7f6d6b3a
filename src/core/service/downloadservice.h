// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/page.h"
#include "domain/queuemove.h"
#include "domain/result.h"
#include "domain/statemachine.h"
#include "domain/track.h"
#include "domain/workerinfo.h"
#include "service/downloadfiles.h"
#include "service/downloadpagereader.h"
#include "service/queuestats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

class QTimer;

namespace SoulSpot {

class Database;
class DownloadRepository;
class DownloadRowSink;
class DownloadSource;
class JobQueue;
class LiveProgress;
class Settings;
class QueueClaims;
struct ClaimedDownload;
class QueuePause;
class QueueSync;
class SourceRegistry;
class StatusCounters;
class TrackRepository;
class WorkerRegistry;
struct TransferOutcome;
enum class StopReason;

// The engine's settings that the service applies.
struct ServiceOptions
{
    QString downloadDirectory;
    int maxConcurrentDownloads = 3;
    int defaultMaxRetries = 3;
    bool priorityQueueEnabled = true;
    int maxDownloadSpeedKib = 0;    // 0 = no limit
    int connectionsPerDownload = 8; // segmented HTTP downloads: connections per file
    int minSegmentSizeMib = 4;      // smaller files take one connection
    std::chrono::milliseconds backoffBase{1000};
    std::chrono::milliseconds progressFlushInterval{250};
    // While the queue waits for the download folder, how often it is checked again.
    std::chrono::milliseconds folderRecheckInterval{5000};
    // Who claims downloads from the database (empty: the host name), and how long a claim's lease
    // lasts (see QueueClaims).
    QString workerName;
    int leaseSeconds = 30;
    // On a shared (PostgreSQL) database: how often the worker reads what the others changed
    // (the whole queue's pause, its counters, their running downloads) when no notification
    // came (see QueueSync).
    std::chrono::milliseconds syncInterval{1000};
};

// The outcome of one id in apply(). A refusal keeps its type to the edge: the API maps `error`
// to an HTTP status, the window words it from the kind and the status the download had.
struct BatchItemResult
{
    QString id;
    bool ok = false;
    std::optional<Error> error;                    // when !ok
    std::optional<DownloadStatus> statusAtRefusal; // when the state table refused (Conflict)
    std::optional<Download> download;              // the row after the action, when ok
};

struct BatchActionResult
{
    DownloadAction action = DownloadAction::Pause;
    QList<BatchItemResult> results; // in the order of the ids given
    int successful() const;
    int failed() const;
};

// What an action needs besides its name.
struct ActionOptions
{
    std::optional<int> priority; // DownloadAction::SetPriority: required, validated
    bool deleteFiles = false;    // DownloadAction::Remove: also the files of completed downloads
};

// A download after a move in the queue, and its place among the waiting downloads (from 1).
struct QueuePlace
{
    Download download;
    qint64 position = 0;
};

// The outcome of apply() for one id as a plain Result: the row after the action, or why not.
Result<Download> singleOutcome(const Result<BatchActionResult> &applied);

// The one door to the engine: every use case of the seed, for the window, the REST API, the
// command line and the tests. Checks the state machine, writes the database (the single source of
// truth) in one transaction per use case, tells the JobQueue, and stores what the queue reports.
// The rooms behind the door: LiveProgress (running downloads' progress, written in batches),
// StatusCounters (the counts per status) and SourceRegistry (which source takes a track, and the
// jobs it makes).
//
// Lives in the main thread and is not thread-safe. Signals carry the rows as they are after the
// change, so listeners need not read the database.
class DownloadService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadService)

public:
    DownloadService(Database &database, ServiceOptions options, QObject *parent = nullptr);
    ~DownloadService() override;

    // Sources are asked in the order added; the first that accepts a track downloads it.
    void addSource(std::unique_ptr<DownloadSource> source);

    // Puts downloads left `downloading` by a crash back in the queue and loads every queued one
    // into the JobQueue, which stays paused when it was paused before (see pauseQueue()). Call
    // once, after adding the sources.
    Status start();
    // Stops running transfers (partial files kept, rows back to `queued`), flushes progress.
    void shutdown(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Tracks
    Result<Track> createTrack(const TrackInput &input);
    Result<QList<Track>> createTracks(const QList<TrackInput> &inputs); // all or nothing
    Result<Track> track(const QString &trackId) const;
    Result<Page<Track>> tracks(qint64 skip, qint64 limit) const;

    // Enqueueing. Priority defaults: P1 for one, P2 for a batch. `downloadDirectory`: a folder of
    // the new downloads' own (checkOwnDownloadFolder(): absolute, created and written to before
    // anything is stored); empty: the settings' download folder when each starts. An invalid
    // priority or folder or an unknown track id rejects the whole call; nothing is written then.
    Result<Download> enqueue(const QString &trackId, std::optional<int> priority = std::nullopt);
    Result<QList<Download>> enqueueBatch(const QStringList &trackIds,
                                         std::optional<int> priority = std::nullopt,
                                         const QString &downloadDirectory = {});
    // Creates the tracks and enqueues them in one transaction (imports, drops, pasted URLs).
    // Default priority: P1 for one track, P2 for more.
    Result<QList<Download>> addTracks(const QList<TrackInput> &inputs,
                                      std::optional<int> priority = std::nullopt,
                                      const QString &downloadDirectory = {});

    // The one entry for the user actions of API.md's state table, for one id or many, that every
    // front end calls. One transaction; one failing id does not stop the others (its result says
    // why). `priority` only for DownloadAction::SetPriority (then required and validated before
    // anything changes). An error is returned only when nothing could be done at all.
    // Remove deletes the row in any status (a running transfer is stopped first), then, after the
    // commit, its partial file (a running one's once its job has returned) and, with
    // `deleteFiles`, the file of a completed download: only inside the download folder. Its
    // result carries the row as it was. The track stays (a resource of its own, see
    // DownloadRepository::remove); listeners hear downloadsRemoved.
    Result<BatchActionResult> apply(const QStringList &downloadIds, DownloadAction action,
                                    const ActionOptions &options);
    Result<BatchActionResult> apply(const QStringList &downloadIds, DownloadAction action,
                                    std::optional<int> priority = std::nullopt);

    // Thin wrappers of apply() for one id (tests and scripts); the front ends call apply().
    Result<Download> pause(const QString &downloadId);
    Result<Download> resume(const QString &downloadId);
    Result<Download> cancel(const QString &downloadId);
    Result<Download> retry(const QString &downloadId);
    Result<Download> setPriority(const QString &downloadId, int priority);
    Result<Download> remove(const QString &downloadId, bool deleteFile = false);

    // The order of the waiting (queued or paused) downloads within their priority, kept in the
    // database (queue_position) and honoured by every worker's claim. Moves one download: an
    // unknown id is NotFound, one that is not waiting a Conflict. Its place counts every waiting
    // download before it (by priority first while the priority queue is on). See QueueOrder.
    Result<QueuePlace> moveInQueue(const QString &downloadId, QueueMove to);
    // Moves the waiting ones of `downloadIds` (the window's selection), keeping their relative
    // order; the others are left out. Returns how many were waiting.
    Result<int> moveInQueue(const QStringList &downloadIds, QueueMove to);

    // Starts a waiting download now, even when the queue is at its concurrency limit or paused
    // (as qBittorrent's "force start"): the user asked for this one. A paused download is resumed
    // first; a running one is returned as it is. Completed, failed or cancelled ones are a
    // Conflict (a retry queues them). It then counts as running: nothing else starts until fewer
    // run than the limit allows, and Pause All stops it like the others.
    Result<Download> startNow(const QString &downloadId);
    // Whether the queue starts by priority first (enable_priority_queue): the order of places.
    bool isPriorityQueueEnabled() const { return m_options.priorityQueueEnabled; }

    // Deletes the partial files of failed downloads (kept until now for a retry): only the
    // files the database names, only inside the download folder. The rows stay failed.
    Result<FreedSpace> clearPartialFiles();

    // The whole queue. A pause is kept in the database: after a restart, or a crash, the queue is
    // still paused until resumeQueue(). The program pauses it itself when the download folder
    // cannot be written (queuePausedForFolder()) and resumes it when the folder works again or
    // another one is set; resumeQueue() resumes it too.
    void pauseQueue();
    void resumeQueue();
    bool isQueuePaused() const;
    Status setMaxConcurrentDownloads(int maxConcurrent); // 1..10
    int maxConcurrentDownloads() const;
    void setPriorityQueueEnabled(bool enabled);
    void setDefaultMaxRetries(int maxRetries);           // 1..10, for downloads enqueued from now on
    void setDownloadDirectory(const QString &directory); // checked by the caller (the dialog)
    QString downloadDirectory() const;
    // The download speed limit in KiB/s that running HTTP transfers share, 0 = none; running
    // transfers follow a change at once. (Soulseek's speed is slskd's own setting.)
    Status setMaxDownloadSpeedKib(int kib);
    int maxDownloadSpeedKib() const;
    // Segmented HTTP downloads, for tries started from now on: up to `connections` (1-16) per
    // file of at least `minSegmentSizeMib` MiB (1-1024).
    Status setSegmenting(int connections, int minSegmentSizeMib);
    int connectionsPerDownload() const;
    // Applies the settings that change while the engine runs (concurrency, retries, priority
    // rule, speed limit, download folder), as the settings dialog and PATCH /api/settings do.
    void applySettings(const Settings &settings);

    // Reading. Live values (progress, speed, note) of running downloads are included.
    Result<Download> download(const QString &downloadId) const;
    Result<Page<Download>> downloads(std::optional<DownloadStatus> status, qint64 skip, qint64 limit) const;
    // The page that follows `after` in queue order (keyset paging: deep pages cost no more).
    Result<Page<Download>> downloadsAfter(std::optional<DownloadStatus> status, const QueuePosition &after,
                                          qint64 limit) const;
    // The page downloads() or downloadsAfter() gives (by start.after when given), handed to
    // `sink` one row at a time for a front end that writes it as text: each row as the
    // database's own text (DownloadRowText) where the driver allows, a row with live values as
    // a Download with them. Returns the total, as Page::total.
    Result<qint64> visitDownloads(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit,
                                  DownloadRowSink &sink) const;
    // The same pages for a front end that reads them on threads of its own: the reader (safe on
    // any thread, see DownloadPageReader::readsOnAnyThread), and what it takes from this thread's
    // memory, to be taken here right before each read elsewhere.
    const DownloadPageReader &pageReader() const { return *m_pages; }
    PageSnapshot pageSnapshot(std::optional<DownloadStatus> status) const;
    QueueStats stats() const; // from counters kept in memory: no table scan
    // The live workers sharing the database (this one included), in name order.
    Result<QList<WorkerInfo>> workers() const;
    // This worker's name (--worker-name, or the host name).
    QString workerName() const;

    // Whether anything is queued or running (paused downloads do not count).
    bool hasPendingWork() const;

    // The tracks with these ids, unknown ids left out, in one read (chunked IN lists): for lists
    // that show many downloads with their track's name, a page at a time. (Added for the window.)
    QList<Track> tracksByIds(const QStringList &trackIds) const;
    // Where the bytes of a download come from, in its source's words (for the window's tooltip):
    // the Soulseek user and file, or the URL. Empty for an unknown id.
    QString sourceDescription(const QString &downloadId) const;
    // The positions of `tracks` whose URL names a file that `folder` (empty: the settings' download
    // folder) holds already, under the name a download of it would take.
    QList<qsizetype> filesAlreadyIn(const QList<TrackInput> &tracks, const QString &folder) const;
    // Every error the download met, oldest first, each with its time (the row keeps the last).
    Result<QList<DownloadErrorRecord>> errorHistory(const QString &downloadId) const;

Q_SIGNALS:
    void downloadsAdded(const QList<SoulSpot::Download> &downloads);
    // A download changed (status, priority, progress ...). Progress changes arrive at most a few
    // times a second per download.
    void downloadChanged(const SoulSpot::Download &download);
    // Downloads left the list (Remove); nothing is said of these ids any more.
    void downloadsRemoved(const QStringList &downloadIds);
    // A download reached `completed` or `failed` (after its retries).
    void downloadFinished(const SoulSpot::Download &download);
    void statsChanged(const SoulSpot::QueueStats &stats);
    void queuePausedChanged(bool paused);
    // The program paused the queue because `folder` cannot be written (`reason`: the OS's words).
    // Once per pause; the downloads wait as they were.
    void queuePausedForFolder(const QString &folder, const QString &reason);
    // Nothing queued or running any more.
    void idle();
    // Changes of other workers may have gone unheard (the shared database's connection was lost
    // and is back): a listener that keeps rows reads them all again.
    void reloadNeeded();

private:
    // downloadserviceclaims.cpp: the queue in the database, the worker's heartbeat and leases.
    JobQueue *makeQueue();
    Status joinWorkers();
    void heartbeat();
    void leaveWorkers();
    // downloadservicesync.cpp: in step with the other workers on a shared database.
    void syncWithOthers();
    void stopTransfersTakenElsewhere(const QList<Download> &running);
    void tellRunningElsewhere(const QList<Download> &running);
    void tellAnnounced(const QString &kind, const QStringList &ids);
    void endLostRun(const Download &last);
    QList<Download> newDownloads(const QList<Track> &tracks, int priority, const QString &folder) const;
    void announceAdded(const QList<Download> &downloads);
    BatchItemResult applyAction(const QString &downloadId, DownloadAction action,
                                std::optional<int> priority);
    void stopTransferFor(Download &after, DownloadAction action);
    BatchItemResult removeDownload(const Download &before);
    void finishRemovals(bool deleteFiles);
    Result<Download> store(const Download &before, const Download &after, const QString &endingLeaseOf = {});
    // What follows a row's write: the counters, the live values, the listeners.
    Download tellStored(const Download &before, const Download &after, const QDateTime &written);
    void storeCompletions();
    void endLease(const QString &downloadId);
    bool giveBackOrRelease(const QString &downloadId);
    void giveBackUnrun(const QStringList &held);
    void queueAfterCommit();
    Status moveAndTell(const QStringList &downloadIds, QueueMove to);
    void emitStatsChanged();
    Result<Page<Download>> pageOf(Result<QList<Download>> items, std::optional<DownloadStatus> status) const;

    std::optional<Download> endRun(const QString &downloadId);
    std::optional<Download> endRun(const QString &downloadId, const SoulSpot::TransferOutcome &outcome);
    static void takeProgress(Download &download, const SoulSpot::TransferOutcome &outcome);

    // JobQueue reports
    void downloadClaimed(const ClaimedDownload &claimed);
    void handleJobStarted(const QString &downloadId, int attempt);
    void handleJobProgressed(const QString &downloadId, qint64 bytes, qint64 total);
    void handleJobNote(const QString &downloadId, const QString &note);
    void handleJobSegments(const QString &downloadId, const QString &validator, qint64 total,
                           const QString &doneRanges, int connections);
    void handleJobTargetPath(const QString &downloadId, const QString &path);
    void handleJobSourceInfo(const QString &downloadId, const QString &info);
    void handleJobRetryScheduled(const QString &downloadId, int attempts, qint64 delayMs,
                                 const TransferOutcome &outcome);
    void handleJobCompleted(const QString &downloadId, int attempts,
                            const SoulSpot::TransferOutcome &outcome);
    void handleJobFailed(const QString &downloadId, int attempts, const SoulSpot::TransferOutcome &outcome);
    void handleJobStopped(const QString &downloadId, SoulSpot::StopReason reason,
                          const SoulSpot::TransferOutcome &outcome);
    void handleJobFolderUnusable(const QString &downloadId, const SoulSpot::TransferOutcome &outcome);
    void putBackInQueue(const Download &before, Download after, const SoulSpot::TransferOutcome &outcome);
    void recordError(const Download &download);

    Database &m_database;
    ServiceOptions m_options;
    std::unique_ptr<DownloadRepository> m_downloads;
    std::unique_ptr<DownloadPageReader> m_pages;
    std::unique_ptr<TrackRepository> m_tracks;
    std::unique_ptr<SourceRegistry> m_sources;
    std::unique_ptr<StatusCounters> m_counters;
    std::unique_ptr<DownloadFiles> m_files;
    std::unique_ptr<QueueClaims> m_claims;
    std::unique_ptr<WorkerRegistry> m_workers;
    QTimer *m_heartbeat = nullptr;
    QElapsedTimer m_sinceRenewal; // since this worker last renewed its leases
    QList<Download> m_removing;   // deleted in the running apply(), told after its commit
    QList<Download> m_queueing;   // waiting again after the running apply(), queued after its commit
    JobQueue *m_queue = nullptr;
    LiveProgress *m_live = nullptr;
    QueuePause *m_pause = nullptr;
    QueueSync *m_sync = nullptr;
    bool m_started = false; // the queue claims only while true
    // Runs whose lease their last write ended (the completion); the queue's end of the run
    // gives back or releases the others (endLease).
    QSet<QString> m_endedLeases;
    // A run's completion waits here until the end of the event-loop pass it arrived in: the
    // completions of one pass are written in one statement (storeCompletions).
    struct Completion
    {
        Download before;
        Download after;
    };
    QList<Completion> m_completions;
    // Completions the database refused once (the row went back to the queue): a second refusal
    // fails the download (failRefusedCompletion).
    QSet<QString> m_refusedCompletions;
    struct CompletionWrites
    {
        QSet<QString> written;
        QHash<QString, QString> refused; // id: the database's reason
    };
    CompletionWrites writeCompletions(const QList<Completion> &completions, const QDateTime &now);
    bool failRefusedCompletion(const Completion &completion, const QString &reason);
    // A row as its claim returned it, with its track (nullopt: the track is gone).
    struct ClaimedRow
    {
        Download download;
        std::optional<Track> track;
        bool trackUnread = false; // the job's factory reads it again (and says why it cannot)
    };
    // Rows as their claim returned them, until their start is told (handleJobStarted); a row
    // this worker writes meanwhile is dropped here (store()).
    QHash<QString, ClaimedRow> m_claimedRows;
};

} // namespace SoulSpot
