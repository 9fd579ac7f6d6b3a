// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace SoulSpot::Test {

// One request to a running binary's REST API at `api` (e.g. "http://127.0.0.1:PORT"), waited for
// (at most 10 s); the answer's JSON object, empty when there is none. A non-GET sends `body`.
QJsonObject callJsonApi(QNetworkAccessManager &network, const QUrl &api, const QByteArray &method,
                        const QString &route, const QJsonObject &body = {});

} // namespace SoulSpot::Test
