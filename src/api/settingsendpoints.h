// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"
#include "router.h"

#include <QHash>
#include <QJsonObject>
#include <QVariant>

#include <optional>

namespace SoulSpot {
class DownloadService;
class SettingsStore;
struct SettingSpec;
} // namespace SoulSpot

namespace SoulSpot::Api {

// GET and PATCH /api/settings: the settings of the window's dialog that change while the program
// runs (those whose spec has an API field, core/config/settings.cpp), each with where its value
// comes from. A change goes through the one SettingsStore the window uses too, and is applied to
// the engine as the dialog applies it (DownloadService::applySettings). All or nothing: a value
// out of range is 422 naming the field, a setting pinned by the environment or the command line
// is 409 naming the variable or option, and nothing changes then.
class SettingsEndpoints final
{
    Q_DISABLE_COPY_MOVE(SettingsEndpoints)

public:
    // `settings` may be null (a server without settings, in tests): the endpoints answer 503.
    SettingsEndpoints(DownloadService &service, SettingsStore *settings);

    QList<Route> routes() const;

private:
    ApiResponse get(const ApiRequest &request) const;
    ApiResponse patch(const ApiRequest &request) const;
    std::optional<ApiError> checkValues(const QHash<QString, QVariant> &values) const;
    QJsonObject render() const;

    DownloadService &m_service;
    SettingsStore *m_settings;
};

} // namespace SoulSpot::Api
