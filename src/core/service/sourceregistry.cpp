// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceregistry.h"

#include "jobwritebatcher.h"

#include "queue/transfercontext.h"
#include "queue/transferjob.h"
#include "sources/downloadsource.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/trackrepository.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// A job for a download that no source can handle: fails at once with the reason.
class UnsupportedJob final : public TransferJob
{
public:
    explicit UnsupportedJob(DownloadError reason)
        : m_reason(std::move(reason))
    {
    }
    TransferOutcome run(TransferContext &) override { return TransferOutcome::failed(m_reason, false); }

private:
    DownloadError m_reason;
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

// The job of a download with a folder of its own. That folder failing is this download's
// problem, not the queue's: pausing the whole queue (as for the settings' folder, QueuePause)
// would stop everyone else's downloads for one folder, and nothing would re-check a folder no
// setting names. So the download fails, for good, with an error naming the folder
// (DownloadError::Kind::OwnFolderUnusable) and its partial file kept; a retry once the folder
// works continues it.
class OwnFolderJob final : public TransferJob
{
public:
    explicit OwnFolderJob(std::unique_ptr<TransferJob> job)
        : m_job(std::move(job))
    {
    }
    TransferOutcome run(TransferContext &context) override
    {
        TransferOutcome outcome = m_job->run(context);
        if (outcome.kind != TransferOutcome::Kind::FolderUnusable)
            return outcome;
        TransferOutcome failed = TransferOutcome::failed(
            DownloadError(DownloadError::Kind::OwnFolderUnusable, {outcome.folder, outcome.error}), false);
        failed.bytesDownloaded = outcome.bytesDownloaded;
        failed.totalBytes = outcome.totalBytes;
        failed.filePath = outcome.filePath;
        return failed;
    }

private:
    std::unique_ptr<TransferJob> m_job;
};

DownloadError noSourceReason(const Track &track)
{
    if (track.sourceUrl.trimmed().isEmpty())
        return {DownloadError::Kind::SoulseekNotSetUp, {}};
    return {DownloadError::Kind::NoSource, {track.sourceUrl}};
}

} // namespace

SourceRegistry::SourceRegistry(Database &database)
    : m_database(database)
    , m_writes(std::make_shared<JobWriteBatcher>(database))
{
}

SourceRegistry::~SourceRegistry() = default;

void SourceRegistry::add(std::unique_ptr<DownloadSource> source)
{
    // The registry outlives its sources (it owns them), so the pointer stays good.
    source->setWaitingDownloads([this](int count) { return waitingDownloads(count); });
    m_sources.push_back(std::move(source));
}

QList<WaitingDownload> SourceRegistry::waitingDownloads(int count) const
{
    // The queue order of the rows still queued; with priorities switched off the queue starts
    // them by age alone, so a guess made here may be wrong (a source then drops what it prepared).
    QList<WaitingDownload> waiting;
    if (m_queuePaused && m_queuePaused())
        return waiting; // the user's pause, or a download folder that cannot be written
    const Result<QList<Download>> queued =
        DownloadRepository(m_database).listPage(DownloadStatus::Queued, 0, count);
    if (!queued)
        return waiting;
    const TrackRepository tracks(m_database);
    for (const Download &download : *queued)
    {
        const Result<std::optional<Track>> track = tracks.read(download.trackId);
        if (track && *track)
            waiting.append({download, **track});
    }
    return waiting;
}

DownloadSource *SourceRegistry::sourceFor(const Track &track) const
{
    for (const auto &source : m_sources)
    {
        if (source->accepts(track))
            return source.get();
    }
    return nullptr;
}

void SourceRegistry::setLease(const QString &workerName, int leaseSeconds)
{
    m_workerName = workerName;
    m_leaseSeconds = leaseSeconds;
    m_writes->setLease(workerName, leaseSeconds);
}

