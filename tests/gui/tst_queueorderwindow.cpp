// SPDX-License-Identifier: GPL-3.0-or-later
// The queue order in the real window offscreen (issue 9 "Queue order", defect 12): the "#" column
// counts the waiting downloads in the order the queue starts them, Move to Top / Up / Down /
// Bottom move the selection by their shortcuts, rows that tie on the sort column follow the
// queue order, and Start Now runs a download beyond the concurrency limit. A real engine over a
// real SQLite file; transfers from a server on 127.0.0.1.
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/mainwindowactions.h"
#include "gui/settingsstore.h"
#include "gui/windowselection.h"
#include "support/testhttpserver.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;
using SoulSpot::Test::TestHttpServer;

namespace {

constexpr int Timeout = 20000;

} // namespace

class TestQueueOrderWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void placeColumnCountsTheWaitingDownloads();
    void shortcutsMoveTheSelection();
    void movesAreOfferedForWaitingRowsOnly();
    void tiesFollowTheQueueOrder();
    void startNowRunsBeyondTheLimit();

private:
    void openWindow(bool startEngine, int maxConcurrent = 3);
    QAction *action(const QString &name) const { return Test::windowAction(*m_window, name); }
    void select(const QStringList &ids) const { Test::selectDownloads(*m_window, ids); }
    QString place(const QString &id) const;
    QStringList shownOrder() const;

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestQueueOrderWindow::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
    m_server.reset();
}

void TestQueueOrderWindow::openWindow(bool startEngine, int maxConcurrent)
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_engine = std::make_unique<GuiEngine>(startEngine, maxConcurrent);
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

// The "#" cell of the download, as shown, once the model has announced its changes.
QString TestQueueOrderWindow::place(const QString &id) const
{
    DownloadTableModel *model = m_window->model();
    model->flushPendingChanges();
    return model->index(model->rowOf(id), DownloadTableModel::PlaceColumn).data().toString();
}

QStringList TestQueueOrderWindow::shownOrder() const
{
    m_window->model()->flushPendingChanges();
    QStringList ids;
    for (int row = 0; row < m_window->proxy()->rowCount(); ++row)
        ids << m_window->proxy()->index(row, 0).data(DownloadTableModel::IdRole).toString();
    return ids;
}

void TestQueueOrderWindow::placeColumnCountsTheWaitingDownloads()
{
    openWindow(false);
    const QString a = m_engine->add({GuiEngine::track(u"Band"_s, u"a"_s)}, 1).value(0);
    const QString b = m_engine->add({GuiEngine::track(u"Band"_s, u"b"_s)}, 1).value(0);
    const QString c = m_engine->add({GuiEngine::track(u"Band"_s, u"c"_s)}, 0).value(0);
    const QString d = m_engine->add({GuiEngine::track(u"Band"_s, u"d"_s)}, 1).value(0);
    QVERIFY(m_engine->service().pause(b));
    QVERIFY(m_engine->service().cancel(d));

    // By priority, then the place within it; a paused download keeps its place, a cancelled one
    // has none.
    QCOMPARE(place(c), u"1"_s);
    QCOMPARE(place(a), u"2"_s);
    QCOMPARE(place(b), u"3"_s);
    QCOMPARE(place(d), QString());
    // The "#" column is shown first, sized to its text, and sorts by place.
    QHeaderView *header = m_window->view()->horizontalHeader();
    QCOMPARE(m_window->model()->headerData(DownloadTableModel::PlaceColumn, Qt::Horizontal).toString(),
             u"#"_s);
    QCOMPARE(header->visualIndex(DownloadTableModel::PlaceColumn), 0);
    QVERIFY(!header->isSectionHidden(DownloadTableModel::PlaceColumn));
    m_window->view()->sortByColumn(DownloadTableModel::PlaceColumn, Qt::AscendingOrder);
    QCOMPARE(shownOrder(), (QStringList{c, a, b, d}));
    m_window->view()->sortByColumn(DownloadTableModel::PlaceColumn, Qt::DescendingOrder);
    QCOMPARE(shownOrder().mid(1), (QStringList{b, a, c}));
}

