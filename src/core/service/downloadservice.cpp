// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadservice.h"

#include "domain/priority.h"
#include "domain/sourceurl.h"
#include "queue/jobqueue.h"
#include "queue/transfercontext.h"
#include "sources/downloadsource.h"
#include "sources/filenaming.h"
#include "storage/database.h"
#include "storage/trackrepository.h"
#include "storage/transaction.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// A job for a download that no source can handle: fails at once with the reason.
class UnsupportedJob final : public TransferJob
{
public:
    explicit UnsupportedJob(QString reason)
        : m_reason(std::move(reason))
    {
    }
    TransferOutcome run(TransferContext &) override { return TransferOutcome::failed(m_reason, false); }

private:
    QString m_reason;
};

// A job for a download whose rows cannot be read (a damaged database): the download is paused
// with the reason (DownloadService::handleJobStopped), never failed for good, so that it resumes
// once the database is repaired.
class StorageFailureJob final : public TransferJob
{
public:
    explicit StorageFailureJob(const Error &error)
        : m_reason(u"paused because the database could not be read: %1"_s.arg(error.message))
    {
    }
    TransferOutcome run(TransferContext &context) override
    {
        context.requestStop(StopReason::Paused);
        TransferOutcome outcome = TransferOutcome::stopped();
        outcome.error = m_reason;
        return outcome;
    }

private:
    QString m_reason;
};

Error notFound(const QString &what, const QString &id)
{
    return {ErrorKind::NotFound, u"%1 %2 not found"_s.arg(what, id)};
}

Error invalidPriority(long long priority)
{
    return {ErrorKind::InvalidArgument, u"priority must be an integer from %1 to %2, not %3"_s.arg(
                                            QString::number(Priority::Highest),
                                            QString::number(Priority::Lowest), QString::number(priority))};
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

double percentOf(qint64 bytes, qint64 total)
{
    if (total <= 0)
        return 0.0;
    return qBound(0.0, 100.0 * double(bytes) / double(total), 100.0);
}

} // namespace

// What the engine knows of a running download that the database does not hold (yet).
struct DownloadService::LiveState
{
    qint64 bytes = 0;
    qint64 total = -1;
    qint64 speed = 0;
    QString note;
    qint64 lastSampleBytes = 0;
    QElapsedTimer lastSample;

    void sample(qint64 newBytes)
    {
        if (!lastSample.isValid())
        {
            lastSample.start();
            lastSampleBytes = newBytes;
            return;
        }
        const qint64 elapsedMs = lastSample.elapsed();
        if (elapsedMs < 200)
            return;
        const qint64 instant = (newBytes - lastSampleBytes) * 1000 / elapsedMs;
        // A short moving average: steady enough to read, quick enough to follow a stall.
        speed = speed == 0 ? instant : (speed * 2 + qMax<qint64>(instant, 0)) / 3;
        lastSampleBytes = newBytes;
        lastSample.restart();
    }
};

int BatchActionResult::successful() const
{
    return int(
        std::count_if(results.cbegin(), results.cend(), [](const BatchItemResult &r) { return r.ok; }));
}

int BatchActionResult::failed() const
{
    return int(results.size()) - successful();
}

Result<Download> singleOutcome(const Result<BatchActionResult> &applied)
{
    if (!applied)
        return applied.error();
    const BatchItemResult &item = applied->results.constFirst();
    if (!item.ok)
        return *item.error;
    return *item.download;
}

