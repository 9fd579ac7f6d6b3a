// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/statemachine.h"
#include "domain/track.h"
#include "service/queuestats.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMimeData;
class QSplitter;
class QTableView;
class QTimer;

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Gui {

class DownloadController;
class DownloadFilterProxyModel;
class DownloadTableModel;
class SettingsStore;
class StatusFilterList;
class TrayIcon;

// The desktop window: the download table with its status filter and search, actions on the
// selection (toolbar, menus, context menu, shortcuts), adding by dialog, paste and drag and drop,
// the status bar and the tray icon. Everything it does goes through DownloadService (via
// DownloadController); it keeps no download state of its own besides the table model.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(DownloadService &service, SettingsStore &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTableView *view() const { return m_view; }
    DownloadTableModel *model() const { return m_model; }
    DownloadFilterProxyModel *proxy() const { return m_proxy; }
    DownloadController *controller() const { return m_controller; }
    StatusFilterList *statusFilters() const { return m_filters; }
    QLineEdit *searchBox() const { return m_search; }
    TrayIcon *trayIcon() const { return m_tray; }

    // The ids of the selected rows, in the order they are shown.
    QStringList selectedIds() const;
    // Drops and pastes: parse, ask when it is a batch, enqueue.
    void importMimeData(const QMimeData *mime);
    void addTracks(const QList<TrackInput> &tracks, std::optional<int> priority);

    void saveWindowState();
    void restoreWindowState();

Q_SIGNALS:
    // The user chose to quit (Quit, or closing the window when it does not go to the tray).
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    void connectService();
    QAction *makeAction(const QString &objectName, const QString &icon, const QString &text,
                        const QKeySequence &shortcut, void (MainWindow::*slot)());

    void applyToSelection(DownloadAction action, std::optional<int> priority = {});
    void pauseSelected() { applyToSelection(DownloadAction::Pause); }
    void resumeSelected() { applyToSelection(DownloadAction::Resume); }
    void cancelSelected() { applyToSelection(DownloadAction::Cancel); }
    void retrySelected() { applyToSelection(DownloadAction::Retry); }
    void openFolders();
    void pauseAll();
    void resumeAll();
    void showAddDialog();
    void showImportDialog();
    void pasteFromClipboard();
    void showSettings();
    void showAbout();
    void requestQuit();
    void focusSearch();

    void scheduleActionUpdate();
    void updateActions();
    void showStats(const SoulSpot::QueueStats &stats);
    void showReport(const QString &summary, bool failed);
    void showError(const QString &title, const QString &message);
    void showLoadError(const QString &message);
    void notifyFinished(const SoulSpot::Download &download);
    void showTableMenu(const QPoint &position);
    void showHeaderMenu(const QPoint &position);
    void applyDefaultColumnWidths();
    void updateEmptyHint();

    DownloadService &m_service;
    SettingsStore &m_settings;
    DownloadController *m_controller = nullptr;
    DownloadTableModel *m_model = nullptr;
    DownloadFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    StatusFilterList *m_filters = nullptr;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    TrayIcon *m_tray = nullptr;
    QLabel *m_countersLabel = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    QLabel *m_emptyHint = nullptr; // over the empty table: how to add downloads
    QTimer *m_actionTimer = nullptr;

    QAction *m_addAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryAction = nullptr;
    QList<QAction *> m_priorityActions;
    QAction *m_openFolderAction = nullptr;
    QAction *m_pauseAllAction = nullptr;
    QAction *m_resumeAllAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    bool m_quitting = false;
    bool m_toldAboutTray = false;
};

} // namespace SoulSpot::Gui
