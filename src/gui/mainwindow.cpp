// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's construction, layout and remembered state; its actions are in
// mainwindowactions.cpp.
#include "mainwindow.h"

#include "downloadcontroller.h"
#include "downloadfilterproxymodel.h"
#include "downloadtablemodel.h"
#include "formatting.h"
#include "icons.h"
#include "progressdelegate.h"
#include "service/downloadservice.h"
#include "settingsstore.h"
#include "statusfilterlist.h"
#include "trayicon.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {

const QString GeometryKey = u"gui/window/geometry"_s;
const QString WindowStateKey = u"gui/window/state"_s;
const QString HeaderKey = u"gui/window/header"_s;
const QString SplitterKey = u"gui/window/splitter"_s;
const QString SortColumnKey = u"gui/window/sort_column"_s;
const QString SortOrderKey = u"gui/window/sort_order"_s;
const QString StatusFilterKey = u"gui/window/status_filter"_s;

} // namespace

MainWindow::MainWindow(DownloadService &service, SettingsStore &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_settings(settings)
    , m_controller(new DownloadController(service, this))
    , m_model(new DownloadTableModel(service, DownloadTableModel::Loading::InBackground, this))
    , m_proxy(new DownloadFilterProxyModel(this))
    , m_actionTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("SoulSpot Bridge"));
    setWindowIcon(Icons::application());
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_actionTimer->setSingleShot(true);
    m_actionTimer->setInterval(50);
    connect(m_actionTimer, &QTimer::timeout, this, &MainWindow::updateActions);

    createActions();
    createMenus();
    createToolBar();
    createCentralWidget();
    createStatusBar();
    m_tray = new TrayIcon(this, m_pauseAllAction, m_resumeAllAction, m_quitAction, this);
    connectService();
    restoreWindowState();
    if (m_model->isLoading())
    {
        statusBar()->showMessage(tr("Loading the download list…"));
        connect(m_model, &DownloadTableModel::loadingFinished, statusBar(), &QStatusBar::clearMessage);
    }
    // A damaged database: the list shown is not the whole queue, and the user must know why.
    connect(m_model, &DownloadTableModel::loadFailed, this, &MainWindow::showLoadError);
    if (!m_model->loadError().isEmpty())
        showLoadError(m_model->loadError());
    showStats(m_service.stats());
    updateActions();
    updateEmptyHint();
    // Start in the table: Ctrl+V then adds links instead of pasting them into the search box.
    m_view->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::makeAction(const QString &objectName, const QString &icon, const QString &text,
                                const QKeySequence &shortcut, void (MainWindow::*slot)())
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
    connect(action, &QAction::triggered, this, slot);
    addAction(action); // shortcuts work even when the toolbar is hidden
    return action;
}