DownloadService::DownloadService(Database &database, ServiceOptions options, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_options(std::move(options))
    , m_downloads(std::make_unique<DownloadRepository>(database))
    , m_tracks(std::make_unique<TrackRepository>(database))
    , m_queue(new JobQueue([this](const QString &id) { return createJob(id); }, this))
    , m_flushTimer(new QTimer(this))
{
    qRegisterMetaType<SoulSpot::Download>();
    qRegisterMetaType<SoulSpot::QueueStats>();
    m_queue->setMaxConcurrent(m_options.maxConcurrentDownloads);
    m_queue->setPriorityEnabled(m_options.priorityQueueEnabled);
    m_queue->setBackoffBase(m_options.backoffBase);

    connect(m_queue, &JobQueue::jobStarted, this, &DownloadService::handleJobStarted);
    connect(m_queue, &JobQueue::jobProgressed, this, &DownloadService::handleJobProgressed);
    connect(m_queue, &JobQueue::jobNoteChanged, this, &DownloadService::handleJobNote);
    connect(m_queue, &JobQueue::jobTargetPathChosen, this, &DownloadService::handleJobTargetPath);
    connect(m_queue, &JobQueue::jobSourceInfoChanged, this, &DownloadService::handleJobSourceInfo);
    connect(m_queue, &JobQueue::jobRetryScheduled, this, &DownloadService::handleJobRetryScheduled);
    connect(m_queue, &JobQueue::jobCompleted, this, &DownloadService::handleJobCompleted);
    connect(m_queue, &JobQueue::jobFailed, this, &DownloadService::handleJobFailed);
    connect(m_queue, &JobQueue::jobStopped, this, &DownloadService::handleJobStopped);
    connect(m_queue, &JobQueue::drained, this, [this] {
        if (!hasPendingWork())
            Q_EMIT idle();
    });

    // Counted once here (and again by start()); from then on every change adjusts the counters.
    m_counts = m_downloads->countByStatus();
    m_flushTimer->setInterval(m_options.progressFlushInterval);
    connect(m_flushTimer, &QTimer::timeout, this, &DownloadService::flushProgress);
}

DownloadService::~DownloadService()
{
    shutdown();
}

void DownloadService::addSource(std::unique_ptr<DownloadSource> source)
{
    m_sources.push_back(std::move(source));
}

Status DownloadService::start()
{
    if (m_started)
        return Done{};
    QDir().mkpath(m_options.downloadDirectory);
    Result<int> requeued = m_downloads->requeueInterrupted();
    if (!requeued)
        return requeued.error();
    m_counts = m_downloads->countByStatus();
    const QList<Download> queued = m_downloads->listByStatus(DownloadStatus::Queued);
    QList<QueueEntry> entries;
    entries.reserve(queued.size());
    for (const Download &download : queued)
        entries.append({download.id, download.priority, download.createdAt.toMSecsSinceEpoch(),
                        download.sequence, download.attempts, download.maxRetries});
    m_started = true;
    m_flushTimer->start();
    m_queue->enqueue(entries);
    emitStatsChanged();
    if (!hasPendingWork())
        Q_EMIT idle();
    return Done{};
}

void DownloadService::shutdown(std::chrono::milliseconds timeout)
{
    if (!m_started)
        return;
    m_started = false;
    m_flushTimer->stop();
    m_queue->shutdown(timeout);
    flushProgress();
}

// ---- Tracks -------------------------------------------------------------------------------

Result<Track> DownloadService::createTrack(const TrackInput &input)
{
    Result<QList<Track>> created = createTracks({input});
    if (!created)
        return created.error();
    return created->first();
}

Result<QList<Track>> DownloadService::createTracks(const QList<TrackInput> &inputs)
{
    for (qsizetype i = 0; i < inputs.size(); ++i)
    {
        const TrackInput &input = inputs.at(i);
        if (input.sourceUrl.trimmed().isEmpty() && input.title.trimmed().isEmpty())
        {
            return Error{ErrorKind::InvalidArgument,
                         u"track %1 needs a source_url or a title to search for"_s.arg(i)};
        }
        // Refused here, before anything is written, whichever front end the tracks came from.
        if (const std::optional<QString> problem = sourceUrlProblem(input.sourceUrl))
        {
            const QString field = inputs.size() == 1 ? u"source_url"_s : u"tracks[%1].source_url"_s.arg(i);
            return Error{ErrorKind::InvalidArgument, u"%1 %2"_s.arg(field, *problem)};
        }
    }
    return m_tracks->insert(inputs);
}

Result<Track> DownloadService::track(const QString &trackId) const
{
    std::optional<Track> found = m_tracks->find(trackId);
    if (!found)
        return notFound(u"Track"_s, trackId);
    return *found;
}

Result<Page<Track>> DownloadService::tracks(qint64 skip, qint64 limit) const
{
    if (skip < 0 || limit < 1)
        return Error{ErrorKind::InvalidArgument, u"skip must be >= 0 and limit >= 1"_s};
    return m_tracks->list(skip, limit);
}

// ---- Enqueueing ---------------------------------------------------------------------------

Result<Download> DownloadService::enqueue(const QString &trackId, std::optional<int> priority)
{
    Result<QList<Download>> added = enqueueBatch({trackId}, priority.value_or(Priority::DefaultSingle));
    if (!added)
        return added.error();
    return added->first();
}

Result<QList<Download>> DownloadService::enqueueBatch(const QStringList &trackIds,
                                                      std::optional<int> priority)
{
    const int effective = priority.value_or(Priority::DefaultBatch);
    if (!Priority::isValid(effective))
        return invalidPriority(effective);
    if (trackIds.isEmpty())
        return Error{ErrorKind::InvalidArgument, u"at least one track id is needed"_s};

    QHash<QString, Track> known;
    for (const Track &track : m_tracks->findMany(trackIds))
        known.insert(track.id, track);
    QList<Track> tracks;
    tracks.reserve(trackIds.size());
    for (const QString &trackId : trackIds)
    {
        auto found = known.constFind(trackId);
        if (found == known.constEnd())
            return notFound(u"Track"_s, trackId);
        tracks.append(*found);
    }
    Result<QList<Download>> stored = m_downloads->insert(newDownloads(tracks, effective));
    if (stored)
        announceAdded(*stored);
    return stored;
}

Result<QList<Download>> DownloadService::addTracks(const QList<TrackInput> &inputs,
                                                   std::optional<int> priority)
{
    if (inputs.isEmpty())
        return Error{ErrorKind::InvalidArgument, u"nothing to add"_s};
    const int effective =
        priority.value_or(inputs.size() == 1 ? Priority::DefaultSingle : Priority::DefaultBatch);
    if (!Priority::isValid(effective))
        return invalidPriority(effective);

    Transaction transaction(m_database);
    Result<QList<Track>> tracks = createTracks(inputs);
    if (!tracks)
        return tracks.error();
    Result<QList<Download>> stored = m_downloads->insert(newDownloads(*tracks, effective));
    if (!stored)
        return stored.error();
    if (!transaction.commit())
        return Error{ErrorKind::Storage, u"could not store the new downloads"_s};
    // Only after the commit: a failed write leaves nothing in the queue.
    announceAdded(*stored);
    return stored;
}

QList<Download> DownloadService::newDownloads(const QList<Track> &tracks, int priority) const
{
    QList<Download> downloads;
    downloads.reserve(tracks.size());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Track &track : tracks)
    {
        Download download;
        download.id = newId();
        download.trackId = track.id;
        download.priority = priority;
        download.sourceUrl = track.sourceUrl;
        download.maxRetries = m_options.defaultMaxRetries;
        download.createdAt = now;
        download.updatedAt = now;
        downloads.append(download);
    }
    return downloads;
}

