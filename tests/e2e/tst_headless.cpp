// SPDX-License-Identifier: GPL-3.0-or-later
// The soulspot-bridge binary end to end: imports, --exit-when-done, exit statuses, and crash
// safety under SIGKILL. Files come from a server the test starts on 127.0.0.1.
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "support/processenvironment.h"
#include "support/storagetestsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

class TestHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void importsListAndExitsWhenDone();
    void failedDownloadMakesExitStatusOne();
    void badSettingsExitTwo_data();
    void badSettingsExitTwo();
    void sigtermStopsCleanlyAndKeepsPartialFiles();
    void survivesSigkillThreeTimes();

private:
    QString binary() const;
    QProcessEnvironment environment() const;
    QStringList baseArguments() const;
    QString writeList(const QString &name, const QStringList &lines) const;
    void startBinary(QProcess &process, const QStringList &extra) const;
    QString downloadDir() const { return m_dir->filePath(u"music"_s); }
    QString databasePath() const { return m_dir->filePath(u"state/soulspot.db"_s); }
    QStringList filesInDownloadDir() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
};

void TestHeadless::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(u"no binary at %1"_s.arg(binary())));
}

void TestHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
}

void TestHeadless::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QString TestHeadless::binary() const
{
    return qEnvironmentVariable("SOULSPOT_BINARY");
}

QProcessEnvironment TestHeadless::environment() const
{
    return SoulSpot::Test::isolatedEnvironment(m_dir->filePath(u"home"_s));
}

QStringList TestHeadless::baseArguments() const
{
    return {u"--headless"_s, u"--no-api"_s,       u"--database"_s,
            databasePath(),  u"--download-dir"_s, downloadDir()};
}

QString TestHeadless::writeList(const QString &name, const QStringList &lines) const
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(lines.join(u'\n').toUtf8() + '\n');
    return path;
}

void TestHeadless::startBinary(QProcess &process, const QStringList &extra) const
{
    process.setProcessEnvironment(environment());
    process.start(binary(), baseArguments() + extra);
}

QStringList TestHeadless::filesInDownloadDir() const
{
    return QDir(downloadDir()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

void TestHeadless::importsListAndExitsWhenDone()
{
    QStringList urls;
    for (int i = 0; i < 6; ++i)
    {
        TestResource resource;
        resource.body = TestHttpServer::randomBody(200000 + i, 100 + i);
        m_server->setResource(u"/track%1.mp3"_s.arg(i), resource);
        urls.append(m_server->url(u"/track%1.mp3"_s.arg(i)).toString());
    }
    QProcess process;
    startBinary(process, {u"--import"_s, writeList(u"list.txt"_s, urls), u"--exit-when-done"_s});
    QVERIFY(process.waitForFinished(60000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QCOMPARE(out.count(u"done "_s), 6);
    QVERIFY2(out.contains(u"6 completed"_s), qPrintable(out));

    QCOMPARE(filesInDownloadDir().size(), 6);
    for (int i = 0; i < 6; ++i)
    {
        QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(u"track%1.mp3"_s.arg(i))),
                 TestHttpServer::sha256(TestHttpServer::randomBody(200000 + i, 100 + i)));
    }
}

void TestHeadless::failedDownloadMakesExitStatusOne()
{
    TestResource ok;
    ok.body = TestHttpServer::randomBody(1000, 1);
    m_server->setResource(u"/ok.mp3"_s, ok);
    QProcess process;
    startBinary(process, {u"--import"_s,
                          writeList(u"list.txt"_s, {m_server->url(u"/ok.mp3"_s).toString(),
                                                    m_server->url(u"/missing.mp3"_s).toString()}),
                          u"--exit-when-done"_s});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 1);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.contains(u"failed"_s) && out.contains(u"404"_s), qPrintable(out));
    QVERIFY(QFile::exists(QDir(downloadDir()).filePath(u"ok.mp3"_s)));
}

