// SPDX-License-Identifier: GPL-3.0-or-later
// The details panel below the table: hidden until asked for and remembered as the user leaves
// it; for the current download its source, saved path (with Open Folder), sizes, attempts, times
// and every error with its time, the connections of a segmented download; a double-click on a
// download that is not finished opens it.
#include "gui/downloadcommandrunner.h"
#include "gui/downloaddetailspanel.h"
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/elidedlabel.h"
#include "gui/formatting.h"
#include "gui/mainwindowactions.h"
#include "gui/windowfixture.h"
#include "support/testhttpserver.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using Gui::DownloadTableModel;

class TestDetailsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hiddenUntilAskedAndRemembered();
    void showsTheDownloadAndEveryError();
    void doubleClickOpensIt();
    void showsTheConnectionsOfASegmentedDownload();
    void namesItAsTheTableAndShowsTheWholeSource();

private:
    static QModelIndex indexOf(Test::WindowFixture &fixture, const QString &id, int column = 0);
    static QString value(Test::WindowFixture &fixture, const QString &name);
};

QModelIndex TestDetailsPanel::indexOf(Test::WindowFixture &fixture, const QString &id, int column)
{
    const int row = fixture.window.model()->rowOf(id);
    return fixture.window.proxy()->mapFromSource(fixture.window.model()->index(row, column));
}

// The whole text of a value (a long one may be shown shortened).
QString TestDetailsPanel::value(Test::WindowFixture &fixture, const QString &name)
{
    const auto *label = fixture.window.detailsPanel()->findChild<QLabel *>(name);
    if (const auto *elided = qobject_cast<const Gui::ElidedLabel *>(label))
        return elided->fullText();
    return label->text();
}

void TestDetailsPanel::hiddenUntilAskedAndRemembered()
{
    Test::GuiEngine engine;
    Gui::SettingsStore store(engine.settings(), QProcessEnvironment(), QHash<QString, QString>());
    {
        Gui::MainWindow window(engine.service(), store);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.detailsDock()->isVisible());
        auto *toggle = window.findChild<QAction *>(u"detailsAction"_s);
        QVERIFY(toggle);
        QVERIFY(toggle->isCheckable());
        toggle->trigger();
        QVERIFY(window.detailsDock()->isVisible());
        window.saveWindowState();
    }
    Gui::MainWindow again(engine.service(), store);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(again.detailsDock()->isVisible());
}

