// SPDX-License-Identifier: GPL-3.0-or-later
// What another launch hands to the window (issue #15, item 3), in the real main window offscreen:
// the window comes back from the tray or the task bar, and the links and lists are added as a
// drop of them is (several after the confirmation, P2 proposed; one at once).
#include "gui/downloadtablemodel.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/importconfirmdialog.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

class TestOpenFromOutside : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void hiddenWindowComesBackWithNothingAdded();
    void severalLinksAreConfirmedFirst();
    void oneListedLinkIsAddedAtOnce();

private:
    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestOpenFromOutside::init()
{
    m_engine = std::make_unique<GuiEngine>();
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
}

void TestOpenFromOutside::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
}

void TestOpenFromOutside::hiddenWindowComesBackWithNothingAdded()
{
    QVERIFY(!m_window->isVisible()); // as in the tray
    m_window->openFromOutside({});
    QVERIFY(m_window->isVisible());
    m_window->showMinimized();
    m_window->openFromOutside({});
    QVERIFY(!m_window->isMinimized());
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    QVERIFY(!m_window->findChild<ImportConfirmDialog *>());
}

void TestOpenFromOutside::severalLinksAreConfirmedFirst()
{
    m_window->openFromOutside(
        {QUrl(u"https://example.invalid/one.mp3"_s), QUrl(u"slsk://user/music/two.flac"_s)});
    QVERIFY(m_window->isVisible());
    auto *dialog = m_window->findChild<ImportConfirmDialog *>(u"importConfirmDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->tracks().size(), 2);
    QCOMPARE(dialog->priority(), 2);
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    dialog->accept();
    QCOMPARE(m_engine->service().stats().totalJobs, 2);
    QCOMPARE(m_window->model()->rowCount(), 2);
}

void TestOpenFromOutside::oneListedLinkIsAddedAtOnce()
{
    QFile list(m_engine->path(u"one.m3u"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("#EXTM3U\nhttps://example.invalid/listed.mp3\n");
    list.close();
    m_window->openFromOutside({QUrl::fromLocalFile(list.fileName())});
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->service().stats().totalJobs, 1, 5000);
    QVERIFY(!m_window->findChild<ImportConfirmDialog *>());
    const auto page = m_engine->service().downloads(std::nullopt, 0, 10);
    QCOMPARE(page->items.first().sourceUrl, u"https://example.invalid/listed.mp3"_s);
}

QTEST_MAIN(TestOpenFromOutside)
#include "tst_openfromoutside.moc"
