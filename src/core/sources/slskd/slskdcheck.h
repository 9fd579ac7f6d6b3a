// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/slskd/slskdclient.h"

#include <QString>
#include <QStringList>

namespace SoulSpot {

// The answer to "is slskd usable?", for --check-slskd and the settings dialog's "Test connection".
struct SlskdCheck
{
    bool reachable = false;   // slskd answered at all
    bool keyAccepted = false; // the API key opens the API
    bool loggedIn = false;    // slskd is connected and logged in to Soulseek
    QString version;          // e.g. "0.26.0", when slskd said
    QString serverState;      // e.g. "Connected, LoggedIn"
    QStringList lines;        // one human sentence per check, in order

    bool ok() const { return reachable && keyAccepted && loggedIn; }
};

namespace Slskd {

// Asks slskd, blocking the calling thread (a few seconds at most): GET /health (no key), GET
// /api/v0/session (the key), GET /api/v0/server (logged in), GET /api/v0/application/version.
SlskdCheck check(const SlskdConnection &connection, int timeoutMs = 5000);

} // namespace Slskd

} // namespace SoulSpot
