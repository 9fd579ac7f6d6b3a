// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadService::apply, the one entry for the user actions, and the source URL rule, over a real
// SQLite file. The queue is paused, so nothing is fetched: these are the rules, not the transfers.
#include "domain/sourceurl.h"
#include "support/servicetestbed.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestDownloadActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refusalsKeepTheirKindAndStatus();
    void noOpAnswersTheRowAsItIs();
    void priorityIsCheckedBeforeAnything();
    void wrappersAnswerLikeApply();
    void sourceUrlOutsideTheRuleIsRefused_data();
    void sourceUrlOutsideTheRuleIsRefused();
    void listWithOneBadSourceUrlCreatesNothing();
    void downloadUrlsAndSearchesAreAccepted();

private:
    QStringList addTracks(int count);
    QString statusOf(const QString &id) const { return m_bed->statusOf(id); }
    qint64 trackCount() const { return m_service->tracks(0, 100)->total; }
    qint64 downloadCount() const { return m_service->downloads(std::nullopt, 0, 100)->total; }

    std::unique_ptr<Test::ServiceTestBed> m_bed;
    DownloadService *m_service = nullptr;
};

void TestDownloadActions::init()
{
    m_bed = std::make_unique<Test::ServiceTestBed>();
    QVERIFY(m_bed->isReady());
    m_service = &m_bed->service();
    m_service->pauseQueue();
}

void TestDownloadActions::cleanup()
{
    m_service = nullptr;
    m_bed.reset();
}

QStringList TestDownloadActions::addTracks(int count)
{
    QList<TrackInput> inputs;
    for (int i = 0; i < count; ++i)
        inputs.append(TrackInput{u"Song %1"_s.arg(i), u"Band"_s, {}, u"http://127.0.0.1:1/%1.mp3"_s.arg(i)});
    QStringList ids;
    const Result<QList<Download>> added = m_service->addTracks(inputs);
    if (added)
    {
        for (const Download &download : *added)
            ids.append(download.id);
    }
    return ids;
}

// The window words a refusal from its kind and the status the download had, without reading the
// download again; the API maps the kind to its status code.
void TestDownloadActions::refusalsKeepTheirKindAndStatus()
{
    const QStringList ids = addTracks(2);
    QCOMPARE(ids.size(), 2);
    QVERIFY(m_service->cancel(ids.at(1)).ok());

    const Result<BatchActionResult> done =
        m_service->apply({ids.at(0), ids.at(1), u"missing"_s}, DownloadAction::Retry);
    QVERIFY(done.ok());
    QCOMPARE(done->action, DownloadAction::Retry);
    QCOMPARE(done->results.size(), 3);
    QCOMPARE(done->successful(), 1);
    QCOMPARE(done->failed(), 2);

    const BatchItemResult &queued = done->results.at(0);
    QCOMPARE(queued.id, ids.at(0));
    QVERIFY(!queued.ok);
    QVERIFY(queued.error.has_value());
    QCOMPARE(queued.error->kind, ErrorKind::Conflict);
    QCOMPARE(queued.error->message, forbiddenReason(DownloadStatus::Queued, DownloadAction::Retry));
    QVERIFY(queued.statusAtRefusal == DownloadStatus::Queued);
    QVERIFY(!queued.download.has_value());

    const BatchItemResult &cancelled = done->results.at(1);
    QVERIFY(cancelled.ok);
    QVERIFY(!cancelled.error.has_value());
    QVERIFY(!cancelled.statusAtRefusal.has_value());
    QVERIFY(cancelled.download.has_value());
    QCOMPARE(toString(cancelled.download->status), u"queued"_s);
    QCOMPARE(statusOf(ids.at(1)), u"queued"_s);

    const BatchItemResult &missing = done->results.at(2);
    QVERIFY(!missing.ok);
    QCOMPARE(missing.error->kind, ErrorKind::NotFound);
    QVERIFY2(missing.error->message.contains(u"missing"_s), qPrintable(missing.error->message));
    QVERIFY(!missing.statusAtRefusal.has_value());
    QCOMPARE(statusOf(ids.at(0)), u"queued"_s);
}

void TestDownloadActions::noOpAnswersTheRowAsItIs()
{
    const QStringList ids = addTracks(1);
    const Result<BatchActionResult> done = m_service->apply(ids, DownloadAction::Resume);
    QVERIFY(done.ok());
    QVERIFY(done->results.first().ok);
    QCOMPARE(done->results.first().download->id, ids.first());
    QCOMPARE(toString(done->results.first().download->status), u"queued"_s);
}

