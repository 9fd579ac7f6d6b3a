// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatting.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui::Format {

QString statusName(DownloadStatus status)
{
    switch (status)
    {
    case DownloadStatus::Queued:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Queued");
    case DownloadStatus::Downloading:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Downloading");
    case DownloadStatus::Paused:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Paused");
    case DownloadStatus::Completed:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Completed");
    case DownloadStatus::Failed:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Failed");
    case DownloadStatus::Cancelled:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Cancelled");
    }
    return {};
}

QString priorityName(int priority)
{
    switch (priority)
    {
    case 0:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "High");
    case 1:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Normal");
    default:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "Low");
    }
}

QString priorityDescription(int priority)
{
    switch (priority)
    {
    case 0:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "P0: highest, downloaded first");
    case 1:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "P1: normal");
    default:
        return QCoreApplication::translate("SoulSpot::Gui::Format", "P2: low, for large batches");
    }
}

QString count(qint64 number)
{
    return QLocale().toString(number);
}

QString size(qint64 bytes)
{
    if (bytes < 0)
        return {};
    // QLocale says "512 bytes" under a KiB: "B" reads the same as the "KiB" next to it.
    if (bytes < 1024)
        return QCoreApplication::translate("SoulSpot::Gui::Format", "%1 B").arg(count(bytes));
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString speed(qint64 bytesPerSecond)
{
    return QCoreApplication::translate("SoulSpot::Gui::Format", "%1/s")
        .arg(size(qMax<qint64>(0, bytesPerSecond)));
}

QString duration(qint64 seconds)
{
    // Compact, two units at most: the column is narrow and the value changes every second.
    if (seconds < 60)
        return QCoreApplication::translate("SoulSpot::Gui::Format", "%1s").arg(seconds);
    if (seconds < 3600)
    {
        return QCoreApplication::translate("SoulSpot::Gui::Format", "%1m %2s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QChar(u'0'));
    }
    if (seconds < 100 * 3600)
    {
        return QCoreApplication::translate("SoulSpot::Gui::Format", "%1h %2m")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QChar(u'0'));
    }
    return QCoreApplication::translate("SoulSpot::Gui::Format", "%1d %2h")
        .arg(seconds / 86400)
        .arg((seconds % 86400) / 3600);
}

QString dateTime(const QDateTime &when)
{
    const QLocale locale;
    const QDateTime local = when.toLocalTime();
    // The C locale's short format spells the month out; numbers read faster in a column.
    if (locale.language() == QLocale::C)
        return local.toString(u"yyyy-MM-dd HH:mm"_s);
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' +
           locale.toString(local.time(), QLocale::ShortFormat);
}

QString percent(double value)
{
    return QCoreApplication::translate("SoulSpot::Gui::Format", "%1 %")
        .arg(QLocale().toString(value, 'f', 1));
}

QString error(const DownloadError &error)
{
    const char *templateText = error.windowTemplate();
    if (!templateText)
        return error.english();
    return error.fill(QCoreApplication::translate("DownloadError", templateText));
}

QString trackName(const Track &track)
{
    if (track.title.isEmpty())
        return {};
    return track.artist.isEmpty() ? track.title : track.artist + u" - "_s + track.title;
}

QString downloadFileName(const Download &download)
{
    if (!download.targetPath.isEmpty())
        return QFileInfo(download.targetPath).fileName();
    const QString name = QUrl(download.sourceUrl).fileName(QUrl::FullyDecoded);
    if (!name.isEmpty())
        return name;
    return download.sourceUrl.isEmpty() ? download.id : download.sourceUrl;
}

} // namespace SoulSpot::Gui::Format
