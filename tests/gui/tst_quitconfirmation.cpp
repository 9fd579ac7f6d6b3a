// SPDX-License-Identifier: GPL-3.0-or-later
// Quitting the real window while a real download runs (a throttled local server): it asks,
// naming how many run; Cancel keeps the window; "Do not ask again" is saved and the settings
// dialog can turn it back on; with nothing running, or once told not to, it quits without a word.
#include "gui/guiapplication.h"
#include "gui/settingsdialog.h"
#include "gui/windowfixture.h"
#include "support/testhttpserver.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

class TestQuitConfirmation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void quitsWithoutAskingWhenNothingRuns();
    void asksWhileADownloadRuns();
    void doNotAskAgainIsSavedAndCanBeUndone();

private:
    // Starts a download that runs for a minute and waits until it does.
    void startSlowDownload();
    // The question that quitting brought up, while shown; nullptr when there is none.
    QMessageBox *question() const;
    // Waits for it; nullptr when none comes.
    QMessageBox *waitForQuestion() const;
    // Clicks "Quit" or "Cancel" in it, ticking "Do not ask again" first when `dontAsk`.
    static void answer(QMessageBox *box, const QString &button, bool dontAsk = false);
    void quit() const { m_fixture->window.findChild<QAction *>(u"quitAction"_s)->trigger(); }

    Test::TestHttpServer m_server;
    std::unique_ptr<Test::WindowFixture> m_fixture;
};

void TestQuitConfirmation::initTestCase()
{
    installTranslations(u"en"_s); // the plural forms
    QVERIFY(m_server.start());
    m_server.setResource(u"/slow.mp3"_s, Test::TestHttpServer::randomResource(4 * 1024 * 1024, 3, 32 * 1024));
}

void TestQuitConfirmation::init()
{
    m_fixture = std::make_unique<Test::WindowFixture>(true);
}

void TestQuitConfirmation::cleanup()
{
    m_fixture.reset();
}

void TestQuitConfirmation::startSlowDownload()
{
    const QString id =
        m_fixture->engine
            .add({GuiEngine::track(u"Artist"_s, u"Slow"_s, m_server.url(u"/slow.mp3"_s).toString())})
            .first();
    QTRY_COMPARE(m_fixture->engine.statusOf(id), u"downloading"_s);
    QTRY_COMPARE(m_fixture->engine.service().stats().activeDownloads, 1);
}

QMessageBox *TestQuitConfirmation::question() const
{
    auto *box = m_fixture->window.findChild<QMessageBox *>(u"quitBox"_s);
    return box && box->isVisible() ? box : nullptr;
}

QMessageBox *TestQuitConfirmation::waitForQuestion() const
{
    return QTest::qWaitFor([this] { return question() != nullptr; }) ? question() : nullptr;
}

void TestQuitConfirmation::answer(QMessageBox *box, const QString &button, bool dontAsk)
{
    if (dontAsk)
        box->checkBox()->setChecked(true);
    for (QAbstractButton *candidate : box->buttons())
        if (candidate->text() == button)
            candidate->click();
}

void TestQuitConfirmation::quitsWithoutAskingWhenNothingRuns()
{
    QSignalSpy quitting(&m_fixture->window, &MainWindow::quitRequested);
    quit();
    QCOMPARE(quitting.count(), 1);
    QVERIFY(!question());
}

void TestQuitConfirmation::asksWhileADownloadRuns()
{
    startSlowDownload();
    QSignalSpy quitting(&m_fixture->window, &MainWindow::quitRequested);
    quit();
    QMessageBox *box = waitForQuestion();
    QVERIFY(box);
    QCOMPARE(box->text(), u"1 download is running; quit anyway?"_s);
    QCOMPARE(box->checkBox()->text(), u"Do not ask again"_s);
    quit(); // one question at a time
    QCOMPARE(m_fixture->window.findChildren<QMessageBox *>(u"quitBox"_s).size(), 1);
    answer(box, u"Cancel"_s);
    QTRY_VERIFY(!question());
    QCOMPARE(quitting.count(), 0);
    QVERIFY(m_fixture->window.isVisible());

    // Closing the window (no tray here) asks the same, and the window stays meanwhile.
    QVERIFY(!m_fixture->window.close());
    QVERIFY((box = waitForQuestion()) != nullptr);
    QVERIFY(m_fixture->window.isVisible());
    answer(box, u"Quit"_s);
    QCOMPARE(quitting.count(), 1);
    QVERIFY(m_fixture->store.current().value(Settings::ConfirmQuit).toBool()); // asks again next time
}

void TestQuitConfirmation::doNotAskAgainIsSavedAndCanBeUndone()
{
    startSlowDownload();
    QSignalSpy quitting(&m_fixture->window, &MainWindow::quitRequested);
    quit();
    QMessageBox *box = waitForQuestion();
    QVERIFY(box);
    answer(box, u"Quit"_s, true);
    QCOMPARE(quitting.count(), 1);
    QCOMPARE(m_fixture->engine.settings().value(Settings::ConfirmQuit).toBool(), false);
    QTRY_VERIFY(!question());
    quit(); // not asked
    QCOMPARE(quitting.count(), 2);
    QVERIFY(!question());

    SettingsDialog dialog(m_fixture->store, m_fixture->engine.service(), false);
    auto *ask = qobject_cast<QCheckBox *>(dialog.widgetFor(Settings::ConfirmQuit));
    QVERIFY(ask);
    QVERIFY(!ask->isChecked());
    ask->setChecked(true);
    dialog.accept();
    QCOMPARE(m_fixture->engine.settings().value(Settings::ConfirmQuit).toBool(), true);
    quit();
    QVERIFY(waitForQuestion());
    QCOMPARE(quitting.count(), 2);
}

QTEST_MAIN(TestQuitConfirmation)
#include "tst_quitconfirmation.moc"
