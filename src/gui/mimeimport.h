// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"

#include <QCoreApplication>
#include <QList>

class QMimeData;
class QUrl;

namespace SoulSpot::Gui {

// Turns what the user drops or pastes into tracks, through core's ImportParser: links
// (text/uri-list) to web or Soulseek files, playlist files (.m3u, .m3u8, .txt, .csv) and plain
// text with one URL or "Artist - Title" a line. All or nothing: one thing it cannot read
// rejects the whole drop with a reason, so nothing is half added. Thread-safe: a list of files
// is read and parsed off the main thread (DownloadAdder), so it takes the URLs, never the
// QMimeData, which belongs to the main thread.
class MimeImport final
{
    Q_DECLARE_TR_FUNCTIONS(SoulSpot::Gui::MimeImport)

public:
    static bool canImport(const QMimeData *mime);
    // Links, and the local list files among them, read from disk.
    static Result<QList<TrackInput>> tracksFromUrls(const QList<QUrl> &urls);
    static bool readsFiles(const QList<QUrl> &urls);
    static Result<QList<TrackInput>> tracksFromText(const QString &text);
    static bool isPlaylistFile(const QString &path);
};

} // namespace SoulSpot::Gui
