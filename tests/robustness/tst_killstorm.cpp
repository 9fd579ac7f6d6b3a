// SPDX-License-Identifier: GPL-3.0-or-later
// The soulspot-bridge binary killed with SIGKILL at random instants while it fetches 60 tiny files,
// three at a time, from a server that ignores Range (issue #12, item 3): whatever instant a kill
// hits (before the name is recorded, mid-body, between the rename and the database update), the
// folder ends with exactly one file per download, no "(1)", no stray ".part", each file right.
// bench/chaos_kill.sh runs the long version.
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

constexpr int downloadCount = 60;
constexpr int killRounds = 8;

QByteArray bodyOf(int i)
{
    return TestHttpServer::randomBody(2048 + 97 * i, 700 + quint32(i));
}

} // namespace

class TestKillStorm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killsAtRandomInstantsLeaveOneFilePerDownload();

private:
    void startBinary(QProcess &process, const QStringList &extra) const;
    QString downloadDir() const { return m_dir.filePath(u"music"_s); }

    QTemporaryDir m_dir;
    TestHttpServer m_server;
};

void TestKillStorm::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("SOULSPOT_BINARY")), "set SOULSPOT_BINARY");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start());
}

void TestKillStorm::startBinary(QProcess &process, const QStringList &extra) const
{
    Test::startHeadless(process, m_dir.filePath(u"home"_s), m_dir.filePath(u"soulspot.db"_s), downloadDir(),
                        extra + QStringList{u"--max-concurrent"_s, u"3"_s});
}

void TestKillStorm::killsAtRandomInstantsLeaveOneFilePerDownload()
{
    QStringList urls;
    QStringList expected;
    for (int i = 0; i < downloadCount; ++i)
    {
        TestResource resource;
        resource.body = bodyOf(i);
        resource.supportsRanges = false;
        const QString name = u"tiny%1.mp3"_s.arg(i, 2, 10, QChar(u'0'));
        m_server.setResource(u"/"_s + name, resource);
        urls.append(m_server.url(u"/"_s + name).toString());
        expected.append(name);
    }
    QFile list(m_dir.filePath(u"list.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(urls.join(u'\n').toUtf8() + '\n');
    list.close();

    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill instants from seed %u", seed);
    QRandomGenerator random(seed);
    for (int round = 0; round < killRounds; ++round)
    {
        QProcess process;
        startBinary(process, round == 0 ? QStringList{u"--import"_s, list.fileName()} : QStringList{});
        QVERIFY(process.waitForStarted());
        // The import must be stored before the first kill: wait for the first file.
        if (round == 0)
            QTRY_VERIFY_WITH_TIMEOUT(!QDir(downloadDir()).isEmpty(), 30000);
        QTest::qWait(int(random.bounded(round == 0 ? 0 : 30, 300)));
        process.kill();
        QVERIFY(process.waitForFinished(5000));
    }
    QProcess last;
    startBinary(last, {u"--exit-when-done"_s});
    QVERIFY(last.waitForFinished(60000));
    QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());

    QCOMPARE(QDir(downloadDir()).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);
    for (int i = 0; i < downloadCount; ++i)
        QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(expected.at(i))),
                 TestHttpServer::sha256(bodyOf(i)));
    Database database(m_dir.filePath(u"soulspot.db"_s));
    QVERIFY(database.open().ok());
    const auto rows = Test::listDownloads(DownloadRepository(database), std::nullopt, 0, 100);
    QCOMPARE(rows.total, downloadCount);
    for (const Download &row : rows.items)
        QCOMPARE(toString(row.status), u"completed"_s);
}

QTEST_GUILESS_MAIN(TestKillStorm)
#include "tst_killstorm.moc"
