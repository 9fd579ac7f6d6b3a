// SPDX-License-Identifier: GPL-3.0-or-later
// Removing downloads in the real window offscreen (issue 9 "Remove from the list", issue 12 item
// 14): Remove asks naming how many and can take the files along, Clear finished removes completed
// and cancelled (and failed when asked), Clear partial files frees the partial files of failed
// downloads. A real engine over a real SQLite file, transfers from a server on 127.0.0.1.
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/mainwindowactions.h"
#include "gui/settingsstore.h"
#include "gui/windowselection.h"
#include "support/testhttpserver.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 20000;

} // namespace

class TestWindowRemove : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void removeAsksNamingHowManyAndRemoves();
    void removeWithFilesDeletesTheFile();
    void clearFinishedKeepsFailedUnlessAsked();
    void clearPartialFilesFreesFailedDownloads();

private:
    QAction *action(const QString &name) const { return Test::windowAction(*m_window, name); }
    void select(const QStringList &ids) const { Test::selectDownloads(*m_window, ids); }
    // The confirmation the window shows now (it must show one).
    QMessageBox *confirmation(const QString &name) const;
    static void accept(QMessageBox *box);
    QString addUrl(const QString &path, const TestResource &resource);
    QString statusOf(const QString &id) const;
    // The whole text of the status bar's message (the label may show it elided).
    QString statusMessage() const { return m_window->findChild<QLabel *>(u"messageLabel"_s)->toolTip(); }
    bool exists(const QString &id) const { return m_engine->service().download(id).ok(); }

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestWindowRemove::initTestCase()
{
    installTranslations(u"en"_s); // the plural forms
}

void TestWindowRemove::init()
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_engine = std::make_unique<GuiEngine>(true);
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWindowRemove::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
    m_server.reset();
}

QMessageBox *TestWindowRemove::confirmation(const QString &name) const
{
    // A box answered before may still be there, hidden, until its deferred deletion.
    for (QMessageBox *box : m_window->findChildren<QMessageBox *>(name))
    {
        if (box->isVisible())
            return box;
    }
    qFatal("no confirmation %s", qPrintable(name));
    return nullptr;
}

void TestWindowRemove::accept(QMessageBox *box)
{
    box->findChild<QPushButton *>(u"acceptButton"_s)->click();
}

QString TestWindowRemove::addUrl(const QString &path, const TestResource &resource)
{
    m_server->setResource(path, resource);
    return m_engine->add({GuiEngine::track(u"Band"_s, path.mid(1), m_server->url(path).toString())}).value(0);
}

QString TestWindowRemove::statusOf(const QString &id) const
{
    const Result<Download> found = m_engine->service().download(id);
    return found ? toString(found->status) : u"(removed)"_s;
}

void TestWindowRemove::removeAsksNamingHowManyAndRemoves()
{
    m_engine->service().pauseQueue();
    const QStringList ids{addUrl(u"/a.mp3"_s, {}), addUrl(u"/b.mp3"_s, {}), addUrl(u"/c.mp3"_s, {})};
    select(ids.mid(0, 2));
    QVERIFY(action(u"removeAction"_s)->isEnabled());

    // Cancel changes nothing.
    action(u"removeAction"_s)->trigger();
    QMessageBox *box = confirmation(u"removeConfirmation"_s);
    QCOMPARE(box->text(), u"Remove 2 downloads from the list?"_s);
    QCOMPARE(box->checkBox()->text(), u"Also delete the downloaded files"_s);
    QVERIFY(!box->checkBox()->isChecked());
    box->button(QMessageBox::Cancel)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->findChild<QMessageBox *>(u"removeConfirmation"_s), nullptr, 3000);
    QCOMPARE(m_window->model()->rowCount(), 3);
    QVERIFY(exists(ids.at(0)));

    // The Delete key asks the same; Remove takes the rows out of the list and the database.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // the box was the active window
    m_window->view()->setFocus();
    QTest::keyClick(m_window->view(), Qt::Key_Delete);
    box = confirmation(u"removeConfirmation"_s);
    QCOMPARE(box->text(), u"Remove 2 downloads from the list?"_s);
    accept(box);
    QCOMPARE(m_window->model()->rowCount(), 1);
    QCOMPARE(m_window->proxy()->rowCount(), 1);
    QCOMPARE(m_window->model()->rowOf(ids.at(2)), 0);
    QCOMPARE(m_window->model()->rowOf(ids.at(0)), -1);
    QVERIFY(!exists(ids.at(0)) && !exists(ids.at(1)) && exists(ids.at(2)));
    QCOMPARE(statusMessage(), u"Removed 2 of 2 downloads from the list."_s);
    QCOMPARE(m_engine->service().stats().totalJobs, 1);
}

