// SPDX-License-Identifier: GPL-3.0-or-later
// How the real main window uses its room: the spare width of a wide window goes to the Name
// column (not to the last one) while the widths the user chose come back after a restart; at the
// default size, in English and German, every status fits its column, no header is cut and Name
// keeps a good share; at
// 800x500 the settings button is still on the toolbar; the tray menu shows no shortcut, since
// none works from the tray.
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/formatting.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"
#include "gui/trayicon.h"

#include <QAbstractItemDelegate>
#include <QAction>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

#include <optional>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;
using M = SoulSpot::Gui::DownloadTableModel;

class TestWindowLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void nameTakesTheSpareWidth();
    void chosenWidthsComeBackAndNameStillStretches();
    void textsFitTheirColumnsAtTheDefaultSize_data();
    void textsFitTheirColumnsAtTheDefaultSize();
    void settingsButtonFitsAt800x500();
    void trayMenuShowsNoShortcuts();

private:
    // A new window over the same engine and settings, shown at this size (or its own default).
    MainWindow &openWindow(std::optional<QSize> size);
    int visibleSectionsWidth() const;

    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    QLocale m_locale; // as the test found it
};

void TestWindowLayout::init()
{
    m_locale = QLocale();
    m_engine = std::make_unique<GuiEngine>();
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_engine->add({GuiEngine::track(u"Artist"_s, u"Title"_s)});
}

void TestWindowLayout::cleanup()
{
    const QList<QTranslator *> installed = QCoreApplication::instance()->findChildren<QTranslator *>();
    for (QTranslator *translator : installed)
        delete translator; // the next test starts in English
    QLocale::setDefault(m_locale);

    m_window.reset();
    m_store.reset();
    m_engine.reset();
}

MainWindow &TestWindowLayout::openWindow(std::optional<QSize> size)
{
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    if (size)
        m_window->resize(*size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        qFatal("window not exposed");
    return *m_window;
}

int TestWindowLayout::visibleSectionsWidth() const
{
    QHeaderView *header = m_window->view()->horizontalHeader();
    int width = 0;
    for (int column = 0; column < M::ColumnCount; ++column)
        if (!header->isSectionHidden(column))
            width += header->sectionSize(column);
    return width;
}

void TestWindowLayout::nameTakesTheSpareWidth()
{
    MainWindow &window = openWindow(QSize(1100, 600));
    QTableView *view = window.view();
    const int error = view->columnWidth(M::ErrorColumn);
    const int name = view->columnWidth(M::NameColumn);
    window.resize(1900, 1000); // as maximized on a large screen
    QTRY_VERIFY(view->viewport()->width() > 1700);
    QTRY_COMPARE(visibleSectionsWidth(), view->viewport()->width()); // no empty strip, no scroll bar
    QCOMPARE(view->columnWidth(M::ErrorColumn), error);
    QVERIFY2(view->columnWidth(M::NameColumn) >= name + 700,
             qPrintable(u"name %1 -> %2"_s.arg(name).arg(view->columnWidth(M::NameColumn))));
    QVERIFY(!view->horizontalHeader()->stretchLastSection());
    // The Connections column is there for those who show it from the header's menu.
    QVERIFY(view->horizontalHeader()->isSectionHidden(M::ConnectionsColumn));
}

void TestWindowLayout::chosenWidthsComeBackAndNameStillStretches()
{
    MainWindow &first = openWindow(QSize(1600, 600));
    QHeaderView *header = first.view()->horizontalHeader();
    first.view()->setColumnWidth(M::ErrorColumn, 301);
    first.view()->setColumnWidth(M::SizeColumn, 151);
    // As an older version saved it: the last column stretched, Name resized by hand.
    header->setSectionResizeMode(M::NameColumn, QHeaderView::Interactive);
    header->setStretchLastSection(true);
    first.view()->setColumnWidth(M::NameColumn, 200);
    first.saveWindowState();

    MainWindow &again = openWindow(QSize(1600, 600));
    header = again.view()->horizontalHeader();
    QTRY_COMPARE(visibleSectionsWidth(), again.view()->viewport()->width());
    QCOMPARE(header->sectionResizeMode(M::NameColumn), QHeaderView::Stretch);
    QVERIFY(!header->stretchLastSection());
    QCOMPARE(again.view()->columnWidth(M::SizeColumn), 151);
    QCOMPARE(again.view()->columnWidth(M::ErrorColumn), 301);
    QVERIFY(again.view()->columnWidth(M::NameColumn) > 200);
}

void TestWindowLayout::textsFitTheirColumnsAtTheDefaultSize_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en"_s;
    QTest::newRow("German") << u"de"_s;
}