void TestDownloadActions::priorityIsCheckedBeforeAnything()
{
    const QStringList ids = addTracks(2);
    for (std::optional<int> priority : {std::optional<int>(), std::optional<int>(3), std::optional<int>(-1)})
    {
        const Result<BatchActionResult> done = m_service->apply(ids, DownloadAction::SetPriority, priority);
        QVERIFY(!done.ok());
        QCOMPARE(done.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(done.error().message.contains(u"priority"_s), qPrintable(done.error().message));
    }
    QCOMPARE(m_service->download(ids.at(0))->priority, 2);

    // Other actions ignore a priority.
    const Result<BatchActionResult> paused = m_service->apply(ids, DownloadAction::Pause, 0);
    QCOMPARE(paused->successful(), 2);
    QCOMPARE(m_service->download(ids.at(0))->priority, 2);

    const Result<BatchActionResult> prioritised = m_service->apply(ids, DownloadAction::SetPriority, 0);
    QCOMPARE(prioritised->successful(), 2);
    QCOMPARE(prioritised->results.at(1).download->priority, 0);
    QCOMPARE(m_service->download(ids.at(1))->priority, 0);
    QCOMPARE(statusOf(ids.at(1)), u"paused"_s);
}

void TestDownloadActions::wrappersAnswerLikeApply()
{
    const QStringList ids = addTracks(1);
    const Result<Download> paused = m_service->pause(ids.first());
    QVERIFY(paused.ok());
    QCOMPARE(toString(paused->status), u"paused"_s);
    const Result<Download> retried = m_service->retry(ids.first());
    QVERIFY(!retried.ok());
    QCOMPARE(retried.error().kind, ErrorKind::Conflict);
    QCOMPARE(m_service->resume(u"missing"_s).error().kind, ErrorKind::NotFound);
    QCOMPARE(m_service->setPriority(ids.first(), 7).error().kind, ErrorKind::InvalidArgument);
}

void TestDownloadActions::sourceUrlOutsideTheRuleIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("file") << u"file:///etc/passwd"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s;
    QTest::newRow("ftp") << u"ftp://x"_s;
    QTest::newRow("data") << u"data:audio/mpeg;base64,AAAA"_s;
    QTest::newRow("http without host") << u"http:///etc/passwd"_s;
    QTest::newRow("no scheme") << u"example.org/a.mp3"_s;
    QTest::newRow("relative path") << u"/etc/passwd"_s;
}

void TestDownloadActions::sourceUrlOutsideTheRuleIsRefused()
{
    QFETCH(QString, url);
    QVERIFY(!isDownloadUrl(url));
    QVERIFY(sourceUrlProblem(url).has_value());

    const Result<Track> track = m_service->createTrack(TrackInput{u"Song"_s, {}, {}, url});
    QVERIFY(!track.ok());
    QCOMPARE(track.error().kind, ErrorKind::InvalidArgument);
    QVERIFY2(track.error().message.startsWith(u"source_url "_s), qPrintable(track.error().message));
    QVERIFY2(track.error().message.contains(url), qPrintable(track.error().message));

    const Result<QList<Download>> added = m_service->addTracks({TrackInput{{}, {}, {}, url}});
    QVERIFY(!added.ok());
    QCOMPARE(added.error().kind, ErrorKind::InvalidArgument);
    QCOMPARE(trackCount(), 0);
    QCOMPARE(downloadCount(), 0);
}

void TestDownloadActions::listWithOneBadSourceUrlCreatesNothing()
{
    const QList<TrackInput> inputs{TrackInput{u"A"_s, {}, {}, u"https://example.org/a.flac"_s},
                                   TrackInput{u"B"_s, {}, {}, u"javascript:alert(1)"_s},
                                   TrackInput{u"C"_s, {}, {}, {}}};
    const Result<QList<Track>> tracks = m_service->createTracks(inputs);
    QVERIFY(!tracks.ok());
    QVERIFY2(tracks.error().message.startsWith(u"tracks[1].source_url "_s),
             qPrintable(tracks.error().message));
    const Result<QList<Download>> added = m_service->addTracks(inputs);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().message, tracks.error().message);
    QCOMPARE(trackCount(), 0);
    QCOMPARE(downloadCount(), 0);
}

void TestDownloadActions::downloadUrlsAndSearchesAreAccepted()
{
    const QStringList urls{u"http://127.0.0.1:1/a.mp3"_s,        u"https://example.org/b.flac"_s,
                           u"HTTPS://EXAMPLE.ORG/c.ogg"_s,       u"slsk://user/Music/d.flac"_s,
                           u"https://example.org/My Song.mp3"_s, QString()};
    QList<TrackInput> inputs;
    for (const QString &url : urls)
    {
        QVERIFY2(!sourceUrlProblem(url).has_value(), qPrintable(url));
        inputs.append(TrackInput{u"Song"_s, u"Band"_s, {}, url});
    }
    const Result<QList<Download>> added = m_service->addTracks(inputs);
    QVERIFY2(added.ok(), added ? "" : qPrintable(added.error().message));
    QCOMPARE(downloadCount(), urls.size());
}

QTEST_GUILESS_MAIN(TestDownloadActions)

#include "tst_downloadactions.moc"
