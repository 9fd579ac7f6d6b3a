// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceurl.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr qsizetype QuotedLength = 200; // of a refused URL in a message
}

bool isDownloadUrl(const QString &text)
{
    // Tolerant, as the sources read it: a space in a path is a URL's (encoded when sent).
    const QUrl url(text.trimmed(), QUrl::TolerantMode);
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == "slsk"_L1)
        return true;
    return (scheme == "http"_L1 || scheme == "https"_L1) && !url.host().isEmpty();
}

std::optional<QString> sourceUrlProblem(const QString &sourceUrl)
{
    if (sourceUrl.trimmed().isEmpty() || isDownloadUrl(sourceUrl))
        return std::nullopt;
    return u"must be a http, https or slsk URL, not \"%1\""_s.arg(sourceUrl.trimmed().left(QuotedLength));
}

} // namespace SoulSpot