void MainWindow::createActions()
{
    m_addAction = makeAction(u"addAction"_s, u"add"_s, tr("&Add Downloads…"), QKeySequence::New,
                             &MainWindow::showAddDialog);
    m_importAction = makeAction(u"importAction"_s, u"import"_s, tr("&Import List…"), QKeySequence::Open,
                                &MainWindow::showImportDialog);
    m_pasteAction = makeAction(u"pasteAction"_s, u"paste"_s, tr("&Paste Links"), QKeySequence::Paste,
                               &MainWindow::pasteFromClipboard);
    m_quitAction =
        makeAction(u"quitAction"_s, u"quit"_s, tr("&Quit"), QKeySequence::Quit, &MainWindow::requestQuit);
    m_resumeAction = makeAction(u"resumeAction"_s, u"resume"_s, tr("&Resume"),
                                QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::resumeSelected);
    m_pauseAction = makeAction(u"pauseAction"_s, u"pause"_s, tr("P&ause"), QKeySequence(Qt::CTRL | Qt::Key_P),
                               &MainWindow::pauseSelected);
    m_cancelAction = makeAction(u"cancelAction"_s, u"cancel"_s, tr("&Cancel Download"),
                                QKeySequence(Qt::Key_Delete), &MainWindow::cancelSelected);
    m_retryAction = makeAction(u"retryAction"_s, u"retry"_s, tr("Re&try"), QKeySequence(Qt::CTRL | Qt::Key_T),
                               &MainWindow::retrySelected);
    m_openFolderAction = makeAction(u"openFolderAction"_s, u"folder"_s, tr("Open Containing &Folder"),
                                    QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::openFolders);
    m_pauseAllAction = makeAction(u"pauseAllAction"_s, u"pause-all"_s, tr("Pause A&ll"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &MainWindow::pauseAll);
    m_resumeAllAction = makeAction(u"resumeAllAction"_s, u"resume-all"_s, tr("Resume All"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::resumeAll);
    m_settingsAction = makeAction(u"settingsAction"_s, u"settings"_s, tr("&Settings…"),
                                  QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::showSettings);
    m_aboutAction =
        makeAction(u"aboutAction"_s, {}, tr("&About SoulSpot Bridge"), {}, &MainWindow::showAbout);
    m_findAction = makeAction(u"findAction"_s, {}, tr("&Find"), QKeySequence::Find, &MainWindow::focusSearch);
    // Short labels for the toolbar; menus show the full text.
    m_addAction->setIconText(tr("Add"));
    m_resumeAction->setIconText(tr("Resume"));
    m_pauseAction->setIconText(tr("Pause"));
    m_cancelAction->setIconText(tr("Cancel"));
    m_retryAction->setIconText(tr("Retry"));
    m_selectAllAction = new QAction(tr("Select &All"), this);
    m_selectAllAction->setObjectName(u"selectAllAction"_s);
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    const std::array<QString, 3> priorityTexts{tr("P0 (&Highest)"), tr("P1 (&Normal)"), tr("P2 (&Low)")};
    for (int priority = 0; priority < 3; ++priority)
    {
        auto *action =
            new QAction(Icons::named(u"priority-%1"_s.arg(priority)), priorityTexts[size_t(priority)], this);
        action->setObjectName(u"priority%1Action"_s.arg(priority));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + priority)));
        connect(action, &QAction::triggered, this,
                [this, priority] { applyToSelection(DownloadAction::SetPriority, priority); });
        addAction(action);
        m_priorityActions.append(action);
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_addAction, m_importAction, m_pasteAction});
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_selectAllAction, m_findAction});

    QMenu *downloads = menuBar()->addMenu(tr("&Downloads"));
    downloads->addActions({m_resumeAction, m_pauseAction, m_cancelAction, m_retryAction});
    QMenu *priority = downloads->addMenu(Icons::named(u"priority"_s), tr("Set &Priority"));
    priority->setObjectName(u"priorityMenu"_s);
    priority->addActions(m_priorityActions);
    downloads->addSeparator();
    downloads->addAction(m_openFolderAction);
    downloads->addSeparator();
    downloads->addActions({m_resumeAllAction, m_pauseAllAction});

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(m_settingsAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    bar->setIconSize(QSize(22, 22));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_addAction);
    bar->addSeparator();
    bar->addActions({m_resumeAction, m_pauseAction, m_cancelAction, m_retryAction});

    auto *priorityButton = new QToolButton(bar);
    priorityButton->setObjectName(u"priorityButton"_s);
    priorityButton->setText(tr("Priority"));
    priorityButton->setToolTip(tr("Set the priority of the selected downloads"));
    priorityButton->setIcon(Icons::named(u"priority"_s));
    priorityButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    priorityButton->setPopupMode(QToolButton::InstantPopup);
    auto *priorityMenu = new QMenu(priorityButton);
    priorityMenu->addActions(m_priorityActions);
    priorityButton->setMenu(priorityMenu);
    bar->addWidget(priorityButton);
    bar->addSeparator();
    bar->addActions({m_resumeAllAction, m_pauseAllAction});

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"searchBox"_s);
    m_search->setPlaceholderText(tr("Search downloads…"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::named(u"search"_s), QLineEdit::LeadingPosition);
    m_search->setMaximumWidth(280);
    m_search->setMinimumWidth(180);
    bar->addWidget(m_search);
    auto *settingsButton = new QToolButton(bar);
    settingsButton->setObjectName(u"settingsButton"_s);
    settingsButton->setDefaultAction(m_settingsAction);
    settingsButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addWidget(settingsButton);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &DownloadFilterProxyModel::setSearchText);
}

