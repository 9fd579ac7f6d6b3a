// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloaderror.h"
#include "domain/result.h"

#include <QList>
#include <QString>

namespace SoulSpot {

class Database;

// All SQL about the `download_errors` table: every error a download met, with its time, for the
// window's details (the download's row keeps only the last). The rows of removed downloads go at
// the next start (removeOrphans()), not one statement more per removed row. Uses the calling
// thread's connection of the Database.
class ErrorHistory
{
public:
    explicit ErrorHistory(const Database &database);

    Status append(const QString &downloadId, const DownloadErrorRecord &record);
    // Oldest first.
    Result<QList<DownloadErrorRecord>> list(const QString &downloadId) const;
    Status removeOrphans();

private:
    const Database &m_database;
};

} // namespace SoulSpot
