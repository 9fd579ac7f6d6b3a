// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdhandover.h"

#include "queue/transfercontext.h"
#include "slskdclient.h"
#include "slskdruntime.h"
#include "slskdtypes.h"
#include "sources/filenaming.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <filesystem>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// slskd moves the file out of its incomplete folder right after it reports success, usually within
// milliseconds: look again soon, then less often.
constexpr int firstLookAgainMs = 20;
constexpr int lookAgainMs = 250;
// Newest first: ours is normally among the first few, so the first page is short.
constexpr int firstEventPage = 20;
constexpr int eventPageSize = 100;
constexpr int maxEventPages = 4;
constexpr qint64 copyChunk = 1024 * 1024;

bool hasSize(const QString &path, qint64 size)
{
    const QFileInfo info(path);
    return info.isFile() && info.size() == size;
}

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

} // namespace

SlskdHandover::SlskdHandover(SlskdRuntime &runtime, SlskdClient &client, TransferContext &context,
                             const TransferRequest &request)
    : m_runtime(runtime)
    , m_client(client)
    , m_context(context)
    , m_request(request)
{
}

TransferOutcome SlskdHandover::run(const SlskdTransfer &transfer)
{
    // An attempt stopped in the middle of the move: the partial file is already complete. Its
    // path is on record; the rename still waits for the lease, as moveIn()'s does.
    const QString earlier = reusableTarget();
    if (!earlier.isEmpty() && hasSize(earlier + FileNaming::partialSuffix, transfer.size))
    {
        if (m_request.persistTargetPathUnderLease && !m_request.persistTargetPathUnderLease(earlier))
        {
            m_context.requestStop(StopReason::LeaseLost);
            return TransferOutcome::stopped();
        }
        const QString finalPath = FileNaming::finishPartialFile(earlier + FileNaming::partialSuffix, earlier);
        if (!finalPath.isEmpty())
            return TransferOutcome::completed(finalPath, transfer.size);
    }
    std::variant<QString, TransferOutcome> found = findFinishedFile(transfer);
    if (const TransferOutcome *outcome = std::get_if<TransferOutcome>(&found))
        return *outcome;
    return moveIn(std::get<QString>(found), transfer);
}

std::variant<QString, TransferOutcome> SlskdHandover::findFinishedFile(const SlskdTransfer &transfer)
{
    DownloadError error;
    const std::optional<SlskdDirectories> directories = m_runtime.directories(m_client, &error);
    if (!directories)
        return TransferOutcome::failed(error, true);
    const SlskdOptions &options = m_runtime.options;
    const QString expected = expectedPath(transfer, *directories);
    bool eventsUnsupported = false;
    int wait = firstLookAgainMs;
    QElapsedTimer waited;
    waited.start();
    while (true)
    {
        if (!eventsUnsupported)
        {
            const QString reported = fromEvents(transfer, *directories, &eventsUnsupported);
            if (!reported.isEmpty() && QFileInfo(reported).isFile())
            {
                if (hasSize(reported, transfer.size))
                    return reported;
                return TransferOutcome::failed(u"slskd saved %1 with %2 bytes instead of %3"_s.arg(
                                                   reported, QString::number(QFileInfo(reported).size()),
                                                   QString::number(transfer.size)),
                                               false);
            }
        }
        // Without slskd's word, guess: the default path, or slskd's "name_<ticks>.ext" on a clash.
        if (eventsUnsupported || waited.elapsed() >= options.eventGrace.count())
        {
            if (hasSize(expected, transfer.size))
                return expected;
            if (const QString renamed = renamedCopy(expected, transfer.size); !renamed.isEmpty())
                return renamed;
        }
        if (waited.elapsed() >= options.fileAppearTimeout.count())
        {
            return TransferOutcome::failed(
                DownloadError(DownloadError::Kind::SlskdFileMissing, {directories->local}), true);
        }
        if (!m_client.pause(wait))
            return TransferOutcome::stopped();
        wait = qMin(wait * 2, lookAgainMs);
    }
}

