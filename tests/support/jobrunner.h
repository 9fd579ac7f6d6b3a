// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transfercontext.h"
#include "queue/transferjob.h"

#include <QMutex>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace SoulSpot::Test {

// Runs one TransferJob on the global QThreadPool the way the JobQueue does, and records what the
// job reports through its TransferContext, for the suites of the download sources. Lives in the
// test thread; the destructor stops the job if it still runs and waits for it.
class JobRunner
{
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    // `bandwidth`: the speed limit the job shares (the JobQueue's in the engine); null for none.
    explicit JobRunner(const QString &downloadId = QStringLiteral("download-1"),
                       BandwidthLimiter *bandwidth = nullptr);
    ~JobRunner();

    // For TransferRequest::persistTargetPath: records the path here and answers `answer`.
    std::function<bool(const QString &)> persistFunction(bool answer = true);
    // For TransferRequest::persistResumeState: records the last validator and total here.
    std::function<bool(const QString &, qint64)> persistResumeFunction();

    void start(std::unique_ptr<TransferJob> job);
    // Processes the test thread's events while waiting. False on timeout.
    bool wait(int timeoutMs = 20000);
    bool isDone() const { return m_state->done.load(); }
    // Valid once isDone().
    TransferOutcome outcome() const { return m_state->outcome; }

    TransferContext &context() { return m_context; }
    QStringList persistedPaths() const;
    QString reportedTargetPath() const;
    // The last resume state persisted (validator, total), and how many times one was.
    std::pair<QString, qint64> persistedResumeState() const;
    int resumeStateWrites() const;
    // The connections of a segmented download, as each report told them.
    QList<int> reportedConnections() const;
    qint64 lastProgressBytes() const { return m_lastProgressBytes.load(); }
    qint64 lastProgressTotal() const { return m_lastProgressTotal.load(); }

private:
    // Shared with the pool thread, which may let go of it last; holds no QObject for that reason.
    struct State
    {
        std::atomic<bool> done{false};
        TransferOutcome outcome;
    };

    TransferContext m_context;
    std::unique_ptr<TransferJob> m_job;
    std::shared_ptr<State> m_state = std::make_shared<State>();
    mutable QMutex m_mutex;
    QList<int> m_reportedConnections;
    QStringList m_persistedPaths;                            // guarded by m_mutex
    QString m_reportedTargetPath;                            // guarded by m_mutex
    std::pair<QString, qint64> m_resumeState{QString(), -1}; // guarded by m_mutex
    int m_resumeStateWrites = 0;                             // guarded by m_mutex
    std::atomic<qint64> m_lastProgressBytes{-1};
    std::atomic<qint64> m_lastProgressTotal{-1};
};

} // namespace SoulSpot::Test
