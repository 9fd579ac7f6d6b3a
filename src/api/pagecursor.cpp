// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagecursor.h"

#include "domain/priority.h"

#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api::PageCursor {

namespace {

constexpr qsizetype maxCursorLength = 160;
constexpr qsizetype maxIdLength = 100;

// Only the digits encode() writes: an optional "-", no "+", no spaces.
std::optional<qint64> number(QStringView text)
{
    const QStringView digits = text.startsWith(u'-') ? text.mid(1) : text;
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    for (QChar c : digits)
    {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// A download id as the program writes them (a UUID) or a tool did: letters, digits, "-" and "_".
bool isId(QStringView text)
{
    if (text.isEmpty() || text.size() > maxIdLength)
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
               c == u'-' || c == u'_';
    });
}

} // namespace

QString encode(const QueuePosition &position)
{
    return u"q%1.%2.%3"_s.arg(position.priority).arg(position.position).arg(position.id);
}

std::optional<QueuePosition> decode(QStringView text)
{
    if (text.size() > maxCursorLength || !text.startsWith(u'q'))
        return std::nullopt;
    const QList<QStringView> parts = text.mid(1).split(u'.');
    if (parts.size() != 3)
        return std::nullopt;
    const std::optional<qint64> priority = number(parts[0]);
    const std::optional<qint64> place = number(parts[1]);
    if (!priority || !Priority::isValid(*priority) || !place || !isId(parts[2]))
        return std::nullopt;
    return QueuePosition{int(*priority), *place, parts[2].toString()};
}

} // namespace SoulSpot::Api::PageCursor
