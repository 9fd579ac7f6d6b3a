// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobqueuebench.h"

#include "queue/memorywaitinglist.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using SoulSpot::JobQueue;
using SoulSpot::QueueEntry;
using SoulSpot::StopReason;
using SoulSpot::TransferJob;
using SoulSpot::TransferOutcome;
using SoulSpot::Test::Bench;
using SoulSpot::Test::JobLab;
using SoulSpot::Test::reasonName;
using SoulSpot::Test::Script;

namespace {

// Generous: the suite must pass on a loaded two-core machine.
constexpr int waitMs = 10'000;

// "id:priority:createdAtMs:sequence"
QList<QueueEntry> parseEntries(const QStringList &specs)
{
    QList<QueueEntry> entries;
    for (const QString &spec : specs)
    {
        const QStringList parts = spec.split(u':');
        QueueEntry entry;
        entry.id = parts.at(0);
        entry.priority = parts.at(1).toInt();
        entry.createdAtMs = parts.at(2).toLongLong();
        entry.sequence = parts.at(3).toLongLong();
        entries.append(entry);
    }
    return entries;
}

// A waiting list in memory that notes how many entries each take asked for: a shared list claims
// them from the database, one statement per take.
class CountedTakes final : public SoulSpot::MemoryWaitingList
{
public:
    explicit CountedTakes(QList<int> &asked)
        : m_asked(asked)
    {
    }
    QList<QueueEntry> takeUpTo(int count) override
    {
        m_asked.append(count);
        return MemoryWaitingList::takeUpTo(count);
    }

private:
    QList<int> &m_asked;
};

// A waiting list in memory that notes the ends of runs it hears of: a shared list ends a lease there.
class NotedRunEnds final : public SoulSpot::MemoryWaitingList
{
public:
    explicit NotedRunEnds(QStringList &ended)
        : m_ended(ended)
    {
    }
    void runEnded(const QString &downloadId) override { m_ended.append(downloadId); }

private:
    QStringList &m_ended;
};

} // namespace

class TestJobQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void order_data();
    void order();
    void togglingPriorityReorders();
    void setPriorityReordersWaiting();
    void limitIsNeverExceeded();
    void freeSlotsAreFilledInOneTake();
    void limitOutOfRangeIsIgnored();
    void raisingLimitStartsMoreAtOnce();
    void loweringLimitLetsRunningFinish();
    void pauseStopsRunningAndResumeRerunsThem();
    void removeRunning();
    void removeWaiting();
    void removeRetrying();
    void removeWhileWindingDownFromPause();
    void backoffDelayDoubles();
    void retriesBackOff_data();
    void retriesBackOff();
    void permanentFailureIsNotRetried();
    void missingJobFailsAtOnce();
    void stoppedTryUsesNoRetry();
    void failureAfterStopCountsAsStopped();
    void reenqueueWhileStoppingWaitsForTheJob();
    void forwardsJobReports();
    void drainedWhenEverythingIsDone();
    void shutdownStopsRunningJobs();
    void shutdownReportsTimeout();
    void destructorStopsRunningJobs();
};

void TestJobQueue::order_data()
{
    QTest::addColumn<QStringList>("entries"); // id:priority:createdAtMs:sequence, in enqueue order
    QTest::addColumn<bool>("priorityEnabled");
    QTest::addColumn<QStringList>("expected");

    const QStringList byAge{u"old-p2:2:100:1"_s, u"mid-p1:1:200:2"_s, u"new-p0:0:300:3"_s};
    QTest::newRow("priority before age")
        << byAge << true << QStringList{u"new-p0"_s, u"mid-p1"_s, u"old-p2"_s};
    QTest::newRow("priority off: first come, first served")
        << byAge << false << QStringList{u"old-p2"_s, u"mid-p1"_s, u"new-p0"_s};
    QTest::newRow("age within a priority") << QStringList{u"c:1:300:1"_s, u"a:1:100:2"_s, u"b:1:200:3"_s}
                                           << true << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("sequence breaks a tie of age")
        << QStringList{u"c:1:100:3"_s, u"a:1:100:1"_s, u"b:1:100:2"_s} << true
        << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("mixed") << QStringList{u"x:2:100:1"_s, u"y:0:500:2"_s, u"z:1:100:5"_s, u"w:0:100:4"_s,
                                          u"v:1:100:3"_s}
                           << true << QStringList{u"w"_s, u"y"_s, u"v"_s, u"z"_s, u"x"_s};
    QTest::newRow("priority off: sequence breaks a tie")
        << QStringList{u"b:0:100:2"_s, u"a:2:100:1"_s} << false << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("equal keys keep the enqueue order")
        << QStringList{u"first:1:100:0"_s, u"second:1:100:0"_s, u"third:1:100:0"_s} << true
        << QStringList{u"first"_s, u"second"_s, u"third"_s};
}

