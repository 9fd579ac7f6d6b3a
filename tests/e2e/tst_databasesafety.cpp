// SPDX-License-Identifier: GPL-3.0-or-later
// The soulspot-bridge binary and its database file: one process per file by any path (symlink,
// hard link), and nothing touched by a second process, whether it hands over to the first or is
// refused; a damaged file refused at the start without a byte changed; --check-database; a
// download folder that cannot be written.
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"
#include "support/databasedamage.h"
#include "support/processenvironment.h"
#include "support/storagetestsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;

class TestDatabaseSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void secondProcessOnSameFileTouchesNothing_data();
    void secondProcessOnSameFileTouchesNothing();
    void damagedDatabaseExitsTwoUntouched();
    void checkDatabaseOption();
    void unwritableDownloadFolderExitsTwo();
    void readOnlyDatabaseFolderIsExplained();
    void leftoverLockFileOfADeadProcessIsTakenOver_data();
    void leftoverLockFileOfADeadProcessIsTakenOver();

private:
    QString binary() const { return qEnvironmentVariable("SOULSPOT_BINARY"); }
    QString databasePath() const { return m_dir->filePath(u"state/soulspot.db"_s); }
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void start(QProcess &process, const QString &database, const QString &downloadDir,
               const QStringList &extra = {}) const;
    QString makeAlias(const QString &kind) const;
    QByteArray databaseFingerprint() const;
    void makeDatabaseWithBackup(int rows);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabaseSafety::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(u"no binary at %1"_s.arg(binary())));
}

void TestDatabaseSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(QDir().mkpath(path(u"state"_s)));
    QVERIFY(QDir().mkpath(path(u"elsewhere"_s)));
}

void TestDatabaseSafety::cleanup()
{
    m_dir.reset();
}

void TestDatabaseSafety::start(QProcess &process, const QString &database, const QString &downloadDir,
                               const QStringList &extra) const
{
    process.setProcessEnvironment(SoulSpot::Test::isolatedEnvironment(path(u"home"_s)));
    // The API on any free port: its "listening" line says that the start is complete.
    process.start(binary(), QStringList{u"--headless"_s, u"--api-port"_s, u"0"_s, u"--database"_s, database,
                                        u"--download-dir"_s, downloadDir} +
                                extra);
}

// Another path to the database file, in another folder (so no lock file beside it is shared).
QString TestDatabaseSafety::makeAlias(const QString &kind) const
{
    const QString alias = path(u"elsewhere/alias.db"_s);
    if (kind == u"symlink"_s)
        return QFile::link(databasePath(), alias) ? alias : QString();
    if (kind == u"hard link"_s)
        return ::link(QFile::encodeName(databasePath()).constData(), QFile::encodeName(alias).constData()) ==
                       0
                   ? alias
                   : QString();
    return databasePath();
}

// The database file and its WAL, byte for byte.
QByteArray TestDatabaseSafety::databaseFingerprint() const
{
    return TestHttpServer::sha256OfFile(databasePath()) +
           TestHttpServer::sha256OfFile(databasePath() + u"-wal"_s);
}

// Through the same path or a symlink, the second hands over to the first (socket named after the
// canonical path) and exits 0; through a hard link nobody answers under its name, and it is
// refused with the lock's message.
void TestDatabaseSafety::secondProcessOnSameFileTouchesNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("handsOver");
    QTest::newRow("same path") << u"same path"_s << true;
    QTest::newRow("symlink") << u"symlink"_s << true;
    QTest::newRow("hard link") << u"hard link"_s << false;
}

