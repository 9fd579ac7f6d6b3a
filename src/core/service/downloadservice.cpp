// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadservice.h"

#include "config/writablefolder.h"
#include "domain/priority.h"
#include "domain/sourceurl.h"
#include "queue/jobqueue.h"
#include "queue/transferjob.h"
#include "service/liveprogress.h"
#include "service/queuepause.h"
#include "service/queuesync.h"
#include "service/sourceregistry.h"
#include "service/statuscounters.h"
#include "sources/downloadsource.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/errorhistory.h"
#include "storage/queueclaims.h"
#include "storage/trackrepository.h"
#include "storage/transaction.h"
#include "storage/workerregistry.h"

#include <QDir>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

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

QString workerNameOr(const QString &name)
{
    return name.isEmpty() ? QSysInfo::machineHostName() : name;
}

} // namespace

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
    , m_pages(std::make_unique<DownloadPageReader>(database))
    , m_tracks(std::make_unique<TrackRepository>(database))
    , m_sources(std::make_unique<SourceRegistry>(database))
    , m_counters(std::make_unique<StatusCounters>())
    , m_files(std::make_unique<DownloadFiles>(m_options.downloadDirectory))
    , m_claims(
          std::make_unique<QueueClaims>(database, workerNameOr(m_options.workerName), m_options.leaseSeconds))
    , m_queue(makeQueue())
    , m_live(new LiveProgress(database, m_options.progressFlushInterval, this))
    , m_pause(new QueuePause(*m_queue, database, m_options.folderRecheckInterval, this))
    , m_sync(new QueueSync(database, m_options.syncInterval, this))
{
    qRegisterMetaType<SoulSpot::Download>();
    qRegisterMetaType<SoulSpot::QueueStats>();
    m_queue->setMaxConcurrent(m_options.maxConcurrentDownloads);
    m_queue->setPriorityEnabled(m_options.priorityQueueEnabled);
    m_queue->setBackoffBase(m_options.backoffBase);
    m_queue->setSpeedLimit(qint64(m_options.maxDownloadSpeedKib) * 1024);

    connect(m_queue, &JobQueue::jobStarted, this, &DownloadService::handleJobStarted);
    connect(m_queue, &JobQueue::jobProgressed, this, &DownloadService::handleJobProgressed);
    connect(m_queue, &JobQueue::jobSegmentsChanged, this, &DownloadService::handleJobSegments);
    connect(m_queue, &JobQueue::jobNoteChanged, this, &DownloadService::handleJobNote);
    connect(m_queue, &JobQueue::jobTargetPathChosen, this, &DownloadService::handleJobTargetPath);
    connect(m_queue, &JobQueue::jobSourceInfoChanged, this, &DownloadService::handleJobSourceInfo);
    connect(m_queue, &JobQueue::jobRetryScheduled, this, &DownloadService::handleJobRetryScheduled);
    connect(m_queue, &JobQueue::jobCompleted, this, &DownloadService::handleJobCompleted);
    connect(m_queue, &JobQueue::jobFailed, this, &DownloadService::handleJobFailed);
    connect(m_queue, &JobQueue::jobStopped, this, &DownloadService::handleJobStopped);
    connect(m_queue, &JobQueue::jobFolderUnusable, this, &DownloadService::handleJobFolderUnusable);
    m_sources->setQueuePaused([this] { return m_pause->isPaused(); });
    connect(m_pause, &QueuePause::pausedChanged, this, [this](bool paused) {
        m_sources->waitingChanged(); // paused: nothing is prepared ahead; resumed: again
        Q_EMIT queuePausedChanged(paused);
        emitStatsChanged();
    });
    connect(m_pause, &QueuePause::reasonChanged, this, &DownloadService::emitStatsChanged);
    connect(m_pause, &QueuePause::pausedForFolder, this, &DownloadService::queuePausedForFolder);
    connect(m_sync, &QueueSync::syncDue, this, &DownloadService::syncWithOthers);
    connect(m_sync, &QueueSync::rowsAnnounced, this, &DownloadService::tellAnnounced);
    connect(m_sync, &QueueSync::announcementsMissed, this, &DownloadService::reloadNeeded);
    connect(m_queue, &JobQueue::drained, this, [this] {
        storeCompletions(); // before anyone hears that all is done
        if (!hasPendingWork())
            Q_EMIT idle();
    });

    // Counted once here (and again by start()); from then on every change adjusts the counters.
    m_counters->recount(m_database);
}

