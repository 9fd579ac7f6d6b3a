// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsendpoints.h"

#include "fieldreader.h"

#include "config/settingsstore.h"
#include "config/writablefolder.h"
#include "service/downloadservice.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

constexpr qsizetype maxPathLength = 4096;

// The settings served here, in the order of the table.
QList<const SettingSpec *> servedSpecs()
{
    QList<const SettingSpec *> served;
    for (const SettingSpec &spec : Settings::specs())
    {
        if (!spec.apiField.isEmpty())
            served.append(&spec);
    }
    return served;
}

QString sourceName(SettingSource source)
{
    switch (source)
    {
    case SettingSource::CommandLine:
        return u"command_line"_s;
    case SettingSource::Environment:
        return u"environment"_s;
    case SettingSource::Saved:
        return u"saved"_s;
    case SettingSource::Default:
        break;
    }
    return u"default"_s;
}

// The environment variable or command-line option that pins the setting, or null.
QJsonValue pinnedBy(const Settings &settings, const SettingSpec &spec)
{
    switch (settings.source(spec.key))
    {
    case SettingSource::CommandLine:
        return QString(u"--"_s + spec.option);
    case SettingSource::Environment:
        return spec.envVar;
    case SettingSource::Saved:
    case SettingSource::Default:
        break;
    }
    return QJsonValue::Null;
}

QJsonValue jsonValue(const SettingSpec &spec, const QVariant &value)
{
    switch (spec.type)
    {
    case SettingSpec::Type::Int:
        return value.toInt();
    case SettingSpec::Type::Bool:
        return value.toBool();
    case SettingSpec::Type::List:
        return QJsonArray::fromStringList(value.toStringList());
    case SettingSpec::Type::String:
    case SettingSpec::Type::Path:
        break;
    }
    return value.toString();
}

// The value of `spec` in the body, checked for its type and range (422 naming the field).
ApiResult<QVariant> readValue(const FieldReader &fields, const SettingSpec &spec)
{
    switch (spec.type)
    {
    case SettingSpec::Type::Int: {
        const ApiResult<qint64> number = fields.integer(spec.apiField, spec.minimum, spec.maximum);
        return number ? ApiResult<QVariant>(QVariant(int(*number))) : ApiResult<QVariant>(number.error());
    }
    case SettingSpec::Type::Bool: {
        const ApiResult<bool> flag = fields.boolean(spec.apiField);
        return flag ? ApiResult<QVariant>(QVariant(*flag)) : ApiResult<QVariant>(flag.error());
    }
    case SettingSpec::Type::String:
    case SettingSpec::Type::Path:
    case SettingSpec::Type::List:
        break;
    }
    const ApiResult<QString> text = fields.string(spec.apiField, maxPathLength);
    return text ? ApiResult<QVariant>(QVariant(*text)) : ApiResult<QVariant>(text.error());
}

ApiResponse unavailable()
{
    return ApiResponse::error(HttpStatus::ServiceUnavailable, u"the settings cannot be changed here"_s);
}

} // namespace

SettingsEndpoints::SettingsEndpoints(DownloadService &service, SettingsStore *settings)
    : m_service(service)
    , m_settings(settings)
{
}

QList<Route> SettingsEndpoints::routes() const
{
    return {
        {"GET", u"/api/settings"_s, answeredBy(this, &SettingsEndpoints::get)},
        {"PATCH", u"/api/settings"_s, answeredBy(this, &SettingsEndpoints::patch)},
    };
}

// What the store refuses (a value its spec does not take, a rule across values), and a download
// folder that cannot be written: 422 naming the field, before anything is saved.
std::optional<ApiError> SettingsEndpoints::checkValues(const QHash<QString, QVariant> &values) const
{
    if (const std::optional<SettingsRefusal> refused = m_settings->check(values))
    {
        const SettingSpec *spec = Settings::spec(refused->key);
        const QString field = spec && !spec->apiField.isEmpty() ? spec->apiField : refused->key;
        const int status = refused->reason == SettingsRefusal::Reason::Pinned
                               ? HttpStatus::Conflict
                               : HttpStatus::UnprocessableEntity;
        return ApiError{status, u"field \"%1\": %2"_s.arg(field, refused->message)};
    }
    const auto folder = values.constFind(Settings::DownloadDirectory);
    if (folder == values.cend())
        return std::nullopt;
    const QString path = Settings::parse(*Settings::spec(Settings::DownloadDirectory), *folder)->toString();
    if (Status writable = ensureWritableFolder(path); !writable)
    {
        return ApiError{HttpStatus::UnprocessableEntity,
                        u"field \"download_dir\": %1"_s.arg(writable.error().message)};
    }
    return std::nullopt;
}

QJsonObject SettingsEndpoints::render() const
{
    const Settings &settings = m_settings->current();
    QJsonObject object;
    for (const SettingSpec *spec : servedSpecs())
    {
        QJsonObject entry{{u"value"_s, jsonValue(*spec, settings.value(spec->key))},
                          {u"source"_s, sourceName(settings.source(spec->key))},
                          {u"pinned_by"_s, pinnedBy(settings, *spec)}};
        if (spec->type == SettingSpec::Type::Int)
        {
            entry.insert(u"minimum"_s, spec->minimum);
            entry.insert(u"maximum"_s, spec->maximum);
        }
        object.insert(spec->apiField, entry);
    }
    return object;
}

ApiResponse SettingsEndpoints::get(const ApiRequest &request) const
{
    if (std::optional<ApiError> bodyError = FieldReader::expectNoBody(request.body))
        return ApiResponse::error(*bodyError);
    if (!m_settings)
        return unavailable();
    return ApiResponse::json(render());
}

ApiResponse SettingsEndpoints::patch(const ApiRequest &request) const
{
    if (!m_settings)
        return unavailable();
    const ApiResult<FieldReader> body = FieldReader::parseBody(request.body, true);
    if (!body)
        return ApiResponse::error(body.error());
    const QList<const SettingSpec *> served = servedSpecs();
    for (const QString &field : body->keys())
    {
        if (std::none_of(served.cbegin(), served.cend(),
                         [&field](const SettingSpec *spec) { return spec->apiField == field; }))
            return ApiResponse::error(HttpStatus::UnprocessableEntity, u"unknown field \"%1\""_s.arg(field));
    }
    QHash<QString, QVariant> values;
    for (const SettingSpec *spec : served)
    {
        if (!body->has(spec->apiField))
            continue;
        const QJsonValue pin = pinnedBy(m_settings->current(), *spec);
        if (!pin.isNull())
        {
            return ApiResponse::error(HttpStatus::Conflict,
                                      u"field \"%1\" is set by %2, which wins over a saved value"_s.arg(
                                          spec->apiField, pin.toString()));
        }
        const ApiResult<QVariant> value = readValue(*body, *spec);
        if (!value)
            return ApiResponse::error(value.error());
        values.insert(spec->key, *value);
    }
    if (std::optional<ApiError> refused = checkValues(values))
        return ApiResponse::error(*refused);
    if (Status saved = m_settings->save(values); !saved)
        return ApiResponse::error(ApiError::fromCore(saved.error()));
    m_service.applySettings(m_settings->current());
    return ApiResponse::json(render());
}

} // namespace SoulSpot::Api
