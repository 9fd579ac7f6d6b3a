// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuepause.h"

#include "queue/jobqueue.h"
#include "storage/enginestate.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

Q_LOGGING_CATEGORY(lcPause, "soulspot.pause")

const QString pausedByUserKey = u"queue_paused_by_user"_s;

} // namespace

QueuePause::QueuePause(JobQueue &queue, const Database &database, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_state(std::make_unique<EngineState>(database))
{
}

QueuePause::~QueuePause() = default;

Status QueuePause::restore()
{
    const Result<std::optional<QString>> stored = m_state->value(pausedByUserKey);
    if (!stored)
        return stored.error();
    if (*stored == u"true"_s && !m_byUser)
    {
        m_byUser = true;
        applyToQueue();
        Q_EMIT pausedChanged(true);
    }
    return Done{};
}

void QueuePause::pauseByUser()
{
    setByUser(true);
}

void QueuePause::resumeByUser()
{
    setByUser(false);
}

void QueuePause::setByUser(bool paused)
{
    if (m_byUser == paused)
        return;
    // Stored first: a crash right after the click must not forget it. A failed write still
    // pauses (or resumes) this run; only the next start would not know.
    if (Status stored = m_state->setValue(pausedByUserKey, paused ? u"true"_s : u"false"_s); !stored)
        qCWarning(lcPause) << stored.error().message;
    m_byUser = paused;
    applyToQueue();
    Q_EMIT pausedChanged(paused);
}

void QueuePause::applyToQueue()
{
    if (isPaused())
        m_queue.pause();
    else
        m_queue.resume();
}

} // namespace SoulSpot
