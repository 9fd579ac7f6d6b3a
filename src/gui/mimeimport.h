// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"
#include "service/importparser.h"

#include <QCoreApplication>
#include <QList>

class QMimeData;
class QUrl;

namespace SoulSpot::Gui {

// Turns what the user drops or pastes into tracks, through core's ImportParser: links
// (text/uri-list) to web or Soulseek files, playlist files (.m3u, .m3u8, .txt, .csv) and plain
// text with one URL or "Artist - Title" a line. A line it cannot read is named (describe()) and
// left out, so that the window can offer the good ones; a file that cannot be read rejects the
// whole drop with a reason. Thread-safe: a list of files
// is read and parsed off the main thread (DownloadAdder), so it takes the URLs, never the
// QMimeData, which belongs to the main thread.
class MimeImport final
{
    Q_DECLARE_TR_FUNCTIONS(SoulSpot::Gui::MimeImport)

public:
    static bool canImport(const QMimeData *mime);
    // Links, and the local list files among them, read from disk. A link that is no download is
    // a problem at its place in the drop (as a line of text/uri-list).
    static Result<ImportList> listFromUrls(const QList<QUrl> &urls);
    static bool readsFiles(const QList<QUrl> &urls);
    // An error only when there is nothing at all; bad lines are problems of the list.
    static Result<ImportList> listFromText(const QString &text);
    static bool isPlaylistFile(const QString &path);
    // A bad line in the window's language: "Line 3: neither a link ... — text".
    static QString describe(const ImportProblem &problem);
    // The first `most` bad lines, one a line, and "… and N more" after them.
    static QString describe(const QList<ImportProblem> &problems, qsizetype most);
};

} // namespace SoulSpot::Gui