void TestJobQueue::order()
{
    QFETCH(QStringList, entries);
    QFETCH(bool, priorityEnabled);
    QFETCH(QStringList, expected);

    Bench bench;
    bench.queue.setMaxConcurrent(1);
    bench.queue.setPriorityEnabled(priorityEnabled);
    bench.queue.pause();
    bench.queue.enqueue(parseEntries(entries));
    QCOMPARE(bench.queue.waitingIds(), expected);
    QCOMPARE(bench.queue.waitingCount(), int(expected.size()));

    bench.queue.resume();
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), expected.size(), waitMs);
    QCOMPARE(bench.lab.startOrder(), expected);
}

void TestJobQueue::togglingPriorityReorders()
{
    Bench bench;
    bench.queue.pause();
    bench.queue.enqueue(parseEntries({u"old:2:100:1"_s, u"new:0:200:2"_s}));
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"new"_s, u"old"_s}));
    bench.queue.setPriorityEnabled(false);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"old"_s, u"new"_s}));
    bench.queue.setPriorityEnabled(true);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"new"_s, u"old"_s}));
}

void TestJobQueue::setPriorityReordersWaiting()
{
    Bench bench;
    bench.queue.pause();
    bench.queue.enqueue({bench.entry(u"a"_s), bench.entry(u"b"_s), bench.entry(u"c"_s)});
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    bench.queue.setPriority(u"c"_s, 0);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"c"_s, u"a"_s, u"b"_s}));
    bench.queue.setPriority(u"a"_s, 2);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"c"_s, u"b"_s, u"a"_s}));

    bench.queue.setPriorityEnabled(false);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    bench.queue.setPriority(u"b"_s, 0); // remembered, but the order stays first come, first served
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    bench.queue.setPriorityEnabled(true);
    QCOMPARE(bench.queue.waitingIds(), (QStringList{u"b"_s, u"c"_s, u"a"_s}));

    bench.queue.setMaxConcurrent(1);
    bench.queue.resume();
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 3, waitMs);
    QCOMPARE(bench.lab.startOrder(), (QStringList{u"b"_s, u"c"_s, u"a"_s}));
}

// Several jobs that end together free several slots; one take fills them all, in queue order,
// instead of one take per end (a claim per end, on the database).
void TestJobQueue::freeSlotsAreFilledInOneTake()
{
    JobLab lab;
    QList<int> asked;
    JobQueue queue([&lab](const QString &id) { return lab.make(id); }, std::make_unique<CountedTakes>(asked));
    QSignalSpy started(&queue, &JobQueue::jobStarted);
    queue.setMaxConcurrent(3);
    queue.pause();
    asked.clear(); // the new limit looked into the empty list
    QList<QueueEntry> entries;
    for (const QString &id : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s})
    {
        SoulSpot::Test::Script held;
        held.heldTries = 1;
        lab.setScript(id, held);
        QueueEntry entry;
        entry.id = id;
        entry.sequence = entries.size();
        entries.append(entry);
    }
    queue.enqueue(entries);
    QVERIFY(asked.isEmpty()); // paused: nothing taken
    queue.resume();
    QCOMPARE(asked, QList<int>{3});
    QCOMPARE(queue.runningIds(), (QStringList{u"a"_s, u"b"_s, u"c"_s}));

    // Two of the three end while this thread does not turn its event loop: both ends wait for it.
    QTRY_COMPARE_WITH_TIMEOUT(lab.running(), 3, waitMs);
    lab.release(u"a"_s);
    lab.release(u"b"_s);
    const QDeadlineTimer deadline(waitMs);
    while (lab.running() > 1 && !deadline.hasExpired())
        QThread::msleep(1);
    QCOMPARE(lab.running(), 1);
    QThread::msleep(500); // their pool threads post their ends right after: slack, not a measure
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 5, waitMs);
    QCOMPARE(asked, (QList<int>{3, 2}));
    QCOMPARE(queue.runningIds(), (QStringList{u"c"_s, u"d"_s, u"e"_s}));
    QCOMPARE(lab.maxRunning(), 3);
    for (const QString &id : {u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s})
        lab.release(id);
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 7, waitMs);
    QStringList order;
    for (const QList<QVariant> &start : std::as_const(started))
        order << start.at(0).toString();
    QCOMPARE(order, (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s}));
}

