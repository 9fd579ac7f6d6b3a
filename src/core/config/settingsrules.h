// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>
#include <QUrl>

#include <optional>

namespace SoulSpot {

// A setting that keeps the program from running as set, named as the user sets it. The rules
// that involve more than one value's type and range live here, once, for the command line, the
// environment, the settings dialog and the REST API server (Settings::validate()).
struct SettingProblem
{
    enum class Rule
    {
        ApiHostNotAnAddress, // the REST API's host is not an IP address or localhost
        ApiNeedsToken,       // the REST API would listen beyond this machine without a token
        SlskdUrlInvalid      // slskd's address is not a http(s) URL with a host
    };

    Rule rule = Rule::ApiNeedsToken;
    QString key;     // the setting to change (Settings::ApiToken ...), for the dialog
    QString name;    // how the user sets it: "--api-token / SOULSPOT_API_TOKEN"
    QString value;   // the value at fault (the host, the URL), for the dialog's own words
    QString message; // in English, for the terminal and the REST API

    // "Invalid setting --api-token / SOULSPOT_API_TOKEN: the REST API may listen ..."
    QString text() const;
};

// "localhost", or an address of 127.0.0.0/8 or ::1.
bool isLoopbackHost(const QString &host);
// The address the REST API listens on for `host` (an IP address, or localhost), or nullopt.
std::optional<QHostAddress> apiListenAddress(const QString &host);
// A base URL of slskd: http or https, with a host.
bool isValidSlskdUrl(const QUrl &url);

namespace SettingRules {

// The REST API's address: an IP address or localhost, and a token unless it is loopback.
std::optional<SettingProblem> checkApiAddress(const QString &host, const QString &token);
// slskd's address, when one is set (empty: Soulseek is off).
std::optional<SettingProblem> checkSlskdUrl(const QString &url);

} // namespace SettingRules

} // namespace SoulSpot
