// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptransferjob.h"

#include "sources/httpattempt.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot {

bool isHttpUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http"_s || scheme == u"https"_s) && !url.host().isEmpty();
}

HttpTransferJob::HttpTransferJob(TransferRequest request, HttpSourceOptions options)
    : m_request(std::move(request))
    , m_options(std::move(options))
{
}

TransferOutcome HttpTransferJob::run(TransferContext &context)
{
    HttpAttempt attempt(m_request, m_options, context);
    return attempt.run();
}

} // namespace SoulSpot
