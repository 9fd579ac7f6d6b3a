// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace SoulSpot::IsoTime {

// The one text form of an instant that the database stores and the API shows: ISO 8601 in UTC
// with milliseconds, "2026-11-25T09:00:00.123Z". Every row read or listed goes through these
// five times, so the usual form is written and read by hand; QDateTime's own (locale- and
// time-zone-aware) conversion was a third of the cost of a cold page of the API.

// Invalid is an empty string.
QString format(const QDateTime &time);
// The usual form as ASCII into `text` (24 bytes); false, writing nothing, when it does not fit
// that form (invalid, or a year outside 0-9999): then use format().
bool formatAscii(const QDateTime &time, char (&text)[24]);
// The form above, or any ISO 8601 text QDateTime reads (an instant without an offset is UTC);
// invalid when it is neither. The result is in UTC.
QDateTime parse(QStringView text);
// Whether `text` is the usual form of a valid instant, so that parse() and format() give it back
// byte for byte (a page written straight from the database's text copies it).
bool isUsualForm(QByteArrayView text);

} // namespace SoulSpot::IsoTime
