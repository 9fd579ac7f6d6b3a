// SPDX-License-Identifier: GPL-3.0-or-later
// The real main window offscreen: actions on one and on several rows change the database
// through the service, shortcuts, queue pause, drops and pastes of links and playlists, and the
// window's remembered state.
#include "gui/aboutdialog.h"
#include "gui/adddownloadsdialog.h"
#include "gui/downloadcommandrunner.h"
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/formatting.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/importconfirmdialog.h"
#include "gui/mainwindow.h"
#include "gui/mainwindowactions.h"
#include "gui/settingsstore.h"
#include "gui/statusfilterlist.h"
#include "gui/trayicon.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

Q_DECLARE_METATYPE(SoulSpot::Gui::ActionReport)

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void singleSelectionActionsChangeTheDatabase();
    void multiSelectionIsOneBatchWithSummary();
    void actionsAreOfferedByState();
    void priorityMenuMarksTheSelectionsPriority();
    void statusMessageNeverRunsIntoTheCounters();
    void numbersAndUnitsAreFormattedOneWay();
    void shortcutsAndContextActions();
    void pauseAllAndResumeAll();
    void dropOfLinksCreatesBatch();
    void dropOfPlaylistFileUsesChosenPriority();
    void badDropsChangeNothing();
    void droppedListIsReadOffTheMainThread();
    void closingWhileAListIsReadAddsNothing();
    void pasteOfOneLinkAddsItWithP1();
    void openFolderUsesTheDownloadFolder();
    void windowStateIsRemembered();
    void closingWithoutTrayQuitsAndSaves();
    void addDialogTakesTheClipboardAndChecksLines();
    void contextMenuActsOnTheSelection();
    void emptyTableExplainsWhatToDo();
    void trayToolTipHasTheCounters();
    void speedLimitShowsInStatusBarAndTray();
    void aboutBoxNamesTheVersion();

private:
    QAction *action(const QString &name) const;
    void select(const QStringList &ids) const;
    ImportConfirmDialog *waitForConfirm() const;
    void dropOn(const QMimeData &mime) const;
    // Writes a list file in the test's folder and drops it on the window.
    void dropListFile(const QString &name, const QByteArray &content) const;

    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    QList<QUrl> m_openedFolders;
};

void TestMainWindow::initTestCase()
{
    installTranslations(u"en"_s); // the plural forms
}

void TestMainWindow::init()
{
    qRegisterMetaType<ActionReport>();
    m_engine = std::make_unique<GuiEngine>();
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_openedFolders.clear();
    m_window->actions()->commandRunner()->setFolderOpener([this](const QUrl &url) {
        m_openedFolders.append(url);
        return true;
    });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
}

QAction *TestMainWindow::action(const QString &name) const
{
    auto *found = m_window->findChild<QAction *>(name);
    if (!found)
        qFatal("no action %s", qPrintable(name));
    return found;
}

void TestMainWindow::select(const QStringList &ids) const
{
    QTableView *view = m_window->view();
    view->clearSelection();
    for (const QString &id : ids)
    {
        const QModelIndex source = m_window->model()->index(m_window->model()->rowOf(id), 0);
        const QModelIndex shown = m_window->proxy()->mapFromSource(source);
        view->selectionModel()->select(shown, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCoreApplication::processEvents();
    m_window->actions()->updateEnabled(); // otherwise a moment later: not timed here
}

ImportConfirmDialog *TestMainWindow::waitForConfirm() const
{
    ImportConfirmDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<ImportConfirmDialog *>(u"importConfirmDialog"_s)); },
        5000);
    if (!shown)
        qFatal("no confirmation dialog");
    return dialog;
}

void TestMainWindow::dropOn(const QMimeData &mime) const
{
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
}

