// SPDX-License-Identifier: GPL-3.0-or-later
// The real program with its window (offscreen): it starts on a database filled by another
// program, creates a missing download folder, and on SIGTERM saves the window's state and exits 0.
// (That the table shows every row of such a database is tst_downloadtablemodel's part.)
#include "gui/guitestsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::GuiEngine;

class TestWindowProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensTheWindowAndExitsCleanlyOnSigterm();
};

void TestWindowProcess::opensTheWindowAndExitsCleanlyOnSigterm()
{
    const QString binary = qEnvironmentVariable("SOULSPOT_BINARY");
    if (binary.isEmpty() || !QFileInfo::exists(binary))
        QSKIP("SOULSPOT_BINARY is not set (ctest sets it)");

    QTemporaryDir dir;
    const QString database = dir.filePath(u"filled-elsewhere.db"_s);
    {
        // "Another program": the engine without any window writes three downloads, one paused.
        Database db(database);
        QVERIFY(db.open().ok());
        DownloadService service(db, ServiceOptions{});
        TrackInput track;
        track.artist = u"Artist"_s;
        track.title = u"Title"_s;
        track.sourceUrl = u"https://example.invalid/a.mp3"_s;
        const auto added = service.addTracks({track, track, track}, 2);
        QVERIFY(added.ok());
        QVERIFY(service.pause(added->first().id).ok());
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    const QString downloads = dir.filePath(u"not/yet/there"_s);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary, {u"--database"_s, database, u"--download-dir"_s, downloads, u"--max-concurrent"_s,
                           u"1"_s, u"--lang"_s, u"de"_s});
    QVERIFY(process.waitForStarted(10000));
    // The window writes nothing before it quits; the folder shows that the engine runs.
    QTRY_VERIFY_WITH_TIMEOUT(QDir(downloads).exists(), 15000);
    QTest::qWait(1500);
    QCOMPARE(process.state(), QProcess::Running);

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    QSettings saved(dir.filePath(u"config/SoulSpot/SoulSpot Bridge.conf"_s), QSettings::IniFormat);
    QVERIFY2(saved.contains(u"gui/window/geometry"_s), qPrintable(saved.fileName()));
    QVERIFY(saved.contains(u"gui/window/header"_s));
    QCOMPARE(saved.value(u"gui/window/status_filter"_s).toString(), u"all"_s);
    // --lang is a command-line value: it was used, not saved.
    QVERIFY(!saved.contains(Settings::Language));
}

QTEST_MAIN(TestWindowProcess)
#include "tst_windowprocess.moc"
