// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/httprequests.h"

#include <QNetworkAccessManager>

#include <array>
#include <memory>

namespace SoulSpot::HttpRequests {

namespace {

// Enough managers for the most connections a download may have (16).
constexpr int managersPerThread = 3;

} // namespace

QNetworkAccessManager &threadManager(int index)
{
    thread_local std::array<std::unique_ptr<QNetworkAccessManager>, managersPerThread> managers;
    std::unique_ptr<QNetworkAccessManager> &manager = managers.at(qBound(0, index, managersPerThread - 1));
    if (!manager)
        manager = std::make_unique<QNetworkAccessManager>();
    return *manager;
}

QNetworkRequest get(const QUrl &url, const HttpSourceOptions &options)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(options.maxRedirects);
    request.setTransferTimeout(int(options.stallTimeout.count()));
    request.setHeader(QNetworkRequest::UserAgentHeader, options.userAgent);
    request.setRawHeader("Accept-Encoding", "identity");
    return request;
}

} // namespace SoulSpot::HttpRequests
