// SPDX-License-Identifier: GPL-3.0-or-later
#include "databasebackup.h"

#include "sqlsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// fsync() of a file or a folder: the bytes of the copy, and then its name, reach the disk before
// the old backup is given up. SQLite does not sync what VACUUM INTO writes.
Status syncToDisk(const QString &path)
{
    const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return Error{ErrorKind::Storage,
                     u"Cannot open %1 to flush it: %2"_s.arg(path, qt_error_string(errno))};
    const int synced = ::fsync(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (synced != 0)
        return Error{ErrorKind::Storage,
                     u"Cannot flush %1 to the disk: %2"_s.arg(path, qt_error_string(error))};
    return Done{};
}

Status replace(const QString &from, const QString &to)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return Error{ErrorKind::Storage,
                     u"Cannot rename %1 to %2: %3"_s.arg(from, to, qt_error_string(errno))};
    return Done{};
}

} // namespace

DatabaseBackup::DatabaseBackup(const QString &databasePath)
    : m_databasePath(databasePath)
    , m_path(databasePath + u".bak"_s)
{
}

std::optional<QDateTime> DatabaseBackup::madeAt() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return std::nullopt;
    return info.lastModified().toUTC();
}

bool DatabaseBackup::isDue(const QDateTime &now) const
{
    const std::optional<QDateTime> made = madeAt();
    return !made || made->msecsTo(now) > std::chrono::milliseconds(maxAge).count();
}

Status DatabaseBackup::make(const QSqlDatabase &connection) const
{
    const QString temporary = m_path + u".tmp"_s;
    QFile::remove(temporary); // left by a crash; VACUUM INTO refuses to write over a file
    {
        QSqlQuery query(connection);
        Status copied = Sql::prepare(query, u"VACUUM INTO ?"_s);
        if (copied)
        {
            query.addBindValue(temporary);
            copied = Sql::exec(query, u"Backing up the database to", temporary);
        }
        if (!copied)
        {
            QFile::remove(temporary);
            return copied;
        }
    }
    Status done = syncToDisk(temporary);
    if (done)
        done = replace(temporary, m_path);
    if (!done)
    {
        QFile::remove(temporary);
        return done;
    }
    // The rename itself lasts once the folder is on the disk; the copy is whole either way.
    if (Status named = syncToDisk(QFileInfo(m_path).absolutePath()); !named)
        qCWarning(lcStorage) << named.error().message;
    return Done{};
}

QString DatabaseBackup::restoreAdvice() const
{
    const std::optional<QDateTime> made = madeAt();
    if (!made)
        return u"There is no backup (%1) to restore."_s.arg(m_path);
    return u"To go back to the backup of %1: with SoulSpot Bridge stopped, delete %2-wal and %2-shm if "
           "they exist, and move %3 to %2."_s.arg(made->toString(u"yyyy-MM-dd HH:mm 'UTC'"_s), m_databasePath,
                                                  m_path);
}

} // namespace SoulSpot
