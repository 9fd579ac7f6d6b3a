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

SlskdSource::~SlskdSource()
{
    // Searches ahead cancelled in slskd now; running jobs (holding the runtime) end on their own.
    m_runtime->searchAhead.stop();
}

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
    m_runtime->searchAhead.claim(request.download.id);
    planSearches();
    return std::make_unique<SlskdJob>(m_runtime, request);
}

void SlskdSource::setWaitingDownloads(WaitingDownloads waiting)
{
    m_waiting = std::move(waiting);
}

void SlskdSource::waitingChanged()
{
    planSearches();
}

void SlskdSource::planSearches()
{
    const int ahead = m_runtime->options.searchAhead;
    if (!m_waiting || ahead <= 0)
        return;
    QList<SlskdSearchAhead::Planned> next;
    // A few more than the window: downloads whose jobs are being made are still queued (the
    // search ahead skips them), and others may be another source's or not need a search.
    for (const WaitingDownload &waiting : m_waiting(2 * ahead + 1))
    {
        if (!accepts(waiting.track))
            continue;
        // A former attempt chose a file: its job goes on with it before any search.
        const SlskdSourceInfo info = SlskdSourceInfo::fromJson(waiting.download.sourceInfo);
        if (info.hasFile() && !info.hasFailed(info.username, info.filename))
            continue;
        const QString text = SlskdRanking::searchText(waiting.track);
        if (!text.isEmpty())
            next.append({waiting.download.id, text});
    }
    m_runtime->searchAhead.plan(next);
}

void SlskdSource::downloadLeftQueue(const Download &download)
{
    m_runtime->searchAhead.drop(download.id); // the next ones are planned once the batch is over
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

int SlskdSource::searchesAhead() const
{
    return m_runtime->searchAhead.started();
}

int SlskdSource::searchesAheadUsed() const
{
    return m_runtime->searchAhead.used();
}

} // namespace SoulSpot
