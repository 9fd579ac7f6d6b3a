// SPDX-License-Identifier: GPL-3.0-or-later
// A download's own folder (issue #9, the Add dialog's and the API's download_dir): it lands there,
// a name from the server never leads out of it, a folder that cannot be used is refused before
// anything is stored, and one that breaks later fails only its own downloads while the queue
// goes on. A real SQLite file, real HTTP transfers from a server the test starts on 127.0.0.1,
// files checked by SHA-256.
#include "service/downloadservice.h"
#include "support/servicetestbed.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr int Timeout = 30000;

} // namespace

class TestOwnFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void downloadLandsInItsOwnFolder();
    void serverNameStaysInsideTheOwnFolder();
    void unusableFolderIsRefusedAndNothingStored_data();
    void unusableFolderIsRefusedAndNothingStored();
    void brokenOwnFolderFailsOnlyItsDownloads();

private:
    TrackInput serve(const QString &path, const QByteArray &body, const QByteArray &disposition = {});
    QString settingsFolder() const { return m_bed->downloadDir(); }

    std::unique_ptr<Test::ServiceTestBed> m_bed;
};

void TestOwnFolder::init()
{
    m_bed = std::make_unique<Test::ServiceTestBed>();
    QVERIFY(m_bed->isReady());
}

void TestOwnFolder::cleanup()
{
    m_bed.reset();
}

TrackInput TestOwnFolder::serve(const QString &path, const QByteArray &body, const QByteArray &disposition)
{
    TestResource resource;
    resource.body = body;
    resource.contentDisposition = disposition;
    m_bed->server().setResource(path, resource);
    TrackInput input;
    input.sourceUrl = m_bed->server().url(path).toString();
    return input;
}

void TestOwnFolder::downloadLandsInItsOwnFolder()
{
    const QByteArray body = TestHttpServer::randomBody(300000, 11);
    const QString own = m_bed->path(u"elsewhere/albums/new"_s); // created when checked
    const Result<QList<Download>> added = m_bed->service().addTracks({serve(u"/own.mp3"_s, body)}, 0, own);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QCOMPARE(added->first().downloadDirectory, own);
    const QString id = added->first().id;
    // Stored: a restart reads it back.
    QCOMPARE(m_bed->service().download(id)->downloadDirectory, own);
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_bed->service().download(id)->status), u"completed"_s, Timeout);
    const Download done = *m_bed->service().download(id);
    QCOMPARE(QFileInfo(done.targetPath).absolutePath(), own);
    QCOMPARE(TestHttpServer::sha256OfFile(done.targetPath), TestHttpServer::sha256(body));
    QVERIFY(QDir(settingsFolder()).entryList(QDir::Files).isEmpty());

    // Without a folder of its own, the settings' folder, as before.
    const QString plain = m_bed->service().addTracks({serve(u"/plain.mp3"_s, body)})->first().id;
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_bed->service().download(plain)->status), u"completed"_s, Timeout);
    QVERIFY(m_bed->service().download(plain)->downloadDirectory.isEmpty());
    QCOMPARE(QFileInfo(m_bed->service().download(plain)->targetPath).absolutePath(), settingsFolder());
}

void TestOwnFolder::serverNameStaysInsideTheOwnFolder()
{
    const QByteArray body = TestHttpServer::randomBody(50000, 12);
    const QString own = m_bed->path(u"own/inner"_s);
    const TrackInput input = serve(u"/x.mp3"_s, body, "attachment; filename=\"../../escape.mp3\"");
    const QString id = m_bed->service().addTracks({input}, std::nullopt, own)->first().id;
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_bed->service().download(id)->status), u"completed"_s, Timeout);
    const QString target = m_bed->service().download(id)->targetPath;
    QCOMPARE(QFileInfo(target).absolutePath(), own);
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
    QVERIFY(!QFile::exists(m_bed->path(u"escape.mp3"_s)));
    QVERIFY(!QFile::exists(m_bed->path(u"own/escape.mp3"_s)));

    // Removing it with its file deletes inside its own folder (not only the settings' one).
    QVERIFY(m_bed->service().remove(id, true).ok());
    QVERIFY(!QFile::exists(target));
}

