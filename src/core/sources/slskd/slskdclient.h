// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkRequest;

namespace SoulSpot {

// Where slskd listens and how to authenticate: the base URL with any url_base
// (http://127.0.0.1:5030, http://nas/slskd) and the API key sent as X-API-Key.
struct SlskdConnection
{
    QUrl baseUrl;
    QString apiKey;

    // An API route below url_base and /api/v0; `path` starts with '/' and is already
    // percent-encoded where needed (see encodeSegment).
    QUrl apiUrl(const QString &path, const QUrlQuery &query = {}) const;
    // A path below url_base only (GET /health lives outside /api).
    QUrl rootUrl(const QString &path) const;
    QNetworkRequest request(const QUrl &url) const;

    // One path segment percent-encoded, '/' and ' ' included (slskd decodes the raw URL).
    static QString encodeSegment(const QString &segment);
    // Whether `url` is a usable base URL (http or https with a host).
    static bool isValidBaseUrl(const QUrl &url);
};

// The answer to one call. status 0 means slskd did not answer (refused, reset, timeout, abort).
struct SlskdReply
{
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    QByteArray body;
    qint64 totalCount = -1; // X-Total-Count, when sent
    bool aborted = false;   // the caller's abort check said stop
    bool timedOut = false;

    bool ok() const { return status >= 200 && status < 300; }
    bool answered() const { return status != 0; }
    QJsonDocument json() const;
    // The error body as text: slskd sends its messages as JSON string literals.
    QString message() const;
    // "HTTP 500: User x appears to be offline", "no answer (Connection refused)".
    QString describe() const;
};

struct SlskdCall
{
    int timeoutMs = 15000;
    bool abortable = true; // false for clean-up calls made after a stop
};

// Blocking calls to slskd's REST API, for the thread that owns the client (a transfer job's pool
// thread, or the command line). Each call runs a local event loop until the answer comes, the
// call times out, or the abort check (polled every 50 ms) says stop, so a job stays responsive to
// pause and cancel. Every call that may carry a body is sent as application/json: slskd answers
// 415 to anything else, and Qt would otherwise label an empty PUT as a form.
class SlskdClient final
{
    Q_DISABLE_COPY_MOVE(SlskdClient)

public:
    // `network`: a manager of this thread to use (and keep connections alive in) instead of one
    // of its own; it must outlive the client.
    explicit SlskdClient(SlskdConnection connection, QNetworkAccessManager *network = nullptr);
    ~SlskdClient();

    void setAbortCheck(std::function<bool()> check) { m_abortCheck = std::move(check); }
    const SlskdConnection &connection() const { return m_connection; }

    SlskdReply get(const QString &path, const QUrlQuery &query = {}, SlskdCall call = {});
    SlskdReply post(const QString &path, const QJsonDocument &body, SlskdCall call = {});
    SlskdReply put(const QString &path, SlskdCall call = {});
    SlskdReply remove(const QString &path, const QUrlQuery &query = {}, SlskdCall call = {});
    SlskdReply getRoot(const QString &path, SlskdCall call = {});

    // Sleeps up to `ms`, waking early (false) when the abort check says stop.
    bool pause(int ms) const;
    // Whether the abort check says stop.
    bool stopRequested() const { return m_abortCheck && m_abortCheck(); }

private:
    SlskdReply send(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool jsonBody,
                    SlskdCall call);

    SlskdConnection m_connection;
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    QNetworkAccessManager *m_network = nullptr;
    std::function<bool()> m_abortCheck;
};

namespace Slskd {

// The failure a call that did not succeed means for the attempt: 401 is permanent ("slskd rejected
// the API key"), no answer, 5xx, 408 and 429 are retriable, other statuses are permanent.
// `doing` completes the sentence: "while searching".
TransferOutcome failureOf(const SlskdReply &reply, const QString &doing);

// One manager per thread, reused by every Soulseek job or search ahead that runs there: its
// connections to slskd stay open from one to the next. It dies with the thread.
QNetworkAccessManager &threadNetworkManager();

// "/transfers/downloads/USER[/ID]", each segment percent-encoded.
QString downloadsPath(const QString &username, const QString &transferId = {});

inline constexpr QLatin1StringView rejectedKeyMessage{
    "slskd rejected the API key (check SLSKD__API_KEY or --slskd-api-key)"};

} // namespace Slskd

} // namespace SoulSpot
