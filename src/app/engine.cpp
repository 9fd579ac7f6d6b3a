// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "config/settings.h"
#include "service/downloadservice.h"
#include "service/sourcesetup.h"
#include "storage/database.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace SoulSpot {

Engine::Engine() = default;

Engine::~Engine()
{
    if (m_service)
        m_service->shutdown();
    m_service.reset();
    m_database.reset();
}

Status Engine::open(const Settings &settings)
{
    const QString databasePath = settings.databasePath();
    QDir().mkpath(QFileInfo(databasePath).absolutePath());
    // One process per database: two engines would start the same downloads twice. QLockFile
    // takes over a lock left by a process that no longer runs (a crash, a SIGKILL).
    m_lock = std::make_unique<QLockFile>(databasePath + u".lock"_s);
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(100))
    {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        return Error{ErrorKind::Unavailable,
                     u"the database %1 is in use by another SoulSpot Bridge (pid %2)"_s.arg(
                         databasePath, QString::number(pid))};
    }

    m_database = std::make_unique<Database>(databasePath);
    if (Status opened = m_database->open(); !opened)
        return opened;

    const QString downloadDirectory = settings.downloadDirectory();
    if (!QDir().mkpath(downloadDirectory))
        return Error{ErrorKind::InvalidArgument,
                     u"cannot create the download folder %1"_s.arg(downloadDirectory)};

    ServiceOptions options;
    options.downloadDirectory = downloadDirectory;
    options.maxConcurrentDownloads = settings.maxConcurrentDownloads();
    options.defaultMaxRetries = settings.defaultMaxRetries();
    options.priorityQueueEnabled = settings.priorityQueueEnabled();
    m_service = std::make_unique<DownloadService>(*m_database, options);
    return SourceSetup::addSources(*m_service, settings);
}

} // namespace SoulSpot
