// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "service/queuestats.h"

#include <QList>
#include <QMainWindow>
#include <QUrl>

#include <memory>

class QDockWidget;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace SoulSpot {
class DownloadService;
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Gui {

class DownloadDetailsPanel;
class DownloadFilterProxyModel;
class ElidedLabel;
class DownloadTableModel;
class MainWindowActions;
class QuitConfirmation;
class StatusFilterList;
class TrayIcon;

// The desktop window's layout and remembered state: the download table with its status filter
// and search, the toolbar and menu bar (filled by MainWindowActions, which owns every action and
// what it does), drag and drop, the status bar and the tray icon. Everything it does to
// downloads goes through DownloadService via its actions; it keeps no download state of its own
// besides the table model.
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
    MainWindowActions *actions() const { return m_actions; }
    StatusFilterList *statusFilters() const { return m_filters; }
    QLineEdit *searchBox() const { return m_search; }
    TrayIcon *trayIcon() const { return m_tray; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    DownloadDetailsPanel *detailsPanel() const { return m_details; }

    void saveWindowState();
    void restoreWindowState();

    // A line in the status bar; a failure also in a message box that blocks nothing.
    void showReport(const QString &summary, bool failed);
    // The status bar's transient message, left of the counters and never over them (elided when
    // long); 0 keeps it until the next one.
    void showStatusMessage(const QString &text, int timeoutMs = 0);
    void showError(const QString &title, const QString &message);
    void focusSearch();
    // Opens the details panel (remembered as the user leaves it) on the current download.
    void showDetails();
    // Links and list files given from outside (the command line, another launch): the window
    // comes to the front (from the tray, un-minimized) and adds them as a drop of them.
    void openFromOutside(const QList<QUrl> &urls);
    // Saves the window's state and asks the application to quit (quitRequested). While downloads
    // run it asks the user first (QuitConfirmation) and returns false; quitRequested follows if
    // the user agrees.
    bool requestQuit();

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
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    void createDetailsDock();
    void connectService();

    void showStats(const SoulSpot::QueueStats &stats);
    static QString speedText(const SoulSpot::QueueStats &stats);
    void showLoadError(const QString &message);
    void notifyFinished(const SoulSpot::Download &download);
    void showFolderProblem(const QString &folder, const QString &reason);
    void showQueueResumed(bool paused);
    void showHeaderMenu(const QPoint &position);
    void hideNoisyColumns(int firstNew);
    void keepNameStretched();
    void updateEmptyHint();

    DownloadService &m_service;
    SettingsStore &m_settings;
    DownloadTableModel *m_model = nullptr;
    DownloadFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    MainWindowActions *m_actions = nullptr;
    StatusFilterList *m_filters = nullptr;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    TrayIcon *m_tray = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    DownloadDetailsPanel *m_details = nullptr;
    std::unique_ptr<QuitConfirmation> m_quitConfirmation;
    QLabel *m_countersLabel = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    ElidedLabel *m_messageLabel = nullptr;
    QTimer *m_messageTimer = nullptr;
    QLabel *m_emptyHint = nullptr; // over the empty table: how to add downloads
    bool m_quitting = false;
    bool m_toldAboutTray = false;
    QString m_folderMessage; // shown in the status bar while the queue waits for the folder
};

} // namespace SoulSpot::Gui
