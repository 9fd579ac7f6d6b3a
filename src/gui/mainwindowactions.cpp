// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindowactions.h"

#include "aboutdialog.h"
#include "confirmation.h"
#include "downloadadder.h"
#include "downloadcommandrunner.h"
#include "downloadtablemodel.h"
#include "duplicatecheck.h"
#include "formatting.h"
#include "gettingstarteddialog.h"
#include "icons.h"
#include "mainwindow.h"
#include "service/downloadservice.h"
#include "settingsdialog.h"
#include "settingsstore.h"
#include "shortcutsdialog.h"
#include "trayicon.h"

#include <QAction>
#include <QGuiApplication>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

std::optional<int> SelectionStatuses::commonPriority() const
{
    if (m_priorities.count() != 1)
        return std::nullopt;
    return m_priorities.test(0) ? 0 : (m_priorities.test(1) ? 1 : 2);
}

bool SelectionStatuses::allows(DownloadAction action) const
{
    for (DownloadStatus status : allDownloadStatuses)
    {
        if (m_present.test(size_t(status)) && transition(status, action).changesSomething())
            return true;
    }
    return false;
}

MainWindowActions::MainWindowActions(MainWindow &window, DownloadService &service, SettingsStore &settings)
    : QObject(&window)
    , m_window(window)
    , m_service(service)
    , m_store(settings)
    , m_runner(new DownloadCommandRunner(service, this))
    , m_adder(new DownloadAdder(*m_runner, &window))
    , m_updateTimer(new QTimer(this))
{
    m_adder->setParent(this);
    m_adder->setDuplicateCheck(DuplicateCheck(*window.model(), service));
    m_adder->setSavedSettings(&m_store.saved());
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(50);
    connect(m_updateTimer, &QTimer::timeout, this, &MainWindowActions::updateEnabled);
    createActions();
    createRules();
    connectView();
    connect(&m_service, &DownloadService::queuePausedChanged, this, &MainWindowActions::showQueueState);
    showQueueState(m_service.isQueuePaused());
    updateEnabled();
}

MainWindowActions::~MainWindowActions() = default;

QAction *MainWindowActions::makeAction(const QString &objectName, const QString &icon, const QString &text,
                                       const QKeySequence &shortcut, std::function<void()> slot)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    if (!icon.isEmpty())
        action->setIcon(Icons::named(icon));
    if (!shortcut.isEmpty())
    {
        action->setShortcut(shortcut);
        action->setToolTip(u"%1 (%2)"_s.arg(QString(text).remove(u'&').remove(u"…"_s),
                                            shortcut.toString(QKeySequence::NativeText)));
    }
    if (slot)
        connect(action, &QAction::triggered, this, std::move(slot));
    m_window.addAction(action); // shortcuts work even when the toolbar is hidden
    return action;
}

