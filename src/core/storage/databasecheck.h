// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

namespace SoulSpot {

enum class IntegrityCheck
{
    Quick, // PRAGMA quick_check: every page and b-tree, not the indexes' agreement with their tables
    Full   // PRAGMA integrity_check: everything, slower
};

// Reads a database file through a read-only connection of its own and runs SQLite's check on it:
// nothing is written, neither to the file nor to its WAL, so a damaged file stays as it was for
// whoever repairs it. Done when the file is sound, or is missing or empty (a new database). A
// file that fails (or cannot be read at all) is ErrorKind::Storage, naming the file, the first
// problems SQLite found and the backup to restore (DatabaseBackup).
Status checkIntegrity(const QString &filePath, IntegrityCheck depth);

} // namespace SoulSpot
