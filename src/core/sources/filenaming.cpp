// SPDX-License-Identifier: GPL-3.0-or-later
#include "filenaming.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::FileNaming {

namespace {

// Leaves room for " (9999)" and ".part" under the 255-byte limit of common file systems.
constexpr qsizetype maxNameBytes = 200;
constexpr qsizetype maxExtensionLength = 16;
constexpr int maxNumberedCandidates = 10000;
// How often a create or rename may be refused for a name that is free when looked at (see
// claimUniquePath, finishPartialFile).
constexpr int maxRefusalsOfAFreeName = 8;

bool isForbiddenCharacter(QChar c)
{
    // Path separators on every platform, plus what Windows refuses in a name: a file downloaded
    // here may later be copied to a FAT-formatted player or a Windows share.
    static constexpr QStringView forbidden = u"/\\<>:\"|?*";
    return forbidden.contains(c);
}

// Invisible characters that reorder text: "song\u202Egpj.exe" displays as "songexe.jpg".
bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
}

QString replaceUnsafeCharacters(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (QChar c : name)
    {
        if (isForbiddenCharacter(c))
            out += u'_';
        else if (c == u'\t' || c == u'\n' || c == u'\r')
            out += u' ';
        else if (c.category() == QChar::Other_Control || isBidiControl(c.unicode()))
            continue;
        else
            out += c;
    }
    // The round trip turns lone surrogates (not valid in any file system encoding) into U+FFFD.
    return QString::fromUtf8(out.toUtf8()).normalized(QString::NormalizationForm_C);
}

// Leading dots hide a file (and "." and ".." are no names); Windows drops trailing dots and spaces,
// so "a." and "a" would be the same file there.
bool isTrimmed(QChar c)
{
    return c == u'.' || c.isSpace();
}

QString trimDotsAndSpaces(const QString &name)
{
    qsizetype begin = 0;
    while (begin < name.size() && isTrimmed(name.at(begin)))
        ++begin;
    qsizetype end = name.size();
    while (end > begin && isTrimmed(name.at(end - 1)))
        --end;
    return name.mid(begin, end - begin);
}

// Windows maps these names (with any extension) to devices, whatever the folder.
bool isReservedDeviceName(const QString &name)
{
    static const std::array<QString, 4> fixed{u"CON"_s, u"PRN"_s, u"AUX"_s, u"NUL"_s};
    const QString stem = name.section(u'.', 0, 0).trimmed().toUpper();
    if (std::find(fixed.begin(), fixed.end(), stem) != fixed.end())
        return true;
    return stem.size() == 4 && (stem.startsWith(u"COM"_s) || stem.startsWith(u"LPT"_s)) &&
           stem.at(3) >= u'1' && stem.at(3) <= u'9';
}

// Splits "name.ext" into {"name", ".ext"}. Only a short, space-free suffix counts as an extension,
// so "Mr. Brightside" has none.
std::pair<QString, QString> splitExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || dot == name.size() - 1 || name.size() - dot - 1 > maxExtensionLength)
        return {name, {}};
    const QString extension = name.mid(dot);
    if (extension.contains(u' '))
        return {name, {}};
    return {name.left(dot), extension};
}

QString truncateToBytes(const QString &name)
{
    if (name.toUtf8().size() <= maxNameBytes)
        return name;
    auto [base, extension] = splitExtension(name);
    const qsizetype budget = maxNameBytes - extension.toUtf8().size();
    while (!base.isEmpty() && base.toUtf8().size() > budget)
    {
        // Never cut a surrogate pair in half.
        const bool pair = base.size() >= 2 && base.back().isLowSurrogate();
        base.chop(pair ? 2 : 1);
    }
    return trimDotsAndSpaces(base) + extension;
}