QString SlskdHandover::fromEvents(const SlskdTransfer &transfer, const SlskdDirectories &directories,
                                  bool *unsupported)
{
    int offset = 0;
    for (int page = 0; page < maxEventPages; ++page)
    {
        const int limit = page == 0 ? firstEventPage : eventPageSize;
        const QUrlQuery query{{u"offset"_s, QString::number(offset)}, {u"limit"_s, QString::number(limit)}};
        offset += limit;
        const SlskdReply reply =
            m_client.get(u"/events"_s, query, {int(m_runtime.options.requestTimeout.count()), true});
        if (reply.status == 404 || reply.status == 401 || reply.status == 403)
            *unsupported = true; // slskd before 0.22, or a key that may not read events
        if (!reply.ok())
            return {};
        const QJsonArray events = reply.json().array();
        for (const QJsonValue &value : events)
        {
            const QJsonObject event = value.toObject();
            if (event.value("type"_L1).toString() != "DownloadFileComplete"_L1)
                continue;
            // "data" is JSON inside a JSON string (taken as an object too, should that change).
            const QJsonValue raw = event.value("data"_L1);
            const QJsonObject data =
                raw.isObject() ? raw.toObject() : QJsonDocument::fromJson(raw.toString().toUtf8()).object();
            const QJsonObject about = data.value("transfer"_L1).toObject();
            if (about.value("id"_L1).toString() != transfer.id)
                continue;
            return Slskd::mapToLocal(data.value("localFilename"_L1).toString(), directories.remote,
                                     directories.local);
        }
        if (events.size() < limit || (reply.totalCount >= 0 && reply.totalCount <= offset))
            return {};
    }
    return {};
}

QString SlskdHandover::expectedPath(const SlskdTransfer &transfer, const SlskdDirectories &directories)
{
    const QString name = Slskd::slskdSegment(Slskd::remoteFileName(transfer.filename));
    // 0.26+ leaves a share root out: "@@abcde\01 - T.flac" lands in the downloads folder itself.
    const bool stripRoot = m_runtime.daemon(m_client).stripsShareRoot();
    const QString directory = Slskd::remoteLastDirectory(transfer.filename, stripRoot);
    QString path = directories.local;
    if (!directory.isEmpty())
        path += u'/' + Slskd::slskdSegment(directory);
    path = QDir::cleanPath(path + u'/' + name);
    return FileNaming::isInside(directories.local, path) ? path : QString();
}

QString SlskdHandover::renamedCopy(const QString &expected, qint64 size) const
{
    if (expected.isEmpty())
        return {};
    const QFileInfo info(expected);
    const QString suffix = info.suffix().isEmpty() ? QString() : u'.' + info.suffix();
    const QString base = info.fileName().left(info.fileName().size() - suffix.size());
    const QRegularExpression pattern(
        u"^%1_\\d+%2$"_s.arg(QRegularExpression::escape(base), QRegularExpression::escape(suffix)));
    QString newest;
    QDateTime newestTime;
    const QFileInfoList entries = info.dir().entryInfoList(QDir::Files);
    for (const QFileInfo &entry : entries)
    {
        if (!pattern.match(entry.fileName()).hasMatch() || entry.size() != size)
            continue;
        if (newest.isEmpty() || entry.lastModified() > newestTime)
        {
            newest = entry.absoluteFilePath();
            newestTime = entry.lastModified();
        }
    }
    return newest;
}

