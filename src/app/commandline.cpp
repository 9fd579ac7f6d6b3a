// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "launchtargets.h"

#include "config/settings.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

[[noreturn]] void failUsage(const QString &message)
{
    std::fprintf(stderr, "soulspot-bridge: %s\nTry 'soulspot-bridge --help'.\n", qPrintable(message));
    std::exit(2);
}

// A command-line option that sets a setting; its name is the setting's (Settings::specs()).
struct ValueOption
{
    QString settingsKey;
    QString description;
    QString valueName;

    QCommandLineOption option() const
    {
        return QCommandLineOption(Settings::spec(settingsKey)->option, description, valueName);
    }
};

QList<ValueOption> valueOptions()
{
    return {
        {Settings::DatabasePath,
         u"SQLite database file (default: in the app data folder), or a PostgreSQL database: "
         "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=...]."_s,
         u"path"_s},
        {Settings::WorkerName,
         u"Name of this worker among those sharing a PostgreSQL database (SOULSPOT_WORKER_NAME; "
         "default: the host name)."_s,
         u"name"_s},
        {Settings::LeaseSeconds,
         u"Seconds a worker's claim on a download lasts without a heartbeat, 2-600 (DATABASE__LEASE_SECONDS; "
         "default 30)."_s,
         u"n"_s},
        {Settings::DownloadDirectory, u"Folder where finished files go (default: ~/Music/Downloads)."_s,
         u"dir"_s},
        {Settings::MaxConcurrentDownloads,
         u"Downloads running at once, 1-10 (DOWNLOAD__MAX_CONCURRENT_DOWNLOADS)."_s, u"n"_s},
        {Settings::DefaultMaxRetries,
         u"Retries of a failed download, 1-10 (DOWNLOAD__DEFAULT_MAX_RETRIES)."_s, u"n"_s},
        {Settings::EnablePriorityQueue,
         u"true: P0 first; false: first come, first served (DOWNLOAD__ENABLE_PRIORITY_QUEUE)."_s, u"bool"_s},
        {Settings::MaxDownloadSpeedKib,
         u"Download speed limit in KiB/s shared by HTTP downloads, 0 = none "
         "(DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB)."_s,
         u"kib"_s},
        {Settings::ConnectionsPerDownload,
         u"Connections one HTTP download may use when its server allows byte ranges, 1-16 "
         "(DOWNLOAD__CONNECTIONS_PER_DOWNLOAD; default 8)."_s,
         u"n"_s},
        {Settings::MinSegmentSizeMib,
         u"Files from this size in MiB on are fetched over several connections, 1-1024 "
         "(DOWNLOAD__MIN_SEGMENT_SIZE_MIB; default 4)."_s,
         u"mib"_s},
        {Settings::ApiHost, u"Address of the REST API (default 127.0.0.1; others need a token)."_s,
         u"host"_s},
        {Settings::ApiPort, u"Port of the REST API (default 8000; 0 = any free port)."_s, u"port"_s},
        {Settings::ApiToken, u"Token the REST API requires (or SOULSPOT_API_TOKEN)."_s, u"token"_s},
        {Settings::SlskdUrl, u"Base URL of slskd, e.g. http://127.0.0.1:5030 (SLSKD__URL)."_s, u"url"_s},
        {Settings::SlskdApiKey, u"API key for slskd (SLSKD__API_KEY)."_s, u"key"_s},
        {Settings::SlskdDownloadsDir,
         u"Where slskd puts finished files on this machine (SLSKD__DOWNLOADS_DIR)."_s, u"dir"_s},
        {Settings::SlskdMaxSearches, u"Soulseek searches at once, 1-4 (SLSKD__MAX_SEARCHES; default 2)."_s,
         u"n"_s},
        {Settings::Language, u"Language of the window, e.g. de (default: the system's)."_s, u"code"_s},
    };
}

} // namespace

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
    {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "--help") == 0 ||
            std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--version") == 0 ||
            std::strcmp(argv[i], "--check-slskd") == 0 || std::strcmp(argv[i], "--check-database") == 0)
            return true;
    }
    return false;
}

