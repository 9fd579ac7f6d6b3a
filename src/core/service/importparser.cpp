// SPDX-License-Identifier: GPL-3.0-or-later
#include "importparser.h"

#include "domain/sourceurl.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr qint64 maxImportBytes = 64 * 1024 * 1024;

// A bad line at `lineIndex` (0-based), its text cut to what a message can show.
ImportProblem problemAt(qsizetype lineIndex, ImportProblem::Kind kind, const QString &text = {})
{
    return {{}, lineIndex + 1, kind, text.left(200)};
}

// Whether a line holds a second link after its first, as when a typed URL was glued to a pasted
// one ("...a.flachttp://..."): a link that appears inside another only as a query value
// ("?u=https://...") does not count.
bool runsLinksTogether(const QString &line)
{
    static const QRegularExpression scheme(u"(?:https?|slsk)://"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatchIterator found = scheme.globalMatch(line);
    if (!found.hasNext() || found.next().capturedStart() != 0)
        return false;
    while (found.hasNext())
    {
        const qsizetype start = found.next().capturedStart();
        if (!u"=?&"_s.contains(line.at(start - 1)))
            return true;
    }
    return false;
}

// Splits one CSV record (RFC 4180 quoting within one line).
std::optional<QStringList> splitCsvLine(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i)
    {
        const QChar c = line.at(i);
        if (quoted)
        {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"')
            {
                field.append(u'"');
                ++i;
            }
            else if (c == u'"')
                quoted = false;
            else
                field.append(c);
        }
        else if (c == u'"' && field.trimmed().isEmpty())
        {
            field.clear();
            quoted = true;
        }
        else if (c == u',')
        {
            fields.append(field.trimmed());
            field.clear();
        }
        else
            field.append(c);
    }
    if (quoted)
        return std::nullopt;
    fields.append(field.trimmed());
    return fields;
}

// The header row: the first row, named as the columns are.
bool isHeader(const QStringList &fields, const ImportList &list)
{
    return list.tracks.isEmpty() && list.problems.isEmpty() &&
           fields.first().compare("title"_L1, Qt::CaseInsensitive) == 0;
}

// One row of title,artist,album,url: a track, or why not.
void addCsvRow(const QStringList &fields, qsizetype lineIndex, ImportList &list)
{
    TrackInput track;
    track.title = fields.value(0);
    track.artist = fields.value(1);
    track.album = fields.value(2);
    track.sourceUrl = fields.value(3);
    if (!track.sourceUrl.isEmpty() && !isDownloadUrl(track.sourceUrl))
        list.problems.append(problemAt(lineIndex, ImportProblem::Kind::BadCsvLink, track.sourceUrl));
    else if (track.sourceUrl.isEmpty() && track.title.isEmpty())
        list.problems.append(problemAt(lineIndex, ImportProblem::Kind::NothingToFetch, fields.join(u',')));
    else
        list.tracks.append(track);
}

QStringList linesOf(const QString &text)
{
    return text.split(QRegularExpression(u"\r\n|\n|\r"_s));
}

} // namespace

ImportParser::Format ImportParser::formatForFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == "m3u"_L1 || suffix == "m3u8"_L1)
        return Format::M3u;
    if (suffix == "csv"_L1)
        return Format::Csv;
    return Format::Text;
}

QString ImportProblem::english() const
{
    const QString why = [this] {
        switch (kind)
        {
        case Kind::SeveralLinks:
            return u"holds more than one link (one a line): %1"_s.arg(text);
        case Kind::NotLinkOrTrack:
            return u"neither a http(s) URL nor \"Artist - Title\": %1"_s.arg(text);
        case Kind::NotLink:
            return u"not a http(s) URL: %1"_s.arg(text);
        case Kind::UnclosedQuote:
            return u"an opening quote is never closed"_s;
        case Kind::WrongColumns:
            return u"expected the columns title,artist,album,url"_s;
        case Kind::BadCsvLink:
            return u"not a http(s) or slsk: URL: %1"_s.arg(text);
        case Kind::NothingToFetch:
            break;
        }
        return u"a row needs a title or a URL"_s;
    }();
    return u"line %1: %2"_s.arg(QString::number(line), why);
}

Result<ImportList> ImportParser::parseFileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::InvalidArgument, u"cannot read %1: %2"_s.arg(path, file.errorString())};
    if (file.size() > maxImportBytes)
        return Error{ErrorKind::InvalidArgument, u"%1 is larger than 64 MiB"_s.arg(path)};
    ImportList list = parseLines(file.readAll(), formatForFileName(path));
    for (ImportProblem &problem : list.problems)
        problem.file = QFileInfo(path).fileName();
    return list;
}