void TestMainWindow::dropListFile(const QString &name, const QByteArray &content) const
{
    const QString path = m_engine->path(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    dropOn(mime);
}

void TestMainWindow::singleSelectionActionsChangeTheDatabase()
{
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    select({ids.at(0)});
    QCOMPARE(m_window->actions()->selectedIds(), QStringList{ids.at(0)});

    action(u"pauseAction"_s)->trigger();
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Paused));
    QCOMPARE(m_engine->statusOf(ids.at(1)), toString(DownloadStatus::Queued));
    action(u"resumeAction"_s)->trigger();
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Queued));
    action(u"priority0Action"_s)->trigger();
    QCOMPARE(m_engine->priorityOf(ids.at(0)), 0);
    QCOMPARE(m_engine->priorityOf(ids.at(1)), 2);
    action(u"cancelAction"_s)->trigger();
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Cancelled));
    action(u"retryAction"_s)->trigger();
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Queued));
    // The table shows it without being asked.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->model()
            ->index(m_window->model()->rowOf(ids.at(0)), DownloadTableModel::PriorityColumn)
            .data()
            .toString(),
        u"High"_s, 3000);
}

void TestMainWindow::multiSelectionIsOneBatchWithSummary()
{
    QList<TrackInput> tracks;
    for (int i = 0; i < 5; ++i)
        tracks.append(GuiEngine::track(u"Band"_s, u"Song %1"_s.arg(i)));
    const QStringList ids = m_engine->add(tracks);
    QSignalSpy reports(m_window->actions()->commandRunner(), &DownloadCommandRunner::actionReported);

    select(ids.mid(0, 3));
    action(u"pauseAction"_s)->trigger();
    QCOMPARE(reports.count(), 1);
    auto report = reports.takeFirst().at(0).value<ActionReport>();
    QCOMPARE(report.requested, 3);
    QCOMPARE(report.succeeded, 3);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_engine->statusOf(ids.at(i)),
                 i < 3 ? toString(DownloadStatus::Paused) : toString(DownloadStatus::Queued));

    select(ids.mid(3, 2));
    action(u"cancelAction"_s)->trigger();
    reports.clear();

    // Retry works for the two cancelled ones only; the summary says why not for the others.
    select(ids);
    action(u"retryAction"_s)->trigger();
    QCOMPARE(reports.count(), 1);
    report = reports.takeFirst().at(0).value<ActionReport>();
    QCOMPARE(report.requested, 5);
    QCOMPARE(report.succeeded, 2);
    QCOMPARE(report.failed(), 3);
    QCOMPARE(report.skipped.size(), 1);
    QCOMPARE(report.skipped.first().second, 3);
    QVERIFY(!report.hasErrors());
    QCOMPARE(report.summary(), u"Queued 2 of 5 downloads again. Skipped: not possible while Paused (3)."_s);
    QCOMPARE(m_engine->statusOf(ids.at(3)), toString(DownloadStatus::Queued));
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Paused));

    // What was skipped is said in the status bar, qBittorrent's way: no dialog for it.
    QCOMPARE(m_window->findChild<QLabel *>(u"messageLabel"_s)->toolTip(), report.summary());
    QCOMPARE(m_window->findChild<QMessageBox *>(u"errorBox"_s), nullptr);

    select(ids);
    action(u"priority1Action"_s)->trigger();
    for (const QString &id : ids)
        QCOMPARE(m_engine->priorityOf(id), 1);
}

void TestMainWindow::actionsAreOfferedByState()
{
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    select({});
    QVERIFY(!action(u"pauseAction"_s)->isEnabled());
    select({ids.at(0)});
    QVERIFY(action(u"pauseAction"_s)->isEnabled());
    QVERIFY(!action(u"resumeAction"_s)->isEnabled());
    QVERIFY(!action(u"retryAction"_s)->isEnabled());
    QVERIFY(action(u"cancelAction"_s)->isEnabled());
    QVERIFY(m_engine->service().pause(ids.at(1)).ok());
    select(ids);
    QVERIFY(action(u"pauseAction"_s)->isEnabled());
    QVERIFY(action(u"resumeAction"_s)->isEnabled());

    // Priority: its menu in the toolbar follows the same rule; a cancelled download keeps its own.
    auto *priorityButton = m_window->findChild<QToolButton *>(u"priorityButton"_s);
    QVERIFY(priorityButton);
    QVERIFY(priorityButton->isEnabled());
    QVERIFY(m_engine->service().cancel(ids.at(0)).ok());
    QVERIFY(m_engine->service().cancel(ids.at(1)).ok());
    select(ids);
    QVERIFY(!priorityButton->isEnabled());
    QVERIFY(!action(u"priority0Action"_s)->isEnabled());
    QVERIFY(action(u"retryAction"_s)->isEnabled());
    QVERIFY(action(u"openFolderAction"_s)->isEnabled());
    select({});
    QVERIFY(!action(u"openFolderAction"_s)->isEnabled());
}