void DownloadService::announceAdded(const QList<Download> &downloads)
{
    m_counts[DownloadStatus::Queued] += downloads.size();
    for (const Download &download : downloads)
        queueDownload(download);
    Q_EMIT downloadsAdded(downloads);
    emitStatsChanged();
}

void DownloadService::queueDownload(const Download &download)
{
    if (!m_started)
        return;
    m_queue->enqueue(QueueEntry{download.id, download.priority, download.createdAt.toMSecsSinceEpoch(),
                                download.sequence, download.attempts, download.maxRetries});
}

// ---- Actions ------------------------------------------------------------------------------

Result<Download> DownloadService::pause(const QString &downloadId)
{
    return singleOutcome(apply({downloadId}, DownloadAction::Pause));
}

Result<Download> DownloadService::resume(const QString &downloadId)
{
    return singleOutcome(apply({downloadId}, DownloadAction::Resume));
}

Result<Download> DownloadService::cancel(const QString &downloadId)
{
    return singleOutcome(apply({downloadId}, DownloadAction::Cancel));
}

Result<Download> DownloadService::retry(const QString &downloadId)
{
    return singleOutcome(apply({downloadId}, DownloadAction::Retry));
}

Result<Download> DownloadService::setPriority(const QString &downloadId, int priority)
{
    return singleOutcome(apply({downloadId}, DownloadAction::SetPriority, priority));
}

