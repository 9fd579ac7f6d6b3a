// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #11 end to end: three headless workers (the real binary) on one database of a throwaway
// PostgreSQL cluster and one shared download folder, 300 downloads from a slow local server
// (a few slower than the 3 s lease, so that leases must be renewed), one worker killed with
// SIGKILL while it runs downloads. Every file ends complete exactly once (SHA-256), the folder
// holds exactly the finished files, every row is completed, the dead worker's downloads are
// finished by the others; a pause through one worker's API stops the starts on all within 2 s,
// and the counters of every live worker add up to the table.
#include "support/jsonapicall.h"
#include "support/postgresqlcluster.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;
using SoulSpot::Test::PostgreSqlCluster;
using SoulSpot::Test::TestHttpServer;

namespace {

constexpr int Downloads = 300;
constexpr int SlowOnes = 6;             // slower than the lease
constexpr qint64 FileSize = 200 * 1024; // a few hundred KiB
constexpr int Rate = 320 * 1024;        // bytes per second: about 0.6 s a file
constexpr int SlowRate = 40 * 1024;     // 5 s a file, the lease is 3 s
constexpr int ReachMs = 2000;           // the limit for a change to reach every worker
const QStringList names{u"w1"_s, u"w2"_s, u"w3"_s};

QString fileName(int i)
{
    return u"track-%1.mp3"_s.arg(i, 3, 10, QChar(u'0'));
}

quint32 seedOf(int i)
{
    return quint32(1000 + i);
}

} // namespace

class TestWorkersFarm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void threeWorkersOneQueue();

private:
    bool startWorker(int index);
    QJsonObject call(int worker, const QByteArray &method, const QString &route, const QJsonObject &body = {})
    {
        return SoulSpot::Test::callJsonApi(m_network, m_apis[worker], method, route, body);
    }
    int count(const QString &where);
    void enqueueAll();
    void killWhileRunning(QStringList &killedRows);
    void pauseStopsEveryWorker();
    void checkEveryFile(const QStringList &killedRows);
    void checkCounters();

    std::unique_ptr<PostgreSqlCluster> m_cluster;
    QTemporaryDir m_dir;
    TestHttpServer m_server;
    QString m_url;
    QString m_connection = u"farm-observer"_s;
    QNetworkAccessManager m_network;
    std::vector<std::unique_ptr<QProcess>> m_workers;
    QList<QUrl> m_apis;
};

void TestWorkersFarm::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("SOULSPOT_BINARY")), "SOULSPOT_BINARY is not set");
    SOULSPOT_START_CLUSTER_OR_SKIP(m_cluster);
    const QString database = m_cluster->createDatabase();
    QVERIFY2(!database.isEmpty(), qPrintable(m_cluster->error()));
    m_url = m_cluster->url(database);
    QVERIFY(m_server.start());
    for (int i = 0; i < Downloads; ++i)
    {
        m_server.setResource(u"/"_s + fileName(i), TestHttpServer::randomResource(
                                                       FileSize, seedOf(i), i < SlowOnes ? SlowRate : Rate));
    }
}

void TestWorkersFarm::cleanupTestCase()
{
    for (auto &worker : m_workers)
    {
        if (worker->state() != QProcess::NotRunning)
        {
            worker->terminate();
            if (!worker->waitForFinished(10000))
                worker->kill();
        }
    }
    m_workers.clear();
    QSqlDatabase::removeDatabase(m_connection);
}

bool TestWorkersFarm::startWorker(int index)
{
    auto process = std::make_unique<QProcess>();
    const QString home = m_dir.filePath(u"home-"_s + names[index]);
    process->setProcessEnvironment(SoulSpot::Test::isolatedEnvironment(home));
    process->setStandardErrorFile(m_dir.filePath(names[index] + u".log"_s));
    process->start(qEnvironmentVariable("SOULSPOT_BINARY"),
                   {u"--headless"_s, u"--quiet"_s, u"--api-port"_s, u"0"_s, u"--database"_s, m_url,
                    u"--download-dir"_s, m_dir.filePath(u"music"_s), u"--worker-name"_s, names[index],
                    u"--lease-seconds"_s, u"3"_s, u"--max-concurrent"_s, u"10"_s});
    QByteArray out;
    if (!SoulSpot::Test::waitForOutput(*process, "API listening on", out, 30000) ||
        (!out.mid(out.indexOf("API listening on")).contains('\n') &&
         !SoulSpot::Test::waitForOutput(*process, "\n", out, 10000)))
    {
        qWarning() << names[index] << "did not start:" << out;
        return false;
    }
    static const QRegularExpression listening(u"API listening on (\\S+)"_s);
    m_apis.append(QUrl(listening.match(QString::fromUtf8(out)).captured(1)));
    m_workers.push_back(std::move(process));
    return true;
}

int TestWorkersFarm::count(const QString &where)
{
    if (!QSqlDatabase::contains(m_connection))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connection);
        const QUrl url(m_url);
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(PostgreSqlCluster::user());
        db.setPassword(PostgreSqlCluster::password());
        if (!db.open())
            qFatal("cannot open the database to watch it");
    }
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.exec(u"SELECT COUNT(*) FROM downloads WHERE "_s + where) || !query.next())
        qFatal("cannot count: %s", qPrintable(where));
    return query.value(0).toInt();
}

