// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdsource.h"

#include "config/settings.h"
#include "slskdjob.h"
#include "slskdruntime.h"

#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace SoulSpot {

// ---- SlskdOptions -------------------------------------------------------------------------

Result<SlskdOptions> SlskdOptions::fromSettings(const Settings &settings)
{
    SlskdOptions options;
    const QString url = settings.value(Settings::SlskdUrl).toString().trimmed();
    options.connection.baseUrl = QUrl(url, QUrl::StrictMode);
    if (!SlskdConnection::isValidBaseUrl(options.connection.baseUrl))
    {
        return Error{
            ErrorKind::InvalidArgument,
            u"SLSKD__URL must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\""_s.arg(url)};
    }
    options.connection.apiKey = settings.value(Settings::SlskdApiKey).toString();
    options.downloadsDirectory = settings.value(Settings::SlskdDownloadsDir).toString();
    QStringList formats;
    for (const QString &format : settings.value(Settings::SlskdPreferredFormats).toStringList())
    {
        QString cleaned = format.trimmed().toLower();
        while (cleaned.startsWith(u'.'))
            cleaned.remove(0, 1);
        if (!cleaned.isEmpty())
            formats.append(cleaned);
    }
    if (!formats.isEmpty())
        options.ranking.preferredFormats = formats;
    options.ranking.minBitrate = settings.value(Settings::SlskdMinBitrate).toInt();
    return options;
}

// ---- SlskdRuntime -------------------------------------------------------------------------

SlskdRuntime::SlskdRuntime(SlskdOptions opts)
    : options(std::move(opts))
    , poller(options.connection, options.pollInterval)
{
}

bool SlskdRuntime::acquireSearch(const std::function<bool()> &stopped)
{
    while (!m_searchGate.tryAcquire(1, 50))
    {
        if (stopped())
            return false;
    }
    if (stopped())
    {
        m_searchGate.release();
        return false;
    }
    return true;
}

void SlskdRuntime::releaseSearch()
{
    m_searchGate.release();
}

bool SlskdRuntime::isSearchBusy()
{
    return m_searchGate.available() == 0;
}

bool SlskdRuntime::claimTransfer(const QString &transferId, const QString &downloadId)
{
    QMutexLocker lock(&m_mutex);
    const QString owner = m_claims.value(transferId);
    if (!owner.isEmpty() && owner != downloadId)
        return false;
    m_claims.insert(transferId, downloadId);
    return true;
}

void SlskdRuntime::releaseTransfer(const QString &transferId, const QString &downloadId)
{
    QMutexLocker lock(&m_mutex);
    if (m_claims.value(transferId) == downloadId)
        m_claims.remove(transferId);
}

bool SlskdRuntime::takeForDiscard(const QString &transferId)
{
    QMutexLocker lock(&m_mutex);
    if (m_claims.contains(transferId) || m_discarded.contains(transferId))
        return false;
    m_discarded.insert(transferId);
    return true;
}

std::optional<SlskdDirectories> SlskdRuntime::directories(SlskdClient &client, QString *error)
{
    {
        // Not held during the call: a job waiting here could not see its stop.
        QMutexLocker lock(&m_mutex);
        if (m_directories)
            return m_directories;
    }
    SlskdDirectories directories;
    const SlskdReply reply = client.get(u"/options"_s, {}, {int(options.requestTimeout.count()), true});
    if (reply.ok())
    {
        directories.remote =
            reply.json().object().value("directories"_L1).toObject().value("downloads"_L1).toString();
    }
    directories.local =
        options.downloadsDirectory.isEmpty() ? directories.remote : options.downloadsDirectory;
    if (directories.local.isEmpty())
    {
        *error = reply.ok() ? u"slskd did not say where its downloads folder is: set SLSKD__DOWNLOADS_DIR"_s
                            : u"could not ask slskd where its downloads folder is (%1): set "
                              "SLSKD__DOWNLOADS_DIR"_s.arg(reply.describe());
        return std::nullopt;
    }
    directories.local = QDir::cleanPath(QDir(directories.local).absolutePath());
    // Remember only a complete answer; a failed call is asked again next time.
    if (reply.ok() || !options.downloadsDirectory.isEmpty())
    {
        QMutexLocker lock(&m_mutex);
        m_directories = directories;
    }
    return directories;
}

// ---- SlskdSource --------------------------------------------------------------------------

SlskdSource::SlskdSource(SlskdOptions options)
    : m_runtime(std::make_shared<SlskdRuntime>(std::move(options)))
{
}

SlskdSource::~SlskdSource() = default;

QString SlskdSource::name() const
{
    return u"slskd"_s;
}

bool SlskdSource::accepts(const Track &track) const
{
    const QString url = track.sourceUrl.trimmed();
    return url.isEmpty() || url.startsWith("slsk:"_L1, Qt::CaseInsensitive);
}

std::unique_ptr<TransferJob> SlskdSource::createJob(const TransferRequest &request)
{
    return std::make_unique<SlskdJob>(m_runtime, request);
}

void SlskdSource::downloadLeftQueue(const Download &download)
{
    const SlskdSourceInfo info = SlskdSourceInfo::fromJson(download.sourceInfo);
    if (!info.transferId.isEmpty() && m_runtime->takeForDiscard(info.transferId))
        m_runtime->poller.discard(info.username, info.transferId);
}

QString SlskdSource::describe(const Download &download, const Track &track) const
{
    Q_UNUSED(track);
    return download.sourceInfo.isEmpty() ? download.sourceUrl
                                         : SlskdSourceInfo::displayText(download.sourceInfo);
}

quint64 SlskdSource::pollCount() const
{
    return m_runtime->poller.pollCount();
}

} // namespace SoulSpot