QString decodeHeaderText(const QByteArray &bytes)
{
    // Servers put raw UTF-8 in filename="..." more often than the Latin-1 the RFC says.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

// RFC 5987 ext-value: charset'language'percent-encoded-bytes.
QString decodeExtendedValue(const QByteArray &value)
{
    const qsizetype firstQuote = value.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return {};
    const QByteArray charset = value.left(firstQuote).trimmed().toLower();
    const QByteArray bytes = QByteArray::fromPercentEncoding(value.mid(secondQuote + 1));
    if (charset == "utf-8")
        return decodeHeaderText(bytes);
    if (charset == "iso-8859-1")
        return QString::fromLatin1(bytes);
    return {};
}

// One `name=value` parameter of a header; `pos` advances past it.
struct HeaderParameter
{
    QByteArray name;
    QByteArray value;
};

QByteArray readQuotedString(const QByteArray &header, qsizetype &pos)
{
    QByteArray value;
    ++pos; // the opening quote
    while (pos < header.size() && header.at(pos) != '"')
    {
        if (header.at(pos) == '\\' && pos + 1 < header.size())
            ++pos;
        value += header.at(pos++);
    }
    ++pos; // the closing quote
    return value;
}

HeaderParameter readParameter(const QByteArray &header, qsizetype &pos)
{
    while (pos < header.size() && (header.at(pos) == ';' || header.at(pos) == ' ' || header.at(pos) == '\t'))
        ++pos;
    HeaderParameter parameter;
    while (pos < header.size() && header.at(pos) != '=' && header.at(pos) != ';')
        parameter.name += header.at(pos++);
    parameter.name = parameter.name.trimmed().toLower();
    if (pos >= header.size() || header.at(pos) != '=')
        return parameter;
    ++pos;
    while (pos < header.size() && (header.at(pos) == ' ' || header.at(pos) == '\t'))
        ++pos;
    if (pos < header.size() && header.at(pos) == '"')
        return {parameter.name, readQuotedString(header, pos)};
    const qsizetype end = header.indexOf(';', pos);
    parameter.value = header.mid(pos, end < 0 ? -1 : end - pos).trimmed();
    pos = end < 0 ? header.size() : end;
    return parameter;
}

bool isTaken(const QString &path)
{
    // A dangling symbolic link "does not exist" for QFileInfo::exists(), but it is a name in use:
    // whatever lstat() finds, link or not. One lstat() (QFileInfo needed a stat() and an lstat()).
    std::error_code error;
    return std::filesystem::exists(
        std::filesystem::symlink_status(QFile::encodeName(path).toStdString(), error));
}

QString numberedName(const QString &name, int number)
{
    if (number == 0)
        return name;
    const auto [base, extension] = splitExtension(name);
    return u"%1 (%2)%3"_s.arg(base).arg(number).arg(extension);
}

// Creates `path` exclusively, and leaves it open in `file` (unbuffered, for writing). Returns 1 when
// created, 0 when it already exists, -1 on an error (with the OS reason in `error`).
int createExclusively(const QString &path, QFile &file, QString *error = nullptr)
{
    file.setFileName(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return 1;
    if (isTaken(path))
        return 0;
    if (error)
        *error = file.errorString();
    return -1;
}

// Renames `from` to `to` unless `to` exists, in one step. Not QFile::rename(): it looks at the
// target first, and when the rename is then refused for a file that came in between, it copies
// over that file (QSaveFile) and answers true.
bool renameWithoutReplacing(const QString &from, const QString &to)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
    // A file system without RENAME_NOREPLACE (NFS): a hard link never replaces either.
    if (::link(source.constData(), target.constData()) == 0)
    {
        ::unlink(source.constData()); // the file is in place; a name left over is one more link
        return true;
    }
    if (errno != EPERM && errno != EOPNOTSUPP)
        return false;
    // Neither (CIFS): a look, then the rename, as QFile::rename() does, without its copy.
    return !isTaken(to) && std::rename(source.constData(), target.constData()) == 0;
}

} // namespace

QString sanitize(const QString &name)
{
    QString safe = trimDotsAndSpaces(replaceUnsafeCharacters(name));
    if (safe.isEmpty())
        return {};
    if (isReservedDeviceName(safe))
        safe.prepend(u'_');
    return truncateToBytes(safe);
}

QString fromContentDisposition(const QByteArray &headerValue)
{
    // Skip the disposition type ("attachment", "inline"); some servers leave it out.
    const qsizetype firstSemicolon = headerValue.indexOf(';');
    const QByteArray first = headerValue.left(firstSemicolon < 0 ? headerValue.size() : firstSemicolon);
    qsizetype pos = first.contains('=') ? 0 : first.size();
    QString plain;
    QString extended;
    while (pos < headerValue.size())
    {
        const HeaderParameter parameter = readParameter(headerValue, pos);
        if (parameter.name == "filename*")
            extended = decodeExtendedValue(parameter.value);
        else if (parameter.name == "filename")
            plain = decodeHeaderText(parameter.value);
    }
    const QString extendedSafe = sanitize(extended);
    return extendedSafe.isEmpty() ? sanitize(plain) : extendedSafe;
}

