// SPDX-License-Identifier: GPL-3.0-or-later
// soulspot-bridge: parse the command line, environment and settings, lock the database (or hand
// the arguments to the instance already running on it), start the engine, the API if asked, the
// window unless --headless. Nothing else lives here.
#include "commandline.h"
#include "engine.h"
#include "headlessreporter.h"
#include "heapreuse.h"
#include "instancechannel.h"
#include "launchtargets.h"
#include "unixsignalwatcher.h"

#include "config/settings.h"
#include "config/settingsstore.h"
#include "service/downloadservice.h"
#include "service/importparser.h"
#include "service/servicedatabase.h"
#include "service/sourcesetup.h"

#ifdef SOULSPOT_HAVE_API
#include "api/apiserver.h"
#endif

#ifdef SOULSPOT_HAVE_GUI
#include "gui/guiapplication.h"
#endif

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>
#include <variant>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitBadSetting = 2;

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "soulspot-bridge: %s\n", qPrintable(message));
    return code;
}

// The --import list, and headless the links and lists given as arguments (the window asks about
// those as about a drop); read before anything starts, so that bad input is exit 2 at once.
Result<QList<TrackInput>> readImport(const CommandLine &commandLine)
{
    QList<TrackInput> imported;
    if (!commandLine.importFile.isEmpty())
    {
        Result<QList<TrackInput>> tracks = ImportParser::parseFile(commandLine.importFile);
        if (!tracks)
            return Error{ErrorKind::InvalidArgument,
                         u"--import %1: %2"_s.arg(commandLine.importFile, tracks.error().message)};
        imported = *tracks;
    }
    if (commandLine.headless)
    {
        Result<QList<TrackInput>> tracks = tracksOfTargets(commandLine.targets);
        if (!tracks)
            return tracks;
        imported += *tracks;
    }
    return imported;
}

std::optional<int> parsePriority(const CommandLine &commandLine, bool *ok)
{
    *ok = true;
    if (!commandLine.importPriority)
        return std::nullopt;
    const int value = commandLine.importPriority->toInt(ok);
    *ok = *ok && value >= 0 && value <= 2;
    return value;
}

// --check-slskd: says whether slskd is reachable, takes the API key and is logged in to
// Soulseek; 0 when all three hold.
int checkSlskd(const Settings &settings)
{
    if (settings.value(Settings::SlskdUrl).toString().trimmed().isEmpty())
        return fail(ExitFailure, u"slskd is not set up: set SLSKD__URL and SLSKD__API_KEY (or --slskd-url "
                                 "and --slskd-api-key)"_s);
    const Result<SlskdConnectionCheck> check = SourceSetup::checkSlskd(settings);
    if (!check)
        return fail(ExitBadSetting, check.error().message);
    for (const QString &line : check->lines)
        std::printf("%s\n", qPrintable(line));
    return check->ok() ? 0 : ExitFailure;
}

// --check-database: PRAGMA integrity_check on the database, read-only; 0 when sound, 2 when not.
int checkDatabase(const Settings &settings)
{
    const QString path = settings.databasePath();
    // PostgreSQL checks its own files (pg_amcheck); printing the URL could show its password.
    if (Settings::isDatabaseUrl(path))
        return fail(ExitBadSetting, u"--check-database checks an SQLite file; for a PostgreSQL database use "
                                    "PostgreSQL's own pg_amcheck"_s);
    if (!QFileInfo::exists(path))
        return fail(ExitBadSetting, u"the database %1 does not exist"_s.arg(path));
    if (Status sound = ServiceDatabase::checkFile(path); !sound)
        return fail(ExitBadSetting, sound.error().message);
    std::printf("The database %s is sound (integrity_check: ok)\n", qPrintable(path));
    return 0;
}

// Everything a run needs that can be checked before anything starts; a failure is exit 2.
struct RunPlan
{
    Settings settings;
    QList<TrackInput> imported;
    std::optional<int> importPriority;
};

