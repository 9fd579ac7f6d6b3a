// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpjobsupport.h"

#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

QString describeOutcome(const TransferOutcome &outcome)
{
    static const char *const kinds[] = {"Completed", "Failed", "Stopped", "FolderUnusable"};
    return u"%1 (retriable %2): \"%3\", file %4, %5 of %6 bytes%7"_s
        .arg(QLatin1StringView(kinds[int(outcome.kind)]))
        .arg(outcome.retriable)
        .arg(outcome.error, outcome.filePath)
        .arg(outcome.bytesDownloaded)
        .arg(outcome.totalBytes)
        .arg(outcome.folder.isEmpty() ? QString() : u", folder "_s + outcome.folder);
}

TransferRequest httpRequest(const QUrl &url, const QString &directory, const QString &targetPath)
{
    TransferRequest request;
    request.download.id = u"download-1"_s;
    request.download.sourceUrl = url.toString();
    request.download.targetPath = targetPath;
    request.track.artist = u"Artist"_s;
    request.track.title = u"Title"_s;
    request.track.sourceUrl = request.download.sourceUrl;
    request.downloadDirectory = directory;
    return request;
}

std::unique_ptr<JobRunner> startHttpJob(TransferRequest request, const HttpSourceOptions &options,
                                        BandwidthLimiter *bandwidth)
{
    auto runner = std::make_unique<JobRunner>(u"download-1"_s, bandwidth);
    if (!request.persistTargetPath)
        request.persistTargetPath = runner->persistFunction();
    if (!request.persistResumeState)
        request.persistResumeState = runner->persistResumeFunction();
    runner->start(HttpSource(options).createJob(request));
    return runner;
}

TransferOutcome runHttpJob(const TransferRequest &request, const HttpSourceOptions &options)
{
    const auto runner = startHttpJob(request, options);
    if (!runner->wait())
        return TransferOutcome::failed(u"test: the job did not end in time"_s, false);
    return runner->outcome();
}

QString insertHttpDownload(const Database &database, const QUrl &url)
{
    const Result<QList<Track>> tracks =
        TrackRepository(database).insert({TrackInput{u"Title"_s, u"Artist"_s, {}, url.toString(), -1}});
    if (!tracks)
        return {};
    Download download;
    download.trackId = tracks->constFirst().id;
    download.sourceUrl = url.toString();
    const Result<QList<Download>> inserted = DownloadRepository(database).insert({download});
    return inserted ? inserted->constFirst().id : QString();
}

TransferRequest storedHttpRequest(const Database &database, const QString &id, const QString &directory)
{
    const std::optional<Download> row = DownloadRepository(database).find(id);
    TransferRequest request = httpRequest(QUrl(row ? row->sourceUrl : QString()), directory);
    if (row)
        request.download = *row;
    const Database *stored = &database;
    request.persistTargetPath = [stored, id](const QString &path) {
        return DownloadRepository(*stored).setTargetPath(id, path).ok();
    };
    request.persistResumeState = [stored, id](const QString &validator, qint64 total) {
        return DownloadRepository(*stored).setResumeState(id, validator, total).ok();
    };
    request.persistDoneRanges = [stored, id](const QString &ranges) {
        return DownloadRepository(*stored).setDoneRanges(id, ranges).ok();
    };
    return request;
}

} // namespace SoulSpot::Test
