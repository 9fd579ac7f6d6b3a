// SPDX-License-Identifier: GPL-3.0-or-later
// The queue's pause in the soulspot-bridge binary, headless, through its REST API (issue #9): a
// pause survives a crash (SIGKILL) and a restart; a download folder that cannot be written pauses
// the queue (an error line, paused_reason in the status) and it continues when the folder works. Files come
// from a server the test starts on 127.0.0.1 and are checked by SHA-256.
#include "support/jsonapicall.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 60000;

// One running binary with its API on a free port.
struct Running
{
    QProcess process;
    QUrl api;
    QByteArray out;
};

} // namespace

class TestHeadlessPause : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void pauseSurvivesCrashAndRestart();
    void unwritableFolderPausesAndContinues();

private:
    QString binary() const { return qEnvironmentVariable("SOULSPOT_BINARY"); }
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString downloadDir() const { return path(u"base/music"_s); }
    bool start(Running &running, const QStringList &extra = {});
    void pauseInFirstRun();
    void verifyFiles(int count) const;
    QJsonObject call(const QUrl &api, const QByteArray &method, const QString &route)
    {
        return Test::callJsonApi(m_network, api, method, route);
    }
    QString writeList(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    QNetworkAccessManager m_network;
};

void TestHeadlessPause::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(u"no binary at %1"_s.arg(binary())));
}

void TestHeadlessPause::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
}

void TestHeadlessPause::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

// Starts the binary headless and waits for its "API listening on URL" line (the start is
// complete then, an import included).
bool TestHeadlessPause::start(Running &running, const QStringList &extra)
{
    running.process.setProcessEnvironment(Test::isolatedEnvironment(path(u"home"_s)));
    running.process.start(binary(),
                          QStringList{u"--headless"_s, u"--api-port"_s, u"0"_s, u"--database"_s,
                                      path(u"state/soulspot.db"_s), u"--download-dir"_s, downloadDir()} +
                              extra);
    static const QRegularExpression listening(u"API listening on (\\S+)"_s);
    QDeadlineTimer deadline(20000);
    QRegularExpressionMatch match;
    while (!match.hasMatch() && !deadline.hasExpired() && running.process.state() != QProcess::NotRunning)
    {
        running.process.waitForReadyRead(100);
        running.out += running.process.readAllStandardOutput();
        match = listening.match(QString::fromUtf8(running.out));
    }
    running.api = QUrl(match.captured(1));
    return running.api.isValid();
}

QString TestHeadlessPause::writeList(int count)
{
    QStringList urls;
    for (int i = 0; i < count; ++i)
    {
        TestResource resource;
        resource.body = TestHttpServer::randomBody(200000 + i, 700 + i);
        m_server->setResource(u"/track%1.mp3"_s.arg(i), resource);
        urls.append(m_server->url(u"/track%1.mp3"_s.arg(i)).toString());
    }
    const QString file = path(u"list.txt"_s);
    QFile list(file);
    if (list.open(QIODevice::WriteOnly))
        list.write(urls.join(u'\n').toUtf8() + '\n');
    return file;
}

void TestHeadlessPause::pauseSurvivesCrashAndRestart()
{
    {
        Running first;
        QVERIFY(start(first));
        QCOMPARE(call(first.api, "POST", u"/api/downloads/pause"_s).value(u"status"_s).toString(),
                 u"paused"_s);
        first.process.kill(); // a crash: nothing is saved at the end
        QVERIFY(first.process.waitForFinished(5000));
    }

    // The import is stored before the API listens; with the queue running, its first downloads
    // would be `downloading` by then.
    Running second;
    QVERIFY(start(second, {u"--import"_s, writeList(6)}));
    QJsonObject status = call(second.api, "GET", u"/api/downloads/status"_s);
    QCOMPARE(status.value(u"paused"_s).toBool(), true);
    QVERIFY(status.value(u"paused_reason"_s).isNull()); // paused by a user, not by the program
    QCOMPARE(status.value(u"queued_downloads"_s).toInt(), 6);
    QCOMPARE(status.value(u"active_downloads"_s).toInt(), 0);
    QCOMPARE(m_server->requests().size(), 0);
    QVERIFY2(second.out.contains("queue   paused"), second.out.constData());

    QCOMPARE(call(second.api, "POST", u"/api/downloads/resume"_s).value(u"status"_s).toString(), u"active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        call(second.api, "GET", u"/api/downloads/status"_s).value(u"completed"_s).toInt(), 6, Timeout);
    verifyFiles(6);
    second.process.terminate();
    QVERIFY(second.process.waitForFinished(5000));
}

// A first run pauses the queue through the API, then crashes.
void TestHeadlessPause::pauseInFirstRun()
{
    Running first;
    QVERIFY(start(first));
    QCOMPARE(call(first.api, "POST", u"/api/downloads/pause"_s).value(u"status"_s).toString(), u"paused"_s);
    first.process.kill();
    QVERIFY(first.process.waitForFinished(5000));
}

void TestHeadlessPause::verifyFiles(int count) const
{
    for (int i = 0; i < count; ++i)
    {
        QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(u"track%1.mp3"_s.arg(i))),
                 TestHttpServer::sha256(TestHttpServer::randomBody(200000 + i, 700 + i)));
    }
}

void TestHeadlessPause::unwritableFolderPausesAndContinues()
{
    pauseInFirstRun();
    if (QTest::currentTestFailed())
        return;
    Running second;
    QVERIFY(start(second, {u"--import"_s, writeList(8)}));
    // The folder's parent becomes a regular file: no user, root included, can write there.
    QVERIFY(QDir(path(u"base"_s)).removeRecursively());
    QFile blocker(path(u"base"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    call(second.api, "POST", u"/api/downloads/resume"_s);
    QJsonObject status;
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = call(second.api, "GET", u"/api/downloads/status"_s)).value(u"paused_reason"_s).isString(),
        Timeout);
    const QString reason = status.value(u"paused_reason"_s).toString();
    QVERIFY2(reason.contains(downloadDir()) && reason.contains(u"Not a directory"_s), qPrintable(reason));
    QCOMPARE(status.value(u"paused"_s).toBool(), true);
    QCOMPARE(status.value(u"failed"_s).toInt(), 0);
    QCOMPARE(status.value(u"queued_downloads"_s).toInt(), 8);
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(second.process.readAllStandardError()))
                                 .contains(u"error: the download folder"_s),
                             5000);
    QCOMPARE(err.count(u"error: the download folder"_s), 1);
    QVERIFY2(err.contains(downloadDir()), qPrintable(err));

    // The folder works again: the program notices by itself and every file arrives whole.
    QVERIFY(QFile::remove(path(u"base"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(
        call(second.api, "GET", u"/api/downloads/status"_s).value(u"completed"_s).toInt(), 8, Timeout);
    status = call(second.api, "GET", u"/api/downloads/status"_s);
    QCOMPARE(status.value(u"paused"_s).toBool(), false);
    QVERIFY(status.value(u"paused_reason"_s).isNull());
    verifyFiles(8);
    second.process.terminate();
    QVERIFY(second.process.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestHeadlessPause)
#include "tst_headlesspause.moc"
