// SPDX-License-Identifier: GPL-3.0-or-later
#include "writablefolder.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace SoulSpot {

QString FolderProblem::sentence() const
{
    return u"the download folder %1 cannot be written: %2"_s.arg(QDir::toNativeSeparators(folder), reason);
}

std::optional<FolderProblem> checkWritableFolder(const QString &folder)
{
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(QFile::encodeName(folder).toStdString()),
                                        error);
    if (error)
        return FolderProblem{folder, QString::fromLocal8Bit(error.message())};
    // mkstemp() names a file nobody else uses, and says in errno why it could not.
    QByteArray probe = QFile::encodeName(QDir(folder).filePath(u".soulspot-write-test-XXXXXX"_s));
    const int descriptor = ::mkstemp(probe.data());
    if (descriptor < 0)
        return FolderProblem{folder, qt_error_string(errno)};
    // An empty file fits on a full disk; a byte does not.
    const bool written = ::write(descriptor, "\n", 1) == 1;
    const int writeError = errno;
    ::close(descriptor);
    ::unlink(probe.constData());
    if (!written)
        return FolderProblem{folder, qt_error_string(writeError)};
    return std::nullopt;
}

Status ensureWritableFolder(const QString &folder)
{
    if (const std::optional<FolderProblem> problem = checkWritableFolder(folder))
        return Error{ErrorKind::InvalidArgument, problem->sentence()};
    return Done{};
}

Result<QString> checkOwnDownloadFolder(const QString &folder)
{
    // A relative path would mean the folder the program happened to start in.
    if (folder.trimmed().isEmpty() || !QDir::isAbsolutePath(folder))
        return Error{ErrorKind::InvalidArgument,
                     u"the download folder must be an absolute path: \"%1\""_s.arg(folder.left(300))};
    const QString cleaned = QDir::cleanPath(folder);
    if (Status writable = ensureWritableFolder(cleaned); !writable)
        return writable.error();
    return cleaned;
}

} // namespace SoulSpot
