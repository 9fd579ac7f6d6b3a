// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontextwriter.h"

#include "domain/isotime.h"

#include <QLocale>

#include <charconv>
#include <cmath>
#include <iterator>

namespace SoulSpot::Api {

void JsonTextWriter::grow(qsizetype bytes)
{
    m_text.resize(qMax(m_capacity * 2, m_used + bytes)); // keeps the bytes written
    m_data = m_text.data();
    m_capacity = m_text.size();
}

QByteArray JsonTextWriter::take()
{
    m_text.truncate(m_used);
    m_data = nullptr;
    m_capacity = m_used = 0;
    return std::move(m_text);
}

void JsonTextWriter::open(QLatin1StringView key, char bracket)
{
    name(key);
    put(bracket);
    m_first = true;
}

void JsonTextWriter::close(char bracket)
{
    put(bracket);
    m_first = false;
}

void JsonTextWriter::name(QLatin1StringView key)
{
    const bool comma = !m_first;
    m_first = false;
    if (key.isNull())
    {
        if (comma)
            put(','); // between array elements
        return;
    }
    char *at = room(key.size() + (comma ? 4 : 3));
    if (comma)
        *at++ = ',';
    *at++ = '"';
    std::memcpy(at, key.data(), size_t(key.size()));
    at += key.size();
    *at++ = '"';
    *at = ':';
}

template <typename Text> void JsonTextWriter::text(QLatin1StringView key, Text value, bool emptyIsNull)
{
    if (emptyIsNull && value.isEmpty())
        return null(key);
    name(key);
    quoted(value);
}

void JsonTextWriter::string(QLatin1StringView key, QStringView value)
{
    text(key, value, false);
}

void JsonTextWriter::stringOrNull(QLatin1StringView key, QStringView value)
{
    text(key, value, true);
}

void JsonTextWriter::string(QLatin1StringView key, QUtf8StringView value)
{
    text(key, value, false);
}

void JsonTextWriter::stringOrNull(QLatin1StringView key, QUtf8StringView value)
{
    text(key, value, true);
}

void JsonTextWriter::integer(QLatin1StringView key, qint64 value)
{
    name(key);
    char *at = room(24);
    const auto written = std::to_chars(at, at + 24, value);
    m_used -= 24 - (written.ptr - at);
}

void JsonTextWriter::integerOrNull(QLatin1StringView key, qint64 value)
{
    if (value < 0)
        null(key);
    else
        integer(key, value);
}

// A number of at most two decimals below 10,000 (a percentage) as QByteArray::number(value, 'g',
// QLocale::FloatingPointShortest) writes it, without its allocation: the digits of the
// hundredths, trailing zeros dropped. That is its shortest form, as no shorter decimal is that
// close. False for anything else.
bool JsonTextWriter::hundredths(double value)
{
    if (!(value >= 0.0 && value < 10000.0) || std::signbit(value))
        return false;
    const long long count = std::llround(value * 100.0);
    if (double(count) / 100.0 != value)
        return false;
    char *at = room(8); // "9999.99"
    char *end = std::to_chars(at, at + 8, count / 100).ptr;
    if (const int cents = int(count % 100); cents != 0)
    {
        *end++ = '.';
        *end++ = char('0' + cents / 10);
        if (cents % 10 != 0)
            *end++ = char('0' + cents % 10);
    }
    m_used -= 8 - (end - at);
    return true;
}

void JsonTextWriter::real(QLatin1StringView key, double value)
{
    if (!std::isfinite(value))
    {
        null(key); // JSON has no NaN or infinity
        return;
    }
    name(key);
    if (hundredths(value))
        return;
    const QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    put(text.constData(), text.size());
}

void JsonTextWriter::boolean(QLatin1StringView key, bool value)
{
    name(key);
    if (value)
        put("true", 4);
    else
        put("false", 5);
}

void JsonTextWriter::null(QLatin1StringView key)
{
    name(key);
    put("null", 4);
}

void JsonTextWriter::time(QLatin1StringView key, const QDateTime &value)
{
    char text[24];
    if (IsoTime::formatAscii(value, text))
    {
        name(key);
        put('"');
        put(text, sizeof text);
        put('"');
        return;
    }
    if (!value.isValid())
        null(key);
    else
        string(key, IsoTime::format(value));
}

void JsonTextWriter::time(QLatin1StringView key, StoredTime value)
{
    if (!IsoTime::isUsualForm(value.text))
    {
        time(key, value.text.isEmpty() ? QDateTime() : IsoTime::parse(QString::fromUtf8(value.text)));
        return;
    }
    name(key);
    put('"');
    put(value.text.data(), value.text.size());
    put('"');
}

// RFC 8259: the quote, the backslash and the control characters are escaped; everything else is
// written as UTF-8. They are all ASCII, so the UTF-8 bytes can be scanned as they are.
void JsonTextWriter::quoted(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    escaped(utf8.constData(), utf8.size());
}

void JsonTextWriter::quoted(QUtf8StringView text)
{
    escaped(text.data(), text.size());
}

void JsonTextWriter::escaped(const char *utf8, qsizetype size)
{
    static constexpr char hex[] = "0123456789abcdef";
    put('"');
    qsizetype plainStart = 0;
    for (qsizetype i = 0; i < size; ++i)
    {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(utf8 + plainStart, i - plainStart);
        plainStart = i + 1;
        switch (c)
        {
        case '"':
            put("\\\"", 2);
            break;
        case '\\':
            put("\\\\", 2);
            break;
        case '\n':
            put("\\n", 2);
            break;
        case '\r':
            put("\\r", 2);
            break;
        case '\t':
            put("\\t", 2);
            break;
        default:
            put("\\u00", 4);
            put(hex[c >> 4]);
            put(hex[c & 0xf]);
        }
    }
    put(utf8 + plainStart, size - plainStart);
    put('"');
}

} // namespace SoulSpot::Api
