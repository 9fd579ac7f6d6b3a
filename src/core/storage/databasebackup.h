// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

class QSqlDatabase;

namespace SoulSpot {

// The copy of the database kept beside it, `NAME.bak`: one self-contained SQLite file (no WAL, no
// link), so that a damaged database is restored by moving one file. Made before every schema
// upgrade and at a start when the last one is older than a day (Database::open()).
//
// The copy is written by VACUUM INTO (a consistent snapshot, even while others write) to
// `NAME.bak.tmp`, flushed to the disk and then renamed over `NAME.bak`: a crash at any moment
// leaves the previous backup or the new one, never half of one.
class DatabaseBackup final
{
public:
    static constexpr std::chrono::hours maxAge{24};

    explicit DatabaseBackup(const QString &databasePath);

    QString path() const { return m_path; }
    // When the backup was made (its file's time); nullopt when there is none.
    std::optional<QDateTime> madeAt() const;
    // No backup yet, or the last one is older than maxAge.
    bool isDue(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // Copies what `connection` sees of its database into the backup.
    Status make(const QSqlDatabase &connection) const;

    // What to do with a damaged database: the steps that bring the backup back, or that there is
    // none. For messages.
    QString restoreAdvice() const;

private:
    QString m_databasePath;
    QString m_path;
};

} // namespace SoulSpot