std::unique_ptr<TransferJob> SourceRegistry::createJob(const QString &downloadId,
                                                       const QString &downloadDirectory,
                                                       const SegmentLimits &segments) const
{
    const Result<std::optional<Download>> downloadRead = DownloadRepository(m_database).read(downloadId);
    if (!downloadRead)
        return std::make_unique<StorageFailureJob>(downloadRead.error());
    const std::optional<Download> download = *downloadRead;
    if (!download)
        return std::make_unique<UnsupportedJob>(DownloadError::text(u"the download no longer exists"_s));
    const Result<std::optional<Track>> trackRead = TrackRepository(m_database).read(download->trackId);
    if (!trackRead)
        return std::make_unique<StorageFailureJob>(trackRead.error());
    return createJob(*download, *trackRead, downloadDirectory, segments);
}

std::unique_ptr<TransferJob> SourceRegistry::createJob(const Download &download,
                                                       const std::optional<Track> &track,
                                                       const QString &downloadDirectory,
                                                       const SegmentLimits &segments) const
{
    const QString &downloadId = download.id;
    if (!track)
        return std::make_unique<UnsupportedJob>(
            DownloadError::text(u"its track %1 no longer exists"_s.arg(download.trackId)));
    DownloadSource *source = sourceFor(*track);
    if (!source)
        return std::make_unique<UnsupportedJob>(noSourceReason(*track));

    TransferRequest request;
    request.download = download;
    request.track = *track;
    const QString settingsFolder = QDir::cleanPath(QDir(downloadDirectory).absolutePath());
    request.downloadDirectory =
        download.downloadDirectory.isEmpty() ? settingsFolder : QDir::cleanPath(download.downloadDirectory);
    request.segments = segments;
    Database *database = &m_database;
    // Runs in the job's pool thread, with that thread's own connection (kept for the next job
    // there, and closed by the Database when the thread ends).
    request.persistTargetPath = [database, downloadId](const QString &path) {
        return DownloadRepository(*database).setTargetPath(downloadId, path).ok();
    };
    request.persistResumeState = [database, downloadId](const QString &validator, qint64 totalBytes) {
        return DownloadRepository(*database).setResumeState(downloadId, validator, totalBytes).ok();
    };
    request.persistTargetPathAndResumeState =
        [writes = m_writes, downloadId](const QString &path, const QString &validator, qint64 totalBytes) {
            return writes->storeTargetPathAndVersion({downloadId, path, validator, totalBytes});
        };
    request.persistDoneRanges = [database, downloadId](const QString &doneRanges) {
        return DownloadRepository(*database).setDoneRanges(downloadId, doneRanges).ok();
    };
    if (!m_workerName.isEmpty())
    {
        request.persistResumeStateUnderLease = [writes = m_writes, downloadId](const QString &validator,
                                                                               qint64 totalBytes) {
            return writes->confirmLeaseStoringVersion({downloadId, {}, validator, totalBytes});
        };
        const QueueClaims claims(*database, m_workerName, m_leaseSeconds);
        request.persistTargetPathUnderLease = [claims, downloadId](const QString &path) {
            return claims.confirmLeaseStoringTargetPath(downloadId, path);
        };
    }
    std::unique_ptr<TransferJob> job = source->createJob(request);
    if (request.downloadDirectory != settingsFolder)
        return std::make_unique<OwnFolderJob>(std::move(job));
    return job;
}

void SourceRegistry::waitingChanged() const
{
    for (const auto &source : m_sources)
        source->waitingChanged();
}

void SourceRegistry::downloadLeftQueue(const Download &download) const
{
    for (const auto &source : m_sources)
        source->downloadLeftQueue(download);
}

QString SourceRegistry::describe(const Download &download, const Track &track) const
{
    if (const DownloadSource *source = sourceFor(track))
        return source->describe(download, track);
    return download.sourceInfo.isEmpty() ? download.sourceUrl : download.sourceInfo;
}

} // namespace SoulSpot
