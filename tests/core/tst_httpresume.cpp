// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP transfers that continue where an earlier try stopped: never a file made of two versions,
// and never a second copy of a file an earlier try finished (issue #12, items 1 and 3). The
// version of a partial file goes through a real database, as in the engine.
#include "sources/filenaming.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "support/httpjobsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr qint64 fileSize = 400000;
const QByteArray etagA = "\"version-a\"";
const QByteArray etagB = "\"version-b\"";
const QByteArray dateA = "Mon, 23 Nov 2026 10:00:00 GMT";
const QByteArray dateB = "Thu, 26 Nov 2026 18:30:00 GMT";

} // namespace

class TestHttpResume : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void changedFileIsNeverMixed_data();
    void changedFileIsNeverMixed();
    void versionIsStoredBeforeTheFirstByte();
    void resumeStateIsKeptByOtherWrites();
    void finishedFileOfRecordedSizeIsAdopted();
    void finishedFileOfOtherSizeIsKept();
    void nameIsRecordedBeforeItsPartialFile();
    void recordedNameWithoutPartialFileIsUsed();
    void sizeIsRecordedBeforeTheRename();

private:
    // A download row of a track, stored; its id.
    QString insertDownload(const QUrl &url);
    // A request for the stored row `id`, whose writes go to the database like the engine's.
    TransferRequest storedRequest(const QString &id);
    // A request whose target already exists as a final file holding `onDisk` (and no partial
    // file), the download's size (`body`, served without Range) on record.
    TransferRequest finishedFileRequest(const QString &path, const QByteArray &body,
                                        const QByteArray &onDisk);
    QStringList filesInFolder() const;

    // A new server (and port) for each test: no connection kept alive from an earlier one.
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestHttpResume::initTestCase()
{
    QThreadPool::globalInstance()->setMaxThreadCount(4);
}

void TestHttpResume::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(u"music"_s)));
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    const Status opened = m_database->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
}

void TestHttpResume::cleanup()
{
    m_database.reset();
    m_server.reset();
}

QString TestHttpResume::insertDownload(const QUrl &url)
{
    return Test::insertHttpDownload(*m_database, url);
}

TransferRequest TestHttpResume::storedRequest(const QString &id)
{
    return Test::storedHttpRequest(*m_database, id, m_dir->filePath(u"music"_s));
}

TransferRequest TestHttpResume::finishedFileRequest(const QString &path, const QByteArray &body,
                                                    const QByteArray &onDisk)
{
    TestResource resource;
    resource.body = body;
    resource.supportsRanges = false;
    m_server->setResource(path, resource);
    const QString target = m_dir->filePath(u"music"_s + path);
    QFile final(target);
    if (final.open(QIODevice::WriteOnly))
        final.write(onDisk);
    final.close();
    TransferRequest request = Test::httpRequest(m_server->url(path), m_dir->filePath(u"music"_s), target);
    request.download.resumeTotalBytes = body.size();
    return request;
}

