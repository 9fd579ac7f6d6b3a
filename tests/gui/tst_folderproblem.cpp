// SPDX-License-Identifier: GPL-3.0-or-later
// A download folder that cannot be written, as the window shows it (issue #9): the settings
// dialog refuses it before anything is saved, and while downloads run the status bar says once
// that the queue waits for the folder, until it works again. Offscreen widgets, a real engine
// over a real SQLite file, real transfers from a server the test starts on 127.0.0.1.
#include "gui/elidedlabel.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"
#include "gui/settingsstore.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QLineEdit>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

class TestFolderProblem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialogRefusesFolderThatCannotBeWritten();
    void statusBarSaysTheQueueWaitsForTheFolder();
};

void TestFolderProblem::dialogRefusesFolderThatCannotBeWritten()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), false);
    // A regular file where a folder should be: no user, root included, can make the folder.
    QFile blocker(engine.path(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString before = engine.service().downloadDirectory();
    const QString bad = engine.path(u"blocker/music"_s);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::DownloadDirectory))->setText(bad);

    const Status refused = dialog.apply(true);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(bad) && refused.error().message.contains(u"Not a directory"_s),
             qPrintable(refused.error().message));
    QVERIFY(!engine.settings().contains(Settings::DownloadDirectory)); // nothing saved
    QCOMPARE(engine.service().downloadDirectory(), before);

    const QString good = engine.path(u"music"_s);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::DownloadDirectory))->setText(good);
    QVERIFY(dialog.apply(true).ok());
    QCOMPARE(engine.service().downloadDirectory(), good);
}

void TestFolderProblem::statusBarSaysTheQueueWaitsForTheFolder()
{
    TestHttpServer server;
    QVERIFY(server.start());
    GuiEngine engine(true);
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    MainWindow window(engine.service(), store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    engine.service().pauseQueue();
    QList<TrackInput> tracks;
    for (int i = 0; i < 4; ++i)
    {
        TestResource resource;
        resource.body = TestHttpServer::randomBody(50000 + i, 40 + i);
        server.setResource(u"/s%1.mp3"_s.arg(i), resource);
        tracks.append(GuiEngine::track(u"A"_s, u"S%1"_s.arg(i), server.url(u"/s%1.mp3"_s.arg(i)).toString()));
    }
    engine.add(tracks);
    const QString folder = engine.service().downloadDirectory();
    QVERIFY(QDir(folder).removeRecursively());
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    engine.service().resumeQueue();

    const auto *messageLabel = window.findChild<ElidedLabel *>(u"messageLabel"_s);
    QVERIFY(messageLabel);
    QTRY_VERIFY_WITH_TIMEOUT(messageLabel->fullText().contains(QDir::toNativeSeparators(folder)), 20000);
    const QString message = messageLabel->fullText();
    QVERIFY2(message.contains(QDir::toNativeSeparators(folder)), qPrintable(message));
    QCOMPARE(engine.service().stats().failed, 0);

    // The folder works again: the queue continues by itself (checked every 5 s) and the message goes.
    QVERIFY(QFile::remove(folder));
    QTRY_COMPARE_WITH_TIMEOUT(engine.service().stats().completed, 4, 30000);
    QVERIFY(messageLabel->fullText().isEmpty());
}

QTEST_MAIN(TestFolderProblem)
#include "tst_folderproblem.moc"