std::variant<RunPlan, int> planRun(const CommandLine &commandLine)
{
    QSettings saved;
    Result<Settings> settings =
        Settings::load(&saved, QProcessEnvironment::systemEnvironment(), commandLine.settings);
    if (!settings)
        return fail(ExitBadSetting, settings.error().message);
    // The rules across values (a public API address needs a token, slskd's URL ...): exit 2 naming
    // the setting, before anything starts.
    if (const std::optional<SettingProblem> problem = settings->validate())
        return fail(ExitBadSetting, problem->text());
    bool priorityOk = true;
    const std::optional<int> importPriority = parsePriority(commandLine, &priorityOk);
    if (!priorityOk)
        return fail(ExitBadSetting, u"--priority must be 0, 1 or 2"_s);
    Result<QList<TrackInput>> imported = readImport(commandLine);
    if (!imported)
        return fail(ExitBadSetting, imported.error().message);
    return RunPlan{std::move(settings).value(), std::move(imported).value(), importPriority};
}

// --exit-when-done: quit once nothing is queued or running; 1 when a download of this run failed.
void exitWhenDone(DownloadService &service, const HeadlessReporter &reporter, int &exitCode)
{
    auto exitIfDone = [&service, &reporter, &exitCode] {
        if (service.hasPendingWork())
            return;
        exitCode = reporter.failedCount() > 0 ? ExitFailure : 0;
        QCoreApplication::exit(exitCode);
    };
    QObject::connect(&service, &DownloadService::idle, QCoreApplication::instance(), exitIfDone,
                     Qt::QueuedConnection);
    QTimer::singleShot(0, QCoreApplication::instance(), exitIfDone);
}

// Why the engine cannot start: another process on the database is a failure (1); a database or
// a folder that cannot be used is a bad setting (2), as is a damaged database.
int startFailed(const Error &error, const RunPlan &plan, bool headless)
{
#ifdef SOULSPOT_HAVE_GUI
    if (!headless)
        Gui::showStartError(error.message, plan.settings.value(Settings::Language).toString());
#else
    Q_UNUSED(plan);
    Q_UNUSED(headless);
#endif
    return fail(error.kind == ErrorKind::Unavailable ? ExitFailure : ExitBadSetting, error.message);
}

// Another process holds the database: this launch gives it its links and lists (the --import
// list too) and ends, having touched neither the database nor the download folder. 0 when taken;
// 2 when refused (a headless instance reads them as --import does); 1 with the lock's message when
// nobody answers (another user's instance, or a path through a hard link).
int handOver(const CommandLine &commandLine, const QString &databaseFile, const Error &inUse,
             const RunPlan &plan, bool headless)
{
    QList<QUrl> targets = commandLine.targets;
    if (!commandLine.importFile.isEmpty())
        targets.append(QUrl::fromLocalFile(QFileInfo(commandLine.importFile).absoluteFilePath()));
    const Result<QString> answer = InstanceChannel::handOver(databaseFile, targets);
    if (answer)
    {
        std::printf("soulspot-bridge: handed over to the SoulSpot Bridge running on %s: %s\n",
                    qPrintable(databaseFile), qPrintable(*answer));
        return 0;
    }
    if (answer.error().kind == ErrorKind::InvalidArgument)
        return fail(ExitBadSetting, answer.error().message);
    return startFailed(inUse, plan, headless);
}

// The loop until the user quits (window) or SIGTERM; meanwhile the channel gives what later
// launches hand over to the window (asked as a drop) or, headless, to the queue.
int runLoop(const CommandLine &commandLine, SettingsStore &settings, DownloadService &service,
            InstanceChannel &channel, bool headless)
{
    int loopCode = 0;
#ifdef SOULSPOT_HAVE_GUI
    if (!headless)
    {
        Gui::WindowRun window(service, settings);
        channel.setReceiver([&window](const QList<QUrl> &targets) -> Result<QString> {
            window.open(targets);
            return targets.isEmpty() ? u"its window is in front"_s
                                     : u"its window adds them (a list after asking)"_s;
        });
        if (!commandLine.targets.isEmpty())
            window.open(commandLine.targets);
        loopCode = window.exec();
    }
    else
#endif
    {
        channel.setReceiver(
            [&service](const QList<QUrl> &targets) { return enqueueTargets(service, targets); });
        loopCode = QCoreApplication::exec();
    }
    // What is handed over while the service shuts down is refused, not given to a closed window.
    channel.setReceiver(nullptr);
    return loopCode;
}

