// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldreader.h"

#include "strictjson.h"

#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

ApiError unprocessable(const QString &detail)
{
    return ApiError{HttpStatus::UnprocessableEntity, detail};
}

QString rangeText(qint64 minimum, qint64 maximum)
{
    return u"an integer from %1 to %2"_s.arg(minimum).arg(maximum);
}

// Query values are echoed in messages; keep them short.
QString shortened(const QString &text)
{
    return text.size() <= 40 ? text : text.left(40) + u"..."_s;
}

} // namespace

ApiResult<FieldReader> FieldReader::parseBody(const QByteArray &body, bool required)
{
    if (body.trimmed().isEmpty())
    {
        if (required)
            return ApiError{HttpStatus::BadRequest, u"the body must be a JSON object, and it is empty"_s};
        return FieldReader(QJsonObject());
    }
    const StrictJson::Result parsed = StrictJson::parse(body);
    if (!parsed.error.isEmpty())
    {
        return ApiError{
            HttpStatus::BadRequest,
            u"the body is not valid JSON: %1 (at byte %2)"_s.arg(parsed.error).arg(parsed.offset)};
    }
    if (!parsed.value.isObject())
    {
        return ApiError{HttpStatus::BadRequest,
                        u"the body must be a JSON object, not %1"_s.arg(describe(parsed.value))};
    }
    if (!parsed.duplicateKey.isEmpty())
        return unprocessable(u"field \"%1\" is given more than once"_s.arg(parsed.duplicateKey));
    return FieldReader(parsed.value.toObject(), QString(),
                       std::make_shared<const QSet<QString>>(parsed.nonIntegerNumbers));
}

ApiResult<FieldReader> FieldReader::parseObject(const QByteArray &body,
                                                std::initializer_list<QStringView> known)
{
    ApiResult<FieldReader> fields = parseBody(body, true);
    if (!fields)
        return fields;
    if (std::optional<ApiError> unknown = fields->rejectUnknown(known))
        return *unknown;
    return fields;
}

std::optional<ApiError> FieldReader::expectNoBody(const QByteArray &body)
{
    if (body.isEmpty())
        return std::nullopt;
    const ApiResult<FieldReader> fields = parseBody(body, false);
    if (!fields)
        return fields.error();
    return fields->rejectUnknown({});
}

FieldReader::FieldReader(QJsonObject object, QString path, std::shared_ptr<const QSet<QString>> nonIntegers)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_nonIntegers(std::move(nonIntegers))
{
}

bool FieldReader::isIntegerLiteral(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    return value.isDouble() && !(m_nonIntegers && m_nonIntegers->contains(fieldName(key)));
}

QString FieldReader::describe(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isDouble() && !isIntegerLiteral(key))
        return u"a number with a fraction or an exponent, or out of range"_s;
    return describe(value);
}

QString FieldReader::fieldName(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

QString FieldReader::describe(const QJsonValue &value)
{
    switch (value.type())
    {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

std::optional<ApiError> FieldReader::rejectUnknown(std::initializer_list<QStringView> known) const
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
    {
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            return unprocessable(u"unknown field \"%1\""_s.arg(fieldName(it.key())));
    }
    return std::nullopt;
}

ApiResult<std::optional<bool>> FieldReader::optionalBoolean(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<bool>();
    if (!value.isBool())
        return unprocessable(
            u"field \"%1\" must be true or false, not %2"_s.arg(fieldName(key), describe(key)));
    return std::optional<bool>(value.toBool());
}

ApiResult<std::optional<qint64>> FieldReader::optionalInteger(const QString &key, qint64 minimum,
                                                              qint64 maximum) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    if (!isIntegerLiteral(key))
    {
        return unprocessable(u"field \"%1\" must be %2, not %3"_s.arg(
            fieldName(key), rangeText(minimum, maximum), describe(key)));
    }
    const qint64 number = value.toInteger();
    if (number < minimum || number > maximum)
    {
        return unprocessable(
            u"field \"%1\" must be %2, not %3"_s.arg(fieldName(key), rangeText(minimum, maximum))
                .arg(number));
    }
    return std::optional<qint64>(number);
}

ApiResult<qint64> FieldReader::integer(const QString &key, qint64 minimum, qint64 maximum) const
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        return unprocessable(
            u"field \"%1\" is required (%2)"_s.arg(fieldName(key), rangeText(minimum, maximum)));
    ApiResult<std::optional<qint64>> read = optionalInteger(key, minimum, maximum);
    if (!read)
        return read.error();
    return **read;
}

ApiResult<bool> FieldReader::boolean(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    if (!value.isBool())
        return unprocessable(
            u"field \"%1\" must be true or false, not %2"_s.arg(fieldName(key), describe(key)));
    return value.toBool();
}

ApiResult<QString> FieldReader::optionalString(const QString &key, qsizetype maxLength) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return unprocessable(u"field \"%1\" must be a string, not %2"_s.arg(fieldName(key), describe(key)));
    const QString text = value.toString();
    if (text.size() > maxLength)
    {
        return unprocessable(
            u"field \"%1\" must be at most %2 characters long"_s.arg(fieldName(key)).arg(maxLength));
    }
    return text;
}

ApiResult<QString> FieldReader::string(const QString &key, qsizetype maxLength) const
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        return unprocessable(u"field \"%1\" is required"_s.arg(fieldName(key)));
    return optionalString(key, maxLength);
}

std::optional<ApiError> FieldReader::checkItemCount(const QString &key, const QJsonArray &array,
                                                    qsizetype minCount, qsizetype maxCount) const
{
    if (array.size() >= minCount && array.size() <= maxCount)
        return std::nullopt;
    return unprocessable(u"field \"%1\" must have from %2 to %3 items, not %4"_s.arg(fieldName(key))
                             .arg(minCount)
                             .arg(maxCount)
                             .arg(array.size()));
}

