// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "router.h"

#include "domain/downloadaction.h"

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

class PageCache;
class PageReaders;

// The /api/downloads endpoints of the REST API. routes() declares each one (method, path, the
// member that answers it); a member parses and validates the request, calls DownloadService and
// renders the answer. No business rule lives here. Named "Endpoints" rather than "Controller":
// the window's DownloadCommandRunner (src/gui) turns clicks into service calls; this class answers
// HTTP requests.
class DownloadsEndpoints final
{
    Q_DISABLE_COPY_MOVE(DownloadsEndpoints)

public:
    // `pages` may be null (no caching of listings); `readers` too (every page is read on the
    // calling thread).
    DownloadsEndpoints(DownloadService &service, PageCache *pages, PageReaders *readers = nullptr);

    // The routes answered here; they refer to this object, which must outlive them.
    QList<Route> routes() const;

    static constexpr qsizetype maxBatchSize = 1000;
    static constexpr qsizetype maxIdLength = 200;
    static constexpr qsizetype maxFolderLength = 4096; // PATH_MAX

private:
    ApiResponse list(const ApiRequest &request) const;
    // list() for a connection: a page not cached is read and written by the PageReaders.
    ApiAnswer listOnConnection(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse act(const ApiRequest &request, const QString &downloadId, DownloadAction action) const;
    ApiResponse remove(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse clearPartialFiles(const ApiRequest &request) const;
    ApiResponse setPriority(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse move(const ApiRequest &request, const QString &downloadId) const;
    ApiResponse pauseQueue(const ApiRequest &request) const;
    ApiResponse resumeQueue(const ApiRequest &request) const;
    ApiResponse status(const ApiRequest &request) const;
    ApiResponse batch(const ApiRequest &request) const;
    ApiResponse batchAction(const ApiRequest &request) const;

    DownloadService &m_service;
    PageCache *m_pages;
    PageReaders *m_readers;
};

} // namespace SoulSpot::Api
