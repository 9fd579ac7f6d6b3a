// SPDX-License-Identifier: GPL-3.0-or-later
// A segmented download of the soulspot-bridge binary killed with SIGKILL again and again while
// eight connections fetch one file from a server that throttles each connection (issue #10,
// item 2): each restart continues every segment from the map of done ranges stored with the
// batched progress (never the whole file again), and the file is right in the end.
#include "sources/byteranges.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "support/processenvironment.h"
#include "support/storagetestsupport.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr qint64 fileSize = 16 * 1024 * 1024;
constexpr int perConnectionRate = 64 * 1024; // eight connections: about 0.5 MiB/s in all
constexpr int killRounds = 20;

} // namespace

class TestSegmentKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedSegmentedDownloadResumesEachSegment();

private:
    void startBinary(QProcess &process, const QStringList &extra) const;
    QString downloadDir() const { return m_dir.filePath(u"music"_s); }
    qint64 storedDoneBytes() const;

    QTemporaryDir m_dir;
    TestHttpServer m_server;
};

void TestSegmentKill::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("SOULSPOT_BINARY")), "set SOULSPOT_BINARY");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start());
}

void TestSegmentKill::startBinary(QProcess &process, const QStringList &extra) const
{
    Test::startHeadless(process, m_dir.filePath(u"home"_s), m_dir.filePath(u"soulspot.db"_s), downloadDir(),
                        extra);
}

// The bytes the stored map says are done (0 while there is none). Only while no binary runs.
qint64 TestSegmentKill::storedDoneBytes() const
{
    Database database(m_dir.filePath(u"soulspot.db"_s));
    if (!database.open().ok())
        return 0;
    const auto rows = Test::listDownloads(DownloadRepository(database), std::nullopt, 0, 10);
    if (rows.items.isEmpty())
        return 0;
    const std::optional<ByteRanges::Parsed> map = ByteRanges::fromText(rows.items.constFirst().doneRanges);
    return map ? map->done.bytes() : 0;
}

void TestSegmentKill::killedSegmentedDownloadResumesEachSegment()
{
    const TestResource resource = TestHttpServer::randomResource(fileSize, 77, perConnectionRate);
    m_server.setResource(u"/album.flac"_s, resource);
    QFile list(m_dir.filePath(u"list.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(m_server.url(u"/album.flac"_s).toEncoded() + '\n');
    list.close();

    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill instants from seed %u", seed);
    QRandomGenerator random(seed);
    qint64 doneBefore = 0;
    for (int round = 0; round < killRounds; ++round)
    {
        QProcess process;
        startBinary(process, round == 0 ? QStringList{u"--import"_s, list.fileName()} : QStringList{});
        QVERIFY(process.waitForStarted());
        // The import must be stored before the first kill: wait for the partial file.
        if (round == 0)
            QTRY_VERIFY_WITH_TIMEOUT(!QDir(downloadDir()).isEmpty(), 30000);
        QTest::qWait(int(random.bounded(200, 700)));
        process.kill();
        QVERIFY(process.waitForFinished(5000));
        const qint64 done = storedDoneBytes();
        QVERIFY2(done >= doneBefore,
                 qPrintable(u"round %1: the map lost done bytes (%2 after %3)"_s.arg(round).arg(done).arg(
                     doneBefore)));
        doneBefore = done;
    }
    QVERIFY2(doneBefore < fileSize, qPrintable(u"the kills came too late: %1 bytes done"_s.arg(doneBefore)));
    m_server.clearRequests();

    // Under load the lock a killed run left is now and then not taken over at once ("in use by
    // another SoulSpot Bridge" naming the dead pid, DatabaseLock's 100 ms): a second start is.
    QByteArray errors;
    for (int start = 0; start < 3; ++start)
    {
        QProcess last;
        startBinary(last, {u"--exit-when-done"_s});
        QVERIFY(last.waitForFinished(120000));
        errors = last.readAllStandardError();
        if (last.exitCode() == 0 || !errors.contains("in use by another"))
        {
            QVERIFY2(last.exitCode() == 0, errors.constData());
            break;
        }
        QTest::qWait(500);
    }
    QCOMPARE(QDir(downloadDir()).entryList(QDir::Files | QDir::Hidden), QStringList{u"album.flac"_s});
    QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(u"album.flac"_s)),
             TestHttpServer::sha256(resource.body));
    // The last start continued the segments: every request asked for a range, none for the file.
    const QList<TestHttpServer::RequestLog> requests = m_server.requests();
    QVERIFY(!requests.isEmpty());
    for (const TestHttpServer::RequestLog &request : requests)
        QVERIFY2(request.rangeHeader.startsWith("bytes="), "a restart fetched the whole file again");
}

QTEST_GUILESS_MAIN(TestSegmentKill)
#include "tst_segmentkill.moc"