Result<BatchActionResult> DownloadService::apply(const QStringList &downloadIds, DownloadAction action,
                                                 std::optional<int> priority)
{
    if (action == DownloadAction::SetPriority && !priority)
        return Error{ErrorKind::InvalidArgument, u"priority is required for the priority action"_s};
    if (action == DownloadAction::SetPriority && !Priority::isValid(*priority))
        return invalidPriority(*priority);
    if (action != DownloadAction::SetPriority)
        priority.reset();

    BatchActionResult batch;
    batch.action = action;
    batch.results.reserve(downloadIds.size());
    // One transaction for the whole batch: a thousand pauses are one disk write, not a thousand.
    Transaction transaction(m_database);
    for (const QString &id : downloadIds)
        batch.results.append(applyAction(id, action, priority));
    if (!transaction.commit())
    {
        m_counts = m_downloads->countByStatus();
        return Error{ErrorKind::Storage, u"could not store the batch action"_s};
    }
    return batch;
}

// One row of apply(), inside its transaction. `priority` is already validated.
BatchItemResult DownloadService::applyAction(const QString &downloadId, DownloadAction action,
                                             std::optional<int> priority)
{
    BatchItemResult item;
    item.id = downloadId;
    std::optional<Download> found = m_downloads->find(downloadId);
    if (!found)
    {
        item.error = notFound(u"Download"_s, downloadId);
        return item;
    }
    const Download before = *found;
    const Transition step = transition(before.status, action);
    if (!step.isAllowed())
    {
        item.error = Error{ErrorKind::Conflict, forbiddenReason(before.status, action)};
        item.statusAtRefusal = before.status;
        return item;
    }
    Result<Download> stored = withLiveState(before);
    if (step.kind == Transition::Kind::Change)
    {
        Download after = before;
        after.status = step.next;
        if (action == DownloadAction::Retry)
        {
            after.attempts = 0;
            after.errorMessage.clear();
            after.completedAt = {};
        }
        if (action == DownloadAction::SetPriority)
        {
            after.priority = *priority;
            m_queue->setPriority(downloadId, *priority);
        }
        stopTransferFor(after, action);
        if (action == DownloadAction::Cancel ||
            (action == DownloadAction::Retry && before.status == DownloadStatus::Cancelled))
        {
            after.bytesDownloaded = 0;
            after.progressPercent = 0.0;
        }
        stored = store(before, after);
        if (stored && after.status == DownloadStatus::Queued && before.status != DownloadStatus::Queued)
            queueDownload(after);
    }
    item.ok = stored.ok();
    if (stored)
        item.download = stored.value();
    else
        item.error = stored.error();
    return item;
}

// Pause and cancel stop a running transfer before the row is written.
void DownloadService::stopTransferFor(Download &after, DownloadAction action)
{
    if (action != DownloadAction::Pause && action != DownloadAction::Cancel)
        return;
    const bool cancelled = action == DownloadAction::Cancel;
    m_queue->remove(after.id, cancelled ? StopReason::Cancelled : StopReason::Paused);
    if (!cancelled)
        after.transferNote.clear();
    // The transfer has stopped writing (JobQueue::remove is synchronous for writes): take the last
    // progress it reported so the row is right at once.
    const auto live = m_live.constFind(after.id);
    if (live != m_live.constEnd())
    {
        after.bytesDownloaded = live->bytes;
        after.totalBytes = live->total;
        after.progressPercent = percentOf(live->bytes, live->total);
    }
    m_live.remove(after.id);
    m_dirtyProgress.remove(after.id);
    if (cancelled && !m_queue->isRunning(after.id))
        removePartialFile(after);
}

// Writes the row and tells the listeners. Returns the row as stored (updated_at is the
// repository's), with the live values of a running transfer.
Result<Download> DownloadService::store(const Download &before, const Download &after)
{
    if (Status written = m_downloads->update(after); !written)
        return written.error();
    if (before.status != after.status)
        trackStatusChange(before.status, after.status);
    const Download stored = withLiveState(m_downloads->find(after.id).value_or(after));
    Q_EMIT downloadChanged(stored);
    if (before.status != after.status)
        emitStatsChanged();
    return stored;
}

void DownloadService::trackStatusChange(DownloadStatus from, DownloadStatus to)
{
    m_counts[from] = qMax<qint64>(0, m_counts.value(from) - 1);
    m_counts[to] += 1;
}

void DownloadService::removePartialFile(const Download &download)
{
    if (download.targetPath.isEmpty())
        return;
    const QString partial = download.targetPath + FileNaming::partialSuffix;
    // Only ever inside the download folder, whatever the row says.
    if (FileNaming::isInside(m_options.downloadDirectory, partial))
        QFile::remove(partial);
}

