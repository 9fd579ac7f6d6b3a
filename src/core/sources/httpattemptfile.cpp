// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpattempt.h"

#include "config/writablefolder.h"
#include "sources/audiocheck.h"
#include "sources/filenaming.h"
#include "sources/httpanswer.h"

#include <QFileInfo>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// "song.mp3" has one; "Mr. Brightside" and "stream" do not.
bool hasExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || name.size() - dot - 1 < 1 || name.size() - dot - 1 > 5)
        return false;
    for (QChar c : QStringView(name).mid(dot + 1))
    {
        if (!c.isLetterOrNumber())
            return false;
    }
    return true;
}

} // namespace

// A target chosen by an earlier try: continue its partial file if we know which version it holds.
bool HttpAttempt::openKnownTarget()
{
    m_finalPath = m_request.download.targetPath;
    QString unmade; // a folder that cannot be made fails the partial file's open below, with the reason
    FileNaming::makeFolder(QFileInfo(m_finalPath).absolutePath(), unmade);
    const QFileInfo finalFile(m_finalPath);
    if (!QFile::exists(partialPath()) && finalFile.isFile())
    {
        // The total is stored before the rename: a final file of that size and no partial one is
        // this download, renamed by a try that died before the engine recorded its end.
        if (m_storedTotal >= 0 && finalFile.size() == m_storedTotal)
        {
            adoptFinishedFile(m_storedTotal);
            return false;
        }
        // Stored by an older version, without a total: asking for the bytes after it tells (a
        // 416 with that total).
        m_finalMayBeDone = m_storedTotal < 0 && finalFile.size() > 0;
    }
    m_file.setFileName(partialPath());
    // Unbuffered: every byte that write() accepted is in the file when a stop returns, and none
    // is flushed later by close().
    if (!m_file.open(QIODevice::Append | QIODevice::Unbuffered))
    {
        failFile(cannotWrite());
        return false;
    }
    m_written = m_file.size();
    // Bytes of an unknown version are never continued: the answer starts over from byte 0.
    if (m_finalMayBeDone)
        m_resumeFrom = finalFile.size();
    else
        m_resumeFrom = m_validator.isEmpty() ? 0 : m_written;
    if (!m_finalMayBeDone && !m_storedDoneRanges.isEmpty())
        openResumeMap();
    return true;
}

// The file name the answer suggests: Content-Disposition, the URL after redirects, the track.
QString HttpAttempt::proposedName() const
{
    QString name = FileNaming::fromContentDisposition(m_reply->rawHeader("Content-Disposition"));
    if (name.isEmpty())
        name = FileNaming::fromUrl(m_reply->url());
    if (name.isEmpty())
        name = FileNaming::fromTrack(m_request.track.artist, m_request.track.title);
    if (name.isEmpty())
        name = u"download"_s;
    if (!hasExtension(name))
        name += HttpAnswer::extensionForContentType(m_reply->rawHeader("Content-Type"));
    return name;
}

// A track, or a file named as audio: what comes must be audio (see checkAudioContent()).
bool HttpAttempt::expectsAudio() const
{
    const QString name = m_finalPath.isEmpty() ? proposedName() : QFileInfo(m_finalPath).fileName();
    return AudioCheck::hasAudioExtension(name) || !m_request.track.title.trimmed().isEmpty();
}

// A first try: name the file from the answer's headers, record it, then claim it on disk. The
// record takes the file's `version` along when there is one to store (one write instead of two).
bool HttpAttempt::chooseTarget(const std::optional<QByteArray> &version)
{
    std::function<bool(const QString &)> record = m_request.persistTargetPath;
    if (version && m_request.persistTargetPathAndResumeState)
    {
        record = [this, &version](const QString &path) {
            if (!m_request.persistTargetPathAndResumeState(path, QString::fromLatin1(*version), m_total))
                return false;
            m_validator = *version;
            m_storedTotal = m_total;
            return true;
        };
    }
    // Unbuffered, like every partial file (see openKnownTarget()); created, not truncated.
    const FileNaming::Claim claim =
        FileNaming::claimUniquePath(m_request.downloadDirectory, proposedName(), record, m_file);
    if (claim.path.isEmpty())
    {
        failFile(claim.error);
        return false;
    }
    m_finalPath = claim.path;
    m_context.reportTargetPath(claim.path);
    return true;
}

// Records which version the partial file holds, before its bytes are written.
bool HttpAttempt::storeVersion(const QByteArray &validator, qint64 total)
{
    if (validator == m_validator && total == m_storedTotal)
        return true;
    if (m_request.persistResumeState && !m_request.persistResumeState(QString::fromLatin1(validator), total))
    {
        fail(u"could not record the version of %1"_s.arg(partialPath()), false);
        return false;
    }
    m_validator = validator;
    m_storedTotal = total;
    return true;
}

// storeVersion() at the end of a try; with several workers, in one statement with the check that
// this worker still holds the download: another worker may have taken it over (this one's lease
// expired), and it finishes it, or it was paused or cancelled elsewhere.
bool HttpAttempt::storeFinalVersion()
{
    if (!m_request.persistResumeStateUnderLease)
        return storeVersion(m_validator, m_written);
    if (!m_request.persistResumeStateUnderLease(QString::fromLatin1(m_validator), m_written))
    {
        m_context.requestStop(StopReason::LeaseLost);
        handleStop();
        return false;
    }
    m_storedTotal = m_written;
    return true;
}