void MainWindowActions::createActions()
{
    m_add = makeAction(u"addAction"_s, u"add"_s, tr("&Add Downloads…"), QKeySequence::New,
                       [this] { m_adder->showAddDialog(); });
    m_import = makeAction(u"importAction"_s, u"import"_s, tr("&Import List…"), QKeySequence::Open,
                          [this] { m_adder->importFile(); });
    m_paste = makeAction(u"pasteAction"_s, u"paste"_s, tr("&Paste Links"), QKeySequence::Paste,
                         [this] { m_adder->addFromClipboard(); });
    m_resume = makeAction(u"resumeAction"_s, u"resume"_s, tr("&Resume"), QKeySequence(Qt::CTRL | Qt::Key_R),
                          [this] { applyToSelection(DownloadAction::Resume); });
    m_pause = makeAction(u"pauseAction"_s, u"pause"_s, tr("P&ause"), QKeySequence(Qt::CTRL | Qt::Key_P),
                         [this] { applyToSelection(DownloadAction::Pause); });
    // Delete removes (asking), as in qBittorrent; Cancel keeps the download in the list.
    m_cancel = makeAction(u"cancelAction"_s, u"cancel"_s, tr("&Cancel Download"), {},
                          [this] { applyToSelection(DownloadAction::Cancel); });
    m_remove = makeAction(u"removeAction"_s, u"remove"_s, tr("Re&move…"), QKeySequence(Qt::Key_Delete),
                          [this] { removeSelection(false); });
    m_removeWithFiles =
        makeAction(u"removeWithFilesAction"_s, {}, tr("Remove with &Files…"),
                   QKeySequence(Qt::SHIFT | Qt::Key_Delete), [this] { removeSelection(true); });
    m_clearFinished =
        makeAction(u"clearFinishedAction"_s, {}, tr("Clear Fi&nished…"), {}, [this] { clearFinished(); });
    m_clearPartialFiles =
        makeAction(u"clearPartialFilesAction"_s, {}, tr("Clear Partial Files of Failed Downloads…"), {},
                   [this] { clearPartialFiles(); });
    m_retry = makeAction(u"retryAction"_s, u"retry"_s, tr("Re&try"), QKeySequence(Qt::CTRL | Qt::Key_T),
                         [this] { applyToSelection(DownloadAction::Retry); });
    createWindowActions();
    createPriorityActions();
    createQueueActions();
    // Short labels for the toolbar; menus show the full text.
    m_add->setIconText(tr("Add"));
    m_resume->setIconText(tr("Resume"));
    m_pause->setIconText(tr("Pause"));
    m_cancel->setIconText(tr("Cancel"));
    m_remove->setIconText(tr("Remove"));
    m_retry->setIconText(tr("Retry"));
    // Select All belongs to the table (the search box keeps its own).
    m_selectAll = new QAction(tr("Select &All"), this);
    m_selectAll->setObjectName(u"selectAllAction"_s);
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    m_selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

// What the window does as a whole (the queue, settings, help, quitting), beside the downloads.
void MainWindowActions::createWindowActions()
{
    m_quit = makeAction(u"quitAction"_s, u"quit"_s, tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q),
                        [this] { m_window.requestQuit(); });
    m_openFolder = makeAction(u"openFolderAction"_s, u"folder"_s, tr("Open Containing &Folder"),
                              QKeySequence(Qt::CTRL | Qt::Key_E), [this] { openFolders(); });
    m_pauseAll = makeAction(u"pauseAllAction"_s, u"pause-all"_s, tr("Pause A&ll"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] { pauseAll(); });
    m_resumeAll = makeAction(u"resumeAllAction"_s, u"resume-all"_s, tr("Resume All"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { resumeAll(); });
    m_settings = makeAction(u"settingsAction"_s, u"settings"_s, tr("&Settings…"),
                            QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { showSettings(); });
    m_about = makeAction(u"aboutAction"_s, {}, tr("&About SoulSpot Bridge"), {}, [this] { showAbout(); });
    m_gettingStarted = makeAction(u"gettingStartedAction"_s, {}, tr("&Getting Started"),
                                  QKeySequence::HelpContents, [this] { showGettingStarted(); });
    m_shortcuts =
        makeAction(u"shortcutsAction"_s, {}, tr("&Keyboard Shortcuts"), {}, [this] { showShortcuts(); });
    m_find =
        makeAction(u"findAction"_s, {}, tr("&Find"), QKeySequence::Find, [this] { m_window.focusSearch(); });
}

// One action a priority, checkable (the menu marks the selection's), in the Set Priority menu.
void MainWindowActions::createPriorityActions()
{
    const std::array<QString, 3> priorityTexts{tr("&High (P0)"), tr("&Normal (P1)"), tr("&Low (P2)")};
    for (int priority = 0; priority < 3; ++priority)
    {
        QAction *action = makeAction(u"priority%1Action"_s.arg(priority), u"priority-%1"_s.arg(priority),
                                     priorityTexts[size_t(priority)], {}, [this, priority] {
                                         applyToSelection(DownloadAction::SetPriority, priority);
                                         updateEnabled(); // the mark follows at once
                                     });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + priority)));
        action->setCheckable(true);
        m_priorities.append(action);
    }
    m_priorityMenu = new QMenu(tr("Set &Priority"), &m_window);
    m_priorityMenu->setObjectName(u"priorityMenu"_s);
    m_priorityMenu->setIcon(Icons::named(u"priority"_s));
    m_priorityMenu->addActions(m_priorities);
    QAction *priorityEntry = m_priorityMenu->menuAction();
    priorityEntry->setIconText(tr("Priority"));
    priorityEntry->setToolTip(tr("Set the priority of the selected downloads"));
}

