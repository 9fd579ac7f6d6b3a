// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaselock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// Why a file cannot be created in a folder, in the OS's words ("Permission denied", "Read-only
// file system"); QLockFile only says that it failed. Tries once and leaves nothing behind.
QString whyNoFileCanBeCreated(const QString &path)
{
    QFile probe(path);
    if (probe.open(QIODevice::WriteOnly | QIODevice::NewOnly))
    {
        probe.remove();
        return u"unknown reason"_s;
    }
    return probe.errorString();
}

// Whether a lock file names its owner. QLockFile judges a named owner itself (a pid that is gone,
// or that another program now has, is stale), but keeps out forever a file that names nobody.
bool namesAnOwner(const QLockFile &lock)
{
    qint64 pid = 0;
    QString host, application;
    return lock.getLockInfo(&pid, &host, &application) && pid > 0;
}

} // namespace

DatabaseLock::DatabaseLock(QString databasePath)
    : m_path(std::move(databasePath))
{
}

DatabaseLock::~DatabaseLock()
{
    m_lockFile.reset();
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

QString DatabaseLock::canonicalPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists())
        return info.canonicalFilePath();
    // A dangling symlink: the file it names is the database (SQLite follows it and creates it).
    if (info.isSymLink())
        return canonicalPath(info.symLinkTarget());
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? info.absoluteFilePath() : QDir(folder).filePath(info.fileName());
}

Status DatabaseLock::acquire()
{
    const QString canonical = canonicalPath(m_path);
    if (Status locked = lockFile(canonical); !locked)
        return locked;
    return lockBeside(canonical);
}

Status DatabaseLock::lockFile(const QString &canonical)
{
    const QByteArray nativePath = QFile::encodeName(canonical);
    // Read-only when it exists: a process that is refused must not change the file, not even its
    // times. An empty file is an empty SQLite database, so creating one is harmless.
    int descriptor = ::open(nativePath.constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0 && errno == ENOENT)
        descriptor = ::open(nativePath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (descriptor < 0)
        return Error{ErrorKind::Storage,
                     u"Cannot open the database %1: %2"_s.arg(m_path, qt_error_string(errno))};
    if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0)
    {
        const int error = errno;
        ::close(descriptor);
        if (error == EWOULDBLOCK)
            return Error{ErrorKind::Unavailable, inUseMessage(canonical)};
        return Error{ErrorKind::Storage,
                     u"Cannot lock the database %1: %2"_s.arg(m_path, qt_error_string(error))};
    }
    m_descriptor = descriptor;
    return Done{};
}

Status DatabaseLock::lockBeside(const QString &canonical)
{
    const QString lockPath = canonical + u".lock"_s;
    m_lockFile = std::make_unique<QLockFile>(lockPath);
    // A lock file left by a process that no longer runs (a crash, a SIGKILL) is taken over.
    m_lockFile->setStaleLockTime(0);
    if (m_lockFile->tryLock(100))
        return Done{};
    // We hold the flock() on the database file, so no process of this version holds it. A lock
    // file that names nobody was left by a kill between its creation and its first write.
    if (m_lockFile->error() == QLockFile::LockFailedError && !namesAnOwner(*m_lockFile) &&
        m_lockFile->removeStaleLockFile() && m_lockFile->tryLock(100))
        return Done{};
    const QLockFile::LockError error = m_lockFile->error();
    m_lockFile.reset();
    if (error == QLockFile::LockFailedError)
        return Error{ErrorKind::Unavailable, inUseMessage(canonical)};
    return Error{ErrorKind::Storage,
                 u"Cannot lock the database %1: the lock file %2 cannot be created in its folder (%3). "
                 "SoulSpot Bridge needs to write in the database's folder."_s.arg(
                     m_path, lockPath, whyNoFileCanBeCreated(lockPath))};
}

QString DatabaseLock::inUseMessage(const QString &canonical) const
{
    const QString file = canonical == m_path ? m_path : u"%1 (the file %2)"_s.arg(m_path, canonical);
    QLockFile owner(canonical + u".lock"_s);
    qint64 pid = 0;
    QString host, application;
    if (owner.getLockInfo(&pid, &host, &application) && pid > 0)
        return u"the database %1 is in use by another SoulSpot Bridge (pid %2)"_s.arg(file,
                                                                                      QString::number(pid));
    // Through a hard link the owner's lock file has another name, so its pid is unknown here.
    return u"the database %1 is in use by another SoulSpot Bridge"_s.arg(file);
}

} // namespace SoulSpot
