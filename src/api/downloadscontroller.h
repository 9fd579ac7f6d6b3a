// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include "domain/downloadaction.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class PageCache;

// The /api/downloads endpoints: parse and validate the request, call DownloadService, render
// the answer. No business rule lives here.
class DownloadsController final
{
    Q_DISABLE_COPY_MOVE(DownloadsController)

public:
    // `pages` may be null (no caching of listings).
    DownloadsController(DownloadService &service, PageCache *pages);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse act(const ApiRequest &request, const QString &downloadId, DownloadAction action) const;
    ApiResponse setPriority(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse pauseQueue(const ApiRequest &request) const;
    ApiResponse resumeQueue(const ApiRequest &request) const;
    ApiResponse status(const ApiRequest &request) const;
    ApiResponse batch(const ApiRequest &request) const;
    ApiResponse batchAction(const ApiRequest &request) const;

    // Endpoints without a body accept none, or an empty JSON object.
    static std::optional<ApiError> expectNoBody(const ApiRequest &request);
    static constexpr qsizetype maxBatchSize = 1000;
    static constexpr qsizetype maxIdLength = 200;

private:
    DownloadService &m_service;
    PageCache *m_pages;
};

} // namespace SoulSpot::Api
