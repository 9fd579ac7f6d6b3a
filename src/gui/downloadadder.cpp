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
#include <QMimeData>
#include <QtConcurrent/QtConcurrentRun>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

using ParsedTracks = Result<QList<TrackInput>>;

DownloadAdder::DownloadAdder(DownloadCommandRunner &runner, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_dialogParent(dialogParent)
{
}

void DownloadAdder::showAddDialog()
{
    auto *dialog = new AddDownloadsDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addTracks(dialog->tracks(), dialog->priority()); });
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
        offer(MimeImport::tracksFromText(mime && mime->hasText() ? mime->text() : QString()));
        return;
    }
    addUrls(mime->urls());
}

void DownloadAdder::addUrls(const QList<QUrl> &urls)
{
    if (MimeImport::readsFiles(urls))
        readFilesInBackground(urls);
    else
        offer(MimeImport::tracksFromUrls(urls));
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
    watcher->setFuture(QtConcurrent::run([urls] { return MimeImport::tracksFromUrls(urls); }));
}

void DownloadAdder::offer(const ParsedTracks &tracks)
{
    if (!tracks)
    {
        Q_EMIT refused(tracks.error().message);
        return;
    }
    if (tracks->size() == 1)
    {
        addTracks(*tracks, std::nullopt);
        return;
    }
    // A batch is confirmed first, with P2 proposed; the drop itself has returned already.
    auto *dialog = new ImportConfirmDialog(*tracks, m_dialogParent);
    dialog->setObjectName(u"importConfirmDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addTracks(dialog->tracks(), dialog->priority()); });
    dialog->open();
}

void DownloadAdder::addTracks(const QList<TrackInput> &tracks, std::optional<int> priority)
{
    Result<QList<Download>> added = m_runner.addTracks(tracks, priority);
    if (!added)
    {
        Q_EMIT refused(added.error().message);
        return;
    }
    Q_EMIT this->added(tr("Added %Ln download(s).", "", int(added->size())));
}

} // namespace SoulSpot::Gui
