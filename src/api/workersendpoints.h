// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "router.h"

namespace SoulSpot {
class DownloadService;
} // namespace SoulSpot

namespace SoulSpot::Api {

// GET /api/workers (issue #11): the live workers sharing the database, in name order, each with
// its last heartbeat, what it runs and its own concurrency limit.
class WorkersEndpoints final
{
    Q_DISABLE_COPY_MOVE(WorkersEndpoints)

public:
    explicit WorkersEndpoints(const DownloadService &service);

    QList<Route> routes() const;

private:
    ApiResponse list(const ApiRequest &request) const;

    const DownloadService &m_service;
};

} // namespace SoulSpot::Api
