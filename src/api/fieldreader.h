// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <initializer_list>
#include <memory>
#include <optional>

namespace SoulSpot::Api {

// Strict reading of request bodies and query strings. Every refusal names the field:
// - the body must be a JSON object (400 otherwise, also for an empty body where one is needed);
// - fields the endpoint does not know are refused (422), so a typo such as "priorty" is never
//   silently ignored; a key given twice is refused too (422);
// - integers must be JSON integers: not 1.0, not "1", not true (422).
class FieldReader
{
public:
    // `required`: an empty body is an error; otherwise it reads as {}.
    static ApiResult<FieldReader> parseBody(const QByteArray &body, bool required);
    // A required body that is a JSON object with no field outside `known`.
    static ApiResult<FieldReader> parseObject(const QByteArray &body,
                                              std::initializer_list<QStringView> known);
    // For endpoints that take no body: none, or an empty JSON object.
    static std::optional<ApiError> expectNoBody(const QByteArray &body);

    // `path` prefixes the field names in messages, e.g. "tracks[2]". `nonIntegers` are the paths
    // of numbers that were not written as integers (StrictJson::Result::nonIntegerNumbers).
    explicit FieldReader(QJsonObject object, QString path = {},
                         std::shared_ptr<const QSet<QString>> nonIntegers = {});

    std::optional<ApiError> rejectUnknown(std::initializer_list<QStringView> known) const;
    bool has(const QString &key) const { return m_object.contains(key); }
    // Present with a value other than null.
    bool isGiven(const QString &key) const { return has(key) && !m_object.value(key).isNull(); }
    // The fields given, for endpoints whose fields come from a table (SettingsEndpoints).
    QStringList keys() const { return m_object.keys(); }

    ApiResult<qint64> integer(const QString &key, qint64 minimum, qint64 maximum) const;
    // A required JSON true or false (not "true", not 1).
    ApiResult<bool> boolean(const QString &key) const;
    // Absent or null gives nullopt.
    ApiResult<std::optional<qint64>> optionalInteger(const QString &key, qint64 minimum,
                                                     qint64 maximum) const;
    // JSON true or false (not 1, not "true"); absent or null gives nullopt.
    ApiResult<std::optional<bool>> optionalBoolean(const QString &key) const;
    // Absent or null gives an empty string.
    ApiResult<QString> optionalString(const QString &key, qsizetype maxLength) const;
    ApiResult<QString> string(const QString &key, qsizetype maxLength) const;
    // A required array of strings with minCount..maxCount items, each 1..maxLength characters.
    ApiResult<QStringList> stringList(const QString &key, qsizetype minCount, qsizetype maxCount,
                                      qsizetype maxLength) const;
    // A required array of objects with minCount..maxCount items, each read by its own reader.
    ApiResult<QList<FieldReader>> objectList(const QString &key, qsizetype minCount,
                                             qsizetype maxCount) const;

    QString fieldName(const QString &key) const;
    const QString &path() const { return m_path; }
    // "a string", "an array" ... for the value at `key`.
    QString describe(const QString &key) const;
    static QString describe(const QJsonValue &value);

private:
    bool isIntegerLiteral(const QString &key) const;
    std::optional<ApiError> checkItemCount(const QString &key, const QJsonArray &array, qsizetype minCount,
                                           qsizetype maxCount) const;

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<const QSet<QString>> m_nonIntegers;
};

// Query parameters: ?status=&skip=&limit=, ?delete_file=true
// `skip` and `limit` of a listing, as every list endpoint takes them.
struct Paging
{
    qint64 skip = 0;
    qint64 limit = 50;
};

class QueryReader
{
public:
    // Refuses a malformed query and parameters given twice (422).
    static ApiResult<QueryReader> parse(const QByteArray &encodedQuery);

    std::optional<ApiError> rejectUnknown(std::initializer_list<QStringView> known) const;
    ApiResult<qint64> integer(const QString &key, qint64 minimum, qint64 maximum, qint64 fallback) const;
    // Exactly "true" or "false"; `fallback` when absent.
    ApiResult<bool> boolean(const QString &key, bool fallback) const;
    std::optional<QString> value(const QString &key) const;
    // `skip` (from 0, default 0) and `limit` (1-100, default 50); 422 naming the one that is wrong.
    ApiResult<Paging> paging() const;

private:
    QList<QPair<QString, QString>> m_items;
};

} // namespace SoulSpot::Api
