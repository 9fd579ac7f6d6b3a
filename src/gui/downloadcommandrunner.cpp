// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadcommandrunner.h"

#include "filemanager.h"
#include "formatting.h"
#include "service/downloadservice.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {

constexpr int MaxFoldersOpened = 5;

void countReason(QList<QPair<QString, int>> &failures, const QString &reason)
{
    for (auto &entry : failures)
    {
        if (entry.first == reason)
        {
            ++entry.second;
            return;
        }
    }
    failures.append({reason, 1});
}

// "not possible while completed (2); no longer exists (1)"
QString listed(const QList<QPair<QString, int>> &reasons)
{
    QStringList parts;
    for (const auto &entry : reasons)
        parts.append(u"%1 (%2)"_s.arg(entry.first, Format::count(entry.second)));
    return parts.join(u"; "_s);
}

} // namespace

QString ActionReport::summary() const
{
    // The plural follows the number asked for: "Paused 2 of 3 downloads."
    QString done;
    switch (action)
    {
    case DownloadAction::Pause:
        done = DownloadCommandRunner::tr("Paused %1 of %Ln download(s).", "", requested);
        break;
    case DownloadAction::Resume:
        done = DownloadCommandRunner::tr("Resumed %1 of %Ln download(s).", "", requested);
        break;
    case DownloadAction::Cancel:
        done = DownloadCommandRunner::tr("Cancelled %1 of %Ln download(s).", "", requested);
        break;
    case DownloadAction::Retry:
        done = DownloadCommandRunner::tr("Queued %1 of %Ln download(s) again.", "", requested);
        break;
    case DownloadAction::SetPriority:
        done = DownloadCommandRunner::tr("Set priority P%1 on %2 of %Ln download(s).", "", requested)
                   .arg(priority);
        break;
    case DownloadAction::Remove:
        done = DownloadCommandRunner::tr("Removed %1 of %Ln download(s) from the list.", "", requested);
        break;
    }
    done = done.arg(Format::count(succeeded));
    if (!skipped.isEmpty())
        done += u' ' + DownloadCommandRunner::tr("Skipped: %1.").arg(listed(skipped));
    if (!errors.isEmpty())
        done += u' ' + DownloadCommandRunner::tr("Not changed: %1.").arg(listed(errors));
    return done;
}

DownloadCommandRunner::DownloadCommandRunner(DownloadService &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_openFolder([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_showItems(&FileManager::showItems)
{
}

ActionReport DownloadCommandRunner::apply(const QStringList &ids, DownloadAction action,
                                          std::optional<int> priority)
{
    return run(ids, action, ActionOptions{priority, false});
}

ActionReport DownloadCommandRunner::remove(const QStringList &ids, bool deleteFiles)
{
    return run(ids, DownloadAction::Remove, ActionOptions{{}, deleteFiles});
}

ActionReport DownloadCommandRunner::run(const QStringList &ids, DownloadAction action,
                                        const ActionOptions &options)
{
    ActionReport report;
    report.action = action;
    report.priority = options.priority.value_or(-1);
    report.requested = int(ids.size());
    if (ids.isEmpty())
        return report;

    Result<BatchActionResult> batch = m_service.apply(ids, action, options);
    if (!batch)
    {
        countReason(report.errors, batch.error().message);
    }
    else
    {
        for (const BatchItemResult &item : std::as_const(batch->results))
        {
            if (item.ok)
                ++report.succeeded;
            else
                countReason(isSkip(item) ? report.skipped : report.errors, reasonFor(item));
        }
    }
    Q_EMIT actionReported(report);
    return report;
}

Result<int> DownloadCommandRunner::move(const QStringList &ids, QueueMove to)
{
    return m_service.moveInQueue(ids, to);
}

Result<Download> DownloadCommandRunner::startNow(const QString &id)
{
    return m_service.startNow(id);
}

Result<FreedSpace> DownloadCommandRunner::clearPartialFiles()
{
    return m_service.clearPartialFiles();
}

// What the action does not fit is skipped; anything else went wrong.
bool DownloadCommandRunner::isSkip(const BatchItemResult &item)
{
    return item.statusAtRefusal || (item.error && item.error->kind == ErrorKind::NotFound);
}

// A refusal by the state table is explained in the user's language from the status the download
// had; anything else (a storage error) keeps the engine's words.
QString DownloadCommandRunner::reasonFor(const BatchItemResult &item)
{
    if (item.statusAtRefusal)
        return tr("not possible while %1").arg(Format::statusName(*item.statusAtRefusal));
    if (item.error && item.error->kind == ErrorKind::NotFound)
        return tr("no longer exists");
    return item.error ? item.error->message : QString();
}

void DownloadCommandRunner::pauseAll()
{
    m_service.pauseQueue();
}

void DownloadCommandRunner::resumeAll()
{
    m_service.resumeQueue();
}

Result<QList<Download>> DownloadCommandRunner::addTracks(const QList<TrackInput> &tracks,
                                                         std::optional<int> priority, const QString &folder)
{
    return m_service.addTracks(tracks, priority, folder);
}

QString DownloadCommandRunner::downloadDirectory() const
{
    return m_service.downloadDirectory();
}

QStringList DownloadCommandRunner::foldersOf(const QStringList &ids) const
{
    QStringList folders;
    for (const QString &id : ids)
    {
        Result<Download> download = m_service.download(id);
        QString folder;
        if (download && !download->targetPath.isEmpty())
            folder = QFileInfo(download->targetPath).absolutePath();
        else if (download)
            folder = download->downloadDirectory;
        if (folder.isEmpty() || !QFileInfo(folder).isDir())
            folder = QDir(m_service.downloadDirectory()).absolutePath();
        if (!folders.contains(folder))
            folders.append(folder);
    }
    return folders;
}

QList<QUrl> DownloadCommandRunner::existingFilesOf(const QStringList &ids) const
{
    QList<QUrl> files;
    for (const QString &id : ids)
    {
        const Result<Download> download = m_service.download(id);
        if (!download || download->targetPath.isEmpty())
            continue;
        // A running or paused download's bytes are in its partial file.
        for (const QString &path : {download->targetPath, QString(download->targetPath + u".part"_s)})
        {
            if (QFileInfo(path).isFile())
            {
                files << QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
                break;
            }
        }
        if (files.size() == MaxFoldersOpened)
            break;
    }
    return files;
}

QStringList DownloadCommandRunner::openContainingFolders(const QStringList &ids)
{
    QStringList failed;
    QStringList folders = foldersOf(ids);
    const QList<QUrl> files = existingFilesOf(ids);
    if (!files.isEmpty() && m_showItems(files))
    {
        // Their folders are open with the files selected; open only the others.
        for (const QUrl &file : files)
            folders.removeAll(QFileInfo(file.toLocalFile()).absolutePath());
    }
    for (qsizetype i = 0; i < folders.size() && i < MaxFoldersOpened; ++i)
    {
        if (!m_openFolder(QUrl::fromLocalFile(folders.at(i))))
            failed.append(QDir::toNativeSeparators(folders.at(i)));
    }
    return failed;
}

void DownloadCommandRunner::setFolderOpener(std::function<bool(const QUrl &)> opener)
{
    m_openFolder = std::move(opener);
}

void DownloadCommandRunner::setItemShower(std::function<bool(const QList<QUrl> &)> shower)
{
    m_showItems = std::move(shower);
}

} // namespace SoulSpot::Gui
