// SPDX-License-Identifier: GPL-3.0-or-later
// One soulspot-bridge per database (issue #15, item 3): links and lists on the command line, and a
// second launch on the same database handing them to the running instance (headless and with its
// window, offscreen) and exiting 0 at once; a socket left by a kill -9; another database side by
// side; clients that send garbage or nothing. Files come from a server the test starts on
// 127.0.0.1 and are checked by SHA-256 in the first instance's download folder.
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

enum class Mode
{
    Headless,
    Window
};

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void secondLaunchHandsOver_data();
    void secondLaunchHandsOver();
    void argumentsOfAFirstLaunchAreAdded();
    void badArgumentsAreRefusedClearly();
    void staleSocketAfterKillDoesNotBlock();
    void anotherDatabaseRunsSideBySide();
    void garbageClientsDoNotHurt();

private:
    QString databasePath(const QString &name = u"soulspot"_s) const
    {
        return m_dir->filePath(u"state/%1.db"_s.arg(name));
    }
    QString downloadDir(const QString &name = u"music"_s) const { return m_dir->filePath(name); }
    QString runtimeDir() const { return m_dir->filePath(u"home/runtime"_s); }
    // The binary on a database; `extra` after the common arguments (the targets, mostly).
    void start(QProcess &process, Mode mode, const QString &database, const QString &downloads,
               const QStringList &extra) const;
    // A first instance whose start is complete (its API, on a free port, is listening).
    void startReady(QProcess &process, Mode mode, const QString &database = {});
    // A second launch on the database from another folder: exits 0 within a few seconds.
    QByteArray handOver(const QStringList &extra, Mode mode = Mode::Headless);
    QUrl serve(const QString &name);
    QString writeList(const QString &name, const QList<QUrl> &urls) const;
    void expectDownloaded(const QString &folder, const QStringList &names) const;
    QString socketPath() const;
    void stop(QProcess &process) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    QHash<QString, QByteArray> m_bodies; // served name -> body
};

void TestSingleInstance::initTestCase()
{
    const QString binary = qEnvironmentVariable("SOULSPOT_BINARY");
    QVERIFY2(QFile::exists(binary), qPrintable(u"no binary at %1"_s.arg(binary)));
}

void TestSingleInstance::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(QDir().mkpath(m_dir->filePath(u"state"_s)) && QDir().mkpath(m_dir->filePath(u"elsewhere"_s)));
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_bodies.clear();
}

void TestSingleInstance::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestSingleInstance::start(QProcess &process, Mode mode, const QString &database,
                               const QString &downloads, const QStringList &extra) const
{
    process.setProcessEnvironment(SoulSpot::Test::isolatedEnvironment(m_dir->filePath(u"home"_s)));
    QStringList arguments{u"--database"_s, database, u"--download-dir"_s, downloads};
    if (mode == Mode::Headless)
        arguments.prepend(u"--headless"_s);
    process.start(qEnvironmentVariable("SOULSPOT_BINARY"), arguments + extra);
}

void TestSingleInstance::startReady(QProcess &process, Mode mode, const QString &database)
{
    const QString name = database.isEmpty() ? u"soulspot"_s : database;
    start(process, mode, databasePath(name), downloadDir(name == u"soulspot"_s ? u"music"_s : name),
          {u"--api"_s, u"--api-port"_s, u"0"_s});
    QByteArray out;
    QVERIFY2(SoulSpot::Test::waitForOutput(process, "API listening on", out),
             process.readAllStandardError().constData());
}

QByteArray TestSingleInstance::handOver(const QStringList &extra, Mode mode)
{
    QProcess second;
    // Its own working folder: relative paths are its own, not the first instance's.
    second.setWorkingDirectory(m_dir->filePath(u"elsewhere"_s));
    // A download folder of its own, which it must not even create.
    start(second, mode, databasePath(), downloadDir(u"second-music"_s), extra);
    QElapsedTimer clock;
    clock.start();
    if (!second.waitForFinished(5000))
        qWarning("the second launch still runs after 5 s");
    const QByteArray err = second.readAllStandardError();
    if (second.exitStatus() != QProcess::NormalExit || second.exitCode() != 0)
        qWarning("the second launch exited %d: %s", second.exitCode(), err.constData());
    if (QFileInfo::exists(downloadDir(u"second-music"_s)))
        qWarning("the second launch created its download folder");
    qInfo("hand-over of %s took %lld ms", qPrintable(extra.join(u' ')), clock.elapsed());
    return second.exitCode() == 0 && !QFileInfo::exists(downloadDir(u"second-music"_s))
               ? second.readAllStandardOutput()
               : QByteArray();
}