TransferOutcome SlskdHandover::moveIn(const QString &source, const SlskdTransfer &transfer)
{
    const QString directory = m_request.downloadDirectory;
    const QString reusable = reusableTarget();
    const QString target = reusable.isEmpty() ? claimTarget(transfer) : reusable;
    if (target.isEmpty() || !FileNaming::isInside(directory, target))
        return TransferOutcome::failed(u"cannot create a file in the download folder %1"_s.arg(directory),
                                       false);
    const QString partial = target + FileNaming::partialSuffix;
    if (m_request.persistTargetPathUnderLease && !m_request.persistTargetPathUnderLease(target))
    {
        // Another worker took the download over (this one's lease expired) or paused it: the file
        // stays in slskd's folder, for the worker that runs the download now; the empty partial
        // file claimed here is nobody's (a reused one is the download's own: it stays).
        if (reusable.isEmpty())
            QFile::remove(partial);
        m_context.requestStop(StopReason::LeaseLost);
        return TransferOutcome::stopped();
    }
    if (!m_request.persistTargetPathUnderLease &&
        (!m_request.persistTargetPath || !m_request.persistTargetPath(target)))
    {
        QFile::remove(partial);
        return TransferOutcome::failed(u"could not store the file's path in the database"_s, true);
    }
    m_context.reportTargetPath(target);
    if (m_context.isStopRequested())
        return TransferOutcome::stopped();

    // One rename on the same file system; it replaces the empty partial file claimed above.
    std::error_code error;
    std::filesystem::rename(fsPath(source), fsPath(partial), error);
    if (error)
    {
        // Another file system (slskd's folder on a mount), or a folder we may not rename in.
        const TransferOutcome copied = copyInto(source, partial, transfer.size);
        if (copied.kind != TransferOutcome::Kind::Completed)
            return copied;
        QFile::remove(source); // best effort: slskd's folder may not be ours to change
    }
    if (!hasSize(partial, transfer.size))
    {
        QFile::remove(partial);
        return TransferOutcome::failed(u"the file taken from slskd is not %1 bytes long"_s.arg(transfer.size),
                                       false);
    }
    const QString finalPath = FileNaming::finishPartialFile(partial, target);
    if (finalPath.isEmpty())
        return TransferOutcome::failed(u"could not rename %1 into place"_s.arg(partial), false);
    return TransferOutcome::completed(finalPath, transfer.size);
}

QString SlskdHandover::finishedTarget(const TransferRequest &request, qint64 size)
{
    const QString &target = request.download.targetPath;
    if (size < 0 || target.isEmpty() || !FileNaming::isInside(request.downloadDirectory, target) ||
        QFileInfo::exists(target + FileNaming::partialSuffix))
        return {};
    return hasSize(target, size) ? target : QString();
}

QString SlskdHandover::reusableTarget() const
{
    const QString target = m_request.download.targetPath;
    if (target.isEmpty() || !FileNaming::isInside(m_request.downloadDirectory, target))
        return {};
    return QFileInfo::exists(target + FileNaming::partialSuffix) ? target : QString();
}

QString SlskdHandover::claimTarget(const SlskdTransfer &transfer) const
{
    QString name = FileNaming::sanitize(Slskd::remoteFileName(transfer.filename));
    if (name.isEmpty())
    {
        const QString suffix = QFileInfo(Slskd::remoteFileName(transfer.filename)).suffix();
        name = FileNaming::sanitize(FileNaming::fromTrack(m_request.track.artist, m_request.track.title) +
                                    (suffix.isEmpty() ? QString() : u'.' + suffix));
    }
    if (name.isEmpty())
        name = u"download"_s;
    return FileNaming::claimUniquePath(m_request.downloadDirectory, name);
}

TransferOutcome SlskdHandover::copyInto(const QString &source, const QString &partial, qint64 size)
{
    Q_UNUSED(size); // checked by the caller once the copy is closed
    QFile in(source);
    QFile out(partial);
    if (!in.open(QIODevice::ReadOnly))
        return TransferOutcome::failed(u"cannot read %1: %2"_s.arg(source, in.errorString()), false);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return TransferOutcome::failed(u"cannot write %1: %2"_s.arg(partial, out.errorString()), false);
    QByteArray buffer(copyChunk, Qt::Uninitialized);
    qint64 copied = 0;
    while (true)
    {
        const qint64 read = in.read(buffer.data(), buffer.size());
        if (read < 0)
            return TransferOutcome::failed(u"cannot read %1: %2"_s.arg(source, in.errorString()), false);
        if (read == 0)
            break;
        // Through the context: once a pause has returned, nothing more is written.
        const qint64 written = m_context.write(out, buffer.constData(), read);
        if (written == 0 && m_context.isStopRequested())
            return TransferOutcome::stopped();
        if (written != read)
            return TransferOutcome::failed(u"cannot write %1: %2"_s.arg(partial, out.errorString()), false);
        copied += written;
    }
    if (!out.flush())
        return TransferOutcome::failed(u"cannot write %1: %2"_s.arg(partial, out.errorString()), false);
    return TransferOutcome::completed(partial, copied);
}

} // namespace SoulSpot
