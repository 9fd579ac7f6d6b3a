// SPDX-License-Identifier: GPL-3.0-or-later
// The counts per status kept in memory against the table they count: a real SQLite file, and
// real HTTP transfers from a server the test starts on 127.0.0.1.
#include "service/statuscounters.h"
#include "storage/downloadrepository.h"
#include "support/servicetestbed.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::ServiceTestBed;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 20000;

// "queued=2 downloading=0 ...": one line that QCOMPARE can print.
QString describe(const QHash<DownloadStatus, qint64> &counts)
{
    QStringList parts;
    for (const DownloadStatus status : allDownloadStatuses)
        parts.append(u"%1=%2"_s.arg(toString(status)).arg(counts.value(status)));
    return parts.join(u' ');
}

} // namespace

class TestStatusCounters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void countsMoveWithTheChanges();
    void countersMatchTheTableAfterMixOfActions();

private:
    QStringList addUrls(const QString &path, int count);
    QString addUrl(const QString &path) { return addUrls(path, 1).value(0); }
    QString statusOf(const QString &id) const { return m_bed->statusOf(id); }
    // The service's counts per status, as its listing totals say.
    QHash<DownloadStatus, qint64> serviceCounts() const;

    std::unique_ptr<ServiceTestBed> m_bed;
    DownloadService *m_service = nullptr;
    TestHttpServer *m_server = nullptr;
};

void TestStatusCounters::init()
{
    m_bed = std::make_unique<ServiceTestBed>([](ServiceOptions &options) {
        options.maxConcurrentDownloads = 10;
        options.defaultMaxRetries = 1;
    });
    QVERIFY(m_bed->isReady());
    m_service = &m_bed->service();
    m_server = &m_bed->server();
}

void TestStatusCounters::cleanup()
{
    m_service = nullptr;
    m_server = nullptr;
    m_bed.reset();
}

QStringList TestStatusCounters::addUrls(const QString &path, int count)
{
    QList<TrackInput> inputs;
    for (int i = 0; i < count; ++i)
    {
        TrackInput input;
        input.sourceUrl = m_server->url(path).toString() + u"?n=%1"_s.arg(i);
        inputs.append(input);
    }
    QStringList ids;
    const auto added = m_service->addTracks(inputs);
    for (const Download &download : added.value())
        ids.append(download.id);
    return ids;
}

QHash<DownloadStatus, qint64> TestStatusCounters::serviceCounts() const
{
    QHash<DownloadStatus, qint64> counts;
    for (const DownloadStatus status : allDownloadStatuses)
        counts.insert(status, m_service->downloads(status, 0, 1)->total);
    return counts;
}

void TestStatusCounters::countsMoveWithTheChanges()
{
    m_service->pauseQueue();
    addUrl(u"/nowhere.bin"_s); // one row in the table before the count
    StatusCounters counters;
    counters.recount(m_bed->database());
    QCOMPARE(counters.total(), 1);

    counters.added(DownloadStatus::Queued, 4);
    counters.moved(DownloadStatus::Queued, DownloadStatus::Downloading);
    counters.moved(DownloadStatus::Downloading, DownloadStatus::Completed);
    counters.moved(DownloadStatus::Queued, DownloadStatus::Paused);
    counters.moved(DownloadStatus::Paused, DownloadStatus::Paused); // no change
    QCOMPARE(counters.total(), 5);
    QCOMPARE(counters.count(DownloadStatus::Completed), 1);
    QCOMPARE(counters.count(DownloadStatus::Paused), 1);
    QVERIFY(counters.hasPendingWork());

    // Never below zero, whatever a caller reports.
    counters.moved(DownloadStatus::Failed, DownloadStatus::Queued);
    QCOMPARE(counters.count(DownloadStatus::Failed), 0);

    const QueueStats stats = counters.stats(true, 4, 1234);
    QVERIFY(stats.paused);
    QCOMPARE(stats.maxConcurrentDownloads, 4);
    QCOMPARE(stats.totalSpeedBytesPerSecond, 1234);
    QCOMPARE(stats.queuedDownloads, counters.count(DownloadStatus::Queued));
    QCOMPARE(stats.totalJobs, counters.total());
}

void TestStatusCounters::countersMatchTheTableAfterMixOfActions()
{
    TestResource small;
    small.body = TestHttpServer::randomBody(4000, 1);
    m_server->setResource(u"/small.bin"_s, small);
    TestResource missing;
    missing.status = 404;
    m_server->setResource(u"/gone.bin"_s, missing);
    TestResource slow;
    slow.body = TestHttpServer::randomBody(8 * 1024 * 1024, 2);
    slow.bytesPerSecond = 256 * 1024;
    m_server->setResource(u"/slow.bin"_s, slow);

    const QStringList done = addUrls(u"/small.bin"_s, 4);
    const QStringList gone = addUrls(u"/gone.bin"_s, 2);
    const QStringList running = addUrls(u"/slow.bin"_s, 3);
    for (const QString &id : done)
        // Its error in the message: four transfers of one name raced for it (see
        // tst_filenaming::claimUniquePathWhileOthersFinish).
        QTRY_VERIFY2_WITH_TIMEOUT(statusOf(id) == u"completed"_s,
                                  qPrintable(statusOf(id) + u": "_s + m_service->download(id)->errorMessage),
                                  Timeout);
    for (const QString &id : gone)
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"failed"_s, Timeout);
    for (const QString &id : running)
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), u"downloading"_s, Timeout);

    QVERIFY(m_service->pause(running.at(0)).ok());
    QVERIFY(m_service->cancel(running.at(1)).ok());
    QVERIFY(m_service->setPriority(running.at(2), 0).ok());
    QVERIFY(!m_service->pause(done.at(0)).ok()); // refused: nothing moves
    QVERIFY(m_service->retry(gone.at(0)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(gone.at(0)), u"failed"_s, Timeout);
    m_service->pauseQueue();
    const QStringList later = addUrls(u"/slow.bin"_s, 3);
    QVERIFY(m_service->resume(running.at(0)).ok());
    const auto batch =
        m_service->apply({later.at(0), later.at(1), done.at(1), u"unknown"_s}, DownloadAction::Pause);
    QVERIFY(batch.ok());
    QCOMPARE(batch->successful(), 2);
    QVERIFY(m_service->cancel(later.at(2)).ok());
    QVERIFY(m_service->retry(later.at(2)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(running.at(2)), u"queued"_s, Timeout);

    const QHash<DownloadStatus, qint64> table = DownloadRepository(m_bed->database()).countByStatus();
    QCOMPARE(describe(serviceCounts()), describe(table));
    QCOMPARE(describe(table), u"queued=3 downloading=0 paused=2 completed=4 failed=2 cancelled=1"_s);
    const QueueStats stats = m_service->stats();
    QCOMPARE(stats.queuedDownloads, 3);
    QCOMPARE(stats.pausedDownloads, 2);
    QCOMPARE(stats.totalJobs, 12);
    QVERIFY(m_service->hasPendingWork());
}

QTEST_GUILESS_MAIN(TestStatusCounters)
#include "tst_statuscounters.moc"
