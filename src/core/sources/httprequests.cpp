// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/httprequests.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

#include <array>
#include <memory>

namespace SoulSpot::HttpRequests {

namespace {

// The first request's, and enough for the most connections a segmented download may have (16).
constexpr int managersPerThread = 4;

// "The application's proxy" (QNetworkProxy::DefaultProxy) for every request, which is where a
// manager without a factory connects too: directly, as nothing here sets a proxy. The difference
// is Qt's: for a connection without any proxy it uses an unbuffered socket and reads the status
// line and every header of an http:// answer one byte per read() call (about 150 system calls for
// a 2 KiB file, 40 % of the CPU of the manager's thread in claims_bench); with this one the socket
// is buffered and the head is read in one call, as it always was for https://. A buffered socket
// reads a body 64 KiB at a time, though: the segments of a large file keep the unbuffered one.
class ApplicationProxy final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        Q_UNUSED(query);
        return {QNetworkProxy(QNetworkProxy::DefaultProxy)};
    }
};

// Manager 0 takes the first requests, 1 to 3 the segments.
QNetworkAccessManager &managerAt(int index)
{
    thread_local std::array<std::unique_ptr<QNetworkAccessManager>, managersPerThread> managers;
    std::unique_ptr<QNetworkAccessManager> &kept = managers.at(qBound(0, index, managersPerThread - 1));
    if (!kept)
    {
        kept = std::make_unique<QNetworkAccessManager>();
        if (index == 0)
            kept->setProxyFactory(new ApplicationProxy); // the manager owns it
    }
    return *kept;
}

} // namespace

QNetworkAccessManager &threadManager()
{
    return managerAt(0);
}

QNetworkAccessManager &segmentManager(int slot)
{
    return managerAt(1 + slot / connectionsPerManager);
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
