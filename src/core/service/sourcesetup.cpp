// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcesetup.h"

#include "config/settings.h"
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "sources/slskd/slskdcheck.h"
#include "sources/slskd/slskdsource.h"

#include <QUrl>

namespace SoulSpot::SourceSetup {

namespace {

bool slskdIsSetUp(const Settings &settings)
{
    return !settings.value(Settings::SlskdUrl).toString().trimmed().isEmpty();
}

SlskdConnectionCheck askSlskd(const SlskdConnection &connection, int timeoutMs)
{
    const SlskdCheck check = Slskd::check(connection, timeoutMs);
    return {check.reachable, check.keyAccepted, check.loggedIn, check.serverState, check.lines};
}

} // namespace

Status addSources(DownloadService &service, const Settings &settings)
{
    std::unique_ptr<SlskdSource> slskd;
    if (slskdIsSetUp(settings))
    {
        Result<SlskdOptions> options = SlskdOptions::fromSettings(settings);
        if (!options)
            return options.error();
        slskd = std::make_unique<SlskdSource>(*options);
    }
    service.addSource(std::make_unique<HttpSource>());
    if (slskd)
        service.addSource(std::move(slskd));
    return Done{};
}

SlskdConnectionCheck checkSlskd(const QString &url, const QString &apiKey, int timeoutMs)
{
    SlskdConnection connection;
    connection.baseUrl = QUrl(url.trimmed(), QUrl::StrictMode);
    connection.apiKey = apiKey;
    return askSlskd(connection, timeoutMs);
}

Result<SlskdConnectionCheck> checkSlskd(const Settings &settings)
{
    const Result<SlskdOptions> options = SlskdOptions::fromSettings(settings);
    if (!options)
        return options.error();
    return askSlskd(options->connection, 5000);
}

} // namespace SoulSpot::SourceSetup
