// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <utility>
#include <variant>

namespace SoulSpot::Api {

// HTTP statuses the API answers with, named once.
namespace HttpStatus {
inline constexpr int Ok = 200;
inline constexpr int Created = 201;
inline constexpr int BadRequest = 400;
inline constexpr int Unauthorized = 401;
inline constexpr int Forbidden = 403;
inline constexpr int NotFound = 404;
inline constexpr int MethodNotAllowed = 405;
inline constexpr int RequestTimeout = 408;
inline constexpr int Conflict = 409;
inline constexpr int LengthRequired = 411;
inline constexpr int PayloadTooLarge = 413;
inline constexpr int UriTooLong = 414;
inline constexpr int UnprocessableEntity = 422;
inline constexpr int UpgradeRequired = 426;
inline constexpr int HeaderFieldsTooLarge = 431;
inline constexpr int InternalServerError = 500;
inline constexpr int NotImplemented = 501;
inline constexpr int ServiceUnavailable = 503;
inline constexpr int VersionNotSupported = 505;
} // namespace HttpStatus

// Why a request was refused: the HTTP status and the text of {"detail": ...}.
struct ApiError
{
    int status = HttpStatus::BadRequest;
    QString detail;

    // The one place where the core's reasons become HTTP statuses.
    static ApiError fromCore(const Error &error);
};

int httpStatusOf(ErrorKind kind);

// A value or the ApiError that explains why there is none.
template <typename T> class ApiResult
{
public:
    ApiResult(T value)
        : m_state(std::move(value))
    {
    }
    ApiResult(ApiError error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    const ApiError &error() const { return std::get<ApiError>(m_state); }

private:
    std::variant<T, ApiError> m_state;
};

} // namespace SoulSpot::Api
