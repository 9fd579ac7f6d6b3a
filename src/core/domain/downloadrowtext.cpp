// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadrowtext.h"

#include "isotime.h"

namespace SoulSpot {

namespace {

QDateTime timeOf(StoredTime stored)
{
    return stored.text.isEmpty() ? QDateTime() : IsoTime::parse(QString::fromUtf8(stored.text));
}

} // namespace

Download DownloadRowText::toDownload() const
{
    Download download;
    download.id = id.toString();
    download.trackId = trackId.toString();
    download.status = status;
    download.priority = priority;
    download.targetPath = targetPath.toString();
    download.sourceUrl = sourceUrl.toString();
    download.progressPercent = progressPercent;
    download.bytesDownloaded = bytesDownloaded;
    download.totalBytes = totalBytes;
    download.attempts = attempts;
    download.maxRetries = maxRetries;
    download.errorMessage = errorMessage.toString();
    download.sourceInfo = sourceInfo.toString();
    download.startedAt = timeOf(startedAt);
    download.completedAt = timeOf(completedAt);
    download.createdAt = timeOf(createdAt);
    download.updatedAt = timeOf(updatedAt);
    download.sequence = sequence;
    download.worker = worker.toString();
    download.queuePosition = queuePosition;
    download.downloadDirectory = downloadDirectory.toString();
    download.speedBytesPerSecond = speedBytesPerSecond;
    download.transferNote = transferNote.toString();
    download.connections = connections;
    download.retryAt = timeOf(retryAt);
    return download;
}

} // namespace SoulSpot