void TestWindowRemove::removeWithFilesDeletesTheFile()
{
    const QString keep = addUrl(u"/keep.mp3"_s, TestHttpServer::randomResource(20000, 1));
    const QString drop = addUrl(u"/drop.mp3"_s, TestHttpServer::randomResource(20000, 2));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(keep), u"completed"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(drop), u"completed"_s, Timeout);
    const QString kept = m_engine->service().download(keep)->targetPath;
    const QString dropped = m_engine->service().download(drop)->targetPath;

    select({drop});
    action(u"removeWithFilesAction"_s)->trigger(); // Shift+Delete: the box comes ticked
    QMessageBox *box = confirmation(u"removeConfirmation"_s);
    QCOMPARE(box->text(), u"Remove 1 download from the list?"_s);
    QVERIFY(box->checkBox()->isChecked());
    accept(box);
    QVERIFY(!QFile::exists(dropped));

    select({keep});
    action(u"removeAction"_s)->trigger();
    accept(confirmation(u"removeConfirmation"_s));
    QVERIFY(!exists(keep));
    QCOMPARE(TestHttpServer::sha256OfFile(kept),
             TestHttpServer::sha256(TestHttpServer::randomBody(20000, 1)));
    QCOMPARE(m_window->model()->rowCount(), 0);
}

void TestWindowRemove::clearFinishedKeepsFailedUnlessAsked()
{
    TestResource missing;
    missing.status = 404;
    const QString done = addUrl(u"/done.mp3"_s, TestHttpServer::randomResource(20000, 3));
    const QString failed = addUrl(u"/missing.mp3"_s, missing);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(done), u"completed"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(failed), u"failed"_s, Timeout);
    const QString file = m_engine->service().download(done)->targetPath;
    m_engine->service().pauseQueue();
    const QString cancelled = addUrl(u"/cancelled.mp3"_s, {});
    const QString waiting = addUrl(u"/waiting.mp3"_s, {});
    QVERIFY(m_engine->service().cancel(cancelled).ok());

    action(u"clearFinishedAction"_s)->trigger();
    QMessageBox *box = confirmation(u"clearFinishedConfirmation"_s);
    QCOMPARE(box->text(), u"Remove 2 finished downloads (completed or cancelled) from the list?"_s);
    QCOMPARE(box->checkBox()->text(), u"Also remove the 1 failed download"_s);
    QVERIFY(!box->checkBox()->isChecked());
    accept(box);
    QCOMPARE(statusOf(done), u"(removed)"_s);
    QCOMPARE(statusOf(cancelled), u"(removed)"_s);
    QCOMPARE(statusOf(failed), u"failed"_s);
    QCOMPARE(statusOf(waiting), u"queued"_s);
    QVERIFY(QFile::exists(file)); // clearing the list keeps the files
    QCOMPARE(m_window->model()->rowCount(), 2);

    action(u"clearFinishedAction"_s)->trigger();
    box = confirmation(u"clearFinishedConfirmation"_s);
    QCOMPARE(box->text(), u"Remove 0 finished downloads (completed or cancelled) from the list?"_s);
    QVERIFY(box->checkBox()->isChecked()); // only failed ones are left to clear
    accept(box);
    QCOMPARE(statusOf(failed), u"(removed)"_s);
    QCOMPARE(statusOf(waiting), u"queued"_s);
    QCOMPARE(m_window->model()->rowCount(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(m_window->findChild<QMessageBox *>(u"clearFinishedConfirmation"_s), nullptr,
                              3000);
    action(u"clearFinishedAction"_s)->trigger();
    QCOMPARE(m_window->findChild<QMessageBox *>(u"clearFinishedConfirmation"_s), nullptr);
    QCOMPARE(statusMessage(), u"There are no finished downloads to clear."_s);
}

void TestWindowRemove::clearPartialFilesFreesFailedDownloads()
{
    // Every answer breaks off halfway: the retries continue the partial file, then give up.
    TestResource broken = TestHttpServer::randomResource(400000, 4);
    broken.failuresBeforeSuccess = 1000;
    broken.failure = TestResource::Failure::TruncateBody;
    const QString id = addUrl(u"/broken.mp3"_s, broken);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, Timeout);
    const QString partial = m_engine->service().download(id)->targetPath + u".part"_s;
    QVERIFY(QFile::exists(partial));

    action(u"clearPartialFilesAction"_s)->trigger();
    QMessageBox *box = confirmation(u"clearPartialFilesConfirmation"_s);
    QCOMPARE(box->text(), u"Delete the partial files of 1 failed download?"_s);
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(QFile::exists(partial));

    action(u"clearPartialFilesAction"_s)->trigger();
    accept(confirmation(u"clearPartialFilesConfirmation"_s));
    QVERIFY(!QFile::exists(partial));
    QVERIFY2(statusMessage().startsWith(u"Deleted 1 partial file, "_s), qPrintable(statusMessage()));
    QCOMPARE(statusOf(id), u"failed"_s);
}

QTEST_MAIN(TestWindowRemove)
#include "tst_windowremove.moc"
