// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/queuemove.h"
#include "domain/statemachine.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <bitset>
#include <functional>
#include <optional>

class QAction;
class QKeySequence;
class QMenu;
class QMenuBar;
class QPoint;
class QTimer;
class QToolBar;

namespace SoulSpot {
class DownloadService;
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Gui {

class DownloadAdder;
class DownloadCommandRunner;
class MainWindow;

// The statuses and priorities present in the selection: what the enabling rules and the
// priority menu's mark look at.
class SelectionStatuses final
{
public:
    void add(DownloadStatus status, int priority)
    {
        m_present.set(size_t(status));
        m_priorities.set(size_t(qBound(0, priority, 2)));
        ++m_rows;
    }
    bool any() const { return m_present.any(); }
    // Whether a selected download waits (queued or paused): it has a place in the queue.
    bool anyWaiting() const
    {
        return m_present.test(size_t(DownloadStatus::Queued)) ||
               m_present.test(size_t(DownloadStatus::Paused));
    }
    // One row, and it waits (Start now).
    bool oneWaiting() const { return m_rows == 1 && anyWaiting(); }
    // Nothing more to learn from further rows.
    bool allSeen() const { return m_present.count() >= allDownloadStatuses.size() && m_priorities.all(); }
    // True when the action would change at least one selected download (core's state table).
    bool allows(DownloadAction action) const;
    // The priority every selected download has, or none when they differ.
    std::optional<int> commonPriority() const;

private:
    std::bitset<8> m_present;
    std::bitset<3> m_priorities;
    int m_rows = 0; // rows seen (the count stops with allSeen(), past one)
};

// The main window's actions: what each is (text, icon, shortcut, object name), what it does,
// when it is offered, and the menus, toolbar buttons and context menu that show it. MainWindow
// keeps the layout and the remembered state; this object keeps everything the user can trigger.
// Commands on downloads go through DownloadCommandRunner, adding through DownloadAdder.
//
// The queue's order (Move to Top / Up / Down / Bottom, Start Now) is in createQueueActions().
// To add an action: create it in createActions() (makeAction), give it a rule in
// createRules() when the selection decides whether it is offered, and place it in
// fillMenuBar(), fillToolBar() and contextMenu().
class MainWindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindowActions)

public:
    MainWindowActions(MainWindow &window, DownloadService &service, SettingsStore &settings);
    ~MainWindowActions() override;

    DownloadCommandRunner *commandRunner() const { return m_runner; }
    DownloadAdder *adder() const { return m_adder; }
    QAction *pauseAllAction() const { return m_pauseAll; }
    QAction *resumeAllAction() const { return m_resumeAll; }
    QAction *settingsAction() const { return m_settings; }
    QAction *quitAction() const { return m_quit; }

    // `details` shows and hides the details panel (the window's dock).
    void fillMenuBar(QMenuBar *bar, QAction *details) const;
    // The commands on downloads; the window adds its search box after them.
    void fillToolBar(QToolBar *bar) const;

    // The ids of the selected rows, in the order they are shown.
    QStringList selectedIds() const;
    // Offers what fits the selection now (otherwise shortly after each change).
    void updateEnabled();
    // Opens the folders of these downloads; says which could not be opened.
    void openFoldersOf(const QStringList &ids);

private:
    struct Rule
    {
        QAction *action = nullptr;
        std::function<bool(const SelectionStatuses &)> offered;
    };

    void createActions();
    void createWindowActions();
    void createPriorityActions();
    void createQueueActions();
    void createRules();
    void connectView();
    QAction *makeAction(const QString &objectName, const QString &icon, const QString &text,
                        const QKeySequence &shortcut, std::function<void()> slot);
    void contextMenu(const QPoint &position);
    void showQueueState(bool paused);
    SelectionStatuses selectionStatuses() const;

    void applyToSelection(DownloadAction action, std::optional<int> priority = {});
    // Runs a command on `count` downloads, with a busy cursor when they are many.
    void runLarge(qsizetype count, const std::function<void()> &command);
    void moveSelection(QueueMove to);
    void startNow();
    void removeSelection(bool withFiles);
    void clearFinished();
    void clearPartialFiles();
    void openFolders();
    void pauseAll();
    void resumeAll();
    void showSettings();
    void showGettingStarted();
    void showShortcuts();
    void showAbout();

    MainWindow &m_window;
    DownloadService &m_service;
    SettingsStore &m_store;
    DownloadCommandRunner *m_runner = nullptr;
    DownloadAdder *m_adder = nullptr;
    QTimer *m_updateTimer = nullptr;
    QList<Rule> m_rules;

    QAction *m_add = nullptr;
    QAction *m_import = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_removeWithFiles = nullptr;
    QAction *m_clearFinished = nullptr;
    QAction *m_clearPartialFiles = nullptr;
    QList<QAction *> m_priorities;
    QMenu *m_priorityMenu = nullptr; // its menuAction() is "Set Priority" in every menu and the toolbar
    QList<QAction *> m_moves;        // to the top, up, down, to the bottom
    QAction *m_startNow = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_about = nullptr;
    QAction *m_gettingStarted = nullptr;
    QAction *m_shortcuts = nullptr;
    QAction *m_find = nullptr;
    QAction *m_selectAll = nullptr;
};

} // namespace SoulSpot::Gui
