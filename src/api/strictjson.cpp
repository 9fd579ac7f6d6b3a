// SPDX-License-Identifier: GPL-3.0-or-later
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

#include <charconv>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

class Parser
{
public:
    explicit Parser(QByteArrayView text)
        : m_text(text)
    {
    }

    StrictJson::Result run()
    {
        StrictJson::Result result;
        if (!m_text.isValidUtf8())
            return fail(u"the text is not valid UTF-8"_s, 0);
        skipSpace();
        QJsonValue value = parseValue(0);
        if (m_error.isEmpty())
        {
            skipSpace();
            if (m_pos != m_text.size())
                setError(u"unexpected text after the JSON value"_s);
        }
        if (!m_error.isEmpty())
            return fail(m_error, m_pos);
        result.value = value;
        result.duplicateKey = m_duplicate;
        result.nonIntegerNumbers = m_nonIntegers;
        return result;
    }

private:
    StrictJson::Result fail(const QString &error, qsizetype offset)
    {
        StrictJson::Result result;
        result.error = error;
        result.offset = offset;
        return result;
    }

    void setError(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    void skipSpace()
    {
        while (!atEnd())
        {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool consumeLiteral(QByteArrayView literal)
    {
        if (m_text.sliced(m_pos).startsWith(literal))
        {
            m_pos += literal.size();
            return true;
        }
        return false;
    }

    QJsonValue parseValue(int depth)
    {
        if (depth > StrictJson::maxDepth)
        {
            setError(u"nesting deeper than %1 levels"_s.arg(StrictJson::maxDepth));
            return {};
        }
        switch (peek())
        {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"':
            return parseString();
        case 't':
            if (consumeLiteral("true"))
                return true;
            break;
        case 'f':
            if (consumeLiteral("false"))
                return false;
            break;
        case 'n':
            if (consumeLiteral("null"))
                return QJsonValue::Null;
            break;
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parseNumber();
            break;
        }
        setError(atEnd() ? u"unexpected end of the text"_s : u"unexpected character"_s);
        return {};
    }

    QJsonValue parseObject(int depth)
    {
        ++m_pos; // '{'
        QJsonObject object;
        QSet<QString> seen;
        skipSpace();
        if (peek() == '}')
        {
            ++m_pos;
            return object;
        }
        while (m_error.isEmpty())
        {
            skipSpace();
            if (peek() != '"')
            {
                setError(u"expected a key in double quotes"_s);
                break;
            }
            const QString key = parseString().toString();
            m_path.append({key, -1});
            if (seen.contains(key) && m_duplicate.isEmpty())
                m_duplicate = currentPath();
            seen.insert(key);
            skipSpace();
            if (peek() != ':')
            {
                setError(u"expected ':' after a key"_s);
                break;
            }
            ++m_pos;
            skipSpace();
            const QJsonValue value = parseValue(depth);
            m_path.removeLast();
            if (!m_error.isEmpty())
                break;
            object.insert(key, value);
            skipSpace();
            if (peek() == ',')
            {
                ++m_pos;
                continue;
            }
            if (peek() == '}')
            {
                ++m_pos;
                return object;
            }
            setError(u"expected ',' or '}' in an object"_s);
        }
        return {};
    }

    QJsonValue parseArray(int depth)
    {
        ++m_pos; // '['
        QJsonArray array;
        skipSpace();
        if (peek() == ']')
        {
            ++m_pos;
            return array;
        }
        while (m_error.isEmpty())
        {
            skipSpace();
            m_path.append({QString(), array.size()});
            const QJsonValue value = parseValue(depth);
            m_path.removeLast();
            if (!m_error.isEmpty())
                break;
            array.append(value);
            skipSpace();
            if (peek() == ',')
            {
                ++m_pos;
                continue;
            }
            if (peek() == ']')
            {
                ++m_pos;
                return array;
            }
            setError(u"expected ',' or ']' in an array"_s);
        }
        return {};
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Four hex digits after "\u"; -1 when they are not.
    int parseHex4()
    {
        if (m_pos + 4 > m_text.size())
            return -1;
        int value = 0;
        for (int i = 0; i < 4; ++i)
        {
            const int digit = hexValue(m_text[m_pos + i]);
            if (digit < 0)
                return -1;
            value = value * 16 + digit;
        }
        m_pos += 4;
        return value;
    }

    bool parseUnicodeEscape(QString &out)
    {
        const int unit = parseHex4();
        if (unit < 0)
        {
            setError(u"\\u needs four hex digits"_s);
            return false;
        }
        if (QChar::isLowSurrogate(char16_t(unit)))
        {
            setError(u"unpaired UTF-16 surrogate in \\u escape"_s);
            return false;
        }
        if (!QChar::isHighSurrogate(char16_t(unit)))
        {
            out += QChar(char16_t(unit));
            return true;
        }
        if (!consumeLiteral("\\u"))
        {
            setError(u"unpaired UTF-16 surrogate in \\u escape"_s);
            return false;
        }
        const int low = parseHex4();
        if (low < 0 || !QChar::isLowSurrogate(char16_t(low)))
        {
            setError(u"unpaired UTF-16 surrogate in \\u escape"_s);
            return false;
        }
        out += QChar(char16_t(unit));
        out += QChar(char16_t(low));
        return true;
    }

    bool parseEscape(QString &out)
    {
        const char c = peek();
        ++m_pos;
        switch (c)
        {
        case '"':
        case '\\':
        case '/':
            out += QLatin1Char(c);
            return true;
        case 'b':
            out += u'\b';
            return true;
        case 'f':
            out += u'\f';
            return true;
        case 'n':
            out += u'\n';
            return true;
        case 'r':
            out += u'\r';
            return true;
        case 't':
            out += u'\t';
            return true;
        case 'u':
            return parseUnicodeEscape(out);
        default:
            setError(u"invalid escape in a string"_s);
            return false;
        }
    }

    QJsonValue parseString()
    {
        ++m_pos; // '"'
        QString out;
        qsizetype runStart = m_pos;
        while (!atEnd())
        {
            const char c = m_text[m_pos];
            if (c == '"' || c == '\\')
            {
                out += QString::fromUtf8(m_text.sliced(runStart, m_pos - runStart));
                ++m_pos;
                if (c == '"')
                    return out;
                if (!parseEscape(out))
                    return {};
                runStart = m_pos;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20)
            {
                setError(u"control character in a string"_s);
                return {};
            }
            ++m_pos;
        }
        setError(u"unterminated string"_s);
        return {};
    }

    qsizetype skipDigits()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos - start;
    }

    QJsonValue parseNumber()
    {
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0')
            ++m_pos;
        else if (skipDigits() == 0)
        {
            setError(u"invalid number"_s);
            return {};
        }
        bool integral = true;
        if (peek() == '.')
        {
            ++m_pos;
            integral = false;
            if (skipDigits() == 0)
            {
                setError(u"invalid number"_s);
                return {};
            }
        }
        if (peek() == 'e' || peek() == 'E')
        {
            ++m_pos;
            integral = false;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (skipDigits() == 0)
            {
                setError(u"invalid number"_s);
                return {};
            }
        }
        const QByteArrayView literal = m_text.sliced(start, m_pos - start);
        if (integral)
        {
            qint64 value = 0;
            const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
            if (ec == std::errc() && end == literal.data() + literal.size())
                return QJsonValue(value);
        }
        m_nonIntegers.insert(currentPath());
        bool ok = false;
        const double value = literal.toByteArray().toDouble(&ok);
        if (!ok)
        {
            setError(u"number out of range"_s);
            return {};
        }
        return QJsonValue(value);
    }

    // Where the parser is, e.g. tracks[2].title; built into text only when reported.
    struct PathSegment
    {
        QString key;
        qsizetype index = -1; // for an array item
    };

    QString currentPath() const
    {
        QString path;
        for (const PathSegment &segment : m_path)
        {
            if (segment.index >= 0)
                path += u'[' + QString::number(segment.index) + u']';
            else
                path += (path.isEmpty() ? QString() : u"."_s) + segment.key;
        }
        return path;
    }

    QByteArrayView m_text;
    QList<PathSegment> m_path;
    qsizetype m_pos = 0;
    QString m_error;
    QString m_duplicate;
    QSet<QString> m_nonIntegers;
};

} // namespace

StrictJson::Result StrictJson::parse(QByteArrayView text)
{
    return Parser(text).run();
}

} // namespace SoulSpot::Api
