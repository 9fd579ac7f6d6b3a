// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace SoulSpot {

// The bytes of a file that are in its partial file, as sorted, disjoint, half-open ranges
// [first, end): what a segmented download has written, kept with the download so that each
// segment continues where it was. Neighbouring ranges merge, so a map stays short.
class ByteRanges
{
public:
    struct Range
    {
        qint64 first = 0;
        qint64 end = 0; // one past the last byte
        qint64 size() const { return end - first; }
        bool operator==(const Range &) const = default;
    };

    void add(qint64 first, qint64 end);
    qint64 bytes() const;
    bool covers(qint64 total) const { return bytes() >= total; }
    // The ranges of [0, total) that are not here, in order.
    QList<Range> gaps(qint64 total) const;
    const QList<Range> &ranges() const { return m_ranges; }

    // "TOTAL/FIRST-END,FIRST-END" (ends exclusive): the text kept in the database (`done_ranges`).
    // Never empty, so that an empty column means "no map: the partial file is a plain prefix".
    QString toText(qint64 total) const;
    struct Parsed;
    // nullopt for text that is not such a map, or whose ranges lie outside [0, TOTAL].
    static std::optional<Parsed> fromText(const QString &text);

private:
    QList<Range> m_ranges;
};

struct ByteRanges::Parsed
{
    qint64 total = -1;
    ByteRanges done;
};

} // namespace SoulSpot
