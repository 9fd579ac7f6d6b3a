// SPDX-License-Identifier: GPL-3.0-or-later
// One SlskdJob run the way the JobQueue runs it (support/jobrunner.h) against the stand-in slskd:
// how it stops (quickly, leaving nothing running in slskd, except on a shutdown), what it
// reports, and the copy across file systems.
#include "sources/slskd/slskdsource.h"
#include "sources/slskd/slskdtypes.h"
#include "support/fakeslskd.h"
#include "support/jobrunner.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Timeout = 20000;
const QString apiKey = u"job-test-key-0123456789"_s;

} // namespace

class TestSlskdJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void stopDuringSearchCancelsAndDeletesIt();
    void pauseCancelsTransferBeforeReturning();
    void shutdownLeavesTransferRunning();
    void reportsSourceAndStoresPathBeforeMoving();
    void copiesAcrossFileSystems();
    void lostLeaseLeavesTheFileInSlskd();
    void lostLeaseKeepsAnEarlierCompletePartialFile();
    void resumeAfterAPauseAtTheFinishTakesTheFinishedFile();

private:
    void addPeer(const QString &name, const QString &remotePath, qint64 size,
                 FakeSlskdPeer::Behavior behavior);
    std::unique_ptr<TransferJob> makeJob(JobRunner &runner, const QString &slskdDirectory = {},
                                         std::function<bool(const QString &)> persistUnderLease = {},
                                         const QString &targetPath = {}, const QString &sourceInfo = {});
    SlskdOptions options(const QString &slskdDirectory) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSlskd> m_slskd;
    std::unique_ptr<SlskdSource> m_source;
    // Written from the job's thread.
    QStringList notes() const;
    QString sourceInfo() const;
    mutable QMutex m_mutex;
    QStringList m_notes;
    QString m_sourceInfo;
};

QStringList TestSlskdJob::notes() const
{
    QMutexLocker lock(&m_mutex);
    return m_notes;
}

QString TestSlskdJob::sourceInfo() const
{
    QMutexLocker lock(&m_mutex);
    return m_sourceInfo;
}

void TestSlskdJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QDir().mkpath(m_dir->filePath(u"slskd"_s));
    QDir().mkpath(m_dir->filePath(u"music"_s));
    m_slskd = std::make_unique<FakeSlskd>(apiKey, m_dir->filePath(u"slskd"_s));
    QVERIFY(m_slskd->start());
    QMutexLocker lock(&m_mutex);
    m_notes.clear();
    m_sourceInfo.clear();
}

void TestSlskdJob::cleanup()
{
    m_source.reset();
    m_slskd.reset();
    m_dir.reset();
}

void TestSlskdJob::addPeer(const QString &name, const QString &remotePath, qint64 size,
                           FakeSlskdPeer::Behavior behavior)
{
    FakeSlskdPeer peer;
    peer.username = name;
    peer.behavior = behavior;
    FakeSlskdFile file;
    file.filename = remotePath;
    file.content = TestHttpServer::randomBody(size, 9);
    peer.files.append(file);
    m_slskd->addPeer(peer);
}

SlskdOptions TestSlskdJob::options(const QString &slskdDirectory) const
{
    SlskdOptions options;
    options.connection = {m_slskd->baseUrl(), apiKey};
    options.downloadsDirectory = slskdDirectory.isEmpty() ? m_dir->filePath(u"slskd"_s) : slskdDirectory;
    options.pollInterval = std::chrono::milliseconds(100);
    options.searchPollInterval = std::chrono::milliseconds(30);
    options.fileAppearTimeout = std::chrono::milliseconds(5000);
    return options;
}

std::unique_ptr<TransferJob> TestSlskdJob::makeJob(JobRunner &runner, const QString &slskdDirectory,
                                                   std::function<bool(const QString &)> persistUnderLease,
                                                   const QString &targetPath, const QString &sourceInfo)
{
    m_source = std::make_unique<SlskdSource>(options(slskdDirectory));
    QObject::connect(
        &runner.context(), &TransferContext::noteChanged, &runner.context(),
        [this](const QString &, const QString &note) {
            QMutexLocker lock(&m_mutex);
            m_notes.append(note);
        },
        Qt::DirectConnection);
    QObject::connect(
        &runner.context(), &TransferContext::sourceInfoChanged, &runner.context(),
        [this](const QString &, const QString &info) {
            QMutexLocker lock(&m_mutex);
            m_sourceInfo = info;
        },
        Qt::DirectConnection);
    TransferRequest request;
    request.download.id = u"download-1"_s;
    request.track.artist = u"Artist"_s;
    request.track.title = u"Title"_s;
    request.downloadDirectory = m_dir->filePath(u"music"_s);
    request.download.targetPath = targetPath;
    request.download.sourceInfo = sourceInfo;
    request.persistTargetPath = runner.persistFunction();
    request.persistTargetPathUnderLease = std::move(persistUnderLease);
    return m_source->createJob(request);
}

