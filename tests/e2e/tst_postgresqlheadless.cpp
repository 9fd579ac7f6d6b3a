// SPDX-License-Identifier: GPL-3.0-or-later
// The soulspot-bridge binary on a PostgreSQL database (issue #11 item 1), against a throwaway
// cluster the test starts (support/postgresqlcluster.h): a refused password, a port nobody
// listens on and a bad URL end the start with exit 2 within 10 s, naming the setting and
// PostgreSQL's or the system's reason, and never showing the password; a good URL starts headless,
// and a track enqueued through the REST API is downloaded from a local server (SHA-256) and
// listed from the database.
#include "support/jsonapicall.h"
#include "support/postgresqlcluster.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::PostgreSqlCluster;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

// What the start may take at most for a refused connection (the limit).
constexpr qint64 RefusalLimitMs = 10000;

struct Ended
{
    int exitCode = -1;
    qint64 elapsedMs = 0;
    QString out; // stdout and stderr
    QString err;
};

} // namespace

class TestPostgreSqlHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void refusedConnectionEndsTheStart_data();
    void refusedConnectionEndsTheStart();
    void environmentVariableIsNamed();
    void goodUrlServesTheQueue();
    void sameWorkerNameIsRefused();
    void quickRestartAfterKillIsRefused();

private:
    QString binary() const { return qEnvironmentVariable("SOULSPOT_BINARY"); }
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QProcessEnvironment environment() const { return Test::isolatedEnvironment(path(u"home"_s)); }
    Ended runToEnd(const QStringList &arguments, const QProcessEnvironment &environment);
    QJsonObject call(const QUrl &api, const QByteArray &method, const QString &route,
                     const QJsonObject &body = {})
    {
        return Test::callJsonApi(m_network, api, method, route, body);
    }

    std::unique_ptr<PostgreSqlCluster> m_cluster;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database;
    QNetworkAccessManager m_network;
};

void TestPostgreSqlHeadless::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(u"no binary at %1"_s.arg(binary())));
    SOULSPOT_START_CLUSTER_OR_SKIP(m_cluster);
}

void TestPostgreSqlHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_database = m_cluster->createDatabase();
    QVERIFY2(!m_database.isEmpty(), qPrintable(m_cluster->error()));
}

void TestPostgreSqlHeadless::cleanup()
{
    m_dir.reset();
}

Ended TestPostgreSqlHeadless::runToEnd(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(binary(),
                  QStringList{u"--headless"_s, u"--no-api"_s, u"--download-dir"_s, path(u"music"_s)} +
                      arguments);
    Ended ended;
    if (!process.waitForFinished(60000))
    {
        process.kill();
        process.waitForFinished();
    }
    ended.elapsedMs = clock.elapsed();
    ended.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    ended.err = QString::fromUtf8(process.readAllStandardError());
    ended.out = QString::fromUtf8(process.readAllStandardOutput()) + ended.err;
    return ended;
}

// Every way the connection fails: exit 2 in time, the setting and the reason named, no password.
// (A _data function runs before init(): the cluster's own database "postgres" is the target.)
void TestPostgreSqlHeadless::refusedConnectionEndsTheStart_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("reason");

    const QString wrongPassword = u"wr0ng s3cret!"_s;
    QUrl wrong(m_cluster->url(u"postgres"_s));
    wrong.setPassword(wrongPassword);
    QTest::newRow("refused password")
        << wrong.toString(QUrl::FullyEncoded) << wrongPassword << u"password authentication failed"_s;

    QTcpServer probe; // a port nobody listens on once the probe is gone
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    QUrl refused(m_cluster->url(u"postgres"_s));
    refused.setPort(closedPort);
    QTest::newRow("nobody listening")
        << refused.toString(QUrl::FullyEncoded) << PostgreSqlCluster::password() << u"Connection refused"_s;

    QTest::newRow("no host") << u"postgresql://soulspot:t0ps3cret@/music"_s << u"t0ps3cret"_s
                             << u"the host is missing"_s;
    QTest::newRow("unknown option") << u"postgresql://soulspot:t0ps3cret@127.0.0.1/music?sslmod=require"_s
                                    << u"t0ps3cret"_s << u"unknown option"_s;
    // sslmode reaches libpq: the test server has no TLS, so requiring it is refused.
    const QString ssl = m_cluster->url(u"postgres"_s) + u"?sslmode=require"_s;
    QTest::newRow("sslmode=require") << ssl << PostgreSqlCluster::password() << u"SSL"_s;
}