DownloadService::~DownloadService()
{
    shutdown();
}

void DownloadService::addSource(std::unique_ptr<DownloadSource> source)
{
    m_sources->add(std::move(source));
}

Status DownloadService::start()
{
    if (m_started)
        return Done{};
    QDir().mkpath(m_options.downloadDirectory);
    // First: a worker of the same name that is alive keeps its downloads (Conflict).
    if (Status joined = joinWorkers(); !joined)
        return joined;
    Result<int> requeued = m_claims->requeueInterrupted();
    if (!requeued)
        return requeued.error();
    m_counters->recount(m_database);
    // The errors of downloads removed since the last start (ErrorHistory).
    if (Status cleaned = ErrorHistory(m_database).removeOrphans(); !cleaned)
        return cleaned.error();
    // Before the entries: a queue left paused starts nothing.
    if (Status restored = m_pause->restore(); !restored)
        return restored.error();
    // The queued rows stay in the database; the queue claims them as slots are free.
    m_started = true;
    m_live->start();
    m_sync->start();
    m_queue->wake();
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
    m_sync->stop();
    m_queue->shutdown(timeout);
    storeCompletions(); // of the jobs that returned while the queue shut down
    m_live->stop();
    leaveWorkers();
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

// ---- Enqueueing ---------------------------------------------------------------------------

Result<Download> DownloadService::enqueue(const QString &trackId, std::optional<int> priority)
{
    Result<QList<Download>> added = enqueueBatch({trackId}, priority.value_or(Priority::DefaultSingle));
    if (!added)
        return added.error();
    return added->first();
}

namespace {

// The folder a caller gave new downloads, checked; empty stays empty (the settings' folder).
Result<QString> ownFolderOf(const QString &requested)
{
    if (requested.isEmpty())
        return QString();
    Result<QString> checked = checkOwnDownloadFolder(requested);
    if (!checked)
        return Error{ErrorKind::InvalidArgument, u"download_dir: %1"_s.arg(checked.error().message)};
    return checked;
}

} // namespace

Result<QList<Download>> DownloadService::enqueueBatch(const QStringList &trackIds,
                                                      std::optional<int> priority,
                                                      const QString &downloadDirectory)
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
            return Error::notFound(u"Track"_s, trackId);
        tracks.append(*found);
    }
    const Result<QString> folder = ownFolderOf(downloadDirectory);
    if (!folder)
        return folder.error();
    Result<QList<Download>> stored = m_downloads->insert(newDownloads(tracks, effective, *folder));
    if (stored)
        announceAdded(*stored);
    return stored;
}

Result<QList<Download>> DownloadService::addTracks(const QList<TrackInput> &inputs,
                                                   std::optional<int> priority,
                                                   const QString &downloadDirectory)
{
    if (inputs.isEmpty())
        return Error{ErrorKind::InvalidArgument, u"nothing to add"_s};
    const int effective =
        priority.value_or(inputs.size() == 1 ? Priority::DefaultSingle : Priority::DefaultBatch);
    if (!Priority::isValid(effective))
        return invalidPriority(effective);
    const Result<QString> folder = ownFolderOf(downloadDirectory);
    if (!folder)
        return folder.error();

    Transaction transaction(m_database);
    Result<QList<Track>> tracks = createTracks(inputs);
    if (!tracks)
        return tracks.error();
    Result<QList<Download>> stored = m_downloads->insert(newDownloads(*tracks, effective, *folder));
    if (!stored)
        return stored.error();
    if (!transaction.commit())
        return Error{ErrorKind::Storage, u"could not store the new downloads"_s};
    // Only after the commit: a failed write leaves nothing in the queue.
    announceAdded(*stored);
    return stored;
}

QList<Download> DownloadService::newDownloads(const QList<Track> &tracks, int priority,
                                              const QString &folder) const
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
        download.downloadDirectory = folder;
        download.maxRetries = m_options.defaultMaxRetries;
        download.createdAt = now;
        download.updatedAt = now;
        downloads.append(download);
    }
    return downloads;
}

