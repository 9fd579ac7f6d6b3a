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

Error lineError(qsizetype lineIndex, const QString &why)
{
    return {ErrorKind::InvalidArgument, u"line %1: %2"_s.arg(QString::number(lineIndex + 1), why)};
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

Result<QList<TrackInput>> ImportParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::InvalidArgument, u"cannot read %1: %2"_s.arg(path, file.errorString())};
    if (file.size() > maxImportBytes)
        return Error{ErrorKind::InvalidArgument, u"%1 is larger than 64 MiB"_s.arg(path)};
    return parse(file.readAll(), formatForFileName(path));
}

Result<QList<TrackInput>> ImportParser::parse(const QByteArray &content, Format format)
{
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    Result<QList<TrackInput>> tracks = [&] {
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
    }();
    if (tracks && tracks->isEmpty())
        return Error{ErrorKind::InvalidArgument, u"the list has no tracks"_s};
    return tracks;
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

Result<QList<TrackInput>> ImportParser::parseText(const QString &text)
{
    QList<TrackInput> tracks;
    const QStringList lines = linesOf(text);
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (runsLinksTogether(line))
            return lineError(i, u"holds more than one link (one a line): %1"_s.arg(line.left(200)));
        std::optional<TrackInput> track = parseLine(line);
        if (!track)
            return lineError(i, u"neither a http(s) URL nor \"Artist - Title\": %1"_s.arg(line.left(200)));
        tracks.append(*track);
    }
    return tracks;
}

Result<QList<TrackInput>> ImportParser::parseM3u(const QString &text)
{
    static const QRegularExpression extinf(u"^#EXTINF:\\s*(-?\\d+)[^,]*,(.*)$"_s);
    QList<TrackInput> tracks;
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
            return lineError(i, u"not a http(s) URL: %1"_s.arg(line.left(200)));
        if (pendingInfo)
        {
            entry->artist = entry->artist.isEmpty() ? pendingInfo->artist : entry->artist;
            entry->title = entry->title.isEmpty() ? pendingInfo->title : entry->title;
            entry->durationSeconds = pendingInfo->durationSeconds;
            pendingInfo.reset();
        }
        tracks.append(*entry);
    }
    return tracks;
}

Result<QList<TrackInput>> ImportParser::parseCsv(const QString &text)
{
    QList<TrackInput> tracks;
    const QStringList lines = linesOf(text);
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        std::optional<QStringList> fields = splitCsvLine(lines.at(i));
        if (!fields)
            return lineError(i, u"an opening quote is never closed"_s);
        if (fields->size() < 2 || fields->size() > 5)
            return lineError(i, u"expected the columns title,artist,album,url"_s);
        if (tracks.isEmpty() && fields->first().compare("title"_L1, Qt::CaseInsensitive) == 0)
            continue; // the header row
        TrackInput track;
        track.title = fields->value(0);
        track.artist = fields->value(1);
        track.album = fields->value(2);
        track.sourceUrl = fields->value(3);
        if (!track.sourceUrl.isEmpty() && !isDownloadUrl(track.sourceUrl))
            return lineError(i, u"not a http(s) or slsk: URL: %1"_s.arg(track.sourceUrl.left(200)));
        if (track.sourceUrl.isEmpty() && track.title.isEmpty())
            return lineError(i, u"a row needs a title or a URL"_s);
        tracks.append(track);
    }
    return tracks;
}

} // namespace SoulSpot
