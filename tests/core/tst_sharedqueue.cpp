// SPDX-License-Identifier: GPL-3.0-or-later
// One queue steered from any worker (issue #11 item 4): two DownloadServices, each with its own
// connections and worker name, on one database of a throwaway PostgreSQL cluster, downloading
// from a slow local server. An enqueue, a pause or resume of the whole queue and an action on a
// download that another worker runs reach the other worker within 2 s, through the database's
// notifications (the poll set too long to help) or, without one, through the poll; the counters
// and the progress of the other's downloads reach it too.
#include "support/sharedqueuesuite.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;

class TestSharedQueue : public SoulSpot::Test::SharedQueueSuite
{
    Q_OBJECT

private Q_SLOTS:
    void enqueueWakesTheOthers();
    void globalPauseAndResumeReachEveryWorker();
    void pollCatchesAChangeNobodyAnnounced();
    void downloadPausedElsewhereStopsThere();
    void downloadCancelledElsewhereIsNeverCompleted();
    void cancelReadBeforeTheFileWasNamedStillRemovesIt();
    void quickPauseResumeStorm();
    void resumedDownloadIsClaimedAfterTheResumeCommits();
    void countersAndProgressOfTheWholeQueue();
    void bigBatchReachesTheOthersRowByRow();
    void listeningSurvivesADroppedConnection();
};

// B sits idle with nothing to claim; A's enqueue wakes it at once (no poll in time).
void TestSharedQueue::enqueueWakesTheOthers()
{
    auto a = startWorker(u"box-a"_s, 1);
    auto b = startWorker(u"box-b"_s, 1);
    addSlow(*a, 2);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-b'"_s), 1, ReachMs);
    QCOMPARE(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 1);
}

// A pause through one worker stops every worker's transfers and their starts; a resume through
// another starts them again everywhere.
void TestSharedQueue::globalPauseAndResumeReachEveryWorker()
{
    auto a = startWorker(u"box-a"_s, 2);
    auto b = startWorker(u"box-b"_s, 2);
    addSlow(*a, 6);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading'"_s), 4, ReachMs);
    QVERIFY(countRows(u"status = 'downloading' AND lease_owner = 'box-b'"_s) == 2);

    QSignalSpy bPaused(b->service.get(), &DownloadService::queuePausedChanged);
    a->service->pauseQueue();
    QTRY_VERIFY_WITH_TIMEOUT(b->service->isQueuePaused(), ReachMs);
    QCOMPARE(bPaused.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading'"_s), 0, ReachMs);
    QTest::qWait(500); // and nothing starts again
    QCOMPARE(countRows(u"status = 'downloading'"_s), 0);
    QCOMPARE(b->service->stats().paused, true);

    b->service->resumeQueue();
    QTRY_VERIFY_WITH_TIMEOUT(!a->service->isQueuePaused(), ReachMs);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 2, ReachMs);
}

// No notification at all (a change written straight into the table): the poll finds it.
void TestSharedQueue::pollCatchesAChangeNobodyAnnounced()
{
    auto a = startWorker(u"box-a"_s, 1, std::chrono::milliseconds(500));
    QVERIFY(!a->service->isQueuePaused());
    QSqlQuery query(m_observer->connection());
    QVERIFY(query.exec(u"INSERT INTO engine_state (key, value) VALUES ('queue_paused_by_user', 'true') "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s));
    QTRY_VERIFY_WITH_TIMEOUT(a->service->isQueuePaused(), ReachMs);
    QVERIFY(query.exec(u"UPDATE engine_state SET value = 'false' WHERE key = 'queue_paused_by_user'"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!a->service->isQueuePaused(), ReachMs);
}

// A runs the download; B pauses it: A's transfer stops there and A never completes it; resumed, it
// is completed once, whole.
void TestSharedQueue::downloadPausedElsewhereStopsThere()
{
    auto a = startWorker(u"box-a"_s, 1);
    const QString id = addSlow(*a, 1).first();
    const quint32 seed = quint32(m_files);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 1, ReachMs);
    auto b = startWorker(u"box-b"_s, 1);

    QVERIFY(b->service->pause(id));
    QTRY_COMPARE_WITH_TIMEOUT(a->service->stats().activeDownloads, 0, ReachMs);
    QTRY_VERIFY_WITH_TIMEOUT(a->service->download(id)->status == DownloadStatus::Paused, ReachMs);
    QTest::qWait(FileSize * 1000 / SlowRate); // longer than the rest of the file would take
    QCOMPARE(statusOf(id), u"paused"_s);

    QVERIFY(b->service->resume(id));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"completed"_s, 15000);
    const QString wrong = soleWholeFile(id, seed);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

