// SPDX-License-Identifier: GPL-3.0-or-later
#include "naturalorder.h"

namespace SoulSpot::Gui {

int naturalCompare(const QString &left, const QString &right, bool foldCase)
{
    const qsizetype leftSize = left.size();
    const qsizetype rightSize = right.size();
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < leftSize && j < rightSize)
    {
        const QChar a = left.at(i);
        const QChar b = right.at(j);
        if (a.isDigit() && b.isDigit())
        {
            qsizetype endA = i;
            qsizetype endB = j;
            while (endA < leftSize && left.at(endA) == u'0')
                ++endA;
            while (endB < rightSize && right.at(endB) == u'0')
                ++endB;
            qsizetype startA = endA;
            qsizetype startB = endB;
            while (endA < leftSize && left.at(endA).isDigit())
                ++endA;
            while (endB < rightSize && right.at(endB).isDigit())
                ++endB;
            if (endA - startA != endB - startB)
                return endA - startA < endB - startB ? -1 : 1;
            for (; startA < endA; ++startA, ++startB)
            {
                if (left.at(startA) != right.at(startB))
                    return left.at(startA) < right.at(startB) ? -1 : 1;
            }
            i = endA;
            j = endB;
            continue;
        }
        const char16_t lowerA = foldCase ? a.toCaseFolded().unicode() : a.unicode();
        const char16_t lowerB = foldCase ? b.toCaseFolded().unicode() : b.unicode();
        if (lowerA != lowerB)
            return lowerA < lowerB ? -1 : 1;
        ++i;
        ++j;
    }
    const qsizetype restA = leftSize - i;
    const qsizetype restB = rightSize - j;
    return restA < restB ? -1 : (restB < restA ? 1 : 0);
}

} // namespace SoulSpot::Gui
