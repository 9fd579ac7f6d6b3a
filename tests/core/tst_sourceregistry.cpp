// SPDX-License-Identifier: GPL-3.0-or-later
// The sources behind the service: which one takes a track, the jobs it makes, the hook a source
// hears when a download leaves the queue, and its description of a download. A real SQLite file
// and the real HttpSource; the second source is a small one made here to record what it hears.
#include "queue/transfercontext.h"
#include "queue/transferjob.h"
#include "service/downloadservice.h"
#include "service/sourceregistry.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/trackrepository.h"
#include "support/jobrunner.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

constexpr int Timeout = 20000;

// Takes the URLs of one host, recording.invalid; its jobs fail at once. Records the downloads it hears have
// left the queue.
class RecordingSource final : public DownloadSource
{
public:
    explicit RecordingSource(QStringList *leftQueue)
        : m_leftQueue(leftQueue)
    {
    }
    QString name() const override { return u"recording"_s; }
    bool accepts(const Track &track) const override
    {
        return QUrl(track.sourceUrl).host() == "recording.invalid"_L1;
    }
    std::unique_ptr<TransferJob> createJob(const TransferRequest &request) override
    {
        class FailingJob final : public TransferJob
        {
        public:
            TransferOutcome run(TransferContext &) override
            {
                return TransferOutcome::failed(u"the test source never succeeds"_s, false);
            }
        };
        Q_UNUSED(request);
        return std::make_unique<FailingJob>();
    }
    void downloadLeftQueue(const Download &download) override
    {
        m_leftQueue->append(u"%1 %2"_s.arg(download.id, toString(download.status)));
    }
    QString describe(const Download &download, const Track &track) const override
    {
        return u"recorded %1 for %2"_s.arg(track.sourceUrl, download.id);
    }

private:
    QStringList *m_leftQueue;
};

} // namespace

class TestSourceRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void firstAcceptingSourceMakesTheJob();
    void jobForMissingDownloadFailsSayingWhy();
    void sourcesHearWhenDownloadsLeaveTheQueue();
    void descriptionComesFromTheSource();

private:
    Download addDownload(const QString &url);
    std::unique_ptr<DownloadService> makeService();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    QStringList m_leftQueue;
};

void TestSourceRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    m_leftQueue.clear();
}

void TestSourceRegistry::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

Download TestSourceRegistry::addDownload(const QString &url)
{
    TrackInput input;
    input.sourceUrl = url;
    const Result<QList<Track>> tracks = TrackRepository(*m_database).insert({input});
    Download download;
    download.trackId = tracks ? tracks->first().id : QString();
    download.sourceUrl = url;
    const Result<QList<Download>> added = DownloadRepository(*m_database).insert({download});
    return added ? added->first() : Download{};
}

std::unique_ptr<DownloadService> TestSourceRegistry::makeService()
{
    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"downloads"_s);
    auto service = std::make_unique<DownloadService>(*m_database, options);
    service->addSource(std::make_unique<RecordingSource>(&m_leftQueue));
    service->addSource(std::make_unique<HttpSource>());
    return service;
}

void TestSourceRegistry::firstAcceptingSourceMakesTheJob()
{
    SourceRegistry registry(*m_database);
    registry.add(std::make_unique<RecordingSource>(&m_leftQueue));
    registry.add(std::make_unique<HttpSource>());
    Track web;
    web.sourceUrl = u"https://example.org/a.flac"_s;
    Track test; // HttpSource would take it too: the first added wins
    test.sourceUrl = u"https://recording.invalid/a.flac"_s;
    Track other;
    other.sourceUrl = u"ftp://example.org/a.flac"_s;
    QCOMPARE(registry.sourceFor(web)->name(), u"http"_s);
    QCOMPARE(registry.sourceFor(test)->name(), u"recording"_s);
    QVERIFY(!registry.sourceFor(other));

    const Download download = addDownload(u"https://recording.invalid/b.flac"_s);
    Test::JobRunner runner(download.id);
    runner.start(registry.createJob(download.id, m_dir->filePath(u"downloads"_s), {}));
    QVERIFY(runner.wait());
    QCOMPARE(runner.outcome().error, u"the test source never succeeds"_s);

    const Download unhandled = addDownload(u"ftp://example.org/b.flac"_s);
    Test::JobRunner refused(unhandled.id);
    refused.start(registry.createJob(unhandled.id, m_dir->filePath(u"downloads"_s), {}));
    QVERIFY(refused.wait());
    QCOMPARE(refused.outcome().error, u"no source can download \"ftp://example.org/b.flac\""_s);
    QVERIFY(!refused.outcome().retriable);
}

void TestSourceRegistry::jobForMissingDownloadFailsSayingWhy()
{
    SourceRegistry registry(*m_database);
    registry.add(std::make_unique<HttpSource>());
    Test::JobRunner runner(u"nope"_s);
    runner.start(registry.createJob(u"nope"_s, m_dir->path(), {}));
    QVERIFY(runner.wait());
    QCOMPARE(runner.outcome().error, u"the download no longer exists"_s);
}

void TestSourceRegistry::sourcesHearWhenDownloadsLeaveTheQueue()
{
    const std::unique_ptr<DownloadService> service = makeService();
    QVERIFY(service->start().ok());
    service->pauseQueue();
    TrackInput web;
    web.sourceUrl = u"http://127.0.0.1:9/a.flac"_s;
    TrackInput test;
    test.sourceUrl = u"https://recording.invalid/a.flac"_s;
    const auto added = service->addTracks({web, web, test});
    QVERIFY(added.ok());
    const QString paused = added->at(0).id;
    const QString cancelled = added->at(1).id;
    const QString failed = added->at(2).id;

    QVERIFY(service->pause(paused).ok());
    QVERIFY(service->cancel(cancelled).ok());
    QCOMPARE(m_leftQueue, (QStringList{paused + u" paused"_s, cancelled + u" cancelled"_s}));
    QVERIFY(service->resume(paused).ok()); // back in the queue: nothing to hear
    QCOMPARE(m_leftQueue.size(), 2);

    QVERIFY(service->cancel(paused).ok());
    service->resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(toString(service->download(failed)->status), u"failed"_s, Timeout);
    QCOMPARE(m_leftQueue, (QStringList{paused + u" paused"_s, cancelled + u" cancelled"_s,
                                       paused + u" cancelled"_s, failed + u" failed"_s}));
}

void TestSourceRegistry::descriptionComesFromTheSource()
{
    const std::unique_ptr<DownloadService> service = makeService();
    const Download web = addDownload(u"https://example.org/a.flac"_s);
    const Download test = addDownload(u"https://recording.invalid/a.flac"_s);
    const Download unhandled = addDownload(u"ftp://example.org/b.flac"_s);
    // By default: the URL of the download.
    QCOMPARE(service->sourceDescription(web.id), web.sourceUrl);
    QCOMPARE(service->sourceDescription(test.id),
             u"recorded https://recording.invalid/a.flac for %1"_s.arg(test.id));
    QCOMPARE(service->sourceDescription(unhandled.id), unhandled.sourceUrl);
    QVERIFY(service->sourceDescription(u"nope"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestSourceRegistry)
#include "tst_sourceregistry.moc"