// #9, defect 10: in German the Status column cut "Warteschlange angehalten" (a waiting row while
// the queue is paused) and Name was squeezed to a few letters.
void TestWindowLayout::textsFitTheirColumnsAtTheDefaultSize()
{
    QFETCH(QString, language);
    installTranslations(language);
    m_engine->service().pauseQueue(); // the waiting row says why it waits
    MainWindow &window = openWindow(std::nullopt);
    QTableView *view = window.view();
    QHeaderView *header = view->horizontalHeader();
    QTRY_COMPARE(visibleSectionsWidth(), view->viewport()->width()); // no scroll bar
    const QModelIndex waiting = window.proxy()->index(0, M::StatusColumn);
    QVERIFY(waiting.data().toString() != Format::statusName(DownloadStatus::Queued));

    // As the view sizes a cell to its contents: icon, text and the style's margins.
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.font = view->font();
    option.fontMetrics = view->fontMetrics();
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    option.decorationSize = view->iconSize().isValid() ? view->iconSize() : QSize(icon, icon);
    const int margins = view->itemDelegate()->sizeHint(option, waiting).width() -
                        view->fontMetrics().horizontalAdvance(waiting.data().toString());
    QStringList statuses{waiting.data().toString()};
    for (DownloadStatus status : allDownloadStatuses)
        statuses << Format::statusName(status);
    QStringList cut;
    for (const QString &status : std::as_const(statuses))
    {
        if (view->fontMetrics().horizontalAdvance(status) + margins > view->columnWidth(M::StatusColumn))
            cut << status;
    }
    for (int column = 0; column < M::ColumnCount; ++column)
    {
        // Room for the text and the sort arrow, as Qt measures a header.
        if (!header->isSectionHidden(column) && header->sectionSize(column) < header->sectionSizeHint(column))
            cut << header->model()->headerData(column, Qt::Horizontal).toString();
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u" | "_s)));
    // Name, the column people read, keeps room for a usual "Artist - Title" and more than Error.
    const int name = view->columnWidth(M::NameColumn);
    QVERIFY2(name >= 24 * view->fontMetrics().averageCharWidth() && name > view->columnWidth(M::ErrorColumn),
             qPrintable(u"Name %1, Error %2"_s.arg(name).arg(view->columnWidth(M::ErrorColumn))));
}

void TestWindowLayout::settingsButtonFitsAt800x500()
{
    MainWindow &window = openWindow(QSize(800, 500));
    auto *bar = window.findChild<QToolBar *>(u"mainToolBar"_s);
    auto *settings = window.findChild<QToolButton *>(u"settingsButton"_s);
    auto *overflow = bar->findChild<QWidget *>(u"qt_toolbar_ext_button"_s);
    QVERIFY(bar && settings && overflow);
    QTRY_VERIFY(settings->isVisible());
    QVERIFY(bar->rect().contains(settings->geometry()));
    QVERIFY(!overflow->isVisible()); // nothing in the » menu
    QCOMPARE(bar->toolButtonStyle(), Qt::ToolButtonIconOnly);
    QVERIFY(window.searchBox()->isVisible());
    QVERIFY(window.searchBox()->width() >= window.searchBox()->minimumWidth());
    // Pausing the queue swaps Pause All for Resume All: still whole.
    window.findChild<QAction *>(u"pauseAllAction"_s)->trigger();
    QTRY_VERIFY(window.findChild<QAction *>(u"resumeAllAction"_s)->isVisible());
    QTRY_VERIFY(settings->isVisible());
    QVERIFY(!overflow->isVisible());

    // With room again the labels come back.
    window.resize(1600, 700);
    QTRY_COMPARE(bar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
    QVERIFY(settings->isVisible());
    QVERIFY(!overflow->isVisible());
}

void TestWindowLayout::trayMenuShowsNoShortcuts()
{
    MainWindow &window = openWindow(QSize(1000, 600));
    QMenu *menu = window.trayIcon()->menu();
    QVERIFY(menu);
    QHash<QString, QAction *> entries;
    for (QAction *entry : menu->actions())
    {
        if (entry->isSeparator())
            continue;
        QVERIFY2(entry->shortcut().isEmpty(), qPrintable(entry->text()));
        entries.insert(entry->objectName(), entry);
    }
    QCOMPARE(entries.size(), 4); // show/hide, Pause All, Resume All, Quit
    QVERIFY(window.findChild<QAction *>(u"pauseAllAction"_s)->shortcut() != QKeySequence());
    QAction *pauseAll = entries.value(u"pauseAllAction"_s);
    QAction *resumeAll = entries.value(u"resumeAllAction"_s);
    QVERIFY(pauseAll && resumeAll && entries.contains(u"quitAction"_s));
    QCOMPARE(pauseAll->text(), window.findChild<QAction *>(u"pauseAllAction"_s)->text());
    QVERIFY(pauseAll->isVisible() && !resumeAll->isVisible());
    pauseAll->trigger();
    QTRY_VERIFY(m_engine->service().isQueuePaused());
    QTRY_VERIFY(!pauseAll->isVisible() && resumeAll->isVisible());
    resumeAll->trigger();
    QTRY_VERIFY(!m_engine->service().isQueuePaused());
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