void TestPostgreSqlHeadless::refusedConnectionEndsTheStart()
{
    QFETCH(QString, url);
    QFETCH(QString, password);
    QFETCH(QString, reason);
    const Ended ended = runToEnd({u"--database"_s, url}, environment());
    QCOMPARE(ended.exitCode, 2);
    QVERIFY2(ended.elapsedMs < RefusalLimitMs, qPrintable(u"took %1 ms"_s.arg(ended.elapsedMs)));
    QVERIFY2(ended.err.contains(u"--database"_s), qPrintable(ended.err));
    QVERIFY2(ended.err.contains(reason), qPrintable(ended.err));
    QVERIFY2(!ended.out.contains(password), qPrintable(ended.out));
    QVERIFY2(!ended.out.contains(QString::fromLatin1(QUrl::toPercentEncoding(password))),
             qPrintable(ended.out));
}

void TestPostgreSqlHeadless::environmentVariableIsNamed()
{
    QUrl wrong(m_cluster->url(m_database));
    wrong.setPassword(u"not it"_s);
    QProcessEnvironment env = environment();
    env.insert(u"SOULSPOT_DATABASE"_s, wrong.toString(QUrl::FullyEncoded));
    const Ended ended = runToEnd({}, env);
    QCOMPARE(ended.exitCode, 2);
    QVERIFY2(ended.err.contains(u"SOULSPOT_DATABASE"_s), qPrintable(ended.err));
    QVERIFY2(ended.err.contains(u"password authentication failed"_s), qPrintable(ended.err));
    QVERIFY2(!ended.out.contains(u"not it"_s) && !ended.out.contains(u"not%20it"_s), qPrintable(ended.out));
}

