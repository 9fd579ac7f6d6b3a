// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloaderror.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>
#include <QString>

#include <chrono>
#include <optional>

// What an HTTP transfer reads from the headers of an answer, as plain functions of their text.
namespace SoulSpot::HttpAnswer {

// "bytes FIRST-LAST/TOTAL", "bytes */TOTAL" or "bytes FIRST-LAST/*"; -1 for what is absent.
struct ContentRange
{
    bool valid = false;
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
};
ContentRange parseContentRange(const QByteArray &header);

// ".mp3" for audio/mpeg and the like; empty for a type we do not name files after.
QString extensionForContentType(const QByteArray &contentType);

// The validator that tells one version of a file from the next, for If-Range: the ETag when it is
// strong (a weak one, W/"...", may not be used in If-Range), else the Last-Modified date, else
// empty (then nothing can be resumed).
QByteArray validatorOf(const QByteArray &etag, const QByteArray &lastModified);
// Whether an answer with these headers may continue bytes stored under `stored`: false only when
// the answer names a validator of the same kind that differs.
bool matchesValidator(const QByteArray &stored, const QByteArray &etag, const QByteArray &lastModified);

// The wait a Retry-After header asks for (delay in seconds or an HTTP date), at most `cap`;
// nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now,
                                                         std::chrono::milliseconds cap);

// 5xx, 408 and 429: a later try may get the file.
bool isRetriableStatus(int status);
// Network-level failures that a later try may not meet again. TLS and redirect-policy errors
// and unknown protocols are permanent: trying again gives the same answer.
bool isRetriableNetworkError(QNetworkReply::NetworkError error);
// A sentence for the user about a reply that failed below HTTP.
DownloadError describeNetworkError(const QNetworkReply &reply, int maxRedirects);

} // namespace SoulSpot::HttpAnswer