namespace {

// The options that are not settings (those come from valueOptions()).
struct Flags
{
    QCommandLineOption headless{u"headless"_s, u"Run without a window (the REST API is on)."_s};
    QCommandLineOption importFile{
        u"import"_s,
        u"Enqueue the tracks of a list: one URL or \"Artist - Title\" a line, .m3u/.m3u8, or .csv."_s,
        u"file"_s};
    QCommandLineOption priority{u"priority"_s, u"Priority of the imported tracks, 0-2."_s, u"n"_s};
    QCommandLineOption exitWhenDone{
        u"exit-when-done"_s, u"Exit when nothing is queued or running: 0, or 1 if a download failed."_s};
    QCommandLineOption quiet{u"quiet"_s, u"Do not print a line per finished download."_s};
    QCommandLineOption api{u"api"_s, u"Serve the REST API beside the window."_s};
    QCommandLineOption noApi{u"no-api"_s, u"Do not serve the REST API, even headless."_s};
    QCommandLineOption checkSlskd{u"check-slskd"_s, u"Check that slskd is reachable and exit."_s};
    QCommandLineOption checkDatabase{
        u"check-database"_s,
        u"Check the whole database file (integrity_check) and exit: 0 sound, 2 damaged."_s};

    QList<QCommandLineOption> all() const
    {
        return {headless, importFile, priority, exitWhenDone, quiet, api, noApi, checkSlskd, checkDatabase};
    }
};

// What the flags say, once the parser has accepted the command line.
void readFlags(const QCommandLineParser &parser, const Flags &flags, CommandLine &result)
{
    if (parser.isSet(flags.api) && parser.isSet(flags.noApi))
        failUsage(u"--api and --no-api contradict each other"_s);
    result.headless = parser.isSet(flags.headless);
    result.quiet = parser.isSet(flags.quiet);
    result.exitWhenDone = parser.isSet(flags.exitWhenDone);
    result.checkSlskd = parser.isSet(flags.checkSlskd);
    result.checkDatabase = parser.isSet(flags.checkDatabase);
    result.importFile = parser.value(flags.importFile);
    if (parser.isSet(flags.priority))
        result.importPriority = parser.value(flags.priority);
    // Headless serves the API unless told not to; the window only when asked.
    if (parser.isSet(flags.noApi))
        result.settings.insert(Settings::ApiEnabled, u"false"_s);
    else if (parser.isSet(flags.api) || result.headless)
        result.settings.insert(Settings::ApiEnabled, u"true"_s);
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"SoulSpot Bridge: a download manager for music, from HTTP(S) and from Soulseek through slskd."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const Flags flags;
    parser.addOptions(flags.all());
    parser.addPositionalArgument(
        u"targets"_s,
        u"Links (http, https, slsk) and lists (.m3u, .m3u8, .txt, .csv) to download: added as a drop on "
        "the window is, or as --import headless. With SoulSpot Bridge already running on the database, "
        "they go to it and this launch ends."_s,
        u"[URL|FILE...]"_s);
    QList<std::pair<QString, QCommandLineOption>> values; // settings key, option
    for (const ValueOption &value : valueOptions())
    {
        values.append({value.settingsKey, value.option()});
        parser.addOption(values.last().second);
    }

    if (!parser.parse(arguments))
        failUsage(parser.errorText());
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();
    const Result<QList<QUrl>> targets = launchTargets(parser.positionalArguments());
    if (!targets)
        failUsage(targets.error().message);

    CommandLine result;
    result.targets = *targets;
    for (const auto &[settingsKey, option] : std::as_const(values))
    {
        if (parser.isSet(option))
            result.settings.insert(settingsKey, parser.value(option));
    }
    readFlags(parser, flags, result);
    return result;
}

} // namespace SoulSpot