void TestJobQueue::limitIsNeverExceeded()
{
    Bench bench;
    bench.lab.limit = 3;
    bench.queue.setMaxConcurrent(3);
    QList<QueueEntry> entries;
    for (int i = 0; i < 50; ++i)
    {
        const QString id = u"job%1"_s.arg(i);
        Script script;
        script.heldTries = i < 3 ? 1 : 0; // the first three meet, so the limit is really reached
        script.workMs = 1 + i % 7;
        if (i % 10 == 9)
            script.outcomes = {TransferOutcome::failed(u"Not found"_s, false)};
        bench.lab.setScript(id, script);
        entries.append(bench.entry(id));
    }
    bench.queue.enqueue(entries);
    QCOMPARE(bench.queue.runningCount(), 3);
    QCOMPARE(bench.queue.waitingCount(), 47);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 3, waitMs);
    bench.releaseAll({u"job0"_s, u"job1"_s, u"job2"_s});

    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size() + bench.events.failed.size(), 50, waitMs);
    QCOMPARE(bench.events.failed.size(), 5);
    QCOMPARE(bench.lab.maxRunning(), 3);
    QCOMPARE(bench.lab.overLimit(), 0);
    QCOMPARE(bench.events.startsOverLimit, 0);
    QCOMPARE(bench.queue.runningCount(), 0);
    QCOMPARE(bench.events.drained, 1);
}

void TestJobQueue::limitOutOfRangeIsIgnored()
{
    Bench bench;
    bench.queue.setMaxConcurrent(4);
    const QRegularExpression warning(u"concurrency limit out of range"_s);
    QTest::ignoreMessage(QtWarningMsg, warning);
    bench.queue.setMaxConcurrent(0);
    QTest::ignoreMessage(QtWarningMsg, warning);
    bench.queue.setMaxConcurrent(11);
    QCOMPARE(bench.queue.maxConcurrent(), 4);
    bench.queue.setMaxConcurrent(10);
    QCOMPARE(bench.queue.maxConcurrent(), 10);
}

void TestJobQueue::raisingLimitStartsMoreAtOnce()
{
    Bench bench;
    bench.lab.limit = 5;
    bench.queue.setMaxConcurrent(2);
    const QStringList ids{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s};
    bench.enqueueHeld(ids);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 2, waitMs);
    QCOMPARE(bench.events.started.size(), 2);

    bench.queue.setMaxConcurrent(5);
    QCOMPARE(bench.queue.runningCount(), 5); // at once, not when a job ends
    QCOMPARE(bench.events.started.size(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 5, waitMs);

    bench.releaseAll(ids);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 6, waitMs);
    QCOMPARE(bench.lab.overLimit(), 0);
    QCOMPARE(bench.events.startsOverLimit, 0);
}

