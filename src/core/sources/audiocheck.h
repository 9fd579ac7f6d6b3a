// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Whether what a server sent can be the audio file that was asked for. Servers answer a dead
// link with a login page, an empty 200 or a JSON error far more often than with an error status.
namespace SoulSpot::AudioCheck {

// How many first bytes startsLikeAudio() looks at.
inline constexpr qsizetype signatureBytes = 12;

// "song.mp3", "Track.FLAC": a name whose extension is an audio format.
bool hasAudioExtension(const QString &fileName);
// text/html and application/xhtml+xml, with or without parameters.
bool isWebPageType(const QByteArray &contentType);
// The first bytes of a file: an HTML document ("<!DOCTYPE html", "<html"), whatever its type says.
bool startsLikeWebPage(const QByteArray &firstBytes);
// The first bytes of a file: the signature of an audio container (ID3 tag, fLaC, OggS, RIFF, ftyp,
// FORM, Matroska, ASF, APE, WavPack, Musepack, TTA, DSD, CAF, AU, MIDI) or an MPEG/ADTS frame sync.
bool startsLikeAudio(const QByteArray &firstBytes);

} // namespace SoulSpot::AudioCheck