void DownloadService::announceAdded(const QList<Download> &downloads)
{
    m_counters->added(DownloadStatus::Queued, downloads.size());
    QStringList ids;
    ids.reserve(downloads.size());
    for (const Download &download : downloads)
        ids.append(download.id);
    m_sync->announce(QueueSync::added(), ids);
    // New rows are waiting in the database already: the queue claims them as slots allow.
    if (m_started)
        m_queue->wake();
    m_sources->waitingChanged();
    Q_EMIT downloadsAdded(downloads);
    emitStatsChanged();
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
    return apply(downloadIds, action, ActionOptions{priority, false});
}

Result<BatchActionResult> DownloadService::apply(const QStringList &downloadIds, DownloadAction action,
                                                 const ActionOptions &options)
{
    std::optional<int> priority = options.priority;
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
        m_removing.clear(); // the rows are still there: their files too
        m_queueing.clear();
        m_counters->recount(m_database);
        return Error{ErrorKind::Storage, u"could not store the batch action"_s};
    }
    finishRemovals(options.deleteFiles);
    queueAfterCommit();
    QStringList done;
    for (const BatchItemResult &item : std::as_const(batch.results))
    {
        if (item.ok)
            done.append(item.id);
    }
    if (!done.isEmpty())
        m_sync->announce(action == DownloadAction::Remove ? QueueSync::removed() : QueueSync::changed(),
                         done);
    m_sources->waitingChanged(); // resumed, retried, reordered or gone: the next ones may differ
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
        item.error = Error::notFound(u"Download"_s, downloadId);
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
    if (step.kind == Transition::Kind::Delete)
        return removeDownload(before);
    Result<Download> stored = m_live->withLiveValues(before);
    if (step.kind == Transition::Kind::Change)
    {
        Download after = before;
        after.status = step.next;
        if (action == DownloadAction::Retry)
        {
            after.attempts = 0;
            after.setError({});
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
            m_queueing.append(after);
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
    if (const std::optional<Download> last = m_live->end(after.id))
    {
        after.bytesDownloaded = last->bytesDownloaded;
        after.totalBytes = last->totalBytes;
        after.progressPercent = last->progressPercent;
    }
    if (cancelled && !m_queue->isRunning(after.id))
        m_files->removePartial(after);
}

// Writes what changed from `before` (DownloadRepository::writeChanges) and tells the sources and
// the listeners. Returns the row as stored (updated_at is the repository's), with the live values
// of a running transfer.
Result<Download> DownloadService::store(const Download &before, const Download &after,
                                        const QString &endingLeaseOf)
{
    const Result<QDateTime> written = m_downloads->writeChanges(before, after, endingLeaseOf);
    if (!written)
        return written.error();
    return tellStored(before, after, *written);
}

Download DownloadService::tellStored(const Download &before, const Download &after, const QDateTime &written)
{
    m_claimedRows.remove(after.id); // as claimed no more
    m_counters->moved(before.status, after.status);
    Download row = after;
    row.updatedAt = written;
    m_live->rowStored(row);
    const Download stored = m_live->withLiveValues(row);
    // The sources first: a transfer that a source still holds elsewhere should stop soonest.
    if (stored.status == DownloadStatus::Paused || stored.status == DownloadStatus::Cancelled ||
        stored.status == DownloadStatus::Failed)
        m_sources->downloadLeftQueue(stored);
    Q_EMIT downloadChanged(stored);
    if (before.status != after.status)
        emitStatsChanged();
    return stored;
}

// ---- The whole queue ----------------------------------------------------------------------

void DownloadService::pauseQueue()
{
    m_pause->pauseByUser();
    m_sync->announce(QueueSync::queueState());
}

void DownloadService::resumeQueue()
{
    m_pause->resumeByUser();
    m_sync->announce(QueueSync::queueState());
}

bool DownloadService::isQueuePaused() const
{
    return m_pause->isPaused();
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
    m_files->setDirectory(directory);
    QDir().mkpath(directory);
    m_pause->folderChanged(directory);
}

QString DownloadService::downloadDirectory() const
{
    return m_options.downloadDirectory;
}

} // namespace SoulSpot