void TestPostgreSqlHeadless::goodUrlServesTheQueue()
{
    TestHttpServer server;
    QVERIFY(server.start());
    TestResource resource;
    resource.body = TestHttpServer::randomBody(300000, 11);
    server.setResource(u"/song.mp3"_s, resource);

    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(binary(), {u"--headless"_s, u"--api-port"_s, u"0"_s, u"--database"_s,
                             m_cluster->url(m_database), u"--download-dir"_s, path(u"music"_s)});
    QByteArray out;
    QVERIFY2(Test::waitForOutput(process, "API listening on", out, 30000),
             QByteArray(out + process.readAllStandardError()).constData());
    // The read may have cut the line; its end is the end of the address.
    QByteArray line = out.mid(out.indexOf("API listening on"));
    QVERIFY(line.contains('\n') || Test::waitForOutput(process, "\n", line, 10000));
    static const QRegularExpression listening(u"API listening on (\\S+)"_s);
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(line));
    QVERIFY(match.hasMatch());
    const QUrl api(match.captured(1));

    const QJsonObject track =
        call(api, "POST", u"/api/tracks"_s,
             {{u"title"_s, u"Song"_s}, {u"source_url"_s, server.url(u"/song.mp3"_s).toString()}});
    const QString trackId = track.value(u"id"_s).toString();
    QVERIFY2(!trackId.isEmpty(), QJsonDocument(track).toJson().constData());
    const QJsonObject batch = call(api, "POST", u"/api/downloads/batch"_s,
                                   {{u"track_ids"_s, QJsonArray{trackId}}, {u"priority"_s, 1}});
    QCOMPARE(batch.value(u"job_ids"_s).toArray().size(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(call(api, "GET", u"/api/downloads/status"_s).value(u"completed"_s).toInt(), 1,
                              60000);
    const QJsonObject listed = call(api, "GET", u"/api/downloads"_s);
    QCOMPARE(listed.value(u"total"_s).toInt(), 1);
    const QJsonObject download = listed.value(u"items"_s).toArray().first().toObject();
    QCOMPARE(download.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(download.value(u"track_id"_s).toString(), trackId);
    const QString file = download.value(u"target_path"_s).toString();
    QCOMPARE(TestHttpServer::sha256OfFile(file), TestHttpServer::sha256(resource.body));

    process.terminate();
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    const QString all = QString::fromUtf8(out + process.readAll() + process.readAllStandardError());
    QVERIFY2(!all.contains(PostgreSqlCluster::password()), qPrintable(all));
}

// Issue #11: a worker's name is one live process. A second process of the same name exits 2 in
// time, naming the worker and where the live one runs (host, pid).
void TestPostgreSqlHeadless::sameWorkerNameIsRefused()
{
    QProcess first;
    first.setProcessEnvironment(environment());
    first.start(binary(),
                {u"--headless"_s, u"--api-port"_s, u"0"_s, u"--database"_s, m_cluster->url(m_database),
                 u"--download-dir"_s, path(u"music"_s), u"--worker-name"_s, u"box-1"_s});
    QByteArray out;
    // The API starts after the worker has joined.
    QVERIFY2(Test::waitForOutput(first, "API listening on", out, 30000),
             QByteArray(out + first.readAllStandardError()).constData());

    QProcessEnvironment env = environment();
    env.insert(u"SOULSPOT_WORKER_NAME"_s, u"box-1"_s);
    const Ended second = runToEnd({u"--database"_s, m_cluster->url(m_database)}, env);
    QCOMPARE(second.exitCode, 2);
    QVERIFY2(second.elapsedMs < 15000, qPrintable(QString::number(second.elapsedMs)));
    for (const QString &part :
         {u"\"box-1\""_s, QSysInfo::machineHostName(), u"pid %1"_s.arg(first.processId())})
        QVERIFY2(second.err.contains(part), qPrintable(second.err));

    // Another name is welcome at the same time.
    env.insert(u"SOULSPOT_WORKER_NAME"_s, u"box-2"_s);
    QProcess other;
    other.setProcessEnvironment(env);
    other.start(binary(), {u"--headless"_s, u"--api-port"_s, u"0"_s, u"--database"_s,
                           m_cluster->url(m_database), u"--download-dir"_s, path(u"music"_s)});
    QByteArray otherOut;
    QVERIFY2(Test::waitForOutput(other, "API listening on", otherOut, 30000),
             QByteArray(otherOut + other.readAllStandardError()).constData());
    other.terminate();
    first.terminate();
    QVERIFY(other.waitForFinished(20000));
    QVERIFY(first.waitForFinished(20000));
    QCOMPARE(first.exitCode(), 0);
}

// A worker killed with SIGKILL leaves its heartbeat behind: a restart under its name within the
// lease is refused (the killed one may still be finishing a rename for all the new one knows),
// naming the worker, host and pid; once the lease has run out the name is free again.
void TestPostgreSqlHeadless::quickRestartAfterKillIsRefused()
{
    const QStringList arguments{u"--headless"_s,
                                u"--api-port"_s,
                                u"0"_s,
                                u"--database"_s,
                                m_cluster->url(m_database),
                                u"--download-dir"_s,
                                path(u"music"_s),
                                u"--worker-name"_s,
                                u"box-k"_s,
                                u"--lease-seconds"_s,
                                u"6"_s};
    QProcess first;
    first.setProcessEnvironment(environment());
    first.start(binary(), arguments);
    QByteArray out;
    QVERIFY2(Test::waitForOutput(first, "API listening on", out, 30000),
             QByteArray(out + first.readAllStandardError()).constData());
    const qint64 pid = first.processId();
    first.kill();
    QVERIFY(first.waitForFinished(5000));
    QElapsedTimer sinceKill;
    sinceKill.start();

    const Ended second = runToEnd({u"--database"_s, m_cluster->url(m_database), u"--worker-name"_s,
                                   u"box-k"_s, u"--lease-seconds"_s, u"6"_s},
                                  environment());
    QCOMPARE(second.exitCode, 2);
    for (const QString &part : {u"\"box-k\""_s, QSysInfo::machineHostName(), u"pid %1"_s.arg(pid)})
        QVERIFY2(second.err.contains(part), qPrintable(second.err));

    QTest::qWait(int(qMax<qint64>(0, 6500 - sinceKill.elapsed())));
    QProcess third;
    third.setProcessEnvironment(environment());
    third.start(binary(), arguments);
    QByteArray thirdOut;
    QVERIFY2(Test::waitForOutput(third, "API listening on", thirdOut, 30000),
             QByteArray(thirdOut + third.readAllStandardError()).constData());
    third.terminate();
    QVERIFY(third.waitForFinished(20000));
}

QTEST_GUILESS_MAIN(TestPostgreSqlHeadless)
#include "tst_postgresqlheadless.moc"
