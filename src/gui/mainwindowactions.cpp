// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's actions: on the selection, on the queue, adding (dialog, paste, drop),
// and leaving (close to tray or quit).
#include "adddownloadsdialog.h"
#include "downloadcontroller.h"
#include "downloadfilterproxymodel.h"
#include "downloadtablemodel.h"
#include "importconfirmdialog.h"
#include "mainwindow.h"
#include "mimeimport.h"
#include "service/downloadservice.h"
#include "service/importparser.h"
#include "settingsdialog.h"
#include "settingsstore.h"
#include "trayicon.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

#include <bitset>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {
constexpr int ReportTimeoutMs = 10000;
}

QStringList MainWindow::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(DownloadTableModel::NameColumn);
    ids.reserve(rows.size());
    for (const QModelIndex &index : rows)
        ids.append(index.data(DownloadTableModel::IdRole).toString());
    return ids;
}

void MainWindow::applyToSelection(DownloadAction action, std::optional<int> priority)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    // A batch of thousands is one transaction but still takes a moment: say so.
    const bool large = ids.size() > 1000;
    if (large)
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    m_controller->apply(ids, action, priority); // reported through actionReported
    if (large)
        QGuiApplication::restoreOverrideCursor();
    updateActions(); // the rows already hold their new status: offer what fits now
}

void MainWindow::openFolders()
{
    const QStringList ids = selectedIds();
    if (!ids.isEmpty() && !m_controller->openContainingFolders(ids))
        showReport(tr("Could not open the folder in the file manager."), true);
}

void MainWindow::pauseAll()
{
    m_controller->pauseAll();
    showReport(tr("The queue is paused: running downloads stopped and keep their partial files."), false);
}

void MainWindow::resumeAll()
{
    m_controller->resumeAll();
    showReport(tr("The queue is running again."), false);
}

void MainWindow::showAddDialog()
{
    auto *dialog = new AddDownloadsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addTracks(dialog->tracks(), dialog->priority()); });
    dialog->open();
}

void MainWindow::showImportDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a List of Downloads"), QString(),
                                                      tr("Lists and playlists (*.m3u *.m3u8 *.txt *.csv)"));
    if (path.isEmpty())
        return;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    importMimeData(&mime);
}

void MainWindow::pasteFromClipboard()
{
    importMimeData(QApplication::clipboard()->mimeData());
}

void MainWindow::importMimeData(const QMimeData *mime)
{
    Result<QList<TrackInput>> tracks = MimeImport::tracksFrom(mime);
    if (!tracks)
    {
        showError(tr("Cannot Add Downloads"), tracks.error().message);
        return;
    }
    if (tracks->size() == 1)
    {
        addTracks(*tracks, std::nullopt);
        return;
    }
    // A batch is confirmed first, with P2 proposed; the drop itself returns at once.
    auto *dialog = new ImportConfirmDialog(*tracks, this);
    dialog->setObjectName(u"importConfirmDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addTracks(dialog->tracks(), dialog->priority()); });
    dialog->open();
}

void MainWindow::addTracks(const QList<TrackInput> &tracks, std::optional<int> priority)
{
    Result<QList<Download>> added = m_controller->addTracks(tracks, priority);
    if (!added)
    {
        showError(tr("Cannot Add Downloads"), added.error().message);
        return;
    }
    showReport(tr("Added %n download(s).", "", int(added->size())), false);
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_service, m_tray->isVisible(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About SoulSpot Bridge"),
                       tr("<h3>SoulSpot Bridge %1</h3><p>A download manager for music: web links and "
                          "Soulseek (through slskd), with a priority queue, retries, and a local REST "
                          "API for scripts.</p><p>License: GPL 3.0 or later.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void MainWindow::requestQuit()
{
    m_quitting = true;
    saveWindowState();
    Q_EMIT quitRequested();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_settings.current().value(Settings::CloseToTray).toBool() && m_tray->isVisible())
    {
        saveWindowState();
        hide();
        event->ignore();
        if (!m_toldAboutTray)
        {
            m_toldAboutTray = true;
            m_tray->notify(tr("SoulSpot Bridge"),
                           tr("Still downloading in the tray. Quit from the tray icon's menu."), false);
        }
        return;
    }
    requestQuit();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (MimeImport::canImport(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (MimeImport::canImport(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (!MimeImport::canImport(event->mimeData()))
    {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    importMimeData(event->mimeData());
}

void MainWindow::scheduleActionUpdate()
{
    if (!m_actionTimer->isActive())
        m_actionTimer->start();
}

// An action is offered when it would change at least one selected download (core's state table).
void MainWindow::updateActions()
{
    std::bitset<8> present;
    const QItemSelection selection = m_view->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection)
    {
        for (int row = range.top(); row <= range.bottom() && present.count() < 6; ++row)
            present.set(size_t(m_proxy->index(row, 0).data(DownloadTableModel::StatusRole).toInt()));
    }
    auto offered = [&present](DownloadAction action) {
        for (DownloadStatus status : allDownloadStatuses)
        {
            if (present.test(size_t(status)) && transition(status, action).kind == Transition::Kind::Change)
                return true;
        }
        return false;
    };
    m_pauseAction->setEnabled(offered(DownloadAction::Pause));
    m_resumeAction->setEnabled(offered(DownloadAction::Resume));
    m_cancelAction->setEnabled(offered(DownloadAction::Cancel));
    m_retryAction->setEnabled(offered(DownloadAction::Retry));
    const bool canPrioritise = offered(DownloadAction::SetPriority);
    for (QAction *action : std::as_const(m_priorityActions))
        action->setEnabled(canPrioritise);
    if (auto *button = findChild<QToolButton *>(u"priorityButton"_s))
        button->setEnabled(canPrioritise);
    m_openFolderAction->setEnabled(present.any());
}

void MainWindow::showReport(const QString &summary, bool failed)
{
    statusBar()->showMessage(summary, ReportTimeoutMs);
    if (failed)
        showError(tr("Some Downloads Were Not Changed"), summary);
}

void MainWindow::showLoadError(const QString &message)
{
    showError(tr("The Download List Could Not Be Read"), message);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    // Not modal for the application: a drop or a shortcut never blocks on it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(u"errorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Ok)->setText(tr("OK"));
    box->open();
}

void MainWindow::notifyFinished(const Download &download)
{
    if (!m_settings.current().value(Settings::Notifications).toBool())
        return;
    const int row = m_model->rowOf(download.id);
    const QString name = row >= 0 ? m_model->index(row, 0).data().toString() : download.sourceUrl;
    if (download.status == DownloadStatus::Completed)
        m_tray->notify(tr("Download completed"), name, false);
    else
        m_tray->notify(tr("Download failed"), name + u"\n"_s + download.errorMessage, true);
}

void MainWindow::showTableMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addActions({m_resumeAction, m_pauseAction, m_cancelAction, m_retryAction});
    QMenu *priority = menu.addMenu(tr("Set &Priority"));
    priority->addActions(m_priorityActions);
    menu.addSeparator();
    menu.addAction(m_openFolderAction);
    menu.addSeparator();
    menu.addActions({m_addAction, m_pasteAction});
    updateActions();
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace SoulSpot::Gui