void TestJobQueue::loweringLimitLetsRunningFinish()
{
    Bench bench;
    bench.lab.limit = 4;
    bench.queue.setMaxConcurrent(4);
    const QStringList ids{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s};
    bench.enqueueHeld(ids);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 4, waitMs);

    bench.queue.setMaxConcurrent(2);
    QCOMPARE(bench.queue.runningCount(), 4); // nothing is stopped
    QVERIFY(bench.events.stopped.isEmpty());

    bench.lab.release(u"a"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 1, waitMs);
    bench.lab.release(u"b"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 2, waitMs);
    QCOMPARE(bench.queue.runningCount(), 2);
    QCOMPARE(bench.events.started.size(), 4); // 3 and then 2 running: not below the limit yet

    bench.lab.release(u"c"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 3, waitMs);
    QCOMPARE(bench.events.started.size(), 5); // below the limit: the next one starts
    QCOMPARE(bench.queue.runningCount(), 2);
    QCOMPARE(bench.queue.runningIds(), (QStringList{u"d"_s, u"e"_s}));

    bench.releaseAll({u"d"_s, u"e"_s, u"f"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 6, waitMs);
    QCOMPARE(bench.events.startsOverLimit, 0);
}

void TestJobQueue::pauseStopsRunningAndResumeRerunsThem()
{
    Bench bench;
    bench.queue.setMaxConcurrent(2);
    const QStringList ids{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    bench.enqueueHeld(ids);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 2, waitMs);

    bench.queue.pause();
    QVERIFY(bench.queue.isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped.size(), 2, waitMs);
    bench.events.stopped.sort(); // the jobs end in any order
    QCOMPARE(bench.events.stopped, (QStringList{u"a:QueuePaused"_s, u"b:QueuePaused"_s}));
    QCOMPARE(bench.queue.runningCount(), 0);
    QCOMPARE(bench.queue.waitingIds(), ids); // back in their old places

    QTest::qWait(100); // a paused queue starts nothing, even with free slots
    QCOMPARE(bench.events.started.size(), 2);
    QCOMPARE(bench.lab.startOrder().size(), 2);

    bench.queue.resume();
    QCOMPARE(bench.events.started, (QStringList{u"a#1"_s, u"b#1"_s, u"a#1"_s, u"b#1"_s}));
    bench.releaseAll(ids);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.completed.size(), 4, waitMs);
    for (const QString &id : ids)
        QCOMPARE(bench.events.completed.value(id), 1); // a stopped try is not an attempt
}

void TestJobQueue::removeRunning()
{
    Bench bench;
    bench.lab.limit = 1;
    bench.queue.setMaxConcurrent(1);
    bench.enqueueHeld({u"a"_s, u"b"_s}, 200);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);

    bench.queue.remove(u"a"_s, StopReason::Cancelled);
    // A stopping job holds its slot until it has returned.
    QCOMPARE(bench.queue.runningIds(), QStringList{u"a"_s});
    QCOMPARE(bench.queue.waitingIds(), QStringList{u"b"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped, QStringList{u"a:Cancelled"_s}, waitMs);
    QVERIFY(!bench.queue.contains(u"a"_s));
    QCOMPARE(bench.queue.runningIds(), QStringList{u"b"_s});

    bench.lab.release(u"b"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.drained, 1, waitMs);
    QCOMPARE(bench.lab.startOrder(), (QStringList{u"a"_s, u"b"_s}));
    QVERIFY(!bench.events.completed.contains(u"a"_s));
    QCOMPARE(bench.lab.overLimit(), 0);
}

void TestJobQueue::removeWaiting()
{
    Bench bench;
    bench.queue.setMaxConcurrent(1);
    bench.enqueueHeld({u"a"_s, u"b"_s});
    QCOMPARE(bench.queue.waitingIds(), QStringList{u"b"_s});

    bench.queue.remove(u"b"_s, StopReason::Cancelled);
    QVERIFY(!bench.queue.contains(u"b"_s));
    QCOMPARE(bench.queue.waitingCount(), 0);
    bench.lab.release(u"a"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.drained, 1, waitMs);
    QCOMPARE(bench.lab.startOrder(), QStringList{u"a"_s});
    QVERIFY(bench.events.stopped.isEmpty()); // a waiting entry goes silently
}

