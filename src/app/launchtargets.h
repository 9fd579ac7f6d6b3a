// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"

#include <QList>
#include <QStringList>
#include <QUrl>

namespace SoulSpot {

// What the program is given to download on its command line (`soulspot-bridge URL... LIST...`,
// as a browser or a file manager starts it through the desktop entry's %U): links, and list
// files (.m3u, .m3u8, .txt, .csv). Each becomes a URL, a list file a file: URL with its absolute
// path, so that it still names the same file in another process (a running instance has another
// working folder).

// An argument that names an existing file is that file (a file: URL too); otherwise one with a
// scheme ("https:", "slsk:") is a link. Anything else is refused, naming it: a file that does not
// exist, a word. Nothing is read here.
Result<QList<QUrl>> launchTargets(const QStringList &arguments);

// The tracks of these targets by --import's rules: a file is read and parsed as --import reads
// it, a link must be a download link (http, https, slsk). All or nothing: the first target that
// cannot be read refuses the whole list, naming it. Used where no window can ask (headless).
Result<QList<TrackInput>> tracksOfTargets(const QList<QUrl> &targets);

class DownloadService;

// Headless, what another launch handed over: the tracks of `targets` (as tracksOfTargets) added
// to the queue, or the reason nothing was added. Returns the answer for the other launch, and
// says the same on this one's terminal.
Result<QString> enqueueTargets(DownloadService &service, const QList<QUrl> &targets);

} // namespace SoulSpot
