// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/byteranges.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace SoulSpot {

void ByteRanges::add(qint64 first, qint64 end)
{
    if (end <= first)
        return;
    // The first range that ends at or after `first` is where the new one goes or merges.
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
                               [](const Range &range, qint64 value) { return range.end < value; });
    Range merged{first, end};
    while (it != m_ranges.end() && it->first <= merged.end)
    {
        merged.first = std::min(merged.first, it->first);
        merged.end = std::max(merged.end, it->end);
        it = m_ranges.erase(it);
    }
    m_ranges.insert(it, merged);
}

qint64 ByteRanges::bytes() const
{
    qint64 sum = 0;
    for (const Range &range : m_ranges)
        sum += range.size();
    return sum;
}

QList<ByteRanges::Range> ByteRanges::gaps(qint64 total) const
{
    QList<Range> missing;
    qint64 position = 0;
    for (const Range &range : m_ranges)
    {
        if (range.first > position)
            missing.append({position, std::min(range.first, total)});
        position = std::max(position, range.end);
    }
    if (position < total)
        missing.append({position, total});
    return missing;
}

QString ByteRanges::toText(qint64 total) const
{
    QStringList parts;
    parts.reserve(m_ranges.size());
    for (const Range &range : m_ranges)
        parts.append(u"%1-%2"_s.arg(range.first).arg(range.end));
    return QString::number(total) + u'/' + parts.join(u',');
}

std::optional<ByteRanges::Parsed> ByteRanges::fromText(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return std::nullopt;
    Parsed parsed;
    bool ok = false;
    parsed.total = text.left(slash).toLongLong(&ok);
    if (!ok || parsed.total < 0)
        return std::nullopt;
    const QString list = text.mid(slash + 1);
    for (const QString &part : list.split(u',', Qt::SkipEmptyParts))
    {
        const qsizetype dash = part.indexOf(u'-');
        bool firstOk = false;
        bool endOk = false;
        const qint64 first = part.left(dash).toLongLong(&firstOk);
        const qint64 end = part.mid(dash + 1).toLongLong(&endOk);
        if (dash <= 0 || !firstOk || !endOk || first < 0 || end <= first || end > parsed.total)
            return std::nullopt;
        parsed.done.add(first, end);
    }
    return parsed;
}

} // namespace SoulSpot