// Priorities read as words in the table, and the menu marks the one the selection shares.
void TestMainWindow::priorityMenuMarksTheSelectionsPriority()
{
    const QStringList batch =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    const QString single = m_engine->add({GuiEngine::track(u"C"_s, u"Three"_s)}, 0).first();
    const auto checked = [this] {
        QList<int> marked;
        for (int priority = 0; priority < 3; ++priority)
        {
            if (action(u"priority%1Action"_s.arg(priority))->isChecked())
                marked.append(priority);
        }
        return marked;
    };
    select(batch);
    QTRY_COMPARE_WITH_TIMEOUT(checked(), QList<int>{2}, 3000);
    select({batch.first(), single});
    QTRY_COMPARE_WITH_TIMEOUT(checked(), QList<int>(), 3000); // two priorities: none marked
    action(u"priority1Action"_s)->trigger();
    QCOMPARE(checked(), QList<int>{1});
    QCOMPARE(
        m_window->model()->index(m_window->model()->rowOf(single), DownloadTableModel::PriorityColumn).data(),
        QVariant(u"Normal"_s));
}

// #9: a long report was cut mid-word under the counters. It now ends in "…" before them, with a
// gap, and the whole text is in its tooltip; a short one shows whole.
void TestMainWindow::statusMessageNeverRunsIntoTheCounters()
{
    m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    m_window->resize(800, 500);
    const QString longText = QStringList(40, u"Paused 2 of 2 downloads, skipped none"_s).join(u"; "_s);
    m_window->showReport(longText, false);
    auto *message = m_window->findChild<QLabel *>(u"messageLabel"_s);
    auto *counters = m_window->findChild<QLabel *>(u"countersLabel"_s);
    QVERIFY(message && counters);
    QTRY_VERIFY_WITH_TIMEOUT(message->text().endsWith(u"…"_s), 3000);
    QCOMPARE(message->toolTip(), longText);
    QVERIFY(counters->isVisible() && !counters->text().isEmpty());
    const int messageTextEnd = message->geometry().left() + message->contentsRect().left() +
                               message->fontMetrics().horizontalAdvance(message->text());
    QVERIFY2(messageTextEnd < counters->geometry().left(),
             qPrintable(u"%1 >= %2"_s.arg(messageTextEnd).arg(counters->geometry().left())));
    m_window->showReport(u"Paused 1 of 1 download."_s, false);
    QCOMPARE(message->text(), u"Paused 1 of 1 download."_s);
}

// #9: "2001" stood next to "2,001", "0 bytes/s" next to "KiB/s". One formatter, in the locale's
// way, for counts in sentences, the counters and the filter list, sizes and speeds.
void TestMainWindow::numbersAndUnitsAreFormattedOneWay()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    ActionReport report;
    report.action = DownloadAction::Pause;
    report.requested = 2001;
    report.succeeded = 2000;
    report.skipped = {{u"not possible while Completed"_s, 1001}};
    QCOMPARE(report.summary(),
             u"Paused 2,000 of 2,001 downloads. Skipped: not possible while Completed (1,001)."_s);
    QCOMPARE(Format::count(2001), u"2,001"_s);
    QCOMPARE(Format::size(0), u"0 B"_s);
    QCOMPARE(Format::speed(0), u"0 B/s"_s);
    QCOMPARE(Format::speed(1536), u"1.5 KiB/s"_s);
    // The counters use the same: no bare number beside a grouped one.
    QList<TrackInput> tracks;
    for (int i = 0; i < 2001; ++i)
        tracks.append(GuiEngine::track(u"Artist"_s, u"Song %1"_s.arg(i)));
    m_engine->add(tracks);
    auto *counters = m_window->findChild<QLabel *>(u"countersLabel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(counters->text().contains(u"2,001 queued"_s), qPrintable(counters->text()),
                              5000);
    QLocale::setDefault(before);
}

