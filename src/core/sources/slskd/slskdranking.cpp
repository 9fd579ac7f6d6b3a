// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdranking.h"

#include "slskdtypes.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

const QSet<QString> &losslessExtensions()
{
    static const QSet<QString> set{u"flac"_s, u"wav"_s, u"aiff"_s, u"aif"_s, u"alac"_s, u"ape"_s, u"wv"_s};
    return set;
}

const QSet<QString> &lossyExtensions()
{
    static const QSet<QString> set{u"mp3"_s, u"ogg"_s, u"opus"_s, u"m4a"_s, u"aac"_s, u"wma"_s, u"mpc"_s};
    return set;
}

QString extensionOf(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    return dot < 0 ? QString() : fileName.mid(dot + 1).toLower();
}

SlskdCandidate candidateFrom(const QJsonObject &file, const QJsonObject &response, bool locked)
{
    SlskdCandidate candidate;
    candidate.username = response.value("username"_L1).toString();
    candidate.hasFreeUploadSlot = response.value("hasFreeUploadSlot"_L1).toBool();
    candidate.uploadSpeed = response.value("uploadSpeed"_L1).toInteger();
    candidate.queueLength = response.value("queueLength"_L1).toInteger();
    candidate.filename = file.value("filename"_L1).toString();
    candidate.size = file.value("size"_L1).toInteger();
    candidate.extension = extensionOf(candidate.fileName());
    // Absent fields mean "the peer did not say".
    candidate.bitRate = file.value("bitRate"_L1).toInt(-1);
    candidate.bitDepth = file.value("bitDepth"_L1).toInt(-1);
    candidate.sampleRate = file.value("sampleRate"_L1).toInt(-1);
    candidate.lengthSeconds = file.value("length"_L1).toInt(-1);
    candidate.locked = locked;
    return candidate;
}

// The sort key of a candidate: smaller is better, compared member by member.
using RankKey = std::tuple<int, int, int, int, int, qint64, qint64>;

RankKey rankKey(const SlskdCandidate &candidate, const Track &track, const SlskdRankingOptions &options)
{
    qsizetype format = options.preferredFormats.indexOf(candidate.extension);
    if (format < 0)
        format = options.preferredFormats.size();
    const bool lossless = SlskdRanking::isLosslessExtension(candidate.extension);
    const int bitRate = qMax(candidate.bitRate, 0);
    const int underMinimum = (!lossless && bitRate < options.minBitrate) ? 1 : 0;
    int length = 0; // 0 fits, 1 unknown, 2 off by more than the tolerance
    if (track.durationSeconds > 0)
    {
        if (candidate.lengthSeconds < 0)
            length = 1;
        else if (qAbs(candidate.lengthSeconds - track.durationSeconds) > options.lengthToleranceSeconds)
            length = 2;
    }
    return {int(format),
            underMinimum,
            lossless ? 0 : -bitRate,
            length,
            candidate.hasFreeUploadSlot ? 0 : 1,
            candidate.queueLength,
            -candidate.uploadSpeed};
}

} // namespace

QString SlskdCandidate::fileName() const
{
    return Slskd::remoteFileName(filename);
}

QString SlskdCandidate::describe() const
{
    return u"%1: %2"_s.arg(username, fileName());
}

QList<SlskdCandidate> SlskdRanking::parseResponses(const QJsonArray &responses)
{
    QList<SlskdCandidate> candidates;
    for (const QJsonValue &value : responses)
    {
        const QJsonObject response = value.toObject();
        for (const QJsonValue &file : response.value("files"_L1).toArray())
            candidates.append(candidateFrom(file.toObject(), response, false));
        for (const QJsonValue &file : response.value("lockedFiles"_L1).toArray())
            candidates.append(candidateFrom(file.toObject(), response, true));
    }
    return candidates;
}

QStringList SlskdRanking::words(const QString &text)
{
    QString folded;
    folded.reserve(text.size());
    for (const QChar c : text.normalized(QString::NormalizationForm_KD))
    {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        if (c == u'\'' || c == QChar(0x2019))
            continue; // "don't" and "dont" are the same word
        folded.append(c.isLetterOrNumber() ? c.toLower() : QChar(u' '));
    }
    return folded.split(u' ', Qt::SkipEmptyParts);
}

