// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace SoulSpot {

// Where a waiting (queued or paused) download goes within its priority: before every other
// waiting one, one place earlier, one place later, after every other.
enum class QueueMove
{
    Top,
    Up,
    Down,
    Bottom
};

inline constexpr std::array<QueueMove, 4> allQueueMoves{QueueMove::Top, QueueMove::Up, QueueMove::Down,
                                                        QueueMove::Bottom};

// The REST name: "top", "up", "down", "bottom". The one place these names are written.
QString queueMoveName(QueueMove move);
// Exact, lower-case names only; anything else is nullopt.
std::optional<QueueMove> queueMoveFromName(QStringView name);

} // namespace SoulSpot
