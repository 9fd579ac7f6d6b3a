// SPDX-License-Identifier: GPL-3.0-or-later
// claims_bench (issue #11): how fast workers on one PostgreSQL database claim and complete tiny
// downloads from a local server. A throwaway cluster (tests/support/postgresqlcluster.h), 10,000
// downloads of 2 KiB enqueued while the queue is paused, then the workers (the real binary,
// headless) started and the queue resumed; the clock runs from the resume to the last completed
// row. One round per worker count given (default "1,3"), each on a fresh database, in the same
// run. Prints downloads per second, each worker's share and, from PostgreSQL's statistics, the
// transactions (statements outside a transaction count one each) and row updates per download.
// And the CPU time per download (from /proc, so other work on the machine does not count): the
// workers', PostgreSQL's (the server and every process it started) and this process's (the test
// server, the polling). On 2 cores, 1,000 downloads a second allow 2 ms of it all together.
// Exit 0 when the last round reaches --goal downloads per second. With more than two rounds
// (--workers 1,3,1,3,...) it ends with the median per worker count.
//
// --rate BYTES serves every file at that many bytes a second per connection: downloads that wait
// on their servers rather than on the CPU, where a worker's concurrency limit, not the machine,
// bounds what one worker does (the case that makes people add workers).
//
// --log-statements PREFIX keeps every statement of the workers (PostgreSQL's log_statement = all)
// in PREFIX-N.log for the round of N workers, to count them by kind. --statement-times prints the
// statements that took the server's time (pg_stat_statements), per download, and how the updates
// of `downloads` were stored (HOT or not, pages).
//
// Its folders (the cluster, the workers' homes, the download folder) are temporary ones, in TMPDIR:
// put them on tmpfs (TMPDIR=/dev/shm) where the disk is ext4 without a journal, whose inode
// allocation looks at every inode deleted in the last minutes, so that each round would pay for
// the files of the rounds before it (README, "fifth session").
//
//   claims_bench [--downloads N] [--workers 1,3] [--concurrent N] [--size BYTES] [--rate BYTES]
//                [--goal N] [--log-statements PREFIX] [--statement-times]
#include "service/downloadservice.h"
#include "storage/database.h"
#include "support/postgresqlcluster.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
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
    int rate = 0; // bytes a second per connection; 0: as fast as it goes
    double goal = 1000.0;
    // Where each round's statements go (log_statement = all for the workers' connections), as
    // PREFIX-N.log for N workers; empty: not logged.
    QString statementLog;
    bool statementTimes = false;
};

struct Round
{
    int workers = 0;
    qint64 ms = 0;
    double perSecond = 0;
    double transactionsPerDownload = 0;
    double updatesPerDownload = 0;
    QString shares;
    // The longest download from its start to its completion, and the tries beyond the first: a
    // round that ends late because of a few stragglers says so here.
    QString slowest;
    // CPU milliseconds per download.
    double workersCpu = 0;
    double serverCpu = 0;
    double benchCpu = 0;
    double switchesPerDownload = 0;
};

// The CPU seconds of a process (user + system) from /proc/PID/stat; with `reaped`, also those
// of its children that ended and were waited for. Its parent's pid goes to `parent`.
double cpuSeconds(const QString &pid, bool reaped, qint64 *parent = nullptr)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // After the name in parentheses (which may hold spaces): state, ppid, ... utime is field 14.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return 0;
    if (parent)
        *parent = fields[1].toLongLong();
    double ticks = fields[11].toDouble() + fields[12].toDouble();
    if (reaped)
        ticks += fields[13].toDouble() + fields[14].toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

// PostgreSQL's CPU seconds: the server's main process, its children alive now, and those it reaped.
double serverCpuSeconds(qint64 serverPid)
{
    double seconds = cpuSeconds(QString::number(serverPid), true);
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs);
    for (const QString &entry : entries)
    {
        qint64 parent = 0;
        const double own = cpuSeconds(entry, false, &parent);
        if (parent == serverPid)
            seconds += own;
    }
    return seconds;
}

