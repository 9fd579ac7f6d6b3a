// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "download.h"

#include <QByteArrayView>
#include <QUtf8StringView>

namespace SoulSpot {

// An instant as the database stores it: ISO 8601 text (see IsoTime), empty for null.
struct StoredTime
{
    QByteArrayView text;
};

// One stored download with the fields a page of the list shows, as the database's own UTF-8
// text: valid only during the DownloadRowSink::row() call that hands it over. A front end that
// writes a page as text (the API's JSON) then needs no QString or QDateTime per cell; a page of
// a hundred rows read through QSqlQuery spent half its time making QVariants and UTF-16.
// The members are named as in Download, so that one field list writes either.
struct DownloadRowText
{
    QUtf8StringView id;
    QUtf8StringView trackId;
    DownloadStatus status = DownloadStatus::Queued;
    int priority = 1;
    QUtf8StringView targetPath;
    QUtf8StringView sourceUrl;
    double progressPercent = 0.0;
    qint64 bytesDownloaded = 0;
    qint64 totalBytes = -1;
    int attempts = 0;
    int maxRetries = 3;
    QUtf8StringView errorMessage;
    QUtf8StringView sourceInfo;
    StoredTime startedAt;
    StoredTime completedAt;
    StoredTime createdAt;
    StoredTime updatedAt;
    qint64 sequence = 0;
    QUtf8StringView worker; // lease_owner: empty before the first claim
    qint64 queuePosition = 0;
    QUtf8StringView downloadDirectory;
    // Never stored: a row read from the database has none of the runtime values (a running
    // download's row goes to the sink as a Download, with them).
    qint64 speedBytesPerSecond = 0;
    QUtf8StringView transferNote;
    int connections = 0;
    StoredTime retryAt;

    // The shown fields as a Download (the columns a page does not show are left empty).
    Download toDownload() const;
};

// Takes the rows of a page one at a time (DownloadService::visitDownloads): as text when they
// come straight from the database, as a Download when they carry runtime values or the
// database's driver cannot hand out its text (PostgreSQL).
class DownloadRowSink
{
public:
    virtual ~DownloadRowSink() = default;
    virtual void row(const DownloadRowText &row) = 0;
    virtual void row(const Download &row) = 0;
};

} // namespace SoulSpot