QString SlskdRanking::withoutDecorations(const QString &text)
{
    static const QRegularExpression brackets(u"\\([^)]*\\)|\\[[^\\]]*\\]|\\{[^}]*\\}"_s);
    static const QRegularExpression featuring(u"\\s(feat\\.?|ft\\.|featuring)\\s.*$"_s,
                                              QRegularExpression::CaseInsensitiveOption);
    QString cleaned = text;
    cleaned.remove(brackets);
    cleaned.remove(featuring);
    cleaned = cleaned.simplified();
    return cleaned.isEmpty() ? text.simplified() : cleaned;
}

QString SlskdRanking::searchText(const Track &track)
{
    QString title = track.title;
    if (title.trimmed().isEmpty())
    {
        if (const std::optional<SlskLink> link = parseSlskLink(track.sourceUrl))
            title = QString(Slskd::remoteFileName(link->filename)).section(u'.', 0, -2);
    }
    // Peers match the terms against their paths as written, so accents stay, and punctuation
    // (apostrophes too: "don't" -> "don") separates terms instead of joining them.
    auto termsOf = [](const QString &text) {
        QString spaced = withoutDecorations(text).toLower();
        for (QChar &c : spaced)
        {
            if (!c.isLetterOrNumber())
                c = u' ';
        }
        return spaced.split(u' ', Qt::SkipEmptyParts);
    };
    QStringList terms = termsOf(track.artist) + termsOf(title);
    terms.removeIf([](const QString &term) { return term.size() < 2; });
    terms.removeDuplicates();
    return terms.join(u' ');
}

QStringList SlskdRanking::requiredWords(const Track &track)
{
    QString title = track.title;
    if (title.trimmed().isEmpty())
    {
        if (const std::optional<SlskLink> link = parseSlskLink(track.sourceUrl))
            title = QString(Slskd::remoteFileName(link->filename)).section(u'.', 0, -2);
    }
    QStringList required = words(withoutDecorations(title));
    required.removeDuplicates();
    return required;
}

bool SlskdRanking::isAudioExtension(const QString &extension)
{
    return losslessExtensions().contains(extension) || lossyExtensions().contains(extension);
}

bool SlskdRanking::isLosslessExtension(const QString &extension)
{
    return losslessExtensions().contains(extension);
}

QList<SlskdCandidate> SlskdRanking::rank(const QList<SlskdCandidate> &candidates, const Track &track,
                                         const SlskdRankingOptions &options)
{
    const QStringList required = requiredWords(track);
    QList<std::pair<RankKey, SlskdCandidate>> kept;
    for (const SlskdCandidate &candidate : candidates)
    {
        if (candidate.locked || !isAudioExtension(candidate.extension))
            continue;
        const QStringList nameWords = words(candidate.fileName());
        const bool hasTitle = std::all_of(required.cbegin(), required.cend(),
                                          [&](const QString &word) { return nameWords.contains(word); });
        if (!hasTitle)
            continue;
        kept.append({rankKey(candidate, track, options), candidate});
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });

    QList<SlskdCandidate> ranked;
    ranked.reserve(kept.size());
    for (const auto &entry : kept)
        ranked.append(entry.second);
    // A slsk: link names the very file: it goes first when the search found it.
    if (const std::optional<SlskLink> link = parseSlskLink(track.sourceUrl))
    {
        const auto linked = std::find_if(ranked.begin(), ranked.end(), [&](const SlskdCandidate &c) {
            return c.username == link->username &&
                   c.filename.compare(link->filename, Qt::CaseInsensitive) == 0;
        });
        if (linked != ranked.end())
            std::rotate(ranked.begin(), linked, linked + 1);
    }
    return ranked;
}

std::optional<SlskdRanking::SlskLink> SlskdRanking::parseSlskLink(const QString &url)
{
    if (!url.startsWith("slsk:"_L1, Qt::CaseInsensitive))
        return std::nullopt;
    QString rest = url.mid(5);
    while (rest.startsWith(u'/'))
        rest.remove(0, 1);
    const QStringList parts = rest.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return std::nullopt;
    SlskLink link;
    link.username = QUrl::fromPercentEncoding(parts.first().toUtf8());
    QStringList path;
    for (qsizetype i = 1; i < parts.size(); ++i)
        path.append(QUrl::fromPercentEncoding(parts.at(i).toUtf8()));
    link.filename = path.join(u'\\');
    return link;
}

} // namespace SoulSpot
