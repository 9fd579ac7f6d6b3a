// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagecursor.h"

#include "domain/priority.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api::PageCursor {

namespace {

constexpr qsizetype maxCursorLength = 64;

// Only the digits encode() writes: no sign, no spaces, no leading "+".
std::optional<qint64> digits(QStringView text)
{
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (QChar c : text)
    {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

} // namespace

QString encode(const QueuePosition &position)
{
    return u"%1.%2.%3"_s.arg(position.priority)
        .arg(position.createdAt.toMSecsSinceEpoch())
        .arg(position.sequence);
}

std::optional<QueuePosition> decode(QStringView text)
{
    if (text.size() > maxCursorLength)
        return std::nullopt;
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 3)
        return std::nullopt;
    const std::optional<qint64> priority = digits(parts[0]);
    const std::optional<qint64> createdMs = digits(parts[1]);
    const std::optional<qint64> sequence = digits(parts[2]);
    if (!priority || !Priority::isValid(*priority) || !createdMs || !sequence)
        return std::nullopt;
    return QueuePosition{int(*priority), QDateTime::fromMSecsSinceEpoch(*createdMs, Qt::UTC), *sequence};
}

} // namespace SoulSpot::Api::PageCursor