// ---- The whole queue ----------------------------------------------------------------------

void DownloadService::pauseQueue()
{
    if (m_queue->isPaused())
        return;
    m_queue->pause();
    Q_EMIT queuePausedChanged(true);
    emitStatsChanged();
}

void DownloadService::resumeQueue()
{
    if (!m_queue->isPaused())
        return;
    m_queue->resume();
    Q_EMIT queuePausedChanged(false);
    emitStatsChanged();
}

bool DownloadService::isQueuePaused() const
{
    return m_queue->isPaused();
}

Status DownloadService::setMaxConcurrentDownloads(int maxConcurrent)
{
    if (maxConcurrent < 1 || maxConcurrent > 10)
    {
        return Error{ErrorKind::InvalidArgument,
                     u"max_concurrent_downloads must be from 1 to 10, not %1"_s.arg(maxConcurrent)};
    }
    m_options.maxConcurrentDownloads = maxConcurrent;
    m_queue->setMaxConcurrent(maxConcurrent);
    emitStatsChanged();
    return Done{};
}

int DownloadService::maxConcurrentDownloads() const
{
    return m_options.maxConcurrentDownloads;
}

void DownloadService::setPriorityQueueEnabled(bool enabled)
{
    m_options.priorityQueueEnabled = enabled;
    m_queue->setPriorityEnabled(enabled);
}

void DownloadService::setDefaultMaxRetries(int maxRetries)
{
    if (maxRetries >= 1 && maxRetries <= 10)
        m_options.defaultMaxRetries = maxRetries;
}

void DownloadService::setDownloadDirectory(const QString &directory)
{
    m_options.downloadDirectory = directory;
    QDir().mkpath(directory);
}

QString DownloadService::downloadDirectory() const
{
    return m_options.downloadDirectory;
}

// ---- Reading ------------------------------------------------------------------------------

Result<Download> DownloadService::download(const QString &downloadId) const
{
    const Result<std::optional<Download>> found = m_downloads->read(downloadId);
    if (!found)
        return found.error();
    if (!*found)
        return notFound(u"Download"_s, downloadId);
    return withLiveState(**found);
}

Result<Page<Download>> DownloadService::downloads(std::optional<DownloadStatus> status, qint64 skip,
                                                  qint64 limit) const
{
    if (skip < 0 || limit < 1)
        return Error{ErrorKind::InvalidArgument, u"skip must be >= 0 and limit >= 1"_s};
    // The total comes from the counters kept in memory: counting 100,000 rows per page is the
    // slowest part of a deep page.
    Result<QList<Download>> items = m_downloads->listPage(status, skip, limit);
    if (!items)
        return items.error();
    Page<Download> page;
    page.items = std::move(items).value();
    page.total = status ? m_counts.value(*status) : totalCount();
    for (Download &download : page.items)
        download = withLiveState(download);
    return page;
}

qint64 DownloadService::totalCount() const
{
    qint64 total = 0;
    for (const qint64 count : m_counts)
        total += count;
    return total;
}

QueueStats DownloadService::stats() const
{
    QueueStats stats;
    stats.paused = m_queue->isPaused();
    stats.maxConcurrentDownloads = m_options.maxConcurrentDownloads;
    stats.activeDownloads = m_counts.value(DownloadStatus::Downloading);
    stats.queuedDownloads = m_counts.value(DownloadStatus::Queued);
    stats.pausedDownloads = m_counts.value(DownloadStatus::Paused);
    stats.completed = m_counts.value(DownloadStatus::Completed);
    stats.failed = m_counts.value(DownloadStatus::Failed);
    stats.cancelled = m_counts.value(DownloadStatus::Cancelled);
    stats.totalJobs = stats.activeDownloads + stats.queuedDownloads + stats.pausedDownloads +
                      stats.completed + stats.failed + stats.cancelled;
    for (const LiveState &live : m_live)
        stats.totalSpeedBytesPerSecond += live.speed;
    return stats;
}

bool DownloadService::hasPendingWork() const
{
    return m_counts.value(DownloadStatus::Queued) + m_counts.value(DownloadStatus::Downloading) > 0;
}

