// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdruntime.h"

#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// slskd answers its version as a JSON string ("0.26.0"); dev builds add a suffix.
QVersionNumber parseVersion(const SlskdReply &reply)
{
    return reply.ok() ? QVersionNumber::fromString(reply.message().trimmed()) : QVersionNumber();
}

// transfers.download.retry from GET /options (0.26+): how often slskd tries a download itself,
// and its longest wait between two tries (the back-off is capped at maxDelay, plus a jitter of
// up to one base delay).
void readRetry(const QJsonObject &options, SlskdDaemon *daemon)
{
    const QJsonObject retry =
        options.value("transfers"_L1).toObject().value("download"_L1).toObject().value("retry"_L1).toObject();
    if (retry.value("attempts"_L1).toInt() > 0)
        daemon->retryAttempts = retry.value("attempts"_L1).toInt();
    const qint64 maxDelay = retry.value("maxDelay"_L1).toInteger(60000);
    const qint64 delay = retry.value("delay"_L1).toInteger(5000);
    daemon->longestBackoff = std::chrono::milliseconds(qMax<qint64>(0, maxDelay) + qMax<qint64>(0, delay));
}

} // namespace

bool SlskdDaemon::isAtLeast(int major, int minor) const
{
    return !version.isNull() && version >= QVersionNumber(major, minor);
}

SlskdRuntime::SlskdRuntime(SlskdOptions opts)
    : options(std::move(opts))
    , poller(options.connection, options.pollInterval)
    , searches(options.maxSearches)
{
}

SlskdRuntime::~SlskdRuntime()
{
    searchAhead.stop();
}

bool SlskdGate::acquire(const std::function<bool()> &stopped)
{
    while (!m_free.tryAcquire(1, 50))
    {
        if (stopped())
            return false;
    }
    if (stopped())
    {
        m_free.release();
        return false;
    }
    return true;
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

bool SlskdRuntime::wasDiscarded(const QString &transferId)
{
    QMutexLocker lock(&m_mutex);
    return m_discarded.contains(transferId);
}

SlskdDaemon SlskdRuntime::daemon(SlskdClient &client)
{
    {
        // Not held during the calls: a job waiting here could not see its stop.
        QMutexLocker lock(&m_mutex);
        if (m_daemon)
            return *m_daemon;
    }
    const SlskdCall call{int(options.requestTimeout.count()), true};
    SlskdDaemon daemon;
    const SlskdReply version = client.get(u"/application/version"_s, {}, call);
    daemon.version = parseVersion(version);
    const SlskdReply reply = client.get(u"/options"_s, {}, call);
    if (reply.ok())
    {
        const QJsonObject all = reply.json().object();
        daemon.downloadsDirectory = all.value("directories"_L1).toObject().value("downloads"_L1).toString();
        readRetry(all, &daemon);
    }
    else
        daemon.optionsError = reply.describe();
    // Remember only complete answers (a version route missing before 0.22 is an answer too).
    if (reply.ok() && (version.ok() || version.status == 404))
    {
        QMutexLocker lock(&m_mutex);
        m_daemon = daemon;
    }
    return daemon;
}

std::optional<SlskdDirectories> SlskdRuntime::directories(SlskdClient &client, DownloadError *error)
{
    const SlskdDaemon facts = daemon(client);
    SlskdDirectories directories;
    directories.remote = facts.downloadsDirectory;
    directories.local =
        options.downloadsDirectory.isEmpty() ? directories.remote : options.downloadsDirectory;
    if (directories.local.isEmpty())
    {
        *error = facts.optionsError.isEmpty()
                     ? DownloadError(DownloadError::Kind::SlskdFolderUnknown, {})
                     : DownloadError(DownloadError::Kind::SlskdFolderUnasked, {facts.optionsError});
        return std::nullopt;
    }
    directories.local = QDir::cleanPath(QDir(directories.local).absolutePath());
    return directories;
}

} // namespace SoulSpot
