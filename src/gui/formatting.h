// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/downloaderror.h"
#include "domain/downloadstatus.h"
#include "domain/track.h"

#include <QDateTime>
#include <QString>

namespace SoulSpot::Gui::Format {

// Texts the window shows for values of the engine, translated and in the user's locale
// (QLocale() as set at start). Kept in one place so the table, the filter list, the status bar
// and the tray say the same thing.

QString statusName(DownloadStatus status);
QString priorityName(int priority);        // "High", "Normal", "Low" (P0, P1, P2 in the API)
QString priorityDescription(int priority); // "Highest" ...
QString count(qint64 number);              // "2,001" in the locale's way, as every count the window shows
QString size(qint64 bytes);                // "512 B", "1.5 KiB"; "" for a negative (unknown) size
QString speed(qint64 bytesPerSecond);      // "1.2 MiB/s"
QString duration(qint64 seconds);          // "1h 05m", "3m 07s", "12s"
QString dateTime(const QDateTime &when);   // short, in local time
QString percent(double value);             // "42.5 %" in the locale's way
// A download's error in the window's language (the API keeps DownloadError::english()); an error
// without a kind is its sentence as stored.
QString error(const DownloadError &error);
// What the window calls a download (the table's Name, the details panel): its track's
// "Artist - Title" (the title alone without an artist), else downloadFileName(). trackName() is ""
// for a track without a title.
QString trackName(const Track &track);
QString downloadFileName(const Download &download); // saved file, else the URL's file, else the URL

} // namespace SoulSpot::Gui::Format