Download DownloadService::withLiveState(Download download) const
{
    const auto live = m_live.constFind(download.id);
    if (live == m_live.constEnd())
        return download;
    download.bytesDownloaded = live->bytes;
    download.totalBytes = live->total;
    download.progressPercent = percentOf(live->bytes, live->total);
    download.speedBytesPerSecond = live->speed;
    download.transferNote = live->note;
    return download;
}

void DownloadService::emitStatsChanged()
{
    Q_EMIT statsChanged(stats());
}

void DownloadService::flushProgress()
{
    if (m_dirtyProgress.isEmpty())
        return;
    QList<ProgressUpdate> updates;
    updates.reserve(m_dirtyProgress.size());
    for (const QString &id : std::as_const(m_dirtyProgress))
    {
        const auto live = m_live.constFind(id);
        if (live != m_live.constEnd())
            updates.append({id, live->bytes, live->total, percentOf(live->bytes, live->total)});
    }
    m_dirtyProgress.clear();
    m_downloads->updateProgress(updates);
}

// ---- Running downloads --------------------------------------------------------------------

DownloadSource *DownloadService::sourceFor(const Track &track) const
{
    for (const auto &source : m_sources)
    {
        if (source->accepts(track))
            return source.get();
    }
    return nullptr;
}

std::unique_ptr<TransferJob> DownloadService::createJob(const QString &downloadId)
{
    const Result<std::optional<Download>> downloadRead = m_downloads->read(downloadId);
    if (!downloadRead)
        return std::make_unique<StorageFailureJob>(downloadRead.error());
    const std::optional<Download> download = *downloadRead;
    if (!download)
        return std::make_unique<UnsupportedJob>(u"the download no longer exists"_s);
    const Result<std::optional<Track>> trackRead = m_tracks->read(download->trackId);
    if (!trackRead)
        return std::make_unique<StorageFailureJob>(trackRead.error());
    const std::optional<Track> track = *trackRead;
    if (!track)
        return std::make_unique<UnsupportedJob>(u"its track %1 no longer exists"_s.arg(download->trackId));
    DownloadSource *source = sourceFor(*track);
    if (!source)
    {
        if (track->sourceUrl.trimmed().isEmpty())
        {
            return std::make_unique<UnsupportedJob>(
                u"the track has no URL and Soulseek is not set up: set SLSKD__URL and SLSKD__API_KEY "
                "(or --slskd-url and --slskd-api-key)"_s);
        }
        return std::make_unique<UnsupportedJob>(u"no source can download \"%1\""_s.arg(track->sourceUrl));
    }

    TransferRequest request;
    request.download = *download;
    request.track = *track;
    request.downloadDirectory = QDir(m_options.downloadDirectory).absolutePath();
    Database *database = &m_database;
    // Runs in the job's pool thread, with that thread's own connection (kept for the next job
    // there, and closed by the Database when the thread ends).
    request.persistTargetPath = [database, downloadId](const QString &path) {
        return DownloadRepository(*database).setTargetPath(downloadId, path).ok();
    };
    return source->createJob(request);
}

// A run ended (however): the row with the run's last live values, which are dropped now, or
// nullopt when the download no longer exists.
std::optional<Download> DownloadService::endRun(const QString &downloadId)
{
    std::optional<Download> found = m_downloads->find(downloadId);
    if (found)
        found = withLiveState(*found);
    m_live.remove(downloadId);
    m_dirtyProgress.remove(downloadId);
    if (found)
    {
        found->speedBytesPerSecond = 0;
        found->transferNote.clear();
    }
    return found;
}

// The bytes a run reports at its end are the truth about the partial file.
void DownloadService::takeProgress(Download &download, const TransferOutcome &outcome)
{
    download.bytesDownloaded = outcome.bytesDownloaded;
    download.totalBytes = outcome.totalBytes;
    download.progressPercent = percentOf(outcome.bytesDownloaded, outcome.totalBytes);
}

void DownloadService::handleJobStarted(const QString &downloadId, int attempt)
{
    Q_UNUSED(attempt);
    std::optional<Download> found = m_downloads->find(downloadId);
    if (!found)
        return;
    LiveState &live = m_live[downloadId];
    live.bytes = found->bytesDownloaded;
    live.total = found->totalBytes;
    Download after = *found;
    after.status = DownloadStatus::Downloading;
    if (!after.startedAt.isValid())
        after.startedAt = QDateTime::currentDateTimeUtc();
    store(*found, after);
}

