// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeslskd.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QUrlQuery>

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
    };

    struct Search
    {
        QString id;
        QString text;
        qint64 startMs = 0;
        qint64 cancelledMs = -1;
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
        qint64 bytes = 0;
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
    QList<FakeSlskd::Request> m_requests;
    QList<Search> m_searches;
    QList<Transfer> m_transfers;
    QJsonArray m_events; // oldest first
    int m_enqueueCount = 0;
    int m_searchCount = 0;
    int m_busyAnswers = 0;
    int m_maxConcurrentSearches = 0;
    QElapsedTimer m_clock;

private:
    void handleConnection();
    void readFrom(QTcpSocket *socket);
    void tick();

    // Routing (fakeslskdapi.cpp); called with m_mutex held.
    HttpResponse route(const HttpRequest &request, const QStringList &segments, const QUrlQuery &query);
    HttpResponse routeSearches(const HttpRequest &request, const QStringList &segments,
                               const QUrlQuery &query);
    HttpResponse routeDownloads(const HttpRequest &request, const QStringList &segments,
                                const QUrlQuery &query);
    HttpResponse startSearch(const HttpRequest &request);
    HttpResponse enqueue(const HttpRequest &request, const QString &username);
    HttpResponse events(const QUrlQuery &query);
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
};

// Helpers shared by the two files.
QByteArray jsonBody(const QJsonValue &value);
QByteArray jsonString(const QString &message); // slskd's error bodies: a JSON string literal
bool isGuid(const QString &text);

} // namespace SoulSpot::Test
