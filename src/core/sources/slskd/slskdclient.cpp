// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdclient.h"

#include "config/settingsrules.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr int abortPollMs = 50;

QString basePath(const QUrl &baseUrl)
{
    QString path = baseUrl.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    // A base copied from the API's own address ("http://host:5030/api/v0") means the same slskd.
    for (const QLatin1StringView api : {"/api/v0"_L1, "/api"_L1})
    {
        if (path.endsWith(api, Qt::CaseInsensitive))
        {
            path.chop(api.size());
            break;
        }
    }
    return path;
}

} // namespace

// ---- SlskdConnection ----------------------------------------------------------------------

QUrl SlskdConnection::apiUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl url = rootUrl(u"/api/v0"_s + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl SlskdConnection::rootUrl(const QString &path) const
{
    QUrl url = baseUrl;
    url.setQuery(QString());
    url.setFragment(QString());
    // Tolerant mode keeps the %2F and %20 of encodeSegment() as they are.
    url.setPath(basePath(baseUrl) + path, QUrl::TolerantMode);
    return url;
}

QNetworkRequest SlskdConnection::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", apiKey.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    return request;
}

QString SlskdConnection::encodeSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

bool SlskdConnection::isValidBaseUrl(const QUrl &url)
{
    return isValidSlskdUrl(url); // the settings' rule (config/settingsrules.h)
}

// ---- SlskdReply ---------------------------------------------------------------------------

QJsonDocument SlskdReply::json() const
{
    return QJsonDocument::fromJson(body);
}

QString SlskdReply::message() const
{
    // slskd writes its error messages as JSON string literals ("\"User x is offline\"").
    const QJsonDocument document = QJsonDocument::fromJson("[" + body + "]");
    if (document.isArray() && document.array().size() == 1 && document.array().at(0).isString())
        return document.array().at(0).toString();
    return QString::fromUtf8(body.left(300)).trimmed();
}

QString SlskdReply::describe() const
{
    if (aborted)
        return u"stopped"_s;
    if (timedOut)
        return u"no answer in time"_s;
    if (!answered())
        return u"no answer (%1)"_s.arg(networkErrorText);
    const QString text = message();
    return text.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1: %2"_s.arg(QString::number(status), text);
}

// ---- SlskdClient --------------------------------------------------------------------------

SlskdClient::SlskdClient(SlskdConnection connection, QNetworkAccessManager *network)
    : m_connection(std::move(connection))
    , m_ownNetwork(network ? nullptr : std::make_unique<QNetworkAccessManager>())
    , m_network(network ? network : m_ownNetwork.get())
{
}

SlskdClient::~SlskdClient() = default;

SlskdReply SlskdClient::get(const QString &path, const QUrlQuery &query, SlskdCall call)
{
    return send("GET", m_connection.apiUrl(path, query), {}, false, call);
}

SlskdReply SlskdClient::post(const QString &path, const QJsonDocument &body, SlskdCall call)
{
    return send("POST", m_connection.apiUrl(path), body.toJson(QJsonDocument::Compact), true, call);
}

SlskdReply SlskdClient::put(const QString &path, SlskdCall call)
{
    return send("PUT", m_connection.apiUrl(path), {}, true, call);
}

SlskdReply SlskdClient::remove(const QString &path, const QUrlQuery &query, SlskdCall call)
{
    return send("DELETE", m_connection.apiUrl(path, query), {}, false, call);
}

SlskdReply SlskdClient::getRoot(const QString &path, SlskdCall call)
{
    return send("GET", m_connection.rootUrl(path), {}, false, call);
}

bool SlskdClient::pause(int ms) const
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
    {
        if (stopRequested())
            return false;
        QThread::msleep(qBound<qint64>(qint64(1), deadline.remainingTime(), qint64(abortPollMs)));
    }
    return !stopRequested();
}

SlskdReply SlskdClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool jsonBody,
                             SlskdCall call)
{
    SlskdReply result;
    const bool mayAbort = call.abortable && m_abortCheck;
    if (mayAbort && m_abortCheck())
    {
        result.aborted = true;
        return result;
    }
    QNetworkRequest request = m_connection.request(url);
    if (jsonBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    std::unique_ptr<QNetworkReply> reply(m_network->sendCustomRequest(request, verb, body));

    QEventLoop loop;
    QTimer tick;
    tick.setInterval(abortPollMs);
    const QDeadlineTimer deadline(call.timeoutMs);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (mayAbort && m_abortCheck())
            result.aborted = true;
        else if (deadline.hasExpired())
            result.timedOut = true;
        else
            return;
        reply->abort();
    });
    tick.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    tick.stop();

    if (result.aborted || result.timedOut)
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.networkError = reply->error();
    result.networkErrorText = reply->errorString();
    result.body = reply->readAll();
    if (reply->hasRawHeader("X-Total-Count"))
        result.totalCount = reply->rawHeader("X-Total-Count").toLongLong();
    return result;
}

// ---- Classification -----------------------------------------------------------------------

TransferOutcome Slskd::failureOf(const SlskdReply &reply, const QString &doing)
{
    if (reply.status == 401)
        return TransferOutcome::failed(DownloadError(DownloadError::Kind::SlskdKeyRejected, {}), false);
    if (!reply.answered())
        return TransferOutcome::failed(u"slskd did not answer %1: %2"_s.arg(doing, reply.describe()), true);
    const bool retriable = reply.status >= 500 || reply.status == 408 || reply.status == 429;
    return TransferOutcome::failed(u"slskd answered %1 %2"_s.arg(reply.describe(), doing), retriable);
}

QNetworkAccessManager &Slskd::threadNetworkManager()
{
    thread_local QNetworkAccessManager manager;
    return manager;
}

QString Slskd::downloadsPath(const QString &username, const QString &transferId)
{
    QString path = u"/transfers/downloads/"_s + SlskdConnection::encodeSegment(username);
    if (!transferId.isEmpty())
        path += u'/' + SlskdConnection::encodeSegment(transferId);
    return path;
}

} // namespace SoulSpot