void TestMainWindow::shortcutsAndContextActions()
{
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    m_window->activateWindow();
    m_window->view()->setFocus();
    select({ids.at(1)});
    QTest::keyClick(m_window->view(), Qt::Key_P, Qt::ControlModifier);
    QCOMPARE(m_engine->statusOf(ids.at(1)), toString(DownloadStatus::Paused));
    QTest::keyClick(m_window->view(), Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_engine->priorityOf(ids.at(1)), 0);
    // Delete asks to remove (tst_windowremove); Cancel is its own action without a key.
    QVERIFY(action(u"cancelAction"_s)->shortcut().isEmpty());
    QCOMPARE(action(u"removeAction"_s)->shortcut(), QKeySequence(Qt::Key_Delete));
    QTest::keyClick(m_window->view(), Qt::Key_Delete);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QMessageBox *>(u"removeConfirmation"_s), 3000);
    QCOMPARE(m_engine->statusOf(ids.at(1)), toString(DownloadStatus::Paused));
}

void TestMainWindow::pauseAllAndResumeAll()
{
    auto *queueLabel = m_window->findChild<QLabel *>(u"queueLabel"_s);
    QVERIFY(!m_engine->service().isQueuePaused());
    QVERIFY(!action(u"resumeAllAction"_s)->isEnabled());
    action(u"pauseAllAction"_s)->trigger();
    QVERIFY(m_engine->service().isQueuePaused());
    QCOMPARE(queueLabel->text(), u"Queue paused"_s);
    QVERIFY(action(u"resumeAllAction"_s)->isEnabled());
    action(u"resumeAllAction"_s)->trigger();
    QVERIFY(!m_engine->service().isQueuePaused());
    QVERIFY(queueLabel->text().startsWith(u"Queue running"_s));
}

void TestMainWindow::dropOfLinksCreatesBatch()
{
    QMimeData mime;
    mime.setUrls({QUrl(u"https://example.invalid/music/one.mp3"_s),
                  QUrl(u"http://example.invalid/two.flac"_s), QUrl(u"https://example.invalid/three.ogg"_s)});
    dropOn(mime);
    ImportConfirmDialog *dialog = waitForConfirm();
    QCOMPARE(dialog->tracks().size(), 3);
    QCOMPARE(dialog->priority(), 2); // batches default to P2
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    dialog->accept();

    QCOMPARE(m_engine->service().stats().totalJobs, 3);
    const auto page = m_engine->service().downloads(std::nullopt, 0, 10);
    QSet<QString> urls;
    for (const Download &download : page->items)
    {
        QCOMPARE(download.priority, 2);
        urls.insert(download.sourceUrl);
    }
    QVERIFY(urls.contains(u"https://example.invalid/music/one.mp3"_s));
    QVERIFY(urls.contains(u"http://example.invalid/two.flac"_s));
    QCOMPARE(m_window->model()->rowCount(), 3);
}

