// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

class QProcess;

namespace SoulSpot::Test {

// The environment for running the soulspot-bridge binary in a test: a home of its own under
// `home` (so the user's saved settings never leak in or get changed), a runtime folder of its
// own (`home/runtime`, mode 0700: the hand-over sockets of the test's instances, never the
// user's), and none of the DOWNLOAD__*, SOULSPOT_* and SLSKD__* variables of the caller.
QProcessEnvironment isolatedEnvironment(const QString &home);

// Starts the soulspot-bridge binary (SOULSPOT_BINARY) headless, without the REST API, in
// isolatedEnvironment(home), on `database` and `downloadDir`, with `extra` arguments.
void startHeadless(QProcess &process, const QString &home, const QString &database,
                   const QString &downloadDir, const QStringList &extra);

// Reads the process's standard output into `seen` until it holds `text` (true), or the process
// ends or `timeoutMs` pass (false). E.g. "API listening on": the start is complete.
bool waitForOutput(QProcess &process, const QByteArray &text, QByteArray &seen, int timeoutMs = 15000);

} // namespace SoulSpot::Test