// The order of the waiting downloads, within their priority (qBittorrent's shortcuts), and Start
// Now for one download out of turn.
void MainWindowActions::createQueueActions()
{
    const std::array<std::pair<QueueMove, QKeySequence>, 4> moves{{
        {QueueMove::Top, QKeySequence(Qt::CTRL | Qt::Key_Home)},
        {QueueMove::Up, QKeySequence(Qt::CTRL | Qt::Key_Up)},
        {QueueMove::Down, QKeySequence(Qt::CTRL | Qt::Key_Down)},
        {QueueMove::Bottom, QKeySequence(Qt::CTRL | Qt::Key_End)},
    }};
    const std::array<QString, 4> texts{tr("Move to T&op"), tr("Move &Up"), tr("Move &Down"),
                                       tr("Move to &Bottom")};
    for (size_t i = 0; i < moves.size(); ++i)
    {
        const QueueMove to = moves[i].first;
        const QString name = queueMoveName(to);
        m_moves.append(makeAction(u"move%1Action"_s.arg(name.at(0).toUpper() + name.mid(1)), {}, texts[i],
                                  moves[i].second, [this, to] { moveSelection(to); }));
    }
    m_startNow = makeAction(u"startNowAction"_s, {}, tr("&Start Now"), {}, [this] { startNow(); });
    m_startNow->setToolTip(tr("Start the selected download now, even when the queue is full or paused"));
}

// Which actions the selection decides; the others are always offered.
void MainWindowActions::createRules()
{
    auto allows = [](DownloadAction action) {
        return [action](const SelectionStatuses &selection) { return selection.allows(action); };
    };
    m_rules = {
        {m_pause, allows(DownloadAction::Pause)},
        {m_resume, allows(DownloadAction::Resume)},
        {m_cancel, allows(DownloadAction::Cancel)},
        {m_retry, allows(DownloadAction::Retry)},
        {m_priorityMenu->menuAction(), allows(DownloadAction::SetPriority)},
        {m_openFolder, [](const SelectionStatuses &selection) { return selection.any(); }},
        {m_remove, allows(DownloadAction::Remove)},
        {m_removeWithFiles, allows(DownloadAction::Remove)},
        {m_startNow, [](const SelectionStatuses &selection) { return selection.oneWaiting(); }},
    };
    for (QAction *move : std::as_const(m_moves))
        m_rules.append({move, [](const SelectionStatuses &selection) { return selection.anyWaiting(); }});
    for (QAction *priority : std::as_const(m_priorities))
        m_rules.append({priority, allows(DownloadAction::SetPriority)});
}

void MainWindowActions::connectView()
{
    QTableView *view = m_window.view();
    view->addAction(m_selectAll);
    connect(m_selectAll, &QAction::triggered, view, &QTableView::selectAll);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QTableView::customContextMenuRequested, this, &MainWindowActions::contextMenu);
    connect(view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (DownloadStatus(index.data(DownloadTableModel::StatusRole).toInt()) == DownloadStatus::Completed)
            openFolders();
        else
            m_window.showDetails();
    });
    // The rows change status under the selection too: offer what fits a moment later.
    auto schedule = [this] {
        if (!m_updateTimer->isActive())
            m_updateTimer->start();
    };
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, schedule);
    connect(view->model(), &QAbstractItemModel::dataChanged, this, schedule);
    connect(view->model(), &QAbstractItemModel::layoutChanged, this, schedule);
}

void MainWindowActions::fillMenuBar(QMenuBar *bar, QAction *details) const
{
    QMenu *file = bar->addMenu(tr("&File"));
    file->addActions({m_add, m_import, m_paste});
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addActions({m_selectAll, m_find});

    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(details);

    QMenu *downloads = bar->addMenu(tr("&Downloads"));
    downloads->addActions({m_resume, m_pause, m_cancel, m_retry});
    downloads->addMenu(m_priorityMenu);
    downloads->addSeparator();
    downloads->addActions(m_moves);
    downloads->addAction(m_startNow);
    downloads->addSeparator();
    downloads->addAction(m_openFolder);
    downloads->addSeparator();
    downloads->addActions({m_remove, m_removeWithFiles, m_clearFinished, m_clearPartialFiles});
    downloads->addSeparator();
    downloads->addActions({m_resumeAll, m_pauseAll});

    QMenu *settings = bar->addMenu(tr("&Settings"));
    settings->addAction(m_settings);
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addActions({m_gettingStarted, m_shortcuts});
    help->addSeparator();
    help->addAction(m_about);
}

