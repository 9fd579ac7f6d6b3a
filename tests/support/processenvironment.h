// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace SoulSpot::Test {

// The environment for running the soulspot-bridge binary in a test: a home of its own under
// `home` (so the user's saved settings never leak in or get changed), and none of the
// DOWNLOAD__*, SOULSPOT_* and SLSKD__* variables of the caller.
QProcessEnvironment isolatedEnvironment(const QString &home);

} // namespace SoulSpot::Test