void TestMainWindow::dropOfPlaylistFileUsesChosenPriority()
{
    dropListFile(u"mix.m3u8"_s,
                 "#EXTM3U\n#EXTINF:200,Nina Simone - Feeling Good\nhttps://example.invalid/a.mp3\n"
                 "#EXTINF:180,Miles Davis - So What\nhttps://example.invalid/b.mp3\n");
    ImportConfirmDialog *dialog = waitForConfirm();
    QCOMPARE(dialog->tracks().size(), 2);
    dialog->setPriority(0); // the user raises the batch
    dialog->accept();

    QCOMPARE(m_engine->service().stats().totalJobs, 2);
    const auto page = m_engine->service().downloads(std::nullopt, 0, 10);
    for (const Download &download : page->items)
        QCOMPARE(download.priority, 0);
    QStringList names;
    for (int row = 0; row < m_window->model()->rowCount(); ++row)
        names.append(m_window->model()->index(row, 0).data().toString());
    names.sort();
    QCOMPARE(names, (QStringList{u"Miles Davis - So What"_s, u"Nina Simone - Feeling Good"_s}));
}

void TestMainWindow::badDropsChangeNothing()
{
    const QString song = m_engine->path(u"song.mp3"_s);
    QFile(song).open(QIODevice::WriteOnly);
    QMimeData audio;
    audio.setUrls({QUrl::fromLocalFile(song)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &audio, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(!enter.isAccepted());

    // A list without one good line is refused, naming its bad lines (tst_adddialog: a few bad).
    dropListFile(u"list.txt"_s, "\nthis line is neither a link nor a track\nnor this\n");
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = m_window->findChild<QMessageBox *>(u"errorBox"_s)) != nullptr, 3000);
    QVERIFY2(box->text().contains(u"list.txt, line 2"_s), qPrintable(box->text()));
    QVERIFY2(box->text().contains(u"list.txt, line 3"_s), qPrintable(box->text()));
    box->close();
    QVERIFY(!m_window->findChild<ImportConfirmDialog *>());
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
}

// A big playlist is read and parsed by a worker: the drop returns at once, and the confirmation
// comes through the event loop with every line.
void TestMainWindow::droppedListIsReadOffTheMainThread()
{
    QByteArray lines;
    for (int i = 0; i < 20000; ++i)
        lines += u"https://example.invalid/album/track-%1.flac\n"_s.arg(i).toUtf8();
    dropListFile(u"big.txt"_s, lines);
    QVERIFY(!m_window->findChild<ImportConfirmDialog *>()); // not before the event loop runs
    ImportConfirmDialog *dialog = waitForConfirm();
    QCOMPARE(dialog->tracks().size(), 20000);
    QCOMPARE(dialog->tracks().last().sourceUrl, u"https://example.invalid/album/track-19999.flac"_s);
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    dialog->reject();
}

// The answer of a worker that outlives the window is dropped, not shown over nothing.
void TestMainWindow::closingWhileAListIsReadAddsNothing()
{
    dropListFile(u"list.m3u"_s, "https://example.invalid/a.mp3\nhttps://example.invalid/b.mp3\n");
    m_window.reset();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    // Nothing asks about a list for a window that is gone.
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (const QWidget *window : windows)
        QVERIFY(!qobject_cast<const ImportConfirmDialog *>(window));
}

void TestMainWindow::pasteOfOneLinkAddsItWithP1()
{
    QApplication::clipboard()->setText(u"https://example.invalid/pasted.mp3"_s);
    action(u"pasteAction"_s)->trigger();
    QCOMPARE(m_engine->service().stats().totalJobs, 1);
    const auto page = m_engine->service().downloads(std::nullopt, 0, 10);
    QCOMPARE(page->items.first().priority, 1);
    QCOMPARE(page->items.first().sourceUrl, u"https://example.invalid/pasted.mp3"_s);

    QApplication::clipboard()->setText(u"Daft Punk - One More Time\nhttps://example.invalid/x.mp3"_s);
    action(u"pasteAction"_s)->trigger();
    ImportConfirmDialog *dialog = waitForConfirm();
    QCOMPARE(dialog->priority(), 2);
    dialog->reject();
    QCOMPARE(m_engine->service().stats().totalJobs, 1);
}

