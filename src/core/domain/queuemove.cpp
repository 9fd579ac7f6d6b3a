// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuemove.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

QString queueMoveName(QueueMove move)
{
    switch (move)
    {
    case QueueMove::Top:
        return u"top"_s;
    case QueueMove::Up:
        return u"up"_s;
    case QueueMove::Down:
        return u"down"_s;
    case QueueMove::Bottom:
        return u"bottom"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<QueueMove> queueMoveFromName(QStringView name)
{
    for (QueueMove move : allQueueMoves)
    {
        if (name == queueMoveName(move))
            return move;
    }
    return std::nullopt;
}

} // namespace SoulSpot