void MainWindowActions::fillToolBar(QToolBar *bar) const
{
    bar->addAction(m_add);
    bar->addSeparator();
    bar->addActions({m_resume, m_pause, m_cancel, m_retry});
    bar->addAction(m_priorityMenu->menuAction());
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_priorityMenu->menuAction())))
    {
        button->setObjectName(u"priorityButton"_s);
        button->setPopupMode(QToolButton::InstantPopup);
    }
    bar->addSeparator();
    bar->addActions({m_resumeAll, m_pauseAll});
}

void MainWindowActions::contextMenu(const QPoint &position)
{
    QMenu menu(&m_window);
    menu.addActions({m_resume, m_pause, m_cancel, m_retry});
    menu.addMenu(m_priorityMenu);
    menu.addSeparator();
    menu.addActions(m_moves);
    menu.addAction(m_startNow);
    menu.addSeparator();
    menu.addActions({m_openFolder, m_remove});
    menu.addSeparator();
    menu.addActions({m_add, m_paste});
    updateEnabled();
    menu.exec(m_window.view()->viewport()->mapToGlobal(position));
}

QStringList MainWindowActions::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows =
        m_window.view()->selectionModel()->selectedRows(DownloadTableModel::NameColumn);
    ids.reserve(rows.size());
    for (const QModelIndex &index : rows)
        ids.append(index.data(DownloadTableModel::IdRole).toString());
    return ids;
}

SelectionStatuses MainWindowActions::selectionStatuses() const
{
    SelectionStatuses statuses;
    const QAbstractItemModel *model = m_window.view()->model();
    const QItemSelection selection = m_window.view()->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection)
    {
        for (int row = range.top(); row <= range.bottom() && !statuses.allSeen(); ++row)
        {
            const QModelIndex priority = model->index(row, DownloadTableModel::PriorityColumn);
            statuses.add(DownloadStatus(priority.data(DownloadTableModel::StatusRole).toInt()),
                         priority.data(DownloadTableModel::RawRole).toInt());
        }
    }
    return statuses;
}

void MainWindowActions::updateEnabled()
{
    const SelectionStatuses selection = selectionStatuses();
    for (const Rule &rule : std::as_const(m_rules))
        rule.action->setEnabled(rule.offered(selection));
    // The priority menu marks the selection's priority when they all share one.
    const std::optional<int> common = selection.commonPriority();
    for (int priority = 0; priority < int(m_priorities.size()); ++priority)
        m_priorities.at(priority)->setChecked(common == priority);
}

// Only the one that applies is shown: the toolbar stays short in every language.
void MainWindowActions::showQueueState(bool paused)
{
    m_pauseAll->setEnabled(!paused);
    m_pauseAll->setVisible(!paused);
    m_resumeAll->setEnabled(paused);
    m_resumeAll->setVisible(paused);
}

void MainWindowActions::applyToSelection(DownloadAction action, std::optional<int> priority)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    runLarge(ids.size(), [&] { m_runner->apply(ids, action, priority); }); // reported: actionReported
}

void MainWindowActions::runLarge(qsizetype count, const std::function<void()> &command)
{
    // A batch of thousands is one transaction but still takes a moment: say so.
    const bool large = count > 1000;
    if (large)
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    command();
    if (large)
        QGuiApplication::restoreOverrideCursor();
    updateEnabled(); // the rows already hold their new status: offer what fits now
}

// The selection keeps its relative order; rows that do not wait are left out (the action is only
// offered when one does).
void MainWindowActions::moveSelection(QueueMove to)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    Result<int> moved = 0;
    runLarge(ids.size(), [&] { moved = m_runner->move(ids, to); });
    if (!moved)
        m_window.showError(tr("Downloads Not Moved"), moved.error().message);
}

