// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "columnwidths.h"
#include "downloadadder.h"
#include "downloadcommandrunner.h"
#include "downloaddetailspanel.h"
#include "downloadfilterproxymodel.h"
#include "downloadtablemodel.h"
#include "elidedlabel.h"
#include "formatting.h"
#include "icons.h"
#include "mainwindowactions.h"
#include "mimeimport.h"
#include "progressdelegate.h"
#include "quitconfirmation.h"
#include "service/downloadservice.h"
#include "settingsstore.h"
#include "statusfilterlist.h"
#include "toolbarfitter.h"
#include "trayicon.h"

#include <QAbstractButton>
#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QShortcut>
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
// How many columns the saved header knew: columns added since then start hidden.
const QString HeaderColumnsKey = u"gui/window/header_columns"_s;
const QString SplitterKey = u"gui/window/splitter"_s;
const QString SortColumnKey = u"gui/window/sort_column"_s;
const QString SortOrderKey = u"gui/window/sort_order"_s;
const QString StatusFilterKey = u"gui/window/status_filter"_s;
constexpr int ReportTimeoutMs = 10000;

} // namespace

MainWindow::MainWindow(DownloadService &service, SettingsStore &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_settings(settings)
    , m_model(new DownloadTableModel(service, DownloadTableModel::Loading::InBackground, this))
    , m_proxy(new DownloadFilterProxyModel(this))
    , m_quitConfirmation(std::make_unique<QuitConfirmation>(settings))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("SoulSpot Bridge"));
    setWindowIcon(Icons::application());
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);

    createCentralWidget();
    createDetailsDock();
    m_actions = new MainWindowActions(*this, service, settings);
    m_actions->fillMenuBar(menuBar(), m_detailsDock->toggleViewAction());
    connect(m_details, &DownloadDetailsPanel::openFolderRequested, m_actions,
            [this](const QString &id) { m_actions->openFoldersOf({id}); });
    createToolBar();
    createStatusBar();
    m_tray = new TrayIcon(this, m_actions->pauseAllAction(), m_actions->resumeAllAction(),
                          m_actions->quitAction(), this);
    connectService();
    restoreWindowState();
    if (m_model->isLoading())
    {
        showStatusMessage(tr("Loading the download list…"));
        connect(m_model, &DownloadTableModel::loadingFinished, this, [this] { showStatusMessage({}); });
    }
    // A damaged database: the list shown is not the whole queue, and the user must know why.
    connect(m_model, &DownloadTableModel::loadFailed, this, &MainWindow::showLoadError);
    if (!m_model->loadError().isEmpty())
        showLoadError(m_model->loadError());
    showStats(m_service.stats());
    updateEmptyHint();
    // Start in the table: Ctrl+V then adds links instead of pasting them into the search box.
    m_view->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    bar->setIconSize(QSize(22, 22));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actions->fillToolBar(bar);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"searchBox"_s);
    m_search->setPlaceholderText(tr("Search downloads…"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::named(u"search"_s), QLineEdit::LeadingPosition);
    // The placeholder whole in every language, beside the icon and the clear button.
    const int placeholderWidth = m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) +
                                 2 * m_search->fontMetrics().height() + 24;
    m_search->setMinimumWidth(qMax(180, placeholderWidth));
    m_search->setMaximumWidth(qMax(280, placeholderWidth));
    bar->addWidget(m_search);
    auto *settingsButton = new QToolButton(bar);
    settingsButton->setObjectName(u"settingsButton"_s);
    settingsButton->setDefaultAction(m_actions->settingsAction());
    settingsButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addWidget(settingsButton);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &DownloadFilterProxyModel::setSearchText);
    auto *clearSearch =
        new QShortcut(QKeySequence(Qt::Key_Escape), m_search, nullptr, nullptr, Qt::WidgetShortcut);
    connect(clearSearch, &QShortcut::activated, m_search, &QLineEdit::clear);
    new ToolBarFitter(bar); // the settings button stays on the bar in a narrow window
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
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    keepNameStretched();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSortIndicator(-1, Qt::AscendingOrder); // the queue order until the user sorts
    m_view->setSortingEnabled(true);
    ColumnWidths::applyDefaults(*m_view);
    hideNoisyColumns(0);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_filters);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({m_filters->sizeHint().width(), 1000});
    setCentralWidget(m_splitter);

    connect(m_filters, &StatusFilterList::statusChosen, m_proxy, &DownloadFilterProxyModel::setStatusFilter);
    connect(header, &QHeaderView::customContextMenuRequested, this, &MainWindow::showHeaderMenu);

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

