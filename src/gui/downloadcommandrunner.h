// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/downloadaction.h"
#include "domain/queuemove.h"
#include "domain/result.h"
#include "domain/track.h"
#include "service/downloadfiles.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class QUrl;

namespace SoulSpot {
class DownloadService;
struct ActionOptions;
struct BatchItemResult;
} // namespace SoulSpot

namespace SoulSpot::Gui {

// What one user action on a selection did: how many downloads it changed and, grouped, why the
// others were left as they were. A download the action does not fit (the state table says no,
// or it is gone) is skipped: the status bar says so, qBittorrent's way. Only errors (the
// database could not store it) are worth a dialog.
struct ActionReport
{
    DownloadAction action = DownloadAction::Pause;
    int priority = -1; // for SetPriority
    int requested = 0;
    int succeeded = 0;
    QList<QPair<QString, int>> skipped; // reason -> how many, in order of first appearance
    QList<QPair<QString, int>> errors;  // the same for what went wrong

    int failed() const { return requested - succeeded; }
    bool hasErrors() const { return !errors.isEmpty(); }
    QString summary() const; // translated, one sentence or a few
};

// Runs the window's commands on downloads through DownloadService and tells what they did in the
// user's language: an action on a selection (one apply() for one download or several: one
// transaction, one failing id does not stop the others), queue pause/resume, adding tracks,
// opening the folder of a file. Holds no state of its own. Not a "controller" like the REST
// API's DownloadsController, which turns HTTP requests into JSON: nothing here knows a route or
// a status code, and the result is an ActionReport for the status bar, hence the name.
class DownloadCommandRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadCommandRunner)

public:
    explicit DownloadCommandRunner(DownloadService &service, QObject *parent = nullptr);

    ActionReport apply(const QStringList &ids, DownloadAction action, std::optional<int> priority = {});
    // Removes the downloads from the list; with `deleteFiles` the files of completed ones too.
    ActionReport remove(const QStringList &ids, bool deleteFiles);
    // Moves the waiting ones among `ids` within their priority, keeping their relative order (the
    // others are left out); how many were waiting, or why nothing moved.
    Result<int> move(const QStringList &ids, QueueMove to);
    // Runs the download now, past the concurrency limit and a paused queue (DownloadService).
    Result<Download> startNow(const QString &id);
    // Deletes the partial files of failed downloads; what that freed, or why not.
    Result<FreedSpace> clearPartialFiles();
    void pauseAll();
    void resumeAll();

    // Default priority as the seed advises: P1 for one track, P2 for more.
    // `folder`: the new downloads' own folder; empty: the settings' download folder.
    Result<QList<Download>> addTracks(const QList<TrackInput> &tracks, std::optional<int> priority = {},
                                      const QString &folder = {});
    // The settings' download folder (the folder of downloads without one of their own).
    QString downloadDirectory() const;

    // Shows up to a few of these downloads' files selected in the file manager where it can
    // (FileManager::showItems), else opens the folders that hold them (or the download folder).
    // Returns the folders it could not open (none: all shown).
    QStringList openContainingFolders(const QStringList &ids);
    // Tests replace the file manager: how a folder is opened, how files are shown selected.
    void setFolderOpener(std::function<bool(const QUrl &)> opener);
    void setItemShower(std::function<bool(const QList<QUrl> &)> shower);

Q_SIGNALS:
    void actionReported(const SoulSpot::Gui::ActionReport &report);

private:
    ActionReport run(const QStringList &ids, DownloadAction action, const ActionOptions &options);
    // The folders that hold these downloads' files (or the download folder), without repeats.
    QStringList foldersOf(const QStringList &ids) const;
    QList<QUrl> existingFilesOf(const QStringList &ids) const;
    static QString reasonFor(const SoulSpot::BatchItemResult &item);
    static bool isSkip(const SoulSpot::BatchItemResult &item);

    DownloadService &m_service;
    std::function<bool(const QUrl &)> m_openFolder;
    std::function<bool(const QList<QUrl> &)> m_showItems;
};

} // namespace SoulSpot::Gui