void TestOwnFolder::unusableFolderIsRefusedAndNothingStored_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("named");
    QTest::newRow("relative") << u"music/new"_s << u"absolute path"_s;
    QTest::newRow("under a file") << u"FILE/sub"_s << u"Not a directory"_s;
    QTest::newRow("/proc") << u"/proc/forbidden"_s << u"/proc/forbidden"_s;
}

void TestOwnFolder::unusableFolderIsRefusedAndNothingStored()
{
    QFETCH(QString, folder);
    QFETCH(QString, named);
    QFile blocker(m_bed->path(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    folder.replace(u"FILE"_s, blocker.fileName());
    QSignalSpy added(&m_bed->service(), &DownloadService::downloadsAdded);
    const Result<QList<Download>> refused =
        m_bed->service().addTracks({serve(u"/a.mp3"_s, "a"), serve(u"/b.mp3"_s, "b")}, std::nullopt, folder);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::InvalidArgument);
    QVERIFY2(refused.error().message.startsWith(u"download_dir: "_s) &&
                 refused.error().message.contains(named),
             qPrintable(refused.error().message));
    QCOMPARE(m_bed->service().stats().totalJobs, 0);
    QCOMPARE(m_bed->service().tracks(0, 10)->total, 0);
    QCOMPARE(added.size(), 0);

    // The same through enqueueBatch (the API's batch): the tracks stay, no download is made.
    const Track track = *m_bed->service().createTrack(serve(u"/c.mp3"_s, "c"));
    QVERIFY(!m_bed->service().enqueueBatch({track.id}, std::nullopt, folder).ok());
    QCOMPARE(m_bed->service().stats().totalJobs, 0);
}

// The folder of some downloads breaks (here a file stands where it was): those fail with an
// error naming the folder and their partial file kept; the queue is not paused and the
// downloads into the settings' folder complete.
void TestOwnFolder::brokenOwnFolderFailsOnlyItsDownloads()
{
    m_bed->service().pauseQueue();
    const QString own = m_bed->path(u"usb/music"_s);
    const QByteArray ownBody = TestHttpServer::randomBody(60000, 14);
    const QString ownId =
        m_bed->service().addTracks({serve(u"/own.mp3"_s, ownBody)}, std::nullopt, own)->first().id;
    const QByteArray body = TestHttpServer::randomBody(80000, 13);
    const QString plainId = m_bed->service().addTracks({serve(u"/plain.mp3"_s, body)})->first().id;
    QVERIFY(QDir(m_bed->path(u"usb"_s)).removeRecursively());
    QFile blocker(m_bed->path(u"usb"_s)); // as an unmounted disk whose mount point is gone
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    QSignalSpy folderPauses(&m_bed->service(), &DownloadService::queuePausedForFolder);
    m_bed->service().resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_bed->service().download(ownId)->status), u"failed"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(toString(m_bed->service().download(plainId)->status), u"completed"_s, Timeout);
    const Download failed = *m_bed->service().download(ownId);
    QCOMPARE(failed.error.kind(), DownloadError::Kind::OwnFolderUnusable);
    QVERIFY2(failed.errorMessage.contains(own) && failed.errorMessage.contains(u"Not a directory"_s),
             qPrintable(failed.errorMessage));
    QCOMPARE(folderPauses.size(), 0);
    QVERIFY(!m_bed->service().isQueuePaused());
    QVERIFY(m_bed->service().stats().pausedReason.isEmpty());
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->service().download(plainId)->targetPath),
             TestHttpServer::sha256(body));

    // The folder works again: a retry completes the download there.
    QVERIFY(QFile::remove(blocker.fileName()));
    QVERIFY(m_bed->service().retry(ownId).ok());
    QTRY_VERIFY2_WITH_TIMEOUT(m_bed->service().download(ownId)->status == DownloadStatus::Completed,
                              qPrintable(m_bed->service().download(ownId)->errorMessage), Timeout);
    QCOMPARE(QFileInfo(m_bed->service().download(ownId)->targetPath).absolutePath(), own);
    QCOMPARE(TestHttpServer::sha256OfFile(m_bed->service().download(ownId)->targetPath),
             TestHttpServer::sha256(ownBody));
}

QTEST_GUILESS_MAIN(TestOwnFolder)
#include "tst_ownfolder.moc"
