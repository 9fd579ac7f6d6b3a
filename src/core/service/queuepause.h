// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/writablefolder.h"
#include "domain/result.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace SoulSpot {

class Database;
class EngineState;
class JobQueue;

// Whether the whole queue is paused and why, and the one place that pauses and resumes the
// JobQueue. Two causes, either of which pauses it:
// - the user (window, tray, API): kept in the database at once, so that a restart or a crash
//   leaves the queue paused until someone resumes it (the seed's "pause the queue during
//   maintenance");
// - the download folder, when a try could not write into it (gone, read-only, full): checked again
//   every `recheckInterval` with the check every download folder gets (checkWritableFolder), the
//   queue continues by itself once it works, or once another folder that works is set. Not kept:
//   the next start checks the folder anyway.
// A resume by the user ends both.
//
// Lives in the main thread with the service that owns it.
class QueuePause final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePause)

public:
    QueuePause(JobQueue &queue, const Database &database, std::chrono::milliseconds recheckInterval,
               QObject *parent = nullptr);
    ~QueuePause() override;

    // Reads whether the queue was left paused and pauses the JobQueue then. Call before the queue
    // gets its entries, so that nothing starts.
    Status restore();

    void pauseByUser();
    void resumeByUser();
    // Follows the user's pause as stored, when another worker on the database paused or resumed
    // the whole queue (nothing is written). A resume from elsewhere leaves a pause for this
    // worker's own folder in place.
    Status followStored();
    // A try could not write into `folder` (`reason`: the OS's words).
    void folderFailed(const QString &folder, const QString &reason);
    // The download folder is now `folder`: a pause for the folder ends if this one works.
    void folderChanged(const QString &folder);

    bool isPaused() const { return m_byUser || m_folderProblem.has_value(); }
    // A sentence naming the folder and the OS's reason while the queue waits for the folder;
    // empty otherwise (running, or paused by the user only).
    QString reason() const;

Q_SIGNALS:
    void pausedChanged(bool paused);
    // reason() changed while the queue stayed paused.
    void reasonChanged();
    // The queue began to wait for the folder: said once per pause.
    void pausedForFolder(const QString &folder, const QString &reason);

private:
    void recheckFolder();
    void change(const std::function<void()> &apply);

    JobQueue &m_queue;
    std::unique_ptr<EngineState> m_state;
    QTimer *m_recheck;
    bool m_byUser = false;
    std::optional<FolderProblem> m_folderProblem;
};

} // namespace SoulSpot