QStringList TestHttpResume::filesInFolder() const
{
    return QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

void TestHttpResume::changedFileIsNeverMixed_data()
{
    QTest::addColumn<QByteArray>("etagA");
    QTest::addColumn<QByteArray>("etagB");
    QTest::addColumn<QByteArray>("dateA");
    QTest::addColumn<QByteArray>("dateB");
    QTest::addColumn<bool>("honoursIfRange");
    QTest::addColumn<qint64>("sizeB");
    QTest::addColumn<QByteArray>("expectedRange");

    const QByteArray range = "bytes=200000-";
    QTest::newRow("ETag, If-Range honoured") << etagA << etagB << dateA << dateB << true << fileSize << range;
    QTest::newRow("ETag, If-Range ignored")
        << etagA << etagB << QByteArray() << QByteArray() << false << fileSize << range;
    QTest::newRow("Last-Modified, If-Range ignored")
        << QByteArray() << QByteArray() << dateA << dateB << false << fileSize << range;
    QTest::newRow("weak ETag only: nothing resumed")
        << QByteArray("W/\"a\"") << QByteArray("W/\"b\"") << QByteArray() << QByteArray() << false << fileSize
        << QByteArray();
    QTest::newRow("no validator: nothing resumed")
        << QByteArray() << QByteArray() << QByteArray() << QByteArray() << false << fileSize << QByteArray();
    QTest::newRow("other total, no validator on the range")
        << etagA << QByteArray() << QByteArray() << QByteArray() << false << qint64(500000) << range;
}

// A first try gets A[:200000] and is cut; the file on the server becomes B; the second try,
// after a restart (the database closed and opened again), must end with B and nothing of A.
void TestHttpResume::changedFileIsNeverMixed()
{
    QFETCH(QByteArray, etagA);
    QFETCH(QByteArray, etagB);
    QFETCH(QByteArray, dateA);
    QFETCH(QByteArray, dateB);
    QFETCH(bool, honoursIfRange);
    QFETCH(qint64, sizeB);
    QFETCH(QByteArray, expectedRange);
    const QByteArray bodyA = TestHttpServer::randomBody(fileSize, 1);
    const QByteArray bodyB = TestHttpServer::randomBody(sizeB, 2);
    TestResource resource;
    resource.body = bodyA;
    resource.etag = etagA;
    resource.lastModified = dateA;
    resource.derivedEtag = false;
    resource.honoursIfRange = honoursIfRange;
    resource.failure = TestResource::Failure::TruncateBody; // the first answer stops at 200000
    resource.failuresBeforeSuccess = 1;
    resource.changeAfterRequests = 1;
    resource.nextBody = bodyB;
    resource.nextEtag = etagB;
    resource.nextLastModified = dateB;
    m_server->setResource(u"/changing.mp3"_s, resource);
    const QString id = insertDownload(m_server->url(u"/changing.mp3"_s));

    const TransferOutcome first = Test::runHttpJob(storedRequest(id));
    VERIFY_OUTCOME(first, Failed);
    QCOMPARE(first.bytesDownloaded, fileSize / 2);
    // Qt may send the cut request once more on its own: the second try starts after those.
    const qsizetype secondTry = m_server->requests().size();
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open());

    const TransferOutcome second = Test::runHttpJob(storedRequest(id));
    VERIFY_OUTCOME(second, Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(second.filePath), TestHttpServer::sha256(bodyB));
    QCOMPARE(filesInFolder(), QStringList{u"changing.mp3"_s});
    const auto requests = m_server->requests();
    QVERIFY(requests.size() > secondTry);
    QCOMPARE(requests.at(secondTry).rangeHeader, expectedRange);
    QCOMPARE(requests.at(secondTry).ifRangeHeader,
             expectedRange.isEmpty() ? QByteArray() : (etagA.isEmpty() ? dateA : etagA));
    if (!honoursIfRange) // the answer to the range was B's: dropped, and B asked for from byte 0
        QVERIFY(requests.constLast().rangeHeader.isEmpty());
}

// The database knows the version of the partial file before the file holds a byte of it.
void TestHttpResume::versionIsStoredBeforeTheFirstByte()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(fileSize, 3);
    resource.etag = etagA;
    m_server->setResource(u"/stored.mp3"_s, resource);
    const QString id = insertDownload(m_server->url(u"/stored.mp3"_s));
    TransferRequest request = storedRequest(id);
    qint64 partialSizeWhenStored = -1;
    const auto store = request.persistResumeState;
    request.persistResumeState = [&, store](const QString &validator, qint64 total) {
        if (partialSizeWhenStored < 0)
        {
            const QString target = DownloadRepository(*m_database).find(id)->targetPath;
            partialSizeWhenStored = QFileInfo(target + FileNaming::partialSuffix).size();
        }
        return store(validator, total);
    };

    const TransferOutcome outcome = Test::runHttpJob(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(partialSizeWhenStored, 0);
    const std::optional<Download> row = DownloadRepository(*m_database).find(id);
    QCOMPARE(row->resumeValidator, QString::fromLatin1(etagA));
    QCOMPARE(row->resumeTotalBytes, fileSize);
}

// The engine writes whole rows (status, progress ...); the version stays what the transfer stored.
void TestHttpResume::resumeStateIsKeptByOtherWrites()
{
    const QString id = insertDownload(m_server->url(u"/any.mp3"_s));
    DownloadRepository downloads(*m_database);
    QVERIFY(downloads.setResumeState(id, QString::fromLatin1(etagA), 1234));
    Download row = *downloads.find(id);
    row.resumeValidator.clear();
    row.resumeTotalBytes = -1;
    row.status = DownloadStatus::Failed;
    QVERIFY(downloads.update(row));
    row = *downloads.find(id);
    QCOMPARE(toString(row.status), u"failed"_s);
    QCOMPARE(row.resumeValidator, QString::fromLatin1(etagA));
    QCOMPARE(row.resumeTotalBytes, 1234);
    QVERIFY(downloads.setResumeState(id, {}, -1));
    QVERIFY(downloads.find(id)->resumeValidator.isEmpty());
    QCOMPARE(downloads.find(id)->resumeTotalBytes, -1);
}

