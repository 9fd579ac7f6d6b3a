// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService, the order of the waiting downloads: moves within a priority (QueueOrder), told
// to the listeners as changed rows; and Start now, which runs one download out of turn.
#include "downloadservice.h"

#include "queue/jobqueue.h"
#include "service/liveprogress.h"
#include "service/sourceregistry.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/queueorder.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

bool isWaiting(DownloadStatus status)
{
    return status == DownloadStatus::Queued || status == DownloadStatus::Paused;
}

} // namespace

Result<QueuePlace> DownloadService::moveInQueue(const QString &downloadId, QueueMove to)
{
    const Result<std::optional<Download>> found = m_downloads->read(downloadId);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(u"Download"_s, downloadId);
    if (!isWaiting((*found)->status))
        return Error{ErrorKind::Conflict,
                     u"Cannot move a download that is %1: only queued and paused "
                     "downloads have a place in the queue"_s.arg(toString((*found)->status))};
    if (Status moved = moveAndTell({downloadId}, to); !moved)
        return moved.error();
    const Result<qint64> place = QueueOrder(m_database).placeOf(downloadId, m_options.priorityQueueEnabled);
    if (!place)
        return place.error();
    // Another worker started or paused it meanwhile.
    if (*place == 0)
        return Error{ErrorKind::Conflict, u"Download %1 is no longer waiting"_s.arg(downloadId)};
    Result<Download> after = download(downloadId);
    if (!after)
        return after.error();
    return QueuePlace{*after, *place};
}

Result<int> DownloadService::moveInQueue(const QStringList &downloadIds, QueueMove to)
{
    int waiting = 0;
    for (const QString &id : downloadIds)
    {
        if (const std::optional<Download> found = m_downloads->find(id); found && isWaiting(found->status))
            ++waiting;
    }
    if (Status moved = moveAndTell(downloadIds, to); !moved)
        return moved.error();
    return waiting;
}

Result<Download> DownloadService::startNow(const QString &downloadId)
{
    Result<Download> found = download(downloadId);
    if (!found)
        return found;
    if (found->status == DownloadStatus::Downloading)
        return found;
    if (found->status == DownloadStatus::Paused)
    {
        found = resume(downloadId); // queued now, and perhaps started by a free slot already
        if (!found || found->status == DownloadStatus::Downloading)
            return found;
    }
    if (found->status != DownloadStatus::Queued)
        return Error{ErrorKind::Conflict,
                     u"Cannot start a download that is %1"_s.arg(toString(found->status))};
    if (!m_started || !m_queue->startNow(downloadId))
        return Error{ErrorKind::Conflict,
                     u"Download %1 cannot start now: another worker holds it"_s.arg(downloadId)};
    return download(downloadId); // jobStarted has been handled: it is downloading
}

// One transaction for the whole move; then every row whose place changed is told as changed, and
// the sources hear that the next waiting downloads may differ.
Status DownloadService::moveAndTell(const QStringList &downloadIds, QueueMove to)
{
    const Result<QStringList> changed = QueueOrder(m_database).move(downloadIds, to);
    if (!changed)
        return changed.error();
    for (const QString &id : *changed)
    {
        if (const std::optional<Download> row = m_downloads->find(id))
            Q_EMIT downloadChanged(m_live->withLiveValues(*row));
    }
    if (!changed->isEmpty())
        m_sources->waitingChanged();
    return Done{};
}

} // namespace SoulSpot
