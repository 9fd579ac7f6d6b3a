// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdtestbed.h"

#include "testhttpserver.h"

#include <QDir>
#include <QtDebug>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

SlskdTestbed::SlskdTestbed(const QString &urlBase)
{
    QDir().mkpath(slskdDirectory());
    m_slskd = std::make_unique<FakeSlskd>(apiKey, slskdDirectory());
    if (!urlBase.isEmpty())
        m_slskd->setUrlBase(urlBase);
    m_database = std::make_unique<Database>(m_dir.filePath(u"soulspot.db"_s));
    m_ready = m_dir.isValid() && m_slskd->start() && m_database->open().ok();
}

SlskdTestbed::~SlskdTestbed()
{
    stopService();
    m_database.reset();
    m_slskd.reset();
}

SlskdOptions SlskdTestbed::options() const
{
    SlskdOptions options;
    options.connection.baseUrl = m_slskd->baseUrl();
    options.connection.apiKey = apiKey;
    options.downloadsDirectory = slskdDirectory();
    options.pollInterval = std::chrono::milliseconds(100);
    options.searchPollInterval = std::chrono::milliseconds(30);
    options.requestTimeout = std::chrono::milliseconds(5000);
    options.enqueueTimeout = std::chrono::milliseconds(5000);
    options.busyWait = std::chrono::milliseconds(10000);
    options.retryGrace = std::chrono::milliseconds(3000);
    options.fileAppearTimeout = std::chrono::milliseconds(5000);
    options.eventGrace = std::chrono::milliseconds(400);
    return options;
}

bool SlskdTestbed::startService(const SlskdOptions &options, int maxConcurrent, int maxRetries,
                                bool queuePaused)
{
    stopService();
    ServiceOptions serviceOptions;
    serviceOptions.downloadDirectory = downloadDirectory();
    serviceOptions.maxConcurrentDownloads = maxConcurrent;
    serviceOptions.defaultMaxRetries = maxRetries;
    serviceOptions.backoffBase = std::chrono::milliseconds(50);
    m_service = std::make_unique<DownloadService>(*m_database, serviceOptions);
    auto source = std::make_unique<SlskdSource>(options);
    m_source = source.get();
    m_service->addSource(std::move(source));
    if (queuePaused)
        m_service->pauseQueue();
    const Status started = m_service->start();
    if (!started)
        qWarning() << started.error().message;
    return started.ok();
}

void SlskdTestbed::stopService()
{
    if (m_service)
        m_service->shutdown();
    m_service.reset();
    m_source = nullptr;
}

FakeSlskdFile SlskdTestbed::audioFile(const QString &remotePath, qint64 size, quint32 seed, int bitRate)
{
    FakeSlskdFile file;
    file.filename = remotePath;
    file.content = TestHttpServer::randomBody(size, seed);
    file.bitRate = bitRate;
    return file;
}

FakeSlskdPeer SlskdTestbed::peer(const QString &username, const FakeSlskdFile &file,
                                 FakeSlskdPeer::Behavior behavior)
{
    FakeSlskdPeer peer;
    peer.username = username;
    peer.behavior = behavior;
    peer.files.append(file);
    return peer;
}

QNetworkRequest SlskdTestbed::apiRequest(const QString &path) const
{
    QNetworkRequest request(SlskdConnection{m_slskd->baseUrl(), apiKey}.apiUrl(path));
    request.setRawHeader("X-API-Key", apiKey.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    return request;
}

QStringList SlskdTestbed::importLines(const QString &text, ImportParser::Format format)
{
    const Result<QList<TrackInput>> parsed = ImportParser::parse(text.toUtf8(), format);
    if (!parsed)
    {
        qWarning() << parsed.error().message;
        return {};
    }
    const Result<QList<Download>> added = m_service->addTracks(*parsed);
    if (!added)
    {
        qWarning() << added.error().message;
        return {};
    }
    QStringList ids;
    for (const Download &download : *added)
        ids.append(download.id);
    return ids;
}

DownloadStatus SlskdTestbed::statusOf(const QString &downloadId) const
{
    return downloadOf(downloadId).status;
}

QString SlskdTestbed::statusName(const QString &downloadId) const
{
    return toString(statusOf(downloadId));
}

Download SlskdTestbed::downloadOf(const QString &downloadId) const
{
    const Result<Download> found = m_service->download(downloadId);
    return found ? *found : Download();
}

} // namespace SoulSpot::Test