// Below the table, hidden until asked for; QMainWindow's saved state remembers whether it is
// shown and its height (WindowStateKey).
void MainWindow::createDetailsDock()
{
    m_details = new DownloadDetailsPanel(m_service, this);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setAllowedAreas(Qt::BottomDockWidgetArea);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable);
    m_detailsDock->toggleViewAction()->setObjectName(u"detailsAction"_s);
    addDockWidget(Qt::BottomDockWidgetArea, m_detailsDock);
    m_detailsDock->hide();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, m_details,
            [this](const QModelIndex &current) {
                m_details->setDownload(current.data(DownloadTableModel::IdRole).toString());
            });
}

void MainWindow::showDetails()
{
    m_details->setDownload(m_view->currentIndex().data(DownloadTableModel::IdRole).toString());
    m_detailsDock->show();
    m_detailsDock->raise();
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

// The columns most users need not see, from `firstNew` on (those a saved header did not know):
// hidden until shown from the header's menu. A new "#" goes to the front.
void MainWindow::hideNoisyColumns(int firstNew)
{
    // "#" comes last in the model (older saved headers stay valid) but is shown first, as in
    // qBittorrent, once: where the user puts it afterwards is kept.
    if (DownloadTableModel::PlaceColumn >= firstNew)
    {
        QHeaderView *header = m_view->horizontalHeader();
        header->moveSection(header->visualIndex(DownloadTableModel::PlaceColumn), 0);
    }
    // Connections: for those who want to see segmented downloads at work.
    for (int column : {DownloadTableModel::ConnectionsColumn, DownloadTableModel::SourceColumn,
                       DownloadTableModel::PathColumn, DownloadTableModel::DownloadedColumn,
                       DownloadTableModel::CompletedColumn, DownloadTableModel::WorkerColumn})
    {
        if (column >= firstNew)
            m_view->horizontalHeader()->setSectionHidden(column, true);
    }
}

// Name takes the spare width of a wide or maximized window, not whichever column is last; the
// others keep the widths the user gave them.
void MainWindow::keepNameStretched()
{
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(DownloadTableModel::NameColumn, QHeaderView::Stretch);
}

void MainWindow::createStatusBar()
{
    // The message takes what the counters leave, with a gap before them.
    m_messageLabel = new ElidedLabel(this);
    m_messageLabel->setObjectName(u"messageLabel"_s);
    m_messageLabel->setContentsMargins(0, 0, 2 * fontMetrics().averageCharWidth(), 0);
    statusBar()->addWidget(m_messageLabel, 1);
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, this, [this] { m_messageLabel->setFullText({}); });
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
    connect(&m_service, &DownloadService::queuePausedForFolder, this, &MainWindow::showFolderProblem);
    connect(&m_service, &DownloadService::queuePausedChanged, this, &MainWindow::showQueueResumed);
    connect(m_actions->commandRunner(), &DownloadCommandRunner::actionReported, this,
            [this](const ActionReport &report) { showReport(report.summary(), report.hasErrors()); });
    connect(m_actions->adder(), &DownloadAdder::added, this,
            [this](const QString &summary) { showReport(summary, false); });
    connect(m_actions->adder(), &DownloadAdder::refused, this,
            [this](const QString &reason) { showError(tr("Cannot Add Downloads"), reason); });
    // The total speed changes without a status change: refresh it with the table.
    auto *speedTimer = new QTimer(this);
    speedTimer->setInterval(1000);
    connect(speedTimer, &QTimer::timeout, this, [this] {
        if (m_service.stats().activeDownloads > 0 || !m_speedLabel->text().isEmpty())
            showStats(m_service.stats());
    });
    speedTimer->start();
}

// The total speed while downloading, and the limit when there is one.
QString MainWindow::speedText(const QueueStats &stats)
{
    const QString limit = Format::speed(qint64(stats.speedLimitKib) * 1024);
    if (stats.activeDownloads > 0)
    {
        const QString speed = Format::speed(stats.totalSpeedBytesPerSecond);
        return stats.speedLimitKib > 0 ? tr("↓ %1 (limit %2)").arg(speed, limit) : tr("↓ %1").arg(speed);
    }
    return stats.speedLimitKib > 0 ? tr("Speed limit %1").arg(limit) : QString();
}

