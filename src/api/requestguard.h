// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierror.h"
#include "apimessage.h"

#include <QHostAddress>
#include <QSet>
#include <QStringList>

#include <optional>

namespace SoulSpot::Api {

// What the guard lets through.
struct GuardConfig
{
    QString token;            // empty: no token is asked for
    QStringList allowedHosts; // names the user allowed in Host and Origin, besides the built-in ones
    QString boundHost;        // the address the server listens on, as configured
    quint16 port = 0;         // the port the server listens on
};

// The checks that run before a request is routed, in API.md's order: Host and Origin (403; a
// request without a Host, or with two, is malformed: 400), a browser's cross-site request that
// would change something (403), then the token (401). Pure: no sockets, so tests and the fuzzer
// drive it directly.
//
// Host must name this server (the bound address, localhost, 127.0.0.1, [::1], the address the
// client connected to, or a name the user allowed) with the server's port or no port: a web page
// that rebinds its own DNS name to 127.0.0.1 is refused. An Origin, when sent, must be this same
// server over http; a web page in the user's browser cannot drive the API.
class RequestGuard
{
public:
    explicit RequestGuard(GuardConfig config = {});

    void setPort(quint16 port);
    quint16 port() const { return m_config.port; }
    bool requiresToken() const { return !m_config.token.isEmpty(); }

    std::optional<ApiError> check(QByteArrayView method, const HeaderList &headers,
                                  const QHostAddress &localAddress) const;
    std::optional<ApiError> checkHostAndOrigin(const HeaderList &headers,
                                               const QHostAddress &localAddress) const;
    std::optional<ApiError> checkToken(const HeaderList &headers) const;
    static std::optional<ApiError> checkFetchSite(QByteArrayView method, const HeaderList &headers);

    // Whether `hostPort` ("name", "name:port", "[v6]:port") names this server.
    bool isOwnHost(QByteArrayView hostPort, const QHostAddress &localAddress) const;
    // Whether `origin` ("http://name:port") is this server.
    bool isOwnOrigin(QByteArrayView origin, const QHostAddress &localAddress) const;

    // Compares in time that depends only on the lengths of the SHA-256 digests, never on where
    // the texts differ.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    bool isOwnName(const QString &name, const QHostAddress &localAddress) const;
    bool tokenMatches(QByteArrayView candidate) const;
    // Both are SHA-256 digests (same length): every byte is compared.
    static bool digestsEqual(const QByteArray &left, const QByteArray &right);

    GuardConfig m_config;
    QSet<QString> m_names; // lower-case host names and addresses always allowed
    QByteArray m_tokenDigest;
};

} // namespace SoulSpot::Api