// The context switches of the whole machine since its boot (/proc/stat's ctxt): on a machine
// whose cores are all busy, every further runnable thread costs switches, which the CPU figures
// above include but do not name.
qint64 machineContextSwitches()
{
    QFile stat(u"/proc/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // Read whole: a /proc file has no size, so QFile::atEnd() holds from the start.
    const QList<QByteArray> lines = stat.readAll().split('\n');
    for (const QByteArray &line : lines)
    {
        if (line.startsWith("ctxt "))
            return line.mid(5).trimmed().toLongLong();
    }
    return 0;
}

double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

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

void run(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        qFatal("cannot run %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
}

void startStatementTimes(const Database &database)
{
    run(database, u"CREATE EXTENSION IF NOT EXISTS pg_stat_statements"_s);
    run(database, u"SELECT pg_stat_statements_reset()"_s);
}

// The statements of the round that took the most of the server's time (planning and execution,
// which is not all of the server's CPU: parsing, the protocol and commits are outside), per
// download.
void printStatementTimes(const Database &database, int downloads)
{
    QSqlQuery query(database.connection());
    const QString sql = u"SELECT calls, total_plan_time + total_exec_time, rows, left(regexp_replace(query, "
                        u"'\\s+', ' ', 'g'), 150), total_plan_time, shared_blks_hit + shared_blks_read, "
                        "wal_records "
                        "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = "
                        "current_database()) "
                        "ORDER BY 2 DESC LIMIT 15"_s;
    if (!query.exec(sql))
        qFatal("cannot read pg_stat_statements: %s", qPrintable(query.lastError().text()));
    std::printf(
        "  calls/download  ms/download  ms/call (planning)  rows/call  blocks/call  WAL records/call  "
        "statement\n");
    while (query.next())
    {
        const double calls = query.value(0).toDouble();
        const double ms = query.value(1).toDouble();
        const double perCall = 1.0 / qMax(1.0, calls);
        std::printf("  %14.3f %12.4f %8.4f (%7.4f) %10.2f %12.1f %17.1f  %s\n", calls / downloads,
                    ms / downloads, ms * perCall, query.value(4).toDouble() * perCall,
                    query.value(2).toDouble() * perCall, query.value(5).toDouble() * perCall,
                    query.value(6).toDouble() * perCall, qPrintable(query.value(3).toString()));
    }
}

// How the round's updates of `downloads` were stored (over the database's life, the enqueue's
// few included): HOT updates (the new row version on the same page, no new index entries) against
// all, and the table's size in pages against its rows.
void printTableStats(const Database &database, int downloads)
{
    QSqlQuery query(database.connection());
    const QString sql = u"SELECT n_tup_upd, n_tup_hot_upd, pg_relation_size('downloads') / "
                        "current_setting('block_size')::int, n_live_tup, n_dead_tup, autovacuum_count, "
                        "autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'downloads'"_s;
    if (!query.exec(sql) || !query.next())
        qFatal("cannot read pg_stat_user_tables: %s", qPrintable(query.lastError().text()));
    std::printf("  downloads: %.2f row updates per download, %.2f of them HOT; %lld pages for %lld rows "
                "(%lld dead); autovacuum %lld, autoanalyze %lld\n",
                query.value(0).toDouble() / downloads, query.value(1).toDouble() / downloads,
                query.value(2).toLongLong(), query.value(3).toLongLong(), query.value(4).toLongLong(),
                query.value(5).toLongLong(), query.value(6).toLongLong());
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
    if (options.statementTimes)
        startStatementTimes(database);
    double workersBefore = 0;
    for (const auto &worker : workers)
        workersBefore += cpuSeconds(QString::number(worker->processId()), false);
    const double serverBefore = serverCpuSeconds(cluster.serverPid());
    const double benchBefore = ownCpuSeconds();
    const qint64 switchesBefore = machineContextSwitches();
    QElapsedTimer clock;
    clock.start();
    service.resumeQueue();
    // Whether any row may still complete: the first entry of ix_downloads_claim, not a count of
    // every completed row. A count every 10 ms (qWaitFor's pace) read thousands of rows each time
    // and took a good part of the server's CPU from the workers it measures.
    const QString waiting = u"SELECT COUNT(*) FROM (SELECT 1 FROM downloads WHERE status IN "
                            "('queued', 'downloading') LIMIT 1) AS first"_s;
    QDeadlineTimer deadline(std::chrono::minutes(10));
    while (number(database, waiting) > 0 && !deadline.hasExpired())
        QTest::qWait(50);
    Round round;
    round.workers = count;
    round.ms = clock.elapsed();
    round.switchesPerDownload = double(machineContextSwitches() - switchesBefore) / options.downloads;
    const double perDownload = 1000.0 / options.downloads;
    round.serverCpu = (serverCpuSeconds(cluster.serverPid()) - serverBefore) * perDownload;
    round.benchCpu = (ownCpuSeconds() - benchBefore) * perDownload;
    for (const auto &worker : workers)
        round.workersCpu += cpuSeconds(QString::number(worker->processId()), false) * perDownload;
    round.workersCpu -= workersBefore * perDownload;
    const QString done = u"SELECT COUNT(*) FROM downloads WHERE status = 'completed'"_s;
    if (number(database, done) != options.downloads)
        qFatal("not all completed: %lld", number(database, done));
    round.perSecond = options.downloads * 1000.0 / double(qMax<qint64>(1, round.ms));
    // The statistics reach the views within a moment of each transaction's end.
    QTest::qWait(700);
    QSqlQuery(database.connection()).exec(u"SELECT pg_stat_clear_snapshot()"_s);
    round.transactionsPerDownload = double(number(database, stats) - transactionsBefore) / options.downloads;
    round.updatesPerDownload = double(number(database, updates) - updatesBefore) / options.downloads;
    round.shares =
        text(database, u"SELECT lease_owner, COUNT(*) FROM downloads GROUP BY lease_owner ORDER BY 1"_s);
    round.slowest =
        text(database, u"SELECT MAX(CAST(completed_at AS timestamptz) - CAST(started_at AS timestamptz)), "
                       "SUM(attempts - 1) FROM downloads"_s);
    if (options.statementTimes)
    {
        printStatementTimes(database, options.downloads);
        printTableStats(database, options.downloads);
    }
    for (auto &worker : workers)
        worker->terminate();
    for (auto &worker : workers)
        worker->waitForFinished(20000);
    if (!options.statementLog.isEmpty())
        keepLog(cluster, logStart, u"%1-%2.log"_s.arg(options.statementLog).arg(count));
    return round;
}

// With rounds repeated (--workers 1,3,1,3,...): on a shared machine two rounds of the same count
// differ by up to a fifth, so one pair decides little. The median per worker count, and in how
// many neighbouring pairs the larger count was faster.
void printSummary(const QList<Round> &rounds)
{
    QMap<int, QList<double>> rates;
    for (const Round &round : rounds)
        rates[round.workers].append(round.perSecond);
    for (auto it = rates.begin(); it != rates.end(); ++it)
    {
        QList<double> sorted = it.value();
        std::sort(sorted.begin(), sorted.end());
        const qsizetype n = sorted.size();
        const double median = n % 2 ? sorted.at(n / 2) : (sorted.at(n / 2 - 1) + sorted.at(n / 2)) / 2;
        std::printf("%d worker(s): median %.0f downloads/s of %lld rounds (%.0f-%.0f)\n", it.key(), median,
                    qlonglong(n), sorted.first(), sorted.last());
    }
    int pairs = 0;
    int largerFaster = 0;
    for (qsizetype i = 0; i + 1 < rounds.size(); i += 2)
    {
        const Round &a = rounds.at(i);
        const Round &b = rounds.at(i + 1);
        if (a.workers == b.workers)
            continue;
        ++pairs;
        const Round &larger = a.workers > b.workers ? a : b;
        const Round &smaller = a.workers > b.workers ? b : a;
        largerFaster += larger.perSecond > smaller.perSecond ? 1 : 0;
    }
    if (pairs > 0)
        std::printf("more workers faster in %d of %d pairs of rounds\n", largerFaster, pairs);
}

// The option's value as a whole number of at least `minimum`; anything else ends the run with
// exit status 2, naming the option.
int wholeNumber(const QString &name, const QString &value, int minimum)
{
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < minimum)
    {
        std::fprintf(stderr, "claims_bench: --%s takes a whole number from %d, not '%s'\n", qPrintable(name),
                     minimum, qPrintable(value));
        std::exit(2);
    }
    return number;
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
         {u"rate"_s, u"Bytes a second the server sends per connection (0: no limit)."_s, u"n"_s, u"0"_s},
         {u"goal"_s, u"Downloads per second of the last round."_s, u"n"_s, u"1000"_s},
         {u"log-statements"_s, u"Keep the workers' statements in PREFIX-N.log."_s, u"prefix"_s},
         {u"statement-times"_s, u"Print where the server's time went, by statement."_s}});
    parser.process(app);
    Options options;
    const auto number = [&parser](const QString &name, int minimum) {
        return wholeNumber(name, parser.value(name), minimum);
    };
    options.downloads = number(u"downloads"_s, 1);
    options.workerCounts.clear();
    for (const QString &count : parser.value(u"workers"_s).split(u','))
        options.workerCounts << wholeNumber(u"workers"_s, count, 1);
    options.concurrent = number(u"concurrent"_s, 1);
    options.size = number(u"size"_s, 1);
    options.rate = number(u"rate"_s, 0);
    options.goal = parser.value(u"goal"_s).toDouble();
    options.statementLog = parser.value(u"log-statements"_s);
    options.statementTimes = parser.isSet(u"statement-times"_s);
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
    const QStringList settings{u"shared_preload_libraries=pg_stat_statements"_s,
                               u"pg_stat_statements.track_planning=on"_s};
    if (!cluster.start(options.statementTimes ? settings : QStringList()))
        qFatal("%s", qPrintable(cluster.error()));
    TestHttpServer server;
    if (!server.start())
        qFatal("cannot start the HTTP server");
    for (int i = 0; i < options.downloads; ++i)
        server.setResource(u"/f%1.mp3"_s.arg(i),
                           TestHttpServer::randomResource(options.size, quint32(i), options.rate));

    Round last;
    QList<Round> rounds;
    for (int count : options.workerCounts)
    {
        last = runRound(cluster, server, options, count);
        rounds.append(last);
        std::printf(
            "%d worker(s), %d downloads of %d bytes, %d at once each: %.2f s, %.0f downloads/s; "
            "%.2f transactions and %.2f row updates of downloads per download; %s\n"
            "  CPU per download: %.2f ms (workers %.2f, PostgreSQL %.2f, test server and bench %.2f); "
            "%.1f context switches of the machine\n"
            "  slowest download and further tries: %s\n",
            last.workers, options.downloads, options.size, options.concurrent, last.ms / 1000.0,
            last.perSecond, last.transactionsPerDownload, last.updatesPerDownload, qPrintable(last.shares),
            last.workersCpu + last.serverCpu + last.benchCpu, last.workersCpu, last.serverCpu, last.benchCpu,
            last.switchesPerDownload, qPrintable(last.slowest));
        std::fflush(stdout);
    }
    if (rounds.size() > 2)
        printSummary(rounds);
    return last.perSecond >= options.goal ? 0 : 1;
}
