// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicetestbed.h"

#include "sources/httpsource.h"

#include <QTest>

namespace SoulSpot::Test {

ServiceTestBed::ServiceTestBed(const std::function<void(ServiceOptions &)> &adjust)
    : m_server(std::make_unique<TestHttpServer>())
    , m_database(std::make_unique<Database>(path(QStringLiteral("soulspot.db"))))
{
    ServiceOptions options;
    options.downloadDirectory = downloadDir();
    options.backoffBase = std::chrono::milliseconds(50);
    if (adjust)
        adjust(options);
    m_service = std::make_unique<DownloadService>(*m_database, options);
    HttpSourceOptions http;
    http.stallTimeout = std::chrono::milliseconds(1500);
    m_service->addSource(std::make_unique<HttpSource>(http));
    m_ready = m_dir.isValid() && m_server->start() && m_database->open().ok() && m_service->start().ok();
}

ServiceTestBed::~ServiceTestBed()
{
    m_service.reset(); // its jobs first, then what they use
    m_database.reset();
    m_server.reset();
}

QString ServiceTestBed::addUrl(const QString &urlPath)
{
    TrackInput input;
    input.sourceUrl = m_server->url(urlPath).toString();
    const Result<QList<Download>> added = m_service->addTracks({input});
    if (!added)
        qWarning() << "adding" << urlPath << "failed:" << added.error().message;
    return added ? added->first().id : QString();
}

QString ServiceTestBed::addCompleted(const QString &urlPath, qint64 size, quint32 seed)
{
    m_server->setResource(urlPath, TestHttpServer::randomResource(size, seed));
    const QString id = addUrl(urlPath);
    if (!QTest::qWaitFor([&] { return statusOf(id) == QLatin1StringView("completed"); }, 20000))
        qWarning() << urlPath << "did not complete:" << statusOf(id);
    return id;
}

QString ServiceTestBed::statusOf(const QString &id) const
{
    const Result<Download> found = m_service->download(id);
    return found ? toString(found->status) : QString();
}

} // namespace SoulSpot::Test
