// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestguard.h"

#include <QCryptographicHash>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

QByteArray digest(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// An address written the way Host headers carry it, without brackets, lower case.
QString normalizedAddress(const QString &text)
{
    QHostAddress address(text);
    if (address.isNull())
        return text.toLower();
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString(); // also ::ffff:127.0.0.1 -> 127.0.0.1
    return address.toString().toLower();
}

struct HostPort
{
    QString name;
    int port = -1; // -1: none given
    bool valid = false;
};

// Only printable ASCII without spaces, and nothing that could start a path or user info.
bool isHostText(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 255)
        return false;
    return std::none_of(text.begin(), text.end(),
                        [](char c) { return c <= 0x20 || c >= 0x7f || c == '/' || c == '@' || c == '\\'; });
}

// 1-5 digits; nullopt otherwise.
std::optional<int> portNumber(QByteArrayView port)
{
    if (port.isEmpty() || port.size() > 5)
        return std::nullopt;
    int value = 0;
    for (char c : port)
    {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Cuts "name", "name:port", "[v6]", "[v6]:port" into the host and the port text (empty when
// none); false when the shape is wrong (a bare IPv6 address, "name:", "[v6]x").
bool cutHostPort(QByteArrayView text, QByteArrayView &host, QByteArrayView &port)
{
    qsizetype portColon = -1;
    if (text.startsWith('['))
    {
        const qsizetype close = text.indexOf(']');
        if (close < 0)
            return false;
        host = text.sliced(1, close - 1);
        if (close + 1 < text.size() && text[close + 1] != ':')
            return false;
        portColon = close + 1 < text.size() ? close + 1 : -1;
        if (QHostAddress(QString::fromLatin1(host)).protocol() != QAbstractSocket::IPv6Protocol)
            return false;
    }
    else
    {
        portColon = text.indexOf(':');
        if (portColon >= 0 && text.indexOf(':', portColon + 1) >= 0)
            return false; // a bare IPv6 address must be in brackets
        host = portColon >= 0 ? text.first(portColon) : text;
    }
    port = portColon >= 0 ? text.sliced(portColon + 1) : QByteArrayView();
    return !host.isEmpty() && (portColon < 0 || !port.isEmpty());
}

HostPort splitHostPort(QByteArrayView text)
{
    HostPort result;
    QByteArrayView host;
    QByteArrayView port;
    if (!isHostText(text) || !cutHostPort(text, host, port))
        return result;
    if (!port.isEmpty())
    {
        const std::optional<int> number = portNumber(port);
        if (!number)
            return result;
        result.port = *number;
    }
    result.name = QString::fromLatin1(host).toLower();
    result.valid = true;
    return result;
}

ApiError forbidden(const QString &detail)
{
    return ApiError{HttpStatus::Forbidden, detail};
}

} // namespace

RequestGuard::RequestGuard(GuardConfig config)
    : m_config(std::move(config))
{
    m_names = {u"localhost"_s, u"127.0.0.1"_s, u"::1"_s};
    if (!m_config.boundHost.isEmpty())
        m_names.insert(normalizedAddress(m_config.boundHost));
    for (const QString &host : std::as_const(m_config.allowedHosts))
    {
        if (!host.trimmed().isEmpty())
            m_names.insert(normalizedAddress(host.trimmed()));
    }
    if (!m_config.token.isEmpty())
        m_tokenDigest = digest(m_config.token.toUtf8());
}

void RequestGuard::setPort(quint16 port)
{
    m_config.port = port;
}

bool RequestGuard::isOwnName(const QString &name, const QHostAddress &localAddress) const
{
    if (m_names.contains(name)) // the usual case, without parsing an address
        return true;
    const QString normalized = normalizedAddress(name);
    if (m_names.contains(normalized))
        return true;
    // The address the client really connected to is no DNS name an attacker controls.
    return !localAddress.isNull() && normalizedAddress(localAddress.toString()) == normalized;
}

bool RequestGuard::isOwnHost(QByteArrayView hostPort, const QHostAddress &localAddress) const
{
    const HostPort parsed = splitHostPort(hostPort);
    if (!parsed.valid)
        return false;
    if (parsed.port != -1 && parsed.port != m_config.port)
        return false;
    return isOwnName(parsed.name, localAddress);
}

bool RequestGuard::isOwnOrigin(QByteArrayView origin, const QHostAddress &localAddress) const
{
    constexpr QByteArrayView scheme = "http://";
    if (origin.size() <= scheme.size() ||
        origin.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return false;
    const HostPort parsed = splitHostPort(origin.sliced(scheme.size()));
    if (!parsed.valid)
        return false;
    const int port = parsed.port == -1 ? 80 : parsed.port;
    return port == m_config.port && isOwnName(parsed.name, localAddress);
}

std::optional<ApiError> RequestGuard::checkHostAndOrigin(const HeaderList &headers,
                                                         const QHostAddress &localAddress) const
{
    const int hosts = headerCount(headers, "host");
    if (hosts != 1)
    {
        return ApiError{HttpStatus::BadRequest, hosts == 0 ? u"the Host header is missing"_s
                                                           : u"the Host header is given more than once"_s};
    }
    if (!isOwnHost(headerValue(headers, "host").trimmed(), localAddress))
        return forbidden(u"the Host header does not name this server"_s);
    const int origins = headerCount(headers, "origin");
    if (origins > 1)
        return forbidden(u"the Origin header is given more than once"_s);
    if (origins == 1 && !isOwnOrigin(headerValue(headers, "origin").trimmed(), localAddress))
        return forbidden(u"requests from other origins are not allowed"_s);
    return std::nullopt;
}

bool RequestGuard::tokenMatches(QByteArrayView candidate) const
{
    return digestsEqual(digest(candidate), m_tokenDigest);
}

std::optional<ApiError> RequestGuard::checkToken(const HeaderList &headers) const
{
    if (m_config.token.isEmpty())
        return std::nullopt;
    bool matched = false;
    bool offered = false;
    for (const auto &[name, value] : headers)
    {
        if (name.compare("authorization", Qt::CaseInsensitive) == 0)
        {
            offered = true;
            const QByteArray trimmed = value.trimmed();
            if (trimmed.size() > 7 && trimmed.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
                matched = tokenMatches(trimmed.sliced(7).trimmed()) || matched;
        }
        else if (name.compare("x-api-key", Qt::CaseInsensitive) == 0)
        {
            offered = true;
            matched = tokenMatches(value.trimmed()) || matched;
        }
    }
    if (matched)
        return std::nullopt;
    return ApiError{HttpStatus::Unauthorized, offered ? u"the API token is wrong"_s
                                                      : u"an API token is required (Authorization: Bearer "
                                                        "TOKEN or X-API-Key: TOKEN)"_s};
}

std::optional<ApiError> RequestGuard::checkFetchSite(QByteArrayView method, const HeaderList &headers)
{
    if (method == "GET" || method == "HEAD" || method == "OPTIONS")
        return std::nullopt;
    for (const auto &[name, value] : headers)
    {
        if (name.compare("sec-fetch-site", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray site = value.trimmed().toLower();
        if (site == "cross-site" || site == "same-site")
            return forbidden(u"requests from other sites may not change anything (Sec-Fetch-Site: %1)"_s.arg(
                QString::fromLatin1(site)));
    }
    return std::nullopt;
}

std::optional<ApiError> RequestGuard::check(QByteArrayView method, const HeaderList &headers,
                                            const QHostAddress &localAddress) const
{
    if (std::optional<ApiError> refused = checkHostAndOrigin(headers, localAddress))
        return refused;
    if (std::optional<ApiError> refused = checkFetchSite(method, headers))
        return refused;
    return checkToken(headers);
}

bool RequestGuard::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    return digestsEqual(digest(a), digest(b));
}

bool RequestGuard::digestsEqual(const QByteArray &left, const QByteArray &right)
{
    if (left.size() != right.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < left.size(); ++i)
        difference |= static_cast<unsigned char>(left[i] ^ right[i]);
    return difference == 0;
}

} // namespace SoulSpot::Api
