// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiocheck.h"

#include <QList>

#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot::AudioCheck {

bool hasAudioExtension(const QString &fileName)
{
    static const std::array<QLatin1StringView, 22> extensions{
        ".mp3"_L1, ".flac"_L1, ".ogg"_L1, ".oga"_L1,  ".opus"_L1, ".m4a"_L1, ".m4b"_L1, ".mp4"_L1,
        ".aac"_L1, ".wav"_L1,  ".aif"_L1, ".aiff"_L1, ".wma"_L1,  ".ape"_L1, ".wv"_L1,  ".mpc"_L1,
        ".tta"_L1, ".dsf"_L1,  ".dff"_L1, ".mka"_L1,  ".alac"_L1, ".mp2"_L1};
    for (QLatin1StringView extension : extensions)
    {
        if (fileName.endsWith(extension, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool isWebPageType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    return type == "text/html" || type == "application/xhtml+xml";
}

bool startsLikeWebPage(const QByteArray &firstBytes)
{
    const QByteArray start = firstBytes.trimmed().left(9).toLower();
    return start.startsWith("<!doctype") || start.startsWith("<html");
}

bool startsLikeAudio(const QByteArray &bytes)
{
    static const std::array<QByteArrayView, 17> signatures{"ID3",
                                                           "fLaC",
                                                           "OggS",
                                                           "RIFF",
                                                           "FORM",
                                                           "\x1a\x45\xdf\xa3",
                                                           "\x30\x26\xb2\x75",
                                                           "MAC ",
                                                           "wvpk",
                                                           "MPCK",
                                                           "MP+",
                                                           "TTA1",
                                                           "DSD ",
                                                           "FRM8",
                                                           "caff",
                                                           ".snd",
                                                           "MThd"};
    for (QByteArrayView signature : signatures)
    {
        if (bytes.startsWith(signature))
            return true;
    }
    if (bytes.size() >= 8 && bytes.mid(4, 4) == "ftyp") // MP4/M4A: the size of the first box, then ftyp
        return true;
    // MPEG audio (MP1/2/3) and ADTS AAC frames start with 11 set bits.
    return bytes.size() >= 2 && quint8(bytes.at(0)) == 0xFF && (quint8(bytes.at(1)) & 0xE0) == 0xE0;
}

} // namespace SoulSpot::AudioCheck