// Tracks and their downloads through the first worker's API, in batches of the API's limit.
void TestWorkersFarm::enqueueAll()
{
    for (int first = 0; first < Downloads; first += 100)
    {
        QJsonArray tracks;
        for (int i = first; i < first + 100; ++i)
            tracks.append(QJsonObject{{u"source_url"_s, m_server.url(u"/"_s + fileName(i)).toString()}});
        const QJsonArray created =
            call(0, "POST", u"/api/tracks"_s, {{u"tracks"_s, tracks}}).value(u"tracks"_s).toArray();
        QCOMPARE(created.size(), 100);
        QJsonArray ids;
        for (const QJsonValue &track : created)
            ids.append(track.toObject().value(u"id"_s));
        const QJsonObject batch = call(0, "POST", u"/api/downloads/batch"_s, {{u"track_ids"_s, ids}});
        QCOMPARE(batch.value(u"job_ids"_s).toArray().size(), 100);
    }
}

// w2 dies with SIGKILL while it runs downloads (a slow one among them, when it has one).
void TestWorkersFarm::killWhileRunning(QStringList &killedRows)
{
    QTRY_VERIFY_WITH_TIMEOUT(count(u"status = 'downloading' AND lease_owner = 'w2'"_s) >= 3, 10000);
    m_workers[1]->kill();
    QVERIFY(m_workers[1]->waitForFinished(5000));
    QSqlQuery query(QSqlDatabase::database(m_connection));
    QVERIFY(query.exec(u"SELECT id FROM downloads WHERE status = 'downloading' AND lease_owner = 'w2'"_s));
    while (query.next())
        killedRows.append(query.value(0).toString());
    QVERIFY(!killedRows.isEmpty());
}

// A pause through w1's API: within 2 s no worker runs anything, and nothing starts again.
void TestWorkersFarm::pauseStopsEveryWorker()
{
    QCOMPARE(call(0, "POST", u"/api/downloads/pause"_s).value(u"status"_s).toString(), u"paused"_s);
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(call(2, "GET", u"/api/downloads/status"_s).value(u"paused"_s).toBool(), ReachMs);
    // The dead worker's rows stay `downloading` until their lease expires; the live ones stop.
    QTRY_COMPARE_WITH_TIMEOUT(count(u"status = 'downloading' AND lease_owner <> 'w2'"_s), 0, ReachMs);
    QVERIFY2(clock.elapsed() <= ReachMs + 500, qPrintable(QString::number(clock.elapsed())));
    const int completed = count(u"status = 'completed'"_s);
    QTest::qWait(1500);
    QCOMPARE(count(u"status = 'downloading' AND lease_owner <> 'w2'"_s), 0);
    QCOMPARE(count(u"status = 'completed'"_s), completed);
    QCOMPARE(call(2, "POST", u"/api/downloads/resume"_s).value(u"status"_s).toString(), u"active"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!call(0, "GET", u"/api/downloads/status"_s).value(u"paused"_s).toBool(),
                             ReachMs);
}

void TestWorkersFarm::checkEveryFile(const QStringList &killedRows)
{
    QCOMPARE(count(u"status = 'completed'"_s), Downloads);
    QSqlQuery query(QSqlDatabase::database(m_connection));
    QVERIFY(query.exec(u"SELECT id, source_url, target_path, lease_owner FROM downloads"_s));
    QStringList expected;
    while (query.next())
    {
        const QString name = QUrl(query.value(1).toString()).fileName();
        const int i = name.mid(6, 3).toInt();
        const QString path = query.value(2).toString();
        QCOMPARE(QFileInfo(path).fileName(), name); // never "NAME (1)"
        QCOMPARE(TestHttpServer::sha256OfFile(path),
                 TestHttpServer::sha256(TestHttpServer::randomBody(FileSize, seedOf(i))));
        if (killedRows.contains(query.value(0).toString()))
            QVERIFY2(query.value(3).toString() != u"w2"_s, qPrintable(name));
        expected.append(name);
    }
    expected.sort();
    // Exactly the finished files: nothing partial, no copy, no lock file.
    QCOMPARE(QDir(m_dir.filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);
}

// Every live worker counts the whole queue, and lists the live workers.
void TestWorkersFarm::checkCounters()
{
    for (int worker : {0, 2})
    {
        QTRY_COMPARE_WITH_TIMEOUT(
            call(worker, "GET", u"/api/downloads/status"_s).value(u"completed"_s).toInt(), Downloads,
            ReachMs);
        const QJsonObject status = call(worker, "GET", u"/api/downloads/status"_s);
        QCOMPARE(status.value(u"total_jobs"_s).toInt(), Downloads);
        QCOMPARE(status.value(u"active_downloads"_s).toInt(), 0);
        QCOMPARE(status.value(u"queued_downloads"_s).toInt(), 0);
        const QJsonObject workers = call(worker, "GET", u"/api/workers"_s);
        QCOMPARE(workers.value(u"total"_s).toInt(), 2);
        const QJsonArray items = workers.value(u"items"_s).toArray();
        QCOMPARE(items.at(0).toObject().value(u"name"_s).toString(), u"w1"_s);
        QCOMPARE(items.at(1).toObject().value(u"name"_s).toString(), u"w3"_s);
        QCOMPARE(items.at(1).toObject().value(u"max_concurrent_downloads"_s).toInt(), 10);
    }
}

void TestWorkersFarm::threeWorkersOneQueue()
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 3; ++i)
        QVERIFY(startWorker(i));
    enqueueAll();
    QStringList killedRows;
    killWhileRunning(killedRows);
    pauseStopsEveryWorker();
    QTRY_COMPARE_WITH_TIMEOUT(count(u"status = 'completed'"_s), Downloads, 60000);
    checkEveryFile(killedRows);
    checkCounters();
    qInfo() << "three workers, 300 downloads, one killed while it ran" << killedRows.size()
            << "of them:" << clock.elapsed() << "ms";
}

QTEST_GUILESS_MAIN(TestWorkersFarm)
#include "tst_workersfarm.moc"
