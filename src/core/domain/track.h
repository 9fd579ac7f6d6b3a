// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace SoulSpot {

// Something to download: a song with its metadata and, for HTTP(S), the URL. A track with an
// empty source URL (or a slsk: link) is looked up on Soulseek.
struct Track
{
    QString id;
    QString title;
    QString artist;
    QString album;
    QString sourceUrl;
    int durationSeconds = -1; // -1 when unknown
    QDateTime createdAt;
};

// What a caller gives to create a track (no id, no timestamp yet).
struct TrackInput
{
    QString title;
    QString artist;
    QString album;
    QString sourceUrl;
    int durationSeconds = -1;
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::Track)