// Opens the engine, starts the queue (and the API), imports, then runs the window or the loop.
int run(const CommandLine &commandLine, const RunPlan &plan, bool headless)
{
    // First: a SIGTERM during a long start (the check and the backup of a large database) ends
    // the program cleanly once the loop runs, instead of killing it half-way.
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, QCoreApplication::instance(),
                     [] { QCoreApplication::exit(0); });
    Engine engine;
    if (Status locked = engine.lock(plan.settings); !locked)
    {
        return locked.error().kind == ErrorKind::Unavailable
                   ? handOver(commandLine, engine.databaseFile(), locked.error(), plan, headless)
                   : startFailed(locked.error(), plan, headless);
    }
    // At once: a launch during the rest of the start connects and waits for the loop.
    InstanceChannel channel(engine.databaseFile());
    if (Status listening = channel.listen(); !listening)
        std::fprintf(stderr, "soulspot-bridge: %s: a second launch on this database will be refused\n",
                     qPrintable(listening.error().message));
    if (Status opened = engine.open(plan.settings); !opened)
        return startFailed(opened.error(), plan, headless);
    DownloadService &service = engine.service();

    // The terminal report is for headless runs; the window shows the same in its own way.
    HeadlessReporter reporter(service, commandLine.quiet || !headless);
    // A worker of the same name already running on the database is a bad setting (exit 2).
    if (Status started = service.start(); !started)
        return fail(started.error().kind == ErrorKind::Conflict ? ExitBadSetting : ExitFailure,
                    started.error().message);
    // One store of the settings for the window and the REST API: what one saves, the other sees.
    QSettings saved;
    SettingsStore settings(saved, plan.settings, QProcessEnvironment::systemEnvironment(),
                           commandLine.settings);
#ifdef SOULSPOT_HAVE_API
    // Prints "API listening on http://HOST:PORT" when the API is on (see src/api/apiserver.h).
    Result<std::unique_ptr<Api::ApiServer>> api = Api::startApi(service, settings);
    if (!api)
        return fail(ExitBadSetting, api.error().message);
#endif
    if (!plan.imported.isEmpty())
    {
        Result<QList<Download>> added = service.addTracks(plan.imported, plan.importPriority);
        if (!added)
            return fail(ExitBadSetting, u"--import: %1"_s.arg(added.error().message));
    }

    int exitCode = 0;
    if (commandLine.exitWhenDone)
        exitWhenDone(service, reporter, exitCode);
    const int loopCode = runLoop(commandLine, settings, service, channel, headless);
    service.shutdown();
    reporter.printSummary();
    return commandLine.exitWhenDone ? exitCode : loopCode;
}

} // namespace

int main(int argc, char **argv)
{
    keepFreedHeapForReuse();
    const bool headless = wantsHeadless(argc, argv);
    // Headless, every thread runs Qt's own event loop rather than GLib's (Qt reads this as each
    // thread starts its loop). GLib's writes to the thread's wake-up descriptor at every event
    // posted to it, Qt's once until the loop runs: a tiny download posts about 30 events between
    // its job's thread, the network thread and the main thread (claims_bench: 31 write() calls per
    // download with GLib's, 10 with Qt's). The window keeps GLib's, which desktop dialogs expect.
    if (headless && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#ifdef SOULSPOT_HAVE_GUI
    // A QApplication needs a display; only the window gets one.
    std::unique_ptr<QCoreApplication> app =
        headless ? std::make_unique<QCoreApplication>(argc, argv) : Gui::createApplication(argc, argv);
#else
    std::unique_ptr<QCoreApplication> app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setOrganizationName(u"SoulSpot"_s);
    QCoreApplication::setApplicationName(u"SoulSpot Bridge"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    const CommandLine commandLine = parseCommandLine(QCoreApplication::arguments());
#ifndef SOULSPOT_HAVE_GUI
    if (!headless)
        return fail(ExitBadSetting, u"this build has no window: run with --headless"_s);
#endif
    std::variant<RunPlan, int> plan = planRun(commandLine);
    if (const int *exitCode = std::get_if<int>(&plan))
        return *exitCode;
    if (commandLine.checkSlskd)
        return checkSlskd(std::get<RunPlan>(plan).settings);
    if (commandLine.checkDatabase)
        return checkDatabase(std::get<RunPlan>(plan).settings);
    return run(commandLine, std::get<RunPlan>(plan), headless);
}
