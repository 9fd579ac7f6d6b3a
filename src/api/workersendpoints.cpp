// SPDX-License-Identifier: GPL-3.0-or-later
#include "workersendpoints.h"

#include "apierror.h"
#include "fieldreader.h"
#include "jsonrender.h"
#include "service/downloadservice.h"

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

WorkersEndpoints::WorkersEndpoints(const DownloadService &service)
    : m_service(service)
{
}

QList<Route> WorkersEndpoints::routes() const
{
    return {{"GET", u"/api/workers"_s, answeredBy(this, &WorkersEndpoints::list)}};
}

ApiResponse WorkersEndpoints::list(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    if (!request.query.isEmpty())
        return ApiResponse::error(
            ApiError{HttpStatus::UnprocessableEntity, u"this endpoint takes no query parameters"_s});
    return renderedOrError(m_service.workers(), JsonRender::workers);
}

} // namespace SoulSpot::Api
