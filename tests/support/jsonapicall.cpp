// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonapicall.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace SoulSpot::Test {

QJsonObject callJsonApi(QNetworkAccessManager &network, const QUrl &api, const QByteArray &method,
                        const QString &route, const QJsonObject &body)
{
    QNetworkRequest request(api.resolved(QUrl(route)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(
        request, method, method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

} // namespace SoulSpot::Test