bool HttpAttempt::truncatePartialFile()
{
    // Truncating changes the file like a write does: not after a stop.
    if (m_context.isStopRequested())
    {
        handleStop();
        return false;
    }
    // A segmented partial file has the whole size before its bytes are written.
    if ((m_written > 0 || m_file.size() > 0) && !m_file.resize(0))
    {
        failFile(u"cannot truncate %1: %2"_s.arg(partialPath(), m_file.errorString()));
        return false;
    }
    m_written = 0;
    m_head.clear();
    // Only now: ranges whose bytes are gone read as nothing to continue (the file is too short
    // for them), whereas a whole-size file without its ranges would read as complete.
    if (!storeDoneRanges({}))
    {
        fail(u"could not record the segments of %1"_s.arg(partialPath()), false);
        return false;
    }
    return true;
}

// Writes all of it, or ends the attempt (stopped, or failed with the OS reason).
bool HttpAttempt::writeToPartial(const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size)
    {
        // A short count (a disk that just filled up) sets no error: the next write tells why.
        const qint64 written = m_context.write(m_file, data + done, size - done);
        if (written == 0 && m_context.isStopRequested())
        {
            handleStop();
            return false;
        }
        if (written <= 0)
        {
            // Qt's ResourceError is ENOSPC: a full disk, whatever the check of the folder says.
            failFile(cannotWrite(), m_file.error() == QFileDevice::ResourceError);
            return false;
        }
        // The first bytes of the file, for checkAudioContent(), while they pass.
        if (m_written < AudioCheck::signatureBytes && m_head.size() == m_written)
            m_head.append(data + done, qMin(written, AudioCheck::signatureBytes - m_written));
        done += written;
        m_written += written;
    }
    return true;
}

void HttpAttempt::complete()
{
    if (m_context.isStopRequested())
        return handleStop();
    if (m_decoder && !m_decoder->isFinished())
        return fail(u"truncated: the compressed answer ended early"_s, true);
    if (m_total >= 0 && m_written < m_total)
        return fail(DownloadError(DownloadError::Kind::Truncated,
                                  {QString::number(m_written), QString::number(m_total)}),
                    true);
    m_file.close();
    if (m_file.error() != QFileDevice::NoError)
        return failFile(cannotWrite(), m_file.error() == QFileDevice::ResourceError);
    if (!checkAudioContent())
        return;
    // The size goes on record before the rename: a try that dies right after it is adopted.
    if (!storeFinalVersion())
        return;
    const QString finalPath = FileNaming::finishPartialFile(partialPath(), m_finalPath);
    if (finalPath.isEmpty())
        return failFile(u"cannot rename %1 to its final name"_s.arg(partialPath()));
    if (finalPath != m_finalPath)
        recordNumberedName(finalPath);
    m_context.reportProgress(m_written, m_written, true);
    finish(TransferOutcome::completed(finalPath, m_written));
}

// What came instead of the audio that was expected fails for good; its bytes are of no use.
bool HttpAttempt::checkAudioContent()
{
    if (!expectsAudio())
        return true;
    QByteArray first = m_head;
    // Not all seen by this try (a resumed or segmented file): read from the file.
    if (m_head.size() != qMin(m_written, AudioCheck::signatureBytes))
    {
        QFile partial(partialPath());
        if (!partial.open(QIODevice::ReadOnly))
        {
            failFile(u"cannot read %1: %2"_s.arg(partialPath(), partial.errorString()));
            return false;
        }
        first = partial.read(AudioCheck::signatureBytes);
    }
    DownloadError problem;
    if (m_written == 0)
        problem = DownloadError::text(u"the server sent an empty answer"_s);
    else if (AudioCheck::startsLikeWebPage(first))
        problem = DownloadError(DownloadError::Kind::WebPage, {});
    else if (!AudioCheck::startsLikeAudio(first))
        problem = DownloadError::text(u"the server sent something that is not audio (%1)"_s.arg(
            QString::fromLatin1(m_reply ? m_reply->rawHeader("Content-Type") : QByteArray()).trimmed()));
    if (problem.isNull())
        return true;
    QFile::remove(partialPath());
    fail(problem, false);
    return false;
}

// A file of this download could not be made or written. When the folder is the cause (a full
// disk, or a folder that fails the check every download folder gets) no other download would do
// better: the outcome says so, and the queue waits for the folder instead of failing them all.
DownloadError HttpAttempt::cannotWrite() const
{
    return {DownloadError::Kind::CannotWrite, {partialPath(), m_file.errorString()}};
}

void HttpAttempt::failFile(const DownloadError &error, bool diskFull)
{
    const QString folder =
        m_finalPath.isEmpty() ? m_request.downloadDirectory : QFileInfo(m_finalPath).absolutePath();
    if (diskFull)
        return finish(TransferOutcome::folderUnusable(folder, m_file.errorString()));
    if (const std::optional<FolderProblem> problem = checkWritableFolder(folder))
        return finish(TransferOutcome::folderUnusable(problem->folder, problem->reason));
    fail(error, false);
}

// The final name was taken meanwhile: the file went to a numbered one, which is recorded now and
// not only by the completion. A user's pause that came after the lease's check wins over the
// completion (see DownloadService::storeCompletions): the row stays paused, and its resume adopts
// the file the row names (openKnownTarget). Without this record it would name the taken one, and
// the resume would download the file again, into one more numbered copy; a failed write costs
// only that (the completion records the path all the same).
void HttpAttempt::recordNumberedName(const QString &finalPath)
{
    if (m_request.persistTargetPath)
        m_request.persistTargetPath(finalPath);
    m_context.reportTargetPath(finalPath);
}

// The final file is the whole download, renamed by a try whose end was never recorded.
void HttpAttempt::adoptFinishedFile(qint64 size)
{
    discardReply();
    m_file.close();
    if (m_file.exists() && m_file.size() == 0)
        m_file.remove(); // the empty partial file this try opened
    m_context.reportProgress(size, size, true);
    finish(TransferOutcome::completed(m_finalPath, size));
}

} // namespace SoulSpot