Result<QList<TrackInput>> ImportParser::parseFile(const QString &path)
{
    Result<ImportList> list = parseFileLines(path);
    if (!list)
        return list.error();
    return strict(*list);
}

ImportList ImportParser::parseLines(const QByteArray &content, Format format)
{
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    switch (format)
    {
    case Format::M3u:
        return parseM3u(text);
    case Format::Csv:
        return parseCsv(text);
    case Format::Text:
        break;
    }
    return parseText(text);
}

Result<QList<TrackInput>> ImportParser::parse(const QByteArray &content, Format format)
{
    return strict(parseLines(content, format));
}

Result<QList<TrackInput>> ImportParser::strict(const ImportList &list)
{
    if (!list.problems.isEmpty())
        return Error{ErrorKind::InvalidArgument, list.problems.first().english()};
    if (list.tracks.isEmpty())
        return Error{ErrorKind::InvalidArgument, u"the list has no tracks"_s};
    return list.tracks;
}

std::optional<TrackInput> ImportParser::parseLine(const QString &line)
{
    const QString trimmed = line.trimmed();
    TrackInput track;
    if (isDownloadUrl(trimmed))
    {
        track.sourceUrl = trimmed;
        return track;
    }
    // "Artist - Title": a search on Soulseek. The first " - " separates; titles may contain more.
    const qsizetype dash = trimmed.indexOf(" - "_L1);
    if (dash <= 0 || trimmed.contains("://"_L1))
        return std::nullopt;
    track.artist = trimmed.left(dash).trimmed();
    track.title = trimmed.mid(dash + 3).trimmed();
    if (track.artist.isEmpty() || track.title.isEmpty())
        return std::nullopt;
    return track;
}

ImportList ImportParser::parseText(const QString &text)
{
    ImportList list;
    const QStringList lines = linesOf(text);
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (runsLinksTogether(line))
        {
            list.problems.append(problemAt(i, ImportProblem::Kind::SeveralLinks, line));
            continue;
        }
        std::optional<TrackInput> track = parseLine(line);
        if (track)
            list.tracks.append(*track);
        else
            list.problems.append(problemAt(i, ImportProblem::Kind::NotLinkOrTrack, line));
    }
    return list;
}

ImportList ImportParser::parseM3u(const QString &text)
{
    static const QRegularExpression extinf(u"^#EXTINF:\\s*(-?\\d+)[^,]*,(.*)$"_s);
    ImportList list;
    std::optional<TrackInput> pendingInfo;
    const QStringList lines = linesOf(text);
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (const QRegularExpressionMatch match = extinf.match(line); match.hasMatch())
        {
            // "#EXTINF:215,Artist - Title": metadata for the entry on the next line.
            TrackInput info = parseLine(match.captured(2)).value_or(TrackInput{});
            if (info.title.isEmpty())
                info.title = match.captured(2).trimmed();
            info.sourceUrl.clear();
            info.durationSeconds = qMax(-1, match.captured(1).toInt());
            pendingInfo = info;
            continue;
        }
        if (line.startsWith(u'#'))
            continue;
        std::optional<TrackInput> entry = parseLine(line);
        if (!entry)
        {
            list.problems.append(problemAt(i, ImportProblem::Kind::NotLink, line));
            pendingInfo.reset(); // its title belongs to the bad entry, not to the next one
            continue;
        }
        if (pendingInfo)
        {
            entry->artist = entry->artist.isEmpty() ? pendingInfo->artist : entry->artist;
            entry->title = entry->title.isEmpty() ? pendingInfo->title : entry->title;
            entry->durationSeconds = pendingInfo->durationSeconds;
            pendingInfo.reset();
        }
        list.tracks.append(*entry);
    }
    return list;
}

ImportList ImportParser::parseCsv(const QString &text)
{
    ImportList list;
    const QStringList lines = linesOf(text);
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        std::optional<QStringList> fields = splitCsvLine(line);
        if (!fields)
            list.problems.append(problemAt(i, ImportProblem::Kind::UnclosedQuote, line));
        else if (fields->size() < 2 || fields->size() > 5)
            list.problems.append(problemAt(i, ImportProblem::Kind::WrongColumns, line));
        else if (!isHeader(*fields, list))
            addCsvRow(*fields, i, list);
    }
    return list;
}

} // namespace SoulSpot