QUrl TestSingleInstance::serve(const QString &name)
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(50000 + m_bodies.size(), 40 + quint32(m_bodies.size()));
    m_bodies.insert(name, resource.body);
    m_server->setResource(u"/"_s + name, resource);
    return m_server->url(u"/"_s + name);
}

QString TestSingleInstance::writeList(const QString &name, const QList<QUrl> &urls) const
{
    QFile file(m_dir->filePath(u"elsewhere/"_s + name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    for (const QUrl &url : urls)
        file.write(url.toEncoded() + '\n');
    return name; // relative to the second launch's working folder
}

void TestSingleInstance::expectDownloaded(const QString &folder, const QStringList &names) const
{
    for (const QString &name : names)
    {
        const QString path = QDir(folder).filePath(name);
        QTRY_VERIFY2_WITH_TIMEOUT(QFileInfo::exists(path), qPrintable(path), 20000);
        QCOMPARE(TestHttpServer::sha256OfFile(path), TestHttpServer::sha256(m_bodies.value(name)));
    }
}

// The one socket of the test's runtime folder (only one instance runs when this is asked).
QString TestSingleInstance::socketPath() const
{
    const QStringList sockets = QDir(runtimeDir()).entryList({u"soulspot-bridge-*"_s}, QDir::System);
    return sockets.size() == 1 ? QDir(runtimeDir()).filePath(sockets.first()) : QString();
}

void TestSingleInstance::stop(QProcess &process) const
{
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void TestSingleInstance::secondLaunchHandsOver_data()
{
    QTest::addColumn<bool>("window");
    QTest::newRow("headless") << false;
    QTest::newRow("window") << true;
}

// A link, a list (by a path relative to the second launch's folder) and nothing: each second
// launch exits 0 at once, and the first downloads what it was given. With the window, each
// hand-over is one track, which a drop adds without asking.
void TestSingleInstance::secondLaunchHandsOver()
{
    QFETCH(bool, window);
    const Mode mode = window ? Mode::Window : Mode::Headless;
    QProcess first;
    startReady(first, mode);
    QVERIFY(!socketPath().isEmpty());

    QVERIFY(handOver({serve(u"linked.mp3"_s).toString()}).contains("handed over"));
    QVERIFY(!handOver({writeList(u"list.m3u"_s, {serve(u"listed.mp3"_s)})}).isEmpty());
    QVERIFY(!handOver({}).isEmpty());
    // A launch with the window hands over the same way.
    QVERIFY(!handOver({serve(u"from-window.mp3"_s).toString()}, Mode::Window).isEmpty());
    expectDownloaded(downloadDir(), {u"linked.mp3"_s, u"listed.mp3"_s, u"from-window.mp3"_s});
    stop(first);
    QVERIFY(socketPath().isEmpty()); // a clean end removes its socket
}

// `soulspot-bridge URL LIST` with nobody running: the window adds them as a drop (two tracks:
// after asking, so here only a single link), headless as --import does, all of them.
void TestSingleInstance::argumentsOfAFirstLaunchAreAdded()
{
    QProcess headless;
    headless.setWorkingDirectory(m_dir->filePath(u"elsewhere"_s));
    start(headless, Mode::Headless, databasePath(), downloadDir(),
          {serve(u"one.mp3"_s).toString(),
           writeList(u"two.m3u8"_s, {serve(u"two.mp3"_s), serve(u"three.mp3"_s)}), u"--exit-when-done"_s});
    QVERIFY(headless.waitForFinished(30000));
    QVERIFY2(headless.exitCode() == 0, headless.readAllStandardError().constData());
    expectDownloaded(downloadDir(), {u"one.mp3"_s, u"two.mp3"_s, u"three.mp3"_s});

    QProcess window;
    start(window, Mode::Window, databasePath(u"window"_s), downloadDir(u"window-music"_s),
          {serve(u"four.mp3"_s).toString()});
    expectDownloaded(downloadDir(u"window-music"_s), {u"four.mp3"_s});
    stop(window);
}

// Bad input is a clear error: on the command line before anything starts (exit 2, no database),
// and from a headless instance, which reads a handed-over list as --import does.
void TestSingleInstance::badArgumentsAreRefusedClearly()
{
    QProcess missing;
    start(missing, Mode::Headless, databasePath(), downloadDir(), {u"no-such-list.m3u"_s});
    QVERIFY(missing.waitForFinished(10000));
    QCOMPARE(missing.exitCode(), 2);
    QVERIFY(missing.readAllStandardError().contains("\"no-such-list.m3u\" is neither a file nor a link"));
    QVERIFY(!QFileInfo::exists(databasePath()));

    QProcess first;
    startReady(first, Mode::Headless);
    QFile bad(m_dir->filePath(u"elsewhere/bad.txt"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("https://example.invalid/fine.mp3\nthis line is neither\n");
    bad.close();
    // A launch with the window does not read the list itself: the headless instance refuses it.
    QProcess second;
    second.setWorkingDirectory(m_dir->filePath(u"elsewhere"_s));
    start(second, Mode::Window, databasePath(), downloadDir(), {u"bad.txt"_s});
    QVERIFY(second.waitForFinished(5000));
    const QByteArray err = second.readAllStandardError();
    QCOMPARE(second.exitCode(), 2);
    QVERIFY2(err.contains("line 2"), err.constData());
    // Nor does it read what is not a file: a device would be read for ever.
    QProcess device;
    start(device, Mode::Window, databasePath(), downloadDir(), {u"file:///dev/zero"_s});
    QVERIFY(device.waitForFinished(5000));
    QCOMPARE(device.exitCode(), 2);
    QVERIFY(device.readAllStandardError().contains("not a regular file"));
    QCOMPARE(first.state(), QProcess::Running);
    stop(first);
}

// kill -9 leaves the socket file; the next start on the database replaces it and takes
// hand-overs.
void TestSingleInstance::staleSocketAfterKillDoesNotBlock()
{
    QProcess first;
    startReady(first, Mode::Headless);
    const QString socket = socketPath();
    QVERIFY(!socket.isEmpty());
    first.kill();
    QVERIFY(first.waitForFinished(5000));
    QVERIFY(QFileInfo::exists(socket));

    QProcess next;
    startReady(next, Mode::Headless);
    QVERIFY(!handOver({serve(u"after-crash.mp3"_s).toString()}).isEmpty());
    expectDownloaded(downloadDir(), {u"after-crash.mp3"_s});
    stop(next);
}

// A launch on another database is an instance of its own, and hand-overs go by database.
void TestSingleInstance::anotherDatabaseRunsSideBySide()
{
    QProcess first;
    startReady(first, Mode::Headless);
    QProcess other;
    startReady(other, Mode::Headless, u"other"_s);
    QCOMPARE(other.state(), QProcess::Running);

    QProcess toOther;
    start(toOther, Mode::Headless, databasePath(u"other"_s), downloadDir(u"unused"_s),
          {serve(u"for-other.mp3"_s).toString()});
    QVERIFY(toOther.waitForFinished(5000));
    QCOMPARE(toOther.exitCode(), 0);
    QVERIFY(!handOver({serve(u"for-first.mp3"_s).toString()}).isEmpty());
    expectDownloaded(downloadDir(u"other"_s), {u"for-other.mp3"_s});
    expectDownloaded(downloadDir(), {u"for-first.mp3"_s});
    QVERIFY(!QFileInfo::exists(QDir(downloadDir()).filePath(u"for-other.mp3"_s)));
    stop(other);
    stop(first);
}

// The socket is its owner's alone. Clients that send nothing, garbage or too much are dropped
// (the idle one within seconds), and a real hand-over still gets through at once.
void TestSingleInstance::garbageClientsDoNotHurt()
{
    QProcess first;
    startReady(first, Mode::Headless);
    const QString path = socketPath();
    QCOMPARE(QFileInfo(path).permissions() & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                               QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
             QFileDevice::Permissions());
    QCOMPARE(QFileInfo(runtimeDir()).permissions() &
                 (QFile::ReadOther | QFile::WriteOther | QFile::ReadGroup | QFile::WriteGroup),
             QFileDevice::Permissions());

    std::vector<std::unique_ptr<QLocalSocket>> idle;
    for (int i = 0; i < 12; ++i) // more than the instance keeps open at once
    {
        idle.push_back(std::make_unique<QLocalSocket>());
        idle.back()->connectToServer(path);
        QVERIFY(idle.back()->waitForConnected(2000));
    }
    QLocalSocket garbage;
    garbage.connectToServer(path);
    QVERIFY(garbage.waitForConnected(2000));
    garbage.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(garbage.waitForDisconnected(3000));
    QLocalSocket flood;
    flood.connectToServer(path);
    QVERIFY(flood.waitForConnected(2000));
    flood.write("SOULSPOT-BRIDGE HAND-OVER 1\n" + QByteArray(2 * 1024 * 1024, 'a'));
    QTRY_COMPARE_WITH_TIMEOUT(flood.state(), QLocalSocket::UnconnectedState, 5000);

    QVERIFY(!handOver({serve(u"despite.mp3"_s).toString()}).isEmpty());
    expectDownloaded(downloadDir(), {u"despite.mp3"_s});
    QTRY_COMPARE_WITH_TIMEOUT(idle.back()->state(), QLocalSocket::UnconnectedState, 8000);
    QCOMPARE(first.state(), QProcess::Running);
    stop(first);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
