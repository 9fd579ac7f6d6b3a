// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobrunner.h"

#include <QDeadlineTimer>
#include <QTest>
#include <QThread>
#include <QThreadPool>

namespace SoulSpot::Test {

JobRunner::JobRunner(const QString &downloadId, BandwidthLimiter *bandwidth)
    : m_context(downloadId, bandwidth)
{
    // Direct connections: the job's thread records, the test thread reads under the mutex.
    QObject::connect(
        &m_context, &TransferContext::targetPathChosen, &m_context,
        [this](const QString &, const QString &path) {
            QMutexLocker locker(&m_mutex);
            m_reportedTargetPath = path;
        },
        Qt::DirectConnection);
    QObject::connect(
        &m_context, &TransferContext::segmentsChanged, &m_context,
        [this](const QString &, const QString &, qint64, const QString &, int connections) {
            QMutexLocker locker(&m_mutex);
            m_reportedConnections.append(connections);
        },
        Qt::DirectConnection);
    QObject::connect(
        &m_context, &TransferContext::progressed, &m_context,
        [this](const QString &, qint64 bytes, qint64 total) {
            m_lastProgressBytes.store(bytes);
            m_lastProgressTotal.store(total);
        },
        Qt::DirectConnection);
}

JobRunner::~JobRunner()
{
    if (!m_job)
        return;
    if (!isDone())
        m_context.requestStop(StopReason::Shutdown);
    // The job uses m_context and m_job until it is done: never destroy them under it.
    const QDeadlineTimer deadline(30000);
    while (!isDone() && !deadline.hasExpired())
        QThread::msleep(5);
    if (!isDone())
        qFatal("JobRunner: the job ignored its stop for 30 s");
}

std::function<bool(const QString &)> JobRunner::persistFunction(bool answer)
{
    return [this, answer](const QString &path) {
        QMutexLocker locker(&m_mutex);
        m_persistedPaths.append(path);
        return answer;
    };
}

std::function<bool(const QString &, qint64)> JobRunner::persistResumeFunction()
{
    return [this](const QString &validator, qint64 total) {
        QMutexLocker locker(&m_mutex);
        m_resumeState = {validator, total};
        ++m_resumeStateWrites;
        return true;
    };
}

void JobRunner::start(std::unique_ptr<TransferJob> job)
{
    Q_ASSERT(!m_job);
    m_job = std::move(job);
    QThreadPool::globalInstance()->start([state = m_state, job = m_job.get(), context = &m_context] {
        state->outcome = job->run(*context);
        state->done.store(true);
    });
}

bool JobRunner::wait(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isDone(); }, timeoutMs);
}

QStringList JobRunner::persistedPaths() const
{
    QMutexLocker locker(&m_mutex);
    return m_persistedPaths;
}

std::pair<QString, qint64> JobRunner::persistedResumeState() const
{
    QMutexLocker locker(&m_mutex);
    return m_resumeState;
}

int JobRunner::resumeStateWrites() const
{
    QMutexLocker locker(&m_mutex);
    return m_resumeStateWrites;
}

QList<int> JobRunner::reportedConnections() const
{
    QMutexLocker locker(&m_mutex);
    return m_reportedConnections;
}

QString JobRunner::reportedTargetPath() const
{
    QMutexLocker locker(&m_mutex);
    return m_reportedTargetPath;
}

} // namespace SoulSpot::Test
