// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdcheck.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace SoulSpot {

SlskdCheck Slskd::check(const SlskdConnection &connection, int timeoutMs)
{
    SlskdCheck result;
    const QString where = connection.baseUrl.toDisplayString();
    SlskdClient client(connection);
    const SlskdCall call{timeoutMs, false};

    // /health needs no key; any answer at all means slskd (or something) listens there.
    const SlskdReply health = client.getRoot(u"/health"_s, call);
    result.reachable = health.answered();
    if (!result.reachable)
    {
        result.lines.append(u"slskd is not reachable at %1: %2"_s.arg(where, health.describe()));
        return result;
    }
    result.lines.append(u"slskd is reachable at %1"_s.arg(where));

    const SlskdReply session = client.get(u"/session"_s, {}, call);
    result.keyAccepted = session.ok();
    if (session.status == 401)
        result.lines.append(QString(rejectedKeyMessage));
    else if (!session.ok())
        result.lines.append(u"the API key could not be checked: %1"_s.arg(session.describe()));
    else
        result.lines.append(u"the API key is accepted"_s);
    if (!result.keyAccepted)
        return result;

    const SlskdReply version = client.get(u"/application/version"_s, {}, call);
    if (version.ok())
        result.version = version.message();

    const SlskdReply server = client.get(u"/server"_s, {}, call);
    const QJsonObject state = server.json().object();
    result.serverState = state.value("state"_L1).toString();
    result.loggedIn =
        server.ok() && state.value("isConnected"_L1).toBool() && state.value("isLoggedIn"_L1).toBool();
    if (!server.ok())
        result.lines.append(u"could not ask slskd about Soulseek: %1"_s.arg(server.describe()));
    else if (result.loggedIn)
        result.lines.append(u"slskd %1is logged in to Soulseek (%2)"_s.arg(
            result.version.isEmpty() ? QString() : result.version + u' ', result.serverState));
    else
        result.lines.append(u"slskd is not logged in to Soulseek (%1)"_s.arg(
            result.serverState.isEmpty() ? u"state unknown"_s : result.serverState));
    return result;
}

} // namespace SoulSpot
