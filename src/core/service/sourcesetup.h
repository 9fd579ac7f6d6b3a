// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

namespace SoulSpot {

class DownloadService;
class Settings;

// The answer to "is slskd usable?", for --check-slskd and the settings dialog's "Test connection".
struct SlskdConnectionCheck
{
    bool reachable = false;   // slskd answered at all
    bool keyAccepted = false; // the API key opens the API
    bool loggedIn = false;    // slskd is connected and logged in to Soulseek
    QString serverState;      // e.g. "Connected, LoggedIn"
    QStringList lines;        // one sentence per check, in order (for the command line)

    bool ok() const { return reachable && keyAccepted && loggedIn; }
};

// Setting up the sources from the settings, and what the window and the command line ask about
// them: core's public surface for the sources, so that app, gui and api include no source header.
namespace SourceSetup {

// Adds the sources the settings ask for to `service`, in the order they are asked: HTTP(S)
// always, then Soulseek through slskd when SLSKD__URL is set. Without slskd, a track with no URL
// fails with a message that says what to set. A bad setting is an error naming it; nothing is
// added then.
Status addSources(DownloadService &service, const Settings &settings);

// Asks slskd whether it answers, takes the key and is logged in to Soulseek. Blocks the calling
// thread for a few seconds at most: the window calls it from a thread of its own.
SlskdConnectionCheck checkSlskd(const QString &url, const QString &apiKey, int timeoutMs = 5000);
// The same with slskd's address and key from the settings; an error when that address is bad.
Result<SlskdConnectionCheck> checkSlskd(const Settings &settings);

} // namespace SourceSetup

} // namespace SoulSpot
