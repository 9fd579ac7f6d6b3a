// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

class QFile;

namespace SoulSpot::FileNaming {

// Suffix of the file a transfer writes into until it is complete.
inline constexpr QLatin1StringView partialSuffix{".part"};

// A file name from the network made safe: no path separators or "..", no control characters,
// no characters Windows forbids, no leading dots or trailing dots/spaces, at most 200 bytes of
// UTF-8 (the extension kept). Empty when nothing usable is left.
QString sanitize(const QString &name);

// The file name of a Content-Disposition header (filename*=UTF-8'' wins over filename=), or empty.
QString fromContentDisposition(const QByteArray &headerValue);
// The last segment of the URL path, percent-decoded, or empty.
QString fromUrl(const QUrl &url);
// "Artist - Title" (or just the title), used when the network gives no name.
QString fromTrack(const QString &artist, const QString &title);

// Creates `directory` with its parents unless it is a folder already; false with the OS reason in
// `error` when it cannot be made.
bool makeFolder(const QString &directory, QString &error);

// The first of `name`, `name (1).ext`, `name (2).ext` ... in `directory` for which neither the
// file nor its partial file exists, and whose partial file this call could create exclusively
// (open with QIODevice::NewOnly): the name is claimed on disk, so two transfers never pick the
// same one. Returns the final path (the partial file is path + ".part"), or empty on failure.
QString claimUniquePath(const QString &directory, const QString &name);

// What claimUniquePath() with a reservation gives: the final path, or empty and why not.
struct Claim
{
    QString path;
    QString error; // a sentence with the OS reason, when `path` is empty
};
// Like claimUniquePath(), but first `reserve(path)` records the name (in the database) before its
// partial file is created, so that a crash between the two leaves no partial file that nobody
// knows of. A name that turns out to be taken meanwhile is followed by a reservation of the next.
// The partial file it created stays open in `partial` (unbuffered, for writing): the transfer
// writes into it without a second open, which would truncate it (and on ext4 a file truncated to
// 0 bytes is flushed to the disk at its close: a write-back per download, not batched).
Claim claimUniquePath(const QString &directory, const QString &name,
                      const std::function<bool(const QString &path)> &reserve, QFile &partial);

// Renames the complete partial file to `finalPath`; if something else took that name in the
// meantime, to the next free "name (N).ext". Never overwrites. Returns the path used, or empty.
QString finishPartialFile(const QString &partialPath, const QString &finalPath);

// Whether `path` lies inside `directory` once both are made absolute and cleaned.
bool isInside(const QString &directory, const QString &path);

} // namespace SoulSpot::FileNaming