void MainWindow::showStats(const QueueStats &stats)
{
    m_filters->setStats(stats);
    m_tray->setStats(stats);
    m_countersLabel->setText(tr("%1 downloading · %2 queued · %3 paused · %4 completed · %5 failed")
                                 .arg(Format::count(stats.activeDownloads),
                                      Format::count(stats.queuedDownloads),
                                      Format::count(stats.pausedDownloads), Format::count(stats.completed),
                                      Format::count(stats.failed)));
    m_speedLabel->setText(speedText(stats));
    m_speedLabel->setVisible(!m_speedLabel->text().isEmpty());
    // The speed in the title too: it shows in the task bar while the window is in the background.
    setWindowTitle(stats.activeDownloads > 0
                       ? tr("%1 - SoulSpot Bridge").arg(Format::speed(stats.totalSpeedBytesPerSecond))
                       : tr("SoulSpot Bridge"));
    m_queueLabel->setText(
        stats.paused
            ? tr("Queue paused")
            : tr("Queue running, up to %1 at once").arg(Format::count(stats.maxConcurrentDownloads)));
    m_queueLabel->setStyleSheet(stats.paused ? u"QLabel { color: #b35c00; font-weight: bold; }"_s
                                             : QString());
}

void MainWindow::saveWindowState()
{
    QSettings &saved = m_settings.saved();
    saved.setValue(GeometryKey, saveGeometry());
    saved.setValue(WindowStateKey, saveState());
    saved.setValue(HeaderKey, m_view->horizontalHeader()->saveState());
    saved.setValue(HeaderColumnsKey, int(DownloadTableModel::ColumnCount));
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
    if (saved.contains(HeaderKey))
        hideNoisyColumns(saved.value(HeaderColumnsKey, 9).toInt()); // 9: before the key existed
    keepNameStretched(); // a state saved by an older version stretched the last column
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
    // Widths saved in another language may be too narrow for this one's texts.
    ColumnWidths::fitTexts(*m_view);
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
        connect(toggle, &QAction::toggled, header, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            ColumnWidths::fitTexts(*m_view); // its saved width may be another language's
        });
    }
    menu.exec(header->mapToGlobal(position));
}

void MainWindow::showReport(const QString &summary, bool failed)
{
    showStatusMessage(summary, ReportTimeoutMs);
    if (failed)
        showError(tr("Some Downloads Were Not Changed"), summary);
}

void MainWindow::showLoadError(const QString &message)
{
    showError(tr("The Download List Could Not Be Read"), message);
}

void MainWindow::showStatusMessage(const QString &text, int timeoutMs)
{
    m_messageLabel->setFullText(text);
    if (timeoutMs > 0)
        m_messageTimer->start(timeoutMs);
    else
        m_messageTimer->stop();
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
        m_tray->notify(tr("Download failed"), name + u"\n"_s + Format::error(download.error), true);
}

// Said once per pause, in the status bar until the queue runs again, and in the tray: whatever
// the notification setting, as nothing downloads until it is dealt with.
void MainWindow::showFolderProblem(const QString &folder, const QString &reason)
{
    m_folderMessage = tr("Downloads paused: the folder %1 cannot be written (%2). They continue when it "
                         "works again, or choose another folder in Settings.")
                          .arg(QDir::toNativeSeparators(folder), reason);
    showStatusMessage(m_folderMessage);
    m_tray->notify(tr("Downloads Paused"), m_folderMessage, true);
}

void MainWindow::showQueueResumed(bool paused)
{
    if (paused || m_folderMessage.isEmpty())
        return;
    if (m_messageLabel->fullText() == m_folderMessage)
        showStatusMessage({});
    m_folderMessage.clear();
}

void MainWindow::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool MainWindow::requestQuit()
{
    return m_quitConfirmation->ask(this, m_service.stats().activeDownloads, [this] {
        m_quitting = true;
        saveWindowState();
        Q_EMIT quitRequested();
    });
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
    if (requestQuit())
        event->accept();
    else
        event->ignore();
}

void MainWindow::openFromOutside(const QList<QUrl> &urls)
{
    // Keeps a maximized window maximized; the window manager may still refuse to take the focus.
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
    if (!urls.isEmpty())
        m_actions->adder()->addUrls(urls);
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
    m_actions->adder()->addFrom(event->mimeData());
}

} // namespace SoulSpot::Gui
