// SPDX-License-Identifier: GPL-3.0-or-later
#include "mimeimport.h"

#include "service/importparser.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

bool MimeImport::isPlaylistFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "m3u"_L1 || suffix == "m3u8"_L1 || suffix == "txt"_L1 || suffix == "csv"_L1;
}

bool MimeImport::canImport(const QMimeData *mime)
{
    if (!mime)
        return false;
    if (mime->hasUrls())
    {
        const QList<QUrl> urls = mime->urls();
        for (const QUrl &url : urls)
        {
            if (url.isLocalFile() ? !isPlaylistFile(url.toLocalFile()) : url.scheme().isEmpty())
                return false;
        }
        return !urls.isEmpty();
    }
    return mime->hasText() && !mime->text().trimmed().isEmpty();
}

bool MimeImport::readsFiles(const QList<QUrl> &urls)
{
    return std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) { return url.isLocalFile(); });
}

Result<QList<TrackInput>> MimeImport::tracksFromUrls(const QList<QUrl> &urls)
{
    QList<TrackInput> tracks;
    for (const QUrl &url : urls)
    {
        if (url.isLocalFile())
        {
            const QString path = url.toLocalFile();
            if (!isPlaylistFile(path))
            {
                return Error{ErrorKind::InvalidArgument,
                             tr("%1 is not a list of downloads: use a .m3u, .m3u8, .txt or .csv file.")
                                 .arg(QFileInfo(path).fileName())};
            }
            Result<QList<TrackInput>> parsed = ImportParser::parseFile(path);
            if (!parsed)
                return Error{ErrorKind::InvalidArgument,
                             u"%1: %2"_s.arg(QFileInfo(path).fileName(), parsed.error().message)};
            tracks.append(*parsed);
            continue;
        }
        const QString text = url.toString(QUrl::FullyEncoded);
        std::optional<TrackInput> track = ImportParser::parseLine(text);
        if (!track)
            return Error{ErrorKind::InvalidArgument,
                         tr("Cannot download %1: only http, https and slsk links work.").arg(text)};
        tracks.append(*track);
    }
    if (tracks.isEmpty())
        return Error{ErrorKind::InvalidArgument, tr("The list holds no downloads.")};
    return tracks;
}

Result<QList<TrackInput>> MimeImport::tracksFromText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Error{ErrorKind::InvalidArgument, tr("There is nothing to add.")};
    Result<QList<TrackInput>> parsed = ImportParser::parse(text.toUtf8(), ImportParser::Format::Text);
    if (!parsed)
        return parsed;
    if (parsed->isEmpty())
        return Error{ErrorKind::InvalidArgument,
                     tr("The text holds no links and no \"Artist - Title\" lines.")};
    return parsed;
}

} // namespace SoulSpot::Gui
