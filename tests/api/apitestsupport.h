// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the REST API suites: a real DownloadService over a real SQLite file, the real
// ApiServer on a free port of 127.0.0.1, and small synchronous HTTP helpers.
#pragma once

#include "api/apiserver.h"
#include "config/settingsstore.h"
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace SoulSpot::Test {

using namespace Qt::StringLiterals;

// One answer of the server.
struct HttpAnswer
{
    int status = 0; // 0: no HTTP answer (connection error or timeout)
    QByteArray body;
    QJsonObject json;
    bool isJsonObject = false;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;
    QString networkError;

    QString detail() const { return json.value(u"detail"_s).toString(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
        {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// The engine and the API of one test.
class ApiFixture
{
public:
    // `commandLine` and `environment` pin settings as in the program (GET/PATCH /api/settings).
    explicit ApiFixture(Api::ApiOptions options = {}, int maxConcurrent = 3,
                        const QHash<QString, QString> &commandLine = {},
                        const QProcessEnvironment &environment = QProcessEnvironment())
    {
        QStandardPaths::setTestModeEnabled(true);
        dir = std::make_unique<QTemporaryDir>();
        files = std::make_unique<TestHttpServer>();
        started = files->start();
        database = std::make_unique<Database>(dir->filePath(u"soulspot.db"_s));
        started = started && database->open().ok();
        ServiceOptions serviceOptions;
        serviceOptions.downloadDirectory = dir->filePath(u"downloads"_s);
        serviceOptions.maxConcurrentDownloads = maxConcurrent;
        serviceOptions.backoffBase = std::chrono::milliseconds(50);
        service = std::make_unique<DownloadService>(*database, serviceOptions);
        HttpSourceOptions http;
        http.stallTimeout = std::chrono::milliseconds(2000);
        service->addSource(std::make_unique<HttpSource>(http));
        started = started && service->start().ok();
        options.host = options.host.isEmpty() ? u"127.0.0.1"_s : options.host;
        options.port = 0;
        // The settings file of this test, holding the folder the service downloads to.
        savedSettings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
        savedSettings->setValue(Settings::DownloadDirectory, serviceOptions.downloadDirectory);
        savedSettings->sync();
        settings = std::make_unique<SettingsStore>(*savedSettings, environment, commandLine);
        options.settings = settings.get();
        api = std::make_unique<Api::ApiServer>(*service, options);
        const Result<quint16> bound = api->listen();
        started = started && bound.ok();
        port = bound ? *bound : 0;
    }

    ~ApiFixture()
    {
        api.reset();
        settings.reset();
        savedSettings.reset();
        service.reset();
        database.reset();
        files.reset();
    }

    QString settingsPath() const { return dir->filePath(u"settings.ini"_s); }

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(pathAndQuery));
    }

    // Sends one request and waits for the answer (or 15 s).
    HttpAnswer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(url(pathAndQuery));
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        // (QNAM treats a custom "HEAD" like any verb and would wait for a body.)
        QNetworkReply *reply = method == "HEAD" ? network.head(request)
                               : body.isEmpty() && method != "POST"
                                   ? network.sendCustomRequest(request, method)
                                   : network.sendCustomRequest(request, method, body);
        return wait(reply);
    }
    HttpAnswer get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    HttpAnswer post(const QString &pathAndQuery, const QByteArray &body = {})
    {
        return send("POST", pathAndQuery, body);
    }

    static HttpAnswer wait(QNetworkReply *reply)
    {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->rawHeader("Content-Type");
        answer.headers = reply->rawHeaderPairs();
        if (reply->error() != QNetworkReply::NoError && answer.status == 0)
            answer.networkError = reply->errorString();
        const QJsonDocument document = QJsonDocument::fromJson(answer.body);
        answer.isJsonObject = document.isObject();
        answer.json = document.object();
        reply->deleteLater();
        return answer;
    }

    // Creates a track served by the test HTTP server and returns its id.
    QString addTrack(const QString &path, const TestResource &resource, const QString &title = u"Song"_s)
    {
        files->setResource(path, resource);
        const QByteArray body = QJsonDocument(QJsonObject{{u"title"_s, title},
                                                          {u"artist"_s, u"Artist"_s},
                                                          {u"source_url"_s, files->url(path).toString()}})
                                    .toJson(QJsonDocument::Compact);
        const HttpAnswer answer = post(u"/api/tracks"_s, body);
        if (answer.status != 201)
            qWarning() << "adding a track failed:" << answer.status << answer.body << answer.networkError;
        return answer.json.value(u"id"_s).toString();
    }

    // Enqueues the tracks through the API and returns the new download ids.
    QStringList enqueue(const QStringList &trackIds, int priority = 1)
    {
        QJsonObject body{{u"track_ids"_s, QJsonArray::fromStringList(trackIds)}, {u"priority"_s, priority}};
        const HttpAnswer answer = post(u"/api/downloads/batch"_s, QJsonDocument(body).toJson());
        if (answer.status != 200)
            qWarning() << "enqueue failed:" << answer.status << answer.body << answer.networkError;
        QStringList ids;
        for (const QJsonValue &id : answer.json.value(u"job_ids"_s).toArray())
            ids.append(id.toString());
        return ids;
    }

    QString statusOf(const QString &downloadId)
    {
        return get(u"/api/downloads/"_s + downloadId).json.value(u"status"_s).toString();
    }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<TestHttpServer> files;
    std::unique_ptr<Database> database;
    std::unique_ptr<DownloadService> service;
    std::unique_ptr<QSettings> savedSettings;
    std::unique_ptr<SettingsStore> settings;
    std::unique_ptr<Api::ApiServer> api;
    QNetworkAccessManager network;
    quint16 port = 0;
    bool started = false;
};

// For the suites that fill a database with SQL: the statement that inserts the tracks
// track-000001 ... of `rows` downloads (not QString::arg: the printf pattern holds "%0").
inline QString numberedTracksSql(int rows)
{
    return uR"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ROWS)
INSERT INTO tracks (id, title, artist, created_at, sequence)
SELECT printf('track-%06d', i), 'Song ' || i, 'Artist', '2026-11-25T09:00:00.000Z', i FROM n)"_s.replace(
        u"ROWS"_s, QString::number(rows));
}

