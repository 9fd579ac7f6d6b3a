// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <memory>

namespace SoulSpot {

class Database;
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

    Status open(const Settings &settings);
    DownloadService &service() { return *m_service; }
    Database &database() { return *m_database; }

private:
    std::unique_ptr<DatabaseLock> m_lock; // released last: after every connection is closed
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
};

} // namespace SoulSpot