// Cancelled through B while A runs it: A stops, the row stays cancelled, no file is left.
void TestSharedQueue::downloadCancelledElsewhereIsNeverCompleted()
{
    auto a = startWorker(u"box-a"_s, 1);
    // Fast enough to end within the test, had A not been told.
    const QString id = addSlow(*a, 1, FileSize).first();
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 1, ReachMs);
    auto b = startWorker(u"box-b"_s, 1);
    QVERIFY(b->service->cancel(id));
    QTRY_COMPARE_WITH_TIMEOUT(a->service->stats().activeDownloads, 0, ReachMs);
    QTest::qWait(1500);
    QCOMPARE(statusOf(id), u"cancelled"_s);
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden), QStringList{});
}

// B's cancel reads the row before A's job has stored its file's name and writes after it did (a
// transaction of the test's own holds the row in between): the cancel keeps the name, and A,
// told, removes its partial file. Writing the row back as B read it cleared the name, and the
// `.part` file stayed in the folder for good.
void TestSharedQueue::cancelReadBeforeTheFileWasNamedStillRemovesIt()
{
    auto a = startWorker(u"box-a"_s, 1);
    const QString id = addSlow(*a, 1, SlowRate, 1500).first();
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 1, ReachMs);
    auto b = startWorker(u"box-b"_s, 1);

    QSemaphore locked;
    std::unique_ptr<QThread> holder(QThread::create([&] {
        {
            QSqlQuery query(m_observer->connection());
            if (!query.exec(u"BEGIN"_s) ||
                !query.exec(u"SELECT id FROM downloads WHERE id = '%1' FOR UPDATE"_s.arg(id)))
                qFatal("cannot hold the row: %s", qPrintable(query.lastError().text()));
            locked.release();
            // Until A's job (its first write, on its first answer) and B's cancel both wait.
            QDeadlineTimer deadline(10000);
            while (waitingForLocks() < 2 && !deadline.hasExpired())
                QThread::msleep(20);
            query.exec(u"COMMIT"_s);
        }
        m_observer->releaseThreadConnection();
    }));
    holder->start();
    locked.acquire();
    QTRY_COMPARE_WITH_TIMEOUT(waitingForLocks(), 1, 5000); // A's job has named its file
    QVERIFY(b->service->cancel(id));                       // reads, then waits behind A's job
    QVERIFY(holder->wait(10000));

    QTRY_COMPARE_WITH_TIMEOUT(a->service->stats().activeDownloads, 0, ReachMs);
    QCOMPARE(statusOf(id), u"cancelled"_s);
    QTRY_COMPARE_WITH_TIMEOUT(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden),
                              QStringList{}, ReachMs);
    QVERIFY(!valueOf(u"SELECT COALESCE(target_path, '') FROM downloads WHERE id = ?"_s, {id}).isEmpty());
}

