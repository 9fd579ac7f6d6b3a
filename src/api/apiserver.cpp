// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiserver.h"

#include "apihandler.h"
#include "eventshub.h"
#include "httplistener.h"
#include "pagecache.h"
#include "pagereaders.h"
#include "requestguard.h"

#include "config/settings.h"
#include "config/settingsstore.h"
#include "service/downloadservice.h"

#include <QWebSocket>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

ApiOptions ApiOptions::fromSettings(const Settings &settings)
{
    ApiOptions options;
    options.host = settings.apiHost();
    options.port = quint16(settings.apiPort());
    options.token = settings.apiToken();
    options.allowedHosts = settings.apiAllowedHosts();
    return options;
}

ApiServer::ApiServer(DownloadService &service, ApiOptions options, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_options(std::move(options))
    , m_guard(std::make_unique<RequestGuard>(
          GuardConfig{m_options.token, m_options.allowedHosts, m_options.host, m_options.port}))
    , m_pages(new PageCache(service, this))
    , m_readers(service.pageReader().readsOnAnyThread()
                    ? new PageReaders(service.pageReader(), PageReaders::defaultThreads, this)
                    : nullptr)
    , m_handler(std::make_unique<ApiHandler>(service, *m_guard, m_pages, m_options.settings, m_readers))
    , m_events(new EventsHub(service, this))
{
}

ApiServer::~ApiServer()
{
    // The listener (with its connections) and the hub refer to the guard and the handler,
    // which are members: they go first. The readers' answers still to come refer to the handler
    // and the cache: they are dropped before either goes.
    delete m_events;
    delete m_listener;
    delete m_readers;
    delete m_pages;
}

Result<quint16> ApiServer::listen()
{
    // The same rule as Settings::validate(), for servers made from options rather than settings.
    if (const std::optional<SettingProblem> problem =
            SettingRules::checkApiAddress(m_options.host, m_options.token))
        return Error{ErrorKind::InvalidArgument, problem->text()};
    const std::optional<QHostAddress> address = apiListenAddress(m_options.host);
    auto *listener = new HttpListener(*m_handler, m_options.limits, this);
    if (!listener->listen(*address, m_options.port))
    {
        const QString reason = listener->errorString();
        delete listener;
        return Error{ErrorKind::Unavailable, u"the REST API cannot listen on %1 port %2: %3"_s.arg(
                                                 m_options.host, QString::number(m_options.port), reason)};
    }
    m_listener = listener;
    connect(m_listener, &HttpListener::newWebSocketConnection, this, &ApiServer::acceptWebSockets);
    m_guard->setPort(m_listener->serverPort());
    return m_listener->serverPort();
}

quint16 ApiServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString ApiServer::url() const
{
    const std::optional<QHostAddress> address = apiListenAddress(m_options.host);
    QString host = m_options.host;
    if (address && address->protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + address->toString() + u']';
    return u"http://%1:%2"_s.arg(host).arg(port());
}

int ApiServer::connectionCount() const
{
    return m_listener ? m_listener->connectionCount() : 0;
}

int ApiServer::eventClientCount() const
{
    return m_events->clientCount();
}

void ApiServer::acceptWebSockets()
{
    // Admitted by ApiHandler::admit() like every request: only GET /api/events gets here.
    while (m_listener->hasPendingWebSocketConnections())
        m_events->addClient(m_listener->nextPendingWebSocketConnection());
}

Result<std::unique_ptr<ApiServer>> startApi(DownloadService &service, SettingsStore &settings)
{
    if (!settings.current().apiEnabled())
        return std::unique_ptr<ApiServer>();
    ApiOptions options = ApiOptions::fromSettings(settings.current());
    options.settings = &settings;
    auto server = std::make_unique<ApiServer>(service, std::move(options));
    const Result<quint16> port = server->listen();
    if (!port)
        return port.error();
    std::printf("API listening on %s\n", qPrintable(server->url()));
    std::fflush(stdout);
    return server;
}

} // namespace SoulSpot::Api
