// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace SoulSpot {

// Why a use case was refused. The API maps these to HTTP statuses in one place.
enum class ErrorKind
{
    InvalidArgument, // 422: a value out of range or missing
    NotFound,        // 404: unknown download or track id
    Conflict,        // 409: the action makes no sense in the current state
    Storage,         // 500: the database or the disk failed
    Unavailable      // 503: a needed service (slskd) is not configured or unreachable
};

struct Error
{
    ErrorKind kind = ErrorKind::InvalidArgument;
    QString message;

    // "Download 1234 not found": the one wording of an unknown id, whatever it names.
    static Error notFound(const QString &what, const QString &id)
    {
        return {ErrorKind::NotFound, QStringLiteral("%1 %2 not found").arg(what, id)};
    }
};

// A value or the reason there is none (std::expected is C++23; this is what we need of it).
template <typename T> class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For use cases that return nothing but may fail.
struct Done
{
};
using Status = Result<Done>;

} // namespace SoulSpot