void TestHeadless::badSettingsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("env limit 0") << QStringList() << u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s << u"0"_s
                                 << u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s;
    QTest::newRow("env retries word") << QStringList() << u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s << u"many"_s
                                      << u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s;
    QTest::newRow("env bool") << QStringList() << u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s << u"perhaps"_s
                              << u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s;
    QTest::newRow("cli limit") << QStringList{u"--max-concurrent"_s, u"42"_s} << QString() << QString()
                               << u"max_concurrent_downloads"_s;
    QTest::newRow("env speed limit") << QStringList() << u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s << u"fast"_s
                                     << u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s;
    QTest::newRow("cli speed limit") << QStringList{u"--max-download-speed"_s, u"99999999"_s} << QString()
                                     << QString() << u"--max-download-speed"_s;
    QTest::newRow("env connections") << QStringList() << u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s << u"0"_s
                                     << u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s;
    QTest::newRow("cli connections") << QStringList{u"--connections"_s, u"17"_s} << QString() << QString()
                                     << u"--connections"_s;
    QTest::newRow("env segment size") << QStringList() << u"DOWNLOAD__MIN_SEGMENT_SIZE_MIB"_s << u"big"_s
                                      << u"DOWNLOAD__MIN_SEGMENT_SIZE_MIB"_s;
    QTest::newRow("priority") << QStringList{u"--priority"_s, u"5"_s} << QString() << QString()
                              << u"--priority"_s;
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << QString() << QString()
                                    << u"frobnicate"_s;
    QTest::newRow("missing import") << QStringList{u"--import"_s, u"/no/such/list.txt"_s} << QString()
                                    << QString() << u"/no/such/list.txt"_s;
    QTest::newRow("slskd url") << QStringList{u"--slskd-url"_s, u"ftp://nas:5030"_s} << QString() << QString()
                               << u"SLSKD__URL"_s;
    QTest::newRow("public api without token")
        << QStringList{u"--api"_s, u"--api-host"_s, u"0.0.0.0"_s} << QString() << QString() << u"token"_s;
    // The rules across values name the setting as the user sets it (Settings::validate).
    QTest::newRow("env public api without token")
        << QStringList() << u"SOULSPOT_API_HOST"_s << u"192.168.1.20"_s
        << u"--api-token / SOULSPOT_API_TOKEN"_s;
    QTest::newRow("env api host name") << QStringList{u"--api-token"_s, u"t"_s} << u"SOULSPOT_API_HOST"_s
                                       << u"my.server.example"_s << u"--api-host / SOULSPOT_API_HOST"_s;
    QTest::newRow("env slskd url") << QStringList() << u"SLSKD__URL"_s << u"127.0.0.1:5030"_s
                                   << u"--slskd-url / SLSKD__URL"_s;
    QTest::newRow("cli option named")
        << QStringList{u"--max-retries"_s, u"0"_s} << QString() << QString() << u"--max-retries"_s;
}

void TestHeadless::badSettingsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QProcess process;
    QProcessEnvironment env = environment();
    if (!variable.isEmpty())
        env.insert(variable, value);
    process.setProcessEnvironment(env);
    QStringList all = baseArguments();
    all.removeAll(u"--no-api"_s);
    process.start(binary(), all + arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY(!QFile::exists(databasePath())); // nothing was touched
}

void TestHeadless::sigtermStopsCleanlyAndKeepsPartialFiles()
{
    TestResource slow;
    slow.body = TestHttpServer::randomBody(4 * 1024 * 1024, 55);
    slow.bytesPerSecond = 512 * 1024;
    m_server->setResource(u"/slow.flac"_s, slow);
    QProcess process;
    // One stream, whose partial file grows with its bytes (segments size it to the whole file at
    // once: tests/robustness/tst_segmentkill covers them).
    startBinary(process, {u"--connections"_s, u"1"_s, u"--import"_s,
                          writeList(u"l.txt"_s, {m_server->url(u"/slow.flac"_s).toString()})});
    const QString partial = QDir(downloadDir()).filePath(u"slow.flac.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partial).size() > 100000, 20000);
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(QFile::exists(partial));

    Database database(databasePath());
    QVERIFY(database.open().ok());
    const auto rows = Test::listDownloads(DownloadRepository(database), std::nullopt, 0, 10);
    QCOMPARE(rows.total, 1);
    QCOMPARE(toString(rows.items.first().status), u"queued"_s);
    QVERIFY(rows.items.first().bytesDownloaded > 0);
}

void TestHeadless::survivesSigkillThreeTimes()
{
    QStringList urls;
    for (int i = 0; i < 3; ++i)
    {
        TestResource resource;
        resource.body = TestHttpServer::randomBody(3 * 1024 * 1024, 200 + i);
        resource.bytesPerSecond = 1024 * 1024;
        m_server->setResource(u"/song%1.flac"_s.arg(i), resource);
        urls.append(m_server->url(u"/song%1.flac"_s.arg(i)).toString());
    }
    const QString list = writeList(u"list.txt"_s, urls);
    for (int round = 0; round < 3; ++round)
    {
        QProcess process;
        // The list is imported once; later rounds only restart the engine on the same database.
        startBinary(process, round == 0 ? QStringList{u"--import"_s, list} : QStringList{});
        QVERIFY(process.waitForStarted());
        QTest::qWait(700 + 300 * round);
        process.kill(); // SIGKILL: no chance to save anything
        QVERIFY(process.waitForFinished(5000));
    }
    QProcess last;
    startBinary(last, {u"--exit-when-done"_s});
    QVERIFY(last.waitForFinished(60000));
    QCOMPARE(last.exitCode(), 0);

    QCOMPARE(filesInDownloadDir(), (QStringList{u"song0.flac"_s, u"song1.flac"_s, u"song2.flac"_s}));
    for (int i = 0; i < 3; ++i)
    {
        QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(u"song%1.flac"_s.arg(i))),
                 TestHttpServer::sha256(TestHttpServer::randomBody(3 * 1024 * 1024, 200 + i)));
    }
    Database database(databasePath());
    QVERIFY(database.open().ok());
    const auto rows = Test::listDownloads(DownloadRepository(database), std::nullopt, 0, 100);
    QCOMPARE(rows.total, 3); // nothing lost, nothing doubled
    for (const Download &row : rows.items)
        QCOMPARE(toString(row.status), u"completed"_s);
    // The restarts continued the partial files instead of starting over.
    int resumed = 0;
    for (const auto &request : m_server->requests())
        resumed += request.rangeHeader.startsWith("bytes=") ? 1 : 0;
    QVERIFY2(resumed >= 3, qPrintable(u"only %1 Range requests"_s.arg(resumed)));
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