// Runs the statements in order; false (with a warning) at the first that fails.
inline bool execAll(const QSqlDatabase &db, const QStringList &statements)
{
    QSqlQuery query(db);
    for (const QString &statement : statements)
    {
        if (!query.exec(statement))
        {
            qWarning() << statement.left(60) << query.lastError().text();
            return false;
        }
    }
    return true;
}

// Starts the API of `service` on a free port of 127.0.0.1 into `api`: its port, or 0 when it could
// not listen.
inline quint16 startApiOnFreePort(std::unique_ptr<Api::ApiServer> &api, DownloadService &service,
                                  Api::ApiOptions options = {})
{
    options.port = 0;
    api = std::make_unique<Api::ApiServer>(service, options);
    const Result<quint16> bound = api->listen();
    return bound ? *bound : 0;
}

// Connects a raw client to the server on 127.0.0.1; false if that failed within 5 s.
inline bool connectRaw(QTcpSocket &socket, quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

// Writes raw bytes to the server and reads until it closes the connection (or `timeoutMs`).
inline QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray answer;
    QEventLoop loop;
    // Stops at the end of the first complete answer, or when the server closes.
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        answer += socket.readAll();
        const qsizetype end = answer.indexOf("\r\n\r\n");
        const qsizetype lengthAt = answer.indexOf("Content-Length: ");
        if (end < 0 || lengthAt < 0 || lengthAt > end)
            return;
        const qsizetype lineEnd = answer.indexOf("\r\n", lengthAt);
        const qint64 length = answer.mid(lengthAt + 16, lineEnd - lengthAt - 16).toLongLong();
        if (answer.size() >= end + 4 + length)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    answer += socket.readAll();
    return answer;
}

inline int statusOfRawAnswer(const QByteArray &answer)
{
    if (!answer.startsWith("HTTP/1.1 "))
        return 0;
    return answer.mid(9, 3).toInt();
}

inline QJsonObject bodyOfRawAnswer(const QByteArray &answer)
{
    const qsizetype end = answer.indexOf("\r\n\r\n");
    return end < 0 ? QJsonObject() : QJsonDocument::fromJson(answer.mid(end + 4)).object();
}

inline QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace SoulSpot::Test
