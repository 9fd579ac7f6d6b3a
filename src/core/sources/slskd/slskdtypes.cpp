// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdtypes.h"

#include "sources/filenaming.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

QStringList remoteSegments(const QString &remotePath)
{
    // slskd splits on both separators, whatever the peer's system.
    static const QRegularExpression separators(u"[\\\\/]"_s);
    return remotePath.split(separators, Qt::SkipEmptyParts);
}

} // namespace

SlskdTransfer SlskdTransfer::fromJson(const QJsonObject &object)
{
    SlskdTransfer transfer;
    transfer.id = object.value("id"_L1).toString();
    transfer.username = object.value("username"_L1).toString();
    transfer.filename = object.value("filename"_L1).toString();
    transfer.size = object.value("size"_L1).toInteger();
    transfer.state = object.value("state"_L1).toString();
    for (const QString &flag : transfer.state.split(u','))
    {
        if (!flag.trimmed().isEmpty())
            transfer.flags.append(flag.trimmed());
    }
    transfer.bytesTransferred = object.value("bytesTransferred"_L1).toInteger();
    transfer.averageSpeed = object.value("averageSpeed"_L1).toDouble();
    transfer.placeInQueue = object.contains("placeInQueue"_L1) ? object.value("placeInQueue"_L1).toInt() : -1;
    transfer.attempts = object.contains("attempts"_L1) ? object.value("attempts"_L1).toInt() : -1;
    transfer.retriesItself = object.contains("removed"_L1);
    transfer.removed = object.value("removed"_L1).toBool();
    transfer.acknowledged = object.contains("enqueuedAt"_L1);
    transfer.exception = object.value("exception"_L1).toString();
    return transfer;
}

bool SlskdTransfer::mayBeRetried(int retryAttempts) const
{
    if (!retriesItself || !isCompleted() || neverAcknowledged())
        return false;
    if (!has("Errored"_L1) && !has("TimedOut"_L1))
        return false;
    return attempts < retryAttempts;
}

bool SlskdTransfer::neverAcknowledged() const
{
    // slskd waits 3 minutes for the peer to take the request, then fails the record as TimedOut
    // or (from 0.26 HEAD, which also cancels the download) Cancelled.
    return isCompleted() && (has("TimedOut"_L1) || has("Cancelled"_L1)) && !acknowledged && attempts <= 1;
}

std::optional<std::chrono::milliseconds> SlskdTransfer::expectedEndIn() const
{
    if (isCompleted() || !has("InProgress"_L1) || averageSpeed <= 0.0 || size <= bytesTransferred)
        return std::nullopt;
    const double seconds = double(size - bytesTransferred) / averageSpeed;
    // A stalled transfer at a crawl would overflow: anything past a day is "not soon".
    return std::chrono::milliseconds(qint64(qMin(seconds, 86400.0) * 1000.0));
}

QString SlskdTransfer::failureText() const
{
    QString text;
    if (neverAcknowledged())
        text = u"the peer never took the queue request"_s;
    else if (has("Rejected"_L1))
        text = u"rejected by the peer"_s;
    else if (has("Aborted"_L1))
        text = u"aborted (the file's size did not match)"_s;
    else if (has("TimedOut"_L1))
        text = u"timed out"_s;
    else if (has("Cancelled"_L1))
        text = u"cancelled"_s;
    else if (has("Errored"_L1))
        text = u"errored"_s;
    else
        text = state.isEmpty() ? u"ended"_s : state;
    if (!exception.isEmpty())
        text += u" (%1)"_s.arg(exception.left(200));
    return text;
}

bool SlskdSourceInfo::hasFailed(const QString &user, const QString &file) const
{
    return std::any_of(failed.cbegin(), failed.cend(),
                       [&](const Failure &f) { return f.username == user && f.filename == file; });
}