void MainWindow::createCentralWidget()
{
    m_filters = new StatusFilterList(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"downloadTable"_s);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new ProgressDelegate(DownloadTableModel::ProgressColumn, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSortIndicator(-1, Qt::AscendingOrder); // the queue order until the user sorts
    m_view->setSortingEnabled(true);
    m_view->addAction(m_selectAllAction);
    connect(m_selectAllAction, &QAction::triggered, m_view, &QTableView::selectAll);
    applyDefaultColumnWidths();

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_filters);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({m_filters->sizeHint().width(), 1000});
    setCentralWidget(m_splitter);

    connect(m_filters, &StatusFilterList::statusChosen, m_proxy, &DownloadFilterProxyModel::setStatusFilter);
    connect(m_view, &QTableView::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (DownloadStatus(index.data(DownloadTableModel::StatusRole).toInt()) == DownloadStatus::Completed)
            openFolders();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::scheduleActionUpdate);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &MainWindow::scheduleActionUpdate);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::scheduleActionUpdate);

    m_emptyHint = new QLabel(m_view->viewport());
    m_emptyHint->setObjectName(u"emptyHint"_s);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false); // drawn in the theme's grey
    m_view->viewport()->installEventFilter(this);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyHint);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyHint);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyHint);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyHint);
}

