// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <memory>

namespace SoulSpot {

class Database;

// The database a DownloadService runs on, for the layers above core: the program opens it (an
// SQLite file or a PostgreSQL URL) and checks a file through this, without seeing a storage type
// (arrows point down: app includes service, never storage).
class ServiceDatabase
{
    Q_DISABLE_COPY_MOVE(ServiceDatabase)

public:
    // `location` as --database takes it: a path or a postgresql:// URL.
    explicit ServiceDatabase(const QString &location);
    ~ServiceDatabase();

    // Opens, checks and migrates (Database::open()).
    Status open();
    // The path, or the URL without its password: for messages and the hand-over channel.
    QString displayName() const;
    // What DownloadService's constructor takes.
    Database &database() const { return *m_database; }

    // SQLite's full integrity check of a file, read-only (--check-database).
    static Status checkFile(const QString &filePath);

private:
    std::unique_ptr<Database> m_database;
};

} // namespace SoulSpot
