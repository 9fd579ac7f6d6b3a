// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpanswer.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace SoulSpot::HttpAnswer {

ContentRange parseContentRange(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    const qsizetype slash = value.indexOf('/');
    if (!value.startsWith("bytes ") || slash < 0)
        return {};
    ContentRange range;
    const QByteArray span = value.mid(6, slash - 6).trimmed();
    const QByteArray total = value.mid(slash + 1).trimmed();
    bool ok = true;
    if (total != "*")
        range.total = total.toLongLong(&ok);
    if (!ok)
        return {};
    if (span == "*")
    {
        range.valid = range.total >= 0;
        return range;
    }
    const qsizetype dash = span.indexOf('-');
    bool firstOk = false;
    bool lastOk = false;
    range.first = span.left(dash).toLongLong(&firstOk);
    range.last = span.mid(dash + 1).toLongLong(&lastOk);
    range.valid = dash > 0 && firstOk && lastOk && range.first <= range.last;
    return range;
}

QString extensionForContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    if (type == "audio/mpeg" || type == "audio/mp3")
        return u".mp3"_s;
    if (type == "audio/flac" || type == "audio/x-flac")
        return u".flac"_s;
    if (type == "audio/ogg")
        return u".ogg"_s;
    if (type == "audio/mp4" || type == "audio/x-m4a")
        return u".m4a"_s;
    if (type == "audio/wav" || type == "audio/x-wav" || type == "audio/wave")
        return u".wav"_s;
    if (type == "audio/opus")
        return u".opus"_s;
    return {};
}

namespace {

bool isStrongEtag(const QByteArray &etag)
{
    return etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"');
}

} // namespace

QByteArray validatorOf(const QByteArray &etag, const QByteArray &lastModified)
{
    const QByteArray tag = etag.trimmed();
    if (isStrongEtag(tag))
        return tag;
    return lastModified.trimmed();
}

bool matchesValidator(const QByteArray &stored, const QByteArray &etag, const QByteArray &lastModified)
{
    if (stored.isEmpty())
        return false;
    const QByteArray tag = etag.trimmed();
    if (isStrongEtag(stored))
        return !isStrongEtag(tag) || tag == stored;
    const QByteArray date = lastModified.trimmed();
    return date.isEmpty() || date == stored;
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now,
                                                         std::chrono::milliseconds cap)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    qint64 waitMs = 0;
    if (isNumber)
    {
        if (seconds < 0)
            return std::nullopt;
        waitMs = seconds > cap.count() / 1000 ? cap.count() : seconds * 1000;
    }
    else
    {
        // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT": English names whatever the user's locale.
        const QDateTime when =
            QLocale::c().toDateTime(QString::fromLatin1(text).chopped(4), u"ddd, dd MMM yyyy HH:mm:ss"_s);
        if (!when.isValid() || !text.endsWith(" GMT"))
            return std::nullopt;
        waitMs = std::max<qint64>(0, now.msecsTo(QDateTime(when.date(), when.time(), QTimeZone::utc())));
    }
    return std::chrono::milliseconds(std::min<qint64>(waitMs, cap.count()));
}

bool isRetriableStatus(int status)
{
    return status >= 500 || status == 408 || status == 429;
}

bool isRetriableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error)
    {
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return false;
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
    }
}

DownloadError describeNetworkError(const QNetworkReply &reply, int maxRedirects)
{
    using Kind = DownloadError::Kind;
    switch (reply.error())
    {
    case QNetworkReply::ConnectionRefusedError:
        return {Kind::ConnectionRefused, {}};
    case QNetworkReply::RemoteHostClosedError:
        return {Kind::ConnectionClosed, {}};
    case QNetworkReply::HostNotFoundError:
        return {Kind::HostNotFound, {reply.url().host()}};
    case QNetworkReply::TooManyRedirectsError:
        return {Kind::TooManyRedirects, {QString::number(maxRedirects)}};
    case QNetworkReply::InsecureRedirectError:
        return {Kind::InsecureRedirect, {}};
    default:
        return {Kind::Network, {reply.errorString()}};
    }
}

} // namespace SoulSpot::HttpAnswer
