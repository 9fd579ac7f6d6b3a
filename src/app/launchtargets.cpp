// SPDX-License-Identifier: GPL-3.0-or-later
#include "launchtargets.h"

#include "domain/sourceurl.h"
#include "service/downloadservice.h"
#include "service/importparser.h"

#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

std::optional<QUrl> targetOf(const QString &argument)
{
    const QUrl url(argument);
    if (url.isLocalFile())
        return QUrl::fromLocalFile(QFileInfo(url.toLocalFile()).absoluteFilePath());
    // A file named like a link ("a:b.m3u") is still the file.
    if (QFileInfo(argument).isFile())
        return QUrl::fromLocalFile(QFileInfo(argument).absoluteFilePath());
    if (url.isValid() && !url.scheme().isEmpty())
        return url;
    return std::nullopt;
}

} // namespace

Result<QList<QUrl>> launchTargets(const QStringList &arguments)
{
    QList<QUrl> targets;
    for (const QString &argument : arguments)
    {
        std::optional<QUrl> target = targetOf(argument);
        if (!target)
            return Error{ErrorKind::InvalidArgument,
                         u"\"%1\" is neither a file nor a link (http, https or slsk)"_s.arg(argument)};
        targets.append(*target);
    }
    return targets;
}

Result<QList<TrackInput>> tracksOfTargets(const QList<QUrl> &targets)
{
    QList<TrackInput> tracks;
    for (const QUrl &target : targets)
    {
        if (target.isLocalFile())
        {
            // A device or a pipe (file:///dev/zero) would be read for ever.
            if (!QFileInfo(target.toLocalFile()).isFile())
                return Error{ErrorKind::InvalidArgument,
                             u"cannot read %1: not a regular file"_s.arg(target.toLocalFile())};
            Result<QList<TrackInput>> parsed = ImportParser::parseFile(target.toLocalFile());
            if (!parsed)
                return parsed;
            tracks.append(*parsed);
            continue;
        }
        const QString link = target.toString(QUrl::FullyEncoded);
        std::optional<TrackInput> track = isDownloadUrl(link) ? ImportParser::parseLine(link) : std::nullopt;
        if (!track)
            return Error{ErrorKind::InvalidArgument,
                         u"cannot download %1: only http, https and slsk links work"_s.arg(link)};
        tracks.append(*track);
    }
    return tracks;
}

Result<QString> enqueueTargets(DownloadService &service, const QList<QUrl> &targets)
{
    if (targets.isEmpty())
        return u"nothing to add"_s;
    Result<QList<TrackInput>> tracks = tracksOfTargets(targets);
    Result<QList<Download>> added =
        tracks ? service.addTracks(*tracks, std::nullopt) : Result<QList<Download>>(tracks.error());
    const QString outcome = added ? u"added %1 download(s)"_s.arg(added->size())
                                  : u"added nothing: %1"_s.arg(added.error().message);
    std::printf("soulspot-bridge: another launch handed over %s: %s\n",
                qPrintable(u"%1 link(s) or list(s)"_s.arg(targets.size())), qPrintable(outcome));
    std::fflush(stdout);
    if (!added)
        return Error{ErrorKind::InvalidArgument, added.error().message};
    return outcome;
}

} // namespace SoulSpot
