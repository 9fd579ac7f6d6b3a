// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SoulSpot {

// A line of a list that is no download: where, why (a kind, worded by each front end in its
// language; english() for the command line) and what it said (at most 200 characters).
struct ImportProblem
{
    enum class Kind
    {
        SeveralLinks,   // two links run together ("...a.flachttp://...") or side by side
        NotLinkOrTrack, // a text line that is neither a link nor "Artist - Title"
        NotLink,        // a playlist entry that is not a http(s) or slsk link
        UnclosedQuote,  // CSV
        WrongColumns,   // CSV: not title,artist,album,url
        BadCsvLink,     // CSV: the url column is not a http(s) or slsk link
        NothingToFetch  // CSV: neither a title nor a link
    };
    QString file;       // the list file's name; empty for pasted text
    qsizetype line = 0; // 1-based
    Kind kind = Kind::NotLinkOrTrack;
    QString text;

    QString english() const; // "line 2: neither a http(s) URL nor "Artist - Title": ..."
};

struct ImportList
{
    QList<TrackInput> tracks;
    QList<ImportProblem> problems; // in the order of the lines
};

// Turns a list of things to download into tracks: a text file with one URL (or "Artist - Title")
// a line, an M3U/M3U8 playlist (its #EXTINF titles and lengths kept), or a CSV with the columns
// title,artist,album,url (header row optional; quoted fields allowed). Used by --import, by drops
// on the window and by pasted text. parse() is strict: a line it cannot understand rejects the
// whole list, with the line number (--import). parseLines() keeps the good lines and names the
// bad ones, so that the window can offer to add the good ones (issue #9).
class ImportParser
{
public:
    enum class Format
    {
        Text,
        M3u,
        Csv
    };

    // By the file name's suffix: .m3u/.m3u8, .csv, anything else is text.
    static Format formatForFileName(const QString &fileName);

    static Result<QList<TrackInput>> parse(const QByteArray &content, Format format);
    static Result<QList<TrackInput>> parseFile(const QString &path);
    // Every line it understands, and every line it does not. An error only when the file cannot
    // be read; a list with neither tracks nor bad lines is an empty ImportList.
    static ImportList parseLines(const QByteArray &content, Format format);
    static Result<ImportList> parseFileLines(const QString &path);

    // One line of text: a http(s) or slsk: URL, or "Artist - Title". Nullopt for anything else.
    static std::optional<TrackInput> parseLine(const QString &line);

private:
    // The whole list, or the first bad line as the error (the strict reading of --import).
    static Result<QList<TrackInput>> strict(const ImportList &list);
    static ImportList parseText(const QString &text);
    static ImportList parseM3u(const QString &text);
    static ImportList parseCsv(const QString &text);
};

} // namespace SoulSpot
