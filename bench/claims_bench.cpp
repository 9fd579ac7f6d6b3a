// SPDX-License-Identifier: GPL-3.0-or-later
// claims_bench (issue #11): how fast workers on one PostgreSQL database claim and complete tiny
// downloads from a local server. A throwaway cluster (tests/support/postgresqlcluster.h), 10,000
// downloads of 2 KiB enqueued while the queue is paused, then the workers (the real binary,
// headless) started and the queue resumed; the clock runs from the resume to the last completed
// row. One round per worker count given (default "1,3"), each on a fresh database, in the same
// run. Prints downloads per second, each worker's share and, from PostgreSQL's statistics, the
// transactions (statements outside a transaction count one each) and row updates per download.
// Exit 0 when the last round reaches --goal downloads per second.
//
// --log-statements PREFIX keeps every statement of the workers (PostgreSQL's log_statement = all)
// in PREFIX-N.log for the round of N workers, to count them by kind.
//
//   claims_bench [--downloads N] [--workers 1,3] [--concurrent N] [--size BYTES] [--goal N]
//                [--log-statements PREFIX]
#include "service/downloadservice.h"
#include "storage/database.h"
#include "support/postgresqlcluster.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

struct Options
{
    int downloads = 10000;
    QList<int> workerCounts{1, 3};
    int concurrent = 10;
    int size = 2048;
    double goal = 1000.0;
    // Where each round's statements go (log_statement = all for the workers' connections), as
    // PREFIX-N.log for N workers; empty: not logged.
    QString statementLog;
};

struct Round
{
    int workers = 0;
    qint64 ms = 0;
    double perSecond = 0;
    double transactionsPerDownload = 0;
    double updatesPerDownload = 0;
    QString shares;
};

qint64 number(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("cannot run %s", qPrintable(sql));
    return query.value(0).toLongLong();
}

QString text(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        qFatal("cannot run %s", qPrintable(sql));
    QStringList rows;
    while (query.next())
        rows << u"%1 %2"_s.arg(query.value(0).toString(), query.value(1).toString());
    return rows.join(u", "_s);
}

// The workers' connections (opened after this) log every statement; the server's log from here on
// is the round's. Returns where the round's part of the log starts.
qint64 logStatements(const Database &database, const QString &name, const PostgreSqlCluster &cluster)
{
    QSqlQuery query(database.connection());
    if (!query.exec(u"ALTER DATABASE %1 SET log_statement = 'all'"_s.arg(name)))
        qFatal("cannot log the statements: %s", qPrintable(query.lastError().text()));
    return QFileInfo(cluster.logPath()).size();
}

void keepLog(const PostgreSqlCluster &cluster, qint64 from, const QString &path)
{
    QFile log(cluster.logPath());
    QFile kept(path);
    if (!log.open(QIODevice::ReadOnly) || !log.seek(from) || !kept.open(QIODevice::WriteOnly))
        qFatal("cannot copy the server's log to %s", qPrintable(path));
    while (!log.atEnd())
        kept.write(log.read(1 << 20));
}

// The downloads, enqueued through the service (not started: it claims nothing) with the queue
// paused, so that the clock starts at the resume.
void enqueue(DownloadService &service, const TestHttpServer &server, int downloads)
{
    service.pauseQueue();
    QList<TrackInput> inputs;
    inputs.reserve(downloads);
    for (int i = 0; i < downloads; ++i)
    {
        TrackInput input;
        input.sourceUrl = server.url(u"/f%1.mp3"_s.arg(i)).toString();
        inputs.append(input);
    }
    if (const Result<QList<Download>> added = service.addTracks(inputs); !added)
        qFatal("cannot enqueue: %s", qPrintable(added.error().message));
}

std::vector<std::unique_ptr<QProcess>> startWorkers(int count, const QString &url, const QString &dir,
                                                    const Database &database, int concurrent)
{
    std::vector<std::unique_ptr<QProcess>> workers;
    for (int i = 0; i < count; ++i)
    {
        auto process = std::make_unique<QProcess>();
        const QString name = u"bench-%1"_s.arg(i + 1);
        process->setProcessEnvironment(isolatedEnvironment(dir + u"/home-"_s + name));
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(dir + u"/"_s + name + u".log"_s);
        process->start(qEnvironmentVariable("SOULSPOT_BINARY", u"build/bin/soulspot-bridge"_s),
                       {u"--headless"_s, u"--no-api"_s, u"--quiet"_s, u"--database"_s, url,
                        u"--download-dir"_s, dir + u"/music"_s, u"--worker-name"_s, name,
                        u"--max-concurrent"_s, QString::number(concurrent)});
        workers.push_back(std::move(process));
    }
    // Joined: every worker is in the table (they start paused).
    if (!QTest::qWaitFor([&] { return number(database, u"SELECT COUNT(*) FROM workers"_s) == count; }, 60000))
        qFatal("the workers did not start; see %s", qPrintable(dir));
    return workers;
}

