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

Result<ImportList> MimeImport::listFromUrls(const QList<QUrl> &urls)
{
    ImportList list;
    for (qsizetype i = 0; i < urls.size(); ++i)
    {
        const QUrl &url = urls.at(i);
        if (url.isLocalFile())
        {
            const QString path = url.toLocalFile();
            if (!isPlaylistFile(path))
            {
                return Error{ErrorKind::InvalidArgument,
                             tr("%1 is not a list of downloads: use a .m3u, .m3u8, .txt or .csv file.")
                                 .arg(QFileInfo(path).fileName())};
            }
            Result<ImportList> parsed = ImportParser::parseFileLines(path);
            if (!parsed)
                return Error{ErrorKind::InvalidArgument,
                             u"%1: %2"_s.arg(QFileInfo(path).fileName(), parsed.error().message)};
            list.tracks.append(parsed->tracks);
            list.problems.append(parsed->problems);
            continue;
        }
        const QString text = url.toString(QUrl::FullyEncoded);
        if (std::optional<TrackInput> track = ImportParser::parseLine(text);
            track && !track->sourceUrl.isEmpty())
            list.tracks.append(*track);
        else
            list.problems.append({{}, i + 1, ImportProblem::Kind::NotLink, text.left(200)});
    }
    if (list.tracks.isEmpty() && list.problems.isEmpty())
        return Error{ErrorKind::InvalidArgument, tr("The list holds no downloads.")};
    return list;
}

Result<ImportList> MimeImport::listFromText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Error{ErrorKind::InvalidArgument, tr("There is nothing to add.")};
    ImportList list = ImportParser::parseLines(text.toUtf8(), ImportParser::Format::Text);
    if (list.tracks.isEmpty() && list.problems.isEmpty())
        return Error{ErrorKind::InvalidArgument,
                     tr("The text holds no links and no \"Artist - Title\" lines.")};
    return list;
}

QString MimeImport::describe(const ImportProblem &problem)
{
    const QString why = [&problem] {
        switch (problem.kind)
        {
        case ImportProblem::Kind::SeveralLinks:
            return tr("more than one link on one line");
        case ImportProblem::Kind::NotLinkOrTrack:
            return tr("neither a link (http, https, slsk) nor “Artist - Title”");
        case ImportProblem::Kind::NotLink:
            return tr("not a http, https or slsk link");
        case ImportProblem::Kind::UnclosedQuote:
            return tr("an opening quote is never closed");
        case ImportProblem::Kind::WrongColumns:
            return tr("not the columns title,artist,album,url");
        case ImportProblem::Kind::BadCsvLink:
            return tr("its link is not http, https or slsk");
        case ImportProblem::Kind::NothingToFetch:
            break;
        }
        return tr("neither a title nor a link");
    }();
    const QString where = problem.file.isEmpty() ? tr("Line %1").arg(problem.line)
                                                 : tr("%1, line %2").arg(problem.file).arg(problem.line);
    const QString shown = problem.text.size() > 80 ? problem.text.left(79) + u'…' : problem.text;
    return shown.isEmpty() ? tr("%1: %2").arg(where, why) : tr("%1: %2 — %3").arg(where, why, shown);
}

QString MimeImport::describe(const QList<ImportProblem> &problems, qsizetype most)
{
    QStringList lines;
    for (qsizetype i = 0; i < problems.size() && i < most; ++i)
        lines << describe(problems.at(i));
    if (problems.size() > most)
        lines << tr("… and %Ln more", "", int(problems.size() - most));
    return lines.join(u'\n');
}

} // namespace SoulSpot::Gui