void MainWindow::updateEmptyHint()
{
    const bool empty = m_proxy->rowCount() == 0;
    m_emptyHint->setVisible(empty);
    if (!empty)
        return;
    const bool filtered = m_proxy->statusFilter() || !m_proxy->searchText().isEmpty();
    m_emptyHint->setText(
        filtered ? tr("No download matches the filter.")
                 : tr("No downloads yet.\n\nAdd links with Ctrl+N, paste them with Ctrl+V, or drop "
                      "links and playlists (.m3u, .m3u8, .txt, .csv) here."));
    m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::applyDefaultColumnWidths()
{
    // Wide enough for typical values in the current language and font, so nothing is elided.
    const QFontMetrics metrics = m_view->fontMetrics();
    auto fit = [&metrics](const QStringList &samples, int extra) {
        int widest = 0;
        for (const QString &sample : samples)
            widest = qMax(widest, metrics.horizontalAdvance(sample));
        return widest + extra;
    };
    auto header = [this](int column) { return m_model->headerData(column, Qt::Horizontal).toString(); };
    QStringList statuses;
    for (DownloadStatus status : allDownloadStatuses)
        statuses.append(Format::statusName(status));
    using M = DownloadTableModel;
    m_view->setColumnWidth(M::StatusColumn, fit(statuses, 40));
    m_view->setColumnWidth(M::PriorityColumn, fit({header(M::PriorityColumn)}, 24));
    m_view->setColumnWidth(M::ProgressColumn, fit({u"100.0 %"_s}, 56));
    m_view->setColumnWidth(M::SizeColumn, fit({Format::size(999'900'000), header(M::SizeColumn)}, 20));
    m_view->setColumnWidth(M::SpeedColumn, fit({Format::speed(999'900), header(M::SpeedColumn)}, 20));
    m_view->setColumnWidth(M::EtaColumn, fit({Format::duration(3599), header(M::EtaColumn)}, 20));
    m_view->setColumnWidth(M::AddedColumn,
                           fit({Format::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58)))}, 20));
    m_view->setColumnWidth(M::NameColumn, metrics.averageCharWidth() * 32);
    m_view->setColumnWidth(M::ErrorColumn, metrics.averageCharWidth() * 12); // the last one stretches
}

void MainWindow::createStatusBar()
{
    m_countersLabel = new QLabel(this);
    m_countersLabel->setObjectName(u"countersLabel"_s);
    m_speedLabel = new QLabel(this);
    m_speedLabel->setObjectName(u"speedLabel"_s);
    m_queueLabel = new QLabel(this);
    m_queueLabel->setObjectName(u"queueLabel"_s);
    statusBar()->addPermanentWidget(m_countersLabel);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_queueLabel);
}

void MainWindow::connectService()
{
    // A batch of thousands changes the counters thousands of times: show them once per turn.
    auto *statsTimer = new QTimer(this);
    statsTimer->setSingleShot(true);
    statsTimer->setInterval(0);
    connect(statsTimer, &QTimer::timeout, this, [this] { showStats(m_service.stats()); });
    connect(&m_service, &DownloadService::statsChanged, statsTimer, qOverload<>(&QTimer::start));
    connect(&m_service, &DownloadService::queuePausedChanged, this, [this] { showStats(m_service.stats()); });
    connect(&m_service, &DownloadService::downloadFinished, this, &MainWindow::notifyFinished);
    connect(m_controller, &DownloadController::actionReported, this,
            [this](const ActionReport &report) { showReport(report.summary(), report.failed() > 0); });
    // The total speed changes without a status change: refresh it with the table.
    auto *speedTimer = new QTimer(this);
    speedTimer->setInterval(1000);
    connect(speedTimer, &QTimer::timeout, this, [this] {
        if (m_service.stats().activeDownloads > 0 || !m_speedLabel->text().isEmpty())
            showStats(m_service.stats());
    });
    speedTimer->start();
}

void MainWindow::showStats(const QueueStats &stats)
{
    const QLocale locale;
    m_filters->setStats(stats);
    m_tray->setStats(stats);
    m_countersLabel->setText(tr("%1 downloading · %2 queued · %3 paused · %4 completed · %5 failed")
                                 .arg(locale.toString(stats.activeDownloads),
                                      locale.toString(stats.queuedDownloads),
                                      locale.toString(stats.pausedDownloads),
                                      locale.toString(stats.completed), locale.toString(stats.failed)));
    m_speedLabel->setText(stats.activeDownloads > 0
                              ? tr("↓ %1").arg(Format::speed(stats.totalSpeedBytesPerSecond))
                              : QString());
    m_speedLabel->setVisible(stats.activeDownloads > 0);
    // The speed in the title too: it shows in the task bar while the window is in the background.
    setWindowTitle(stats.activeDownloads > 0
                       ? tr("%1 - SoulSpot Bridge").arg(Format::speed(stats.totalSpeedBytesPerSecond))
                       : tr("SoulSpot Bridge"));
    m_queueLabel->setText(stats.paused
                              ? tr("Queue paused")
                              : tr("Queue running, up to %1 at once").arg(stats.maxConcurrentDownloads));
    m_queueLabel->setStyleSheet(stats.paused ? u"QLabel { color: #b35c00; font-weight: bold; }"_s
                                             : QString());
    // Only the one that applies is shown: the toolbar stays short in every language.
    m_pauseAllAction->setEnabled(!stats.paused);
    m_pauseAllAction->setVisible(!stats.paused);
    m_resumeAllAction->setEnabled(stats.paused);
    m_resumeAllAction->setVisible(stats.paused);
}

void MainWindow::saveWindowState()
{
    QSettings &saved = m_settings.saved();
    saved.setValue(GeometryKey, saveGeometry());
    saved.setValue(WindowStateKey, saveState());
    saved.setValue(HeaderKey, m_view->horizontalHeader()->saveState());
    saved.setValue(SplitterKey, m_splitter->saveState());
    saved.setValue(SortColumnKey, m_view->horizontalHeader()->sortIndicatorSection());
    saved.setValue(SortOrderKey, int(m_view->horizontalHeader()->sortIndicatorOrder()));
    const std::optional<DownloadStatus> status = m_filters->currentStatus();
    saved.setValue(StatusFilterKey, status ? toString(*status) : u"all"_s);
    saved.sync();
}

void MainWindow::restoreWindowState()
{
    QSettings &saved = m_settings.saved();
    if (!restoreGeometry(saved.value(GeometryKey).toByteArray()))
        resize(1180, 680);
    restoreState(saved.value(WindowStateKey).toByteArray());
    m_view->horizontalHeader()->restoreState(saved.value(HeaderKey).toByteArray());
    m_splitter->restoreState(saved.value(SplitterKey).toByteArray());
    if (saved.contains(SortColumnKey))
    {
        const int column = saved.value(SortColumnKey).toInt();
        const auto order = Qt::SortOrder(saved.value(SortOrderKey).toInt());
        if (column >= 0 && column < DownloadTableModel::ColumnCount)
            m_view->sortByColumn(column,
                                 order == Qt::DescendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    m_filters->setCurrentStatus(downloadStatusFromString(saved.value(StatusFilterKey).toString()));
}

void MainWindow::showHeaderMenu(const QPoint &position)
{
    QMenu menu(this);
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < DownloadTableModel::ColumnCount; ++column)
    {
        QAction *toggle = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        toggle->setEnabled(column != DownloadTableModel::NameColumn);
        connect(toggle, &QAction::toggled, header,
                [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
    menu.exec(header->mapToGlobal(position));
}

} // namespace SoulSpot::Gui