void MainWindowActions::startNow()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    const Result<Download> started = m_runner->startNow(ids.first());
    if (!started)
        m_window.showReport(tr("The download could not start now: %1").arg(started.error().message), false);
    updateEnabled();
}

// The selection is taken when asked: what the user saw counted is what goes.
void MainWindowActions::removeSelection(bool withFiles)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    Confirmation question;
    question.objectName = u"removeConfirmation"_s;
    question.title = tr("Remove Downloads");
    question.text = tr("Remove %Ln download(s) from the list?", "", int(ids.size()));
    question.details = tr("Running downloads are stopped and their partial files deleted.");
    question.acceptText = tr("Remove");
    question.checkBoxText = tr("Also delete the downloaded files");
    question.checked = withFiles;
    question.ask(&m_window, [this, ids](bool deleteFiles) {
        runLarge(ids.size(), [&] { m_runner->remove(ids, deleteFiles); });
    });
}

void MainWindowActions::clearFinished()
{
    const QStringList finished =
        m_window.model()->idsWithStatus({DownloadStatus::Completed, DownloadStatus::Cancelled});
    const QStringList failed = m_window.model()->idsWithStatus({DownloadStatus::Failed});
    if (finished.isEmpty() && failed.isEmpty())
    {
        m_window.showReport(tr("There are no finished downloads to clear."), false);
        return;
    }
    Confirmation question;
    question.objectName = u"clearFinishedConfirmation"_s;
    question.title = tr("Clear Finished Downloads");
    question.text = tr("Remove %Ln finished download(s) (completed or cancelled) from the list?", "",
                       int(finished.size()));
    question.details = tr("Their downloaded files stay in the download folder.");
    question.acceptText = tr("Clear");
    if (!failed.isEmpty())
        question.checkBoxText = tr("Also remove the %Ln failed download(s)", "", int(failed.size()));
    question.checked = finished.isEmpty();
    question.ask(&m_window, [this, finished, failed](bool withFailed) {
        const QStringList ids = withFailed ? finished + failed : finished;
        runLarge(ids.size(), [&] { m_runner->remove(ids, false); });
    });
}

void MainWindowActions::clearPartialFiles()
{
    const qint64 failed = m_service.stats().failed;
    if (failed == 0)
    {
        m_window.showReport(tr("There are no failed downloads."), false);
        return;
    }
    Confirmation question;
    question.objectName = u"clearPartialFilesConfirmation"_s;
    question.title = tr("Clear Partial Files");
    question.text = tr("Delete the partial files of %Ln failed download(s)?", "", int(failed));
    question.details = tr("The downloads stay in the list; a retry then starts from the beginning.");
    question.acceptText = tr("Delete");
    question.ask(&m_window, [this](bool) {
        const Result<FreedSpace> freed = m_runner->clearPartialFiles();
        if (!freed)
            m_window.showError(tr("Partial Files Not Deleted"), freed.error().message);
        else
            m_window.showReport(tr("Deleted %Ln partial file(s), %1 freed.", "", freed->files)
                                    .arg(Format::size(freed->bytes)),
                                false);
    });
}

void MainWindowActions::openFolders()
{
    openFoldersOf(selectedIds());
}

void MainWindowActions::openFoldersOf(const QStringList &ids)
{
    if (ids.isEmpty())
        return;
    if (const QStringList failed = m_runner->openContainingFolders(ids); !failed.isEmpty())
        m_window.showError(tr("Could Not Open the Folder"),
                           tr("The file manager could not open %1.").arg(failed.join(u", "_s)));
}

void MainWindowActions::pauseAll()
{
    m_runner->pauseAll();
    m_window.showReport(tr("The queue is paused: running downloads stopped and keep their partial files."),
                        false);
}

void MainWindowActions::resumeAll()
{
    m_runner->resumeAll();
    m_window.showReport(tr("The queue is running again."), false);
}

void MainWindowActions::showSettings()
{
    auto *dialog = new SettingsDialog(m_store, m_service, m_window.trayIcon()->isVisible(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindowActions::showGettingStarted()
{
    auto *dialog = new GettingStartedDialog(m_store.current().downloadDirectory(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindowActions::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window.findChildren<QAction *>(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindowActions::showAbout()
{
    auto *dialog = new AboutDialog(&m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace SoulSpot::Gui