void TestJobQueue::removeRetrying()
{
    Bench bench;
    bench.queue.setBackoffBase(200ms);
    Script script;
    script.outcomes = {TransferOutcome::failed(u"Connection refused"_s, true)};
    bench.lab.setScript(u"a"_s, script);
    bench.queue.enqueue(bench.entry(u"a"_s));
    QTRY_VERIFY_WITH_TIMEOUT(bench.queue.isWaitingForRetry(u"a"_s), waitMs);
    QCOMPARE(bench.queue.waitingCount(), 1);
    QCOMPARE(bench.queue.waitingIds(), QStringList{}); // not due yet
    QCOMPARE(bench.events.drained, 0);

    bench.queue.remove(u"a"_s, StopReason::Cancelled);
    QVERIFY(!bench.queue.contains(u"a"_s));
    QCOMPARE(bench.events.drained, 1);
    QTest::qWait(400); // the backoff would have run out by now
    QCOMPARE(bench.events.started.size(), 1);
    QVERIFY(bench.events.stopped.isEmpty());
}

void TestJobQueue::removeWhileWindingDownFromPause()
{
    Bench bench;
    bench.enqueueHeld({u"a"_s}, 200);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);
    bench.queue.pause();
    bench.queue.remove(u"a"_s, StopReason::Cancelled);
    // The user's cancel wins over the queue's pause: reported as cancelled, and not put back.
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped, QStringList{u"a:Cancelled"_s}, waitMs);
    QVERIFY(!bench.queue.contains(u"a"_s));
    QCOMPARE(bench.events.drained, 1);
}

void TestJobQueue::backoffDelayDoubles()
{
    JobQueue queue([](const QString &) { return std::unique_ptr<TransferJob>(); });
    QCOMPARE(queue.backoffDelay(1), 1000ms);
    QCOMPARE(queue.backoffDelay(2), 2000ms);
    QCOMPARE(queue.backoffDelay(3), 4000ms);
    queue.setBackoffBase(20ms);
    QCOMPARE(queue.backoffDelay(4), 160ms);
}

void TestJobQueue::retriesBackOff_data()
{
    QTest::addColumn<int>("maxRetries");
    QTest::addColumn<int>("priorAttempts");
    QTest::newRow("one retry") << 1 << 0;
    QTest::newRow("three retries") << 3 << 0;
    QTest::newRow("two attempts already made") << 3 << 2;
}

void TestJobQueue::retriesBackOff()
{
    QFETCH(int, maxRetries);
    QFETCH(int, priorAttempts);
    constexpr qint64 baseMs = 20;

    Bench bench;
    bench.queue.setBackoffBase(std::chrono::milliseconds(baseMs));
    Script script;
    script.outcomes = {TransferOutcome::failed(u"HTTP 503"_s, true)};
    bench.lab.setScript(u"a"_s, script);
    QueueEntry entry = bench.entry(u"a"_s, 1, maxRetries);
    entry.attempts = priorAttempts;
    bench.queue.enqueue(entry);
    QTRY_VERIFY_WITH_TIMEOUT(bench.events.failed.contains(u"a"_s), waitMs);

    QStringList started;
    QStringList retries;
    for (int attempt = priorAttempts + 1; attempt <= maxRetries + 1; ++attempt)
        started.append(u"a#%1"_s.arg(attempt));
    for (int attempt = priorAttempts + 1; attempt <= maxRetries; ++attempt)
        retries.append(u"a#%1@%2"_s.arg(attempt).arg(baseMs << (attempt - 1)));
    QCOMPARE(bench.events.started, started);
    QCOMPARE(bench.events.retries, retries);
    QCOMPARE(bench.events.failed.value(u"a"_s), maxRetries + 1);
    QVERIFY(!bench.queue.contains(u"a"_s));

    // Each try starts at least the backoff after the previous one: base, 2 * base, 4 * base ...
    const QList<qint64> startNs = bench.events.startNs.value(u"a"_s);
    for (int i = 1; i < startNs.size(); ++i)
    {
        const qint64 minimumNs = (baseMs << (priorAttempts + i - 1)) * 1'000'000;
        QVERIFY2(startNs.at(i) - startNs.at(i - 1) >= minimumNs,
                 qPrintable(u"gap %1 ns < %2 ns"_s.arg(startNs.at(i) - startNs.at(i - 1)).arg(minimumNs)));
    }
}