Round runRound(PostgreSqlCluster &cluster, const TestHttpServer &server, const Options &options, int count)
{
    QTemporaryDir dir;
    const QString name = cluster.createDatabase();
    const QString url = cluster.url(name);
    Database database(url);
    if (!database.open())
        qFatal("cannot open %s", qPrintable(url));
    ServiceOptions serviceOptions;
    serviceOptions.downloadDirectory = dir.filePath(u"music"_s);
    serviceOptions.workerName = u"bench-enqueuer"_s;
    DownloadService service(database, serviceOptions);
    enqueue(service, server, options.downloads);
    const qint64 logStart = options.statementLog.isEmpty() ? 0 : logStatements(database, name, cluster);
    auto workers = startWorkers(count, url, dir.path(), database, options.concurrent);

    const QString stats = u"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = "
                          "current_database()"_s;
    const QString updates = u"SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'downloads'"_s;
    QSqlQuery(database.connection()).exec(u"SELECT pg_stat_clear_snapshot()"_s);
    const qint64 transactionsBefore = number(database, stats);
    const qint64 updatesBefore = number(database, updates);
    QElapsedTimer clock;
    clock.start();
    service.resumeQueue();
    const QString done = u"SELECT COUNT(*) FROM downloads WHERE status = 'completed'"_s;
    // Counted every 50 ms: QTest::qWaitFor() counts every 10 ms, and 100 counts a second of 10,000
    // rows took the database a share of the CPU that the workers' downloads compete for. The end
    // is seen at most 50 ms late.
    QDeadlineTimer deadline(600000);
    while (number(database, done) < options.downloads)
    {
        if (deadline.hasExpired())
            qFatal("not all completed: %lld", number(database, done));
        QTest::qWait(50);
    }
    Round round;
    round.workers = count;
    round.ms = clock.elapsed();
    round.perSecond = options.downloads * 1000.0 / double(qMax<qint64>(1, round.ms));
    // The statistics reach the views within a moment of each transaction's end.
    QTest::qWait(700);
    QSqlQuery(database.connection()).exec(u"SELECT pg_stat_clear_snapshot()"_s);
    round.transactionsPerDownload = double(number(database, stats) - transactionsBefore) / options.downloads;
    round.updatesPerDownload = double(number(database, updates) - updatesBefore) / options.downloads;
    round.shares =
        text(database, u"SELECT lease_owner, COUNT(*) FROM downloads GROUP BY lease_owner ORDER BY 1"_s);
    for (auto &worker : workers)
        worker->terminate();
    for (auto &worker : workers)
        worker->waitForFinished(20000);
    if (!options.statementLog.isEmpty())
        keepLog(cluster, logStart, u"%1-%2.log"_s.arg(options.statementLog).arg(count));
    return round;
}

Options parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{u"downloads"_s, u"Downloads per round."_s, u"n"_s, u"10000"_s},
         {u"workers"_s, u"Worker counts, one round each."_s, u"list"_s, u"1,3"_s},
         {u"concurrent"_s, u"Downloads at once per worker."_s, u"n"_s, u"10"_s},
         {u"size"_s, u"Bytes per file."_s, u"n"_s, u"2048"_s},
         {u"goal"_s, u"Downloads per second of the last round."_s, u"n"_s, u"1000"_s},
         {u"log-statements"_s, u"Keep the workers' statements in PREFIX-N.log."_s, u"prefix"_s}});
    parser.process(app);
    Options options;
    options.downloads = parser.value(u"downloads"_s).toInt();
    options.workerCounts.clear();
    for (const QString &count : parser.value(u"workers"_s).split(u','))
        options.workerCounts << count.toInt();
    options.concurrent = parser.value(u"concurrent"_s).toInt();
    options.size = parser.value(u"size"_s).toInt();
    options.goal = parser.value(u"goal"_s).toDouble();
    options.statementLog = parser.value(u"log-statements"_s);
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app);
    if (const QString missing = PostgreSqlCluster::missingReason(); !missing.isEmpty())
        qFatal("%s", qPrintable(missing));
    PostgreSqlCluster cluster;
    if (!cluster.start())
        qFatal("%s", qPrintable(cluster.error()));
    TestHttpServer server;
    if (!server.start())
        qFatal("cannot start the HTTP server");
    for (int i = 0; i < options.downloads; ++i)
        server.setResource(u"/f%1.mp3"_s.arg(i), TestHttpServer::randomResource(options.size, quint32(i)));

    Round last;
    for (int count : options.workerCounts)
    {
        last = runRound(cluster, server, options, count);
        std::printf("%d worker(s), %d downloads of %d bytes, %d at once each: %.2f s, %.0f downloads/s; "
                    "%.2f transactions and %.2f row updates of downloads per download; %s\n",
                    last.workers, options.downloads, options.size, options.concurrent, last.ms / 1000.0,
                    last.perSecond, last.transactionsPerDownload, last.updatesPerDownload,
                    qPrintable(last.shares));
        std::fflush(stdout);
    }
    return last.perSecond >= options.goal ? 0 : 1;
}
