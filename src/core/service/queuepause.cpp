// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuepause.h"

#include "queue/jobqueue.h"
#include "storage/enginestate.h"

#include <QDir>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

Q_LOGGING_CATEGORY(lcPause, "soulspot.pause")

const QString pausedByUserKey = u"queue_paused_by_user"_s;

} // namespace

QueuePause::QueuePause(JobQueue &queue, const Database &database, std::chrono::milliseconds recheckInterval,
                       QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_state(std::make_unique<EngineState>(database))
    , m_recheck(new QTimer(this))
{
    m_recheck->setInterval(recheckInterval);
    connect(m_recheck, &QTimer::timeout, this, &QueuePause::recheckFolder);
}

QueuePause::~QueuePause() = default;

Status QueuePause::restore()
{
    const Result<std::optional<QString>> stored = m_state->value(pausedByUserKey);
    if (!stored)
        return stored.error();
    if (*stored == u"true"_s)
        change([this] { m_byUser = true; });
    return Done{};
}

Status QueuePause::followStored()
{
    const Result<std::optional<QString>> stored = m_state->value(pausedByUserKey);
    if (!stored)
        return stored.error();
    const bool byUser = *stored == u"true"_s;
    if (byUser != m_byUser)
        change([this, byUser] { m_byUser = byUser; });
    return Done{};
}

void QueuePause::pauseByUser()
{
    if (m_byUser)
        return;
    // Stored first: a crash right after the click must not forget it. A failed write still
    // pauses this run; only the next start would not know.
    if (Status stored = m_state->setValue(pausedByUserKey, u"true"_s); !stored)
        qCWarning(lcPause) << stored.error().message;
    change([this] { m_byUser = true; });
}

void QueuePause::resumeByUser()
{
    if (m_byUser)
    {
        if (Status stored = m_state->setValue(pausedByUserKey, u"false"_s); !stored)
            qCWarning(lcPause) << stored.error().message;
    }
    // The user may know better than the check (a folder that works again for them): try.
    m_recheck->stop();
    change([this] {
        m_byUser = false;
        m_folderProblem.reset();
    });
}

void QueuePause::folderFailed(const QString &folder, const QString &reason)
{
    const bool began = !m_folderProblem;
    change([&] { m_folderProblem = FolderProblem{folder, reason}; });
    m_recheck->start();
    if (began)
        Q_EMIT pausedForFolder(folder, reason);
}

void QueuePause::folderChanged(const QString &folder)
{
    if (m_folderProblem && !checkWritableFolder(folder))
    {
        m_recheck->stop();
        change([this] { m_folderProblem.reset(); });
    }
}

QString QueuePause::reason() const
{
    if (!m_folderProblem)
        return {};
    return u"Paused because the download folder %1 cannot be written: %2"_s.arg(
        QDir::toNativeSeparators(m_folderProblem->folder), m_folderProblem->reason);
}

void QueuePause::recheckFolder()
{
    if (!m_folderProblem)
        return m_recheck->stop();
    const std::optional<FolderProblem> problem = checkWritableFolder(m_folderProblem->folder);
    if (problem)
        return change([&] { m_folderProblem->reason = problem->reason; });
    m_recheck->stop();
    change([this] { m_folderProblem.reset(); });
}

// Applies a change of the causes to the JobQueue and tells what changed.
void QueuePause::change(const std::function<void()> &apply)
{
    const bool wasPaused = isPaused();
    const QString oldReason = reason();
    apply();
    if (isPaused())
        m_queue.pause();
    else
        m_queue.resume();
    if (wasPaused != isPaused())
        Q_EMIT pausedChanged(isPaused());
    else if (oldReason != reason())
        Q_EMIT reasonChanged();
}

} // namespace SoulSpot