void TestDatabaseSafety::secondProcessOnSameFileTouchesNothing()
{
    QFETCH(QString, kind);
    QFETCH(bool, handsOver);
    QProcess first;
    start(first, databasePath(), path(u"music"_s));
    QByteArray firstOut;
    QVERIFY(Test::waitForOutput(first, "API listening on", firstOut));
    const QString alias = makeAlias(kind);
    QVERIFY(!alias.isEmpty());
    const QByteArray before = databaseFingerprint();

    QProcess second;
    const QString secondDownloads = path(u"second-music"_s);
    start(second, alias, secondDownloads);
    QVERIFY2(second.waitForFinished(5000), "the second process still runs after 5 s");
    const QString err = QString::fromUtf8(second.readAllStandardError());
    QVERIFY2(second.exitStatus() == QProcess::NormalExit && (second.exitCode() == 0) == handsOver,
             qPrintable(err));
    if (handsOver)
        QVERIFY(second.readAllStandardOutput().contains("handed over"));
    else
        QVERIFY2(err.contains(alias) && err.contains(u"in use"_s), qPrintable(err));
    QCOMPARE(databaseFingerprint(), before);
    QVERIFY(!QFileInfo::exists(secondDownloads)); // the download folder was not touched either

    ::kill(pid_t(first.processId()), SIGTERM);
    QVERIFY(first.waitForFinished(5000));
    QCOMPARE(first.exitCode(), 0);

    // Once the first has stopped, the same file opens through the other path.
    TestHttpServer server;
    QVERIFY(server.start());
    Test::TestResource song;
    song.body = TestHttpServer::randomBody(1000, 7);
    server.setResource(u"/song.mp3"_s, song);
    QFile list(path(u"list.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(server.url(u"/song.mp3"_s).toEncoded() + '\n');
    list.close();
    QProcess third;
    start(third, alias, path(u"music"_s), {u"--import"_s, list.fileName(), u"--exit-when-done"_s});
    QVERIFY(third.waitForFinished(30000));
    QVERIFY2(third.exitCode() == 0, third.readAllStandardError().constData());

    Database database(databasePath());
    QVERIFY(database.open().ok());
    const Page<Download> rows = Test::listDownloads(DownloadRepository(database), std::nullopt, 0, 10);
    QCOMPARE(rows.total, 1);
    QCOMPARE(toString(rows.items.first().status), u"completed"_s);
}

// A database with rows and a backup, as a few runs leave it.
void TestDatabaseSafety::makeDatabaseWithBackup(int rows)
{
    {
        Database database(databasePath());
        QVERIFY(database.open().ok());
        QList<TrackInput> inputs;
        for (int i = 0; i < rows; ++i)
            inputs.append(
                TrackInput{u"Song %1"_s.arg(i), u"Artist"_s, {}, u"http://127.0.0.1:9/%1.mp3"_s.arg(i), -1});
        const Result<QList<Track>> tracks = TrackRepository(database).insert(inputs);
        QVERIFY(tracks.ok());
        QList<Download> downloads;
        for (const Track &track : *tracks)
        {
            Download download;
            download.trackId = track.id;
            download.status = DownloadStatus::Paused; // nothing runs: the rows only need to exist
            downloads.append(download);
        }
        QVERIFY(DownloadRepository(database).insert(downloads).ok());
    }
    Database database(databasePath());
    QVERIFY(database.open().ok()); // the daily backup: there was none
    QVERIFY(QFile::exists(databasePath() + u".bak"_s));
}

void TestDatabaseSafety::damagedDatabaseExitsTwoUntouched()
{
    makeDatabaseWithBackup(300);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(Test::damageTablePages(databasePath(), u"downloads"_s) > 0);
    const QByteArray before = TestHttpServer::sha256OfFile(databasePath());

    QProcess process;
    start(process, databasePath(), path(u"music"_s));
    QVERIFY2(process.waitForFinished(5000), "still running after 5 s");
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(databasePath()) && err.contains(u"damaged"_s) &&
                 err.contains(databasePath() + u".bak"_s),
             qPrintable(err));
    QVERIFY(!process.readAllStandardOutput().contains("API listening"));
    QCOMPARE(TestHttpServer::sha256OfFile(databasePath()), before);
    QCOMPARE(QFileInfo(databasePath() + u"-wal"_s).size(), 0); // no WAL frame (or no WAL)
}

void TestDatabaseSafety::checkDatabaseOption()
{
    makeDatabaseWithBackup(50);
    if (QTest::currentTestFailed())
        return;
    QProcess sound;
    start(sound, databasePath(), path(u"music"_s), {u"--check-database"_s});
    QVERIFY(sound.waitForFinished(10000));
    QVERIFY2(sound.exitCode() == 0, sound.readAllStandardError().constData());
    QVERIFY(sound.readAllStandardOutput().contains("sound"));

    QVERIFY(Test::damageTablePages(databasePath(), u"tracks"_s) > 0);
    const QByteArray before = TestHttpServer::sha256OfFile(databasePath());
    QProcess damaged;
    start(damaged, databasePath(), path(u"music"_s), {u"--check-database"_s});
    QVERIFY(damaged.waitForFinished(10000));
    QCOMPARE(damaged.exitCode(), 2);
    const QString err = QString::fromUtf8(damaged.readAllStandardError());
    QVERIFY2(err.contains(databasePath()) && err.contains(u".bak"_s), qPrintable(err));
    QCOMPARE(TestHttpServer::sha256OfFile(databasePath()), before);
    QVERIFY(!QFileInfo::exists(path(u"music"_s))); // a check touches nothing else either
}

void TestDatabaseSafety::unwritableDownloadFolderExitsTwo()
{
    // A file where a folder should be: the folder cannot be made, whoever runs the test.
    QFile blocker(path(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString folder = path(u"blocker/music"_s);
    QProcess process;
    start(process, databasePath(), folder);
    QVERIFY(process.waitForFinished(10000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(folder) && err.contains(u"Not a directory"_s), qPrintable(err));
}

void TestDatabaseSafety::readOnlyDatabaseFolderIsExplained()
{
    {
        Database database(databasePath());
        QVERIFY(database.open().ok());
    }
    // Only a user without the right to write there meets the refusal: root writes anywhere, so a
    // test run by root runs the program as nobody.
    const QFileDevice::Permissions open = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther | QFileDevice::WriteOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), open));
    QVERIFY(QFile::setPermissions(databasePath(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QVERIFY(QDir().mkpath(path(u"home"_s)) && QDir().mkpath(path(u"music"_s)));
    QVERIFY(QFile::setPermissions(path(u"home"_s), open) && QFile::setPermissions(path(u"music"_s), open));
    QVERIFY(QFile::setPermissions(path(u"state"_s), QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                        QFileDevice::ReadOther | QFileDevice::ExeOther));
    QProcess process;
    if (::geteuid() == 0)
    {
        process.setChildProcessModifier([] {
            // Between fork and exec: only async-signal-safe calls.
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(99);
        });
    }
    start(process, databasePath(), path(u"music"_s));
    QVERIFY(process.waitForFinished(10000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY(QFile::setPermissions(path(u"state"_s), open)); // so the folder can be cleaned up
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(databasePath()) && err.contains(u"lock file"_s) &&
                 err.contains(u"Permission denied"_s) && !err.contains(u"in use"_s),
             qPrintable(err));
}

void TestDatabaseSafety::leftoverLockFileOfADeadProcessIsTakenOver_data()
{
    QTest::addColumn<QByteArray>("contents");
    // A kill -9 between the lock file's creation and its first write leaves it empty; a torn
    // write leaves part of it; a dead owner leaves its pid. None is a live owner, and nobody holds
    // the database file's flock().
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("torn") << QByteArray("4242\nsoulspot-br");
    QTest::newRow("dead pid") << QByteArray("999999999\nsoulspot-bridge\n\n");
}

// The lock file beside the database, left by a process that died, never keeps the next one out:
// the flock() on the database file is the lock that counts, and the kernel drops it on any death.
void TestDatabaseSafety::leftoverLockFileOfADeadProcessIsTakenOver()
{
    QFETCH(QByteArray, contents);
    QFile leftover(databasePath() + u".lock"_s);
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.write(contents);
    leftover.close();
    QProcess process;
    start(process, databasePath(), path(u"music"_s));
    QByteArray out;
    const bool started = Test::waitForOutput(process, "API listening on", out);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(started, qPrintable(err));
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDatabaseSafety)
#include "tst_databasesafety.moc"