void TestMainWindow::openFolderUsesTheDownloadFolder()
{
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    select(ids);
    action(u"openFolderAction"_s)->trigger();
    QCOMPARE(m_openedFolders.size(), 1); // the same folder once
    QCOMPARE(m_openedFolders.first().toLocalFile(),
             QDir(m_engine->service().downloadDirectory()).absolutePath());

    // A file manager that fails: an error box of its own, naming the folder.
    m_window->actions()->commandRunner()->setFolderOpener([](const QUrl &) { return false; });
    action(u"openFolderAction"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = m_window->findChild<QMessageBox *>(u"errorBox"_s)) != nullptr, 3000);
    QCOMPARE(box->windowTitle(), u"Could Not Open the Folder"_s);
    QVERIFY2(box->text().contains(QDir::toNativeSeparators(m_engine->service().downloadDirectory())),
             qPrintable(box->text()));
    box->close();
}

void TestMainWindow::windowStateIsRemembered()
{
    m_engine->add({GuiEngine::track(u"A"_s, u"One"_s)});
    m_window->view()->sortByColumn(DownloadTableModel::SizeColumn, Qt::DescendingOrder);
    m_window->statusFilters()->setCurrentStatus(DownloadStatus::Completed);
    m_window->view()->setColumnWidth(DownloadTableModel::AddedColumn, 333);
    m_window->resize(900, 555);
    QCOMPARE(m_window->proxy()->statusFilter(), std::optional(DownloadStatus::Completed));
    m_window->saveWindowState();
    m_window.reset();

    MainWindow again(m_engine->service(), *m_store);
    QHeaderView *header = again.view()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(DownloadTableModel::SizeColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(again.proxy()->sortColumn(), int(DownloadTableModel::SizeColumn));
    QCOMPARE(again.view()->columnWidth(DownloadTableModel::AddedColumn), 333);
    QCOMPARE(again.statusFilters()->currentStatus(), std::optional(DownloadStatus::Completed));
    QCOMPARE(again.proxy()->statusFilter(), std::optional(DownloadStatus::Completed));
    QCOMPARE(again.proxy()->rowCount(), 0);
    QCOMPARE(again.size(), QSize(900, 555));
}

void TestMainWindow::closingWithoutTrayQuitsAndSaves()
{
    // Offscreen there is no system tray: "close to tray" must not leave an invisible program.
    QVERIFY(m_store->save({{Settings::CloseToTray, true}}).ok());
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    m_window->statusFilters()->setCurrentStatus(DownloadStatus::Failed);
    QVERIFY(m_window->close());
    QCOMPARE(quit.count(), 1);
    QCOMPARE(m_engine->settings().value(u"gui/window/status_filter"_s).toString(), u"failed"_s);
}

void TestMainWindow::addDialogTakesTheClipboardAndChecksLines()
{
    QApplication::clipboard()->setText(u"https://example.invalid/from-clipboard.mp3"_s);
    action(u"addAction"_s)->trigger();
    AddDownloadsDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<AddDownloadsDialog *>()) != nullptr, 3000);
    QCOMPARE(dialog->text().trimmed(), u"https://example.invalid/from-clipboard.mp3"_s);
    QCOMPARE(dialog->priority(), 1);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    // What is typed goes on a line of its own: two downloads, not one glued link.
    auto *edit = dialog->findChild<QPlainTextEdit *>();
    QTest::keyClicks(edit, u"https://example.invalid/typed.mp3"_s);
    QCOMPARE(dialog->tracks().size(), 2);
    QCOMPARE(dialog->tracks().at(1).sourceUrl, u"https://example.invalid/typed.mp3"_s);
    // Glued onto the pasted line, the two links are shown as invalid before OK.
    edit->moveCursor(QTextCursor::Start);
    edit->moveCursor(QTextCursor::EndOfLine);
    QTest::keyClicks(edit, u"http://example.invalid/b.mp3"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(u"feedbackLabel"_s)->text().contains(u"Line 1"_s));

    dialog->setText(u"https://example.invalid/a.mp3\nnot a link\n"_s);
    QVERIFY(!ok->isEnabled());
    dialog->setText(u"https://example.invalid/a.mp3\nMassive Attack - Angel\n"_s);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog->priority(), 2); // several: a batch
    dialog->accept();
    QCOMPARE(m_engine->service().stats().totalJobs, 2);
    QVERIFY(m_engine->service().downloads(std::nullopt, 0, 10)->items.first().priority == 2);
}