void TestJobQueue::permanentFailureIsNotRetried()
{
    Bench bench;
    bench.queue.setBackoffBase(10ms);
    Script script;
    script.outcomes = {TransferOutcome::failed(u"HTTP 404"_s, false)};
    bench.lab.setScript(u"a"_s, script);
    bench.queue.enqueue(bench.entry(u"a"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.failed.value(u"a"_s), 1, waitMs);
    QVERIFY(bench.events.retries.isEmpty());
    QCOMPARE(bench.events.drained, 1);
    QTest::qWait(50);
    QCOMPARE(bench.events.started, QStringList{u"a#1"_s});
}

// A taken entry whose job could not be made fails at once, and its run ends after that report, as
// every run's does: a shared list's lease on it ends there (it stayed until it ran out before).
void TestJobQueue::missingJobFailsAtOnce()
{
    QStringList failed;
    QStringList ended;
    int drained = 0;
    JobQueue queue([](const QString &) { return std::unique_ptr<TransferJob>(); },
                   std::make_unique<NotedRunEnds>(ended));
    connect(&queue, &JobQueue::jobFailed, [&failed, &ended](const QString &id, int attempts) {
        QVERIFY(ended.isEmpty()); // the end follows the report
        failed.append(id + u'#' + QString::number(attempts));
    });
    connect(&queue, &JobQueue::drained, [&drained] { ++drained; });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"No job could be made"_s));
    queue.enqueue(QueueEntry{u"a"_s, 1, 0, 1, 0, 3});
    QCOMPARE(failed, QStringList{u"a#1"_s});
    QCOMPARE(ended, QStringList{u"a"_s});
    QCOMPARE(drained, 1);
    QVERIFY(!queue.contains(u"a"_s));
}

void TestJobQueue::stoppedTryUsesNoRetry()
{
    Bench bench;
    bench.queue.setBackoffBase(10ms);
    Script script;
    script.heldTries = 1;
    script.outcomes = {TransferOutcome::failed(u"Timeout"_s, true)};
    bench.lab.setScript(u"a"_s, script);
    bench.queue.enqueue(bench.entry(u"a"_s, 1, 1));
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);

    bench.queue.pause();
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped, QStringList{u"a:QueuePaused"_s}, waitMs);
    bench.queue.resume();
    QTRY_VERIFY_WITH_TIMEOUT(bench.events.failed.contains(u"a"_s), waitMs);
    QCOMPARE(bench.events.started, (QStringList{u"a#1"_s, u"a#1"_s, u"a#2"_s}));
    QCOMPARE(bench.events.retries, QStringList{u"a#1@10"_s});
    QCOMPARE(bench.events.failed.value(u"a"_s), 2);
}

void TestJobQueue::failureAfterStopCountsAsStopped()
{
    Bench bench;
    bench.queue.setBackoffBase(10ms);
    Script script;
    script.heldTries = 1;
    script.failWhenStopped = true; // an aborted request looks like a network error
    bench.lab.setScript(u"a"_s, script);
    bench.queue.enqueue(bench.entry(u"a"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);

    bench.queue.remove(u"a"_s, StopReason::Paused);
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped, QStringList{u"a:Paused"_s}, waitMs);
    QVERIFY(bench.events.retries.isEmpty());
    QVERIFY(bench.events.failed.isEmpty());
    QVERIFY(!bench.queue.contains(u"a"_s));
}

void TestJobQueue::reenqueueWhileStoppingWaitsForTheJob()
{
    Bench bench;
    Script script;
    script.heldTries = 1;
    script.windDownMs = 300; // long enough that a second job would overlap
    bench.lab.setScript(u"a"_s, script);
    const QueueEntry entry = bench.entry(u"a"_s);
    bench.queue.enqueue(entry);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);

    bench.queue.remove(u"a"_s, StopReason::Paused);
    bench.queue.enqueue(entry); // resumed at once by the user
    QVERIFY(bench.queue.isRunning(u"a"_s));
    QCOMPARE(bench.events.started.size(), 1);

    QTRY_VERIFY_WITH_TIMEOUT(bench.events.completed.contains(u"a"_s), waitMs);
    QCOMPARE(bench.lab.sameIdOverlaps(), 0);
    QCOMPARE(bench.events.log,
             (QStringList{u"started a#1"_s, u"stopped a:Paused"_s, u"started a#1"_s, u"completed a#1"_s}));
}