void TestSlskdJob::stopDuringSearchCancelsAndDeletesIt()
{
    addPeer(u"p"_s, u"@@p\\Artist\\Album\\Title.flac"_s, 1000, FakeSlskdPeer::Behavior::Deliver);
    FakeSlskdTimings timings;
    timings.searchMs = 10000;
    m_slskd->setTimings(timings);
    JobRunner runner;
    runner.start(makeJob(runner));
    QTRY_COMPARE_WITH_TIMEOUT(m_slskd->storedSearches(), 1, Timeout);
    QElapsedTimer clock;
    clock.start();
    runner.context().requestStop(StopReason::Cancelled);
    QVERIFY(runner.wait(5000));
    QVERIFY2(clock.elapsed() < 3000, // promised: about a second; generous for a busy machine
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    QCOMPARE(m_slskd->countPrefix("PUT", u"/api/v0/searches/"_s), 1); // cancelled, then deleted
    QCOMPARE(m_slskd->storedSearches(), 0);
    QCOMPARE(m_slskd->enqueueCount(), 0);
}

void TestSlskdJob::pauseCancelsTransferBeforeReturning()
{
    addPeer(u"busy"_s, u"@@b\\Artist\\Album\\Title.flac"_s, 1000, FakeSlskdPeer::Behavior::Stall);
    JobRunner runner;
    runner.start(makeJob(runner));
    QTRY_VERIFY_WITH_TIMEOUT(notes().contains(u"in the peer's queue"_s), Timeout);
    QCOMPARE(m_slskd->activeTransfers(), 1);
    QElapsedTimer clock;
    clock.start();
    runner.context().requestStop(StopReason::Paused);
    QVERIFY(runner.wait(5000));
    QVERIFY2(clock.elapsed() < 3000, // promised: about a second; generous for a busy machine
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    // Already when the job returns: cancelled and hidden in slskd.
    QCOMPARE(m_slskd->activeTransfers(), 0);
    QCOMPARE(m_slskd->visibleTransfers(), 0);
    // The file and transfer stay recorded, so that resuming queues the same file again.
    const SlskdSourceInfo info = SlskdSourceInfo::fromJson(sourceInfo());
    QCOMPARE(info.username, u"busy"_s);
    QVERIFY(!info.transferId.isEmpty());
}

void TestSlskdJob::shutdownLeavesTransferRunning()
{
    addPeer(u"busy"_s, u"@@b\\Artist\\Album\\Title.flac"_s, 1000, FakeSlskdPeer::Behavior::Stall);
    JobRunner runner;
    runner.start(makeJob(runner));
    QTRY_VERIFY_WITH_TIMEOUT(notes().contains(u"in the peer's queue"_s), Timeout);
    runner.context().requestStop(StopReason::Shutdown);
    QVERIFY(runner.wait(5000));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    QCOMPARE(m_slskd->activeTransfers(), 1); // the next start follows it
    QCOMPARE(m_slskd->countPrefix("DELETE", u"/api/v0/transfers/"_s), 0);
}

void TestSlskdJob::reportsSourceAndStoresPathBeforeMoving()
{
    addPeer(u"giver"_s, u"@@g\\Artist\\Album\\01 Title.flac"_s, 50000, FakeSlskdPeer::Behavior::Deliver);
    JobRunner runner;
    runner.start(makeJob(runner));
    QVERIFY(runner.wait(Timeout));
    const TransferOutcome outcome = runner.outcome();
    QCOMPARE(outcome.kind, TransferOutcome::Kind::Completed);
    const QString expected = QDir(m_dir->filePath(u"music"_s)).filePath(u"01 Title.flac"_s);
    QCOMPARE(outcome.filePath, expected);
    QCOMPARE(outcome.bytesDownloaded, 50000);
    QCOMPARE(runner.persistedPaths(), QStringList{expected});
    QCOMPARE(runner.reportedTargetPath(), expected);
    QCOMPARE(runner.lastProgressBytes(), 50000);
    QCOMPARE(SlskdSourceInfo::fromJson(sourceInfo()).username, u"giver"_s);
    QVERIFY(notes().contains(u"searching Soulseek for \"artist title\""_s));
    QVERIFY(notes().contains(u"downloading from giver"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(expected),
             TestHttpServer::sha256(TestHttpServer::randomBody(50000, 9)));
    QVERIFY(!QFileInfo::exists(expected + u".part"_s));
}

void TestSlskdJob::copiesAcrossFileSystems()
{
    // slskd's folder on another file system than the download folder: rename fails, copy works.
    QTemporaryDir shm(u"/dev/shm/soulspot-slskd-XXXXXX"_s);
    if (!shm.isValid() || QStorageInfo(shm.path()).device() == QStorageInfo(m_dir->path()).device())
        QSKIP("no second file system here");
    m_slskd.reset();
    m_slskd = std::make_unique<FakeSlskd>(apiKey, shm.path());
    QVERIFY(m_slskd->start());
    addPeer(u"far"_s, u"@@f\\Artist\\Album\\Title.flac"_s, 3 * 1024 * 1024 + 5,
            FakeSlskdPeer::Behavior::Deliver);
    JobRunner runner;
    runner.start(makeJob(runner, shm.path()));
    QVERIFY(runner.wait(Timeout));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(runner.outcome().filePath),
             TestHttpServer::sha256(TestHttpServer::randomBody(3 * 1024 * 1024 + 5, 9)));
    QVERIFY(!QFileInfo::exists(shm.filePath(u"Album/Title.flac"_s))); // removed after the copy
}

// Issue #11: a worker that no longer holds the download's lease (another worker took it over, or
// paused it) moves nothing: slskd's file stays where it is, the download folder gets nothing.
void TestSlskdJob::lostLeaseLeavesTheFileInSlskd()
{
    addPeer(u"giver"_s, u"@@g\\Artist\\Album\\01 Title.flac"_s, 50000, FakeSlskdPeer::Behavior::Deliver);
    JobRunner runner;
    std::atomic<int> asked{0};
    runner.start(makeJob(runner, {}, [&asked](const QString &) {
        ++asked;
        return false;
    }));
    QVERIFY(runner.wait(Timeout));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    QCOMPARE(asked.load(), 1);
    QCOMPARE(runner.context().stopReason(), StopReason::LeaseLost);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"slskd/Album/01 Title.flac"_s)));
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden), QStringList{});
    QVERIFY(runner.persistedPaths().isEmpty());
}

