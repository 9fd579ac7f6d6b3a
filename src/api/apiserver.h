// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httplimits.h"

#include "domain/result.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace SoulSpot {
class DownloadService;
class Settings;
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Api {

class ApiHandler;
class EventsHub;
class HttpListener;
class PageCache;
class PageReaders;
class RequestGuard;

struct ApiOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000; // 0: any free port
    QString token;
    QStringList allowedHosts;
    HttpLimits limits;
    // The settings GET/PATCH /api/settings read and change, shared with the window; null: those
    // answer 503.
    SettingsStore *settings = nullptr;

    static ApiOptions fromSettings(const Settings &settings);
};

// The local REST API: owns the listener (the HTTP/1.1 transport), the request handler above it
// and the live events hub. Lives in the thread of DownloadService (the main thread); every
// handler returns at once, and a page of downloads not cached is rendered by the PageReaders.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    ApiServer(DownloadService &service, ApiOptions options, QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds and starts serving. Returns the bound port, or an error (a host that is not an IP
    // address or localhost, a non-loopback address without a token, a port in use).
    Result<quint16> listen();
    quint16 port() const;
    // "http://127.0.0.1:8000" ([::1] for IPv6).
    QString url() const;

    int connectionCount() const;
    int eventClientCount() const;

private:
    void acceptWebSockets();

    DownloadService &m_service;
    ApiOptions m_options;
    std::unique_ptr<RequestGuard> m_guard;
    PageCache *m_pages = nullptr;
    PageReaders *m_readers = nullptr; // null on PostgreSQL: pages are read on this thread
    std::unique_ptr<ApiHandler> m_handler;
    HttpListener *m_listener = nullptr;
    EventsHub *m_events = nullptr;
};

// What src/app calls: starts the API when the settings enable it and prints
// "API listening on http://HOST:PORT". Returns nullptr when the API is off.
Result<std::unique_ptr<ApiServer>> startApi(DownloadService &service, SettingsStore &settings);

} // namespace SoulSpot::Api
