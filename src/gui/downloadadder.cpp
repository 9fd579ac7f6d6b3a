// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadadder.h"

#include "adddownloadsdialog.h"
#include "downloadcommandrunner.h"
#include "importconfirmdialog.h"
#include "mimeimport.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

using ParsedTracks = Result<ImportList>;

const QString DownloadAdder::LastFolderKey = u"gui/add_dialog/last_folder"_s;

DownloadAdder::DownloadAdder(DownloadCommandRunner &runner, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_dialogParent(dialogParent)
{
}

void DownloadAdder::setSavedSettings(QSettings *saved)
{
    m_saved = saved;
}

// The folder last chosen in the Add dialog is offered again (empty: the settings' folder).
void DownloadAdder::showAddDialog()
{
    auto *dialog = new AddDownloadsDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFolders(m_runner.downloadDirectory(),
                       m_saved ? m_saved->value(LastFolderKey).toString() : QString());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_saved)
            m_saved->setValue(LastFolderKey, dialog->folder());
        addTracks(dialog->tracks(), dialog->priority(), dialog->folder());
    });
    dialog->open();
}

void DownloadAdder::importFile()
{
    const QString path =
        QFileDialog::getOpenFileName(m_dialogParent, tr("Import a List of Downloads"), QString(),
                                     tr("Lists and playlists (*.m3u *.m3u8 *.txt *.csv)"));
    if (!path.isEmpty())
        readFilesInBackground({QUrl::fromLocalFile(path)});
}

void DownloadAdder::addFromClipboard()
{
    addFrom(QApplication::clipboard()->mimeData());
}

void DownloadAdder::addFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
    {
        offer(MimeImport::listFromText(mime && mime->hasText() ? mime->text() : QString()));
        return;
    }
    addUrls(mime->urls());
}

void DownloadAdder::addUrls(const QList<QUrl> &urls)
{
    if (MimeImport::readsFiles(urls))
        readFilesInBackground(urls);
    else
        offer(MimeImport::listFromUrls(urls));
}

// Reading and parsing a list is one-off work that needs nothing of the window: a worker of
// Qt's global pool does it, and the answer comes back to this thread through the watcher. A
// watcher deleted with the window leaves the worker to finish alone, its result unused.
void DownloadAdder::readFilesInBackground(const QList<QUrl> &urls)
{
    auto *watcher = new QFutureWatcher<ParsedTracks>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        offer(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([urls] { return MimeImport::listFromUrls(urls); }));
}

void DownloadAdder::offer(const ParsedTracks &list)
{
    if (!list)
    {
        Q_EMIT refused(list.error().message);
        return;
    }
    if (list->tracks.isEmpty())
    {
        Q_EMIT refused(tr("Nothing can be added:") + u'\n' + MimeImport::describe(list->problems, 10));
        return;
    }
    if (list->tracks.size() == 1 && list->problems.isEmpty())
    {
        addTracks(list->tracks, std::nullopt);
        return;
    }
    // A batch, or a list with bad lines, is confirmed first, with P2 proposed for a batch; the
    // drop itself has returned already.
    auto *dialog = new ImportConfirmDialog(list->tracks, list->problems, m_dialogParent);
    dialog->setObjectName(u"importConfirmDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addTracks(dialog->tracks(), dialog->priority()); });
    dialog->open();
}

void DownloadAdder::setDuplicateCheck(
    std::function<QList<qsizetype>(const QList<TrackInput> &, const QString &folder)> check)
{
    m_findDuplicates = std::move(check);
}

void DownloadAdder::addTracks(const QList<TrackInput> &tracks, std::optional<int> priority,
                              const QString &folder)
{
    const QList<qsizetype> duplicates =
        m_findDuplicates ? m_findDuplicates(tracks, folder) : QList<qsizetype>();
    if (duplicates.isEmpty())
        store(tracks, {priority, folder}, 0);
    else
        askAboutDuplicates(tracks, duplicates, {priority, folder});
}

namespace {

QString describe(const TrackInput &track)
{
    if (!track.title.isEmpty())
        return track.artist.isEmpty() ? track.title : track.artist + u" - "_s + track.title;
    return track.sourceUrl;
}

} // namespace

// Skip is the default (Escape too): adding a file twice is the surprise, not skipping it.
void DownloadAdder::askAboutDuplicates(const QList<TrackInput> &tracks, const QList<qsizetype> &duplicates,
                                       const Where &where)
{
    const bool all = duplicates.size() == tracks.size();
    QStringList names;
    for (qsizetype i = 0; i < duplicates.size() && i < 10; ++i)
        names << describe(tracks.at(duplicates.at(i)));
    const QString text =
        tracks.size() == 1 ? tr("“%1” is already in the list or in the download folder.").arg(names.value(0))
                           : tr("%Ln of the %1 downloads are already in the list or in the download folder.",
                                "", int(duplicates.size()))
                                 .arg(tracks.size());
    auto *box = new QMessageBox(QMessageBox::Question, tr("Already There"), text, QMessageBox::NoButton,
                                m_dialogParent);
    box->setObjectName(u"duplicatesBox"_s);
    box->setInformativeText(duplicates.size() > names.size() ? names.join(u'\n') + u"\n…"_s
                                                             : names.join(u'\n'));
    QPushButton *skip = box->addButton(all ? tr("Skip") : tr("Skip These"), QMessageBox::RejectRole);
    skip->setObjectName(u"skipButton"_s);
    QPushButton *addAnyway = box->addButton(tr("Add Anyway"), QMessageBox::AcceptRole);
    addAnyway->setObjectName(u"addAnywayButton"_s);
    box->setDefaultButton(skip);
    box->setEscapeButton(skip);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, addAnyway, tracks, duplicates, where] {
        if (box->clickedButton() == addAnyway)
            return store(tracks, where, 0);
        QList<TrackInput> rest;
        for (qsizetype i = 0; i < tracks.size(); ++i)
        {
            if (!duplicates.contains(i))
                rest.append(tracks.at(i));
        }
        store(rest, where, duplicates.size());
    });
    box->open();
}

void DownloadAdder::store(const QList<TrackInput> &tracks, const Where &where, qsizetype skipped)
{
    const QString skippedText = skipped > 0 ? tr("Skipped %Ln already there.", "", int(skipped)) : QString();
    if (tracks.isEmpty())
    {
        Q_EMIT added(skippedText);
        return;
    }
    Result<QList<Download>> stored = m_runner.addTracks(tracks, where.priority, where.folder);
    if (!stored)
    {
        Q_EMIT refused(stored.error().message);
        return;
    }
    const QString addedText = tr("Added %Ln download(s).", "", int(stored->size()));
    Q_EMIT added(skippedText.isEmpty() ? addedText : addedText + u' ' + skippedText);
}

} // namespace SoulSpot::Gui
