// SPDX-License-Identifier: GPL-3.0-or-later
// Quitting the real window while a real download runs (a throttled local server): it asks,
// naming how many run; Cancel keeps the window; "Do not ask again" is saved and the settings
// dialog can turn it back on; with nothing running, or once told not to, it quits without a word.
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"
#include "gui/settingsstore.h"
#include "support/testhttpserver.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <functional>

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
    // Runs `quit` (Quit by default); the box that comes up is answered with `button` ("Quit" or
    // "Cancel"), ticking "Do not ask again" first when `dontAsk`. Returns its text, empty if none.
    QString quitAnswering(const QString &button, bool dontAsk = false,
                          const std::function<void()> &quit = {});

    Test::TestHttpServer m_server;
    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestQuitConfirmation::initTestCase()
{
    installTranslations(u"en"_s); // the plural forms
    QVERIFY(m_server.start());
    m_server.setResource(u"/slow.mp3"_s, Test::TestHttpServer::randomResource(4 * 1024 * 1024, 3, 32 * 1024));
}

void TestQuitConfirmation::init()
{
    m_engine = std::make_unique<GuiEngine>(true);
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestQuitConfirmation::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
}

void TestQuitConfirmation::startSlowDownload()
{
    const QString id =
        m_engine->add({GuiEngine::track(u"Artist"_s, u"Slow"_s, m_server.url(u"/slow.mp3"_s).toString())})
            .first();
    QTRY_COMPARE(m_engine->statusOf(id), u"downloading"_s);
    QTRY_COMPARE(m_engine->service().stats().activeDownloads, 1);
}

QString TestQuitConfirmation::quitAnswering(const QString &button, bool dontAsk,
                                            const std::function<void()> &quit)
{
    QString text;
    QTimer answer;
    answer.setInterval(10);
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible() || box->objectName() != u"quitBox"_s)
            return;
        answer.stop();
        text = box->text();
        if (dontAsk)
            box->findChild<QCheckBox *>(u"dontAskAgainCheck"_s)->setChecked(true);
        for (QAbstractButton *candidate : box->buttons())
            if (candidate->text() == button)
                candidate->click();
    });
    answer.start();
    if (quit)
        quit();
    else
        m_window->findChild<QAction *>(u"quitAction"_s)->trigger(); // returns once answered
    return text;
}

void TestQuitConfirmation::quitsWithoutAskingWhenNothingRuns()
{
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    QCOMPARE(quitAnswering(u"Cancel"_s), QString());
    QCOMPARE(quit.count(), 1);
}

void TestQuitConfirmation::asksWhileADownloadRuns()
{
    startSlowDownload();
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    QCOMPARE(quitAnswering(u"Cancel"_s), u"1 download is running; quit anyway?"_s);
    QCOMPARE(quit.count(), 0);
    QVERIFY(m_window->isVisible());
    // Closing the window (no tray here) asks the same.
    QCOMPARE(quitAnswering(u"Cancel"_s, false, [this] { m_window->close(); }),
             u"1 download is running; quit anyway?"_s);
    QVERIFY(m_window->isVisible());
    QCOMPARE(quit.count(), 0);

    QCOMPARE(quitAnswering(u"Quit"_s), u"1 download is running; quit anyway?"_s);
    QCOMPARE(quit.count(), 1);
    QVERIFY(m_store->current().value(Settings::ConfirmQuit).toBool()); // asks again next time
}

void TestQuitConfirmation::doNotAskAgainIsSavedAndCanBeUndone()
{
    startSlowDownload();
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    QVERIFY(!quitAnswering(u"Quit"_s, true).isEmpty());
    QCOMPARE(quit.count(), 1);
    QCOMPARE(m_engine->settings().value(Settings::ConfirmQuit).toBool(), false);
    QCOMPARE(quitAnswering(u"Cancel"_s), QString()); // not asked
    QCOMPARE(quit.count(), 2);

    SettingsDialog dialog(*m_store, m_engine->service(), false);
    auto *ask = qobject_cast<QCheckBox *>(dialog.widgetFor(Settings::ConfirmQuit));
    QVERIFY(ask);
    QVERIFY(!ask->isChecked());
    ask->setChecked(true);
    dialog.accept();
    QCOMPARE(m_engine->settings().value(Settings::ConfirmQuit).toBool(), true);
    QVERIFY(!quitAnswering(u"Cancel"_s).isEmpty());
    QCOMPARE(quit.count(), 2);
}

QTEST_MAIN(TestQuitConfirmation)
#include "tst_quitconfirmation.moc"
