// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadfiles.h"

#include "queue/transferoutcome.h"
#include "sources/filenaming.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

Q_LOGGING_CATEGORY(lcFiles, "soulspot.files")

QString partialOf(const QString &targetPath)
{
    return targetPath.isEmpty() ? QString() : targetPath + FileNaming::partialSuffix;
}

} // namespace

DownloadFiles::DownloadFiles(QString downloadDirectory)
    : m_directory(std::move(downloadDirectory))
{
}

QString DownloadFiles::folderOf(const Download &download) const
{
    return download.downloadDirectory.isEmpty() ? m_directory : download.downloadDirectory;
}

bool DownloadFiles::mayDelete(const QString &path, const QString &directory)
{
    if (path.isEmpty())
        return false;
    const QString folder = QFileInfo(directory).canonicalFilePath();
    // Cleaned first: "folder/x/.." names the folder itself, not a file in it.
    const QFileInfo file(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    if (folder.isEmpty() || (!file.exists() && !file.isSymLink()) || (file.isDir() && !file.isSymLink()))
        return false;
    // The file's own entry is what goes (a link is unlinked, never followed); its folder must
    // really be inside the download folder, whatever links lead there.
    const QString parent = QFileInfo(file.absolutePath()).canonicalFilePath();
    return !parent.isEmpty() && (parent == folder || parent.startsWith(folder + u'/'));
}

FreedSpace DownloadFiles::removeFile(const QString &path, const QString &folder) const
{
    if (path.isEmpty() || (!QFileInfo::exists(path) && !QFileInfo(path).isSymLink()))
        return {};
    if (!mayDelete(path, folder))
    {
        qCWarning(lcFiles) << "Not deleting" << path << "- it is not inside the download folder" << folder;
        return {};
    }
    const QFileInfo info(path);
    const qint64 size = info.isSymLink() ? 0 : info.size();
    if (!QFile::remove(path))
    {
        qCWarning(lcFiles) << "Could not delete" << path;
        return {};
    }
    return {1, size};
}

FreedSpace DownloadFiles::removePartial(const Download &download) const
{
    return removeFile(partialOf(download.targetPath), folderOf(download));
}

FreedSpace DownloadFiles::removeFiles(const Download &download, bool withFinished) const
{
    FreedSpace freed = removePartial(download);
    // Only a completed download's target_path is its file; before that the name is reserved,
    // and whatever lies there is not ours to delete.
    if (withFinished && download.status == DownloadStatus::Completed)
        freed += removeFile(download.targetPath, folderOf(download));
    return freed;
}

void DownloadFiles::removeAfterJob(const Download &download, bool withFinished)
{
    m_afterJob.insert(download.id, {download, withFinished});
}

void DownloadFiles::targetPathChosen(const QString &downloadId, const QString &path)
{
    if (const auto found = m_afterJob.find(downloadId); found != m_afterJob.end())
        found->download.targetPath = path;
}

bool DownloadFiles::jobEnded(const QString &downloadId, const TransferOutcome &outcome)
{
    const auto found = m_afterJob.constFind(downloadId);
    if (found == m_afterJob.cend())
        return false;
    const AfterJob removed = *found;
    m_afterJob.erase(found);
    removePartial(removed.download);
    // The job may have finished its file just as it was asked to stop.
    if (outcome.kind == TransferOutcome::Kind::Completed && removed.withFinished)
        removeFile(outcome.filePath, folderOf(removed.download));
    return true;
}

} // namespace SoulSpot