QString fromUrl(const QUrl &url)
{
    // Split the encoded path before decoding, so that "%2F" stays inside its segment.
    const QString encodedPath = url.path(QUrl::FullyEncoded);
    const QString lastSegment = encodedPath.mid(encodedPath.lastIndexOf(u'/') + 1);
    return sanitize(QUrl::fromPercentEncoding(lastSegment.toUtf8()));
}

QString fromTrack(const QString &artist, const QString &title)
{
    const QString cleanArtist = artist.simplified();
    const QString cleanTitle = title.simplified();
    if (cleanArtist.isEmpty() || cleanTitle.isEmpty())
        return sanitize(cleanArtist + cleanTitle);
    return sanitize(cleanArtist + u" - "_s + cleanTitle);
}

bool makeFolder(const QString &directory, QString &error)
{
    // Only looked at when it exists: the kernel's mkdir() takes the parent folder's lock for
    // writing even to answer "exists", and every download asks, from every job thread at once.
    if (QFileInfo(directory).isDir())
        return true;
    errno = 0;
    if (QDir().mkpath(directory))
        return true;
    error = errno != 0 ? QString::fromLocal8Bit(std::strerror(errno)) : u"cannot create the folder"_s;
    return false;
}

QString claimUniquePath(const QString &directory, const QString &name)
{
    QFile partial;
    return claimUniquePath(directory, name, {}, partial).path;
}

Claim claimUniquePath(const QString &directory, const QString &name,
                      const std::function<bool(const QString &path)> &reserve, QFile &partial)
{
    const QString safeName = sanitize(name);
    QString reason;
    if (safeName.isEmpty())
        return {{}, u"no usable file name in \"%1\""_s.arg(name)};
    if (!makeFolder(directory, reason))
        return {{}, u"cannot create the folder %1: %2"_s.arg(directory, reason)};
    const QDir folder(directory);
    int refusalsOfAFreeName = 0;
    for (int number = 0; number < maxNumberedCandidates; ++number)
    {
        const QString path = folder.absoluteFilePath(numberedName(safeName, number));
        if (!isInside(directory, path) || isTaken(path) || isTaken(path + partialSuffix))
            continue;
        if (reserve && !reserve(path))
            return {{}, u"could not record the target path %1"_s.arg(path)};
        const int created = createExclusively(path + partialSuffix, partial, &reason);
        if (created == 1)
            return {path, {}};
        if (created == 0)
            continue;
        // Refused with nothing there: another transfer's partial file of this name may have been
        // renamed to its final name (or removed) between the create and the look. This name once
        // more, from the top, then sees it taken or free; a refusal that stays is a real error.
        if (++refusalsOfAFreeName == maxRefusalsOfAFreeName)
            return {{}, u"cannot create a file in %1: %2"_s.arg(directory, reason)};
        --number;
    }
    return {{}, u"cannot create a file in %1: every numbered name is taken"_s.arg(directory)};
}

QString finishPartialFile(const QString &partialPath, const QString &finalPath)
{
    const QFileInfo finalInfo(finalPath);
    const QDir folder = finalInfo.absoluteDir();
    int refusalsOfAFreeName = 0;
    for (int number = 0; number < maxNumberedCandidates; ++number)
    {
        const QString candidate = folder.absoluteFilePath(numberedName(finalInfo.fileName(), number));
        // A numbered name whose partial file exists belongs to another running transfer.
        if (number > 0 && (isTaken(candidate) || isTaken(candidate + partialSuffix)))
            continue;
        // The rename refuses an existing target, and a missing partial file: the usual first name
        // is tried without a look first.
        if (renameWithoutReplacing(partialPath, candidate))
            return candidate;
        if (isTaken(candidate))
            continue;
        // Refused with nothing there: the file of this name may have been removed (a user deleting
        // a just-finished file of the same name) between the rename and the look, as in
        // claimUniquePath(). This name once more; a refusal that stays (no partial file) is an error.
        if (++refusalsOfAFreeName == maxRefusalsOfAFreeName)
            return {};
        --number;
    }
    return {};
}

bool isInside(const QString &directory, const QString &path)
{
    if (directory.isEmpty() || path.isEmpty())
        return false;
    QString folder = QDir::cleanPath(QDir(directory).absolutePath());
    if (!folder.endsWith(u'/'))
        folder += u'/';
    const QString cleanPath = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return cleanPath.size() > folder.size() && cleanPath.startsWith(folder);
}

} // namespace SoulSpot::FileNaming
