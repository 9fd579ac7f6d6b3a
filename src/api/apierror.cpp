// SPDX-License-Identifier: GPL-3.0-or-later
#include "apierror.h"

namespace SoulSpot::Api {

int httpStatusOf(ErrorKind kind)
{
    switch (kind)
    {
    case ErrorKind::InvalidArgument:
        return HttpStatus::UnprocessableEntity;
    case ErrorKind::NotFound:
        return HttpStatus::NotFound;
    case ErrorKind::Conflict:
        return HttpStatus::Conflict;
    case ErrorKind::Storage:
        return HttpStatus::InternalServerError;
    case ErrorKind::Unavailable:
        return HttpStatus::ServiceUnavailable;
    }
    return HttpStatus::InternalServerError;
}

ApiError ApiError::fromCore(const Error &error)
{
    return ApiError{httpStatusOf(error.kind), error.message};
}

} // namespace SoulSpot::Api