// Every download paused and resumed at once, once, by the worker that runs it or by the other
// one, a few milliseconds into its run (before, during or after its finish): each still completes
// once, soon, with the right bytes, and nothing else is left in the folder. Waiting for the rescue
// of a lease (the worker's default, 30 s) is too late.
void TestSharedQueue::quickPauseResumeStorm()
{
    auto a = startWorker(u"box-a"_s, 10);
    auto b = startWorker(u"box-b"_s, 10);
    constexpr int Count = 300;
    QList<TrackInput> inputs;
    for (int i = 0; i < Count; ++i)
    {
        m_server->setResource(u"/q%1.bin"_s.arg(i),
                              TestHttpServer::randomResource(2048 + i, quint32(100 + i)));
        TrackInput input;
        input.sourceUrl = m_server->url(u"/q%1.bin"_s.arg(i)).toString();
        inputs.append(input);
    }
    QSet<QString> stormed;
    int started = 0;
    // The context of the storm's connections and timers, gone before the workers and the locals
    // they use: a pause still pending when the last download completes never fires on a worker
    // that is gone (it did, in the next test that ran the event loop).
    QObject scope;
    const auto storm = [&](Worker &runner, const QString &name, Worker &other) {
        connect(runner.service.get(), &DownloadService::downloadChanged, &scope,
                [&, name](const Download &row) {
                    if (row.status != DownloadStatus::Downloading || row.worker != name ||
                        stormed.contains(row.id))
                        return;
                    stormed.insert(row.id);
                    DownloadService *by = started % 2 ? runner.service.get() : other.service.get();
                    QTimer::singleShot(started++ % 7, &scope, [by, id = row.id] {
                        by->pause(id);
                        by->resume(id);
                    });
                });
    };
    storm(*a, u"box-a"_s, *b);
    storm(*b, u"box-b"_s, *a);
    const Result<QList<Download>> added = a->service->addTracks(inputs);
    QVERIFY(added);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'completed'"_s), Count, 15000);
    QCOMPARE(stormed.size(), Count);
    for (int i = 0; i < Count; ++i)
    {
        const QString file = valueOf(u"SELECT target_path FROM downloads WHERE id = ?"_s, {added->at(i).id});
        QCOMPARE(TestHttpServer::sha256OfFile(file),
                 TestHttpServer::sha256(TestHttpServer::randomBody(2048 + i, quint32(100 + i))));
    }
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden).size(), Count);
}

// A resume lets a download start: its claim is made after the resume's transaction committed,
// so the job starts on a claim that every connection sees. Claimed inside that transaction, the
// job ran on a claim nobody else could see yet: its lease check found the row as it was before,
// the job stopped as if its lease were lost, and the row stayed `downloading` without a lease
// until a rescue (found by quickPauseResumeStorm, one run in about thirty).
void TestSharedQueue::resumedDownloadIsClaimedAfterTheResumeCommits()
{
    auto a = startWorker(u"box-a"_s, 1);
    a->service->pauseQueue();
    const QString id = addSlow(*a, 1).first();
    QVERIFY(a->service->pause(id));
    a->service->resumeQueue();
    QString seenAtStart;
    connect(a->service.get(), &DownloadService::downloadChanged, this, [&](const Download &row) {
        if (row.id == id && row.status == DownloadStatus::Downloading && seenAtStart.isEmpty())
            seenAtStart = valueOf(
                u"SELECT status || ' ' || COALESCE(lease_owner, '') FROM downloads WHERE id = ?"_s, {id});
    });
    QVERIFY(a->service->resume(id));
    QTRY_VERIFY_WITH_TIMEOUT(!seenAtStart.isEmpty(), ReachMs);
    QCOMPARE(seenAtStart, u"downloading box-a"_s);
}