// A try renamed the finished file and was killed before the engine recorded its end; the server
// ignores Range, so asking it proves nothing. The recorded size does: no "(1)", no request.
void TestHttpResume::finishedFileOfRecordedSizeIsAdopted()
{
    const QByteArray body = TestHttpServer::randomBody(70000, 4);
    const QString target = m_dir->filePath(u"music/finished.mp3"_s);
    const TransferRequest request = finishedFileRequest(u"/finished.mp3"_s, body, body);

    const TransferOutcome outcome = Test::runHttpJob(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, target);
    QCOMPARE(outcome.bytesDownloaded, body.size());
    QCOMPARE(filesInFolder(), QStringList{u"finished.mp3"_s});
    QCOMPARE(m_server->requestCount(u"/finished.mp3"_s), 0);
}

// A file of another size under the target's name is someone else's: kept, and ours lands beside it.
void TestHttpResume::finishedFileOfOtherSizeIsKept()
{
    const QByteArray body = TestHttpServer::randomBody(70000, 5);
    const QString target = m_dir->filePath(u"music/other.mp3"_s);
    const TransferRequest request = finishedFileRequest(u"/other.mp3"_s, body, "not the download");

    const TransferOutcome outcome = Test::runHttpJob(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, m_dir->filePath(u"music/other (1).mp3"_s));
    QCOMPARE(TestHttpServer::sha256OfFile(outcome.filePath), TestHttpServer::sha256(body));
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256("not the download"));
    QCOMPARE(m_server->requests().constFirst().rangeHeader, QByteArray()); // nothing to continue
}

// A kill between claiming the name and recording it must not leave a partial file nobody knows
// of (and a "(1)" at the next try): the name is recorded first.
void TestHttpResume::nameIsRecordedBeforeItsPartialFile()
{
    TestResource resource;
    resource.body = TestHttpServer::randomBody(5000, 6);
    m_server->setResource(u"/claimed.mp3"_s, resource);
    TransferRequest request =
        Test::httpRequest(m_server->url(u"/claimed.mp3"_s), m_dir->filePath(u"music"_s));
    QStringList partialFilesWhenRecorded{u"not called"_s};
    request.persistTargetPath = [&](const QString &path) {
        partialFilesWhenRecorded = QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files);
        return true;
    };

    const TransferOutcome outcome = Test::runHttpJob(request);
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(partialFilesWhenRecorded, QStringList());
    QCOMPARE(filesInFolder(), QStringList{u"claimed.mp3"_s});
}

// The state such a kill leaves: the name recorded, no file yet. The next try uses that name.
void TestHttpResume::recordedNameWithoutPartialFileIsUsed()
{
    const QByteArray body = TestHttpServer::randomBody(5000, 7);
    TestResource resource;
    resource.body = body;
    resource.supportsRanges = false;
    m_server->setResource(u"/recorded.mp3"_s, resource);
    const QString target = m_dir->filePath(u"music/recorded.mp3"_s);

    const TransferOutcome outcome = Test::runHttpJob(
        Test::httpRequest(m_server->url(u"/recorded.mp3"_s), m_dir->filePath(u"music"_s), target));
    VERIFY_OUTCOME(outcome, Completed);
    QCOMPARE(outcome.filePath, target);
    QCOMPARE(filesInFolder(), QStringList{u"recorded.mp3"_s});
    QCOMPARE(TestHttpServer::sha256OfFile(target), TestHttpServer::sha256(body));
}

// An answer of unknown length (compressed here): its size is recorded before the rename, so that
// a kill right after the rename is recognised by the next try.
void TestHttpResume::sizeIsRecordedBeforeTheRename()
{
    const QByteArray body = TestHttpServer::randomBody(90000, 8);
    TestResource resource;
    resource.body = TestHttpServer::gzip(body);
    resource.headers = {{"Content-Encoding", "gzip"}};
    m_server->setResource(u"/packed.mp3"_s, resource);
    const QString id = insertDownload(m_server->url(u"/packed.mp3"_s));
    TransferRequest request = storedRequest(id);
    bool finalExistedWhenSizeStored = true;
    const auto store = request.persistResumeState;
    request.persistResumeState = [&, store](const QString &validator, qint64 total) {
        if (total == body.size())
            finalExistedWhenSizeStored = QFile::exists(m_dir->filePath(u"music/packed.mp3"_s));
        return store(validator, total);
    };

    const TransferOutcome outcome = Test::runHttpJob(request);
    VERIFY_OUTCOME(outcome, Completed);
    QVERIFY(!finalExistedWhenSizeStored);
    QCOMPARE(DownloadRepository(*m_database).find(id)->resumeTotalBytes, body.size());
}

QTEST_GUILESS_MAIN(TestHttpResume)
#include "tst_httpresume.moc"