// An earlier try stopped between moving the file in and renaming it: its complete partial file
// waits under the recorded target path. A worker that no longer holds the lease leaves it as it
// is (before, it renamed it and completed the download without asking).
void TestSlskdJob::lostLeaseKeepsAnEarlierCompletePartialFile()
{
    constexpr qint64 size = 50000;
    addPeer(u"giver"_s, u"@@g\\Artist\\Album\\01 Title.flac"_s, size, FakeSlskdPeer::Behavior::Deliver);
    QVERIFY(QDir(m_dir->path()).mkpath(u"music"_s));
    const QString target = m_dir->filePath(u"music/01 Title.flac"_s);
    QFile partial(target + u".part"_s);
    QVERIFY(partial.open(QIODevice::WriteOnly));
    QCOMPARE(partial.write(TestHttpServer::randomBody(size, 9)), size);
    partial.close();
    JobRunner runner;
    std::atomic<int> asked{0};
    runner.start(makeJob(
        runner, {},
        [&asked](const QString &) {
            ++asked;
            return false;
        },
        target));
    QVERIFY(runner.wait(Timeout));
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    QCOMPARE(runner.context().stopReason(), StopReason::LeaseLost);
    QCOMPARE(asked.load(), 1);
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"01 Title.flac.part"_s});
}

// A user paused the download as its file was moved in: after the job confirmed its lease, before
// the worker's completion, which the pause wins over (DownloadService::storeCompletions). The run
// after the resume, with the recorded path and transfer, completes it with the file it finds at
// that path: no second transfer, no numbered copy.
void TestSlskdJob::resumeAfterAPauseAtTheFinishTakesTheFinishedFile()
{
    constexpr qint64 size = 50000;
    addPeer(u"giver"_s, u"@@g\\Artist\\Album\\01 Title.flac"_s, size, FakeSlskdPeer::Behavior::Deliver);
    const auto leaseHeld = [](const QString &) { return true; };
    JobRunner first;
    first.start(makeJob(first, {}, leaseHeld));
    QVERIFY(first.wait(Timeout));
    QCOMPARE(first.outcome().kind, TransferOutcome::Kind::Completed);
    const QString target = first.outcome().filePath;
    const QString recordedSource = sourceInfo();
    // The pause lets go of the transfer, as the service's does (SlskdSource::downloadLeftQueue).
    Download paused;
    paused.id = u"download-1"_s;
    paused.sourceInfo = recordedSource;
    m_source->downloadLeftQueue(paused);

    JobRunner resumed;
    resumed.start(makeJob(resumed, {}, leaseHeld, target, recordedSource));
    QVERIFY(resumed.wait(Timeout));
    QCOMPARE(resumed.outcome().kind, TransferOutcome::Kind::Completed);
    QCOMPARE(resumed.outcome().filePath, target);
    QCOMPARE(m_slskd->enqueueCount(), 1);
    QCOMPARE(QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"01 Title.flac"_s});
    QCOMPARE(TestHttpServer::sha256OfFile(target),
             TestHttpServer::sha256(TestHttpServer::randomBody(size, 9)));
}

QTEST_GUILESS_MAIN(TestSlskdJob)
#include "tst_slskdjob.moc"
