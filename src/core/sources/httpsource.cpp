// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpsource.h"

#include "sources/httptransferjob.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot {

HttpSource::HttpSource(HttpSourceOptions options)
    : m_options(std::move(options))
{
}

QString HttpSource::name() const
{
    return u"http"_s;
}

bool HttpSource::accepts(const Track &track) const
{
    return isHttpUrl(QUrl(track.sourceUrl));
}

std::unique_ptr<TransferJob> HttpSource::createJob(const TransferRequest &request)
{
    return std::make_unique<HttpTransferJob>(request, m_options);
}

} // namespace SoulSpot
