// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QObject>

#include <memory>

namespace SoulSpot {

class Database;
class EngineState;
class JobQueue;

// Whether the whole queue is paused, and the one place that pauses and resumes the JobQueue.
// The user's pause (window, tray, API) is kept in the database at once, so that a restart or a
// crash leaves the queue paused until someone resumes it (the seed's "pause the queue during
// maintenance").
//
// Lives in the main thread with the service that owns it.
class QueuePause final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePause)

public:
    QueuePause(JobQueue &queue, const Database &database, QObject *parent = nullptr);
    ~QueuePause() override;

    // Reads whether the queue was left paused and pauses the JobQueue then. Call before the queue
    // gets its entries, so that nothing starts.
    Status restore();

    void pauseByUser();
    void resumeByUser();
    bool isPaused() const { return m_byUser; }

Q_SIGNALS:
    void pausedChanged(bool paused);

private:
    void setByUser(bool paused);
    void applyToQueue();

    JobQueue &m_queue;
    std::unique_ptr<EngineState> m_state;
    bool m_byUser = false;
};

} // namespace SoulSpot
