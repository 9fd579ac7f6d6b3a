// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace SoulSpot::Priority {

// P0 is the most urgent. Values outside [Highest, Lowest] are errors, never clamped.
inline constexpr int Highest = 0;
inline constexpr int Lowest = 2;
// Defaults advised by the seed: P1 for a single download, P2 for a batch.
inline constexpr int DefaultSingle = 1;
inline constexpr int DefaultBatch = 2;

constexpr bool isValid(long long priority)
{
    return priority >= Highest && priority <= Lowest;
}

} // namespace SoulSpot::Priority