ApiResult<QStringList> FieldReader::stringList(const QString &key, qsizetype minCount, qsizetype maxCount,
                                               qsizetype maxLength) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return unprocessable(u"field \"%1\" is required (a list of strings)"_s.arg(fieldName(key)));
    if (!value.isArray())
    {
        return unprocessable(
            u"field \"%1\" must be a list of strings, not %2"_s.arg(fieldName(key), describe(value)));
    }
    const QJsonArray array = value.toArray();
    if (std::optional<ApiError> wrongSize = checkItemCount(key, array, minCount, maxCount))
        return *wrongSize;
    QStringList list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i)
    {
        const QJsonValue item = array.at(i);
        const QString itemName = fieldName(key) + u'[' + QString::number(i) + u']';
        if (!item.isString())
            return unprocessable(u"field \"%1\" must be a string, not %2"_s.arg(itemName, describe(item)));
        const QString text = item.toString();
        if (text.isEmpty() || text.size() > maxLength)
        {
            return unprocessable(
                u"field \"%1\" must be from 1 to %2 characters long"_s.arg(itemName).arg(maxLength));
        }
        list.append(text);
    }
    return list;
}

ApiResult<QList<FieldReader>> FieldReader::objectList(const QString &key, qsizetype minCount,
                                                      qsizetype maxCount) const
{
    const QJsonValue value = m_object.value(key);
    if (!value.isArray())
    {
        return unprocessable(
            u"field \"%1\" must be a list of objects, not %2"_s.arg(fieldName(key), describe(value)));
    }
    const QJsonArray array = value.toArray();
    if (std::optional<ApiError> wrongSize = checkItemCount(key, array, minCount, maxCount))
        return *wrongSize;
    QList<FieldReader> objects;
    objects.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i)
    {
        if (!array.at(i).isObject())
        {
            return unprocessable(u"field \"%1[%2]\" must be an object, not %3"_s.arg(fieldName(key))
                                     .arg(i)
                                     .arg(describe(array.at(i))));
        }
        objects.append(FieldReader(array.at(i).toObject(), fieldName(key) + u'[' + QString::number(i) + u']',
                                   m_nonIntegers));
    }
    return objects;
}

// ---- QueryReader ------------------------------------------------------------------------------

ApiResult<QueryReader> QueryReader::parse(const QByteArray &encodedQuery)
{
    QueryReader reader;
    if (encodedQuery.isEmpty())
        return reader;
    for (const QByteArray &pair : encodedQuery.split('&'))
    {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray rawKey = equals < 0 ? pair : pair.left(equals);
        QByteArray rawValue = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        rawKey.replace('+', ' ');
        rawValue.replace('+', ' ');
        const QByteArray keyBytes = QByteArray::fromPercentEncoding(rawKey);
        const QByteArray valueBytes = QByteArray::fromPercentEncoding(rawValue);
        if (!keyBytes.isValidUtf8() || !valueBytes.isValidUtf8())
            return unprocessable(u"the query string is not valid UTF-8"_s);
        const QString key = QString::fromUtf8(keyBytes);
        if (reader.value(key))
            return unprocessable(u"query parameter \"%1\" is given more than once"_s.arg(shortened(key)));
        reader.m_items.append({key, QString::fromUtf8(valueBytes)});
    }
    return reader;
}

std::optional<ApiError> QueryReader::rejectUnknown(std::initializer_list<QStringView> known) const
{
    for (const auto &[key, value] : m_items)
    {
        if (std::find(known.begin(), known.end(), key) == known.end())
            return unprocessable(u"unknown query parameter \"%1\""_s.arg(shortened(key)));
    }
    return std::nullopt;
}

std::optional<QString> QueryReader::value(const QString &key) const
{
    for (const auto &[name, value] : m_items)
    {
        if (name == key)
            return value;
    }
    return std::nullopt;
}

ApiResult<qint64> QueryReader::integer(const QString &key, qint64 minimum, qint64 maximum,
                                       qint64 fallback) const
{
    const std::optional<QString> text = value(key);
    if (!text)
        return fallback;
    bool digitsOnly = !text->isEmpty() && text->size() <= 19;
    for (qsizetype i = 0; digitsOnly && i < text->size(); ++i)
    {
        const QChar c = text->at(i);
        digitsOnly = c.isDigit() && c.unicode() < 128 ? true : (i == 0 && c == u'-' && text->size() > 1);
    }
    bool ok = false;
    const qint64 number = digitsOnly ? text->toLongLong(&ok) : 0;
    if (!ok || number < minimum || number > maximum)
    {
        return unprocessable(u"query parameter \"%1\" must be %2, not \"%3\""_s.arg(
            key, rangeText(minimum, maximum), shortened(*text)));
    }
    return number;
}

ApiResult<Paging> QueryReader::paging() const
{
    const ApiResult<qint64> skip = integer(u"skip"_s, 0, std::numeric_limits<qint64>::max() / 2, 0);
    if (!skip)
        return skip.error();
    const ApiResult<qint64> limit = integer(u"limit"_s, 1, 100, 50);
    if (!limit)
        return limit.error();
    return Paging{*skip, *limit};
}

ApiResult<bool> QueryReader::boolean(const QString &key, bool fallback) const
{
    const std::optional<QString> text = value(key);
    if (!text)
        return fallback;
    if (*text == u"true"_s || *text == u"false"_s)
        return *text == u"true"_s;
    return unprocessable(
        u"query parameter \"%1\" must be true or false, not \"%2\""_s.arg(key, shortened(*text)));
}

} // namespace SoulSpot::Api