QString SlskdSourceInfo::toJson() const
{
    QJsonObject object;
    object.insert("source"_L1, u"slskd"_s);
    if (!username.isEmpty())
        object.insert("username"_L1, username);
    if (!filename.isEmpty())
        object.insert("filename"_L1, filename);
    if (size >= 0)
        object.insert("size"_L1, size);
    if (!transferId.isEmpty())
        object.insert("transfer_id"_L1, transferId);
    if (cancelled)
        object.insert("cancelled"_L1, true);
    if (!failed.isEmpty())
    {
        QJsonArray list;
        for (const Failure &failure : failed)
        {
            list.append(QJsonObject{{"username"_L1, failure.username},
                                    {"filename"_L1, failure.filename},
                                    {"reason"_L1, failure.reason}});
        }
        object.insert("failed"_L1, list);
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

SlskdSourceInfo SlskdSourceInfo::fromJson(const QString &text)
{
    SlskdSourceInfo info;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    if (object.value("source"_L1).toString() != "slskd"_L1)
        return info;
    info.username = object.value("username"_L1).toString();
    info.filename = object.value("filename"_L1).toString();
    info.size = object.contains("size"_L1) ? object.value("size"_L1).toInteger(-1) : -1;
    info.transferId = object.value("transfer_id"_L1).toString();
    info.cancelled = object.value("cancelled"_L1).toBool();
    for (const QJsonValue &value : object.value("failed"_L1).toArray())
    {
        const QJsonObject failure = value.toObject();
        info.failed.append({failure.value("username"_L1).toString(), failure.value("filename"_L1).toString(),
                            failure.value("reason"_L1).toString()});
    }
    return info;
}

QString SlskdSourceInfo::displayText(const QString &sourceInfo)
{
    const SlskdSourceInfo info = fromJson(sourceInfo);
    if (info.username.isEmpty())
        return sourceInfo;
    return u"%1: %2"_s.arg(info.username, Slskd::remoteFileName(info.filename));
}

QString Slskd::remoteFileName(const QString &remotePath)
{
    const QStringList segments = remoteSegments(remotePath);
    return segments.isEmpty() ? QString() : segments.last();
}

QString Slskd::remoteLastDirectory(const QString &remotePath, bool withoutShareRoot)
{
    const QStringList segments =
        remoteSegments(withoutShareRoot ? Slskd::withoutShareRoot(remotePath) : remotePath);
    return segments.size() < 2 ? QString() : segments.at(segments.size() - 2);
}

QString Slskd::withoutShareRoot(const QString &remotePath)
{
    // In slskd's order: a drive (C: or C:\), a UNC server (\\server\), a SoulseekQt share (@@abcde\).
    static const QRegularExpression drive(u"^[a-zA-Z]:[/\\\\]?"_s);
    static const QRegularExpression unc(u"^[/\\\\]{2}[^/\\\\]+[/\\\\]?"_s);
    static const QRegularExpression soulseekQt(u"^@@[a-zA-Z0-9]{5,}[/\\\\]?"_s);
    QString path = remotePath;
    for (const QRegularExpression *root : {&drive, &unc, &soulseekQt})
        path.remove(*root);
    return path;
}

QString Slskd::slskdSegment(const QString &segment)
{
    if (segment == "."_L1 || segment == ".."_L1)
        return u"_"_s;
    QString cleaned = segment;
    cleaned.replace(QChar(u'\0'), u'_');
    return cleaned;
}

QString Slskd::mapToLocal(const QString &slskdPath, const QString &remoteDirectory,
                          const QString &localDirectory)
{
    if (slskdPath.isEmpty() || localDirectory.isEmpty())
        return {};
    // slskd on Windows reports C:\...; below its folder the separators are ours to choose.
    auto normal = [](QString path) {
        if (path.size() > 2 && path.at(1) == u':')
            path.replace(u'\\', u'/');
        return QDir::cleanPath(path);
    };
    const QString path = normal(slskdPath);
    const QString local = QDir::cleanPath(localDirectory);
    QString mapped;
    const QString remote = remoteDirectory.isEmpty() ? QString() : normal(remoteDirectory);
    if (!remote.isEmpty() && path.startsWith(remote + u'/'))
        mapped = local + path.mid(remote.size());
    else if (path.startsWith(local + u'/'))
        mapped = path;
    else
        return {};
    mapped = QDir::cleanPath(mapped);
    return FileNaming::isInside(local, mapped) ? mapped : QString();
}

} // namespace SoulSpot
