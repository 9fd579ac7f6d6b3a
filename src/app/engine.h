// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <memory>

namespace SoulSpot {

class ServiceDatabase;
class DatabaseLock;
class DownloadService;
class Settings;

// The running engine of one process: the database (locked against a second process), the
// download service and its sources, set up from the validated settings.
class Engine
{
    Q_DISABLE_COPY_MOVE(Engine)

public:
    Engine();
    ~Engine();

    // Takes the database's lock (see DatabaseLock), creating its folder if needed and touching
    // nothing else: ErrorKind::Unavailable when another process runs on the file.
    Status lock(const Settings &settings);
    // After lock(): checks the download folder, opens the database, sets up the service.
    Status open(const Settings &settings);
    // The database's path with every symlink resolved (after lock()).
    const QString &databaseFile() const { return m_databaseFile; }
    DownloadService &service() { return *m_service; }
    ServiceDatabase &database() { return *m_database; }

private:
    QString m_databaseFile;
    std::unique_ptr<DatabaseLock> m_lock; // released last: after every connection is closed
    std::unique_ptr<ServiceDatabase> m_database;
    std::unique_ptr<DownloadService> m_service;
};

} // namespace SoulSpot
