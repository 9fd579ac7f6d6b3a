// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/track.h"
#include "service/importparser.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QMimeData;
class QSettings;
class QUrl;
class QWidget;

namespace SoulSpot::Gui {

class DownloadCommandRunner;

// Turns what the user gives the window into downloads: the Add dialog, a paste, a drop, an
// imported list. Text is parsed at once; list files are read and parsed with QtConcurrent, off
// the main thread, so a playlist of 100,000 lines leaves the window responsive. One track is
// added at once; a batch is confirmed first (ImportConfirmDialog, P2 proposed), and so is a list
// with bad lines, which offers the good ones and names the bad ones. The outcome is told through
// added() and refused(); nothing is added when a file cannot be read. Tracks that
// are there already (setDuplicateCheck()) are skipped or added after asking.
class DownloadAdder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadAdder)

public:
    // Dialogs open over dialogParent.
    DownloadAdder(DownloadCommandRunner &runner, QWidget *dialogParent, QObject *parent = nullptr);

    // Where the Add dialog remembers the folder last chosen (the window's saved settings).
    void setSavedSettings(QSettings *saved);
    static const QString LastFolderKey;

    void showAddDialog();
    // Asks for a list file, then as addFrom().
    void importFile();
    void addFromClipboard();
    // A drop or a paste. Returns before the files it names are read.
    void addFrom(const QMimeData *mime);
    // Links and list files (file: URLs), as a drop of them.
    void addUrls(const QList<QUrl> &urls);
    // `folder`: the new downloads' own folder; empty: the settings' download folder.
    void addTracks(const QList<TrackInput> &tracks, std::optional<int> priority, const QString &folder = {});
    // The positions of the tracks that are there already in the list or in the folder they are
    // added to (DuplicateCheck).
    void setDuplicateCheck(
        std::function<QList<qsizetype>(const QList<TrackInput> &, const QString &folder)> check);

Q_SIGNALS:
    void added(const QString &summary);
    void refused(const QString &reason);

private:
    // What the user chose for the downloads being added.
    struct Where
    {
        std::optional<int> priority;
        QString folder;
    };

    void readFilesInBackground(const QList<QUrl> &urls);
    void offer(const Result<ImportList> &list);
    void askAboutDuplicates(const QList<TrackInput> &tracks, const QList<qsizetype> &duplicates,
                            const Where &where);
    void store(const QList<TrackInput> &tracks, const Where &where, qsizetype skipped);

    DownloadCommandRunner &m_runner;
    QPointer<QWidget> m_dialogParent;
    std::function<QList<qsizetype>(const QList<TrackInput> &, const QString &folder)> m_findDuplicates;
    QSettings *m_saved = nullptr;
};

} // namespace SoulSpot::Gui
