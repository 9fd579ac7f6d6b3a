// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace SoulSpot {

// One process per database file, whatever path leads to it. Two engines on one file would run the
// same downloads twice and overwrite each other's rows; through a hard link each would even keep
// its own WAL and lose the other's writes.
//
// Two locks, taken in this order:
// - an exclusive flock() on the database file itself: it belongs to the file (its device and
//   inode), so a symlink, a hard link or a `..` in the path all meet it; the kernel drops it when
//   the process ends, however it ends. (SQLite locks with fcntl(), which is independent of flock()
//   on Linux, so the two never meet.)
// - a QLockFile beside the canonical path (`FILE.lock`): it records the owner's pid for the
//   message, and it keeps out older versions, which only knew that lock.
//
// The file descriptor of the flock() stays open while the lock is held: closing it would release
// the lock. Release the lock only after every SQLite connection to the file is closed (closing a
// descriptor of a file drops the process's fcntl() locks on it, SQLite's included).
class DatabaseLock final
{
    Q_DISABLE_COPY_MOVE(DatabaseLock)

public:
    explicit DatabaseLock(QString databasePath);
    ~DatabaseLock();

    // Creates the database file (empty) if it does not exist yet, then takes both locks; never
    // waits more than a moment. ErrorKind::Unavailable when another process holds the file;
    // ErrorKind::Storage when the file or the lock file cannot be made (with the OS's reason).
    Status acquire();

    // The path with every symlink resolved: the same for every path that leads to the file
    // through links to it or to its folders (not through hard links, which the flock() catches).
    static QString canonicalPath(const QString &path);

private:
    Status lockFile(const QString &canonical);
    Status lockBeside(const QString &canonical);
    QString inUseMessage(const QString &canonical) const;

    QString m_path;
    int m_descriptor = -1;
    std::unique_ptr<QLockFile> m_lockFile;
};

} // namespace SoulSpot
