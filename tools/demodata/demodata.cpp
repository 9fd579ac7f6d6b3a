// SPDX-License-Identifier: GPL-3.0-or-later
// soulspot-demo-data DATABASE DOWNLOAD_DIR: fills DATABASE with music downloads in every state,
// through the real DownloadService and real HTTP transfers from a local server, then keeps that
// server running (until stdin closes or SIGTERM) so that the window, started on the same
// database, shows a few downloads really progressing. Prints "READY" when the database is done.
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

struct Song
{
    const char *artist;
    const char *title;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done())
    {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

TrackInput song(const Song &s, const QUrl &url)
{
    TrackInput input;
    input.artist = QString::fromUtf8(s.artist);
    input.title = QString::fromUtf8(s.title);
    input.sourceUrl = url.toString();
    return input;
}

// "kraftwerk-computer-love": a file name as music sites put them in their links. Every file of the
// demo has its own, so the window's "Saved as" shows the song and not "1 (2).flac".
QString slug(const Song &s)
{
    const QString words = QString::fromUtf8(s.artist) + u' ' + QString::fromUtf8(s.title);
    const QString text = words.normalized(QString::NormalizationForm_KD);
    QString slug;
    for (const QChar c : text)
    {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            slug += c.toLower();
        else if (c.isSpace() && !slug.endsWith(u'-'))
            slug += u'-';
    }
    return slug;
}

QList<TrackInput> songs(TestHttpServer &server, std::initializer_list<Song> list, const QString &kind,
                        qint64 size, int bytesPerSecond, int status = 200)
{
    QList<TrackInput> inputs;
    int i = 0;
    for (const Song &s : list)
    {
        ++i;
        const QString path = u"/%1/%2.flac"_s.arg(kind, slug(s));
        TestResource resource;
        resource.body = TestHttpServer::randomBody(size + i * 137'000, quint32(qHash(path)));
        resource.bytesPerSecond = bytesPerSecond;
        resource.status = status;
        server.setResource(path, resource);
        inputs.append(song(s, server.url(path)));
    }
    return inputs;
}

int fail(const char *what)
{
    std::fprintf(stderr, "soulspot-demo-data: %s\n", what);
    return 1;
}

// Each step leaves some downloads in one state, through the engine's own use cases.
bool addCompleted(DownloadService &service, TestHttpServer &server)
{
    auto done = service.addTracks(songs(server,
                                        {{"Nina Simone", "Feeling Good"},
                                         {"Miles Davis", "So What"},
                                         {"Daft Punk", "Digital Love"},
                                         {"Radiohead", "Weird Fishes"},
                                         {"Björk", "Jóga"},
                                         {"Massive Attack", "Teardrop"},
                                         {"Portishead", "Roads"},
                                         {"Bonobo", "Kerala"}},
                                        u"done"_s, 3'200'000, 0),
                                  1);
    return done && waitFor([&] { return service.stats().completed == 8; });
}

bool addFailed(DownloadService &service, TestHttpServer &server)
{
    service.addTracks(songs(server, {{"Aphex Twin", "Xtal"}}, u"gone"_s, 1000, 0, 404), 1);
    service.addTracks(songs(server, {{"Boards of Canada", "Roygbiv"}}, u"private"_s, 1000, 0, 403), 1);
    return waitFor([&] { return service.stats().failed == 2; });
}

bool addPausedHalfway(DownloadService &service, TestHttpServer &server)
{
    auto paused = service.addTracks(songs(server, {{"Khruangbin", "August 10"}, {"Air", "La femme d'argent"}},
                                          u"slowpause"_s, 6'000'000, 1'500'000),
                                    1);
    const bool started = paused && waitFor([&] {
                             for (const Download &d : *paused)
                             {
                                 if (service.download(d.id)->progressPercent < 30.0)
                                     return false;
                             }
                             return true;
                         });
    if (!started)
        return false;
    for (const Download &d : *paused)
        service.pause(d.id);
    return true;
}

void addCancelled(DownloadService &service, TestHttpServer &server)
{
    auto cancelled = service.addTracks(
        songs(server, {{"The Knife", "Heartbeats"}, {"Moderat", "A New Error"}}, u"cancel"_s, 1000, 10), 2);
    for (const Download &d : *cancelled)
        service.cancel(d.id);
}

// The rest waits for the window: three start at once there (P0 first), slowly.
void addWaiting(DownloadService &service, TestHttpServer &server)
{
    service.pauseQueue();
    service.addTracks(songs(server,
                            {{"Kraftwerk", "Computer Love"},
                             {"Fleetwood Mac", "Dreams"},
                             {"Caribou", "Can't Do Without You"}},
                            u"live"_s, 24'000'000, 350'000),
                      0);
    service.addTracks(songs(server,
                            {{"Stevie Wonder", "Superstition"},
                             {"Tame Impala", "Let It Happen"},
                             {"Four Tet", "Two Thousand and Seventeen"},
                             {"Sade", "Cherish the Day"},
                             {"Burial", "Archangel"},
                             {"Jon Hopkins", "Emerald Rush"}},
                            u"later"_s, 9'000'000, 350'000),
                      2);
}

int buildDatabase(TestHttpServer &server, const QString &databasePath, const QString &downloadDir)
{
    Database database(databasePath);
    if (!database.open())
        return fail("cannot open the database");
    ServiceOptions options;
    options.downloadDirectory = downloadDir;
    options.maxConcurrentDownloads = 4;
    DownloadService service(database, options);
    service.addSource(std::make_unique<HttpSource>());
    if (!service.start())
        return fail("cannot start the service");
    if (!addCompleted(service, server))
        return fail("the completed downloads did not finish");
    if (!addFailed(service, server))
        return fail("the failing downloads did not fail");
    if (!addPausedHalfway(service, server))
        return fail("the downloads to pause made no progress");
    addCancelled(service, server);
    addWaiting(service, server);
    service.shutdown();
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return fail("usage: soulspot-demo-data DATABASE DOWNLOAD_DIR");
    TestHttpServer server;
    if (!server.start())
        return fail("cannot start the local HTTP server");
    if (const int failed =
            buildDatabase(server, QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2])))
        return failed;
    std::printf("READY %d\n", int(server.port()));
    std::fflush(stdout);

    // Serve until the caller closes our stdin (or kills us).
    QSocketNotifier input(0, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [] {
        char buffer[64];
        if (std::fread(buffer, 1, sizeof buffer, stdin) == 0)
            QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
