// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace SoulSpot {

// One file of a search response, with what its peer offers.
struct SlskdCandidate
{
    QString username;
    QString filename; // the remote path, sent back unchanged when enqueueing
    qint64 size = 0;
    QString extension; // lower case, from the file name (the peer's own field is often empty)
    int bitRate = -1;  // kbps; -1 when the peer did not say (usual for lossless files)
    int bitDepth = -1;
    int sampleRate = -1;
    int lengthSeconds = -1;
    bool locked = false;
    bool hasFreeUploadSlot = false;
    qint64 uploadSpeed = 0; // bytes/s
    qint64 queueLength = 0;

    QString fileName() const; // the last part of the remote path
    QString describe() const; // "user: 01 - Title.flac"
};

struct SlskdRankingOptions
{
    QStringList preferredFormats{QStringLiteral("flac"), QStringLiteral("mp3")};
    int minBitrate = 256; // kbps, for lossy files
    int lengthToleranceSeconds = 5;
};

// Turning a track into a Soulseek search and a search's answers into the files to try, best first.
namespace SlskdRanking {

// Every file of slskd's search responses (GET /searches/{id}/responses), locked ones flagged.
QList<SlskdCandidate> parseResponses(const QJsonArray &responses);

// The words of `text` as compared with file names: accents and case folded, apostrophes
// dropped ("Don't" -> "dont"), split at everything that is not a letter or digit.
QStringList words(const QString &text);
// `text` without what makes Soulseek searches miss: "(...)", "[...]", "feat. X".
QString withoutDecorations(const QString &text);
// The search text for a track: artist and title in lower case, without decorations and
// punctuation, one-letter words left out (slskd drops them, and refuses a search with nothing
// left). Accents stay: peers compare the terms with their paths as written. Empty when nothing
// usable is left.
QString searchText(const Track &track);
// The words every file name must contain: the cleaned title's.
QStringList requiredWords(const Track &track);

bool isAudioExtension(const QString &extension);
bool isLosslessExtension(const QString &extension);

// The candidates worth trying, best first. Out: locked files, files that are not audio, files
// whose name lacks a required word. Then ordered by: preferred format (listed order; other audio
// formats after them), lossy at or above the minimum bitrate before those under it, higher
// bitrate first, length within the tolerance of the track's (when known), free upload slot,
// shorter queue, faster upload.
QList<SlskdCandidate> rank(const QList<SlskdCandidate> &candidates, const Track &track,
                           const SlskdRankingOptions &options);

// A slsk: link "slsk://user/Music/Album/01 - T.flac": the user and the remote path (backslashes).
struct SlskLink
{
    QString username;
    QString filename;
};
std::optional<SlskLink> parseSlskLink(const QString &url);

} // namespace SlskdRanking

} // namespace SoulSpot
