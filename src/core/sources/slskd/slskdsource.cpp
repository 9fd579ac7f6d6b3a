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
    const QString url = settings.slskdUrl().trimmed();
    if (const std::optional<SettingProblem> problem = SettingRules::checkSlskdUrl(url);
        problem || url.isEmpty())
        return Error{ErrorKind::InvalidArgument, problem ? problem->text() : u"slskd is not set up"_s};
    options.connection.baseUrl = QUrl(url, QUrl::StrictMode);
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
    options.maxSearches = settings.value(Settings::SlskdMaxSearches).toInt();
    return options;
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

quint64 SlskdSource::earlyPollCount() const
{
    return m_runtime->poller.earlyPollCount();
}

} // namespace SoulSpot
