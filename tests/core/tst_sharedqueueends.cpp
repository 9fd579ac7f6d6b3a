// SPDX-License-Identifier: GPL-3.0-or-later
// The end of a worker's run on a shared queue (issue #11): whatever ends it (a stop as if its lease
// were lost, a cancel and retry, a write of its end that the database refuses, connections that
// drop), a row that nothing runs any more never stays `downloading` without a lease until a
// rescue, nor with a lease its worker renews: it waits in the queue again and the next run
// completes it soon, whole, once; a completion the database refuses for good fails the download
// with the reason. Workers on one database of a throwaway PostgreSQL cluster, downloading from a
// slow local server.
#include "support/sharedqueuesuite.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestSharedQueueEnds : public SoulSpot::Test::SharedQueueSuite
{
    Q_OBJECT

private Q_SLOTS:
    void downloadQueuedAgainWhileItStopsRunsAtOnce();
    void cancelAndRetryWhileItStopsRunsAtOnce();
    void failedCompletionWriteCompletesSoon();
    void failedWriteOfAPausedRunStillLeavesItWaiting();
    void runningDownloadSurvivesDroppedConnections();
    void leaseLeftByRefusedWritesIsGivenBack();
    void completionRefusedForGoodFailsWithTheReason();
};

// A's lease of a download it runs ran out (a heartbeat that could not reach the database), and a
// worker that started meanwhile put the row back in the queue, as it does with every running row
// whose lease ended (the test writes the row so). A stops its transfer and, having a free slot,
// claims the row again while the stopped job still returns; once it has returned, that claim
// runs and the download completes soon. The stopped run's end released the new claim's lease,
// and the row stayed `downloading` under A without a lease until a rescue (the heartbeat asks for
// one every third of a lease: 10 s here).
void TestSharedQueueEnds::downloadQueuedAgainWhileItStopsRunsAtOnce()
{
    auto a = startWorker(u"box-a"_s, 2, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1, 2 * SlowRate).first(); // 1.5 s
    const quint32 seed = quint32(m_files);
    QTRY_VERIFY_WITH_TIMEOUT(countRows(u"status = 'downloading' AND bytes_downloaded > 0"_s) == 1, ReachMs);
    QSqlQuery query(m_observer->connection());
    QVERIFY2(
        query.exec(u"UPDATE downloads SET status = 'queued', lease_expires_at = now() - interval '1 second' "
                   "WHERE id = '%1' AND lease_owner = 'box-a'"_s.arg(id)),
        qPrintable(query.lastError().text()));
    QCOMPARE(query.numRowsAffected(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 5000);
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// Cancelled and retried at once, by the worker that runs it: the retried row is claimed only once
// the cancelled job has returned and its run's lease ended (a live lease keeps any claim off),
// and the download then completes soon, with the right bytes.
void TestSharedQueueEnds::cancelAndRetryWhileItStopsRunsAtOnce()
{
    auto a = startWorker(u"box-a"_s, 2, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1, 2 * SlowRate).first();
    const quint32 seed = quint32(m_files);
    QTRY_VERIFY_WITH_TIMEOUT(countRows(u"status = 'downloading' AND bytes_downloaded > 0"_s) == 1, ReachMs);
    QVERIFY(a->service->cancel(id));
    QVERIFY(a->service->retry(id));

    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 5000);
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// The write that completes a finished download fails once (the database refuses it: a trigger of
// the test's own stands in for a dropped connection or a full disk). The row, still this worker's,
// goes back to the queue; the next run finds the finished file the row names and completes it,
// soon, with one file in the folder. The failed write released the lease and left the row
// `downloading` until a rescue (10 s with the default lease).
void TestSharedQueueEnds::failedCompletionWriteCompletesSoon()
{
    watchUpdates(u"completions_seen"_s, u"NEW.status = 'completed'"_s, Refused::First);
    auto a = startWorker(u"box-a"_s, 2, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1, 4 * SlowRate).first(); // under a second
    const quint32 seed = quint32(m_files);

    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 5000);
    QVERIFY(valueOf(u"SELECT last_value FROM completions_seen"_s, {}).toInt() >= 2); // it did fail once
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// The write that puts a running download back in the queue at a global pause fails once (a
// trigger of the test's own refuses it): the run's end still leaves the row `queued`, so the
// paused queue shows nothing running, and the resume runs it to the end. The row stayed
// `downloading` without a lease, counted as running through the whole pause.
void TestSharedQueueEnds::failedWriteOfAPausedRunStillLeavesItWaiting()
{
    watchUpdates(u"requeues_seen"_s, u"OLD.status = 'downloading' AND NEW.status = 'queued'"_s,
                 Refused::First);
    auto a = startWorker(u"box-a"_s, 2, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1, 2 * SlowRate).first(); // 1.5 s
    const quint32 seed = quint32(m_files);
    QTRY_VERIFY_WITH_TIMEOUT(countRows(u"status = 'downloading' AND bytes_downloaded > 0"_s) == 1, ReachMs);

    a->service->pauseQueue();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"queued"_s, ReachMs);
    QVERIFY(valueOf(u"SELECT last_value FROM requeues_seen"_s, {}).toInt() >= 2); // it did fail once
    QTRY_COMPARE_WITH_TIMEOUT(a->service->stats().activeDownloads, 0, ReachMs);

    a->service->resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 5000);
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// Every connection of the worker dropped mid-download (a restart of PostgreSQL): the download
// still ends completed, whole, soon, once in the folder, and nothing failed for it; its run goes
// on through the drop. The first statement on each dropped connection failed before: the job's
// lease check at its end stopped the run as if the lease were lost, and the row ran a second time
// (it waited for a rescue, 10 s, before the give-back).
void TestSharedQueueEnds::runningDownloadSurvivesDroppedConnections()
{
    watchUpdates(u"claims_seen"_s, u"OLD.status = 'queued' AND NEW.status = 'downloading'"_s, Refused::None);
    auto a = startWorker(u"box-a"_s, 1, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1).first();
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading'"_s), 1, ReachMs);
    QTest::qWait(500);
    QVERIFY(valueOf(u"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"_s,
                    {})
                .toInt() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 7000);
    // One try and no error on record: the lost connection was not the download's problem.
    QCOMPARE(
        valueOf(u"SELECT attempts || ' ' || COALESCE(error_message, '') FROM downloads WHERE id = ?"_s, {id}),
        u"1 "_s);
    QCOMPARE(valueOf(u"SELECT last_value FROM claims_seen"_s, {}).toInt(), 1); // one run
    const QString wrong = soleWholeFile(id, quint32(m_files));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// Every write of a run's end is refused for a while (a database that cannot write: the
// completion, the give-back and the release all fail), so the row stays `downloading` under the
// worker, with a live lease and nothing running it. Once the database writes again, the worker's
// next heartbeat gives the row back and the download completes, whole and once. The heartbeat
// renewed that lease for as long as the worker lived before: the row never ran again.
void TestSharedQueueEnds::leaseLeftByRefusedWritesIsGivenBack()
{
    watchUpdates(
        u"run_ends_seen"_s,
        u"OLD.status = 'downloading' AND (NEW.status <> 'downloading' OR NEW.lease_expires_at IS NULL)"_s,
        Refused::Every);
    auto a = startWorker(u"box-a"_s, 1, std::chrono::milliseconds(200), 3); // a heartbeat every second
    const QString id = addSlow(*a, 1, 4 * SlowRate).first();                // under a second
    const quint32 seed = quint32(m_files);
    // The completion, then the give-back and the release: three refusals at least.
    QTRY_VERIFY_WITH_TIMEOUT(valueOf(u"SELECT last_value FROM run_ends_seen"_s, {}).toInt() >= 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(a->service->stats().activeDownloads, 1, ReachMs);
    QCOMPARE(countRows(u"id = ? AND status = 'downloading' AND lease_expires_at IS NOT NULL"_s, {id}), 1);

    stopWatching(u"run_ends_seen"_s);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 5000);
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// The database refuses a download's completion every time (a trigger of the test's own, as a
// constraint would): the download goes back to the queue once, its next run completes it with
// the finished file, and when that write is refused too, it fails with the database's reason,
// its file whole where the row names it; a retry completes it once the database takes the write.
// It went round from the queue to a run and back without end before, dozens of times a second.
void TestSharedQueueEnds::completionRefusedForGoodFailsWithTheReason()
{
    watchUpdates(u"completions_seen"_s, u"NEW.status = 'completed'"_s, Refused::Every);
    auto a = startWorker(u"box-a"_s, 2, std::chrono::milliseconds(200));
    const QString id = addSlow(*a, 1, 4 * SlowRate).first(); // under a second
    const quint32 seed = quint32(m_files);

    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, 5000);
    // The database's reason, without the lines of context it adds (the trigger).
    const QString error = valueOf(u"SELECT error_message FROM downloads WHERE id = ?"_s, {id});
    QVERIFY2(error.startsWith(u"The file is complete, but the database refused to record it: "_s) &&
                 error.contains(u"No space left on device"_s) && !error.contains(u'\n'),
             qPrintable(error));
    QTest::qWait(500);
    // Two runs, each refused twice (all its pass's rows in one statement, then each alone).
    QCOMPARE(valueOf(u"SELECT last_value FROM completions_seen"_s, {}).toInt(), 4);
    QCOMPARE(a->service->stats().activeDownloads, 0);
    QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

    // Once the database takes the write, a retry completes it with the finished file.
    stopWatching(u"completions_seen"_s);
    QVERIFY(a->service->retry(id));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, ReachMs);
    wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

QTEST_GUILESS_MAIN(TestSharedQueueEnds)
#include "tst_sharedqueueends.moc"
