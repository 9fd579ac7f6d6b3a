// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceregistry.h"

#include "queue/transferjob.h"
#include "sources/downloadsource.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"

#include <QDir>

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

QString noSourceReason(const Track &track)
{
    if (track.sourceUrl.trimmed().isEmpty())
    {
        return u"the track has no URL and Soulseek is not set up: set SLSKD__URL and SLSKD__API_KEY "
               "(or --slskd-url and --slskd-api-key)"_s;
    }
    return u"no source can download \"%1\""_s.arg(track.sourceUrl);
}

} // namespace

SourceRegistry::SourceRegistry(Database &database)
    : m_database(database)
{
}

SourceRegistry::~SourceRegistry() = default;

void SourceRegistry::add(std::unique_ptr<DownloadSource> source)
{
    m_sources.push_back(std::move(source));
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

std::unique_ptr<TransferJob> SourceRegistry::createJob(const QString &downloadId,
                                                       const QString &downloadDirectory) const
{
    std::optional<Download> download = DownloadRepository(m_database).find(downloadId);
    if (!download)
        return std::make_unique<UnsupportedJob>(u"the download no longer exists"_s);
    std::optional<Track> track = TrackRepository(m_database).find(download->trackId);
    if (!track)
        return std::make_unique<UnsupportedJob>(u"its track %1 no longer exists"_s.arg(download->trackId));
    DownloadSource *source = sourceFor(*track);
    if (!source)
        return std::make_unique<UnsupportedJob>(noSourceReason(*track));

    TransferRequest request;
    request.download = *download;
    request.track = *track;
    request.downloadDirectory = QDir(downloadDirectory).absolutePath();
    Database *database = &m_database;
    // Runs in the job's pool thread, with that thread's own connection (kept for the next job
    // there, and closed by the Database when the thread ends).
    request.persistTargetPath = [database, downloadId](const QString &path) {
        return DownloadRepository(*database).setTargetPath(downloadId, path).ok();
    };
    return source->createJob(request);
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
