// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "databaselock.h"

#include "config/settings.h"
#include "config/writablefolder.h"
#include "service/downloadservice.h"
#include "service/servicedatabase.h"
#include "service/sourcesetup.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// Which setting named the database, for messages: the one the user wrote.
QString databaseSettingName(const Settings &settings)
{
    return settings.source(Settings::DatabasePath) == SettingSource::Environment ? u"SOULSPOT_DATABASE"_s
                                                                                 : u"--database"_s;
}

} // namespace

Engine::Engine() = default;

Engine::~Engine()
{
    if (m_service)
        m_service->shutdown();
    m_service.reset();
    m_database.reset();
}

Status Engine::lock(const Settings &settings)
{
    const QString databasePath = settings.databasePath();
    if (Settings::isDatabaseUrl(databasePath))
    {
        // A server database has no file to lock: several processes sharing it is what it is
        // for. The hand-over channel is keyed by the URL without its password.
        m_databaseFile = ServiceDatabase(databasePath).displayName();
        return Done{};
    }
    QDir().mkpath(QFileInfo(databasePath).absolutePath());
    // One process per database file, by any path (see DatabaseLock), before anything else.
    m_lock = std::make_unique<DatabaseLock>(databasePath);
    Status locked = m_lock->acquire();
    // Now the file exists (the lock creates it), so every path to it resolves to the same text.
    m_databaseFile = DatabaseLock::canonicalPath(databasePath);
    return locked;
}

Status Engine::open(const Settings &settings)
{
    const QString databasePath = settings.databasePath();
    const QString downloadDirectory = settings.downloadDirectory();
    if (Status writable = ensureWritableFolder(downloadDirectory); !writable)
        return writable;
    m_database = std::make_unique<ServiceDatabase>(databasePath);
    if (Status opened = m_database->open(); !opened)
    {
        if (!Settings::isDatabaseUrl(databasePath))
            return opened;
        return Error{ErrorKind::InvalidArgument,
                     u"%1: %2"_s.arg(databaseSettingName(settings), opened.error().message)};
    }

    ServiceOptions options;
    options.downloadDirectory = downloadDirectory;
    options.maxConcurrentDownloads = settings.maxConcurrentDownloads();
    options.defaultMaxRetries = settings.defaultMaxRetries();
    options.priorityQueueEnabled = settings.priorityQueueEnabled();
    options.maxDownloadSpeedKib = settings.maxDownloadSpeedKib();
    options.connectionsPerDownload = settings.connectionsPerDownload();
    options.minSegmentSizeMib = settings.minSegmentSizeMib();
    options.workerName = settings.workerName();
    options.leaseSeconds = settings.leaseSeconds();
    m_service = std::make_unique<DownloadService>(m_database->database(), options);
    return SourceSetup::addSources(*m_service, settings);
}

} // namespace SoulSpot
