// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace SoulSpot::Migrations {

// The statements that bring the schema from version N-1 to N are step N: steps().at(N - 1).
// A step, once released, never changes; a new need is a new step.
const QList<QStringList> &steps();

inline int latestVersion()
{
    return int(steps().size());
}

} // namespace SoulSpot::Migrations