void DownloadService::handleJobProgressed(const QString &downloadId, qint64 bytes, qint64 total)
{
    auto live = m_live.find(downloadId);
    if (live == m_live.end())
        return; // paused or cancelled meanwhile: the row is already final
    live->bytes = bytes;
    live->total = total;
    live->sample(bytes);
    m_dirtyProgress.insert(downloadId);
    if (std::optional<Download> found = m_downloads->find(downloadId))
        Q_EMIT downloadChanged(withLiveState(*found));
}

void DownloadService::handleJobNote(const QString &downloadId, const QString &note)
{
    auto live = m_live.find(downloadId);
    if (live == m_live.end())
        return;
    live->note = note;
    if (std::optional<Download> found = m_downloads->find(downloadId))
        Q_EMIT downloadChanged(withLiveState(*found));
}

void DownloadService::handleJobTargetPath(const QString &downloadId, const QString &path)
{
    // The job stored the path itself (TransferRequest::persistTargetPath); tell the listeners.
    Q_UNUSED(path);
    if (std::optional<Download> found = m_downloads->find(downloadId))
        Q_EMIT downloadChanged(withLiveState(*found));
}

void DownloadService::handleJobSourceInfo(const QString &downloadId, const QString &info)
{
    std::optional<Download> found = m_downloads->find(downloadId);
    if (!found)
        return;
    Download after = *found;
    after.sourceInfo = info;
    store(*found, after);
}

void DownloadService::handleJobRetryScheduled(const QString &downloadId, int attempts, qint64 delayMs,
                                              const QString &error)
{
    const std::optional<Download> last = endRun(downloadId);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Queued;
    after.attempts = attempts;
    after.errorMessage = u"%1 (retry %2 of %3 in %4 s)"_s.arg(error, QString::number(attempts),
                                                              QString::number(after.maxRetries),
                                                              QString::number(double(delayMs) / 1000.0));
    store(*last, after);
}

void DownloadService::handleJobCompleted(const QString &downloadId, int attempts,
                                         const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Completed;
    after.attempts = attempts;
    after.targetPath = outcome.filePath;
    after.bytesDownloaded = outcome.bytesDownloaded;
    after.totalBytes = outcome.bytesDownloaded;
    after.progressPercent = 100.0;
    after.errorMessage.clear();
    after.completedAt = QDateTime::currentDateTimeUtc();
    if (Result<Download> stored = store(*last, after))
        Q_EMIT downloadFinished(*stored);
}

void DownloadService::handleJobFailed(const QString &downloadId, int attempts, const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId);
    if (!last)
        return;
    Download after = *last;
    after.status = DownloadStatus::Failed;
    after.attempts = attempts;
    if (outcome.bytesDownloaded > 0)
        takeProgress(after, outcome);
    after.errorMessage = outcome.error;
    if (Result<Download> stored = store(*last, after))
        Q_EMIT downloadFinished(*stored);
}

void DownloadService::handleJobStopped(const QString &downloadId, StopReason reason,
                                       const TransferOutcome &outcome)
{
    const std::optional<Download> last = endRun(downloadId);
    if (!last)
        return;
    Download after = *last;
    if (reason == StopReason::Cancelled)
    {
        // The row already says cancelled; the partial file goes now that nothing writes to it.
        if (after.status == DownloadStatus::Cancelled)
            removePartialFile(after);
        return;
    }
    if (outcome.bytesDownloaded > 0 || outcome.totalBytes > 0)
        takeProgress(after, outcome);
    // A job that stopped itself with a reason (StorageFailureJob) leaves the download paused.
    if (!outcome.error.isEmpty() && after.status == DownloadStatus::Downloading)
    {
        after.status = DownloadStatus::Paused;
        after.errorMessage = outcome.error;
    }
    // A stop keeps the status the user chose (paused, or queued again after a quick resume);
    // only a running row goes back to the queue (global pause, shutdown).
    if (after.status == DownloadStatus::Downloading)
        after.status = DownloadStatus::Queued;
    store(*last, after);
}

// ---- Reading for the window -----------------------------------------------------------------

QList<Track> DownloadService::tracksByIds(const QStringList &trackIds) const
{
    return m_tracks->findMany(trackIds);
}

} // namespace SoulSpot
