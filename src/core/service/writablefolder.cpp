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

namespace {

Error unusable(const QString &folder, const QString &what, const QString &reason)
{
    return Error{ErrorKind::InvalidArgument,
                 u"the download folder %1 %2: %3"_s.arg(QDir::toNativeSeparators(folder), what, reason)};
}

} // namespace

Status ensureWritableFolder(const QString &folder)
{
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(QFile::encodeName(folder).toStdString()),
                                        error);
    if (error)
        return unusable(folder, u"cannot be created"_s, QString::fromLocal8Bit(error.message()));
    // mkstemp() names a file nobody else uses, and says in errno why it could not.
    QByteArray probe = QFile::encodeName(QDir(folder).filePath(u".soulspot-write-test-XXXXXX"_s));
    const int descriptor = ::mkstemp(probe.data());
    if (descriptor < 0)
        return unusable(folder, u"cannot be written"_s, qt_error_string(errno));
    ::close(descriptor);
    ::unlink(probe.constData());
    return Done{};
}

} // namespace SoulSpot
