// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontextwriter.h"

#include "domain/isotime.h"

#include <QLocale>

#include <charconv>
#include <cmath>
#include <iterator>

namespace SoulSpot::Api {

void JsonTextWriter::open(QLatin1StringView key, char bracket)
{
    name(key);
    m_text.append(bracket);
    m_first = true;
}

void JsonTextWriter::close(char bracket)
{
    m_text.append(bracket);
    m_first = false;
}

void JsonTextWriter::name(QLatin1StringView key)
{
    if (!m_first)
        m_text.append(',');
    m_first = false;
    if (key.isNull())
        return; // an array element
    m_text.append('"');
    m_text.append(key.data(), key.size());
    m_text.append("\":", 2);
}

void JsonTextWriter::string(QLatin1StringView key, QStringView value)
{
    name(key);
    quoted(value);
}

void JsonTextWriter::stringOrNull(QLatin1StringView key, QStringView value)
{
    if (value.isEmpty())
        null(key);
    else
        string(key, value);
}

void JsonTextWriter::integer(QLatin1StringView key, qint64 value)
{
    name(key);
    char digits[24];
    const auto written = std::to_chars(std::begin(digits), std::end(digits), value);
    m_text.append(digits, written.ptr - digits);
}

void JsonTextWriter::integerOrNull(QLatin1StringView key, qint64 value)
{
    if (value < 0)
        null(key);
    else
        integer(key, value);
}

void JsonTextWriter::real(QLatin1StringView key, double value)
{
    if (!std::isfinite(value))
    {
        null(key); // JSON has no NaN or infinity
        return;
    }
    name(key);
    m_text.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
}

void JsonTextWriter::boolean(QLatin1StringView key, bool value)
{
    name(key);
    m_text.append(value ? "true" : "false");
}

void JsonTextWriter::null(QLatin1StringView key)
{
    name(key);
    m_text.append("null", 4);
}

void JsonTextWriter::time(QLatin1StringView key, const QDateTime &value)
{
    char text[24];
    if (IsoTime::formatAscii(value, text))
    {
        name(key);
        m_text.append('"');
        m_text.append(text, sizeof text);
        m_text.append('"');
        return;
    }
    if (!value.isValid())
        null(key);
    else
        string(key, IsoTime::format(value));
}

// RFC 8259: the quote, the backslash and the control characters are escaped; everything else is
// written as UTF-8. They are all ASCII, so the UTF-8 bytes can be scanned as they are.
void JsonTextWriter::quoted(QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    m_text.append('"');
    qsizetype plainStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_text.append(utf8.constData() + plainStart, i - plainStart);
        plainStart = i + 1;
        switch (c)
        {
        case '"':
            m_text.append("\\\"", 2);
            break;
        case '\\':
            m_text.append("\\\\", 2);
            break;
        case '\n':
            m_text.append("\\n", 2);
            break;
        case '\r':
            m_text.append("\\r", 2);
            break;
        case '\t':
            m_text.append("\\t", 2);
            break;
        default:
            m_text.append("\\u00", 4);
            m_text.append(hex[c >> 4]);
            m_text.append(hex[c & 0xf]);
        }
    }
    m_text.append(utf8.constData() + plainStart, utf8.size() - plainStart);
    m_text.append('"');
}

} // namespace SoulSpot::Api
