// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transfercontext.h"
#include "queue/transferjob.h"
#include "sources/downloadsource.h"
#include "sources/httpsource.h"

#include <QUrl>

namespace SoulSpot {

// Whether `url` is one HttpSource downloads: http:// or https:// with a host.
bool isHttpUrl(const QUrl &url);

// One attempt at an HTTP(S) download, made by HttpSource. run() blocks in a pool thread with its
// own QNetworkAccessManager and event loop; see HttpSource for what it does.
class HttpTransferJob final : public TransferJob
{
public:
    HttpTransferJob(TransferRequest request, HttpSourceOptions options);

    TransferOutcome run(TransferContext &context) override;

private:
    const TransferRequest m_request;
    const HttpSourceOptions m_options;
};

} // namespace SoulSpot
