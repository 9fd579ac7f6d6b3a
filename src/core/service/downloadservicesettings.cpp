// SPDX-License-Identifier: GPL-3.0-or-later
// The DownloadService's settings that change while it runs, beside downloadservice.cpp.
#include "downloadservice.h"

#include "config/settings.h"
#include "queue/jobqueue.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

Status DownloadService::setMaxDownloadSpeedKib(int kib)
{
    const SettingSpec *spec = Settings::spec(Settings::MaxDownloadSpeedKib);
    if (Result<QVariant> parsed = Settings::parse(*spec, kib); !parsed)
        return parsed.error();
    m_options.maxDownloadSpeedKib = kib;
    m_queue->setSpeedLimit(qint64(kib) * 1024);
    emitStatsChanged();
    return Done{};
}

int DownloadService::maxDownloadSpeedKib() const
{
    return m_options.maxDownloadSpeedKib;
}

Status DownloadService::setSegmenting(int connections, int minSegmentSizeMib)
{
    for (const auto &[key, value] : {std::pair{Settings::ConnectionsPerDownload, connections},
                                     std::pair{Settings::MinSegmentSizeMib, minSegmentSizeMib}})
    {
        if (Result<QVariant> parsed = Settings::parse(*Settings::spec(key), value); !parsed)
            return parsed.error();
    }
    m_options.connectionsPerDownload = connections;
    m_options.minSegmentSizeMib = minSegmentSizeMib;
    return Done{};
}

int DownloadService::connectionsPerDownload() const
{
    return m_options.connectionsPerDownload;
}

void DownloadService::applySettings(const Settings &settings)
{
    setMaxConcurrentDownloads(settings.maxConcurrentDownloads());
    setDefaultMaxRetries(settings.defaultMaxRetries());
    setPriorityQueueEnabled(settings.priorityQueueEnabled());
    setMaxDownloadSpeedKib(settings.maxDownloadSpeedKib());
    setSegmenting(settings.connectionsPerDownload(), settings.minSegmentSizeMib());
    if (settings.downloadDirectory() != downloadDirectory())
        setDownloadDirectory(settings.downloadDirectory());
}

} // namespace SoulSpot
