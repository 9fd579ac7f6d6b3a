// SPDX-License-Identifier: GPL-3.0-or-later
// slskd_bench: 1,000 Soulseek tracks imported at once, against the stand-in slskd running in a
// child process (so that the engine's memory is measured alone). Checks that no more searches
// ran at once than allowed and that slskd refused none of their starts, that following the
// downloads cost one slskd request per poll interval plus at most one brought forward to each
// transfer's predicted end, and that the engine stayed under 64 MiB.
// Exit 0 when every goal holds.
//
//   slskd_bench [--tracks N] [--concurrent N] [--poll-ms N] [--max-searches N] [--search-ahead N]
#include "service/downloadservice.h"
#include "service/importparser.h"
#include "sources/slskd/slskdsource.h"
#include "storage/database.h"
#include "support/fakeslskd.h"
#include "support/testhttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

const QString apiKey = u"bench-api-key-0123456789"_s;
constexpr qint64 rssGoalKiB = 64 * 1024;

QString title(int i)
{
    return u"Song %1"_s.arg(i, 4, 10, QChar(u'0'));
}

// /proc/self/status: VmHWM (peak) or VmRSS (now), in KiB.
qint64 memoryKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
    {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// The child: the stand-in slskd with one peer per track. Prints its port, serves until its
// stdin closes, then prints what it saw as JSON.
int serve(int tracks, const QString &directory)
{
    FakeSlskd slskd(apiKey, directory);
    FakeSlskdTimings timings;
    timings.searchMs = 30;
    timings.finalizeMs = 20;
    timings.stepMs = 20;
    timings.fileDelayMs = 30;
    slskd.setTimings(timings);
    for (int i = 0; i < tracks; ++i)
    {
        FakeSlskdPeer peer;
        peer.username = u"peer%1"_s.arg(i);
        peer.transferMs = 150;
        FakeSlskdFile file;
        file.filename = u"@@p%1\\Music\\Bench Artist\\Album\\%2.flac"_s.arg(QString::number(i), title(i));
        file.content = TestHttpServer::randomBody(16 * 1024, quint32(i));
        peer.files.append(file);
        slskd.addPeer(peer);
    }
    if (!slskd.start())
        return 1;
    std::printf("PORT %d\n", slskd.baseUrl().port());
    std::fflush(stdout);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, qApp, [&input] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
        {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    QCoreApplication::exec();

    qint64 first = -1;
    qint64 last = -1;
    int polls = 0;
    for (const FakeSlskd::Request &request : slskd.requests())
    {
        if (request.method != "GET" || request.path != "/api/v0/transfers/downloads"_L1)
            continue;
        first = first < 0 ? request.atMs : first;
        last = request.atMs;
        ++polls;
    }
    const QJsonObject stats{{"searches"_L1, slskd.searchCount()},
                            {"maxConcurrentSearches"_L1, slskd.maxConcurrentSearches()},
                            {"maxQueuedSearches"_L1, slskd.maxQueuedSearches()},
                            {"busyAnswers"_L1, slskd.busyAnswers()},
                            {"enqueues"_L1, slskd.enqueueCount()},
                            {"requests"_L1, slskd.requests().size()},
                            {"polls"_L1, polls},
                            {"pollSpanMs"_L1, last - first},
                            {"visibleTransfers"_L1, slskd.visibleTransfers()}};
    std::printf("%s\n", QJsonDocument(stats).toJson(QJsonDocument::Compact).constData());
    return 0;
}

struct EngineRun
{
    int completed = 0;
    int failed = 0;
    qint64 elapsedMs = 0;
    qint64 peakKiB = 0;
    quint64 earlyPolls = 0; // polls brought forward to a predicted end
    int searchesAhead = 0;  // searches made ahead of their jobs
    int searchesAheadUsed = 0;
};

struct EngineSettings
{
    int tracks = 1000;
    int concurrent = 10;
    int pollMs = 250;
    int maxSearches = 2;
    int searchAhead = SlskdOptions().searchAhead;
};

EngineRun runEngine(const QTemporaryDir &dir, quint16 port, const EngineSettings &settings)
{
    const int tracks = settings.tracks;
    Database database(dir.filePath(u"bench.db"_s));
    if (!database.open())
        qFatal("cannot open the database");
    ServiceOptions serviceOptions;
    serviceOptions.downloadDirectory = dir.filePath(u"music"_s);
    serviceOptions.maxConcurrentDownloads = settings.concurrent;
    DownloadService service(database, serviceOptions);
    SlskdOptions options;
    options.connection = {QUrl(u"http://127.0.0.1:%1"_s.arg(port)), apiKey};
    options.downloadsDirectory = dir.filePath(u"slskd"_s);
    options.pollInterval = std::chrono::milliseconds(settings.pollMs);
    options.searchPollInterval = std::chrono::milliseconds(20);
    options.maxSearches = settings.maxSearches;
    options.searchAhead = settings.searchAhead;
    auto source = std::make_unique<SlskdSource>(options);
    const SlskdSource *slskd = source.get();
    service.addSource(std::move(source));
    if (!service.start())
        qFatal("cannot start the service");

    QStringList lines;
    for (int i = 0; i < tracks; ++i)
        lines.append(u"Bench Artist - %1"_s.arg(title(i)));
    EngineRun run;
    QElapsedTimer clock;
    clock.start();
    const auto parsed = ImportParser::parse(lines.join(u'\n').toUtf8(), ImportParser::Format::Text);
    if (!parsed || !service.addTracks(*parsed))
        qFatal("cannot import the tracks");
    QObject::connect(&service, &DownloadService::downloadFinished, qApp, [&run](const Download &download) {
        (download.status == DownloadStatus::Completed ? run.completed : run.failed) += 1;
    });
    QObject::connect(&service, &DownloadService::idle, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, qApp, [&run, &clock] {
        if (clock.elapsed() % 5000 < 250)
            std::fprintf(stderr, "  %lld s: %d done\n", clock.elapsed() / 1000, run.completed + run.failed);
    });
    sampler.start(250);
    QCoreApplication::exec();
    run.elapsedMs = clock.elapsed();
    run.earlyPolls = slskd->earlyPollCount();
    run.searchesAhead = slskd->searchesAhead();
    run.searchesAheadUsed = slskd->searchesAheadUsed();
    service.shutdown();
    run.peakKiB = memoryKiB("VmHWM:");
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"tracks"_s, u"Tracks to import."_s, u"n"_s, u"1000"_s},
                       {u"concurrent"_s, u"Downloads at once (1-10)."_s, u"n"_s, u"10"_s},
                       {u"poll-ms"_s, u"Poll interval of the transfer list."_s, u"ms"_s, u"250"_s},
                       {u"max-searches"_s, u"Soulseek searches at once (1-4)."_s, u"n"_s, u"2"_s},
                       {u"search-ahead"_s, u"Waiting downloads searched ahead (0: none)."_s, u"n"_s,
                        QString::number(SlskdOptions().searchAhead)},
                       {u"serve"_s, u"Internal: run the stand-in slskd."_s, u"dir"_s}});
    parser.process(app);
    const int tracks = parser.value(u"tracks"_s).toInt();
    if (parser.isSet(u"serve"_s))
        return serve(tracks, parser.value(u"serve"_s));

    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(u"slskd"_s));
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QCoreApplication::applicationFilePath(),
                 {u"--serve"_s, dir.filePath(u"slskd"_s), u"--tracks"_s, QString::number(tracks)});
    if (!server.waitForReadyRead(60000))
        qFatal("the stand-in slskd did not start");
    const quint16 port = quint16(server.readLine().trimmed().mid(5).toUInt());

    EngineSettings settings;
    settings.tracks = tracks;
    settings.concurrent = parser.value(u"concurrent"_s).toInt();
    settings.pollMs = parser.value(u"poll-ms"_s).toInt();
    settings.maxSearches = parser.value(u"max-searches"_s).toInt();
    settings.searchAhead = parser.value(u"search-ahead"_s).toInt();
    const int pollMs = settings.pollMs;
    std::printf("%d Soulseek tracks, %d at once, poll interval %d ms, up to %d searches at once, %d "
                "searched ahead\n",
                tracks, settings.concurrent, pollMs, settings.maxSearches, settings.searchAhead);
    const EngineRun run = runEngine(dir, port, settings);

    server.closeWriteChannel();
    server.waitForFinished(30000);
    const QJsonObject stats = QJsonDocument::fromJson(server.readAllStandardOutput().trimmed()).object();
    const int polls = stats.value("polls"_L1).toInt();
    const qint64 span = stats.value("pollSpanMs"_L1).toInteger();
    // One per interval, plus the early ones: at most one per track on average.
    const qint64 pollBudget = span / pollMs + 2 + qint64(run.earlyPolls);
    const int searchesAtOnce = stats.value("maxConcurrentSearches"_L1).toInt();
    const bool ok = run.completed == tracks && searchesAtOnce <= qMin(2, settings.maxSearches) &&
                    stats.value("busyAnswers"_L1).toInt() == 0 && polls <= pollBudget &&
                    run.earlyPolls <= quint64(tracks) && run.peakKiB < rssGoalKiB;

    std::printf("completed %d, failed %d in %.1f s (%.1f tracks/s)\n", run.completed, run.failed,
                double(run.elapsedMs) / 1000.0,
                1000.0 * run.completed / double(qMax<qint64>(1, run.elapsedMs)));
    std::printf("searches %d, at most %d running and %d queued in slskd at once, 429 answers %d\n",
                stats.value("searches"_L1).toInt(), searchesAtOnce,
                stats.value("maxQueuedSearches"_L1).toInt(), stats.value("busyAnswers"_L1).toInt());
    std::printf("searched ahead of their jobs %d, results used %d\n", run.searchesAhead,
                run.searchesAheadUsed);
    std::printf("transfer list polls %d over %.1f s, %llu of them at a predicted end (budget %lld: one per "
                "%d ms plus those)\n",
                polls, double(span) / 1000.0, static_cast<unsigned long long>(run.earlyPolls), pollBudget,
                pollMs);
    std::printf("slskd requests %d (%.1f per track)\n", stats.value("requests"_L1).toInt(),
                stats.value("requests"_L1).toDouble() / qMax(1, tracks));
    std::printf("engine peak RSS %.1f MiB (goal < 64 MiB)\n", double(run.peakKiB) / 1024.0);
    std::printf("%s\n", ok ? "all goals met" : "GOAL MISSED");
    return ok ? 0 : 1;
}