void TestJobQueue::forwardsJobReports()
{
    Bench bench;
    Script script;
    script.report = true;
    bench.lab.setScript(u"a"_s, script);
    bench.queue.enqueue(bench.entry(u"a"_s));
    QTRY_VERIFY_WITH_TIMEOUT(bench.events.completed.contains(u"a"_s), waitMs);

    QCOMPARE(bench.events.reports, (QStringList{u"a path /music/song.flac"_s, u"a source peer/song.flac"_s,
                                                u"a note in the peer's queue"_s}));
    // Progress sent before the job returned arrives before its end.
    QCOMPARE(bench.events.log, (QStringList{u"started a#1"_s, u"progress a 50/100"_s, u"progress a 100/100"_s,
                                            u"completed a#1"_s}));
}

void TestJobQueue::drainedWhenEverythingIsDone()
{
    Bench bench;
    bench.queue.setMaxConcurrent(2);
    bench.queue.enqueue({bench.entry(u"a"_s), bench.entry(u"b"_s), bench.entry(u"c"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.drained, 1, waitMs);
    QCOMPARE(bench.events.completed.size(), 3);
    QCOMPARE(bench.queue.runningCount(), 0);
    QCOMPARE(bench.queue.waitingCount(), 0);

    // Removing the last waiting entry drains the queue too.
    bench.queue.pause();
    bench.queue.enqueue(bench.entry(u"d"_s));
    QCOMPARE(bench.queue.waitingCount(), 1);
    bench.queue.remove(u"d"_s, StopReason::Cancelled);
    QCOMPARE(bench.events.drained, 2);
    bench.queue.remove(u"unknown"_s, StopReason::Cancelled);
    QCOMPARE(bench.events.drained, 2);
}

void TestJobQueue::shutdownStopsRunningJobs()
{
    Bench bench;
    bench.queue.setMaxConcurrent(3);
    bench.enqueueHeld({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s});
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 3, waitMs);

    QVERIFY(bench.queue.shutdown(5s));
    // Reported before shutdown() returned, with no event loop in between (in any order).
    bench.events.stopped.sort();
    QCOMPARE(bench.events.stopped, (QStringList{u"a:Shutdown"_s, u"b:Shutdown"_s, u"c:Shutdown"_s}));
    QCOMPARE(bench.lab.running(), 0);
    QCOMPARE(bench.queue.runningCount(), 0);

    bench.queue.enqueue(bench.entry(u"late"_s));
    QTest::qWait(50);
    QCOMPARE(bench.events.started.size(), 3); // nothing starts after a shutdown
}

void TestJobQueue::shutdownReportsTimeout()
{
    Bench bench;
    bench.enqueueHeld({u"slow"_s}, 400);
    QTRY_COMPARE_WITH_TIMEOUT(bench.lab.running(), 1, waitMs);

    QVERIFY(!bench.queue.shutdown(20ms));
    QVERIFY(bench.events.stopped.isEmpty());
    // The late job is still reported when it returns.
    QTRY_COMPARE_WITH_TIMEOUT(bench.events.stopped, QStringList{u"slow:Shutdown"_s}, waitMs);
}

void TestJobQueue::destructorStopsRunningJobs()
{
    JobLab lab;
    QStringList stopped;
    auto queue = std::make_unique<JobQueue>([&lab](const QString &id) { return lab.make(id); });
    connect(queue.get(), &JobQueue::jobStopped, [&stopped](const QString &id, StopReason reason) {
        stopped.append(id + u':' + reasonName(reason));
    });
    Script script;
    script.heldTries = 1;
    lab.setScript(u"a"_s, script);
    lab.setScript(u"b"_s, script);
    queue->enqueue(QueueEntry{u"a"_s, 1, 0, 1, 0, 3});
    queue->enqueue(QueueEntry{u"b"_s, 1, 0, 2, 0, 3});
    QTRY_COMPARE_WITH_TIMEOUT(lab.running(), 2, waitMs);

    queue.reset();
    QCOMPARE(lab.running(), 0);
    stopped.sort();
    QCOMPARE(stopped, (QStringList{u"a:Shutdown"_s, u"b:Shutdown"_s}));
}

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