void TestMainWindow::contextMenuActsOnTheSelection()
{
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    select({ids.at(1)});
    QStringList offered;
    // The menu runs its own loop: pick "Pause" from it once it is open.
    QTimer::singleShot(200, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        const QList<QAction *> actions = menu->actions();
        for (QAction *entry : actions)
        {
            if (!entry->isSeparator() && entry->isEnabled())
                offered.append(entry->objectName());
        }
        for (QAction *entry : actions)
        {
            if (entry->objectName() == u"pauseAction"_s)
            {
                menu->close();
                entry->trigger();
            }
        }
    });
    const QModelIndex shown =
        m_window->proxy()->mapFromSource(m_window->model()->index(m_window->model()->rowOf(ids.at(1)), 0));
    Q_EMIT m_window->view()->customContextMenuRequested(m_window->view()->visualRect(shown).center());
    QVERIFY2(offered.contains(u"pauseAction"_s), qPrintable(offered.join(u',')));
    QVERIFY(!offered.contains(u"resumeAction"_s)); // nothing selected is paused
    QCOMPARE(m_engine->statusOf(ids.at(1)), toString(DownloadStatus::Paused));
    QCOMPARE(m_engine->statusOf(ids.at(0)), toString(DownloadStatus::Queued));
}

void TestMainWindow::emptyTableExplainsWhatToDo()
{
    auto *hint = m_window->findChild<QLabel *>(u"emptyHint"_s);
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(u"Ctrl+N"_s));
    QCOMPARE(m_window->focusWidget(), m_window->view());
    m_engine->add({GuiEngine::track(u"A"_s, u"One"_s)});
    QVERIFY(!hint->isVisible());
    m_window->statusFilters()->setCurrentStatus(DownloadStatus::Failed);
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), u"No download matches the filter."_s);
}

void TestMainWindow::trayToolTipHasTheCounters()
{
    m_engine->add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->trayIcon()->toolTip().contains(u"queued 2"_s),
                              qPrintable(m_window->trayIcon()->toolTip()), 3000);
    m_engine->service().pauseQueue();
    QVERIFY(m_window->trayIcon()->toolTip().contains(u"The queue is paused"_s));
}

void TestMainWindow::speedLimitShowsInStatusBarAndTray()
{
    auto *speed = m_window->findChild<QLabel *>(u"speedLabel"_s);
    QVERIFY(speed);
    QVERIFY(!speed->isVisible()); // nothing running, no limit
    QVERIFY(m_engine->service().setMaxDownloadSpeedKib(500).ok());
    QTRY_COMPARE_WITH_TIMEOUT(speed->text(), u"Speed limit 500.0 KiB/s"_s, 3000);
    QVERIFY(speed->isVisible());
    QVERIFY2(m_window->trayIcon()->toolTip().contains(u"Speed limit 500.0 KiB/s"_s),
             qPrintable(m_window->trayIcon()->toolTip()));
    QVERIFY(m_engine->service().setMaxDownloadSpeedKib(0).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!speed->isVisible(), 3000);
    QVERIFY(!m_window->trayIcon()->toolTip().contains(u"Speed limit"_s));
}

void TestMainWindow::aboutBoxNamesTheVersion()
{
    QCoreApplication::setApplicationVersion(u"9.8.7"_s);
    action(u"aboutAction"_s)->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((about = m_window->findChild<AboutDialog *>()) != nullptr, 3000);
    QCOMPARE(about->windowTitle(), u"About SoulSpot Bridge"_s);
    const QList<QLabel *> labels = about->findChildren<QLabel *>();
    QStringList texts;
    for (const QLabel *label : labels)
        texts << label->text();
    QVERIFY2(texts.join(u' ').contains(u"SoulSpot Bridge 9.8.7"_s), qPrintable(texts.join(u' ')));
    about->accept();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