void TestDetailsPanel::showsTheDownloadAndEveryError()
{
    Test::TestHttpServer server;
    QVERIFY(server.start());
    Test::TestResource flaky;
    flaky.body = Test::TestHttpServer::randomBody(150'000, 9);
    flaky.failuresBeforeSuccess = 2;
    flaky.failure = Test::TestResource::Failure::Status;
    flaky.failureStatus = 503;
    server.setResource(u"/flaky.mp3"_s, flaky);
    Test::WindowFixture fixture(true);
    QList<QUrl> opened;
    fixture.window.actions()->commandRunner()->setFolderOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    const QString url = server.url(u"/flaky.mp3"_s).toString();
    const QString id = fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Flaky"_s, url)}).value(0);
    QTRY_VERIFY_WITH_TIMEOUT(
        fixture.engine.statusOf(id) != u"queued"_s && fixture.engine.statusOf(id) != u"downloading"_s, 15000);
    QVERIFY2(fixture.engine.statusOf(id) == u"completed"_s,
             qPrintable(fixture.engine.service().download(id)->errorMessage));

    fixture.window.detailsDock()->show();
    fixture.window.view()->setCurrentIndex(indexOf(fixture, id));
    QCOMPARE(fixture.window.detailsPanel()->downloadId(), id);
    const QString path = fixture.engine.service().download(id)->targetPath;
    QVERIFY(QFile::exists(path));
    QCOMPARE(value(fixture, u"detailsSource"_s), url);
    QCOMPARE(value(fixture, u"detailsPath"_s), path);
    QCOMPARE(value(fixture, u"detailsSize"_s), Gui::Format::size(150'000));
    QCOMPARE(value(fixture, u"detailsDownloaded"_s), Gui::Format::size(150'000));
    QCOMPARE(value(fixture, u"detailsAttempts"_s), u"3"_s);
    QVERIFY(!value(fixture, u"detailsStarted"_s).isEmpty());
    QVERIFY(!value(fixture, u"detailsCompleted"_s).isEmpty());
    // Both failed tries, each on its own line with its time; the row itself no longer has one.
    const QString errors = fixture.window.detailsPanel()->findChild<QPlainTextEdit *>()->toPlainText();
    QCOMPARE(errors.count(u"HTTP 503"_s), 2);
    QCOMPARE(errors.split(u'\n').size(), 2);

    fixture.window.detailsPanel()->findChild<QPushButton *>(u"detailsOpenFolder"_s)->click();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).toLocalFile(), QFileInfo(path).absolutePath());
}

void TestDetailsPanel::doubleClickOpensIt()
{
    Test::WindowFixture fixture; // not started: the download waits in the queue
    const QString id = fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Waiting"_s)}).value(0);
    QTRY_VERIFY(fixture.window.model()->rowOf(id) >= 0);
    QVERIFY(!fixture.window.detailsDock()->isVisible());
    QTableView *view = fixture.window.view();
    const QModelIndex index = indexOf(fixture, id, DownloadTableModel::StatusColumn);
    view->setCurrentIndex(index);
    const QPoint center = view->visualRect(index).center();
    // A view takes a double-click only on the row its press chose.
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, center);
    QTRY_VERIFY(fixture.window.detailsDock()->isVisible());
    QCOMPARE(fixture.window.detailsPanel()->downloadId(), id);
    QCOMPARE(value(fixture, u"detailsSource"_s), u"https://example.invalid/Waiting.mp3"_s);
}

// While a large file is fetched in segments, how many connections fetch it; nothing otherwise.
void TestDetailsPanel::showsTheConnectionsOfASegmentedDownload()
{
    Test::WindowFixture fixture; // not started: the download waits in the queue
    const QString id = fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Big"_s)}).value(0);
    QTRY_VERIFY(fixture.window.model()->rowOf(id) >= 0);
    fixture.window.detailsDock()->show();
    fixture.window.view()->setCurrentIndex(indexOf(fixture, id));
    QCOMPARE(fixture.window.detailsPanel()->downloadId(), id);
    QCOMPARE(value(fixture, u"detailsConnections"_s), QString());

    Download running = *fixture.engine.service().download(id);
    running.status = DownloadStatus::Downloading;
    running.connections = 6;
    Q_EMIT fixture.engine.service().downloadChanged(running);
    QCOMPARE(value(fixture, u"detailsConnections"_s), u"6"_s);
    running.status = DownloadStatus::Paused;
    Q_EMIT fixture.engine.service().downloadChanged(running);
    QCOMPARE(value(fixture, u"detailsConnections"_s), QString());
}

// #9: the panel named the saved file ("1 (2).flac") where the table says "Artist - Title", and
// its Source showed "http://", the rest of the URL wrapped below the row's height.
void TestDetailsPanel::namesItAsTheTableAndShowsTheWholeSource()
{
    Test::WindowFixture fixture;
    const QString url =
        u"http://files.example.invalid:8080/a/rather/long/path/of/folders/that/goes/on/and/on/"
        "for/a/while/before/the/name/Kraftwerk%20-%20Computerliebe%20(2).flac"_s;
    const QString id =
        fixture.engine.add({Test::GuiEngine::track(u"Kraftwerk"_s, u"Computerliebe"_s, url)}).value(0);
    QTRY_VERIFY(fixture.window.model()->rowOf(id) >= 0);
    Download named = *fixture.engine.service().download(id);
    named.targetPath = fixture.engine.path(u"downloads/1 (2).flac"_s); // as a name taken twice
    Q_EMIT fixture.engine.service().downloadChanged(named);
    fixture.window.detailsDock()->show();
    fixture.window.view()->setCurrentIndex(indexOf(fixture, id));
    QCOMPARE(value(fixture, u"detailsName"_s),
             indexOf(fixture, id, DownloadTableModel::NameColumn).data().toString());
    QCOMPARE(value(fixture, u"detailsName"_s), u"Kraftwerk - Computerliebe"_s);

    // One line, shortened in the middle: the host and the file name both show; the whole URL is
    // in the tooltip.
    auto *source = fixture.window.detailsPanel()->findChild<QLabel *>(u"detailsSource"_s);
    QTRY_VERIFY(source->isVisible() && source->width() > 0);
    const QString shown = source->text();
    QVERIFY2(shown.contains(u"files.example.invalid"_s) && shown.contains(u"(2).flac"_s), qPrintable(shown));
    QVERIFY2(shown.size() < url.size(), qPrintable(shown)); // the panel is narrower than the URL
    QVERIFY(source->fontMetrics().horizontalAdvance(shown) <= source->contentsRect().width());
    QVERIFY(source->height() >= source->fontMetrics().height());
    QCOMPARE(source->toolTip(), url);
    QVERIFY(source->textInteractionFlags() & Qt::TextSelectableByMouse);
}

QTEST_MAIN(TestDetailsPanel)
#include "tst_detailspanel.moc"
