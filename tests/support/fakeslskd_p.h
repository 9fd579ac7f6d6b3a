// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeslskd.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace SoulSpot::Test {

// The server behind FakeSlskd, living in its thread. Every piece of state is guarded by m_mutex,
// because the test thread reads it.
class FakeSlskd::Server final : public QObject
{
    Q_OBJECT

public:
    Server(QString apiKey, QString downloadsDirectory);

    quint16 listen(); // in the server thread
    void stop();      // in the server thread

    struct HttpRequest
    {
        QByteArray method;
        QByteArray target;                     // raw, as sent
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct HttpResponse
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json; charset=utf-8";
        QList<std::pair<QByteArray, QByteArray>> headers;
        int delayMs = 0;              // answered this much later (slskd working on it meanwhile)
        std::function<void()> onSent; // called (lock held) once the answer is written
    };

    struct Search
    {
        QString id;
        QString text;
        qint64 startMs = -1; // -1 while "Queued" behind the two running searches
        qint64 cancelledMs = -1;
        bool finalizes = true; // false: the last write fails, endedAt and responses never come
        int token = 0;
        QJsonArray responses;
        int fileCount = 0;
        int lockedCount = 0;
    };
    struct Transfer
    {
        enum class Phase
        {
            QueuedLocally,
            Requested,
            QueuedRemotely,
            Initializing,
            InProgress,
            Completed
        };
        QString id;
        QString username;
        QString filename;
        qint64 size = 0;
        QByteArray content;
        FakeSlskdPeer::Behavior behavior = FakeSlskdPeer::Behavior::Deliver;
        int placeInQueue = 0;
        int transferMs = 300;
        Phase phase = Phase::QueuedLocally;
        qint64 phaseStartMs = 0;
        QString state = QStringLiteral("Queued, Locally");
        int attempts = 0;
        bool removed = false;
        bool cancelRequested = false;
        bool erroredOnce = false;
        bool backingOff = false; // "Queued, Locally" again, waiting out slskd's retry delay
        bool positionFails = false;
        QString noAckOutcome;
        qint64 bytes = 0;
        double averageSpeed = 0.0; // bytes/s since InProgress began, as slskd measures it
        qint64 fileDueMs = -1;
        qint64 retryAtMs = -1;
        QDateTime requestedAt;
        QDateTime enqueuedAt;
        QDateTime startedAt;
        QDateTime endedAt;
        QString exception;
    };

    // Shared with FakeSlskd; guarded by m_mutex.
    mutable QMutex m_mutex;
    QString m_apiKey;
    QString m_downloadsDirectory;
    QString m_urlBase;
    FakeSlskdTimings m_timings;
    QList<FakeSlskdPeer> m_peers;
    bool m_loggedIn = true;
    bool m_eventsEnabled = true;
    bool m_searchesFinalize = true;
    bool m_batchesEnabled = true;
    int m_retryAttempts = 3;
    QString m_version = QStringLiteral("0.26.0");
    QList<FakeSlskd::Request> m_requests;
    QList<Search> m_searches;
    QList<FakeSlskd::SearchRecord> m_searchLog; // every search started
    QList<Transfer> m_transfers;
    QJsonArray m_events; // oldest first
    int m_enqueueCount = 0;
    int m_searchCount = 0;
    int m_busyAnswers = 0;
    int m_busyEnqueueAnswers = 0;
    int m_maxConcurrentSearches = 0;
    int m_maxQueuedSearches = 0;
    int m_searchStartsInFlight = 0; // POST /searches not answered yet
    int m_enqueuesInFlight = 0;     // enqueue calls (either route) not answered yet
    QElapsedTimer m_clock;

private:
    void handleConnection();
    void readFrom(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const HttpRequest &request);
    void send(QTcpSocket *socket, const HttpResponse &response); // socket null: gone, only onSent
    void tick();

    // Routing (fakeslskdapi.cpp); called with m_mutex held.
    HttpResponse route(const HttpRequest &request, const QStringList &segments, const QUrlQuery &query);
    HttpResponse routeSearches(const HttpRequest &request, const QStringList &segments,
                               const QUrlQuery &query);
    HttpResponse routeDownloads(const HttpRequest &request, const QStringList &segments,
                                const QUrlQuery &query);
    HttpResponse startSearch(const HttpRequest &request);
    void promoteQueuedSearches(qint64 now);
    HttpResponse enqueue(const HttpRequest &request, const QString &username);
    HttpResponse enqueueBatch(const HttpRequest &request);
    // The part both enqueue routes share: the limiter, the peer, the new records.
    struct Enqueued
    {
        std::optional<HttpResponse> refusal; // 429, offline, bad body
        QJsonArray transfers;
        QStringList failedFiles;
        int delayMs = 0;
    };
    Enqueued enqueueFiles(const QString &username, const QJsonArray &files, int offlineStatus);
    HttpResponse enqueueAnswer(const Enqueued &result, const std::function<HttpResponse()> &accepted);
    HttpResponse limited(HttpResponse response, int *inFlight);
    HttpResponse position(const Transfer &transfer) const;
    void cancel(Transfer &transfer, qint64 now);
    bool isAtLeast(int major, int minor) const;
    HttpResponse events(const QUrlQuery &query);
    HttpResponse options() const;
    QJsonObject searchJson(const Search &search, bool withResponses) const;
    bool searchFinalized(const Search &search) const;
    bool searchComplete(const Search &search) const;
    QJsonArray matchFiles(const QString &text, int *fileCount, int *lockedCount) const;
    QJsonObject transferJson(const Transfer &transfer) const;
    QJsonArray usersJson(const QString &onlyUser) const;
    void advance(Transfer &transfer, qint64 now);
    void advanceCompleted(Transfer &transfer, qint64 now);
    void endTransfer(Transfer &transfer, qint64 now);
    void complete(Transfer &transfer, const QString &outcome, qint64 now);
    void deliver(Transfer &transfer);

    QTcpServer *m_tcp = nullptr;
    QTimer *m_ticker = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QSet<QTcpSocket *> m_waiting; // sockets whose answer is held back: read no further request
};

// Helpers shared by the two files.
QByteArray jsonBody(const QJsonValue &value);
QByteArray jsonString(const QString &message); // slskd's error bodies: a JSON string literal
bool isGuid(const QString &text);

} // namespace SoulSpot::Test
