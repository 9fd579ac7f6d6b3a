// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsrules.h"

#include "settings.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

SettingProblem problem(SettingProblem::Rule rule, const QString &key, const QString &value,
                       const QString &message)
{
    const SettingSpec *spec = Settings::spec(key);
    return {rule, key, spec ? Settings::displayName(*spec) : key, value, message};
}

} // namespace

QString SettingProblem::text() const
{
    return u"Invalid setting %1: %2"_s.arg(name, message);
}

bool isLoopbackHost(const QString &host)
{
    const std::optional<QHostAddress> address = apiListenAddress(host);
    return address && address->isLoopback();
}

std::optional<QHostAddress> apiListenAddress(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(host))
        return std::nullopt;
    return address;
}

bool isValidSlskdUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == "http"_L1 || url.scheme() == "https"_L1);
}

namespace SettingRules {

std::optional<SettingProblem> checkApiAddress(const QString &host, const QString &token)
{
    using Rule = SettingProblem::Rule;
    if (!apiListenAddress(host))
    {
        return problem(Rule::ApiHostNotAnAddress, Settings::ApiHost, host,
                       u"the REST API's host must be an IP address or localhost, not \"%1\""_s.arg(host));
    }
    if (!isLoopbackHost(host) && token.isEmpty())
    {
        return problem(Rule::ApiNeedsToken, Settings::ApiToken, host,
                       u"the REST API may listen on %1 only with a token (or use 127.0.0.1)"_s.arg(host));
    }
    return std::nullopt;
}

std::optional<SettingProblem> checkSlskdUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty() || isValidSlskdUrl(QUrl(trimmed, QUrl::StrictMode)))
        return std::nullopt;
    return problem(
        SettingProblem::Rule::SlskdUrlInvalid, Settings::SlskdUrl, trimmed,
        u"slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\""_s.arg(trimmed));
}

} // namespace SettingRules

} // namespace SoulSpot
