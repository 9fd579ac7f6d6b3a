// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace SoulSpot {

// Turns a list of things to download into tracks: a text file with one URL (or "Artist - Title")
// a line, an M3U/M3U8 playlist (its #EXTINF titles and lengths kept), or a CSV with the columns
// title,artist,album,url (header row optional; quoted fields allowed). Used by --import, by drops
// on the window and by pasted text. A line it cannot understand rejects the whole list, with the
// line number, so that nothing is half imported.
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

    // One line of text: a http(s) or slsk: URL, or "Artist - Title". Nullopt for anything else.
    static std::optional<TrackInput> parseLine(const QString &line);

private:
    static Result<QList<TrackInput>> parseText(const QString &text);
    static Result<QList<TrackInput>> parseM3u(const QString &text);
    static Result<QList<TrackInput>> parseCsv(const QString &text);
};

} // namespace SoulSpot
