// SPDX-License-Identifier: GPL-3.0-or-later
#include "isotime.h"

#include <QTimeZone>

namespace SoulSpot::IsoTime {

namespace {

constexpr qsizetype usualLength = 24; // 2026-11-25T09:00:00.123Z

void putDigits(char16_t *at, int value, int width)
{
    for (int i = width - 1; i >= 0; --i)
    {
        at[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
}

// The number in text[from, from + width), or -1 when a character there is not a digit.
int digits(QStringView text, qsizetype from, int width)
{
    int value = 0;
    for (qsizetype i = from; i < from + width; ++i)
    {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

bool hasUsualSeparators(QStringView text)
{
    return text.size() == usualLength && text[4] == u'-' && text[7] == u'-' && text[10] == u'T' &&
           text[13] == u':' && text[16] == u':' && text[19] == u'.' && text[23] == u'Z';
}

} // namespace

QString format(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    if (date.year() < 0 || date.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    const QTime clock = utc.time();
    char16_t text[usualLength] = {};
    putDigits(text, date.year(), 4);
    text[4] = u'-';
    putDigits(text + 5, date.month(), 2);
    text[7] = u'-';
    putDigits(text + 8, date.day(), 2);
    text[10] = u'T';
    putDigits(text + 11, clock.hour(), 2);
    text[13] = u':';
    putDigits(text + 14, clock.minute(), 2);
    text[16] = u':';
    putDigits(text + 17, clock.second(), 2);
    text[19] = u'.';
    putDigits(text + 20, clock.msec(), 3);
    text[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), usualLength);
}

QDateTime parse(QStringView text)
{
    if (hasUsualSeparators(text))
    {
        const QDate date(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
        const QTime clock(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), digits(text, 20, 3));
        if (date.isValid() && clock.isValid())
            return QDateTime(date, clock, Qt::UTC);
    }
    const QDateTime parsed = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    // A stamp without an offset (written by another tool) is read as UTC, never as local time.
    if (parsed.timeSpec() == Qt::LocalTime)
        return QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
    return parsed.toUTC();
}

} // namespace SoulSpot::IsoTime
