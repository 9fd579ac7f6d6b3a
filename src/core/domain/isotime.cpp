// SPDX-License-Identifier: GPL-3.0-or-later
#include "isotime.h"

#include <QTimeZone>

#include <array>
#include <optional>

namespace SoulSpot::IsoTime {

namespace {

constexpr qsizetype usualLength = 24; // 2026-11-25T09:00:00.123Z

template <typename Char> void putDigits(Char *at, int value, int width)
{
    for (int i = width - 1; i >= 0; --i)
    {
        at[i] = Char('0' + value % 10);
        value /= 10;
    }
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ" of a UTC date and time with a four-digit year.
template <typename Char> void putUsualForm(Char *text, const QDate &date, const QTime &clock)
{
    putDigits(text, date.year(), 4);
    text[4] = Char('-');
    putDigits(text + 5, date.month(), 2);
    text[7] = Char('-');
    putDigits(text + 8, date.day(), 2);
    text[10] = Char('T');
    putDigits(text + 11, clock.hour(), 2);
    text[13] = Char(':');
    putDigits(text + 14, clock.minute(), 2);
    text[16] = Char(':');
    putDigits(text + 17, clock.second(), 2);
    text[19] = Char('.');
    putDigits(text + 20, clock.msec(), 3);
    text[23] = Char('Z');
}

char16_t unit(QStringView text, qsizetype i)
{
    return text[i].unicode();
}

char16_t unit(QByteArrayView text, qsizetype i)
{
    return char16_t(static_cast<unsigned char>(text[i]));
}

// The number in text[from, from + width), or -1 when a character there is not a digit.
template <typename View> int digits(View text, qsizetype from, int width)
{
    int value = 0;
    for (qsizetype i = from; i < from + width; ++i)
    {
        const char16_t c = unit(text, i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

template <typename View> bool hasUsualSeparators(View text)
{
    return text.size() == usualLength && unit(text, 4) == u'-' && unit(text, 7) == u'-' &&
           unit(text, 10) == u'T' && unit(text, 13) == u':' && unit(text, 16) == u':' &&
           unit(text, 19) == u'.' && unit(text, 23) == u'Z';
}

// The date and time of text in the usual form, or nullopt when it is not in that form or names
// no valid instant.
template <typename View> std::optional<QDateTime> usualForm(View text)
{
    if (!hasUsualSeparators(text))
        return std::nullopt;
    const QDate date(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    const QTime clock(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), digits(text, 20, 3));
    if (!date.isValid() || !clock.isValid())
        return std::nullopt;
    return QDateTime(date, clock, Qt::UTC);
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
    char16_t text[usualLength] = {};
    putUsualForm(text, date, utc.time());
    return QString(reinterpret_cast<const QChar *>(text), usualLength);
}

bool formatAscii(const QDateTime &time, char (&text)[usualLength])
{
    if (!time.isValid())
        return false;
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    if (date.year() < 0 || date.year() > 9999)
        return false;
    putUsualForm(text, date, utc.time());
    return true;
}

QDateTime parse(QStringView text)
{
    if (std::optional<QDateTime> usual = usualForm(text))
        return *usual;
    const QDateTime parsed = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    // A stamp without an offset (written by another tool) is read as UTC, never as local time.
    if (parsed.timeSpec() == Qt::LocalTime)
        return QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
    return parsed.toUTC();
}

bool isUsualForm(QByteArrayView text)
{
    // What usualForm() accepts (QDate: years 1-9999 here, the Gregorian leap years; QTime), by
    // hand: a page checks four stamps per row, and making the QDateTime was most of that.
    if (!hasUsualSeparators(text))
        return false;
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    static constexpr std::array<int, 12> daysIn{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > daysIn[month - 1] + (month == 2 && leap ? 1 : 0))
        return false;
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    const int second = digits(text, 17, 2);
    return hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 &&
           digits(text, 20, 3) >= 0;
}

} // namespace SoulSpot::IsoTime