// B's counters count A's downloads too, and B's listeners see A's progress at least once a second
// and its end.
void TestSharedQueue::countersAndProgressOfTheWholeQueue()
{
    auto a = startWorker(u"box-a"_s, 1, std::chrono::milliseconds(1000));
    const QString id = addSlow(*a, 1, SlowRate / 2).first(); // 6 s
    QTRY_COMPARE_WITH_TIMEOUT(countRows(u"status = 'downloading' AND lease_owner = 'box-a'"_s), 1, ReachMs);
    auto b = startWorker(u"box-b"_s, 1, std::chrono::milliseconds(1000));
    QSignalSpy changed(b->service.get(), &DownloadService::downloadChanged);
    QList<qint64> bytes;
    const auto progressHeard = [&] {
        bytes.clear();
        for (const QList<QVariant> &signal : std::as_const(changed))
        {
            const Download row = signal.at(0).value<Download>();
            if (row.id == id && row.status == DownloadStatus::Downloading)
                bytes.append(row.bytesDownloaded);
        }
        return bytes.size();
    };
    // Once a second: three reports within a little more than three seconds.
    QTRY_VERIFY2_WITH_TIMEOUT(progressHeard() >= 3, qPrintable(QString::number(bytes.size())), 3600);
    QVERIFY(bytes.last() > bytes.first());
    QCOMPARE(b->service->download(id)->worker, u"box-a"_s);
    QCOMPARE(b->service->stats().activeDownloads, 1);

    // A completes it; B counts it and hears of it.
    QTRY_COMPARE_WITH_TIMEOUT(b->service->stats().completed, 1, 10000);
    QCOMPARE(b->service->stats().activeDownloads, 0);
    QCOMPARE(b->service->stats().totalJobs, 1);
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &signal) {
        const Download row = signal.at(0).value<Download>();
        return row.id == id && row.status == DownloadStatus::Completed && row.worker == u"box-a"_s;
    }));
}

// 500 ids do not fit in one notification (8000 bytes): the others still hear of every row, so
// that their windows list them (an announcement without ids only woke them to count).
void TestSharedQueue::bigBatchReachesTheOthersRowByRow()
{
    auto a = startWorker(u"box-a"_s, 1);
    auto b = startWorker(u"box-b"_s, 1);
    a->service->pauseQueue(); // nothing runs: only the rows matter here
    QSignalSpy added(b->service.get(), &DownloadService::downloadsAdded);
    QList<TrackInput> inputs;
    for (int i = 0; i < 500; ++i)
    {
        TrackInput input;
        input.sourceUrl = m_server->url(u"/batch-%1.mp3"_s.arg(i)).toString();
        inputs.append(input);
    }
    const Result<QList<Download>> stored = a->service->addTracks(inputs);
    QVERIFY(stored.ok());
    QStringList ids;
    for (const Download &download : *stored)
        ids.append(download.id);
    QSet<QString> heard;
    const auto allHeard = [&] {
        for (const QList<QVariant> &signal : std::as_const(added))
        {
            for (const Download &row : signal.at(0).value<QList<Download>>())
                heard.insert(row.id);
        }
        added.clear();
        return heard.size();
    };
    QTRY_COMPARE_WITH_TIMEOUT(allHeard(), ids.size(), ReachMs);
    QCOMPARE(heard, QSet<QString>(ids.cbegin(), ids.cend()));
}

// The server dropped A's connection (a restart of PostgreSQL, a cut network). A connects again at
// its next statement, but a new connection listens to nothing: A must subscribe again, or B's
// enqueues would never reach A's window again; and A's window reloads, for what it missed.
void TestSharedQueue::listeningSurvivesADroppedConnection()
{
    auto a = startWorker(u"box-a"_s, 1, std::chrono::milliseconds(200));
    auto b = startWorker(u"box-b"_s, 1);
    a->service->pauseQueue(); // nothing runs: only the rows matter here
    QSqlQuery ownPid(a->database->connection());
    QVERIFY(ownPid.exec(u"SELECT pg_backend_pid()"_s) && ownPid.next());
    const QString pid = ownPid.value(0).toString();
    ownPid.finish();
    QSignalSpy reload(a->service.get(), &DownloadService::reloadNeeded);
    QCOMPARE(valueOf(u"SELECT pg_terminate_backend(?)"_s, {pid}), u"true"_s);
    QTRY_COMPARE_WITH_TIMEOUT(reload.count(), 1, 5000);

    QSignalSpy added(a->service.get(), &DownloadService::downloadsAdded);
    const QStringList ids = addSlow(*b, 2);
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, ReachMs);
    QCOMPARE(added.at(0).at(0).value<QList<Download>>().size(), ids.size());
}

QTEST_GUILESS_MAIN(TestSharedQueue)
#include "tst_sharedqueue.moc"