void TestQueueOrderWindow::shortcutsMoveTheSelection()
{
    openWindow(false);
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"Band"_s, u"a"_s), GuiEngine::track(u"Band"_s, u"b"_s),
                       GuiEngine::track(u"Band"_s, u"c"_s), GuiEngine::track(u"Band"_s, u"d"_s)},
                      1);
    const QString &a = ids[0], &b = ids[1], &c = ids[2], &d = ids[3];
    QCOMPARE(action(u"moveTopAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Home));
    QCOMPARE(action(u"moveUpAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Up));
    QCOMPARE(action(u"moveDownAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Down));
    QCOMPARE(action(u"moveBottomAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_End));

    QTableView *view = m_window->view();
    view->setFocus();
    select({c, d});
    QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE((QStringList{place(a), place(b), place(c), place(d)}),
             (QStringList{u"3"_s, u"4"_s, u"1"_s, u"2"_s}));
    select({c});
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE((QStringList{place(c), place(d)}), (QStringList{u"2"_s, u"1"_s}));
    QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(place(c), u"4"_s);
    QTest::keyClick(view, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE((QStringList{place(d), place(a), place(c), place(b)}),
             (QStringList{u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
    // Kept in the database: the order the queue will take.
    QCOMPARE(m_engine->service().moveInQueue(b, QueueMove::Up)->position, 3);

    // In the Downloads menu, with their shortcuts.
    QMenu *downloads = nullptr;
    for (QAction *menu : m_window->menuBar()->actions())
    {
        if (menu->menu() && menu->menu()->actions().contains(action(u"moveTopAction"_s)))
            downloads = menu->menu();
    }
    QVERIFY(downloads);
    for (const QString &name :
         {u"moveUpAction"_s, u"moveDownAction"_s, u"moveBottomAction"_s, u"startNowAction"_s})
        QVERIFY2(downloads->actions().contains(action(name)), qPrintable(name));
}

void TestQueueOrderWindow::movesAreOfferedForWaitingRowsOnly()
{
    openWindow(false);
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"Band"_s, u"a"_s), GuiEngine::track(u"Band"_s, u"b"_s),
                       GuiEngine::track(u"Band"_s, u"c"_s)},
                      1);
    QVERIFY(m_engine->service().cancel(ids[2]));
    QVERIFY(m_engine->service().pause(ids[1]));
    const QStringList moves{u"moveTopAction"_s, u"moveUpAction"_s, u"moveDownAction"_s,
                            u"moveBottomAction"_s};

    select({ids[2]});
    for (const QString &name : moves)
        QVERIFY2(!action(name)->isEnabled(), qPrintable(name));
    QVERIFY(!action(u"startNowAction"_s)->isEnabled());
    select({ids[1]}); // paused: it waits too
    for (const QString &name : moves)
        QVERIFY2(action(name)->isEnabled(), qPrintable(name));
    QVERIFY(action(u"startNowAction"_s)->isEnabled());
    // Start Now is for one download.
    select({ids[0], ids[1]});
    QVERIFY(action(u"moveTopAction"_s)->isEnabled());
    QVERIFY(!action(u"startNowAction"_s)->isEnabled());
    // A shortcut on a row that does not wait changes nothing.
    select({ids[2]});
    const QString before = place(ids[0]);
    action(u"moveBottomAction"_s)->trigger();
    QCOMPARE(place(ids[0]), before);
}

void TestQueueOrderWindow::tiesFollowTheQueueOrder()
{
    openWindow(false);
    // One batch: the same Added time for all.
    const QStringList ids =
        m_engine->add({GuiEngine::track(u"Band"_s, u"a"_s), GuiEngine::track(u"Band"_s, u"b"_s),
                       GuiEngine::track(u"Band"_s, u"c"_s)},
                      1);
    QVERIFY(m_engine->service().moveInQueue(ids[2], QueueMove::Top));
    m_window->view()->sortByColumn(DownloadTableModel::AddedColumn, Qt::AscendingOrder);
    QCOMPARE(shownOrder(), (QStringList{ids[2], ids[0], ids[1]}));
    // A move re-sorts the ties at once.
    QVERIFY(m_engine->service().moveInQueue(ids[1], QueueMove::Top));
    QCOMPARE(shownOrder(), (QStringList{ids[1], ids[2], ids[0]}));
    // The unsorted table reads in the same order after a restart of the window.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_window->view()->sortByColumn(-1, Qt::AscendingOrder);
    QCOMPARE(shownOrder(), (QStringList{ids[1], ids[2], ids[0]}));
}

void TestQueueOrderWindow::startNowRunsBeyondTheLimit()
{
    openWindow(true, 1);
    m_server->setResource(u"/slow.mp3"_s, TestHttpServer::randomResource(4 * 1024 * 1024, 3, 256 * 1024));
    m_server->setResource(u"/fast.mp3"_s, TestHttpServer::randomResource(48 * 1024, 9));
    const QString slow =
        m_engine->add({GuiEngine::track(u"Band"_s, u"slow"_s, m_server->url(u"/slow.mp3"_s).toString())})
            .value(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->statusOf(slow), u"downloading"_s, Timeout);
    const QString fast =
        m_engine->add({GuiEngine::track(u"Band"_s, u"fast"_s, m_server->url(u"/fast.mp3"_s).toString())})
            .value(0);
    QCOMPARE(m_engine->statusOf(fast), u"queued"_s);
    QCOMPARE(place(fast), u"1"_s);

    select({fast});
    QVERIFY(action(u"startNowAction"_s)->isEnabled());
    action(u"startNowAction"_s)->trigger();
    QCOMPARE(m_engine->statusOf(fast), u"downloading"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->statusOf(fast), u"completed"_s, Timeout);
    QCOMPARE(TestHttpServer::sha256OfFile(m_engine->service().download(fast)->targetPath),
             TestHttpServer::sha256(TestHttpServer::randomBody(48 * 1024, 9)));
    QCOMPARE(m_engine->statusOf(slow), u"downloading"_s);
    QCOMPARE(place(fast), QString());
}

QTEST_MAIN(TestQueueOrderWindow)

#include "tst_queueorderwindow.moc"
